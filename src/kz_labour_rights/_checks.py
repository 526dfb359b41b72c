"""Consistency checks: do the dates and sentences add up?

:func:`check` runs every rule over a :class:`~kz_labour_rights.Dataset` and
returns a :class:`CheckReport` of :class:`Finding` records, each with a
stable code, a severity, the records involved, a message and — for a rule
that compares a computed figure with a reported one — a ``value``: a short,
canonical statement of the figures compared.

A finding the data cannot avoid — two sources that disagree, a date the
source gives loosely — is *explained* when a
:class:`~kz_labour_rights.Discrepancy` lists it in ``explains``: an
:class:`~kz_labour_rights._model.Explanation` with the finding's code, the
same records and, for the codes in :data:`VALUE_CODES`, the same value.  It
is then reported with that explanation instead of as an error or warning.
An explanation pins one finding, so a changed figure is reported again, and
an explanation that matches nothing is reported as stale (KZL003).

Data never makes :func:`check` raise: a computation that fails on a record
(a date outside the MCI table, a figure past the calendar) is a KZL037
finding on that record, and the other records are still checked; absurd
figures (a term over 100 years, a sentence date outside 1900–2100) are a
KZL038 finding and are not computed with.

Codes (stable; docs/checks.md says more):

========  ========  ===========================================================
KZL001    error     referential integrity: dangling id, duplicate id, uncited
KZL002    warning   one spelling names two records of a type, with no link
KZL003    warning   stale explanation: a discrepancy explains a finding not made
KZL005    error     a record quotes one side of a discrepancy that does not name it
KZL010    error     events of a case certainly out of order
KZL011    warning   events of a case possibly out of order (partial dates)
KZL012    error     a penalty starts before the decision that imposed it
KZL013    warning   a ban added to imprisonment does not start at release
KZL020    error     an event dated after every source that reports it
KZL021    warning   a dated entry reports an event dated after the entry
KZL022    warning   an end (of an event, a membership) after every source reporting it
KZL030    warning   a penalty's end differs from its start plus its term
KZL031    error     a fine differs from the days it replaced at the legal rate
KZL032    error     a prison term differs from the fine it replaced
KZL033    warning   a term's stated end implies a different start
KZL034    warning   unserved days imply a start other than the verdict
KZL035    warning   compulsory-labour hours differ from the yearly rate × term
KZL036    warning   one penalty stated in two currencies (no rate given to check)
KZL037    error     a check cannot be computed from a record's figures
KZL038    error     an implausible sentence figure (term over 100 years, date
                    outside 1900–2100, over 100 years of replaced days)
KZL040    error     a stated value is not in the words of the citations that
                    support it (see docs/provenance.md)
KZL090    info      a computation reproduces a reported figure
========  ========  ===========================================================
"""

import datetime
import json
import re
from decimal import Decimal
from typing import Any, Dict, FrozenSet, Iterable, Iterator, List, Mapping, Optional, Sequence, Set, Tuple

import attrs

from . import arithmetic
from ._dataset import RECORD_TYPES, Dataset
from ._integrity import integrity_problems
from ._provenance import plain, unstated_values
from ._model import Citation, Discrepancy, Event, EventKind, EventStatus, Explanation, Penalty, PenaltyKind, RelationKind
from ._names import name_key
from ._values import InvalidValueError, Money, PartialDate, Term

__all__ = ["CODES", "VALUE_CODES", "CheckReport", "Finding", "check"]

CODES: Dict[str, Tuple[str, str]] = {
    "KZL001": ("error", "referential integrity"),
    "KZL002": ("warning", "one spelling names two records"),
    "KZL003": ("warning", "stale explanation: no such finding"),
    "KZL005": ("error", "record states a side of a discrepancy that does not name it"),
    "KZL010": ("error", "events certainly out of order"),
    "KZL011": ("warning", "events possibly out of order"),
    "KZL012": ("error", "penalty starts before its decision"),
    "KZL013": ("warning", "ban added to imprisonment not starting at release"),
    "KZL020": ("error", "event after every source reporting it"),
    "KZL021": ("warning", "entry reports a later event"),
    "KZL022": ("warning", "end after every source reporting it"),
    "KZL030": ("warning", "penalty end differs from start plus term"),
    "KZL031": ("error", "fine differs from the converted days"),
    "KZL032": ("error", "prison term differs from the converted fine"),
    "KZL033": ("warning", "stated end implies a different start"),
    "KZL034": ("warning", "unserved days imply a start other than the verdict"),
    "KZL035": ("warning", "compulsory-labour hours differ from rate × term"),
    "KZL036": ("warning", "one penalty in two currencies"),
    "KZL037": ("error", "cannot compute a check from the record's figures"),
    "KZL038": ("error", "implausible sentence figure"),
    "KZL040": ("error", "stated value not in its supporting quote"),
    "KZL090": ("info", "computation reproduces a reported figure"),
}
"""Every finding code: its severity and a short title (the list is in docs/checks.md).

Examples:
    >>> CODES["KZL031"]
    ('error', 'fine differs from the converted days')
"""

