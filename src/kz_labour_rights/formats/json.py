"""The canonical JSON snapshot: ``meta.json`` plus one JSON file per record
type, each a list of records sorted by id, written canonically (sorted keys,
two-space indent, UTF-8, final newline) so that diffs between versions show
exactly the lines that changed.  The packaged data is such a snapshot."""

import hashlib
from pathlib import Path
from typing import Dict, FrozenSet, List

from .._dataset import RECORD_TYPES, Dataset, record_files
from .._errors import Problem
from ._base import UNREADABLE, Raw, RawRecord, Root, declared_schema, meta_text, parse_json, read_json, read_text, write_text

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


def _items(root: Root, name: str, required: bool, problems: List[Problem], texts: Dict[str, str]) -> List[RawRecord]:
    path = root.joinpath(name)
    if not required and not path.is_file():
        return []
    text = read_text(path, name, problems)
    data = UNREADABLE if text is UNREADABLE else parse_json(text, name, problems)
    if data is UNREADABLE:
        return []
    texts[name] = text
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
    texts: Dict[str, str] = {}
    records = {t.name: _items(root, t.file, schema >= t.since, problems, texts) for t in RECORD_TYPES}
    redirects = _items(root, "redirects.json", schema >= 3, problems, texts)
    return Raw(format=NAME, meta=meta, meta_file="meta.json", records=records, redirects=redirects, problems=problems,
               digest=_digest(texts) if len(texts) == len(RECORD_TYPES) + 1 else None)


def _digest(texts: Dict[str, str]) -> str:
    """The content checksum's framing over the files as read (equal to it when they are canonical)."""
    digest = hashlib.sha256()
    for name, text in sorted(texts.items()):
        digest.update(name.encode("utf-8") + b"\0" + text.encode("utf-8") + b"\0")
    return "sha256:" + digest.hexdigest()
