"""A browsable catalogue: one Markdown page per case, person and
organisation, each with its timeline figure (SVG drawn by :mod:`._svg`),
for the docs site.

``kz-labour-rights catalogue --out docs/catalogue`` writes ``index.md`` and
``cases/``, ``people/`` and ``organisations/`` pages, each with its ``.svg``.  Pages
link only to pages the catalogue itself writes, so a strict docs build
finds no broken link.
"""

from pathlib import Path
from typing import Iterable, List, Sequence

from ._collection import display_name
from ._dataset import Dataset
from ._model import Case, Citation, Event, Organisation, Person
from ._svg import timeline_svg

__all__ = ["write_catalogue"]


def slug(record_id: str) -> str:
    """A file name for a record id: ``case:baltabay-2019`` → ``case-baltabay-2019``."""
    return record_id.replace(":", "-").replace("/", "-")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _sources(ds: Dataset, citations: Iterable[Citation]) -> str:
    seen: List[str] = []
    for c in citations:
        if c.source not in seen:
            seen.append(c.source)
    return "; ".join(ds.sources[s].publisher + f" ({ds.sources[s].published})" for s in seen)


def _events_table(ds: Dataset, events: Sequence[Event]) -> List[str]:
    lines = ["| date | what | summary | sources |", "|---|---|---|---|"]
    for e in events:
        when = f"{e.date}" + (f" – {e.end}" if e.end else "") + ("" if e.status.value == "occurred" else f" ({e.status.value})")
        lines.append(f"| {when} | {e.kind.value} | {_cell(e.summary)} | {_cell(_sources(ds, e.citations))} |")
    return lines


def _quotes(ds: Dataset, citations: Iterable[Citation]) -> List[str]:
    return [f"> {_cell(c.quote)}  \n> — {ds.sources[c.source].publisher}" + (f", {c.locator}" if c.locator else "") + "\n" for c in citations]


def _discrepancies(ds: Dataset, record_ids: Iterable[str]) -> List[str]:
    ids = set(record_ids)
    found = [d for d in ds.discrepancies if ids & set(d.records)]
    lines = []
    for d in found:
        lines.append(f"- **{d.status}**: {_cell(d.summary)}" + (f" *Reconciliation:* {_cell(d.resolution)}" if d.resolution else ""))
    return lines


def _case_page(ds: Dataset, case: Case) -> str:
    events = ds.events_of(case)
    people = [f"[{display_name(ds.people[p])}](../people/{slug(p)}.md)" for p in case.people]
    lines = [f"# {case.title}", "", f"*{case.kind.value} case* · `{case.id}`", "", case.summary, ""]
    if people:
        lines += [f"**People:** {', '.join(people)}", ""]
    if case.courts:
        lines += [f"**Courts and bodies:** {', '.join(display_name(ds.organisations[o]) for o in case.courts)}", ""]
    if case.provisions:
        lines += [f"**Provisions:** {', '.join(ds.provisions[p].id.split(':', 1)[1] for p in case.provisions)}", ""]
    lines += [f"![Timeline of {case.title}]({slug(case.id)}.svg)", "", "## Events", "", *_events_table(ds, events), ""]
    penalties = ds.penalties_of(case)
    if penalties:
        lines += ["## Penalties", "", "| penalty | term | amount | summary |", "|---|---|---|---|"]
        for p in penalties:
            term = p.term.describe() + (" a year" if p.per_year else "") if p.term else ""
            lines.append(f"| {p.kind.value} | {term} | {p.amount or ''} | {_cell(p.summary)} |")
        lines.append("")
    conflicts = _discrepancies(ds, [case.id, *(e.id for e in events), *(p.id for p in penalties)])
    if conflicts:
        lines += ["## Conflicts between sources", "", *conflicts, ""]
    lines += ["## Sources", "", *_quotes(ds, case.citations)]
    return "\n".join(lines) + "\n"


