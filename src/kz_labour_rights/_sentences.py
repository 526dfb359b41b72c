"""A case's penalties on the calendar: the schedule a sentence chart draws (layer 7).

:func:`sentence_schedule` lays every penalty of a case (or of one person in
it) out as :class:`Span` records on the calendar, computed with
:mod:`.arithmetic` only, from the same inputs :func:`~._checks.check` reads:
a penalty's ``start``, ``term``, ``end``, its decision (``imposed_by``),
``replaces`` and ``replaced_days``, the conversions between prison days and
fines, and the events stating an end (sentence end, ban end, release).

Rules (each stated once, in the schedule's own words too):

* **Start.** A recorded day-precise start is used as stated.  Otherwise the
  term is counted from the day of its decision, and the span says so
  (``start_basis == "inferred"``, with the reason) — never passed off as stated.
* **End.** Always :func:`.arithmetic.term_end` of the start and the term.  A
  prison term replacing a fine in tenge counts the days the fine converts to
  (:func:`.arithmetic.fine_to_imprisonment`) when the stated term is those
  days, as :func:`~._checks.check` does; otherwise the stated term.  A
  reported end that differs is kept beside it (``reported_end``), never used.
* **Cut short.** A term that another penalty replaces is split at that
  penalty's decision: the part served, and the remainder (remitted by pardon
  when a pardon of the person falls on that day, else replaced).  A term
  followed by a parole decision and a release inside it is split at the
  release.  The unserved days are computed from the decision, as check does.
* **Fines** are not time: a fine is a dated amount (computed from the days it
  replaced, where it replaced some).  A fine that a later decision replaces
  gets an ``outstanding`` span from its decision to that decision.
* **Hours** (compulsory labour) and money without a term (damages,
  confiscation) get no span, only notes and figures.

Conflicts are taken from a :class:`~._checks.CheckReport`: every finding on
the schedule's records (its penalties, the events it marks) explained by a
discrepancy, every unexplained warning or error of a sentence rule on them, plus the discrepancies that name a penalty of the schedule or an
end or pardon on it, though no finding points at them.
"""

import datetime
from decimal import Decimal
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

import attrs

from . import arithmetic
from ._checks import CheckReport, Finding, check
from ._dataset import Dataset
from ._model import Event, EventKind, Penalty, PenaltyKind
from ._values import Money, PartialDate, Term

__all__ = ["Conflict", "Mark", "Row", "Schedule", "Span", "sentence_schedule"]

# What a failing computation on odd data raises; the row then says so in a
# note instead of a span (check reports the figures as KZL037/KZL038).
_FAILURES = (ArithmeticError, ValueError, LookupError)

_BANS = (PenaltyKind.BAN_ON_POSITIONS, PenaltyKind.BAN_ON_ACTIVITIES)
_END_KINDS = {
    EventKind.SENTENCE_END: (PenaltyKind.IMPRISONMENT, PenaltyKind.RESTRICTION_OF_LIBERTY),
    EventKind.BAN_END: _BANS,
}
_AXIS_KINDS = frozenset({
    EventKind.VERDICT, EventKind.PARDON, EventKind.SENTENCE_REPLACEMENT, EventKind.PAROLE_DECISION,
    EventKind.RELEASE, EventKind.PROBATION_REGISTRATION, EventKind.ENTRY_INTO_FORCE,
})
_WEIGHT = {k: n for n, k in enumerate((
    PenaltyKind.IMPRISONMENT, PenaltyKind.ADMINISTRATIVE_ARREST, PenaltyKind.RESTRICTION_OF_LIBERTY, PenaltyKind.COMPULSORY_LABOUR,
    PenaltyKind.FINE, PenaltyKind.CONFISCATION, PenaltyKind.DAMAGES, PenaltyKind.BAN_ON_POSITIONS, PenaltyKind.BAN_ON_ACTIVITIES,
    PenaltyKind.TRAVEL_BAN,
))}
# Codes whose findings compare sentence figures: unexplained, they are conflicts of the chart too.
_SENTENCE_CODES = frozenset({"KZL012", "KZL013", "KZL030", "KZL031", "KZL032", "KZL033", "KZL034", "KZL035", "KZL036", "KZL037", "KZL038"})