VALUE_CODES = frozenset({"KZL022", "KZL030", "KZL031", "KZL032", "KZL033", "KZL034", "KZL035", "KZL036", "KZL037", "KZL038", "KZL040",
                         "KZL090"})
"""Codes whose findings carry a ``value`` (the figures compared, or the
figures that could not be used); an explanation of one must give that value."""

# Sentence figures outside these bounds are data errors, not sentences.
MAX_TERM_YEARS = 100
FIRST_YEAR, LAST_YEAR = 1900, 2100


@attrs.frozen(kw_only=True)
class Finding:
    """One result of a consistency rule.

    Attributes:
        code: the rule's stable code (see :data:`CODES`).
        severity: ``"error"``, ``"warning"`` or ``"info"``.
        records: ids of the records involved.
        message: what was found, with the figures.
        value: for the codes in :data:`VALUE_CODES`, a short canonical
            statement of the figures compared, stable across runs and
            independent of the message's wording (e.g. ``"start 2019-10-16;
            term P158D; reported end 2020-03-20; computed end 2020-03-22"``);
            an explanation must repeat it to explain the finding.
        explained_by: ids of the discrepancies that account for it.
    """

    code: str
    severity: str
    records: Tuple[str, ...]
    message: str
    value: Optional[str] = None
    explained_by: Tuple[str, ...] = ()

    @property
    def status(self) -> str:
        """``"explained"`` when a discrepancy accounts for it, else the severity."""
        return "explained" if self.explained_by and self.severity != "info" else self.severity


@attrs.frozen(kw_only=True)
class CheckReport:
    """All findings of :func:`check`, in rule order.

    Attributes:
        findings: every finding.
    """

    findings: Tuple[Finding, ...]

    def by_status(self, status: str) -> Tuple[Finding, ...]:
        """Findings whose :attr:`Finding.status` is ``status``."""
        return tuple(f for f in self.findings if f.status == status)

    @property
    def errors(self) -> Tuple[Finding, ...]:
        """Unexplained errors."""
        return self.by_status("error")

    @property
    def warnings(self) -> Tuple[Finding, ...]:
        """Unexplained warnings."""
        return self.by_status("warning")

    @property
    def explained(self) -> Tuple[Finding, ...]:
        """Errors and warnings a discrepancy accounts for."""
        return self.by_status("explained")

    @property
    def ok(self) -> bool:
        """True when there is no unexplained error."""
        return not self.errors

    def codes(self) -> List[str]:
        """The codes of the unexplained errors and warnings, in order."""
        return [f.code for f in self.findings if f.status in ("error", "warning")]


def _finding(code: str, records: Sequence[str], message: str, value: Optional[str] = None) -> Finding:
    return Finding(code=code, severity=CODES[code][0], records=tuple(records), message=message, value=value)


# What a failing computation on absurd data raises: InvalidValueError and
# other ValueErrors, OverflowError and decimal signals (ArithmeticError), a
# dangling id (NotFoundError, a LookupError; KZL001 reports the id itself).
_FAILURES = (ArithmeticError, ValueError, LookupError)


def _guarded(code: str, records: Sequence[str], inputs: str, findings: Iterable[Finding]) -> List[Finding]:
    """The findings of one record's check, or one KZL037 finding if computing them fails.

    ``findings`` is a generator that has not started, so the whole check of
    the record runs here: it reports completely or not at all, and a
    failure never stops the checks of other records.
    """
    try:
        return list(findings)
    except _FAILURES as exc:
        return [_finding("KZL037", records, (
            f"{code} cannot be computed for {', '.join(records) or 'the dataset'} ({inputs}): {exc}; "
            "correct the figures, or extend the table the message names"
        ), f"{code}; {inputs}")]


