"""What every format shares: the raw snapshot readers hand to the loader, and
bounded, regular-file-only reading.

Readers never build records: they return a :class:`Raw` — meta and records
as JSON-ready data, each tagged with where it came from — and the one loader
(:mod:`kz_labour_rights._load`) structures, resolves and verifies it, the
same way for every format.  Every defect a reader finds is appended to
``problems``; readers go on as far as they can so that one run lists all.

Limits (each breach is a :class:`~kz_labour_rights.DataError` naming the
file): only regular files are opened (no FIFO, device, socket or directory);
a file is at most :data:`MAX_FILE_BYTES`; text is strict UTF-8 without a
byte-order mark; JSON integers have at most :data:`MAX_INT_DIGITS` digits,
``NaN``/``Infinity`` are refused, and nesting deeper than the parser allows
is reported, not raised.
"""

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

import attrs

from .._converter import unstructure
from .._dataset import SCHEMA_VERSION, Dataset, Meta, canonical_json
from .._errors import Problem
from .._resources import Traversable

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_INT_DIGITS",
    "READ_FLAGS",
    "UNREADABLE",
    "Raw",
    "RawRecord",
    "declared_schema",
    "export_meta",
    "meta_text",
    "parse_json",
    "read_bytes",
    "read_head",
    "read_json",
    "read_text",
    "write_text",
]

MAX_FILE_BYTES = 256 * 1024 * 1024
"""The largest file a reader opens (256 MiB; the packaged snapshot's largest file is under 1 MiB)."""

MAX_INT_DIGITS = 20
"""The most digits a JSON integer may have (no field needs more than a few)."""

UNREADABLE: Any = object()
"""Returned by the read helpers when a problem was recorded instead."""

Root = Union[Path, Traversable]


@attrs.frozen(kw_only=True)
class RawRecord:
    """One record as read, before structuring.

    Attributes:
        file: the file (or ``file: table``) it was read from.
        label: the record's id, or its position when the id is unreadable.
        data: the JSON-ready dict.
    """

    file: str
    label: str
    data: Any


@attrs.frozen(kw_only=True)
class Raw:
    """A snapshot as one format read it, for the loader to structure.

    Attributes:
        format: the reader's format name.
        meta: the meta object as read (JSON-ready), or :data:`UNREADABLE`.
        meta_file: where the meta was read from, for messages.
        records: collection name → its raw records.
        redirects: the redirect table's raw rows.
        problems: every defect the reader found.
        digest: for a reader of the canonical files, ``sha256:<hex>`` over
            the record files' text as read, framed as the content checksum
            is; the loader accepts it when it equals the meta's checksum,
            and re-serialises the records only when it does not.
    """

    format: str
    meta: Any
    meta_file: str
    records: Dict[str, List[RawRecord]]
    redirects: List[RawRecord]
    problems: List[Problem]
    digest: Optional[str] = None


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


# O_NONBLOCK: opening a FIFO must not wait for a writer.
READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
"""How every reader opens a file: the fstat after opening then refuses anything but a regular file."""


def read_bytes(path: Root, where: str, problems: List[Problem], *, follow: bool = True) -> Any:
    """The bytes of regular file ``path`` (at most :data:`MAX_FILE_BYTES`), or :data:`UNREADABLE`.

    With ``follow`` false a symlink is not followed (it fails to open).
    """
    if not isinstance(path, Path):
        # Packaged data inside a zip: not a file system path, nothing hostile.
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            problems.append(Problem(file=where, message="missing file"))
            return UNREADABLE
        except OSError as exc:
            problems.append(Problem(file=where, message=f"unreadable: {exc.strerror or exc}"))
            return UNREADABLE
        return data
    try:
        fd = os.open(path, READ_FLAGS | (0 if follow else getattr(os, "O_NOFOLLOW", 0)))
    except FileNotFoundError:
        problems.append(Problem(file=where, message="missing file"))
        return UNREADABLE
    except OSError as exc:
        reason = "a directory, not a file" if exc.errno == errno.EISDIR else f"unreadable: {exc.strerror or exc}"
        problems.append(Problem(file=where, message=reason))
        return UNREADABLE
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            problems.append(Problem(file=where, message=f"{_kind(info.st_mode)}, not a regular file; only regular files are read"))
            return UNREADABLE
        if info.st_size > MAX_FILE_BYTES:
            problems.append(Problem(file=where, message=f"{info.st_size:,} bytes, more than the {MAX_FILE_BYTES:,} a data file may have"))
            return UNREADABLE
        chunks = []
        left = MAX_FILE_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > MAX_FILE_BYTES:  # it grew while being read
            problems.append(Problem(file=where, message=f"more than the {MAX_FILE_BYTES:,} bytes a data file may have"))
            return UNREADABLE
        return data
    except OSError as exc:
        problems.append(Problem(file=where, message=f"unreadable: {exc.strerror or exc}"))
        return UNREADABLE
    finally:
        os.close(fd)


def read_head(path: Path, size: int = 64 * 1024) -> bytes:
    """The first ``size`` bytes of regular file ``path``; empty for anything else or an unreadable file.

    For recognising a file by its first lines without reading all of it (nor
    waiting on a FIFO).
    """
    try:
        fd = os.open(path, READ_FLAGS)
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, size)
    except OSError:
        return b""
    finally:
        os.close(fd)


def read_text(path: Root, where: str, problems: List[Problem], *, follow: bool = True) -> Any:
    """The strict UTF-8 text of ``path`` (no byte-order mark), or :data:`UNREADABLE`."""
    data = read_bytes(path, where, problems, follow=follow)
    if data is UNREADABLE:
        return UNREADABLE
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(file=where, message="starts with a UTF-8 byte-order mark; save it as plain UTF-8"))
        return UNREADABLE
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(file=where, message=f"not UTF-8: byte {exc.object[exc.start]:#04x} at offset {exc.start} ({exc.reason})"))
        return UNREADABLE


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"an integer of {len(text):,} digits (at most {MAX_INT_DIGITS})")
    return int(text)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json(text: str, where: str, problems: List[Problem]) -> Any:
    """``text`` parsed as JSON within the limits above, or :data:`UNREADABLE`."""
    try:
        return json.loads(text, parse_int=_bounded_int, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        problems.append(Problem(file=where, message=f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"))
    except RecursionError:
        problems.append(Problem(file=where, message="JSON nested too deeply to read (records are a few levels deep)"))
    except (ValueError, MemoryError) as exc:
        problems.append(Problem(file=where, message=f"not valid JSON: {exc}"))
    return UNREADABLE


def read_json(path: Root, where: str, problems: List[Problem]) -> Any:
    """The parsed JSON of file ``path``, or :data:`UNREADABLE` (problem recorded)."""
    text = read_text(path, where, problems)
    return UNREADABLE if text is UNREADABLE else parse_json(text, where, problems)


def declared_schema(meta: Any) -> int:
    """The schema version a raw meta declares (this package's own when unreadable; the loader reports why)."""
    value = meta.get("schema_version") if isinstance(meta, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else SCHEMA_VERSION


def export_meta(ds: Dataset, fmt: str) -> Meta:
    """The meta an export in ``fmt`` carries: this package's schema, the content checksum, the format."""
    return attrs.evolve(ds.meta, schema_version=SCHEMA_VERSION, checksum=ds.checksum, format=fmt)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 exactly as given (no newline translation)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


def meta_text(ds: Dataset, fmt: str) -> str:
    """The canonical ``meta.json`` text of an export of ``ds`` in ``fmt``."""
    return canonical_json(unstructure(export_meta(ds, fmt)))
