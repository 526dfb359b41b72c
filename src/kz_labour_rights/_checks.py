"""Consistency checks: do the dates and sentences add up?

:func:`check` runs every rule over a :class:`~kz_labour_rights.Dataset` and
returns a :class:`CheckReport` of :class:`Finding` records, each with a
stable code, a severity, the records involved and a message.  A finding the
data cannot avoid — two sources that disagree, a date the source gives
loosely — is *explained* when a :class:`~kz_labour_rights.Discrepancy` on one
of its records lists the finding's code in ``explains``; it is then reported
with that explanation instead of as an error or warning.

Codes (stable; docs/checks.md says more):

========  ========  ===========================================================
KZL001    error     referential integrity: dangling id, duplicate id, uncited
KZL002    warning   one spelling names two records of a type, with no link
KZL010    error     events of a case certainly out of order
KZL011    warning   events of a case possibly out of order (partial dates)
KZL012    error     a penalty starts before the decision that imposed it
KZL013    warning   a ban added to imprisonment does not start at release
KZL020    error     an event dated after every source that reports it
KZL021    warning   a dated entry reports an event dated after the entry
KZL030    warning   a penalty's end differs from its start plus its term
KZL031    error     a fine differs from the days it replaced at the legal rate
KZL032    error     a prison term differs from the fine it replaced
KZL033    warning   a term's stated end implies a different start
KZL034    warning   unserved days imply a start other than the verdict
KZL035    warning   compulsory-labour hours differ from the yearly rate × term
KZL036    warning   one penalty stated in two currencies (no sourced rate)
KZL090    info      a computation reproduces a reported figure
========  ========  ===========================================================
"""

import datetime
import re
from decimal import Decimal
from typing import Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Set, Tuple

import attrs

from . import arithmetic
from ._dataset import RECORD_TYPES, Dataset
from ._integrity import integrity_problems
from ._model import Discrepancy, Event, EventKind, EventStatus, Penalty, PenaltyKind, RelationKind
from ._names import name_key
from ._values import InvalidValueError, PartialDate, Term

__all__ = ["CODES", "CheckReport", "Finding", "check"]

CODES: Dict[str, Tuple[str, str]] = {
    "KZL001": ("error", "referential integrity"),
    "KZL002": ("warning", "one spelling names two records"),
    "KZL010": ("error", "events certainly out of order"),
    "KZL011": ("warning", "events possibly out of order"),
    "KZL012": ("error", "penalty starts before its decision"),
    "KZL013": ("warning", "ban added to imprisonment not starting at release"),
    "KZL020": ("error", "event after every source reporting it"),
    "KZL021": ("warning", "entry reports a later event"),
    "KZL030": ("warning", "penalty end differs from start plus term"),
    "KZL031": ("error", "fine differs from the converted days"),
    "KZL032": ("error", "prison term differs from the converted fine"),
    "KZL033": ("warning", "stated end implies a different start"),
    "KZL034": ("warning", "unserved days imply a start other than the verdict"),
    "KZL035": ("warning", "compulsory-labour hours differ from rate × term"),
    "KZL036": ("warning", "one penalty in two currencies"),
    "KZL090": ("info", "computation reproduces a reported figure"),
}
"""Every finding code: its severity and a short title."""


@attrs.frozen(kw_only=True)
class Finding:
    """One result of a consistency rule.

    Attributes:
        code: the rule's stable code (see :data:`CODES`).
        severity: ``"error"``, ``"warning"`` or ``"info"``.
        records: ids of the records involved.
        message: what was found, with the figures.
        explained_by: ids of the discrepancies that account for it.
    """

    code: str
    severity: str
    records: Tuple[str, ...]
    message: str
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


def _finding(code: str, records: Sequence[str], message: str) -> Finding:
    return Finding(code=code, severity=CODES[code][0], records=tuple(records), message=message)


# ---------------------------------------------------------------- integrity


def _integrity(ds: Dataset) -> Iterator[Finding]:
    records = {t.name: list(ds.collection(t.name)) for t in RECORD_TYPES}
    for p in integrity_problems(records, {t.name: t.prefix for t in RECORD_TYPES}):
        yield _finding("KZL001", [p.record] if p.record else [], str(p))


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
        if p.start is not None and p.imposed_by is not None:
            decision = ds.events[p.imposed_by]
            if p.start.certainly_before(decision.date):
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
    m = _ENTRY_DATE.search(locator or "")
    if not m:
        return None
    return PartialDate(year=int(m.group(3)), month=int(m.group(2)), day=int(m.group(1)))


