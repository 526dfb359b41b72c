"""FollowTheMoney: the dataset as an entity stream for Aleph and the ``ftm`` tools.

Write-only: one JSON object a line, ``{"id", "schema", "properties": {name:
[values]}}``, the form ``ftm`` reads on standard input and Aleph imports
(``ftm store write``, ``alephclient write-entities``).  FollowTheMoney has
no place for this package's meta or its provenance, so
:func:`kz_labour_rights.load` refuses the file by name.

=================  ==========================================================
record             entities
=================  ==========================================================
Person             ``Person`` (name, alias, description)
Organisation       ``PublicBody`` for courts, state bodies and law
                   enforcement, else ``Organization`` (name, alias,
                   legalForm = kind, description); a parent gives a
                   ``Membership`` (role ``part-of``)
Membership         ``Membership`` (member, organization, role, startDate,
                   endDate)
Case               ``CourtCase`` (name, type = kind, court = the courts'
                   names, summary) and a ``CourtCaseParty`` per person,
                   organisation (role ``party``) and court (role ``court``)
Event              ``Event`` (name, date, startDate/endDate, location,
                   involved, summary)
Penalty            ``Sanction`` (entity, program = the case, authority,
                   provisions = what it imposes, date of the decision,
                   startDate, endDate, summary)
Relation           ``Succession`` (renamed-as, successor-of, split-from),
                   ``Membership`` (affiliate-of, part-of), else
                   ``UnknownLink`` (role = the kind, date, summary = reason)
LegalProvision     no FtM type: named in the ``notes`` of the cases, events
                   and penalties that apply it
Source             the ``sourceUrl`` and ``publisher`` of every entity whose
                   record cites it
=================  ==========================================================

Ids are stable and prefixed: ``person:larisa-kharkova`` is
``kzlr-person-larisa-kharkova`` (``:`` and ``/`` become ``-`` and ``.``,
which FtM ids allow).  Dates are the data's partial dates ("2016",
"2016-03"), which FtM dates are; a date outside the years FtM holds
(1000–2999) is written out in words instead.  Qualifiers FtM has no
property for (a bound, what a date dates, a head count, a status other than
occurred, a pseudonym) are written out in ``notes`` (``description`` for
the interval schemata — Membership, Sanction, Succession, UnknownLink —
which have no ``notes``).  Lines are sorted by id
and properties by name, so the same dataset gives the same bytes.
"""

import hashlib
import json
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from .._dataset import RECORD_TYPES, Dataset
from .._errors import DataError, Problem
from .._escape import json_dumps
from .._model import Case, Citation, Event, LegalProvision, OrgKind, Organisation, Penalty, Person, Relation, RelationKind, references
from .._values import PartialDate
from ._base import read_head, write_text

__all__ = ["FILES", "NAME", "PREFIX", "entities", "entity_id", "recognise", "write"]

NAME = "ftm"
FILES: FrozenSet[str] = frozenset()
"""An FtM export is one file, not a directory."""

PREFIX = "kzlr-"
"""What every entity id starts with."""

MAX_ID = 200
"""The longest id FtM accepts."""

MAX_NAME = 384
"""The longest value of an FtM ``name`` property."""

Properties = Dict[str, List[str]]
Entity = Dict[str, object]

_PUBLIC = {OrgKind.COURT, OrgKind.STATE_BODY, OrgKind.LAW_ENFORCEMENT}
_SUCCESSION = {RelationKind.RENAMED_AS, RelationKind.SUCCESSOR_OF, RelationKind.SPLIT_FROM}
_MEMBERSHIP = {RelationKind.AFFILIATE_OF, RelationKind.PART_OF}


def entity_id(record_id: str, *suffix: str) -> str:
    """The FtM id of a record (and of an entity derived from it, named by ``suffix``).

    ``:`` becomes ``-`` and ``/`` becomes ``.``.  An id FtM would refuse —
    longer than 200 characters, or ending in ``-`` or ``.`` (FtM ids end in a
    letter or digit) — keeps its start and ends in a hash of the whole, so
    that distinct records keep distinct ids.
    """
    text = "-".join((PREFIX + record_id.replace(":", "-").replace("/", "."), *suffix))
    if len(text) <= MAX_ID and text[-1].isalnum() and text.isascii():
        return text
    return text[: MAX_ID - 18].rstrip("-.") + "-h" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class _Writer:
    """Builds the entities of one dataset."""

    def __init__(self, ds: Dataset, schemas: Dict[str, str]) -> None:
        self.ds = ds
        self.schemas = schemas  # record id → the schema of its entity
        self.entities: Dict[str, Tuple[str, Properties]] = {}
        self.origin: Dict[str, str] = {}  # entity id → the record it comes from
        self.sources = {s.id: s for s in ds.sources}

    def add(self, eid: str, schema: str, record: str, props: Dict[str, Iterable[Optional[str]]]) -> None:
        clean: Properties = {}
        for name, values in props.items():
            kept = [v for v in dict.fromkeys(values) if v]
            if kept:
                clean[name] = kept
        if eid in self.entities:
            raise DataError([Problem(file=NAME, record=record, message=f"gives entity id {eid!r}, which {self.origin[eid]!r} also gives; "
                                                                       "rename one of the records")])
        self.entities[eid] = (schema, clean)
        self.origin[eid] = record

    def provenance(self, citations: Sequence[Citation]) -> Dict[str, Iterable[Optional[str]]]:
        cited = [self.sources[c.source] for c in citations if c.source in self.sources]
        return {"sourceUrl": sorted({s.url for s in cited if s.url}), "publisher": sorted({s.publisher for s in cited})}

    def name(self, record_id: str) -> str:
        record = self.ds.get(record_id)
        return getattr(record, "name", None) or getattr(record, "title", None) or record_id