@attrs.frozen(kw_only=True)
class Span:
    """One stretch of a penalty on the calendar (``start <= day < end``).

    Attributes:
        penalty: the penalty's id.
        kind: ``"term"`` (the whole term), ``"served"`` and ``"remitted"``
            (a term cut short), or ``"outstanding"`` (a fine until a decision
            replaced it).
        start: first day.
        end: the day after the last (an expiry date, :func:`.arithmetic.term_end`).
        start_basis: ``"stated"`` (the record's start or a dated event) or
            ``"inferred"`` (counted from the decision: the start is not recorded).
        end_basis: ``"computed"`` (the arithmetic) or ``"event"`` (a dated event).
        computed_by: the arithmetic and the assumptions, in words.
        reported_end: the end the record reports, when it differs from ``end``.
        label: what the span is, for a reader (``"remitted by pardon"``).
    """

    penalty: str
    kind: str
    start: datetime.date
    end: datetime.date
    start_basis: str
    end_basis: str
    computed_by: str
    reported_end: Optional[datetime.date] = None
    label: str = ""

    @property
    def days(self) -> int:
        """The span's length in days."""
        return arithmetic.days_between(self.start, self.end)


@attrs.frozen(kw_only=True)
class Mark:
    """A dated point: a decision, pardon, conversion, release, or a reported or stated end.

    Attributes:
        date: the day (the earliest day, for a partial date).
        label: what happened, in a few words (``"pardon"``, ``"reported release"``).
        event: the event's id, if an event.
        penalty: the penalty whose row it belongs to (reported and stated
            ends), or ``None`` for a mark on the calendar axis.
        kind: the event kind's value, or ``"reported-end"``.
        precise: the date is day-precise.
        agrees: for a reported or stated end, whether it equals the computed end.
        summary: the longer text (hover text).
    """

    date: datetime.date
    label: str
    event: Optional[str] = None
    penalty: Optional[str] = None
    kind: str = ""
    precise: bool = True
    agrees: Optional[bool] = None
    summary: str = ""


@attrs.frozen(kw_only=True)
class Conflict:
    """A disagreement between sources (or with the arithmetic) that the chart marks.

    Attributes:
        discrepancy: the discrepancy's id, or ``None`` for a finding no
            discrepancy explains.
        summary: the discrepancy's summary (else the finding's message).
        code: the finding's code, or ``None`` when no finding points at it.
        value: the finding's value (the figures compared).
        penalty: the row it is drawn on, or ``None`` for the calendar axis.
        date: the day it concerns.
        records: the records involved.
    """

    discrepancy: Optional[str]
    summary: str
    code: Optional[str] = None
    value: Optional[str] = None
    penalty: Optional[str] = None
    date: Optional[datetime.date] = None
    records: Tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Row:
    """One penalty: its spans, reported dates, computed figures and notes.

    Attributes:
        penalty: the penalty's id.
        person: the person's id.
        kind: the penalty kind.
        label: kind and term or amount (``"imprisonment, 7 years"``).
        term: the stated term, if any.
        amount: the stated amount, if any.
        decision: the decision's id, if any.
        decision_day: the decision's day, if day-precise.
        replaces: the penalty this one replaces, if any.
        spans: the computed spans, in date order.
        reported: reported and stated ends for this penalty.
        end: the computed end of the whole term.
        days: for a term replacing a fine, the days the fine converts to.
        fine: for a fine replacing days, the fine those days convert to.
        unserved: for a term cut short, the days unserved on the cut (from the decision).
        hours: for yearly compulsory labour, the total over the restriction of liberty.
        notes: what a reader needs besides the spans (no span: why).
    """

    penalty: str
    person: str
    kind: PenaltyKind
    label: str
    term: Optional[Term] = None
    amount: Optional[Money] = None
    decision: Optional[str] = None
    decision_day: Optional[datetime.date] = None
    replaces: Optional[str] = None
    spans: Tuple[Span, ...] = ()
    reported: Tuple[Mark, ...] = ()
    end: Optional[datetime.date] = None
    days: Optional[int] = None
    fine: Optional[Money] = None
    unserved: Optional[int] = None
    hours: Optional[Decimal] = None
    notes: Tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Schedule:
    """A case's penalties on the calendar.

    Attributes:
        case: the case's id.
        title: the case's title.
        person: the person the schedule is limited to, if any.
        rows: one per penalty (decision day, then id).
        marks: dated events on the calendar axis (decisions, pardons,
            conversions, paroles, releases), in date order.
        conflicts: what the chart marks in red, in order of row and date.
    """

    case: str
    title: str
    person: Optional[str]
    rows: Tuple[Row, ...]
    marks: Tuple[Mark, ...]
    conflicts: Tuple[Conflict, ...]

    def row(self, penalty: str) -> Row:
        """The row of ``penalty``.

        Raises:
            KeyError: no row has that penalty.
        """
        for r in self.rows:
            if r.penalty == penalty:
                return r
        raise KeyError(penalty)

    def bounds(self) -> Optional[Tuple[datetime.date, datetime.date]]:
        """The first and last day anything on the schedule is dated, or ``None`` when nothing is."""
        days = [m.date for m in self.marks] + [c.date for c in self.conflicts if c.date is not None]
        for r in self.rows:
            days += [d for s in r.spans for d in (s.start, s.end)] + [m.date for m in r.reported]
            days += [r.decision_day] if r.decision_day is not None else []
        return (min(days), max(days)) if days else None


