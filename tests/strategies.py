"""Hypothesis strategies for every value and record type."""

import datetime
from decimal import Decimal
from typing import Any, Callable, Dict, List

import attrs
from hypothesis import strategies as st

from kz_labour_rights import (
    Bound,
    Case,
    CaseKind,
    Citation,
    CountOf,
    DateOf,
    Discrepancy,
    Event,
    EventKind,
    EventStatus,
    LegalProvision,
    Membership,
    Money,
    Organisation,
    OrgKind,
    PartialDate,
    Penalty,
    PenaltyKind,
    Person,
    ProvisionVersion,
    Relation,
    RelationKind,
    Side,
    Source,
    Term,
)
from kz_labour_rights._converter import structure
from kz_labour_rights._dataset import RECORD_TYPES, SCHEMA_VERSION, Dataset, Meta
from kz_labour_rights._integrity import holds_value
from kz_labour_rights._model import FACTS, Derivation, Explanation, Inference
from kz_labour_rights.arithmetic import fine_to_imprisonment, imprisonment_to_fine, unserved_days

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
# Text as the loader accepts it: no control characters, lone surrogates or bidi overrides.
letters = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufffe\uffff")
texts = st.text(letters, min_size=1, max_size=40).filter(lambda s: s.strip() != "")
free_text = st.text(letters, max_size=30)
file_names = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,11}\.txt", fullmatch=True)


def ids(prefix: str) -> st.SearchStrategy[str]:
    """Well-formed ids with ``prefix``."""
    return slugs.map(lambda s: f"{prefix}:{s}")