def _publication(ds: Dataset) -> Iterator[Finding]:
    for e in ds.events:
        if e.status is not EventStatus.OCCURRED:
            continue
        dates = []
        for c in e.citations:
            entry = _entry_date(c.locator)
            if entry is not None and entry.certainly_before(e.date):
                yield _finding("KZL021", [e.id], f"{e.id} ({e.date}) is reported by an entry dated {entry}: {c.locator}")
            dates.append(entry or ds.sources[c.source].published)
        if dates and all(d.certainly_before(e.date) for d in dates):
            yield _finding("KZL020", [e.id], f"{e.id} is dated {e.date}, after every source reporting it ({', '.join(str(d) for d in dates)}); mark it scheduled or expected")


# ---------------------------------------------------------------- sentences


def _day(value: Optional[PartialDate]) -> Optional[datetime.date]:
    return value.to_date() if value is not None and value.precision == "day" else None


def _decision_day(ds: Dataset, p: Penalty) -> Optional[datetime.date]:
    return _day(ds.events[p.imposed_by].date) if p.imposed_by else None


def _penalty_terms(ds: Dataset) -> Iterator[Finding]:
    for p in ds.penalties:
        start, end = _day(p.start), _day(p.end)
        if p.term is None or start is None or end is None or p.term.hours:
            continue
        if p.replaces is not None and ds.penalties[p.replaces].amount is not None:
            continue  # a term converted from a fine counts days; _conversions checks it
        computed = arithmetic.term_end(start, p.term)
        days = arithmetic.days_between(start, end)
        if computed == end:
            yield _finding("KZL090", [p.id], f"{p.id}: {start} + {p.term.describe()} = {end}, as reported")
        else:
            yield _finding("KZL030", [p.id], (
                f"{p.id}: {start} + {p.term.describe()} ends {computed} on the calendar, but the reported end is {end} "
                f"({days} days from the start; last day served {arithmetic.last_day(start, p.term)})"
            ))


def _conversions(ds: Dataset) -> Iterator[Finding]:
    for p in ds.penalties:
        on = _decision_day(ds, p)
        replaced = ds.penalties[p.replaces] if p.replaces else None
        if on is None or replaced is None:
            continue
        if p.kind is PenaltyKind.FINE and p.amount is not None and p.replaced_days is not None:
            conv = arithmetic.imprisonment_to_fine(p.replaced_days, on)
            if conv.amount.amount == p.amount.amount and p.amount.currency == "KZT":
                yield _finding("KZL090", [p.id], (
                    f"{p.id}: {p.replaced_days:,} days at {conv.rate} × MCI {conv.mci:,} ({on}) = {conv.mci_units:,} MCI "
                    f"= {conv.amount}, as reported"
                ))
            else:
                yield _finding("KZL031", [p.id, replaced.id], f"{p.id}: {p.replaced_days:,} days at {conv.rate} on {on} give {conv.amount}, but {p.amount} is reported")
        if p.kind is PenaltyKind.IMPRISONMENT and p.term is not None and replaced.amount is not None and replaced.amount.currency == "KZT":
            conv = arithmetic.fine_to_imprisonment(replaced.amount, on)
            stated = p.term
            as_days = stated.months * 30 + stated.days + stated.weeks * 7 if not stated.years else None
            if as_days == conv.days:
                yield _finding("KZL090", [p.id], (
                    f"{p.id}: {replaced.amount} ÷ ({conv.rate.split(' per ')[1]} × {conv.mci:,}) = {conv.days} days "
                    f"= {conv.as_months}, as reported ({stated.describe()})"
                ))
            else:
                yield _finding("KZL032", [p.id, replaced.id], (
                    f"{p.id}: {replaced.amount} at {conv.rate} on {on} give {conv.days} days ({conv.as_months}), "
                    f"but the term is stated as {stated.describe()}"
                ))
            start = _day(p.start)
            end = _day(p.end)
            if start is not None and end is not None and as_days == conv.days:
                by_days = start + datetime.timedelta(days=conv.days)
                if by_days != end:
                    yield _finding("KZL030", [p.id], (
                        f"{p.id}: {conv.days} days from {start} end {by_days} "
                        f"({arithmetic.term_end(start, stated)} counting {stated.describe()} on the calendar), "
                        f"but the reported end (release) is {end}, {arithmetic.days_between(end, by_days)} days earlier"
                    ))