def _day(value: Optional[PartialDate]) -> Optional[datetime.date]:
    return value.to_date() if value is not None and value.precision == "day" else None


def _money(m: Money) -> str:
    return f"{m.amount:,} {m.currency}".replace(".000000", "")


def _label(p: Penalty) -> str:
    kind = p.kind.value.replace("-", " ")
    if p.term is not None:
        what = p.term.describe() + (" a year" if p.per_year else "")
        return f"{kind}, {what}"
    if p.amount is not None:
        return f"{kind}, {'~' if p.amount.approximate else ''}{_money(p.amount)}"
    return kind


def _concerns(e: Event, person: str) -> bool:
    return not e.people or person in e.people


class _Builder:
    """Computes one schedule; holds the lookups its rows share."""

    def __init__(self, ds: Dataset, penalties: Sequence[Penalty], events: Sequence[Event]) -> None:
        self.ds = ds
        self.penalties = penalties
        self.events = events
        self.replacers: Dict[str, List[Penalty]] = {}
        for q in penalties:
            if q.replaces is not None:
                self.replacers.setdefault(q.replaces, []).append(q)

    def decision(self, p: Penalty) -> Tuple[Optional[Event], Optional[datetime.date]]:
        e = self.ds.events.get(p.imposed_by) if p.imposed_by is not None else None
        return e, (_day(e.date) if e is not None else None)

    def of_kind(self, person: str, *kinds: EventKind) -> List[Event]:
        return [e for e in self.events if e.kind in kinds and _concerns(e, person)]

    def row(self, p: Penalty) -> Row:
        decision, on = self.decision(p)
        base = Row(
            penalty=p.id, person=p.person, kind=p.kind, label=_label(p), term=p.term, amount=p.amount,
            decision=decision.id if decision is not None else None, decision_day=on, replaces=p.replaces,
        )
        try:
            if p.term is not None and not p.term.hours:
                return self._term(p, p.term, base, decision, on)
            if p.term is not None:
                return self._hours(p, p.term, base)
            if p.amount is not None:
                return self._amount(p, p.amount, base, on)
        except _FAILURES as exc:
            return attrs.evolve(base, notes=(f"cannot be computed from the record's figures: {exc}",))
        what = "no term or amount recorded"
        return attrs.evolve(base, notes=(what + ("" if on is not None else "; no dated decision"),))

    def _term(self, p: Penalty, term: Term, row: Row, decision: Optional[Event], on: Optional[datetime.date]) -> Row:
        notes: List[str] = []
        start = _day(p.start)
        if start is not None:
            start_basis, from_words = "stated", f"from the recorded start {start}"
        elif on is not None and decision is not None:
            start_basis = "inferred"
            from_words = f"counted from the {decision.kind.value.replace('-', ' ')} of {on} — start not recorded"
            jailed = any(
                q.kind is PenaltyKind.IMPRISONMENT and q.imposed_by == p.imposed_by and q.person == p.person for q in self.penalties
            )
            if p.kind in _BANS and jailed:
                from_words += " (art. 50 part 4 counts a ban added to imprisonment from release)"
            start = on
        else:
            return attrs.evolve(row, notes=("start not recorded and no dated decision: the term cannot be placed",))
        counted = term
        fine_words = ""
        replaced = self.ds.penalties.get(p.replaces) if p.replaces is not None else None
        days: Optional[int] = None
        if replaced is not None and replaced.amount is not None and replaced.amount.currency == "KZT" and on is not None:
            conv = arithmetic.fine_to_imprisonment(replaced.amount, on)
            days = conv.days
            fine_words = (
                f"{_money(conv.amount)} ÷ (4 MCI × {conv.mci:,}) = {conv.days} days ({conv.as_months.months} months "
                f"{conv.as_months.days} days in 30-day months)"
            )
            if arithmetic.thirty_day_days(term) == conv.days:
                counted = Term(days=conv.days)
            else:
                notes.append(f"the fine converts to {conv.days} days, not {term.describe()}")
        end = arithmetic.term_end(start, counted)
        worded = f"{start} + {counted.describe()} = {end} ({from_words})"
        if fine_words:
            worded = f"{fine_words}; {worded}"
        reported_end = _day(p.end)
        spans = self._cut(p, counted, start, end, start_basis, worded, reported_end if reported_end != end else None)
        unserved = None
        cut = self._cut_day(p, start, end)
        if cut is not None and cut[1] == "replaced" and on is not None:
            unserved = arithmetic.unserved_days(on, cut[0], term)
        reported = self._reported(p, term, end, reported_end)
        return attrs.evolve(row, spans=spans, end=end, days=days, unserved=unserved, reported=reported, notes=tuple(notes))

    def _cut_day(self, p: Penalty, start: datetime.date, end: datetime.date) -> Optional[Tuple[datetime.date, str, str]]:
        """Where and why the term stops early: (day, ``"replaced"`` or ``"parole"``, the remainder's label)."""
        days = [d for q in self.replacers.get(p.id, ()) for d in [self.decision(q)[1]] if d is not None and start < d < end]
        if days:
            cut = min(days)
            pardoned = any(_day(e.date) == cut for e in self.of_kind(p.person, EventKind.PARDON))
            return cut, "replaced", "remitted by pardon" if pardoned else "replaced"
        paroles = [d for e in self.of_kind(p.person, EventKind.PAROLE_DECISION) for d in [_day(e.date)] if d is not None and start < d < end]
        if p.kind is PenaltyKind.IMPRISONMENT and paroles:
            releases = [d for e in self.of_kind(p.person, EventKind.RELEASE) for d in [_day(e.date)] if d is not None and min(paroles) <= d < end]
            if releases:
                return min(releases), "parole", "released on parole"
        return None

    def _cut(
        self, p: Penalty, counted: Term, start: datetime.date, end: datetime.date, start_basis: str, worded: str,
        reported_end: Optional[datetime.date],
    ) -> Tuple[Span, ...]:
        cut = self._cut_day(p, start, end)
        if cut is None:
            return (Span(penalty=p.id, kind="term", start=start, end=end, start_basis=start_basis, end_basis="computed",
                         computed_by=worded, reported_end=reported_end, label=counted.describe()),)
        day, why, label = cut
        served = arithmetic.days_between(start, day)
        left = arithmetic.days_between(day, end)
        return (
            Span(penalty=p.id, kind="served", start=start, end=day, start_basis=start_basis, end_basis="event",
                 computed_by=f"{worded}; served {served} days to {day}", label=f"served {served} days"),
            Span(penalty=p.id, kind="remitted", start=day, end=end, start_basis="stated", end_basis="computed",
                 computed_by=f"{worded}; {left} days from {day} not served ({label})", reported_end=reported_end, label=label),
        )

    def _reported(self, p: Penalty, term: Term, end: datetime.date, reported_end: Optional[datetime.date]) -> Tuple[Mark, ...]:
        out: List[Mark] = []
        if reported_end is not None:
            what = "reported end" + (" (release)" if p.kind is PenaltyKind.IMPRISONMENT else "")
            out.append(Mark(date=reported_end, label=what, penalty=p.id, kind="reported-end", agrees=reported_end == end,
                            summary=f"{p.id}: the record reports the end {reported_end}; the arithmetic gives {end}"))
        for e in self.events:
            kinds = _END_KINDS.get(e.kind)
            stated = _day(e.date)
            if kinds is None or stated is None or p.kind not in kinds or (e.people and p.person not in e.people):
                continue
            origin = arithmetic.term_start(stated, term)
            out.append(Mark(
                date=stated, label=f"stated {e.kind.value.replace('-', ' ')}", event=e.id, penalty=p.id, kind=e.kind.value,
                agrees=stated == end, summary=f"{e.summary} (counts the {term.describe()} from {origin})",
            ))
        return tuple(sorted(out, key=lambda m: (m.date, m.label, m.event or "")))

    def _hours(self, p: Penalty, term: Term, row: Row) -> Row:
        notes = ["hours, not calendar time: no span"]
        hours = None
        if p.per_year:
            for r in self.penalties:
                if r.kind is PenaltyKind.RESTRICTION_OF_LIBERTY and r.person == p.person and r.term is not None and not r.term.hours:
                    hours = arithmetic.labour_hours(r.term, term.hours)
                    notes.append(f"{term.hours} hours a year × {r.term.describe()} of restriction of liberty = {hours:,} hours")
                    break
        return attrs.evolve(row, hours=hours, notes=tuple(notes))

    def _amount(self, p: Penalty, amount: Money, row: Row, on: Optional[datetime.date]) -> Row:
        notes: List[str] = []
        fine = None
        spans: List[Span] = []
        if p.kind is PenaltyKind.FINE and p.replaced_days is not None and on is not None:
            conv = arithmetic.imprisonment_to_fine(p.replaced_days, on)
            fine = conv.amount
            notes.append(
                f"{p.replaced_days:,} days ÷ 4 = {conv.mci_units:,} MCI × {conv.mci:,} KZT = {_money(conv.amount)}"
                + (" (as reported)" if conv.amount.amount == amount.amount and amount.currency == "KZT" else f" (reported {_money(amount)})")
            )
        later = [d for q in self.replacers.get(p.id, ()) for d in [self.decision(q)[1]] if d is not None]
        if on is not None and later and min(later) > on:
            until = min(later)
            spans.append(Span(
                penalty=p.id, kind="outstanding", start=on, end=until, start_basis="stated", end_basis="event",
                computed_by=f"imposed {on}, replaced by imprisonment {until} ({arithmetic.days_between(on, until)} days): a fine has no term",
                label="until replaced",
            ))
        elif p.kind is not PenaltyKind.FINE or not later:
            notes.append("an amount, not a span of time" + ("" if on is not None else "; no dated decision"))
        return attrs.evolve(row, fine=fine, spans=tuple(spans), notes=tuple(notes))


