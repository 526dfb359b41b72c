"""``load()``: the one strict path from any export to a :class:`Dataset`.

Every format's reader (:mod:`kz_labour_rights.formats`) returns raw records;
this module then, the same way for every format:

1. checks the meta: a known, positive ``schema_version``; the format the
   snapshot declares is the one it was read as; a checksum wherever the
   schema has one (schema 2 on);
2. brings records of an older schema up to this one (see :func:`_upgrade`);
3. structures every record through the one converter (phase one);
4. resolves every id and checks the cross-record rules (phase two, in
   :mod:`._integrity`);
5. verifies the content checksum.

Problems from every step are collected and raised together as one
:class:`~kz_labour_rights.DataError`, each naming file, record and field;
nothing is half-loaded.  The packaged dataset is read the same way, lazily,
once, under a lock.
"""

import contextlib
import gc
import os
import threading
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Union

import cattrs

from ._converter import converter, error_messages, structure_fast
from ._dataset import RECORD_TYPES, SCHEMA_VERSION, Dataset, Meta, content_checksum
from ._errors import DataError, Problem
from ._integrity import integrity_problems
from ._model import Discrepancy, Event, Redirect
from ._resources import Traversable, packaged_data
from .formats import READABLE, REGISTRY, detect, export
from .formats import read as read_raw
from .formats._base import UNREADABLE, Raw
from .formats.json import snapshot_files

__all__ = ["SCHEMA_VERSION", "build", "load", "read_snapshot", "snapshot_files", "write_snapshot"]

PathLike = Union[str, "os.PathLike[str]"]


def _field_of(message: str) -> "tuple[str, Optional[str]]":
    # cattrs.transform_error ends each message with " @ $.path".
    text, sep, path = message.rpartition(" @ $")
    if not sep:
        return message, None
    return text, path.lstrip(".") or None


def _structure(item: Any, cls: type, file: str, label: str, problems: List[Problem]) -> Any:
    if not isinstance(item, dict):
        problems.append(Problem(file=file, record=label, message=f"expected a JSON object, got {type(item).__name__}"))
        return None
    try:
        return structure_fast(item, cls)
    except Exception:
        # The fast path says only that something is wrong; the detailed one
        # below says what and where, every problem of the record.
        pass
    try:
        return converter.structure(item, cls)
    except cattrs.BaseValidationError as exc:
        for message in error_messages(exc):
            text, field = _field_of(message)
            problems.append(Problem(file=file, record=label, field=field, message=text))
    except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as exc:
        problems.append(Problem(file=file, record=label, message=str(exc) or type(exc).__name__))
    return None


def _meta(raw: Raw, problems: List[Problem]) -> Optional[Meta]:
    if raw.meta is UNREADABLE:
        return None
    meta: Optional[Meta] = _structure(raw.meta, Meta, raw.meta_file, "meta", problems)
    if meta is None:
        return None
    where = {"file": raw.meta_file, "record": "meta"}
    if not 1 <= meta.schema_version <= SCHEMA_VERSION:
        if meta.schema_version > SCHEMA_VERSION:
            message = f"schema {meta.schema_version} is newer than this package reads ({SCHEMA_VERSION}); upgrade kz-labour-rights"
        else:
            message = f"schema {meta.schema_version} does not exist; schemas run from 1 to {SCHEMA_VERSION}"
        problems.append(Problem(**where, field="schema_version", message=message))
        return None
    if meta.checksum is not None and not (meta.checksum.startswith("sha256:") and len(meta.checksum) == 71 and all(c in "0123456789abcdef" for c in meta.checksum[7:])):
        problems.append(Problem(**where, field="checksum", message=f"{meta.checksum!r} is not sha256: and 64 lower-case hex digits"))
    if meta.format is not None and meta.format != raw.format:
        problems.append(Problem(**where, field="format", message=f"declares {meta.format!r} but was read as {raw.format!r}"))
    if meta.schema_version >= 3 and meta.format is None:
        problems.append(Problem(**where, field="format", message=f"missing: a schema-3 snapshot declares its format ({', '.join(READABLE)})"))
    return meta


def _upgrade(item: Any, cls: type, schema: int) -> Any:
    """A raw record of an older ``schema`` in this schema's form (the input is not changed).

    A schema-2 event's ``participants`` becomes ``count`` counting
    participants.  Schemas 1 and 2 list a discrepancy's ``explains`` as bare codes, which
    explained every finding with that code on any of its records.  Each
    becomes an explanation of the discrepancy's records without a value: it
    then explains only a finding on exactly those records whose code carries
    no value, and ``check`` reports the rest as stale (KZL003) with the exact
    explanations to write instead — the loader cannot pin them itself.
    """
    if schema <= 2 and cls is Event and isinstance(item, dict) and "participants" in item:
        # Schema 3 says what a count counts; a schema-2 head count counted participants.
        participants = item["participants"]
        item = {k: v for k, v in item.items() if k != "participants"}
        if participants is not None:
            item.update(count=participants, counted="participants")
    if schema <= 2 and cls is Discrepancy and isinstance(item, dict) and isinstance(item.get("explains"), list):
        records = item.get("records")
        codes = item["explains"]
        if all(isinstance(c, str) for c in codes):
            item = dict(item)
            item["explains"] = [{"code": c, "records": records} for c in codes] if records else []
    return item