@st.composite
def partial_dates(draw: Callable[..., Any]) -> PartialDate:
    """Partial dates of every precision, 1990–2030."""
    day = draw(st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(year=day.year)
    if precision == "month":
        return PartialDate(year=day.year, month=day.month)
    return PartialDate.from_date(day)


terms = st.builds(
    Term,
    years=st.integers(0, 30),
    months=st.integers(0, 40),
    weeks=st.integers(0, 10),
    days=st.integers(0, 3000),
    hours=st.integers(0, 1000),
)
money = st.builds(
    Money,
    amount=st.decimals(min_value=Decimal(0), max_value=Decimal(10**12), places=2, allow_nan=False, allow_infinity=False),
    currency=st.sampled_from(["KZT", "USD", "EUR"]),
    approximate=st.booleans(),
)
citations = st.builds(Citation, source=ids("source"), quote=texts, locator=st.none() | texts)
cites = st.lists(citations, min_size=1, max_size=3).map(tuple)
id_tuples = lambda prefix: st.lists(ids(prefix), max_size=3).map(tuple)  # noqa: E731
aliases = st.lists(texts, max_size=3).map(tuple)

sources = st.builds(
    Source, id=ids("source"), title=texts, publisher=texts, published=partial_dates(), url=st.none() | texts,
    file=file_names, sha256=st.from_regex(r"[0-9a-f]{64}", fullmatch=True), description=free_text,
    part_of=st.none() | ids("source"),
)
people = st.builds(Person, id=ids("person"), name=texts, aliases=aliases, pseudonym=st.booleans(), description=free_text, citations=cites)
organisations = st.builds(
    Organisation, id=ids("org"), name=texts, aliases=aliases, kind=st.sampled_from(OrgKind),
    parent=st.none() | ids("org"), description=free_text, citations=cites,
)
@st.composite
def spans(draw: Callable[..., Any], start_required: bool = False) -> "tuple[Any, Any]":
    """(start, end) partial dates, either may be None (start only if not required); end never certainly before start."""
    a = draw(partial_dates()) if start_required else draw(st.none() | partial_dates())
    b = draw(st.none() | partial_dates())
    if a is not None and b is not None and b.certainly_before(a):
        a, b = b, a
    return a, b


memberships = spans().flatmap(lambda span: st.builds(
    Membership, id=ids("membership"), person=ids("person"), organisation=ids("org"), role=texts,
    start=st.just(span[0]), end=st.just(span[1]),
    start_bound=st.none() if span[0] is None else st.none() | st.sampled_from(Bound),
    end_bound=st.none() if span[1] is None else st.none() | st.sampled_from(Bound), citations=cites,
))
provision_versions = spans().flatmap(lambda span: st.builds(
    ProvisionVersion, valid_from=st.just(span[0]), valid_to=st.just(span[1]), summary=texts,
    valid_from_bound=st.none() if span[0] is None else st.none() | st.sampled_from(Bound),
    amended_by=st.none() | texts, citations=cites,
))
provisions = st.builds(
    LegalProvision, id=ids("provision"), instrument=texts, article=st.none() | texts, part=st.none() | texts,
    paragraph=st.none() | texts, title=texts, aliases=aliases,
    versions=st.lists(provision_versions, max_size=2).map(tuple), citations=cites,
)
cases = st.builds(
    Case, id=ids("case"), kind=st.sampled_from(CaseKind), title=texts, people=id_tuples("person"),
    organisations=id_tuples("org"), courts=id_tuples("org"), provisions=id_tuples("provision"),
    summary=free_text, citations=cites,
)
@st.composite
def events(draw: Callable[..., Any]) -> Event:
    """An event; ``counted`` drawn exactly when ``count`` is."""
    start, end = draw(spans(start_required=True))
    count = draw(st.none() | texts)
    return draw(st.builds(
        Event, id=ids("event"), kind=st.sampled_from(EventKind), date=st.just(start), end=st.just(end),
        date_of=st.none() | st.sampled_from(DateOf), date_bound=st.none() | st.sampled_from(Bound),
        count=st.just(count), counted=st.none() if count is None else st.sampled_from(CountOf),
        status=st.sampled_from(EventStatus), place=st.none() | texts,
        case=st.none() | ids("case"), people=id_tuples("person"), organisations=id_tuples("org"),
        provisions=id_tuples("provision"), summary=texts, citations=cites,
    ))


penalties = spans().flatmap(lambda span: st.builds(
    Penalty, id=ids("penalty"), case=ids("case"), person=ids("person"), kind=st.sampled_from(PenaltyKind),
    term=st.none() | terms, per_year=st.booleans(), amount=st.none() | money, imposed_by=st.none() | ids("event"),
    replaces=st.none() | ids("penalty"), replaced_days=st.none() | st.integers(min_value=0, max_value=5000),
    rule=st.none() | ids("provision"), start=st.just(span[0]), end=st.just(span[1]),
    summary=free_text, citations=cites,
))
explanations = st.builds(
    Explanation, code=st.from_regex(r"KZL0[0-9]{2}", fullmatch=True),
    records=st.lists(ids("event") | ids("penalty"), min_size=1, max_size=3).map(tuple), value=st.none() | texts,
)
sides = st.builds(Side, by=texts, claim=texts, records=id_tuples("event"), citations=cites)
discrepancies = st.builds(
    Discrepancy, id=ids("discrepancy"), summary=texts, records=id_tuples("event"),
    sides=st.lists(sides, max_size=3).map(tuple),
    explains=st.lists(explanations, max_size=2).map(tuple),
    status=st.sampled_from(["resolved", "unresolved"]), resolution=st.none() | texts, citations=cites,
)
relations = st.builds(
    Relation, id=ids("relation"), kind=st.sampled_from(RelationKind), subject=ids("org"), object=ids("org"),
    date=st.none() | partial_dates(), reason=free_text, citations=cites,
)

def _provenance_for(draw: Callable[..., Any], obj: Any) -> Any:
    """``obj`` (a record or provision version) with a drawn provenance for every fact it holds."""
    facts = FACTS.get(type(obj))
    if facts is None:
        return obj
    if isinstance(obj, LegalProvision):
        obj = attrs.evolve(obj, versions=tuple(_provenance_for(draw, v) for v in obj.versions))
    supports: List[List[str]] = [[] for _ in obj.citations]
    inferred: List[Inference] = []
    derived: List[Derivation] = []
    for field in facts:
        if not holds_value(obj, field):
            continue
        value = getattr(obj, field)
        how = draw(st.sampled_from(["stated", "stated", "inferred", "derived"]))
        if how == "inferred" and isinstance(value, tuple) and draw(st.booleans()):
            # One item inferred, the others stated.
            inferred.append(Inference(field=field, reason=draw(texts), value=draw(st.sampled_from(value))))
            how = "stated"
        if how == "stated":
            for i in draw(st.sets(st.integers(0, len(supports) - 1), min_size=1)):
                supports[i].append(field)
        elif how == "inferred":
            inferred.append(Inference(field=field, reason=draw(texts), basis=draw(id_tuples("event"))))
        else:
            derived.append(Derivation(field=field, computation=draw(texts), basis=draw(id_tuples("penalty"))))
    citations = tuple(attrs.evolve(c, supports=tuple(s)) for c, s in zip(obj.citations, supports))
    return attrs.evolve(obj, citations=citations, inferred=tuple(inferred), derived=tuple(derived))


def with_provenance(records: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Records from ``records`` whose every fact-bearing value is stated, inferred or derived."""
    return st.composite(lambda draw: _provenance_for(draw, draw(records)))()


RECORDS: Dict[type, st.SearchStrategy[Any]] = {
    Source: sources,
    Person: with_provenance(people),
    Organisation: with_provenance(organisations),
    Membership: with_provenance(memberships),
    LegalProvision: with_provenance(provisions),
    Case: with_provenance(cases),
    Event: with_provenance(events()),
    Penalty: with_provenance(penalties),
    Discrepancy: discrepancies,
    Relation: with_provenance(relations),
}
VALUES: Dict[type, st.SearchStrategy[Any]] = {
    PartialDate: partial_dates(),
    Term: terms,
    Money: money,
    Citation: citations,
    ProvisionVersion: provision_versions,
    Explanation: explanations,
    Inference: st.builds(Inference, field=st.sampled_from(["date", "people", "rule"]), reason=texts, basis=id_tuples("event"),
                         value=st.none() | ids("person")),
    Derivation: st.builds(Derivation, field=st.sampled_from(["end", "start"]), computation=texts, basis=id_tuples("penalty")),
}


# --- whole datasets: a consistent criminal case (used by the checker and export tests)

D = datetime.date
CITE = [{"source": "source:s", "quote": "q"}]


_CLASSES = {t.name: t.cls for t in RECORD_TYPES}


def _with_sides(item: Any) -> Any:
    """A discrepancy without sides gets two, quoted from its first citation's source in words no record
    shares (the loader wants two quoted sides; KZL005 would tie shared words to other records)."""
    if not isinstance(item, dict) or "sides" in item or not isinstance(item.get("citations"), list) or not item["citations"]:
        return item
    source = item["citations"][0].get("source") if isinstance(item["citations"][0], dict) else None
    sides = [{"by": f"test source {n}", "claim": f"claim {n}", "citations": [{"source": source, "quote": f"side {n} of {item.get('id')}"}]}
             for n in (1, 2)]
    return {**item, "sides": sides}


def _stamped(item: Any, cls: type) -> Any:
    if cls is Discrepancy:
        return _with_sides(item)
    facts = FACTS.get(cls)
    if facts is None or not isinstance(item, dict) or "inferred" in item or "derived" in item:
        return item
    if any(isinstance(c, dict) and "supports" in c for c in item.get("citations") or ()):
        return item
    out = dict(item)
    out["inferred"] = [{"field": f, "reason": "a test record"} for f in facts if item.get(f) not in (None, [], False, "occurred")]
    if isinstance(item.get("versions"), list):
        out["versions"] = [_stamped(v, ProvisionVersion) for v in item["versions"]]
    return out


def stamp(records: Dict[str, List[Dict[str, Any]]]) -> Dict[str, List[Dict[str, Any]]]:
    """Snapshot-format dicts with every fact-bearing value marked inferred ("a test record"), so
    that the loader's provenance rule holds and no quote need state them.  A record that already
    says where a value comes from (supports, inferred or derived) is kept as it is."""
    return {name: [_stamped(r, _CLASSES[name]) if name in _CLASSES else r for r in items] for name, items in records.items()}


def dataset(records: Dict[str, List[Dict[str, Any]]], *, stamped: bool = True) -> Dataset:
    """A dataset built in memory from snapshot-format dicts (no loader, so faults survive).

    With ``stamped`` (the default) every fact is stated by its record's citations (see :func:`stamp`).
    """
    meta = Meta(version="0.0.1", schema_version=SCHEMA_VERSION, title="t", license="CC-BY-4.0")
    records = stamp(records) if stamped else records
    built = {t.name: [structure(r, t.cls) for r in records.get(t.name, [])] for t in RECORD_TYPES}
    return Dataset(meta=meta, records=built)


def case_records(arrest: D, verdict_gap: int, term_years: int, pardon_gap: int) -> Dict[str, List[Dict[str, Any]]]:
    """A consistent criminal case: arrest, verdict, a pardon turning the unserved days into a fine,
    and the unpaid fine replaced by prison days at the legal rate."""
    verdict = arrest + datetime.timedelta(days=verdict_gap)
    pardon = verdict + datetime.timedelta(days=pardon_gap)
    replaced = pardon + datetime.timedelta(days=40)
    unserved = unserved_days(verdict, pardon, Term(years=term_years))
    fine = imprisonment_to_fine(unserved, pardon)
    term = fine_to_imprisonment(fine.amount, replaced)
    ev = lambda i, k, d: {"id": f"event:{i}", "kind": k, "date": d.isoformat(), "case": "case:c", "people": ["person:p"], "summary": "s", "citations": CITE}  # noqa: E731
    return {
        "sources": [{"id": "source:s", "title": "t", "publisher": "p", "published": "2040", "file": "f", "sha256": "0" * 64}],
        "people": [{"id": "person:p", "name": "Pat Example", "citations": CITE}],
        "cases": [{"id": "case:c", "kind": "criminal", "title": "t", "people": ["person:p"], "citations": CITE}],
        "events": [ev("arrest", "arrest", arrest), ev("verdict", "verdict", verdict), ev("pardon", "pardon", pardon), ev("replaced", "sentence-replacement", replaced)],
        "penalties": [
            {"id": "penalty:prison", "case": "case:c", "person": "person:p", "kind": "imprisonment", "term": f"P{term_years}Y", "imposed_by": "event:verdict", "citations": CITE},
            {"id": "penalty:fine", "case": "case:c", "person": "person:p", "kind": "fine", "amount": {"amount": str(fine.amount.amount), "currency": "KZT"},
             "replaced_days": unserved, "replaces": "penalty:prison", "imposed_by": "event:pardon", "citations": CITE},
            {"id": "penalty:again", "case": "case:c", "person": "person:p", "kind": "imprisonment", "term": str(term.as_months.term()),
             "replaces": "penalty:fine", "imposed_by": "event:replaced", "start": replaced.isoformat(),
             "end": (replaced + datetime.timedelta(days=term.days)).isoformat(), "citations": CITE},
        ],
    }


cases = st.builds(
    case_records,
    arrest=st.dates(min_value=D(2012, 1, 1), max_value=D(2024, 1, 1)),
    verdict_gap=st.integers(1, 300), term_years=st.integers(1, 10), pardon_gap=st.integers(1, 60),
)


# --- datasets with extreme figures: the checker must report them, never raise

_EDGE_DAYS = [D(1, 1, 1), D(1, 1, 2), D(1899, 12, 31), D(2010, 12, 31), D(2026, 12, 31), D(2027, 1, 1), D(2100, 12, 31), D(9999, 12, 31)]
def _mostly(ordinary: st.SearchStrategy[Any], extreme: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``ordinary`` three times in four (so the sentence computations run), else ``extreme``."""
    return st.integers(0, 3).flatmap(lambda i: extreme if i == 0 else ordinary)


extreme_dates = _mostly(st.dates(D(2011, 1, 1), D(2026, 12, 31)), st.sampled_from(_EDGE_DAYS) | st.dates())
extreme_terms = _mostly(st.builds(Term, years=st.integers(0, 10), months=st.integers(0, 12), days=st.integers(0, 400)) | st.builds(Term, hours=st.integers(1, 2000)), st.builds(
    Term,
    # As large as the model admits (nine digits a part).
    years=st.sampled_from([0, 1, 100, 101, 99999]) | st.integers(0, 10**6),
    months=st.sampled_from([0, 1, 11, 1200]) | st.integers(0, 10**7),
    weeks=st.sampled_from([0, 1]) | st.integers(0, 10**6),
    days=st.sampled_from([0, 8, 158, 36525, 10**9 - 1]) | st.integers(0, 10**9 - 1),
    hours=st.sampled_from([0, 0, 100, 10**9 - 1]),
))
# The extremes the model admits: amounts below 10**18 with at most six decimals, replaced days up to 10**7.
extreme_amounts = _mostly(st.integers(0, 10**8).map(str), st.sampled_from(
    ["0", "0.000001", str(10**17), str(10**18 - 1), "999999999999.999999"],
) | st.decimals(min_value=0, max_value=10**18 - 1, places=6, allow_nan=False, allow_infinity=False).map(lambda d: f"{d:f}"))
extreme_days = _mostly(st.integers(0, 5000), st.sampled_from([36525, 36526, 10**7]) | st.integers(0, 10**7))


@st.composite
def _extreme_partial(draw: Callable[..., Any]) -> str:
    day = draw(extreme_dates)
    precision = draw(st.sampled_from(["year", "month", "day", "day", "day", "day"]))
    if precision == "year":
        return str(PartialDate(year=day.year))
    return str(PartialDate(year=day.year, month=day.month) if precision == "month" else PartialDate.from_date(day))


_SENTENCE_EVENTS = ["verdict", "pardon", "sentence-replacement", "release", "sentence-end", "ban-end", "probation-registration", "arrest"]
_SENTENCE_PENALTIES = ["imprisonment", "fine", "restriction-of-liberty", "compulsory-labour", "ban-on-positions", "damages"]


@st.composite
def extreme_records(draw: Callable[..., Any]) -> Dict[str, List[Dict[str, Any]]]:
    """One case of person:x with extreme dates, terms, amounts and replaced days, dangling and
    impossible references (ids end in ``-x``), entry-dated locators, and discrepancies whose
    explanations name these records."""
    n_events, n_penalties = draw(st.integers(1, 6)), draw(st.integers(1, 7))
    event_ids = [f"event:x{i}" for i in range(n_events)]
    penalty_ids = [f"penalty:x{i}" for i in range(n_penalties)]
    cite = {"source": "source:x", "quote": "q"}
    events = []
    for eid in event_ids:
        locator = draw(st.none() | st.sampled_from(["entry (31-02-2017)", "entry (20-01-2017)", "entry (01-01-0001)", "entry (99-99-9999)"]))
        events.append({
            "id": eid, "kind": draw(st.sampled_from(_SENTENCE_EVENTS)), "date": draw(_extreme_partial()), "case": "case:x",
            "people": draw(st.sampled_from([[], ["person:x"], ["person:nobody-x"]])), "summary": "s",
            "citations": [dict(cite, locator=locator) if locator else cite, draw(st.sampled_from([cite, {"source": "source:missing-x", "quote": "q"}]))],
        })
    penalties = []
    for pid in penalty_ids:
        p: Dict[str, Any] = {"id": pid, "case": "case:x", "person": "person:x", "kind": draw(st.sampled_from(_SENTENCE_PENALTIES)), "citations": [cite]}
        optional = {
            "term": extreme_terms.map(str), "per_year": st.booleans(),
            "amount": st.fixed_dictionaries({"amount": extreme_amounts, "currency": st.sampled_from(["KZT", "KZT", "EUR", "USD"])}),
            "imposed_by": st.sampled_from([*event_ids, "event:missing-x"]), "replaces": st.sampled_from([*penalty_ids, "penalty:missing-x"]),
            "replaced_days": extreme_days,
            "start": _extreme_partial(), "end": _extreme_partial(),
        }
        for field, strategy in optional.items():
            if draw(st.integers(0, 3)):
                p[field] = draw(strategy)
        if "start" in p and "end" in p and PartialDate.parse(p["end"]).certainly_before(PartialDate.parse(p["start"])):
            p["start"], p["end"] = p["end"], p["start"]  # the model refuses an end before its start
        penalties.append(p)
    codes = st.sampled_from(["KZL003", "KZL011", "KZL021", "KZL030", "KZL031", "KZL032", "KZL033", "KZL034", "KZL035", "KZL036", "KZL037", "KZL038", "KZL090"])
    pins = st.fixed_dictionaries(
        {"code": codes, "records": st.lists(st.sampled_from(event_ids + penalty_ids), min_size=1, max_size=3)},
        optional={"value": st.sampled_from(["start 2019-10-16; term P158D", "x"])},
    )
    discrepancies = [
        {"id": f"discrepancy:x{i}", "summary": "s", "records": draw(st.lists(st.sampled_from(event_ids + penalty_ids), max_size=3)),
         "explains": draw(st.lists(pins, max_size=3)), "citations": [cite]}
        for i in range(draw(st.integers(0, 2)))
    ]
    return {
        "sources": [{"id": "source:x", "title": "t", "publisher": "p", "published": draw(_extreme_partial()), "file": "x.txt", "sha256": "0" * 64}],
        "people": [{"id": "person:x", "name": "Extreme Example", "citations": [cite]}],
        "cases": [{"id": "case:x", "kind": "criminal", "title": "t", "people": ["person:x"], "citations": [cite]}],
        "events": events, "penalties": penalties, "discrepancies": discrepancies,
    }


def junk() -> st.SearchStrategy[Any]:
    """Arbitrary JSON-like values: what a corrupted data file might hold."""
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10)
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)


