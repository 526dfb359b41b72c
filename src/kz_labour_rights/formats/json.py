"""The canonical JSON snapshot: ``meta.json`` plus one JSON file per record
type, each a list of records sorted by id, written canonically (sorted keys,
two-space indent, UTF-8, final newline) so that diffs between versions show
exactly the lines that changed.  The packaged data is such a snapshot."""

from pathlib import Path
from typing import Dict, FrozenSet, List

from .._dataset import RECORD_TYPES, Dataset, record_files
from .._errors import Problem
from ._base import UNREADABLE, Raw, RawRecord, Root, declared_schema, meta_text, read_json, write_text

__all__ = ["FILES", "NAME", "read", "snapshot_files", "write"]

NAME = "json"
FILES: FrozenSet[str] = frozenset({"meta.json", "redirects.json", *(t.file for t in RECORD_TYPES)})
"""Every file a JSON snapshot holds."""


def snapshot_files(ds: Dataset) -> Dict[str, str]:
    """The canonical text of every file of ``ds``'s JSON snapshot, by name."""
    files = {"meta.json": meta_text(ds, NAME)}
    files.update(record_files(ds))
    return files


def write(ds: Dataset, out: Path) -> None:
    """Write ``ds``'s snapshot files into the (new, empty) directory ``out``."""
    for name, text in snapshot_files(ds).items():
        write_text(out / name, text)


def _items(root: Root, name: str, required: bool, problems: List[Problem]) -> List[RawRecord]:
    path = root.joinpath(name)
    if not required and not path.is_file():
        return []
    data = read_json(path, name, problems)
    if data is UNREADABLE:
        return []
    if not isinstance(data, list):
        problems.append(Problem(file=name, message=f"expected a JSON list of records, got {type(data).__name__}"))
        return []
    out = []
    for index, item in enumerate(data):
        key = item.get("id", item.get("old")) if isinstance(item, dict) else None
        out.append(RawRecord(file=name, label=key if isinstance(key, str) else f"#{index}", data=item))
    return out


def read(root: Root, problems: List[Problem]) -> Raw:
    """The raw snapshot in directory ``root``.

    A record type newer than the schema its meta declares may be absent (an
    older snapshot has none); every other file must be there.
    """
    meta = read_json(root.joinpath("meta.json"), "meta.json", problems)
    schema = declared_schema(meta)
    records = {t.name: _items(root, t.file, schema >= t.since, problems) for t in RECORD_TYPES}
    redirects = _items(root, "redirects.json", schema >= 3, problems)
    return Raw(format=NAME, meta=meta, meta_file="meta.json", records=records, redirects=redirects, problems=problems)
