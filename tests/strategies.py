"""Hypothesis strategies for every value and record type."""

import datetime
from decimal import Decimal
from typing import Any, Callable, Dict, List

from hypothesis import strategies as st

from kz_labour_rights import (
    Case,
    CaseKind,
    Citation,
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
    Source,
    Term,
)
from kz_labour_rights._converter import structure
from kz_labour_rights._dataset import RECORD_TYPES, SCHEMA_VERSION, Dataset, Meta
from kz_labour_rights.arithmetic import fine_to_imprisonment, imprisonment_to_fine, unserved_days

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
# Text as the loader accepts it: no control characters, lone surrogates or bidi overrides.
letters = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
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
    start=st.just(span[0]), end=st.just(span[1]), citations=cites,
))
provision_versions = spans().flatmap(lambda span: st.builds(
    ProvisionVersion, valid_from=st.just(span[0]), valid_to=st.just(span[1]), summary=texts,
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
events = spans(start_required=True).flatmap(lambda span: st.builds(
    Event, id=ids("event"), kind=st.sampled_from(EventKind), date=st.just(span[0]), end=st.just(span[1]),
    participants=st.none() | texts, status=st.sampled_from(EventStatus),
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
discrepancies = st.builds(
    Discrepancy, id=ids("discrepancy"), summary=texts, records=id_tuples("event"),
    explains=st.lists(st.from_regex(r"KZL0[0-9]{2}", fullmatch=True), max_size=2).map(tuple),
    status=st.sampled_from(["resolved", "unresolved"]), resolution=st.none() | texts, citations=cites,
)
relations = st.builds(
    Relation, id=ids("relation"), kind=st.sampled_from(RelationKind), subject=ids("org"), object=ids("org"),
    date=st.none() | partial_dates(), reason=free_text, citations=cites,
)

RECORDS: Dict[type, st.SearchStrategy[Any]] = {
    Source: sources,
    Person: people,
    Organisation: organisations,
    Membership: memberships,
    LegalProvision: provisions,
    Case: cases,
    Event: events,
    Penalty: penalties,
    Discrepancy: discrepancies,
    Relation: relations,
}
VALUES: Dict[type, st.SearchStrategy[Any]] = {
    PartialDate: partial_dates(),
    Term: terms,
    Money: money,
    Citation: citations,
    ProvisionVersion: provision_versions,
}


# --- whole datasets: a consistent criminal case (used by the checker and export tests)

D = datetime.date
CITE = [{"source": "source:s", "quote": "q"}]


def dataset(records: Dict[str, List[Dict[str, Any]]]) -> Dataset:
    """A dataset built in memory from snapshot-format dicts (no loader, so faults survive)."""
    meta = Meta(version="0.0.1", schema_version=SCHEMA_VERSION, title="t", license="CC-BY-4.0")
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
    "HOSTILE", "JUNK_ARGUMENTS", "RECORDS", "VALUES", "case_records", "cases", "citations", "dataset", "hostile_records", "ids", "junk",
    "money", "name_keys", "partial_dates", "segment_ids", "terms", "unchecked_dataset",
]