# --- ids of every valid shape, and hostile text (used by the catalogue and CLI tests)

segment_ids = st.builds(
    lambda prefix, segments: f"{prefix}:{'/'.join(segments)}",
    st.from_regex(r"[a-z]{1,12}", fullmatch=True),
    st.lists(st.from_regex(r"[a-z0-9][a-z0-9.-]{0,8}", fullmatch=True), min_size=1, max_size=3),
)
"""Valid ids of every shape the id rule allows: ``prefix:segment/segment``, segments with ``.`` and ``-``."""

HOSTILE = {
    "html": "<script>alert(1)</script>",
    "link": "[x](javascript:alert(1))",
    "cells": "| a | b |",
    "terminal": "\x1b]0;owned\x07\x1b[2J",
    "bidi": "evil\u202egnp.exe\u2066",
    "newline": "two\nlines",
}
"""Names and texts that would steer a terminal, a Markdown page or an SVG if shown raw."""


def unchecked_dataset(records: Dict[str, List[Dict[str, Any]]]) -> Dataset:
    """Like :func:`dataset`, with the loader's text rule off: records as Python code could build them,
    control characters and all, so that every output's escaping has something to escape."""
    from kz_labour_rights._converter import make_converter

    lenient = make_converter()
    lenient.register_structure_hook(str, lambda value, _: value)
    meta = Meta(version="0.0.1", schema_version=SCHEMA_VERSION, title="t", license="CC-BY-4.0")
    records = stamp(records)
    built = {t.name: [lenient.structure(r, t.cls) for r in records.get(t.name, [])] for t in RECORD_TYPES}
    return Dataset(meta=meta, records=built)


