"""Reading and writing dataset snapshots; the lazily loaded packaged dataset.

A snapshot is a directory: ``meta.json`` plus one JSON file per record type
(``people.json``, ``cases.json``, …), each a list of records sorted by id and
written canonically (sorted keys, two-space indent, UTF-8, final newline), so
diffs between versions are small and readable.  The packaged data in
``kz_labour_rights/data`` is itself such a snapshot.

Loading has two phases: every record of every file is parsed, then every id is
resolved.  Problems from both phases are collected and raised together as one
:class:`~kz_labour_rights.DataError`; nothing is half-loaded.
"""

import hashlib
import json
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

import attrs
import cattrs

from ._converter import converter, error_messages
from ._dataset import RECORD_TYPES, Dataset, Meta, content_checksum, record_files
from ._dataset import canonical_json as dumps
from ._errors import DataError, Problem
from ._model import Redirect
from ._integrity import integrity_problems
from ._resources import Traversable, packaged_data

__all__ = ["SCHEMA_VERSION", "content_checksum", "dumps", "load", "read_snapshot", "write_snapshot"]

# 1: the 0.1.0 snapshot. 2: adds relations.json, Event.end/participants and
# optional LegalProvision.article (readers of schema 1 reject these).
SCHEMA_VERSION = 2
"""The snapshot schema this package reads and writes."""


def _field_of(message: str) -> "tuple[str, Optional[str]]":
    # cattrs.transform_error ends each message with " @ $.path".
    text, sep, path = message.rpartition(" @ $")
    if not sep:
        return message, None
    return text, path.lstrip(".") or None


_UNREADABLE = object()