def _date(value: Optional[PartialDate]) -> Optional[str]:
    """``value`` as an FtM date, or None when FtM cannot hold it (or there is none)."""
    return str(value) if value is not None and 1000 <= value.year <= 2999 else None


def _dates(fields: Dict[str, Optional[PartialDate]]) -> Tuple[Dict[str, Iterable[Optional[str]]], List[str]]:
    """FtM date properties, and notes for dates FtM cannot hold."""
    props: Dict[str, Iterable[Optional[str]]] = {}
    notes = []
    for prop, value in fields.items():
        if value is None:
            continue
        if _date(value) is None:
            notes.append(f"{prop}: {value} (outside the years 1000-2999 FollowTheMoney dates hold)")
        else:
            props[prop] = [str(value)]
    return props, notes


def _provisions(ds: Dataset, ids: Iterable[str], what: str = "Provision applied") -> List[str]:
    notes = []
    for pid in ids:
        p = ds.get(pid)
        assert isinstance(p, LegalProvision)
        notes.append(f"{what}: {p.citation} ({p.title})")
    return notes


def _short(text: str) -> str:
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1] + "…"


def _person(w: _Writer, p: Person) -> None:
    notes = ["The sources name this person by a pseudonym."] if p.pseudonym else []
    w.add(entity_id(p.id), "Person", p.id, {"name": [p.name], "alias": p.aliases, "description": [p.description], "notes": notes,
                                             **w.provenance(p.citations)})


def _organisation(w: _Writer, o: Organisation) -> None:
    w.add(entity_id(o.id), "PublicBody" if o.kind in _PUBLIC else "Organization", o.id, {
        "name": [o.name], "alias": o.aliases, "legalForm": [o.kind.value], "description": [o.description], **w.provenance(o.citations)})
    if o.parent is not None:
        w.add(entity_id(o.id, "parent"), "Membership", o.id, {
            "member": [entity_id(o.id)], "organization": [entity_id(o.parent)], "role": ["part-of"], **w.provenance(o.citations)})


def _case(w: _Writer, c: Case) -> None:
    w.add(entity_id(c.id), "CourtCase", c.id, {
        "name": [_short(c.title)], "type": [c.kind.value], "court": [w.name(x) for x in c.courts], "summary": [c.summary],
        "notes": _provisions(w.ds, c.provisions), **w.provenance(c.citations)})
    for party, role in [(x, "party") for x in (*c.people, *c.organisations)] + [(x, "court") for x in c.courts]:
        w.add(entity_id(c.id, role, entity_id(party)[len(PREFIX):]), "CourtCaseParty", c.id, {
            "party": [entity_id(party)], "case": [entity_id(c.id)], "role": [role], **w.provenance(c.citations)})


def _event(w: _Writer, e: Event) -> None:
    heading = e.kind.value.replace("-", " ").capitalize()
    subject = w.name(e.case) if e.case else ", ".join(w.name(x) for x in (*e.people, *e.organisations)[:3])
    dates, notes = _dates({"date": e.date, "startDate": e.date if e.end else None, "endDate": e.end})
    if e.date_bound:
        notes.append(f"date: {e.date_bound.value.replace('-', ' ')} {e.date}")
    if e.date_of:
        notes.append(f"date: the date of the {e.date_of.value}, not of the event itself")
    if e.status.value != "occurred":
        notes.append(f"status: {e.status.value} when reported")
    if e.count:
        notes.append(f"count: {e.count} ({e.counted.value if e.counted else 'people'})")
    if e.case:
        notes.append(f"case: {w.name(e.case)}")
    w.add(entity_id(e.id), "Event", e.id, {
        "name": [_short(f"{heading}: {subject}" if subject else heading)], **dates, "location": [e.place],
        "involved": [entity_id(x) for x in (*e.people, *e.organisations)], "summary": [e.summary],
        "notes": [*notes, *_provisions(w.ds, e.provisions)], **w.provenance(e.citations)})