def _num(number: Decimal) -> str:
    """A canonical decimal: no exponent, no trailing zeros (``1595800``, ``0.25``)."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _money(money: Money) -> str:
    return f"{'~' if money.approximate else ''}{_num(money.amount)} {money.currency}"


# ---------------------------------------------------------------- integrity


def _integrity(ds: Dataset) -> Iterator[Finding]:
    records = {t.name: list(ds.collection(t.name)) for t in RECORD_TYPES}
    for p in integrity_problems(records, {t.name: t.prefix for t in RECORD_TYPES}, provenance=ds.schema_version >= 3):
        yield _finding("KZL001", [p.record] if p.record else [], str(p))


def _unnamed_sides(ds: Dataset) -> Iterator[Finding]:
    """Records whose citations quote a side of a discrepancy that does not name them."""
    quoted: Dict[str, List[Tuple[str, str]]] = {}  # source → (plain quote, record id)
    for t in RECORD_TYPES:
        if t.name in ("discrepancies", "sources"):
            continue
        for r in ds.collection(t.name):
            for c in r.citations:
                quoted.setdefault(c.source, []).append((plain(c.quote), r.id))
            for v in getattr(r, "versions", ()):
                for c in v.citations:
                    quoted.setdefault(c.source, []).append((plain(c.quote), r.id))
    for d in ds.discrepancies:
        named = set(d.records)
        # The records a discrepancy names say what kind of fact is disputed (a
        # penalty's term, an event's date, a person's spelling): another record
        # of those kinds quoting a side's words states that side.  A record of
        # another kind quoting the same sentence for something else (a union's
        # name in a sentence about a verdict) does not.
        kinds = {rid.split(":", 1)[0] for rid in named}
        missing: Dict[str, str] = {}
        for side in d.sides:
            for c in side.citations:
                words = plain(c.quote)
                for quote, rid in quoted.get(c.source, ()):
                    if rid in named or (kinds and rid.split(":", 1)[0] not in kinds):
                        continue
                    # The same words, or one quote inside the other (short
                    # fragments aside): the record states this side.
                    if quote == words or (min(len(quote), len(words)) >= 40 and (quote in words or words in quote)):
                        missing.setdefault(rid, side.by)
        for rid, by in sorted(missing.items()):
            yield _finding("KZL005", [d.id, rid], (
                f"{rid} quotes the side of {d.id} that {by} takes, but {d.id} does not name it: "
                f"add {rid} to its records (and to that side's records), so the conflict reaches it"
            ))


def _shared_spellings(ds: Dataset) -> Iterator[Finding]:
    linked = {frozenset((r.subject, r.object)) for r in ds.collection("relations") if r.kind is RelationKind.POSSIBLY_SAME_AS}
    for collection in ("people", "organisations"):
        owners: Dict[str, Set[str]] = {}
        for r in ds.collection(collection):
            for n in (r.name, *r.aliases):
                owners.setdefault(name_key(n), set()).add(r.id)
        for key, ids in sorted(owners.items()):
            pairs = [frozenset((a, b)) for a in ids for b in ids if a < b]
            if pairs and not all(p in linked for p in pairs):
                yield _finding("KZL002", sorted(ids), f"the spelling {key!r} names {len(ids)} {collection} records with no possibly-same-as link")


# ---------------------------------------------------------------- dates


# (earlier kind, later kinds): the order a proceeding's steps must take.
_ORDER: Tuple[Tuple[EventKind, Tuple[EventKind, ...]], ...] = (
    (EventKind.INVESTIGATION_OPENED, (EventKind.ARREST, EventKind.CHARGE, EventKind.TRIAL, EventKind.VERDICT)),
    (EventKind.ARREST, (EventKind.TRIAL, EventKind.VERDICT)),
    (EventKind.CHARGE, (EventKind.TRIAL, EventKind.VERDICT)),
    (EventKind.TRIAL, (EventKind.VERDICT,)),
    (EventKind.VERDICT, (
        EventKind.APPEAL, EventKind.CASSATION, EventKind.SUPERVISORY_REVIEW, EventKind.ENTRY_INTO_FORCE,
        EventKind.PARDON, EventKind.PAROLE_DECISION, EventKind.RELEASE, EventKind.SENTENCE_REPLACEMENT,
        EventKind.PROBATION_REGISTRATION, EventKind.SENTENCE_END, EventKind.BAN_END, EventKind.ENFORCEMENT,
    )),
    (EventKind.APPEAL, (EventKind.CASSATION, EventKind.SUPERVISORY_REVIEW)),
    (EventKind.PARDON_PETITION, (EventKind.PARDON,)),
    (EventKind.PAROLE_DECISION, (EventKind.RELEASE,)),
    (EventKind.PROBATION_REGISTRATION, (EventKind.PAROLE_ELIGIBILITY, EventKind.SENTENCE_END)),
)


def _date_order(ds: Dataset) -> Iterator[Finding]:
    for case in ds.cases:
        events = ds.events_of(case)
        for first_kind, later_kinds in _ORDER:
            for a in (e for e in events if e.kind is first_kind):
                for b in (e for e in events if e.kind in later_kinds):
                    if not set(a.people) & set(b.people) and a.people and b.people:
                        continue
                    what = f"{b.kind.value} {b.date} ({b.id}) should not precede {a.kind.value} {a.date} ({a.id})"
                    if b.date.certainly_before(a.date):
                        yield _finding("KZL010", [a.id, b.id], f"in {case.id}: {what}")
                    elif b.date.possibly_before(a.date):
                        yield _finding("KZL011", [a.id, b.id], f"in {case.id}: {what}, as far as the partial dates show")
    for p in ds.penalties:
        decision = ds.events.get(p.imposed_by) if p.imposed_by is not None else None
        if p.start is not None and decision is not None and p.start.certainly_before(decision.date):
            yield _finding("KZL012", [p.id, decision.id], f"{p.id} starts {p.start}, before {decision.id} of {decision.date} imposed it")


_BANS = (PenaltyKind.BAN_ON_POSITIONS, PenaltyKind.BAN_ON_ACTIVITIES)


def _bans_after_release(ds: Dataset) -> Iterator[Finding]:
    """A ban imposed with imprisonment runs from release (Criminal Code art. 50 part 4)."""
    for p in ds.penalties:
        if p.kind not in _BANS or p.start is None or p.imposed_by is None:
            continue
        jailed = any(
            q.kind is PenaltyKind.IMPRISONMENT and q.imposed_by == p.imposed_by and q.person == p.person for q in ds.penalties
        )
        releases = [e for e in ds.events_of(p.case) if e.kind is EventKind.RELEASE and (not e.people or p.person in e.people)]
        if jailed and releases and not any(e.date.overlaps(p.start) for e in releases):
            dates = ", ".join(str(e.date) for e in releases)
            yield _finding("KZL013", [p.id, *(e.id for e in releases)], f"{p.id} starts {p.start}, but a ban added to imprisonment runs from release ({dates})")


_ENTRY_DATE = re.compile(r"\((\d\d)-(\d\d)-(\d{4})\)\s*$")


def _entry_date(locator: Optional[str]) -> Optional[PartialDate]:
    """The date of a dated entry named in a locator, e.g. ``… (20-01-2017)``.

    Raises:
        InvalidValueError: the locator's date does not exist (``31-02-2017``).
    """
    m = _ENTRY_DATE.search(locator or "")
    if not m:
        return None
    return PartialDate(year=int(m.group(3)), month=int(m.group(2)), day=int(m.group(1)))


def _publication(ds: Dataset) -> Iterator[Finding]:
    for e in ds.events:
        if e.status is EventStatus.OCCURRED:
            where = "; ".join(c.locator or c.source for c in e.citations)
            yield from _guarded("KZL020", [e.id], f"date {e.date}; cited at {where}", _published_after(ds, e))
    for r in (*ds.events, *ds.memberships):
        if r.end is not None and getattr(r, "status", EventStatus.OCCURRED) is EventStatus.OCCURRED:
            yield from _guarded("KZL022", [r.id], f"end {r.end}", _ended_after(ds, r))


def _report_dates(ds: Dataset, citations: Sequence[Citation]) -> Optional[List[PartialDate]]:
    """The date of each report of a record: its entry's date if the locator names one, else its source's;
    ``None`` when a source is dangling (KZL001 reports it) and so the dates are not all known."""
    dates: List[PartialDate] = []
    for c in citations:
        entry = _entry_date(c.locator)
        source = ds.sources.get(c.source)
        if entry is not None:
            dates.append(entry)
        elif source is not None:
            dates.append(source.published)
        else:
            return None
    return dates


def _ended_after(ds: Dataset, r: Any) -> Iterator[Finding]:
    """A time-relative statement ("for the subsequent seven months", "until today") whose end falls after its own report."""
    dates = _report_dates(ds, r.citations)
    if dates and all(d.certainly_before(r.end) for d in dates):
        latest = max(dates, key=lambda d: d.latest())
        yield _finding("KZL022", [r.id], (
            f"{r.id} ends {r.end}, after every source reporting it (the latest: {latest}); a span or a 'still' "
            "that runs past its own report — register the discrepancy, or mark the end as expected"
        ), f"end {r.end}; latest report {latest}")


def _published_after(ds: Dataset, e: Event) -> Iterator[Finding]:
    reported: Set[Optional[str]] = set()
    for c in e.citations:
        entry = _entry_date(c.locator)
        # One finding per entry: two quotes from one entry are one report.
        if entry is not None and entry.certainly_before(e.date) and c.locator not in reported:
            reported.add(c.locator)
            yield _finding("KZL021", [e.id], f"{e.id} ({e.date}) is reported by an entry dated {entry}: {c.locator}")
    dates = _report_dates(ds, e.citations)
    if dates and all(d.certainly_before(e.date) for d in dates):
        yield _finding("KZL020", [e.id], f"{e.id} is dated {e.date}, after every source reporting it ({', '.join(str(d) for d in dates)}); mark it scheduled or expected")


# ---------------------------------------------------------------- sentences


def _day(value: Optional[PartialDate]) -> Optional[datetime.date]:
    return value.to_date() if value is not None and value.precision == "day" else None


def _decision(ds: Dataset, p: Penalty) -> Optional[Event]:
    # A dangling id is KZL001's to report; here it only means "no decision".
    return ds.events.get(p.imposed_by) if p.imposed_by is not None else None


def _decision_day(ds: Dataset, p: Penalty) -> Optional[datetime.date]:
    decision = _decision(ds, p)
    return _day(decision.date) if decision is not None else None


def _replaced(ds: Dataset, p: Penalty) -> Optional[Penalty]:
    return ds.penalties.get(p.replaces) if p.replaces is not None else None


# Plausibility: 100 years of 365.25-day years and 30.4375-day months, in
# sixteenths of a day so that the test is integer arithmetic (it runs for
# every penalty of every sentence rule).
_MAX_DAYS = 36525 * MAX_TERM_YEARS // 100


def _out_of_range(value: Optional[PartialDate]) -> bool:
    return value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR


def _absurd(p: Penalty) -> List[str]:
    """The penalty's implausible sentence figures, each as a canonical statement."""
    found = []
    t = p.term
    if t is not None and 5844 * t.years + 487 * t.months + 112 * t.weeks + 16 * t.days > 16 * _MAX_DAYS:
        found.append(f"term {t} over {MAX_TERM_YEARS} years")
    if p.replaced_days is not None and p.replaced_days > _MAX_DAYS:
        found.append(f"replaced_days {p.replaced_days} over {MAX_TERM_YEARS} years")
    for name, value in (("start", p.start), ("end", p.end)):
        if _out_of_range(value):
            found.append(f"{name} {value} outside {FIRST_YEAR}–{LAST_YEAR}")
    return found


