"""A browsable catalogue for the docs site: a page per case, person, organisation and legal provision, the
record's figures, an index by kind, and the facts for the site's home page.

``kz-labour-rights catalogue --out docs/catalogue`` writes

* ``index.md`` — every record, grouped as a reader looks for it: cases, people, unions, companies, courts, state
  bodies, other organisations, law;
* ``home.md`` — what the site's home page shows of the record (the picture of the events by kind and year, the
  counts, the ways in, the dataset version and checksum, how to cite); the docs build's hook
  (``tools/mkdocs_catalogue.py``) puts it into ``index.md`` of the site;
* ``network.md`` — who is linked to whom, as one figure;
* ``cases/``, ``people/``, ``organisations/`` and ``law/`` pages.

A record's page says where each of its values comes from: the quotes are numbered in its *Sources* section and
every value is listed with the numbers of the quotes that state it, or the reason it is inferred, or the
computation it is derived by.  Every conflict about the record, its events, penalties and cases is listed with
both sides attributed, and has an anchor that the sentence charts link to.

Figures are drawn into the page, at their own size, so that their marks can link and their hover texts show:
a timeline per case, person and organisation (also written as ``NAME.svg`` beside the page), a sentence chart
per case with penalties (and per case on a sentenced person's page), a network of the record's links.  Links
inside figures are fixed relative paths to ``NAME.html`` pages (the site is built with
``use_directory_urls: false``), since MkDocs does not rewrite raw HTML.

The catalogue is built whole in a temporary sibling of ``out`` and swapped in with one rename
(:func:`._atomic.building_dir`): a failure or an interrupt leaves the previous catalogue as it was.  It replaces
the whole directory, so a non-empty directory is only replaced when it holds the marker file :data:`MARKER` of an
earlier catalogue, or when asked to (``force=True``, ``--force``).  Every text from the data is escaped for
Markdown (:func:`._escape.for_markdown`) and the figures for XML, so a name renders as that name and nothing else.
"""

import os
import re
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from ._atomic import building_dir
from ._checks import CheckReport, check
from ._collection import display_name
from ._dataset import Dataset
from ._errors import DataError, NotFoundError, Problem, UsageError
from ._escape import for_markdown as _md
from ._escape import for_xml
from ._model import Case, Citation, Event, LegalProvision, Membership, Organisation, OrgKind, Penalty, Person
from ._provenance import value_supports
from ._resources import packaged_version
from ._sentences import sentence_schedule
from ._svg import network_svg, overview_svg, sentence_svg, timeline_svg

__all__ = ["MARKER", "slug", "write_catalogue"]

MARKER = ".kz-labour-rights-catalogue"
"""The file that marks a directory as a catalogue this package wrote (MkDocs
skips dot files, so it never becomes a page)."""

# A valid id: a prefix without "-", a colon, then "/"-separated segments of
# [a-z0-9.-] (the id rule of docs/data-model.md).
_ID = re.compile(r"^([a-z0-9]+):([a-z0-9][a-z0-9.-]*(?:/[a-z0-9][a-z0-9.-]*)*)$")

# The folder of each kind of record that has a page.
_FOLDERS = {"case": "cases", "person": "people", "org": "organisations", "provision": "law"}

# The index's groups of organisations, in the order a reader looks for them.
_ORG_GROUPS: Tuple[Tuple[str, str, Tuple[OrgKind, ...]], ...] = (
    ("Unions", "unions, federations and confederations", (OrgKind.UNION, OrgKind.FEDERATION, OrgKind.CONFEDERATION)),
    ("Companies", "companies and employers' bodies", (OrgKind.COMPANY, OrgKind.EMPLOYERS)),
    ("Courts", "courts", (OrgKind.COURT,)),
    ("State bodies", "state bodies and law enforcement", (OrgKind.STATE_BODY, OrgKind.LAW_ENFORCEMENT)),
    ("Other organisations", "international bodies, NGOs, parties and others",
     (OrgKind.INTERNATIONAL, OrgKind.NGO, OrgKind.PARTY, OrgKind.OTHER)),
)


