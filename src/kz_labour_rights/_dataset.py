"""The :class:`Dataset`: every collection, cross-record navigation, timelines."""

import hashlib
import json
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Type, Union

import attrs

from ._collection import Collection, Match, check_search_options, display_name, near_ids, refuse_change, require_str
from ._converter import converter
from ._errors import AmbiguousNameError, NotFoundError, UsageError, shown
from ._model import (
    Case,
    Discrepancy,
    Event,
    EventKind,
    InForce,
    LegalProvision,
    Membership,
    Organisation,
    Penalty,
    Person,
    Record,
    Redirect,
    Relation,
    Source,
)
from ._names import Scorer, name_key, query_key

__all__ = ["DECISIONS", "RECORD_TYPES", "SCHEMA_VERSION", "Dataset", "EntityRef", "Meta", "RecordType", "canonical_json", "content_checksum", "record_files"]


SCHEMA_VERSION = 3
"""The snapshot schema this package reads and writes (see docs/data-model.md#schema-versions)."""


@attrs.frozen(kw_only=True)
class Meta:
    """A snapshot's ``meta.json``: what the dataset is and which version.

    Attributes:
        version: the dataset's version (the package version it shipped in).
        schema_version: the version of the file layout and record schema.
        title: the dataset's title.
        description: what it holds.
        license: the data licence (SPDX id).
        checksum: ``sha256:<hex>`` over the canonical record files (see
            :attr:`Dataset.checksum`); checked when the snapshot loads.
        format: the export format the snapshot is written in (``json``,
            ``csv``, ``datapackage``, ``sqlite``); declared since schema 3,
            so a reader never has to guess.
    """

    version: str
    schema_version: int
    title: str
    description: str = ""
    license: str
    checksum: Optional[str] = None
    format: Optional[str] = None


class RecordType:
    """How one record type is stored: collection name, class, id prefix, and
    the schema version that introduced it (older snapshots lack its file)."""

    __slots__ = ("cls", "name", "prefix", "since")

    def __init__(self, name: str, cls: Type[Any], prefix: str, since: int = 1) -> None:
        self.name = name
        self.cls = cls
        self.prefix = prefix
        self.since = since

    @property
    def file(self) -> str:
        """The file of the snapshot holding these records."""
        return f"{self.name}.json"


RECORD_TYPES: Tuple[RecordType, ...] = (
    RecordType("sources", Source, "source"),
    RecordType("people", Person, "person"),
    RecordType("organisations", Organisation, "org"),
    RecordType("memberships", Membership, "membership"),
    RecordType("provisions", LegalProvision, "provision"),
    RecordType("cases", Case, "case"),
    RecordType("events", Event, "event"),
    RecordType("penalties", Penalty, "penalty"),
    RecordType("discrepancies", Discrepancy, "discrepancy"),
    RecordType("relations", Relation, "relation", since=2),
)
_BY_PREFIX = {t.prefix: t for t in RECORD_TYPES}
DECISIONS = frozenset({
    EventKind.VERDICT, EventKind.APPEAL, EventKind.CASSATION, EventKind.SUPERVISORY_REVIEW, EventKind.RULING,
    EventKind.SENTENCE_REPLACEMENT, EventKind.PAROLE_DECISION,
})
"""The kinds of event that decide a case, for :meth:`Dataset.provisions_in_force`."""
_NAMED = ("people", "organisations", "cases", "provisions", "sources")
# resolve() asks the tiers in order: a name that fits a person is not made
# ambiguous by a case whose title mentions that person.
_TIERS = (("people", "organisations"), ("cases", "provisions", "sources"))

EntityRef = Union[Record, str]
"""A record, or its id."""