def _sane(ds: Dataset, *penalties: Penalty) -> bool:
    """No figure of these penalties or of their decisions is implausible (KZL038 reports those)."""
    for p in penalties:
        decision = _decision(ds, p)
        if _absurd(p) or (decision is not None and _out_of_range(decision.date)):
            return False
    return True


def _implausible(ds: Dataset) -> Iterator[Finding]:
    """Figures no sentence has: they are reported here and not computed with."""
    for p in ds.penalties:
        found = _absurd(p)
        if found:
            yield _finding("KZL038", [p.id], f"{p.id}: {'; '.join(found)} — not a sentence; correct the figure", "; ".join(found))
    used = {p.imposed_by for p in ds.penalties} | {e.id for e in ds.events if e.kind in _END_KINDS}
    for e in ds.events:
        if e.id in used and _out_of_range(e.date):
            what = f"date {e.date} outside {FIRST_YEAR}–{LAST_YEAR}"
            yield _finding("KZL038", [e.id], f"{e.id}: {what}, but sentences are computed from it — correct the date", what)


def _penalty_terms(ds: Dataset) -> Iterator[Finding]:
    for p in ds.penalties:
        start, end = _day(p.start), _day(p.end)
        if p.term is None or start is None or end is None or p.term.hours or not _sane(ds, p):
            continue
        replaced = _replaced(ds, p)
        if replaced is not None and replaced.amount is not None:
            continue  # a term converted from a fine counts days; _conversions checks it
        inputs = f"start {start}; term {p.term}; reported end {end}"
        yield from _guarded("KZL030", [p.id], inputs, _penalty_term(p, p.term, start, end, inputs))