def _person_page(ds: Dataset, person: Person) -> str:
    events = ds.timeline(person)
    lines = [f"# {person.name}", "", f"`{person.id}`" + (" · *pseudonym used by the source*" if person.pseudonym else ""), ""]
    if person.aliases:
        lines += [f"**Also written:** {', '.join(person.aliases)}", ""]
    lines += [person.description, ""]
    roles = [f"- {m.role}, {display_name(ds.organisations[m.organisation])}" for m in ds.memberships_of(person)]
    if roles:
        lines += ["## Roles", "", *roles, ""]
    cases = [f"- [{c.title}](../cases/{slug(c.id)}.md)" for c in ds.cases_of(person)]
    if cases:
        lines += ["## Cases", "", *cases, ""]
    if events:
        lines += [f"![Timeline of {person.name}]({slug(person.id)}.svg)", "", "## Events", "", *_events_table(ds, events), ""]
    conflicts = _discrepancies(ds, [person.id])
    if conflicts:
        lines += ["## Conflicts between sources", "", *conflicts, ""]
    lines += ["## Sources", "", *_quotes(ds, person.citations)]
    return "\n".join(lines) + "\n"


def _organisation_page(ds: Dataset, org: Organisation) -> str:
    events = ds.timeline(org)
    lines = [f"# {org.name}", "", f"*{org.kind.value}* · `{org.id}`", ""]
    if org.aliases:
        lines += [f"**Also written:** {', '.join(org.aliases)}", ""]
    if org.parent:
        lines += [f"**Part of:** [{display_name(ds.organisations[org.parent])}]({slug(org.parent)}.md)", ""]
    lines += [org.description, ""]
    related = [
        f"- {r.kind.value}: [{display_name(ds.organisations[other])}]({slug(other)}.md)" + (f" — {r.reason}" if r.reason else "")
        for r in ds.collection("relations")
        for other in ((r.object,) if r.subject == org.id else (r.subject,) if r.object == org.id else ())
        if other in ds.organisations
    ]
    if related:
        lines += ["## Related organisations", "", *related, ""]
    members = [f"- [{display_name(ds.people[m.person])}](../people/{slug(m.person)}.md), {m.role}" for m in ds.memberships_of(org)]
    if members:
        lines += ["## People", "", *members, ""]
    cases = [f"- [{c.title}](../cases/{slug(c.id)}.md)" for c in ds.cases_of(org)]
    if cases:
        lines += ["## Cases", "", *cases, ""]
    if events:
        lines += [f"![Timeline of {org.name}]({slug(org.id)}.svg)", "", "## Events", "", *_events_table(ds, events), ""]
    conflicts = _discrepancies(ds, [org.id])
    if conflicts:
        lines += ["## Conflicts between sources", "", *conflicts, ""]
    lines += ["## Sources", "", *_quotes(ds, org.citations)]
    return "\n".join(lines) + "\n"


def write_catalogue(ds: Dataset, out: Path) -> List[Path]:
    """Write the catalogue into ``out``; returns the files written."""
    written: List[Path] = []

    def put(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    index = [f"# Catalogue ({ds.version})", "", "Generated from the dataset: one page per case and per person, each with its timeline.", "", "## Cases", ""]
    for case in sorted(ds.cases, key=lambda c: c.title):
        put(out / "cases" / f"{slug(case.id)}.md", _case_page(ds, case))
        put(out / "cases" / f"{slug(case.id)}.svg", timeline_svg(ds.events_of(case), case.title))
        index.append(f"- [{case.title}](cases/{slug(case.id)}.md)")
    index += ["", "## People", ""]
    for person in sorted(ds.people, key=lambda p: p.name):
        put(out / "people" / f"{slug(person.id)}.md", _person_page(ds, person))
        put(out / "people" / f"{slug(person.id)}.svg", timeline_svg(ds.timeline(person), person.name))
        index.append(f"- [{person.name}](people/{slug(person.id)}.md)" + (" (pseudonym)" if person.pseudonym else ""))
    index += ["", "## Organisations", ""]
    for org in sorted(ds.organisations, key=lambda o: o.name.casefold()):
        put(out / "organisations" / f"{slug(org.id)}.md", _organisation_page(ds, org))
        put(out / "organisations" / f"{slug(org.id)}.svg", timeline_svg(ds.timeline(org), org.name))
        index.append(f"- [{org.name}](organisations/{slug(org.id)}.md) ({org.kind.value})")
    put(out / "index.md", "\n".join(index) + "\n")
    return written