def slug(record_id: str) -> str:
    """The page name of a record id: ``case:baltabay-2019`` → ``case-baltabay-2019``.

    One-to-one on valid ids: the prefix holds no ``-``, so the first ``-``
    ends it, and ``/`` (not allowed in a segment) becomes ``_`` (not allowed
    anywhere in an id), so ``case:a/b`` and ``case:a-b`` get different pages.

    Raises:
        DataError: ``record_id`` is not a valid id (it could name a file
            outside the catalogue, or share a page).
    """
    m = _ID.match(record_id)
    if m is None:
        raise DataError([Problem(
            file="catalogue", record=record_id, field="id",
            message="not a valid id (prefix:segment/segment, segments of a-z, 0-9, '.' and '-'); fix the id in the data",
        )])
    return f"{m.group(1)}-{m.group(2).replace('/', '_')}"


def _has(ds: Dataset, record_id: str) -> bool:
    try:
        ds.get(record_id)
    except NotFoundError:
        return False
    return True


def _folder(record_id: str) -> Optional[str]:
    return _FOLDERS.get(record_id.split(":", 1)[0])


def _label(ds: Dataset, record_id: str) -> str:
    """How a linked record is named on a page (not escaped)."""
    record = ds.get(record_id)
    if isinstance(record, LegalProvision):
        return _provision_label(record)
    if isinstance(record, Case):
        return record.title
    return display_name(record)


def _provision_label(p: LegalProvision) -> str:
    return f"{p.citation}: {p.title}" if p.article else p.title


def _link(ds: Dataset, record_id: str, *, root: bool = False) -> str:
    """A Markdown link to a record's page from a page in a folder of the catalogue (or its root)."""
    folder = _folder(record_id)
    name = _md(_label(ds, record_id))
    if folder is None or not _has(ds, record_id):
        return name
    return f"[{name}]({'' if root else '../'}{folder}/{slug(record_id)}.md)"


def _href(record_id: str, *, root: bool = False) -> Optional[str]:
    """A figure's link to a record's page (raw HTML: the built page's name)."""
    folder = _folder(record_id)
    return None if folder is None else f"{'' if root else '../'}{folder}/{slug(record_id)}.html"


def anchor(discrepancy_id: str) -> str:
    """The anchor of a discrepancy on the pages that list it."""
    return slug(discrepancy_id)


def _prefix(record_id: str, figure: str) -> str:
    """A prefix for the ids of a figure drawn into a record's page (letters, digits, ``-`` and ``_`` only)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", slug(record_id)) + "-" + figure + "-"


def _figure(svg: str, caption: str, file: Optional[str] = None) -> List[str]:
    """An SVG drawn into the page, with a caption and a link to the figure's own file.

    A raw HTML block: no blank line inside, a blank line after; Markdown is not applied inside it, so the
    caption is escaped for HTML, not for Markdown.
    """
    if not svg:
        return []
    body = "\n".join(line for line in svg.splitlines() if line.strip())
    link = f' <a href="{file}">The figure as an SVG file.</a>' if file else ""
    return [f'<figure class="kzlr-figure">\n{body}\n<figcaption>{for_xml(caption)}{link}</figcaption>\n</figure>', ""]


class _Page:
    """A page being written: its lines and its numbered quotes (every citation once)."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.lines: List[str] = []
        self.quotes: List[Citation] = []
        self._numbers: Dict[Tuple[str, str, Optional[str]], int] = {}

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def number(self, c: Citation) -> int:
        key = (c.source, c.quote, c.locator)
        if key not in self._numbers:
            self.quotes.append(c)
            self._numbers[key] = len(self.quotes)
        return self._numbers[key]

    def refs(self, citations: Iterable[Citation]) -> str:
        """Links to the numbered quotes of ``citations``."""
        return " ".join(f"[{n}](#q{n})" for n in sorted({self.number(c) for c in citations}))

    def text(self) -> str:
        if self.quotes:
            self.add("## Sources", "", "Each value above gives the numbers of the quotes that state it.", "")
            for n, c in enumerate(self.quotes, 1):
                src = self.ds.sources.get(c.source)
                who = f"{src.publisher} ({src.published}), *{src.title}*" if src is not None else c.source
                where = f", {c.locator}" if c.locator else ""
                self.add(f'{n}. <span id="q{n}"></span>“{_md(c.quote)}” — {_md(who)}{_md(where)}')
            self.add("")
        return "\n".join(self.lines) + "\n"


def _sources_of(page: _Page, citations: Sequence[Citation]) -> str:
    return page.refs(citations) if citations else "—"