def hostile_records() -> Dict[str, List[Dict[str, Any]]]:
    """A small consistent dataset whose every displayed text is hostile (see :data:`HOSTILE`)."""
    h = HOSTILE
    cite = [{"source": "source:s", "quote": h["bidi"] + h["link"], "locator": h["cells"]}]
    return {
        "sources": [{"id": "source:s", "title": h["html"], "publisher": h["link"] + h["terminal"], "published": "2020", "file": "f", "sha256": "0" * 64}],
        "people": [
            {"id": "person:p", "name": h["html"], "aliases": [h["link"], h["cells"]], "description": h["newline"] + h["terminal"], "citations": cite},
            {"id": "person:q", "name": h["link"], "citations": cite},
        ],
        "organisations": [
            {"id": "org:o", "name": h["cells"], "kind": "union", "description": h["html"], "citations": cite},
            {"id": "org:o/branch", "name": h["bidi"], "kind": "union", "parent": "org:o", "citations": cite},
        ],
        "memberships": [{"id": "membership:m", "person": "person:p", "organisation": "org:o", "role": h["link"], "citations": cite}],
        "cases": [{"id": "case:c", "kind": "criminal", "title": h["link"] + h["html"], "people": ["person:p", "person:q"], "courts": ["org:o"],
                   "summary": h["cells"] + h["newline"], "citations": cite}],
        "events": [
            {"id": "event:e", "kind": "arrest", "date": "2020-01-02", "case": "case:c", "people": ["person:p"], "organisations": ["org:o"],
             "summary": h["html"] + h["terminal"] + h["bidi"], "citations": cite},
            {"id": "event:f", "kind": "verdict", "date": "2020-03", "case": "case:c", "people": ["person:p", "person:q"],
             "summary": h["cells"] + h["link"], "citations": cite},
        ],
        "relations": [{"id": "relation:r", "kind": "part-of", "subject": "org:o/branch", "object": "org:o", "reason": h["link"], "citations": cite}],
        "discrepancies": [{"id": "discrepancy:d", "summary": h["html"], "records": ["event:e"], "resolution": h["cells"], "status": "resolved", "citations": cite}],
    }