def _unserved(ds: Dataset) -> Iterator[Finding]:
    for p in ds.penalties:
        if p.replaced_days is None or p.replaces is None:
            continue
        replaced = ds.penalties[p.replaces]
        on = _decision_day(ds, p)
        verdict = _decision_day(ds, replaced)
        if on is None or verdict is None or replaced.term is None or replaced.term.hours:
            continue
        end = on + datetime.timedelta(days=p.replaced_days)
        implied = arithmetic.add_months(end, -(replaced.term.years * 12 + replaced.term.months)) - datetime.timedelta(
            days=replaced.term.weeks * 7 + replaced.term.days
        )
        served = arithmetic.days_between(verdict, on)
        # Compare forwards: month-end clipping makes the backward step ambiguous.
        if arithmetic.unserved_days(verdict, on, replaced.term) == p.replaced_days:
            yield _finding("KZL090", [p.id, replaced.id], f"{p.id}: {p.replaced_days:,} unserved days on {on} fit a {replaced.term.describe()} term from the verdict of {verdict}")
        else:
            yield _finding("KZL034", [p.id, replaced.id], (
                f"{p.id}: {p.replaced_days:,} unserved days on {on} leave {arithmetic.term_days(implied, replaced.term) - p.replaced_days} days served, "
                f"so the {replaced.term.describe()} term ran from {implied} — {arithmetic.days_between(implied, verdict)} days before the verdict of "
                f"{verdict} ({served} days from verdict to {on}): custody before the verdict counted toward the term"
            ))


_END_KINDS = {
    EventKind.SENTENCE_END: (PenaltyKind.IMPRISONMENT, PenaltyKind.RESTRICTION_OF_LIBERTY),
    EventKind.BAN_END: (PenaltyKind.BAN_ON_POSITIONS, PenaltyKind.BAN_ON_ACTIVITIES),
}


def _subtract(day: datetime.date, term: Term) -> datetime.date:
    back = arithmetic.add_months(day, -(term.years * 12 + term.months))
    return back - datetime.timedelta(days=term.weeks * 7 + term.days)


def _stated_ends(ds: Dataset) -> Iterator[Finding]:
    for case in ds.cases:
        implied: Dict[datetime.date, List[str]] = {}
        for e in ds.events_of(case):
            kinds = _END_KINDS.get(e.kind)
            end = _day(e.date)
            if kinds is None or end is None:
                continue
            for p in ds.penalties_of(case):
                if p.kind not in kinds or p.term is None or p.term.hours or (e.people and p.person not in e.people):
                    continue
                origin = _subtract(end, p.term)
                implied.setdefault(origin, []).append(f"{e.id} ({p.term.describe()})")
                start = _day(p.start)
                if start is None:
                    continue
                if arithmetic.term_end(start, p.term) == end:
                    yield _finding("KZL090", [e.id, p.id], f"{e.id}: {start} + {p.term.describe()} = {end}, as stated")
                else:
                    yield _finding("KZL033", [e.id, p.id], (
                        f"{e.id}: an end on {end} counts the {p.term.describe()} of {p.id} from {origin}, "
                        f"not from its recorded start {start} (which gives {arithmetic.term_end(start, p.term)})"
                    ))
        for origin, ends in sorted(implied.items()):
            if len(ends) > 1:
                yield _finding("KZL090", [x.split(" ")[0] for x in ends], f"in {case.id}: {' and '.join(ends)} both count from {origin}")


def _hours(p: Penalty) -> Optional[Tuple[Penalty, Term]]:
    return (p, p.term) if p.term is not None else None