def _when(e: Event) -> str:
    when = f"{e.date}" + (f" – {e.end}" if e.end else "")
    if e.date_bound is not None:
        when = f"{e.date_bound.value.replace('-', ' ')} {when}"
    if e.status.value != "occurred":
        when += f" ({e.status.value})"
    if any(i.field in ("date", "end") for i in e.inferred):
        when += " (inferred)"
    return when


def _events_table(page: _Page, events: Sequence[Event]) -> None:
    page.add("| date | what | summary | quotes |", "|---|---|---|---|")
    for e in events:
        page.add(f"| {_md(_when(e))} | {_md(e.kind.value)} | {_md(e.summary)} | {_sources_of(page, e.citations)} |")
    page.add("")


def _penalty_table(page: _Page, penalties: Sequence[Penalty]) -> None:
    page.add("| penalty | term | amount | summary | quotes |", "|---|---|---|---|---|")
    for p in penalties:
        term = p.term.describe() + (" a year" if p.per_year else "") if p.term else ""
        page.add(f"| {_md(p.kind.value)} | {_md(term)} | {_md(str(p.amount or ''))} | {_md(p.summary)} | {_sources_of(page, p.citations)} |")
    page.add("")


def _discrepancies(page: _Page, record_id: str) -> None:
    """Every conflict about the record and what concerns it, each side attributed and quoted."""
    found = page.ds.discrepancies_of(record_id, related=True)
    if not found:
        return
    page.add("## Conflicts between sources", "", "Each conflict is kept with every side; none is decided by picking one.", "")
    for d in found:
        page.add(
            f'- <span id="{anchor(d.id)}"></span>**{_md(d.status)}**: {_md(d.summary)}'
            + (f" *Reconciliation:* {_md(d.resolution)}" if d.resolution else "")
        )
        page.add(*(f"    - *{_md(side.by)}*: {_md(side.claim)} {_sources_of(page, side.citations)}" for side in d.sides))
    page.add("")


def _value_text(ds: Dataset, value: str) -> str:
    """A value as shown: a record id becomes its name (linked where it has a page)."""
    parts = value.split(", ")
    if all(_ID.match(v) and _has(ds, v) for v in parts):
        return ", ".join(_link(ds, v) for v in parts)
    return _md(value)


def _provenance(page: _Page, heading: str, record: Any) -> None:
    """Where each value of ``record`` comes from: quotes that state it, or why it is inferred, or how derived."""
    rows = []
    for v in value_supports(record):
        citations: Sequence[Citation] = record.citations
        if v.scope:
            index = int(v.scope[len("versions["):-1])
            citations = record.versions[index].citations
        if v.status == "stated":
            how = f"stated: {page.refs(citations[i] for i in v.citations)}"
        elif v.status == "inferred":
            how = f"**inferred**: {_md(v.reason)}"
        elif v.status == "derived":
            how = f"*derived*: {_md(v.reason)}"
        else:
            how = "not recorded (a snapshot older than schema 3)"
        if v.basis:
            how += " (from " + ", ".join(_link(page.ds, b) if _has(page.ds, b) else _md(b) for b in v.basis) + ")"
        field = f"{v.scope}.{v.field}" if v.scope else v.field
        rows.append(f"| {_md(field)} | {_value_text(page.ds, v.value)} | {how} |")
    if rows:
        page.add(f"### {_md(heading)}", "", "| field | value | where it comes from |", "|---|---|---|", *rows, "")


def _provenance_section(page: _Page, records: Sequence[Tuple[str, Any]]) -> None:
    page.add("## Where each value comes from", "")
    for heading, record in records:
        _provenance(page, heading, record)


def _membership(ds: Dataset, m: Membership, other: str) -> str:
    span = ""
    if m.start or m.end:
        span = f" ({m.start or '…'} – {m.end or '…'})"
    return f"- {_link(ds, other)}, {_md(m.role)}{_md(span)}"


def _network(ds: Dataset, record_id: str, name: str) -> List[str]:
    svg = network_svg(ds, focus=record_id, href=_href, prefix=_prefix(record_id, "net"), title=f"Links of {name}")
    return _figure(svg, f"Who and what {name} is linked to in the data; each mark links to its page.")