def name_keys(max_words: int, max_chars: int) -> st.SearchStrategy[str]:
    """Folded name keys (words joined by single spaces) within the bounds; the
    words share a few letters, so that they resemble each other as names do."""
    words = st.text("abehikloruvz", min_size=1, max_size=12)
    return st.lists(words, min_size=1, max_size=max_words).map(" ".join).filter(lambda k: len(k) <= max_chars)


JUNK_ARGUMENTS: List[Any] = [
    None, 0, -1, 1.5, True, b"bytes", [], {}, "", " ", "\x00", "a" * 10000, "person:", ":", "person:nobody",
    "Кушакбаев", "../../etc/passwd", "\u202e", object(),
]
"""What a caller might pass where an id, a name or a number is wanted."""


__all__: List[str] = [
    "HOSTILE", "JUNK_ARGUMENTS", "RECORDS", "VALUES", "case_records", "cases", "citations", "dataset", "explanations", "extreme_records", "hostile_records", "ids", "junk",
    "money", "name_keys", "partial_dates", "segment_ids", "terms", "unchecked_dataset",
]


# --- surface forms (tests/test_surface.py) ---------------------------------
# Filler around a rendered value: consonants and punctuation only, so that it
# can never spell a month, a number word, a unit, a currency or a hedge, and
# has no digits to extend a number.
surface_filler = st.text(alphabet="bcdfghjlpqrvwx ,;:()\"'", max_size=30)
_SURFACE_SPACES = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", " \n "])
_SURFACE_CASES: List[Callable[[str], str]] = [str, str.lower, str.upper, str.title]