_RECORD_CLASSES: Tuple[Type[Any], ...] = tuple(t.cls for t in RECORD_TYPES)
_ALL = tuple(t.name for t in RECORD_TYPES)
# What each navigation method takes, by collection name.  A record or id of
# another kind is a mistake (a person given to events_of), not "no links".
_TAKES: Dict[str, Tuple[str, ...]] = {
    "cases_of": ("people", "organisations"),
    "events_of": ("cases",),
    "penalties_of": ("people", "cases"),
    "provisions_of": ("cases",),
    "provisions_in_force": ("cases",),
    "cases_applying": ("provisions",),
    "memberships_of": ("people", "organisations"),
    "discrepancies_of": _ALL,
    "timeline": ("people", "organisations", "cases", "provisions"),
    "cited_sources": _ALL,
}
# The singular of each collection name, for messages.
_ONE = {
    "sources": "source", "people": "person", "organisations": "organisation", "memberships": "membership",
    "provisions": "provision", "cases": "case", "events": "event", "penalties": "penalty",
    "discrepancies": "discrepancy", "relations": "relation",
}
_BY_NAME = {t.name: t for t in RECORD_TYPES}


def _kinds(names: Sequence[str]) -> str:
    """``"a person or organisation"``; ``"a record"`` for every kind."""
    if tuple(names) == _ALL:
        return "a record"
    words = [_ONE[n] for n in names]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    return ("an " if listed[0] in "aeiou" else "a ") + listed


def _by_date(events: Iterable[Event]) -> List[Event]:
    return sorted(events, key=lambda e: (e.date.sort_key(), e.id))