def _sentence(ds: Dataset, report: CheckReport, case: Case, person: Optional[Person] = None) -> List[str]:
    schedule = sentence_schedule(ds, case.id, person=person.id if person else None, report=report)
    here = person is None

    def href(discrepancy_id: str) -> str:
        return f"#{anchor(discrepancy_id)}" if here else f"../cases/{slug(case.id)}.html#{anchor(discrepancy_id)}"

    svg = sentence_svg(schedule, href=href, prefix=_prefix(case.id, "sentence"))
    caption = (
        f"The penalties of {case.title} on the calendar, computed by the sentence arithmetic "
        "(the same computations as kz-labour-rights check); reported dates are overlaid and every conflict between "
        "sources is marked and links to it."
    )
    return _figure(svg, caption)


def _timeline(record_id: str, name: str, events: Sequence[Event]) -> List[str]:
    caption = (
        f"The events of {name}: dates as the sources give them (a day is a dot, a month or a year a bar over it), "
        "inferred dates dashed; hover for the whole summary."
    )
    return ["## Timeline", "", *_figure(timeline_svg(events, name, prefix=_prefix(record_id, "tl")), caption, f"{slug(record_id)}.svg")]


def _also_written(page: _Page, aliases: Sequence[str]) -> None:
    if aliases:
        page.add(f"**Also written:** {', '.join(_md(a) for a in aliases)}", "")


def _case_list(page: _Page, cases: Sequence[Case]) -> None:
    if cases:
        page.add("## Cases", "", *(f"- {_link(page.ds, c.id)}" for c in cases), "")


def _timeline_and_events(page: _Page, record_id: str, name: str, events: Sequence[Event]) -> None:
    if events:
        page.add(*_timeline(record_id, name, events), "## Events", "")
        _events_table(page, events)


def _event_records(events: Sequence[Event]) -> List[Tuple[str, Any]]:
    return [(f"Event {e.date} {e.kind.value}", e) for e in events]


def _penalty_records(penalties: Sequence[Penalty]) -> List[Tuple[str, Any]]:
    return [(f"Penalty: {p.kind.value}" + (f" {p.term.describe()}" if p.term else "") + (f" {p.amount}" if p.amount else ""), p) for p in penalties]


def _case_page(ds: Dataset, case: Case, report: CheckReport) -> str:
    page = _Page(ds)
    events = ds.events_of(case)
    penalties = ds.penalties_of(case)
    page.add(f"# {_md(case.title)}", "", f"*{_md(case.kind.value)} case* · `{case.id}`", "", _md(case.summary), "")
    for label, ids in (("People", case.people), ("Organisations", case.organisations), ("Courts and bodies", case.courts)):
        if ids:
            page.add(f"**{label}:** {', '.join(_link(ds, i) for i in ids)}", "")
    provisions = ds.provisions_of(case)
    if provisions:
        page.add("**Provisions:** " + "; ".join(_link(ds, p.id) for p in provisions), "")
    chart = _sentence(ds, report, case) if penalties else []
    if chart:
        page.add("## Sentence", "", *chart)
    _timeline_and_events(page, case.id, case.title, events)
    if penalties:
        page.add("## Penalties", "")
        _penalty_table(page, penalties)
    in_force = ds.provisions_in_force(case)
    if in_force:
        page.add("## Law in force at each decision", "", "| decision | provision | wording in force |", "|---|---|---|")
        for answer in in_force:
            page.add(f"| {_md(str(answer.date))} | {_link(ds, answer.provision)} | {_md(_wording(answer))} |")
        page.add("")
    _discrepancies(page, case.id)
    page.add("## Links", "")
    page.add(*_network(ds, case.id, case.title))
    _provenance_section(page, [(f"Case {case.title}", case), *_penalty_records(penalties), *_event_records(events)])
    return page.text()


def _wording(answer: Any) -> str:
    if answer.certain:
        return "; ".join(v.summary for v in answer.certain)
    if answer.possible:
        text = "one of: " + " | ".join(v.summary for v in answer.possible)
        return text + (" (or a wording the data does not hold)" if answer.unrecorded else "")
    return "not recorded: the data holds no wording dated to cover this day"