@st.composite
def surface_embeddings(draw: Callable[..., Any], form: str) -> "tuple[str, int, int]":
    """``(text, start, end)``: ``form`` in random case, its spaces as random whitespace,
    between random filler; ``text[start:end]`` is the embedded form."""
    changed = draw(st.sampled_from(_SURFACE_CASES))(form)
    words = changed.split(" ")
    body = words[0] + "".join(draw(_SURFACE_SPACES) + w for w in words[1:])
    before = draw(surface_filler) + draw(st.sampled_from([" ", "\n", " (", "\u00a0", "\t"]))
    after = draw(st.sampled_from([" ", ". ", ", ", ")", "\n"])) + draw(surface_filler)
    return before + body + after, len(before), len(before) + len(body)


@st.composite
def distinct_dates(draw: Callable[..., Any]) -> "tuple[PartialDate, PartialDate]":
    """Two partial dates of the same precision that differ in what every form shows:
    the year, the year or month, or (for days, whose forms may drop the year) the day or month."""
    days = st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31))
    a = draw(days)
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        b = draw(days.filter(lambda b: b.year != a.year))
        return PartialDate(year=a.year), PartialDate(year=b.year)
    if precision == "month":
        b = draw(days.filter(lambda b: (b.year, b.month) != (a.year, a.month)))
        return PartialDate(year=a.year, month=a.month), PartialDate(year=b.year, month=b.month)
    b = draw(days.filter(lambda b: (b.month, b.day) != (a.month, a.day)))
    return PartialDate.from_date(a), PartialDate.from_date(b)