class Dataset:
    """The whole dataset: one read-only :class:`Collection` per record type.

    Get one with :func:`kz_labour_rights.load`.  Records are frozen, the
    collections read-only, and the Dataset itself read-only (setting or
    deleting an attribute raises ``AttributeError``), so a Dataset can be
    shared freely between threads and callers.

    Every method refuses bad input rather than answering "nothing": a
    non-str where a str is wanted raises ``TypeError`` naming the argument;
    navigation given an unknown id or a name raises :class:`NotFoundError`
    with suggestions, and given a record of the wrong kind (a person for
    :meth:`events_of`) raises :class:`UsageError`.  A known record with no
    links gives ``()``.

    Attributes:
        meta: the snapshot's :class:`Meta` (title, licence, versions).
    """

    meta: Meta
    sources: Collection[Source]
    people: Collection[Person]
    organisations: Collection[Organisation]
    memberships: Collection[Membership]
    provisions: Collection[LegalProvision]
    cases: Collection[Case]
    events: Collection[Event]
    penalties: Collection[Penalty]
    discrepancies: Collection[Discrepancy]
    relations: Collection[Relation]
    _redirects: Tuple[Redirect, ...]
    _cases_of: Dict[str, List[Case]]
    _applied: Dict[str, List[str]]
    _cases_applying: Dict[str, List[Case]]
    _events_of: Dict[str, List[Event]]
    _penalties_of: Dict[str, List[Penalty]]
    _memberships_of: Dict[str, List[Membership]]
    _discrepancies_of: Dict[str, List[Discrepancy]]

    def __init__(self, *, meta: Meta, records: Mapping[str, Sequence[Any]], redirects: Sequence[Redirect] = ()) -> None:
        # Attributes are set past __setattr__, which refuses every change.
        object.__setattr__(self, "meta", meta)
        object.__setattr__(self, "_redirects", tuple(sorted(redirects, key=lambda r: r.old)))
        by_old = {r.old: r for r in self._redirects}
        for t in RECORD_TYPES:
            object.__setattr__(self, t.name, Collection(t.name, records.get(t.name, ()), by_old))
        self._build_indexes()

    def __setattr__(self, name: str, value: object) -> None:
        refuse_change(self, name)

    def __delattr__(self, name: str) -> None:
        refuse_change(self, name)

    @property
    def redirects(self) -> Dict[str, str]:
        """Retired ids and the ids that replace them (see :class:`Redirect`)."""
        return {r.old: r.new for r in self._redirects}

    def redirect_records(self) -> Tuple[Redirect, ...]:
        """The redirect table, sorted by retired id."""
        return self._redirects

    @property
    def version(self) -> str:
        """The dataset's version (the package version it shipped in)."""
        return self.meta.version

    @property
    def schema_version(self) -> int:
        """The version of the file layout and record schema."""
        return self.meta.schema_version

    def _build_indexes(self) -> None:
        # Reverse links, built once so navigation is a dict lookup.
        cases_of: Dict[str, List[Case]] = {}
        for case in self.cases:
            for ref in (*case.people, *case.organisations, *case.courts):
                cases_of.setdefault(ref, []).append(case)
        # A case applies the provisions it lists and those its events name (a decision applying a
        # rule, a conversion): provisions_in_force already reads both.
        applied: Dict[str, List[str]] = {case.id: list(case.provisions) for case in self.cases}
        for event in self.events:
            if event.case in applied:
                applied[event.case] += [ref for ref in event.provisions if ref not in applied[event.case]]
        cases_applying: Dict[str, List[Case]] = {}
        for case in self.cases:
            for ref in applied[case.id]:
                cases_applying.setdefault(ref, []).append(case)
        events_of: Dict[str, List[Event]] = {}
        for event in self.events:
            refs = {*event.people, *event.organisations, *event.provisions}
            if event.case:
                refs.add(event.case)
            for ref in refs:
                events_of.setdefault(ref, []).append(event)
        for key, evs in events_of.items():
            events_of[key] = _by_date(evs)
        penalties_of: Dict[str, List[Penalty]] = {}
        for p in self.penalties:
            penalties_of.setdefault(p.person, []).append(p)
            penalties_of.setdefault(p.case, []).append(p)
        memberships_of: Dict[str, List[Membership]] = {}
        for m in self.memberships:
            memberships_of.setdefault(m.person, []).append(m)
            memberships_of.setdefault(m.organisation, []).append(m)
        discrepancies_of: Dict[str, List[Discrepancy]] = {}
        for d in self.discrepancies:
            for ref in d.records:
                discrepancies_of.setdefault(ref, []).append(d)
        for name, index in (
            ("_cases_of", cases_of), ("_applied", applied), ("_cases_applying", cases_applying), ("_events_of", events_of),
            ("_penalties_of", penalties_of), ("_memberships_of", memberships_of), ("_discrepancies_of", discrepancies_of),
        ):
            object.__setattr__(self, name, index)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        # The checksum is derived from the records, and the format is how they
        # were stored, not what they are: neither counts.
        same_meta = attrs.evolve(self.meta, checksum=None, format=None) == attrs.evolve(other.meta, checksum=None, format=None)
        return same_meta and self._redirects == other._redirects and all(
            self.collection(t.name) == other.collection(t.name) for t in RECORD_TYPES
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Dataset {self.version}: " + ", ".join(f"{len(self.collection(t.name))} {t.name}" for t in RECORD_TYPES) + ">"

    def collection(self, name: str) -> "Collection[Any]":
        """The collection called ``name`` (``"people"``, ``"cases"``, …).

        Raises:
            TypeError: ``name`` is not a str.
            NotFoundError: for an unknown collection name.
        """
        name = require_str(name, "Dataset.collection", "name", "a collection name such as 'people'")
        if name not in _BY_NAME:
            raise NotFoundError(name, "collections", [t.name for t in RECORD_TYPES])
        coll: Collection[Any] = getattr(self, name)
        return coll

    def counts(self) -> Dict[str, int]:
        """The number of records per collection."""
        return {t.name: len(self.collection(t.name)) for t in RECORD_TYPES}

    def get(self, record_id: str) -> Record:
        """Any record by id; the prefix says which collection.

        Raises:
            TypeError: ``record_id`` is not a str.
            NotFoundError: no record has this id; suggests near ids, or for a
                name, the records it names and ``resolve``.
        """
        record_id = require_str(record_id, "Dataset.get", "record_id", "an id such as 'person:larisa-kharkova'")
        t = _BY_PREFIX.get(record_id.split(":", 1)[0])
        if t is None or ":" not in record_id:
            raise self._not_found(record_id, _ALL)
        record: Record = self.collection(t.name)[record_id]
        return record

    def resolve(self, name_or_id: str) -> Record:
        """A record by id, or by name.

        Names are looked up first among people and organisations, then —
        only if nothing matched there — among cases, provisions and sources,
        so "Baltabay" is the person, not the case titled after him.

        Raises:
            TypeError: ``name_or_id`` is not a str.
            AmbiguousNameError: the name matches several records in one tier.
            NotFoundError: nothing matches; suggests near matches.
        """
        name_or_id = require_str(name_or_id, "Dataset.resolve", "name_or_id", "a name such as 'Kharkova', or an id")
        if ":" in name_or_id and name_or_id.split(":", 1)[0] in _BY_PREFIX:
            return self.get(name_or_id)
        for tier in _TIERS:
            # find(), not lookup(): a miss in one collection needs no
            # suggestions of its own (they would cost a search each).
            found: List[Record] = [r for name in tier for r in self.collection(name).find(name_or_id)]
            if len(found) == 1:
                return found[0]
            if found:
                raise AmbiguousNameError(name_or_id, "dataset", [f"{display_name(r)} ({r.id})" for r in found])
        suggestions = [f"{m.name} ({m.record.id})" for m in self.search(name_or_id, limit=5, min_score=0.6)]
        raise NotFoundError(name_or_id, "dataset", suggestions)

    def search(self, text: str, limit: int = 10, min_score: float = 0.5) -> List[Match[Any]]:
        """Fuzzy matches across every named collection, best first; on equal
        scores people and organisations come before cases, provisions and sources.

        A long query is cut to its first 8 words (100 characters), as in
        :meth:`Collection.search`, so a search takes milliseconds.

        Raises:
            TypeError: ``text`` is not a str, ``limit`` not an int, or
                ``min_score`` not a number.
            UsageError: ``limit`` is below 1 or ``min_score`` outside 0..1.
        """
        text = require_str(text, "Dataset.search", "text", "any spelling or fragment of a name")
        check_search_options("Dataset.search", limit, min_score)
        return self._search(text, _NAMED, limit, min_score)

    def _search(self, text: str, names: Iterable[str], limit: int, min_score: float) -> List[Match[Any]]:
        key = query_key(text)
        if not key:
            return []
        # One scorer for every collection: their names share many words.
        scorer = Scorer(key)
        matches: List[Any] = []
        for order, name in enumerate(n for n in _NAMED if n in names):
            matches.extend((order, m) for m in self.collection(name)._matches(scorer, limit, float(min_score)))
        matches.sort(key=lambda om: (-om[1].score, om[0], om[1].record.id))
        return [m for _, m in matches[:limit]]

    # Navigation -----------------------------------------------------------

    def _entity(self, entity: object, method: str, argument: str) -> str:
        """The id of the record ``entity`` names, checked for ``method``.

        Raises:
            TypeError: ``entity`` is neither a record nor a str.
            UsageError: it is a record, or the id of one, of a kind ``method``
                does not take.
            NotFoundError: no record has this id, or it is a name.
        """
        takes = _TAKES[method]
        t: Optional[RecordType]
        if isinstance(entity, _RECORD_CLASSES):
            # A record's kind is its class (its id could disagree).
            t = next(rt for rt in RECORD_TYPES if isinstance(entity, rt.cls))
            record_id = require_str(entity.id, f"Dataset.{method}", f"{argument}.id", "the record's id")
        elif isinstance(entity, str):
            record_id = entity
            t = _BY_PREFIX.get(record_id.split(":", 1)[0]) if ":" in record_id else None
            if t is None:
                raise self._not_found(record_id, takes, method)
        else:
            what = "a record" if takes == _ALL else f"{_kinds(takes)} record"
            raise TypeError(
                f"Dataset.{method}() argument {argument!r} must be {what} or its id (a str), "
                f"not {type(entity).__name__}: {shown(entity)}"
            )
        if t.name not in takes:
            others = sorted(m for m, names in _TAKES.items() if t.name in names and names != _ALL)
            instead = f"; for {_kinds((t.name,))} use " + ", ".join(others) if others else ""
            raise UsageError(
                f"Dataset.{method}() takes {_kinds(takes)}, not {_kinds((t.name,))} ({shown(record_id)}){instead}"
            )
        record: Optional[Record] = self.collection(t.name).get(record_id)
        if record is None:
            raise NotFoundError(record_id, t.name, near_ids(record_id, self.collection(t.name).ids()))
        # A retired id navigates as the id that replaced it.
        return record.id

    def _not_found(self, text: str, takes: Sequence[str], method: Optional[str] = None) -> NotFoundError:
        """A NotFoundError for ``text``, which is no id of a kind in ``takes``.

        An id-like text (with a colon) gets the nearest ids; a name gets the
        records it names or resembles, and the call that looks a name up.
        """
        where = takes[0] if len(takes) == 1 else "dataset"
        if ":" in text:
            near = near_ids(text, (i for n in takes for i in self.collection(n).ids()))
            return NotFoundError(text, where, near or [f"an id starting {_BY_NAME[n].prefix}:" for n in takes])
        named = [n for n in _NAMED if n in takes]
        found: List[Record] = [r for n in named for r in self.collection(n).find(text)]
        found.extend(m.record for m in self._search(text, named, 5, 0.6) if m.record not in found)
        suggestions = [f"{display_name(r)} ({r.id})" for r in found[:5]]
        hint = ""
        if named and name_key(text):
            call = f"ds.{named[0]}.lookup" if len(named) == 1 else "ds.resolve"
            target = f"ds.{method}" if method else "ds.get"
            hint = f"{target} takes an id; {call}({shown(text)}) turns a name into its record"
        return NotFoundError(text, where, suggestions, hint)

    def cases_of(self, entity: EntityRef) -> Tuple[Case, ...]:
        """The cases a person or organisation is party to, or a court decided.

        Raises:
            TypeError: ``entity`` is neither a record nor a str.
            UsageError: ``entity`` is not a person or organisation.
            NotFoundError: no record has this id (or it is a name).
        """
        return tuple(self._cases_of.get(self._entity(entity, "cases_of", "entity"), ()))

    def events_of(self, case: EntityRef) -> Tuple[Event, ...]:
        """A case's events in date order.

        Raises:
            TypeError: ``case`` is neither a record nor a str.
            UsageError: ``case`` is not a case (a person's events are its
                :meth:`timeline`).
            NotFoundError: no case has this id (or it is a name).
        """
        case_id = self._entity(case, "events_of", "case")
        return tuple(e for e in self._events_of.get(case_id, ()) if e.case == case_id)

    def penalties_of(self, entity: EntityRef) -> Tuple[Penalty, ...]:
        """The penalties imposed on a person, or in a case.

        Raises:
            TypeError: ``entity`` is neither a record nor a str.
            UsageError: ``entity`` is not a person or case.
            NotFoundError: no record has this id (or it is a name).
        """
        return tuple(self._penalties_of.get(self._entity(entity, "penalties_of", "entity"), ()))

    def provisions_of(self, case: EntityRef) -> Tuple[LegalProvision, ...]:
        """The legal provisions applied in a case: those it lists, then those its events name.

        Raises:
            TypeError: ``case`` is neither a record nor a str.
            UsageError: ``case`` is not a case.
            NotFoundError: no case has this id (or it is a name).
        """
        return tuple(self.provisions[p] for p in self._applied[self._entity(case, "provisions_of", "case")])

    def provisions_in_force(self, case: EntityRef) -> Tuple[InForce, ...]:
        """The wording of each provision in force on each decision of a case.

        A decision is a dated event of the case of a kind in
        :data:`DECISIONS` (verdict, appeal, cassation …); its provisions are
        those the event names, else the case's.  Each answer is
        :meth:`LegalProvision.version_on` of the decision's date, so it says
        whether the wording is certain, which wordings may have applied, and
        whether one the data does not hold may have.  Ordered by decision
        date, then as the provisions are listed.

        Raises:
            TypeError: ``case`` is neither a record nor a str.
            UsageError: ``case`` is not a case.
            NotFoundError: no case has this id (or it is a name).
        """
        c = self.cases[self._entity(case, "provisions_in_force", "case")]
        answers = []
        for event in self.events_of(c):
            if event.kind not in DECISIONS or event.date is None:
                continue
            for ref in event.provisions or c.provisions:
                answers.append(self.provisions[ref].version_on(event.date, event=event.id))
        return tuple(answers)

    def to_pandas(self) -> Dict[str, Any]:
        """This dataset as typed pandas DataFrames, by table name (the relational layout of the exports).

        Partial dates keep their text beside ``…_earliest``/``…_latest``
        datetime columns and their precision; kinds and statuses are
        categoricals; amounts are decimals beside their exact text.  See
        docs/analysis.md.

        Raises:
            UsageError: pandas or pyarrow is not installed (``pip install "kz-labour-rights[pandas]"``).
        """
        # The one import from a higher layer: the tables and their Arrow
        # types live with the formats, and this is where users look for them.
        from .formats._frames import to_pandas

        return to_pandas(self)

    def to_arrow(self) -> Dict[str, Any]:
        """This dataset as typed pyarrow Tables, by table name (polars and DuckDB read them as they are).

        Raises:
            UsageError: pyarrow is not installed (``pip install "kz-labour-rights[parquet]"``).
        """
        from .formats._frames import to_arrow

        return to_arrow(self)

    def cases_applying(self, provision: EntityRef) -> Tuple[Case, ...]:
        """The cases that applied a legal provision: that list it, or whose events name it.

        Raises:
            TypeError: ``provision`` is neither a record nor a str.
            UsageError: ``provision`` is not a legal provision.
            NotFoundError: no provision has this id (or it is a name).
        """
        return tuple(self._cases_applying.get(self._entity(provision, "cases_applying", "provision"), ()))

    def memberships_of(self, entity: EntityRef) -> Tuple[Membership, ...]:
        """A person's memberships, or an organisation's members.

        Raises:
            TypeError: ``entity`` is neither a record nor a str.
            UsageError: ``entity`` is not a person or organisation.
            NotFoundError: no record has this id (or it is a name).
        """
        return tuple(self._memberships_of.get(self._entity(entity, "memberships_of", "entity"), ()))

    def discrepancies_of(self, entity: EntityRef, *, related: bool = False) -> Tuple[Discrepancy, ...]:
        """The discrepancies that name a record (of any kind).

        With ``related``, also those about what concerns the record: for a
        person or an organisation, its cases, memberships, penalties and the
        events of its timeline; for a case, its events and penalties; for a
        provision, the events that apply it.  Each discrepancy once, in the
        order of the records it names (the record itself first).

        Raises:
            TypeError: ``entity`` is neither a record nor a str, or
                ``related`` is not a bool.
            NotFoundError: no record has this id (or it is a name).
        """
        if not isinstance(related, bool):
            raise TypeError(f"discrepancies_of(): related must be True or False, not {type(related).__name__}")
        rid = self._entity(entity, "discrepancies_of", "entity")
        if not related:
            return tuple(self._discrepancies_of.get(rid, ()))
        record = self.get(rid)
        around: List[str] = [rid]
        if isinstance(record, (Person, Organisation)):
            around += [c.id for c in self.cases_of(rid)] + [m.id for m in self.memberships_of(rid)]
            if isinstance(record, Person):
                around += [p.id for p in self.penalties_of(rid)]
            around += [e.id for e in self.timeline(rid)]
        elif isinstance(record, Case):
            around += [e.id for e in self.events_of(rid)] + [p.id for p in self.penalties_of(rid)]
        elif isinstance(record, LegalProvision):
            around += [e.id for e in self.timeline(rid)]
        seen: Dict[str, Discrepancy] = {}
        for r in around:
            for d in self._discrepancies_of.get(r, ()):
                seen.setdefault(d.id, d)
        return tuple(seen.values())

    def timeline(self, entity: EntityRef) -> Tuple[Event, ...]:
        """Every event involving a person, organisation, case or provision,
        in date order (earliest day first; ties by id).

        Raises:
            TypeError: ``entity`` is neither a record nor a str.
            UsageError: ``entity`` is a source, event or other record that
                events do not involve.
            NotFoundError: no record has this id (or it is a name).
        """
        return tuple(self._events_of.get(self._entity(entity, "timeline", "entity"), ()))

    @property
    def checksum(self) -> str:
        """``sha256:<hex>`` of the canonical record files (meta.json excluded).

        The same records give the same checksum however the files were
        formatted; any change to a record changes it.  Computed once: the
        Dataset cannot change.
        """
        cached: Optional[str] = self.__dict__.get("_checksum")
        if cached is None:
            cached = content_checksum(self)
            object.__setattr__(self, "_checksum", cached)
        return cached

    def cited_sources(self, record: EntityRef) -> Tuple[Source, ...]:
        """The sources a record cites, each once, in citation order.

        Raises:
            TypeError: ``record`` is neither a record nor a str.
            NotFoundError: no record has this id (or it is a name).
        """
        record_id = self._entity(record, "cited_sources", "record")
        # A record given is asked for its own citations; an id, the stored record's.
        found = record if isinstance(record, _RECORD_CLASSES) else self.get(record_id)
        seen: Dict[str, Source] = {}
        for c in getattr(found, "citations", ()):
            seen.setdefault(c.source, self.sources[c.source])
        return tuple(seen.values())


def canonical_json(data: Any) -> str:
    """Canonical JSON text: sorted keys, two-space indent, UTF-8, final newline.

    Exactly ``json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)``
    plus a newline, written by :func:`_indented`: the standard library's
    indenting encoder is pure Python and several times slower, and every
    checksum of a snapshot read from tables is computed over this text.
    """
    try:
        return _indented(data, "\n") + "\n"
    except _Unusual:
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class _Unusual(Exception):
    """A value :func:`_indented` leaves to ``json.dumps`` (a float, a non-str key, a cycle)."""


_encode_str: Callable[[str], str] = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.encode_basestring
_DEPTH = 100


def _indented(value: Any, newline: str) -> str:
    """``value`` as ``json.dumps(indent=2, sort_keys=True, ensure_ascii=False)`` writes it;
    ``newline`` is a newline plus the indent of the line ``value`` starts on."""
    if type(value) is str:
        return _encode_str(value)
    if type(value) is dict:
        if not value:
            return "{}"
        if len(newline) > _DEPTH or not all(type(k) is str for k in value):
            raise _Unusual
        inner = newline + "  "
        return "{" + inner + ("," + inner).join(
            _encode_str(k) + ": " + _indented(v, inner) for k, v in sorted(value.items())
        ) + newline + "}"
    if type(value) is list or type(value) is tuple:
        if not value:
            return "[]"
        if len(newline) > _DEPTH:
            raise _Unusual
        inner = newline + "  "
        return "[" + inner + ("," + inner).join(_indented(v, inner) for v in value) + newline + "]"
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    raise _Unusual


_SCHEMA_3_ONLY = frozenset({"supports", "inferred", "derived", "date_of", "date_bound", "count", "counted", "place",
                            "start_bound", "end_bound", "valid_from_bound"})


def _as_schema_2(item: Any) -> Any:
    """A record as schema 2 wrote it (for verifying an older snapshot's checksum)."""
    if isinstance(item, list):
        return [_as_schema_2(i) for i in item]
    if not isinstance(item, dict):
        return item
    out = {k: _as_schema_2(v) for k, v in item.items() if k not in _SCHEMA_3_ONLY}
    if "explains" in item:
        # Schema 2 wrote a discrepancy's explanations as bare codes.
        out["explains"] = [x["code"] for x in item["explains"]]
    if item.get("counted") == "participants":
        out["participants"] = item["count"]
    if "sides" in item:
        # Schema 2 had no sides: their quotes were the discrepancy's citations.
        out["citations"] = out.get("citations", []) + [c for side in out.pop("sides") for c in side["citations"]]
    return out


def record_files(dataset: Dataset, schema: int = SCHEMA_VERSION) -> Dict[str, str]:
    """The canonical text of every record file of ``dataset``'s JSON snapshot, by name.

    ``schema`` below this package's gives the files as that schema wrote
    them, to verify the checksum an older snapshot carries.
    """
    files = {"redirects.json": canonical_json([converter.unstructure(r) for r in dataset.redirect_records()])}
    for t in RECORD_TYPES:
        items = [converter.unstructure(r) for r in sorted(dataset.collection(t.name), key=lambda r: r.id)]
        if schema <= 2:
            items = [_as_schema_2(i) for i in items]
        files[t.file] = canonical_json(items)
    return files


def content_checksum(dataset: Dataset, schema: int = SCHEMA_VERSION) -> str:
    """``sha256:<hex>`` over the canonical text of every record file, by file name
    (as schema ``schema`` writes them)."""
    digest = hashlib.sha256()
    for name, text in sorted(record_files(dataset, schema).items()):
        digest.update(name.encode("utf-8") + b"\0" + text.encode("utf-8") + b"\0")
    return "sha256:" + digest.hexdigest()
