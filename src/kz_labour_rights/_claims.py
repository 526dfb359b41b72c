"""Every cited statement bearing on a record, field by field, so a reviewer sees agreement and disagreement.

A record holds one claim per field, but the sources often make several: a
penalty stated two ways is two penalty records, an event the sources date
differently is named by a discrepancy, two records may be one entity.
:func:`claims` gathers, for a record, the statements of the record itself and
of every record that holds a competing claim about the same thing — the
records of its type that its discrepancies name (a penalty stated two ways is
two penalty records; not for people and organisations, which a discrepancy
may name together without being one), and its ``possibly-same-as`` partners — each value with
its status and words, and the sides of every discrepancy about it.
"""

from typing import Any, Dict, List, Tuple

import attrs

from ._dataset import Dataset
from ._model import FACTS, Organisation, Person, Relation, RelationKind
from ._provenance import value_supports

__all__ = ["Claim", "ClaimGroup", "claims"]


@attrs.frozen(kw_only=True)
class Claim:
    """One statement of one value.

    Attributes:
        record: the record holding it (for a discrepancy's side, the
            discrepancy).
        value: the value as text (a side's claim, for a discrepancy).
        status: ``stated``, ``inferred``, ``derived``, ``unspecified`` or
            ``side`` (a side of a discrepancy).
        by: who makes it: the source's publisher and locator, or the side's
            ``by``.
        source: the source id, if quoted.
        quote: the words, if quoted; for an inferred or derived value, its
            reason or computation.
    """

    record: str
    value: str
    status: str
    by: str
    source: str = ""
    quote: str = ""


@attrs.frozen(kw_only=True)
class ClaimGroup:
    """The claims about one field (or one discrepancy), and whether they agree.

    Attributes:
        field: the field, ``versions[i].field`` for a provision version's, or
            the discrepancy id.
        claims: every claim, in record order.
        values: the distinct values claimed, in order of appearance.
        status: for a discrepancy, its status (``resolved``/``unresolved``);
            otherwise ``agree`` or ``differ``.
    """

    field: str
    claims: Tuple[Claim, ...]
    values: Tuple[str, ...]
    status: str


def _holders(ds: Dataset, record: Any) -> List[Any]:
    """The record and every record that holds a competing claim about the same thing."""
    out: Dict[str, Any] = {record.id: record}
    # A penalty or an event stated two ways is two records a discrepancy joins;
    # two people or organisations a discrepancy names are two entities, and
    # only a possibly-same-as link makes their names competing claims.
    if not isinstance(record, (Person, Organisation)):
        for d in ds.discrepancies_of(record):
            for rid in d.records:
                other = ds.get(rid)
                if type(other) is type(record):
                    out.setdefault(rid, other)
    for r in ds.collection("relations"):
        if isinstance(r, Relation) and r.kind is RelationKind.POSSIBLY_SAME_AS and record.id in (r.subject, r.object):
            other_id = r.object if r.subject == record.id else r.subject
            out.setdefault(other_id, ds.get(other_id))
    return list(out.values())


def _by(ds: Dataset, source: str, locator: Any) -> str:
    publisher = ds.sources[source].publisher if source in ds.sources else source
    return publisher + (f", {locator}" if locator else "")


def claims(ds: Dataset, record: Any) -> Tuple[ClaimGroup, ...]:
    """Every statement bearing on ``record``, grouped by field (see the module docstring).

    Fields come in :data:`~kz_labour_rights.FACTS` order, then one group per
    discrepancy naming any of the records gathered.
    """
    groups: Dict[str, List[Claim]] = {}
    holders = _holders(ds, record)
    for holder in holders:
        scopes = [("", holder)] + [(f"versions[{i}]", v) for i, v in enumerate(getattr(holder, "versions", ()))]
        for vs in value_supports(holder, schema=ds.schema_version):
            obj = dict(scopes)[vs.scope]
            field = f"{vs.scope}.{vs.field}" if vs.scope else vs.field
            if vs.status == "stated":
                for i in vs.citations:
                    c = obj.citations[i]
                    groups.setdefault(field, []).append(Claim(record=holder.id, value=vs.value, status="stated",
                                                              by=_by(ds, c.source, c.locator), source=c.source, quote=c.quote))
            else:
                groups.setdefault(field, []).append(Claim(record=holder.id, value=vs.value, status=vs.status,
                                                          by="this dataset", quote=vs.reason))
    out: List[ClaimGroup] = []
    order = {f: i for i, f in enumerate(FACTS.get(type(record), ()))}
    for field in sorted(groups, key=lambda f: (order.get(f.rsplit(".", 1)[-1], len(order)), f)):
        items = groups[field]
        values = tuple(dict.fromkeys(c.value for c in items))
        out.append(ClaimGroup(field=field, claims=tuple(items), values=values, status="agree" if len(values) == 1 else "differ"))
    seen = set()
    for holder in holders:
        for d in ds.discrepancies_of(holder):
            if d.id in seen:
                continue
            seen.add(d.id)
            sides = tuple(
                Claim(record=d.id, value=side.claim, status="side", by=side.by, source=c.source, quote=c.quote)
                for side in d.sides for c in side.citations
            ) or tuple(Claim(record=d.id, value=d.summary, status="side", by=_by(ds, c.source, c.locator), source=c.source, quote=c.quote)
                       for c in d.citations)
            out.append(ClaimGroup(field=d.id, claims=sides, values=tuple(dict.fromkeys(c.value for c in sides)), status=d.status))
    return tuple(out)