def _penalty_term(p: Penalty, term: Term, start: datetime.date, end: datetime.date, inputs: str) -> Iterator[Finding]:
    computed = arithmetic.term_end(start, term)
    value = f"{inputs}; computed end {computed}"
    if computed == end:
        yield _finding("KZL090", [p.id], f"{p.id}: {start} + {term.describe()} = {end}, as reported", value)
    else:
        yield _finding("KZL030", [p.id], (
            f"{p.id}: {start} + {term.describe()} ends {computed} on the calendar, but the reported end is {end} "
            f"({arithmetic.days_between(start, end)} days from the start; last day served {arithmetic.last_day(start, term)})"
        ), value)


def _conversions(ds: Dataset) -> Iterator[Finding]:
    for p in ds.penalties:
        on = _decision_day(ds, p)
        replaced = _replaced(ds, p)
        if on is None or replaced is None or not _sane(ds, p, replaced):
            continue
        if p.kind is PenaltyKind.FINE and p.amount is not None and p.replaced_days is not None:
            inputs = f"replaced {p.replaced_days} days; on {on}; reported {_money(p.amount)}"
            yield from _guarded("KZL031", [p.id, replaced.id], inputs, _fine_from_days(p, p.amount, p.replaced_days, replaced, on, inputs))
        if p.kind is PenaltyKind.IMPRISONMENT and p.term is not None and replaced.amount is not None and replaced.amount.currency == "KZT":
            inputs = f"fine {_money(replaced.amount)}; on {on}; reported term {p.term}"
            yield from _guarded("KZL032", [p.id, replaced.id], inputs, _term_from_fine(p, p.term, replaced, replaced.amount, on, inputs))


def _fine_from_days(p: Penalty, amount: Money, days: int, replaced: Penalty, on: datetime.date, inputs: str) -> Iterator[Finding]:
    conv = arithmetic.imprisonment_to_fine(days, on)
    value = f"{inputs}; computed {_money(conv.amount)}"
    if conv.amount.amount == amount.amount and amount.currency == "KZT":
        yield _finding("KZL090", [p.id], (
            f"{p.id}: {days:,} days at {conv.rate} × MCI {conv.mci:,} ({on}) = {conv.mci_units:,} MCI "
            f"= {conv.amount}, as reported"
        ), value)
    else:
        yield _finding("KZL031", [p.id, replaced.id], f"{p.id}: {days:,} days at {conv.rate} on {on} give {conv.amount}, but {amount} is reported", value)