def _penalty(w: _Writer, p: Penalty) -> None:
    case = w.ds.get(p.case)
    assert isinstance(case, Case)
    decision = w.ds.get(p.imposed_by) if p.imposed_by else None
    authority = decision.organisations if isinstance(decision, Event) and decision.organisations else case.courts
    scope = p.kind.value.replace("-", " ")
    if p.term:
        scope += f", {p.term.describe()}" + (" a year" if p.per_year else "")
    if p.amount:
        scope += f", {p.amount}"
    dates, notes = _dates({"date": decision.date if isinstance(decision, Event) else None, "startDate": p.start, "endDate": p.end})
    if p.rule:
        notes += _provisions(w.ds, [p.rule], "Conversion rule")
    w.add(entity_id(p.id), "Sanction", p.id, {
        "entity": [entity_id(p.person)], "program": [case.title], "authority": [w.name(x) for x in authority],
        "provisions": [scope], **dates, "summary": [p.summary], "description": notes, **w.provenance(p.citations)})


def _relation(w: _Writer, r: Relation) -> None:
    if not (r.subject in w.schemas and r.object in w.schemas):
        return  # a relation to a record that is no entity (a source, a discrepancy) has no FtM form
    legal = {"Person", "Organization", "PublicBody"}
    both = (w.schemas[r.subject], w.schemas[r.object])
    dates, notes = _dates({"date": r.date})
    common = {**dates, "role": [r.kind.value], "summary": [r.reason], "description": notes, **w.provenance(r.citations)}
    subject, obj = entity_id(r.subject), entity_id(r.object)
    if r.kind in _SUCCESSION and set(both) <= legal:
        before, after = (subject, obj) if r.kind is RelationKind.RENAMED_AS else (obj, subject)
        w.add(entity_id(r.id), "Succession", r.id, {"predecessor": [before], "successor": [after], **common})
    elif r.kind in _MEMBERSHIP and both[0] in legal and both[1] in legal - {"Person"}:
        w.add(entity_id(r.id), "Membership", r.id, {"member": [subject], "organization": [obj], **common})
    else:
        w.add(entity_id(r.id), "UnknownLink", r.id, {"subject": [subject], "object": [obj], **common})


def entities(ds: Dataset) -> List[Entity]:
    """The FtM entities of ``ds``, sorted by id (see the module docstring).

    Raises:
        DataError: a record refers to a record the dataset does not hold
            (only a dataset built in Python without
            :func:`kz_labour_rights.load` can), or two records give one id.
    """
    known: Set[str] = {r.id for t in RECORD_TYPES for r in ds.collection(t.name)}
    problems = [Problem(file=NAME, record=rid, field=field, message=f"refers to {target!r}, which the dataset does not hold")
                for rid, field, target in _references(ds) if target not in known]
    if problems:
        raise DataError(problems)
    schemas = {p.id: "Person" for p in ds.people}
    schemas.update({o.id: "PublicBody" if o.kind in _PUBLIC else "Organization" for o in ds.organisations})
    schemas.update({c.id: "CourtCase" for c in ds.cases})
    schemas.update({e.id: "Event" for e in ds.events})
    schemas.update({p.id: "Sanction" for p in ds.penalties})
    w = _Writer(ds, schemas)
    for person in ds.people:
        _person(w, person)
    for org in ds.organisations:
        _organisation(w, org)
    for m in ds.memberships:
        dates, notes = _dates({"startDate": m.start, "endDate": m.end})
        notes += [f"{field}: {bound.value.replace('-', ' ')} {value}" for field, bound, value in
                  (("startDate", m.start_bound, m.start), ("endDate", m.end_bound, m.end)) if bound]
        w.add(entity_id(m.id), "Membership", m.id, {
            "member": [entity_id(m.person)], "organization": [entity_id(m.organisation)], "role": [m.role],
            **dates, "description": notes, **w.provenance(m.citations)})
    for case in ds.cases:
        _case(w, case)
    for event in ds.events:
        _event(w, event)
    for penalty in ds.penalties:
        _penalty(w, penalty)
    for relation in ds.relations:
        _relation(w, relation)
    return [{"id": eid, "schema": schema, "properties": {k: props[k] for k in sorted(props)}} for eid, (schema, props) in sorted(w.entities.items())]


def _references(ds: Dataset) -> Iterable[Tuple[str, str, str]]:
    """Every reference of the records that become entities: (record, field, referenced id)."""
    for name in ("organisations", "memberships", "cases", "events", "relations", "penalties"):
        for r in ds.collection(name):
            yield from ((r.id, field, ref) for field, ref, _ in references(r))


def ftm_text(ds: Dataset) -> str:
    """The JSON Lines text of ``ds``'s entities."""
    return "".join(json_dumps(e) + "\n" for e in entities(ds))


def write(ds: Dataset, out: Path) -> None:
    """Write ``ds``'s FtM entities into the (new) file ``out``."""
    write_text(out, ftm_text(ds))


def recognise(path: Path) -> bool:
    """Whether regular file ``path`` is an FtM export of this package: its first line is an entity with a ``kzlr-`` id."""
    line = read_head(path).split(b"\n", 1)[0]
    try:
        first = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return (isinstance(first, dict) and sorted(first) == ["id", "properties", "schema"] and isinstance(first["id"], str)
            and first["id"].startswith(PREFIX) and isinstance(first["properties"], dict))