# Amounts as the sources give them: whole sums, round millions ("10.8 million"), cents.
surface_amounts = st.one_of(
    st.integers(0, 10**12).map(Decimal),
    st.integers(1, 10**5).map(lambda n: Decimal(n) * 10**5),
    st.decimals(min_value=Decimal(0), max_value=Decimal(10**7), places=2, allow_nan=False, allow_infinity=False),
)


@st.composite
def distinct_amounts(draw: Callable[..., Any]) -> "tuple[Money, Money]":
    """Two sums of the same currency and hedging whose amounts differ."""
    a = draw(surface_amounts)
    b = draw(surface_amounts.filter(lambda b: b != a))
    currency, approximate = draw(st.sampled_from(["KZT", "USD", "EUR"])), draw(st.booleans())
    return Money(amount=a, currency=currency, approximate=approximate), Money(amount=b, currency=currency, approximate=approximate)


@st.composite
def distinct_currencies(draw: Callable[..., Any]) -> "tuple[Money, Money]":
    """Two sums of the same amount in different currencies."""
    amount = draw(surface_amounts)
    a, b = draw(st.permutations(["KZT", "USD", "EUR"]))[:2]
    approximate = draw(st.booleans())
    return Money(amount=amount, currency=a, approximate=approximate), Money(amount=amount, currency=b, approximate=approximate)


# Terms as sentences give them: a few units, mostly small numbers, never all zero.
_surface_unit = st.one_of(st.just(0), st.just(0), st.integers(1, 30), st.integers(31, 1200))
surface_terms = st.builds(
    Term, years=_surface_unit, months=_surface_unit, weeks=st.sampled_from([0, 0, 0, 1, 2]), days=_surface_unit, hours=_surface_unit
).filter(lambda t: str(t) != "P0D") | st.builds(Term, years=st.integers(1, 30), months=st.just(6))


@st.composite
def distinct_terms(draw: Callable[..., Any]) -> "tuple[Term, Term]":
    """Two different terms."""
    a = draw(surface_terms)
    b = draw(surface_terms.filter(lambda b: b != a))
    return a, b


