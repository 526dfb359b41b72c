"""A browsable catalogue: one Markdown page per case, person and
organisation, each with its timeline figure (SVG drawn by :mod:`._svg`),
for the docs site.

``kz-labour-rights catalogue --out docs/catalogue`` writes ``index.md`` and
``cases/``, ``people/`` and ``organisations/`` pages, each with its ``.svg``.  Pages
link only to pages the catalogue itself writes, so a strict docs build
finds no broken link.

The catalogue is built whole in a temporary sibling of ``out`` and swapped
in with one rename (:func:`._atomic.building_dir`): a failure or an
interrupt leaves the previous catalogue as it was.  It replaces the whole
directory, so a non-empty directory is only replaced when it holds the
marker file :data:`MARKER` of an earlier catalogue, or when asked to
(``force=True``, ``--force``).  Every text from the data is escaped for
Markdown (:func:`._escape.for_markdown`) and the figures for XML, so a name
renders as that name and nothing else.
"""

import os
import re
from pathlib import Path
from typing import Dict, Iterable, List, Sequence

from ._atomic import building_dir
from ._collection import display_name
from ._dataset import Dataset
from ._errors import DataError, Problem, UsageError
from ._escape import for_markdown as _md
from ._model import Case, Citation, Event, Organisation, Penalty, Person
from ._resources import packaged_version
from ._svg import timeline_svg

__all__ = ["MARKER", "slug", "write_catalogue"]

MARKER = ".kz-labour-rights-catalogue"
"""The file that marks a directory as a catalogue this package wrote (MkDocs
skips dot files, so it never becomes a page)."""

# A valid id: a prefix without "-", a colon, then "/"-separated segments of
# [a-z0-9.-] (the id rule of docs/data-model.md).
_ID = re.compile(r"^([a-z0-9]+):([a-z0-9][a-z0-9.-]*(?:/[a-z0-9][a-z0-9.-]*)*)$")


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


def _sources(ds: Dataset, citations: Iterable[Citation]) -> str:
    seen: List[str] = []
    for c in citations:
        if c.source not in seen:
            seen.append(c.source)
    return "; ".join(_md(f"{ds.sources[s].publisher} ({ds.sources[s].published})") for s in seen)


def _events_table(ds: Dataset, events: Sequence[Event]) -> List[str]:
    lines = ["| date | what | summary | sources |", "|---|---|---|---|"]
    for e in events:
        when = f"{e.date}" + (f" – {e.end}" if e.end else "") + ("" if e.status.value == "occurred" else f" ({e.status.value})")
        lines.append(f"| {_md(when)} | {_md(e.kind.value)} | {_md(e.summary)} | {_sources(ds, e.citations)} |")
    return lines


def _quotes(ds: Dataset, citations: Iterable[Citation]) -> List[str]:
    return [
        f"> {_md(c.quote)}  \n> — {_md(ds.sources[c.source].publisher)}" + (f", {_md(c.locator)}" if c.locator else "") + "\n"
        for c in citations
    ]


def _discrepancies(ds: Dataset, record_id: str) -> List[str]:
    """Every conflict about the record and what concerns it, each side attributed."""
    lines = []
    for d in ds.discrepancies_of(record_id, related=True):
        lines.append(f"- **{_md(d.status)}**: {_md(d.summary)}" + (f" *Reconciliation:* {_md(d.resolution)}" if d.resolution else ""))
        lines += [f"    - *{_md(side.by)}*: {_md(side.claim)}" for side in d.sides]
    return lines


def _name(ds: Dataset, collection: str, record_id: str) -> str:
    """The display name of a linked record, escaped for Markdown."""
    return _md(display_name(ds.collection(collection)[record_id]))


def _org_link(ds: Dataset, org_id: str) -> str:
    """A link from a case or person page to an organisation's page."""
    return f"[{_name(ds, 'organisations', org_id)}](../organisations/{slug(org_id)}.md)"


def _penalties(ds: Dataset, penalties: Sequence[Penalty], *, with_case: bool = False) -> List[str]:
    """A section listing ``penalties`` (with the case each belongs to, on a person's page); none if empty."""
    if not penalties:
        return []
    head = "| penalty | term | amount | summary |" + (" case |" if with_case else "")
    lines = ["## Penalties", "", head, "|---" * (5 if with_case else 4) + "|"]
    for p in penalties:
        term = p.term.describe() + (" a year" if p.per_year else "") if p.term else ""
        row = f"| {_md(p.kind.value)} | {_md(term)} | {_md(str(p.amount or ''))} | {_md(p.summary)} |"
        if with_case:
            row += f" [{_md(ds.cases[p.case].title)}](../cases/{slug(p.case)}.md) |"
        lines.append(row)
    return [*lines, ""]