def _term_from_fine(p: Penalty, stated: Term, replaced: Penalty, fine: Money, on: datetime.date, inputs: str) -> Iterator[Finding]:
    conv = arithmetic.fine_to_imprisonment(fine, on)
    value = f"{inputs}; computed {conv.days} days"
    as_days = arithmetic.thirty_day_days(stated)
    if as_days == conv.days:
        yield _finding("KZL090", [p.id], (
            f"{p.id}: {fine} ÷ ({conv.rate.split(' per ')[1]} × {conv.mci:,}) = {conv.days} days "
            f"= {conv.as_months}, as reported ({stated.describe()})"
        ), value)
    else:
        yield _finding("KZL032", [p.id, replaced.id], (
            f"{p.id}: {fine} at {conv.rate} on {on} give {conv.days} days ({conv.as_months}), "
            f"but the term is stated as {stated.describe()}"
        ), value)
    start, end = _day(p.start), _day(p.end)
    if start is not None and end is not None and as_days == conv.days:
        by_days = arithmetic.term_end(start, Term(days=conv.days))
        if by_days != end:
            yield _finding("KZL030", [p.id], (
                f"{p.id}: {conv.days} days from {start} end {by_days} "
                f"({arithmetic.term_end(start, stated)} counting {stated.describe()} on the calendar), "
                f"but the reported end (release) is {end}, {arithmetic.days_between(end, by_days)} days earlier"
            ), f"start {start}; term P{conv.days}D; reported end {end}; computed end {by_days}")


def _unserved(ds: Dataset) -> Iterator[Finding]:
    for p in ds.penalties:
        replaced = _replaced(ds, p)
        if p.replaced_days is None or replaced is None or not _sane(ds, p, replaced):
            continue
        on = _decision_day(ds, p)
        verdict = _decision_day(ds, replaced)
        term = replaced.term
        if on is None or verdict is None or term is None or term.hours:
            continue
        inputs = f"verdict {verdict}; on {on}; term {term}; reported unserved {p.replaced_days} days"
        yield from _guarded("KZL034", [p.id, replaced.id], inputs, _unserved_days(p, p.replaced_days, replaced, term, verdict, on, inputs))


def _unserved_days(p: Penalty, days: int, replaced: Penalty, term: Term, verdict: datetime.date, on: datetime.date, inputs: str) -> Iterator[Finding]:
    ids = [p.id, replaced.id]
    # Compare forwards: month-end clipping makes the backward step ambiguous.
    computed = arithmetic.unserved_days(verdict, on, term)
    value = f"{inputs}; computed unserved {computed} days"
    if computed == days:
        yield _finding("KZL090", ids, f"{p.id}: {days:,} unserved days on {on} fit a {term.describe()} term from the verdict of {verdict}", value)
        return
    implied = arithmetic.term_start(arithmetic.term_end(on, Term(days=days)), term)
    yield _finding("KZL034", ids, (
        f"{p.id}: {days:,} unserved days on {on} leave {arithmetic.term_days(implied, term) - days} days served, "
        f"so the {term.describe()} term ran from {implied} — {arithmetic.days_between(implied, verdict)} days before the verdict of "
        f"{verdict} ({arithmetic.days_between(verdict, on)} days from verdict to {on}): custody before the verdict counted toward the term"
    ), value)


_END_KINDS = {
    EventKind.SENTENCE_END: (PenaltyKind.IMPRISONMENT, PenaltyKind.RESTRICTION_OF_LIBERTY),
    EventKind.BAN_END: (PenaltyKind.BAN_ON_POSITIONS, PenaltyKind.BAN_ON_ACTIVITIES),
}


def _stated_ends(ds: Dataset) -> Iterator[Finding]:
    for case in ds.cases:
        implied: Dict[datetime.date, List[Tuple[str, Term]]] = {}
        for e in ds.events_of(case):
            kinds = _END_KINDS.get(e.kind)
            end = _day(e.date)
            if kinds is None or end is None or _out_of_range(e.date):
                continue
            for p in ds.penalties_of(case):
                if p.kind not in kinds or p.term is None or p.term.hours or (e.people and p.person not in e.people) or not _sane(ds, p):
                    continue
                start = _day(p.start)
                inputs = (f"start {start}; " if start else "") + f"term {p.term}; stated end {end}"
                yield from _guarded("KZL033", [e.id, p.id], inputs, _stated_end(e, p, p.term, start, end, inputs, implied))
        for origin, ends in sorted(implied.items()):
            if len(ends) > 1:
                yield _finding("KZL090", [eid for eid, _ in ends], (
                    f"in {case.id}: {' and '.join(f'{eid} ({term.describe()})' for eid, term in ends)} both count from {origin}"
                ), "; ".join(f"{eid} ends after {term}" for eid, term in ends) + f"; common start {origin}")