@st.composite
def distinct_counts(draw: Callable[..., Any]) -> "tuple[int, int]":
    """Two different whole numbers, mostly small enough to be written in words."""
    number = st.integers(0, 120) | st.integers(0, 999) | st.integers(0, 10**7)
    a = draw(number)
    b = draw(number.filter(lambda b: b != a))
    return a, b


__all__ += [
    "distinct_amounts", "distinct_counts", "distinct_currencies", "distinct_dates", "distinct_terms", "surface_amounts",
    "surface_embeddings", "surface_filler", "surface_terms",
]


# --- misspellings and JSON documents (the name index and canonical JSON) -------

@st.composite
def misspellings(draw: Callable[..., Any], names: "list[str]") -> str:
    """One of ``names`` (or its last word) with one letter dropped, changed, doubled or swapped with the next."""
    name = draw(st.sampled_from(names))
    if draw(st.booleans()) and name.split():
        name = name.split()[-1]
    if len(name) < 2:
        return name
    i = draw(st.integers(0, len(name) - 2))
    edit = draw(st.sampled_from(["drop", "change", "double", "swap"]))
    if edit == "drop":
        return name[:i] + name[i + 1:]
    if edit == "change":
        return name[:i] + draw(st.sampled_from("aeiouykhrstnl")) + name[i + 1:]
    if edit == "double":
        return name[:i] + name[i] + name[i:]
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


json_documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=3).map(tuple) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
"""JSON-ready data as records unstructure to: dicts with str keys, lists and tuples, str, int, bool, None."""

__all__ += ["json_documents", "misspellings"]


# --- networks (tests/test_graphml.py, tests/test_ftm.py) --------------------
# (``cases`` above is a strategy of whole case datasets; the Case records are drawn here.)
_plain_cases = st.builds(Case, id=ids("case"), kind=st.sampled_from(CaseKind), title=texts, summary=free_text, citations=cites)


@st.composite
def networks(draw: Callable[..., Any]) -> Dataset:
    """A small dataset whose every reference resolves, built in Python (no loader): people, organisations,
    provisions, cases, events, penalties, memberships and relations with drawn texts, kinds and partial dates,
    wired to each other at random — what the graph exports turn into nodes, edges and entities."""

    def unique(records: st.SearchStrategy[Any], low: int, high: int) -> List[Any]:
        drawn: List[Any] = draw(st.lists(records, min_size=low, max_size=high, unique_by=lambda r: r.id))
        return drawn

    def some(pool: List[Any], most: int = 3) -> "tuple[str, ...]":
        return tuple(draw(st.lists(st.sampled_from([r.id for r in pool]), max_size=most, unique=True))) if pool else ()

    def maybe(pool: List[Any]) -> Any:
        return draw(st.none() | st.sampled_from([r.id for r in pool])) if pool else None

    who, orgs, laws = unique(people, 1, 3), unique(organisations, 1, 3), unique(provisions, 0, 2)
    orgs = [attrs.evolve(o, parent=maybe([x for x in orgs if x.id != o.id])) for o in orgs]
    trials = [attrs.evolve(c, people=some(who), organisations=some(orgs), courts=some(orgs), provisions=some(laws)) for c in unique(_plain_cases, 1, 2)]
    happenings = [attrs.evolve(e, case=maybe(trials), people=some(who), organisations=some(orgs), provisions=some(laws))
                  for e in unique(events(), 0, 3)]
    penalised = [attrs.evolve(p, case=draw(st.sampled_from(trials)).id, person=draw(st.sampled_from(who)).id, imposed_by=maybe(happenings),
                              replaces=None, rule=maybe(laws)) for p in unique(penalties, 0, 3)]
    roles = [attrs.evolve(m, person=draw(st.sampled_from(who)).id, organisation=draw(st.sampled_from(orgs)).id) for m in unique(memberships, 0, 3)]
    anything = [*who, *orgs, *trials, *happenings]
    links = [attrs.evolve(r, subject=draw(st.sampled_from(anything)).id, object=draw(st.sampled_from(anything)).id) for r in unique(relations, 0, 3)]
    meta = Meta(version="0.0.1", schema_version=SCHEMA_VERSION, title="t", license="CC-BY-4.0")
    return Dataset(meta=meta, records={"people": who, "organisations": orgs, "provisions": laws, "cases": trials, "events": happenings,
                                       "penalties": penalised, "memberships": roles, "relations": links})


__all__ += ["networks"]