def _axis_marks(b: _Builder, rows: Sequence[Row], person: Optional[str]) -> Tuple[Mark, ...]:
    decisions = {r.decision for r in rows if r.decision is not None}
    out = []
    for e in b.events:
        if e.kind not in _AXIS_KINDS and e.id not in decisions:
            continue
        if person is not None and not _concerns(e, person):
            continue
        out.append(Mark(
            date=e.date.earliest(), label=e.kind.value.replace("-", " "), event=e.id, kind=e.kind.value,
            precise=e.date.precision == "day", summary=f"{e.date} {e.kind.value}: {e.summary}",
        ))
    return tuple(sorted(out, key=lambda m: (m.date, m.label, m.event or "")))


def _value_date(f: Finding) -> Optional[datetime.date]:
    """The day a finding's figures concern: its computed end, else its stated or reported end, else its decision day."""
    for key in ("computed end", "stated end", "reported end", "on"):
        for part in (f.value or "").split("; "):
            if part.startswith(key + " "):
                try:
                    return datetime.date.fromisoformat(part[len(key) + 1:])
                except ValueError:
                    continue
    return None


def _conflicts(ds: Dataset, rows: Sequence[Row], marks: Sequence[Mark], report: CheckReport) -> Tuple[Conflict, ...]:
    by_penalty = {r.penalty: r for r in rows}
    mark_days = {m.event: m.date for m in marks if m.event is not None}
    for r in rows:
        mark_days.update({m.event: m.date for m in r.reported if m.event is not None})
    ours: Set[str] = set(by_penalty) | set(mark_days)
    out: List[Conflict] = []
    found: Set[str] = set()

    def place(records: Iterable[str]) -> Tuple[Optional[str], Optional[datetime.date]]:
        for rid in records:
            if rid in by_penalty:
                r = by_penalty[rid]
                end = r.spans[-1].end if r.spans else r.decision_day
                return rid, end
        for rid in records:
            if rid in mark_days:
                return None, mark_days[rid]
        return None, None

    for f in report.findings:
        if not set(f.records) & ours or (not f.explained_by and f.code not in _SENTENCE_CODES):
            continue
        row, day = place(f.records)
        day = _value_date(f) or day
        if f.explained_by:
            for did in f.explained_by:
                found.add(did)
                summary = ds.discrepancies[did].summary if did in ds.discrepancies else f.message
                out.append(Conflict(discrepancy=did, summary=summary, code=f.code, value=f.value, penalty=row, date=day, records=f.records))
        elif f.severity != "info":
            out.append(Conflict(discrepancy=None, summary=f.message, code=f.code, value=f.value, penalty=row, date=day, records=f.records))
    # Discrepancies about a penalty of the schedule, or a stated end, release or pardon on it, that no finding points at.
    # (A release is named by discrepancies about everything that followed it — union names, later
    # statements — so only a pardon and the stated ends bring theirs in.)
    dated = {m.event for m in marks if m.kind == EventKind.PARDON.value}
    dated |= {m.event for r in rows for m in r.reported if m.event is not None}
    for d in ds.discrepancies:
        if d.id in found:
            continue
        if not (set(d.records) & set(by_penalty) or set(d.records) & dated):
            continue
        named = [rid for rid in d.records if rid in by_penalty] or [rid for rid in d.records if rid in dated]
        row, day = place(named)
        out.append(Conflict(discrepancy=d.id, summary=d.summary, penalty=row, date=day, records=d.records))
    order = {r.penalty: n for n, r in enumerate(rows)}
    return tuple(sorted(out, key=lambda c: (
        order.get(c.penalty or "", len(order)), c.date or datetime.date.max, c.discrepancy or "", c.code or "", c.value or "",
    )))