def _person_page(ds: Dataset, person: Person, report: CheckReport) -> str:
    page = _Page(ds)
    events = ds.timeline(person)
    page.add(f"# {_md(person.name)}", "", f"`{person.id}`" + (" · *pseudonym used by the source*" if person.pseudonym else ""), "")
    _also_written(page, person.aliases)
    page.add(_md(person.description), "")
    memberships = ds.memberships_of(person)
    if memberships:
        page.add("## Roles", "", *(_membership(ds, m, m.organisation) for m in memberships), "")
    _case_list(page, ds.cases_of(person))
    penalties = ds.penalties_of(person)
    if penalties:
        page.add("## Penalties", "")
    for case_id in dict.fromkeys(p.case for p in penalties):
        page.add(f"### In {_link(ds, case_id)}", "")
        _penalty_table(page, [p for p in penalties if p.case == case_id])
        page.add(*_sentence(ds, report, ds.cases[case_id], person))
    _timeline_and_events(page, person.id, person.name, events)
    _discrepancies(page, person.id)
    page.add("## Links", "")
    page.add(*_network(ds, person.id, person.name))
    _provenance_section(page, [(f"Person {person.name}", person), *((f"Role: {m.role}", m) for m in memberships), *_penalty_records(penalties)])
    return page.text()


def _organisation_page(ds: Dataset, org: Organisation, report: CheckReport) -> str:
    page = _Page(ds)
    events = ds.timeline(org)
    page.add(f"# {_md(org.name)}", "", f"*{_md(org.kind.value)}* · `{org.id}`", "")
    _also_written(page, org.aliases)
    if org.parent:
        page.add(f"**Part of:** {_link(ds, org.parent)}", "")
    page.add(_md(org.description), "")
    relations = [r for r in ds.collection("relations") if org.id in (r.subject, r.object)]
    # A relation reads from its subject to its object: on the object's page it is turned round.
    related = [
        (f"- {_md(r.kind.value)}: {_link(ds, r.object)}" if r.subject == org.id else f"- {_link(ds, r.subject)} {_md(r.kind.value)} this organisation")
        + (f" — {_md(r.reason)}" if r.reason else "")
        for r in relations
    ]
    if related:
        page.add("## Related organisations", "", *related, "")
    memberships = ds.memberships_of(org)
    if memberships:
        page.add("## People", "", *(_membership(ds, m, m.person) for m in memberships), "")
    _case_list(page, ds.cases_of(org))
    _timeline_and_events(page, org.id, org.name, events)
    _discrepancies(page, org.id)
    page.add("## Links", "")
    page.add(*_network(ds, org.id, org.name))
    _provenance_section(page, [
        (f"Organisation {org.name}", org),
        *((f"Member: {display_name(ds.people[m.person])}", m) for m in memberships),
        *((f"Relation: {r.kind.value} {_label(ds, r.object if r.subject == org.id else r.subject)}", r) for r in relations),
    ])
    return page.text()


