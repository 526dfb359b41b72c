"""What changed between two snapshots: records added, removed, changed, retired.

:func:`diff` compares two :class:`~kz_labour_rights.Dataset` objects record
by record (by id) and, for a changed record, field by field on the JSON
form the snapshot files hold — so a change reads the way a reviewer of the
files would see it.  A removed id that the newer snapshot redirects (see
:attr:`Dataset.redirects`) is reported as *retired* with its successor.
"""

from typing import Any, Dict, List, Optional, Tuple

import attrs

from ._converter import unstructure
from ._dataset import RECORD_TYPES, Dataset

__all__ = ["FieldChange", "RecordChange", "SnapshotDiff", "diff"]


@attrs.frozen(kw_only=True)
class FieldChange:
    """One field of a record: its value before and after (``None``: absent)."""

    field: str
    old: Any = None
    new: Any = None


@attrs.frozen(kw_only=True)
class RecordChange:
    """A record added, removed, changed or retired between two snapshots.

    Attributes:
        collection: e.g. ``"events"``.
        id: the record id.
        change: ``"added"``, ``"removed"``, ``"changed"`` or ``"retired"``.
        fields: for ``"changed"``, each differing field.
        successor: for ``"retired"``, the id the newer snapshot redirects to.
    """

    collection: str
    id: str
    change: str
    fields: Tuple[FieldChange, ...] = ()
    successor: Optional[str] = None


@attrs.frozen(kw_only=True)
class SnapshotDiff:
    """All differences, meta first, then records by collection and id."""

    old_version: str
    new_version: str
    meta: Tuple[FieldChange, ...]
    records: Tuple[RecordChange, ...]

    def counts(self) -> Dict[str, int]:
        """How many records were added, removed, changed and retired."""
        out = {"added": 0, "removed": 0, "changed": 0, "retired": 0}
        for r in self.records:
            out[r.change] += 1
        return out

    def to_json(self) -> Dict[str, Any]:
        """A JSON-ready form (for ``diff --json``)."""
        # attrs.asdict's filter applies at every depth, so each part is converted on its own.
        return {"old_version": self.old_version, "new_version": self.new_version, "counts": self.counts(),
                "meta": [attrs.asdict(f) for f in self.meta], "records": [attrs.asdict(r) for r in self.records]}


def _fields(old: Dict[str, Any], new: Dict[str, Any]) -> Tuple[FieldChange, ...]:
    keys = sorted(set(old) | set(new))
    return tuple(FieldChange(field=k, old=old.get(k), new=new.get(k)) for k in keys if old.get(k) != new.get(k))


def diff(old: Dataset, new: Dataset) -> SnapshotDiff:
    """The differences from ``old`` to ``new``."""
    meta_old = unstructure(attrs.evolve(old.meta, checksum=old.checksum))
    meta_new = unstructure(attrs.evolve(new.meta, checksum=new.checksum))
    changes: List[RecordChange] = []
    for t in RECORD_TYPES:
        before = {r.id: unstructure(r) for r in old.collection(t.name)}
        after = {r.id: unstructure(r) for r in new.collection(t.name)}
        for rid in sorted(set(before) | set(after)):
            if rid not in after:
                successor = new.redirects.get(rid)
                changes.append(RecordChange(collection=t.name, id=rid, change="retired" if successor else "removed", successor=successor))
            elif rid not in before:
                changes.append(RecordChange(collection=t.name, id=rid, change="added"))
            elif before[rid] != after[rid]:
                changes.append(RecordChange(collection=t.name, id=rid, change="changed", fields=_fields(before[rid], after[rid])))
    return SnapshotDiff(old_version=old.version, new_version=new.version, meta=_fields(meta_old, meta_new), records=tuple(changes))