def _stated_end(
    e: Event, p: Penalty, term: Term, start: Optional[datetime.date], end: datetime.date, inputs: str,
    implied: Dict[datetime.date, List[Tuple[str, Term]]],
) -> Iterator[Finding]:
    origin = arithmetic.term_start(end, term)
    implied.setdefault(origin, []).append((e.id, term))
    if start is None:
        return
    computed = arithmetic.term_end(start, term)
    value = f"{inputs}; computed end {computed}"
    if computed == end:
        yield _finding("KZL090", [e.id, p.id], f"{e.id}: {start} + {term.describe()} = {end}, as stated", value)
    else:
        yield _finding("KZL033", [e.id, p.id], (
            f"{e.id}: an end on {end} counts the {term.describe()} of {p.id} from {origin}, "
            f"not from its recorded start {start} (which gives {computed})"
        ), value)


def _labour_hours(ds: Dataset) -> Iterator[Finding]:
    for case in ds.cases:
        penalties = [p for p in ds.penalties_of(case) if p.term is not None]
        labour = [p for p in penalties if p.kind is PenaltyKind.COMPULSORY_LABOUR]
        restrictions = [p for p in penalties if p.kind is PenaltyKind.RESTRICTION_OF_LIBERTY]
        for yearly in (p for p in labour if p.per_year):
            for restriction in (r for r in restrictions if r.person == yearly.person):
                for other in (x for x in labour if not x.per_year and x.person == yearly.person):
                    assert yearly.term is not None and restriction.term is not None and other.term is not None
                    if not _sane(ds, yearly, restriction, other):
                        continue
                    ids = [yearly.id, restriction.id, other.id]
                    inputs = f"{yearly.term.hours} hours a year; term {restriction.term}; reported {other.term.hours} hours"
                    yield from _guarded("KZL035", ids, inputs, _hours(ids, yearly.term, restriction.term, other, other.term.hours, inputs))


def _hours(ids: List[str], per_year: Term, span: Term, other: Penalty, stated: int, inputs: str) -> Iterator[Finding]:
    total = arithmetic.labour_hours(span, per_year.hours)
    value = f"{inputs}; computed {_num(total)} hours"
    if Decimal(stated) == total:
        yield _finding("KZL090", ids, f"{per_year.hours} hours a year × {span.describe()} = {total} hours = {other.id}", value)
    else:
        yield _finding("KZL035", ids, f"{per_year.hours} hours a year over {span.describe()} make {total} hours, but {other.id} states {stated} hours", value)


Rates = Mapping[Tuple[str, str], Decimal]


def _currencies(ds: Dataset, rates: Rates, tolerance: Decimal) -> Iterator[Finding]:
    for case in ds.cases:
        by_kind: Dict[Tuple[str, PenaltyKind], List[Tuple[Penalty, Money]]] = {}
        for p in ds.penalties_of(case):
            if p.amount is not None:
                by_kind.setdefault((p.person, p.kind), []).append((p, p.amount))
        for group in by_kind.values():
            a, first = group[0]
            other = next((x for x in group if x[1].currency != first.currency), None)
            if other is None:
                continue
            b, second = other
            ids = [p.id for p, _ in group]
            rate = rates.get((first.currency, second.currency))
            inputs = f"{_money(first)}; {_money(second)}; " + (f"rate {_num(rate)}; tolerance {_num(tolerance)}" if rate is not None else "no rate")
            yield from _guarded("KZL036", ids, inputs, _two_currencies(ids, a.kind, first, second, rate, tolerance, inputs))


def _two_currencies(ids: List[str], kind: PenaltyKind, a: Money, b: Money, rate: Optional[Decimal], tolerance: Decimal, inputs: str) -> Iterator[Finding]:
    if rate is None:
        implied = f"they imply {b.amount / a.amount:.4f} {b.currency} per {a.currency}" if a.amount else "one is zero, so they imply no rate"
        yield _finding("KZL036", ids, (
            f"{a} and {b} for one {kind.value}: no exchange rate between them was given to check() "
            f"(pass rates=… to test them); {implied}"
        ), inputs)
        return
    diff = arithmetic.relative_difference(arithmetic.convert(a, b.currency, rate), b)
    if diff <= tolerance:
        yield _finding("KZL090", ids, f"{a} at {rate} {b.currency} per {a.currency} is within {tolerance:.0%} of {b} ({diff:.2%})", inputs)
    else:
        yield _finding("KZL036", ids, f"{a} at {rate} {b.currency} per {a.currency} differs from {b} by {diff:.2%}, more than {tolerance:.0%}", inputs)


# ---------------------------------------------------------------- report


def _stated_values(ds: Dataset) -> Iterator[Finding]:
    for u in unstated_values(ds):
        quotes = " | ".join(repr(q) for q in u.quotes)
        yield _finding("KZL040", [u.record], (
            f"{u.record}: {u.field} {u.value!r} is stated by citations whose words do not hold it ({quotes}); "
            "quote the words that state it, correct the value, or mark it inferred with the reason"
        ), f"{u.field} {u.value}")