def _provision_page(ds: Dataset, p: LegalProvision, report: CheckReport) -> str:
    page = _Page(ds)
    short = p.citation if p.article else p.title
    page.add(f"# {_md(short)}", "", f"*{_md(p.title)}* · `{p.id}`" if p.article else f"`{p.id}`", "")
    facts = [("Instrument", p.instrument), ("Article", p.article), ("Part", p.part), ("Paragraph", p.paragraph)]
    page.add(*(f"- **{name}:** {_md(value)}" for name, value in facts if value), "")
    _also_written(page, p.aliases)
    page.add("## Wordings", "")
    if not p.versions:
        page.add("The data holds no dated wording of this provision.", "")
    for v in p.versions:
        start = f"{v.valid_from_bound.value.replace('-', ' ') + ' ' if v.valid_from_bound else ''}{v.valid_from}" if v.valid_from else "an undated start"
        page.add(f"### From {_md(start)}" + (f" to {_md(str(v.valid_to))}" if v.valid_to else ""), "")
        page.add(_md(v.summary) + f" {_sources_of(page, v.citations)}", "")
        if v.amended_by:
            page.add(f"Amended by {_md(v.amended_by)}.", "")
        page.add(*(f"- *{_md(i.field)} inferred:* {_md(i.reason)}" for i in v.inferred), "")
    cases = ds.cases_applying(p)
    if cases:
        page.add("## Cases that applied it", "", "| case | decision | wording in force |", "|---|---|---|")
        for c in cases:
            answers = [a for a in ds.provisions_in_force(c) if a.provision == p.id]
            if not answers:
                page.add(f"| {_link(ds, c.id)} | — | no dated decision in the data |")
            for a in answers:
                page.add(f"| {_link(ds, c.id)} | {_md(str(a.date))} | {_md(_wording(a))} |")
        page.add("")
    ruled = [q for q in ds.penalties if q.rule == p.id]
    if ruled:
        page.add("## Penalties computed under it", "", *(f"- {_md(q.summary or q.id)} ({_link(ds, q.case)})" for q in ruled), "")
    events = ds.timeline(p)
    if events:
        page.add("## Events", "")
        _events_table(page, events)
    _discrepancies(page, p.id)
    _provenance_section(page, [(f"Provision {p.title}", p)])
    return page.text()


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _home(ds: Dataset) -> str:
    """The site's home-page part: links are relative to the catalogue's folder (the docs hook re-roots them)."""
    orgs = {title: [o for o in ds.organisations if o.kind in kinds] for title, _, kinds in _ORG_GROUPS}
    checksum = ds.meta.checksum or "none stamped"
    counts = [
        ("cases", len(ds.cases), "index.md#cases"), ("people", len(ds.people), "index.md#people"),
        *((title.lower(), len(found), f"index.md#{title.lower().replace(' ', '-')}") for title, found in orgs.items()),
        ("legal provisions", len(ds.provisions), "index.md#law"), ("dated events", len(ds.events), None),
        ("penalties", len(ds.penalties), None), ("registered conflicts between sources", len(ds.collection("discrepancies")), None),
        ("sources", len(ds.sources), None),
    ]
    lines = [
        "## The record", "",
        *_figure(overview_svg(ds), "Every dated event of the record by year, coloured by kind; hover for the counts.", "overview.svg"),
        " · ".join(f"**{n:,}** " + (f"[{what}]({link})" if link else what) for what, n, link in counts), "",
        "## Ways in", "",
        "- **By person**: [everyone named](index.md#people) — e.g. " + ", ".join(
            _link(ds, pid, root=True) for pid in ("person:erlan-baltabay", "person:larisa-kharkova", "person:nurbek-kushakbaev")
            if _has(ds, pid)) + ".",
        "- **By union, company, court or state body**: " + ", ".join(
            f"[{title.lower()}](index.md#{title.lower().replace(' ', '-')})" for title in orgs) + ".",
        "- **By case**: [every case](index.md#cases), each with its events, penalties, sentence chart and conflicts.",
        "- **By law**: [every provision](index.md#law), with its dated wordings and the cases that applied it.",
        "- **By link**: [who is linked to whom](network.md).", "",
        "## This version", "",
        f"Dataset version **{_md(ds.version)}** (schema {ds.meta.schema_version}), content checksum "
        f"`{checksum}`. `kz-labour-rights info` prints both for the copy you have; "
        "[Versioning](../versioning.md) says how to pin them.", "",
        "## How to cite", "",
        "Cite the version you used, and the sources each record cites:", "",
        f"> kz-labour-rights contributors. *{_md(ds.meta.title)}*. Dataset version {_md(ds.version)}, content checksum "
        f"`{checksum}`. Licence {_md(ds.meta.license)}.", "",
        "`CITATION.cff` in the repository gives the same as metadata.", "",
    ]
    return "\n".join(lines) + "\n"


def _index(ds: Dataset, cases: Sequence[Case], people: Sequence[Person], orgs: Sequence[Organisation], provisions: Sequence[LegalProvision]) -> str:
    lines = [
        f"# Catalogue ({_md(ds.version)})", "",
        "Generated from the dataset: a page per case, person, organisation and legal provision, each saying where "
        "every value comes from. See also [who is linked to whom](network.md).", "",
        "## Cases", "", f"{_count(len(cases), 'case', 'cases')}.", "",
        *(f"- {_link(ds, c.id, root=True)} ({_md(c.kind.value)})" for c in cases), "",
        "## People", "", f"{_count(len(people), 'person', 'people')}.", "",
        *(f"- {_link(ds, p.id, root=True)}" + (" (pseudonym)" if p.pseudonym else "") for p in people), "",
    ]
    for title, what, kinds in _ORG_GROUPS:
        group = [o for o in orgs if o.kind in kinds]
        lines += [f"## {title}", "", f"{len(group):,} {what}.", ""]
        lines += [f"- {_link(ds, o.id, root=True)} ({_md(o.kind.value)})" for o in group] + [""]
    lines += ["## Law", "", f"{_count(len(provisions), 'provision', 'provisions')}.", ""]
    lines += [f"- {_link(ds, p.id, root=True)}" for p in provisions] + [""]
    return "\n".join(lines) + "\n"