def sentence_schedule(ds: Dataset, case: str, *, person: Optional[str] = None, report: Optional[CheckReport] = None) -> Schedule:
    """The penalties of ``case`` (of ``person`` only, if given) on the calendar (see the module notes).

    ``report`` is the :class:`~._checks.CheckReport` the conflicts are taken
    from (default: ``check(ds)``; pass one to share it between cases).  A case
    without penalties gives a schedule without rows.

    Raises:
        NotFoundError: no case (or person) has this id.
        UsageError: ``case`` is not a case id.
    """
    events = ds.events_of(case)  # raises for an id that is not a case's
    the_case = ds.cases[case]
    if person is not None:
        ds.people[person]  # raises NotFoundError, naming near ids
    penalties = [p for p in ds.penalties_of(the_case.id) if person is None or p.person == person]
    b = _Builder(ds, penalties, events)
    rows = [b.row(p) for p in penalties]
    # The decision's order, then the heavier penalty first: the seven years above the bans they carry.
    rows.sort(key=lambda r: (r.decision_day or datetime.date.max, r.person, _WEIGHT.get(r.kind, len(_WEIGHT)), r.penalty))
    marks = _axis_marks(b, rows, person) if rows else ()
    conflicts = _conflicts(ds, rows, marks, report if report is not None else check(ds)) if rows else ()
    return Schedule(case=the_case.id, title=the_case.title, person=person, rows=tuple(rows), marks=marks, conflicts=conflicts)