def build(raw: Raw, *, verify: bool = True) -> Dataset:
    """Structure, resolve and verify a raw snapshot (see the module docstring).

    With ``verify`` (the default), the records must match the checksum the
    meta carries; ``fmt`` reads without, to re-stamp edited files.

    Raises:
        DataError: listing every problem found.
    """
    problems: List[Problem] = list(raw.problems)
    meta = _meta(raw, problems)
    schema = meta.schema_version if meta is not None else SCHEMA_VERSION
    records: Dict[str, List[Any]] = {}
    for t in RECORD_TYPES:
        records[t.name] = []
        for r in raw.records.get(t.name, ()):
            record = _structure(_upgrade(r.data, t.cls, schema), t.cls, r.file, r.label, problems)
            if record is not None:
                records[t.name].append(record)
    redirects: List[Redirect] = []
    for r in raw.redirects:
        redirect = _structure(r.data, Redirect, r.file, r.label, problems)
        if redirect is not None:
            redirects.append(redirect)
    if not problems:
        problems = integrity_problems(records, {t.name: t.prefix for t in RECORD_TYPES}, provenance=schema >= 3)
        problems += _redirect_problems(records, redirects, raw.redirects[0].file if raw.redirects else "redirects")
    if problems or meta is None:
        raise DataError(problems or [Problem(file=raw.meta_file, message="no readable meta")])
    dataset = Dataset(meta=meta, records=records, redirects=redirects)
    # The checksum is checked last: the problems above say more about an
    # edited file than a mismatch would.
    if verify and meta.checksum is None and meta.schema_version >= 2:
        raise DataError([Problem(
            file=raw.meta_file, record="meta", field="checksum",
            message=(
                f"missing: a schema-{meta.schema_version} snapshot carries its content checksum. Re-export it, "
                "or run `kz-labour-rights fmt DIR` to stamp a JSON snapshot you edited on purpose"
            ),
        )])
    if raw.digest is not None and raw.digest == meta.checksum and meta.schema_version >= SCHEMA_VERSION:
        # The files as read are the canonical text the checksum was stamped
        # over: their records re-serialise to it, so there is nothing to redo.
        object.__setattr__(dataset, "_checksum", raw.digest)
    if not verify or meta.checksum is None:
        return dataset
    # An older snapshot's checksum covers its records as its schema wrote them.
    actual = dataset.checksum if meta.schema_version >= SCHEMA_VERSION else content_checksum(dataset, meta.schema_version)
    if meta.checksum != actual:
        raise DataError([Problem(
            file=raw.meta_file, field="checksum",
            message=(
                f"the records do not match the checksum {meta.checksum} (they give {actual}): "
                "the data files were changed after they were written. Reinstall the package or re-export, or run "
                "`kz-labour-rights fmt DIR` to re-stamp a JSON snapshot you edited on purpose"
            ),
        )])
    return dataset


def _redirect_problems(records: Dict[str, List[Any]], redirects: List[Redirect], file: str) -> List[Problem]:
    ids = {r.id for recs in records.values() for r in recs}
    problems = []
    seen = set()
    for r in redirects:
        if r.new not in ids:
            problems.append(Problem(file=file, record=r.old, field="new", message=f"{r.new!r} is not an id in the dataset"))
        if r.old in ids:
            problems.append(Problem(file=file, record=r.old, field="old", message="a retired id must not be a live record's id"))
        if r.old in seen:
            problems.append(Problem(file=file, record=r.old, field="old", message="retired twice; each old id has one successor"))
        seen.add(r.old)
    return problems


def read_snapshot(root: Union[PathLike, Traversable], *, verify: bool = True) -> Dataset:
    """Read the JSON snapshot in directory ``root`` (see :func:`build` for ``verify``).

    Raises:
        DataError: listing every problem found, each naming file, record and
            field.
    """
    if isinstance(root, (str, os.PathLike)):
        root = Path(root)
        if not root.is_dir():
            raise DataError([Problem(file=str(root), message="not a directory; pass a snapshot written by `export`")])
        fmt = detect(root)
        if fmt.name != "json":
            raise DataError([Problem(file=str(root), message=f"a {fmt.name} snapshot, not a JSON one; convert it with `export --format json`")])
    return build(REGISTRY["json"].read(root, []), verify=verify)


def write_snapshot(dataset: Dataset, out: PathLike, *, force: bool = False) -> Path:
    """Write ``dataset`` as a canonical JSON snapshot into directory ``out``.

    The same as ``export(dataset, "json", out, force=force)``: all or
    nothing, and a directory that is not a JSON snapshot is refused unless
    ``force``.
    """
    return export(dataset, "json", out, force=force)


_lock = threading.Lock()
_packaged: Optional[Dataset] = None


def load(path: Optional[PathLike] = None) -> Dataset:
    """The dataset.

    With no argument, the dataset packaged with this version of
    kz-labour-rights: parsed on the first call (thread-safely, once) and
    shared after that.  With ``path``, an export read afresh — to pin a
    version or compare two: a snapshot directory (JSON, CSV or data package,
    as its ``meta.json`` declares) or an SQLite file.  Every format goes
    through the same checks.

    Raises:
        DataError: the files are malformed or inconsistent, or ``path`` is not
            an export.
        TypeError: ``path`` is not a string or path.
    """
    global _packaged
    if path is not None:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"load() takes a path (str or os.PathLike) or nothing, not {type(path).__name__}")
        with _collector_paused():
            return build(read_raw(path))
    if _packaged is None:
        with _lock:
            if _packaged is None:
                with _collector_paused():
                    _packaged = read_snapshot(packaged_data())
    return _packaged


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a snapshot is read.

    Reading allocates hundreds of thousands of objects none of which form a
    cycle (frozen records of tuples and strings), and each pass of the
    collector re-examines all of them: about 40% of a large load.  The
    collector is switched back on after, unless it was off before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