def _labour_hours(ds: Dataset) -> Iterator[Finding]:
    for case in ds.cases:
        penalties = ds.penalties_of(case)
        labour = [x for x in map(_hours, penalties) if x and x[0].kind is PenaltyKind.COMPULSORY_LABOUR]
        restrictions = [x for x in map(_hours, penalties) if x and x[0].kind is PenaltyKind.RESTRICTION_OF_LIBERTY]
        for yearly, per_year in (x for x in labour if x[0].per_year):
            for restriction, span in (x for x in restrictions if x[0].person == yearly.person):
                total = arithmetic.labour_hours(span, per_year.hours)
                for other, stated in (x for x in labour if not x[0].per_year and x[0].person == yearly.person):
                    ids = [yearly.id, restriction.id, other.id]
                    if Decimal(stated.hours) == total:
                        yield _finding("KZL090", ids, f"{per_year.hours} hours a year × {span.describe()} = {total} hours = {other.id}")
                    else:
                        yield _finding("KZL035", ids, (
                            f"{per_year.hours} hours a year over {span.describe()} make {total} hours, but {other.id} states {stated.hours} hours"
                        ))


Rates = Mapping[Tuple[str, str], Decimal]


def _currencies(ds: Dataset, rates: Rates, tolerance: Decimal) -> Iterator[Finding]:
    for case in ds.cases:
        by_kind: Dict[Tuple[str, PenaltyKind], List[Penalty]] = {}
        for p in ds.penalties_of(case):
            if p.amount is not None:
                by_kind.setdefault((p.person, p.kind), []).append(p)
        for group in by_kind.values():
            if len({p.amount.currency for p in group if p.amount}) < 2:
                continue
            a, b = group[0], group[1]
            assert a.amount is not None and b.amount is not None
            ids = [p.id for p in group]
            rate = rates.get((a.amount.currency, b.amount.currency))
            if rate is None:
                implied = b.amount.amount / a.amount.amount
                yield _finding("KZL036", ids, (
                    f"{a.amount} and {b.amount} for one {a.kind.value}: no exchange rate given to test them "
                    f"against (the sources state none); they imply {implied:.4f} {b.amount.currency} per {a.amount.currency}"
                ))
                continue
            diff = arithmetic.relative_difference(arithmetic.convert(a.amount, b.amount.currency, rate), b.amount)
            if diff <= tolerance:
                yield _finding("KZL090", ids, f"{a.amount} at {rate} {b.amount.currency} per {a.amount.currency} is within {tolerance:.0%} of {b.amount} ({diff:.2%})")
            else:
                yield _finding("KZL036", ids, f"{a.amount} at {rate} {b.amount.currency} per {a.amount.currency} differs from {b.amount} by {diff:.2%}, more than {tolerance:.0%}")


# ---------------------------------------------------------------- report


_RULES = (_integrity, _shared_spellings, _date_order, _bans_after_release, _publication, _penalty_terms, _conversions, _unserved, _stated_ends, _labour_hours)


def _explain(findings: Iterable[Finding], discrepancies: Iterable[Discrepancy]) -> List[Finding]:
    by_record: Dict[str, List[Discrepancy]] = {}
    for d in discrepancies:
        for r in d.records:
            by_record.setdefault(r, []).append(d)
    out = []
    for f in findings:
        explained = sorted({d.id for r in f.records for d in by_record.get(r, ()) if f.code in d.explains})
        out.append(attrs.evolve(f, explained_by=tuple(explained)) if explained else f)
    return out


def check(ds: Dataset, *, rates: Optional[Rates] = None, tolerance: Decimal = Decimal("0.05")) -> CheckReport:
    """Run every consistency rule over ``ds`` (see the module docstring).

    ``rates`` maps ``(from, to)`` currency pairs to exchange rates (units of
    ``to`` per unit of ``from``) for comparing one penalty stated in two
    currencies; the sources give none, so by default such pairs are reported
    (KZL036) rather than tested.  ``tolerance`` is the relative difference
    allowed between the converted amounts (default 5%).
    """
    findings: List[Finding] = []
    def currencies(d: Dataset) -> Iterator[Finding]:
        return _currencies(d, rates or {}, tolerance)

    for rule in (*_RULES, currencies):
        try:
            findings.extend(rule(ds))
        except InvalidValueError as exc:  # a figure outside the tables (e.g. an MCI before 2011)
            findings.append(_finding("KZL001", [], f"cannot compute: {exc}"))
    return CheckReport(findings=tuple(_explain(findings, ds.discrepancies)))