def _network_page(ds: Dataset) -> str:
    svg = network_svg(ds, focus=None, href=lambda rid: _href(rid, root=True), prefix="all-", title="Who is linked to whom")
    lines = [
        "# Who is linked to whom", "",
        "People, organisations, courts and cases, and the links the data records between them: memberships, parties "
        "to a case, the courts of a case, relations between organisations. Each mark links to its page.", "",
        *_figure(svg, "The whole record as a network, laid out by the package."),
    ]
    return "\n".join(lines) + "\n"


def _refuse_foreign(out: Path, force: bool) -> None:
    """Refuse to replace anything but a catalogue (or an empty directory) unless forced."""
    if not os.path.lexists(out):
        return
    if out.is_symlink() or not out.is_dir():
        raise UsageError(f"catalogue --out {out}: not a directory; choose a new or an empty directory")
    if force or (out / MARKER).is_file() or not any(out.iterdir()):
        return
    raise UsageError(
        f"catalogue --out {out}: the directory is not empty and is not a catalogue written by kz-labour-rights "
        f"(it has no {MARKER}); the catalogue replaces the whole directory, so choose a new or an empty one, "
        "or pass --force (force=True) to replace it"
    )


def _page_names(folder: str, ids: Iterable[str]) -> Dict[str, str]:
    """Page name by id; raises if two ids would share a page (never, for valid ids: see :func:`slug`)."""
    names: Dict[str, str] = {}
    taken: Dict[str, str] = {}
    problems = []
    for rid in ids:
        name = slug(rid)
        if name in taken:
            problems.append(Problem(
                file="catalogue", record=rid, field="id",
                message=f"would share the page {folder}/{name}.md with {taken[name]}; give one of them another id",
            ))
        taken.setdefault(name, rid)
        names[rid] = name
    if problems:
        raise DataError(problems)
    return names


def write_catalogue(ds: Dataset, out: "os.PathLike[str] | str", *, force: bool = False) -> List[Path]:
    """Write the catalogue of ``ds`` as directory ``out``; returns the files written.

    The whole directory is built beside ``out`` and swapped in at the end;
    whatever ``out`` held before is replaced.

    Args:
        ds: the dataset.
        out: the catalogue directory (created if missing).
        force: replace ``out`` even when it is a non-empty directory that is
            not a catalogue written by this package.

    Raises:
        UsageError: ``out`` is not a directory, or is a non-empty directory
            that is not a catalogue, and ``force`` is false.
        DataError: a record id is not valid, so it has no page name.
    """
    target = Path(out)
    _refuse_foreign(target, force)
    cases = sorted(ds.cases, key=lambda c: c.title)
    people = sorted(ds.people, key=lambda p: p.name)
    orgs = sorted(ds.organisations, key=lambda o: o.name.casefold())
    provisions = sorted(ds.provisions, key=lambda p: _provision_label(p).casefold())
    # Names first, so that a clash is reported before anything is written.
    pages = {
        "cases": _page_names("cases", (c.id for c in cases)),
        "people": _page_names("people", (p.id for p in people)),
        "organisations": _page_names("organisations", (o.id for o in orgs)),
        "law": _page_names("law", (p.id for p in provisions)),
    }
    report = check(ds)
    written: List[str] = []
    with building_dir(target) as tmp:

        def put(name: str, text: str) -> None:
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            # newline="\n": the same bytes on every platform.
            with path.open("w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            written.append(name)

        put(MARKER, f"kz-labour-rights {packaged_version()} catalogue of dataset {ds.version}\n")
        for case in cases:
            page = pages["cases"][case.id]
            put(f"cases/{page}.md", _case_page(ds, case, report))
            put(f"cases/{page}.svg", timeline_svg(ds.events_of(case), case.title))
        for person in people:
            page = pages["people"][person.id]
            put(f"people/{page}.md", _person_page(ds, person, report))
            put(f"people/{page}.svg", timeline_svg(ds.timeline(person), person.name))
        for org in orgs:
            page = pages["organisations"][org.id]
            put(f"organisations/{page}.md", _organisation_page(ds, org, report))
            put(f"organisations/{page}.svg", timeline_svg(ds.timeline(org), org.name))
        for provision in provisions:
            put(f"law/{pages['law'][provision.id]}.md", _provision_page(ds, provision, report))
        put("overview.svg", overview_svg(ds))
        put("network.md", _network_page(ds))
        put("home.md", _home(ds))
        put("index.md", _index(ds, cases, people, orgs, provisions))
    return [target / name for name in written]