def _case_page(ds: Dataset, case: Case) -> str:
    events = ds.events_of(case)
    people = [f"[{_name(ds, 'people', p)}](../people/{slug(p)}.md)" for p in case.people]
    lines = [f"# {_md(case.title)}", "", f"*{_md(case.kind.value)} case* · `{case.id}`", "", _md(case.summary), ""]
    if people:
        lines += [f"**People:** {', '.join(people)}", ""]
    if case.courts:
        lines += [f"**Courts and bodies:** {', '.join(_org_link(ds, o) for o in case.courts)}", ""]
    if case.provisions:
        lines += [f"**Provisions:** {', '.join(_md(ds.provisions[p].id.split(':', 1)[1]) for p in case.provisions)}", ""]
    lines += [f"![Timeline of {_md(case.title)}]({slug(case.id)}.svg)", "", "## Events", "", *_events_table(ds, events), ""]
    lines += _penalties(ds, ds.penalties_of(case))
    conflicts = _discrepancies(ds, case.id)
    if conflicts:
        lines += ["## Conflicts between sources", "", *conflicts, ""]
    lines += ["## Sources", "", *_quotes(ds, case.citations)]
    return "\n".join(lines) + "\n"


def _person_page(ds: Dataset, person: Person) -> str:
    events = ds.timeline(person)
    lines = [f"# {_md(person.name)}", "", f"`{person.id}`" + (" · *pseudonym used by the source*" if person.pseudonym else ""), ""]
    if person.aliases:
        lines += [f"**Also written:** {', '.join(_md(a) for a in person.aliases)}", ""]
    lines += [_md(person.description), ""]
    roles = [f"- {_md(m.role)}, {_org_link(ds, m.organisation)}" for m in ds.memberships_of(person)]
    if roles:
        lines += ["## Roles", "", *roles, ""]
    cases = [f"- [{_md(c.title)}](../cases/{slug(c.id)}.md)" for c in ds.cases_of(person)]
    if cases:
        lines += ["## Cases", "", *cases, ""]
    lines += _penalties(ds, ds.penalties_of(person), with_case=True)
    if events:
        lines += [f"![Timeline of {_md(person.name)}]({slug(person.id)}.svg)", "", "## Events", "", *_events_table(ds, events), ""]
    conflicts = _discrepancies(ds, person.id)
    if conflicts:
        lines += ["## Conflicts between sources", "", *conflicts, ""]
    lines += ["## Sources", "", *_quotes(ds, person.citations)]
    return "\n".join(lines) + "\n"


def _organisation_page(ds: Dataset, org: Organisation) -> str:
    events = ds.timeline(org)
    lines = [f"# {_md(org.name)}", "", f"*{_md(org.kind.value)}* · `{org.id}`", ""]
    if org.aliases:
        lines += [f"**Also written:** {', '.join(_md(a) for a in org.aliases)}", ""]
    if org.parent:
        lines += [f"**Part of:** [{_name(ds, 'organisations', org.parent)}]({slug(org.parent)}.md)", ""]
    lines += [_md(org.description), ""]
    related = [
        f"- {_md(r.kind.value)}: [{_name(ds, 'organisations', other)}]({slug(other)}.md)" + (f" — {_md(r.reason)}" if r.reason else "")
        for r in ds.collection("relations")
        for other in ((r.object,) if r.subject == org.id else (r.subject,) if r.object == org.id else ())
        if other in ds.organisations
    ]
    if related:
        lines += ["## Related organisations", "", *related, ""]
    members = [f"- [{_name(ds, 'people', m.person)}](../people/{slug(m.person)}.md), {_md(m.role)}" for m in ds.memberships_of(org)]
    if members:
        lines += ["## People", "", *members, ""]
    cases = [f"- [{_md(c.title)}](../cases/{slug(c.id)}.md)" for c in ds.cases_of(org)]
    if cases:
        lines += ["## Cases", "", *cases, ""]
    if events:
        lines += [f"![Timeline of {_md(org.name)}]({slug(org.id)}.svg)", "", "## Events", "", *_events_table(ds, events), ""]
    conflicts = _discrepancies(ds, org.id)
    if conflicts:
        lines += ["## Conflicts between sources", "", *conflicts, ""]
    lines += ["## Sources", "", *_quotes(ds, org.citations)]
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
    # Names first, so that a clash is reported before anything is written.
    pages = {
        "cases": _page_names("cases", (c.id for c in cases)),
        "people": _page_names("people", (p.id for p in people)),
        "organisations": _page_names("organisations", (o.id for o in orgs)),
    }
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
        index = [f"# Catalogue ({_md(ds.version)})", "", "Generated from the dataset: one page per case and per person, each with its timeline.", "", "## Cases", ""]
        for case in cases:
            page = pages["cases"][case.id]
            put(f"cases/{page}.md", _case_page(ds, case))
            put(f"cases/{page}.svg", timeline_svg(ds.events_of(case), case.title))
            index.append(f"- [{_md(case.title)}](cases/{page}.md)")
        index += ["", "## People", ""]
        for person in people:
            page = pages["people"][person.id]
            put(f"people/{page}.md", _person_page(ds, person))
            put(f"people/{page}.svg", timeline_svg(ds.timeline(person), person.name))
            index.append(f"- [{_md(person.name)}](people/{page}.md)" + (" (pseudonym)" if person.pseudonym else ""))
        index += ["", "## Organisations", ""]
        for org in orgs:
            page = pages["organisations"][org.id]
            put(f"organisations/{page}.md", _organisation_page(ds, org))
            put(f"organisations/{page}.svg", timeline_svg(ds.timeline(org), org.name))
            index.append(f"- [{_md(org.name)}](organisations/{page}.md) ({_md(org.kind.value)})")
        put("index.md", "\n".join(index) + "\n")
    return [target / name for name in written]