_RULES = (
    ("integrity", _integrity), ("stated values", _stated_values), ("unnamed sides", _unnamed_sides), ("spellings", _shared_spellings), ("date order", _date_order),
    ("bans after release", _bans_after_release), ("publication dates", _publication), ("implausible figures", _implausible),
    ("penalty terms", _penalty_terms), ("conversions", _conversions), ("unserved days", _unserved),
    ("stated ends", _stated_ends), ("labour hours", _labour_hours),
)


def _matches(x: Explanation, f: Finding) -> bool:
    """``x`` names ``f``: same code, same records (as a set), same value.

    Every finding of a code in :data:`VALUE_CODES` has a value (the tests
    assert it), so an explanation without one never matches such a code.
    """
    return x.code == f.code and set(x.records) == set(f.records) and x.value == f.value


def _pin(f: Finding) -> str:
    pinned: Dict[str, object] = {"code": f.code, "records": list(f.records)}
    if f.value is not None:
        pinned["value"] = f.value
    return json.dumps(pinned, ensure_ascii=False)


def _stale(d: Discrepancy, x: Explanation, findings: Sequence[Finding]) -> Finding:
    where = set(x.records) | set(d.records)
    near = [f for f in findings if f.code == x.code and where & set(f.records)]
    message = f"stale explanation: {d.id} explains {x.code} on {', '.join(x.records)}"
    message += f" with value {x.value!r}" if x.value is not None else ""
    message += " but check finds no such finding"
    if near:
        message += "; if the figures changed on purpose, pin one of these instead: " + "; ".join(_pin(f) for f in near[:3])
    else:
        message += "; remove the explanation, or correct its code, records and value"
    records = [d.id, *(r for r in x.records if r != d.id)]
    return _finding("KZL003", records, message)


def _explain(findings: Sequence[Finding], discrepancies: Sequence[Discrepancy]) -> List[Finding]:
    """``findings`` with ``explained_by`` set, then a KZL003 finding for every explanation that matched none."""
    pinned: Dict[Tuple[str, FrozenSet[str]], List[Tuple[int, int, Discrepancy, Explanation]]] = {}
    for n, d in enumerate(discrepancies):
        for i, x in enumerate(d.explains):
            pinned.setdefault((x.code, frozenset(x.records)), []).append((n, i, d, x))
    used: Set[Tuple[int, int]] = set()
    out = []
    for f in findings:
        by = set()
        for n, i, d, x in pinned.get((f.code, frozenset(f.records)), ()):
            if _matches(x, f):
                by.add(d.id)
                used.add((n, i))
        out.append(attrs.evolve(f, explained_by=tuple(sorted(by))) if by else f)
    for n, d in enumerate(discrepancies):
        out.extend(_stale(d, x, findings) for i, x in enumerate(d.explains) if (n, i) not in used)
    return out


def _number(name: str, value: object, *, positive: bool) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise TypeError(f"check(): {name} must be an int or a Decimal (never a float or a bool), not {type(value).__name__} {value!r}")
    number = Decimal(value)
    if not number.is_finite() or number < 0 or (positive and number == 0):
        raise InvalidValueError(value, f"{name} of check(): a finite number {'> 0' if positive else '>= 0'}")
    return number


def check(ds: Dataset, *, rates: Optional[Rates] = None, tolerance: Decimal = Decimal("0.05")) -> CheckReport:
    """Run every consistency rule over ``ds`` (see the module docstring).

    ``rates`` maps ``(from, to)`` currency pairs to exchange rates (units of
    ``to`` per unit of ``from``) for comparing one penalty stated in two
    currencies; none is built in (the sources give tenge–dollar rates in
    passing, but none between the currencies of a penalty stated twice), so by
    default such pairs are reported (KZL036) rather than tested.  ``tolerance`` is the relative difference
    allowed between the converted amounts (default 5%).

    The data never makes this raise: what cannot be computed is a finding
    (KZL037, KZL038) on the records involved.

    Examples:
        >>> from kz_labour_rights import load
        >>> report = check(load())
        >>> report.ok, report.codes()        # every error and warning is explained
        (True, [])

    Raises:
        TypeError: a rate or the tolerance is not an int or a Decimal.
        InvalidValueError: a rate that is not positive, or a negative tolerance.
    """
    checked = {pair: _number(f"rates[{pair!r}]", rate, positive=True) for pair, rate in (rates or {}).items()}
    tol = _number("tolerance", tolerance, positive=False)

    def currencies(d: Dataset) -> Iterator[Finding]:
        return _currencies(d, checked, tol)

    findings: List[Finding] = []
    for label, rule in (*_RULES, ("currencies", currencies)):
        # Rules guard each record; this catches what a rule does outside them.
        findings.extend(_guarded(label, [], "the whole rule", rule(ds)))
    return CheckReport(findings=tuple(_explain(findings, list(ds.discrepancies))))