def _read_json(root: Traversable, name: str, problems: List[Problem]) -> Any:
    """The parsed JSON of file ``name``, or ``_UNREADABLE`` (problem recorded)."""
    try:
        text = root.joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(file=name, message="missing file; a snapshot has meta.json and one file per record type"))
        return _UNREADABLE
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(file=name, message=f"unreadable: {exc}"))
        return _UNREADABLE
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(Problem(file=name, message=f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"))
        return _UNREADABLE


def _structure(item: Any, cls: type, file: str, label: str, problems: List[Problem]) -> Any:
    if not isinstance(item, dict):
        problems.append(Problem(file=file, record=label, message=f"expected a JSON object, got {type(item).__name__}"))
        return None
    try:
        return converter.structure(item, cls)
    except cattrs.BaseValidationError as exc:
        for message in error_messages(exc):
            text, field = _field_of(message)
            problems.append(Problem(file=file, record=label, field=field, message=text))
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        problems.append(Problem(file=file, record=label, message=str(exc)))
    return None


def _exists(root: Union[Path, Traversable], name: str) -> bool:
    return root.joinpath(name).is_file()


def read_snapshot(root: Union[str, "os.PathLike[str]", Traversable], *, verify: bool = True) -> Dataset:
    """Read the snapshot in directory ``root``.

    With ``verify`` (the default), a snapshot whose ``meta.json`` carries a
    checksum must match it; ``fmt`` reads without, to re-stamp edited files.

    Raises:
        DataError: listing every problem found, each naming file, record and
            field.
    """
    if isinstance(root, (str, os.PathLike)):
        root = Path(root)
        if not root.is_dir():
            raise DataError([Problem(file=str(root), message="not a directory; pass a snapshot written by `export`")])
    problems: List[Problem] = []
    raw_meta = _read_json(root, "meta.json", problems)
    meta: Optional[Meta] = None
    if raw_meta is not _UNREADABLE:
        meta = _structure(raw_meta, Meta, "meta.json", "meta", problems)
    if meta is not None and meta.schema_version > SCHEMA_VERSION:
        problems.append(Problem(
            file="meta.json", field="schema_version",
            message=f"schema {meta.schema_version} is newer than this package reads ({SCHEMA_VERSION}); upgrade kz-labour-rights",
        ))
    records: Dict[str, List[Any]] = {}
    for t in RECORD_TYPES:
        records[t.name] = []
        if meta is not None and meta.schema_version < t.since and not _exists(root, t.file):
            # An older snapshot predates this record type: it has none.
            continue
        data = _read_json(root, t.file, problems)
        if data is _UNREADABLE:
            continue
        if not isinstance(data, list):
            problems.append(Problem(file=t.file, message="expected a JSON list of records"))
            continue
        for index, item in enumerate(data):
            rid = item.get("id") if isinstance(item, dict) else None
            label = rid if isinstance(rid, str) else f"#{index}"
            record = _structure(item, t.cls, t.file, label, problems)
            if record is not None:
                records[t.name].append(record)
    redirects: List[Redirect] = []
    if _exists(root, "redirects.json"):
        raw = _read_json(root, "redirects.json", problems)
        if isinstance(raw, list):
            for index, item in enumerate(raw):
                old = item.get("old") if isinstance(item, dict) else None
                where = old if isinstance(old, str) else f"#{index}"
                r = _structure(item, Redirect, "redirects.json", where, problems)
                if r is not None:
                    redirects.append(r)
        elif raw is not _UNREADABLE:
            problems.append(Problem(file="redirects.json", message="expected a JSON list of redirects"))
    if not problems:
        problems = integrity_problems(records, {t.name: t.prefix for t in RECORD_TYPES})
        problems += _redirect_problems(records, redirects)
    if problems or meta is None:
        raise DataError(problems)
    dataset = Dataset(meta=meta, records=records, redirects=redirects)
    if verify and meta.checksum is not None and meta.checksum != dataset.checksum:
        raise DataError([Problem(
            file="meta.json", field="checksum",
            message=(
                f"the records do not match the checksum {meta.checksum} (they give {dataset.checksum}): "
                "the data files were changed after they were written. Reinstall the package, or run "
                "`kz-labour-rights fmt DIR` to re-stamp a snapshot you edited on purpose"
            ),
        )])
    return dataset


def _redirect_problems(records: Dict[str, List[Any]], redirects: List[Redirect]) -> List[Problem]:
    ids = {r.id for recs in records.values() for r in recs}
    problems = []
    for r in redirects:
        if r.new not in ids:
            problems.append(Problem(file="redirects.json", record=r.old, field="new", message=f"{r.new!r} is not an id in the dataset"))
        if r.old in ids:
            problems.append(Problem(file="redirects.json", record=r.old, field="old", message="a retired id must not be a live record's id"))
    return problems


def snapshot_files(dataset: Dataset) -> Dict[str, str]:
    """The canonical text of every file of ``dataset``'s snapshot, by name.

    Canonical means: records sorted by id, keys sorted, two-space indent,
    defaults omitted, UTF-8 without escapes — so a hand edit shows up in a
    diff as exactly the lines it changed.
    """
    meta = attrs.evolve(dataset.meta, checksum=content_checksum(dataset))
    files = {"meta.json": dumps(converter.unstructure(meta))}
    files.update(record_files(dataset))
    return files


def write_snapshot(dataset: Dataset, out: Union[str, "os.PathLike[str]"]) -> Path:
    """Write ``dataset`` as a canonical JSON snapshot into directory ``out``.

    Files are written to a temporary directory beside ``out`` first and moved
    into place only when all are written, so a failure leaves no half-written
    snapshot.  Existing snapshot files in ``out`` are replaced; other files
    are left alone.
    """
    target = Path(out)
    files = snapshot_files(dataset)
    target.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".kzlr-", dir=target))
    try:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8")
        for name in files:
            os.replace(tmp / name, target / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


_lock = threading.Lock()
_packaged: Optional[Dataset] = None


def load(path: Union[str, "os.PathLike[str]", None] = None) -> Dataset:
    """The dataset.

    With no argument, the dataset packaged with this version of
    kz-labour-rights: parsed on the first call (thread-safely, once) and
    shared after that.  With ``path``, an export read afresh — to pin a
    version or compare two: a JSON snapshot directory, a CSV or data-package
    directory, or an SQLite file.

    Raises:
        DataError: the files are malformed or inconsistent.
    """
    global _packaged
    if path is not None:
        p = Path(path)
        if p.is_file() or (p / "people.csv").is_file():
            from ._export import read_export

            return read_export(p)
        return read_snapshot(path)
    if _packaged is None:
        with _lock:
            if _packaged is None:
                _packaged = read_snapshot(packaged_data())
    return _packaged
