"""The catalogue: a page and a well-formed SVG timeline per case and per person, written atomically and escaped."""

import re
import xml.etree.ElementTree as ET
import os
from pathlib import Path
from typing import Any, Dict, List

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kz_labour_rights import DataError, Person, UsageError, load
from kz_labour_rights import _catalogue
from kz_labour_rights._catalogue import MARKER, slug, write_catalogue
from kz_labour_rights._cli import main
from kz_labour_rights._dataset import Dataset
from kz_labour_rights._escape import CONTROL_CHARACTERS
from kz_labour_rights._resources import packaged_version

from strategies import HOSTILE, hostile_records, segment_ids, unchecked_dataset


def _pages(root: Path) -> Dict[str, str]:
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md"))}


def test_one_page_per_record_and_an_index_linking_each_once(tmp_path: Path) -> None:
    """Every case, person, organisation and provision gets a page (and the first three an SVG timeline); the
    index links each page exactly once, grouped by kind."""
    ds = load()
    write_catalogue(ds, tmp_path)
    expected = set()
    for folder, records, timeline in (
        ("cases", ds.cases, True), ("people", ds.people, True), ("organisations", ds.organisations, True), ("law", ds.provisions, False),
    ):
        for r in records:
            expected.add(f"{folder}/{slug(r.id)}.md")
            assert (tmp_path / folder / f"{slug(r.id)}.md").is_file()
            assert timeline == (tmp_path / folder / f"{slug(r.id)}.svg").is_file()
    index = (tmp_path / "index.md").read_text(encoding="utf-8")
    targets = [t for t in re.findall(r"\]\(([^)]+)\)", index) if t != "network.md"]
    assert sorted(expected) == sorted(targets)
    for heading in ("## Cases", "## People", "## Unions", "## Companies", "## Courts", "## State bodies", "## Other organisations", "## Law"):
        assert heading + "\n" in index


def _targets(page: str, text: str) -> List[str]:
    """The catalogue files a page links to: Markdown links and the figures' raw HTML links (NAME.html → NAME.md)."""
    base = Path(page).parent
    found = []
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text) + re.findall(r'href="([^"#]+)(?:#[^"]*)?"', text):
        if "://" not in target:
            found.append(str((base / target.replace(".html", ".md"))))
    return found


def test_every_link_between_pages_resolves(tmp_path: Path) -> None:
    """Every relative link on every page (and in every figure drawn into a page) names a page or figure that exists,
    except the home part's links out of the catalogue, which name pages of the docs site."""
    write_catalogue(load(), tmp_path)
    docs = Path(__file__).resolve().parent.parent / "docs"
    missing = []
    for page, text in _pages(tmp_path).items():
        for target in _targets(page, text):
            resolved = Path(os.path.normpath(tmp_path / target))
            if resolved.is_relative_to(tmp_path):
                ok = resolved.is_file()
            else:  # the catalogue is docs/catalogue on the site
                ok = (docs / "catalogue" / os.path.relpath(resolved, tmp_path)).resolve().is_file()
            if not ok:
                missing.append((page, target))
    assert [] == missing


def test_every_anchor_a_page_links_to_exists(tmp_path: Path) -> None:
    """Every ``#qN`` quote number and every ``#discrepancy-…`` a page (or its sentence chart) links to is an anchor
    on the page it names."""
    write_catalogue(load(), tmp_path)
    pages = _pages(tmp_path)
    anchors = {page: set(re.findall(r'<span id="([^"]+)"></span>', text)) for page, text in pages.items()}
    missing = []
    for page, text in pages.items():
        for target, name in re.findall(r'(?:\]\(|href=")([^)"#]*)#([^)"]+)[)"]', text):
            where = page if not target else os.path.normpath(str(Path(page).parent / target.replace(".html", ".md")))
            if re.match(r"q\d+$|discrepancy-", name) and name not in anchors.get(where, ()):
                missing.append((page, target, name))
    assert [] == missing


def test_cli_catalogue(tmp_path: Path) -> None:
    """catalogue --out writes the index."""
    assert 0 == main(["catalogue", "--out", str(tmp_path)])
    assert (tmp_path / "index.md").is_file()


# --- written atomically, never over something that is not a catalogue


def _tree(root: Path) -> Dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _small() -> Dataset:
    return unchecked_dataset(hostile_records())


def test_marker_names_the_versions(tmp_path: Path) -> None:
    """The catalogue carries its marker file, naming the package and the dataset version."""
    written = write_catalogue(_small(), tmp_path / "cat")
    marker = tmp_path / "cat" / MARKER
    assert marker in written
    assert f"kz-labour-rights {packaged_version()} catalogue of dataset 0.0.1\n" == marker.read_text(encoding="utf-8")


def test_failure_half_way_leaves_the_old_catalogue_and_no_temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page writer failing after some pages are written leaves the previous catalogue byte for byte, and no temporary directory."""
    out = tmp_path / "cat"
    write_catalogue(load(), out)
    before = _tree(out)
    calls = []

    def failing(ds: Dataset, person: Person, report: object) -> str:
        calls.append(person.id)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(_catalogue, "_person_page", failing)
    with pytest.raises(RuntimeError):
        write_catalogue(_small(), out)
    assert 1 == len(calls)  # the case pages were written before it failed
    assert before == _tree(out)
    assert ["cat"] == [p.name for p in tmp_path.iterdir()]


def test_success_replaces_the_whole_directory(tmp_path: Path) -> None:
    """Writing over an earlier catalogue leaves exactly the new files: pages of records gone are gone."""
    out = tmp_path / "cat"
    write_catalogue(load(), out)
    written = write_catalogue(_small(), out)
    assert sorted(str(p.relative_to(out)) for p in written) == sorted(_tree(out))
    assert ["cat"] == [p.name for p in tmp_path.iterdir()]


def test_refuses_a_directory_that_is_not_a_catalogue(tmp_path: Path) -> None:
    """A non-empty directory without the marker is refused and left alone; force=True replaces it."""
    (tmp_path / "notes.md").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="not a catalogue written by kz-labour-rights.*--force"):
        write_catalogue(_small(), tmp_path)
    assert {"notes.md": b"mine"} == _tree(tmp_path)
    write_catalogue(_small(), tmp_path, force=True)
    assert "notes.md" not in _tree(tmp_path) and (tmp_path / MARKER).is_file()


def test_accepts_an_empty_directory(tmp_path: Path) -> None:
    """An existing empty directory is written into without force."""
    write_catalogue(_small(), tmp_path)
    assert (tmp_path / "index.md").is_file()


def test_refuses_a_file_even_with_force(tmp_path: Path) -> None:
    """--out naming a file is refused, with or without force, and the file is kept."""
    target = tmp_path / "file.txt"
    target.write_text("keep", encoding="utf-8")
    for force in (False, True):
        with pytest.raises(UsageError, match="not a directory"):
            write_catalogue(_small(), target, force=force)
    assert "keep" == target.read_text(encoding="utf-8")


# --- page names


def test_page_names_keep_slash_and_dash_apart() -> None:
    """Ids that differ only by '/' against '-' get different pages (they shared one before)."""
    assert ["org-a_b", "org-a-b"] == [slug("org:a/b"), slug("org:a-b")]


@given(st.lists(segment_ids, min_size=2, max_size=6, unique=True))
def test_page_names_are_one_to_one(record_ids: List[str]) -> None:
    """Different valid ids never share a page name, and a page name is a plain file name."""
    names = [slug(r) for r in record_ids]
    assert len(record_ids) == len(set(names))
    assert all("/" not in n and ":" not in n and not n.startswith(".") for n in names)


@pytest.mark.parametrize("bad", ["person:../etc", "person:a//b", "Person:a", "person:", "person:a\\b", "person-x:a"])
def test_invalid_id_has_no_page(bad: str) -> None:
    """An id outside the id rule has no page name: a DataError names it."""
    with pytest.raises(DataError) as info:
        slug(bad)
    assert bad == info.value.problems[0].record


def test_page_name_clash_is_refused_before_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If two ids ever mapped to one page, the catalogue names both and writes nothing."""
    monkeypatch.setattr(_catalogue, "slug", lambda record_id: "same")
    with pytest.raises(DataError, match="would share the page people/same.md with person:"):
        write_catalogue(_small(), tmp_path / "cat")
    assert not (tmp_path / "cat").exists()


# --- escaping


_FIGURE = re.compile(r'<figure class="kzlr-figure">\n(.*?)\n</figure>', re.S)
_ANCHOR = re.compile(r'<span id="[a-z0-9-]+"></span>')


def _hostile() -> Dataset:
    """The hostile dataset, with a provision and a penalty too (their pages and figures are escaped as well)."""
    h = HOSTILE
    records: Dict[str, Any] = hostile_records()
    cite = records["people"][0]["citations"]
    records["provisions"] = [{
        "id": "provision:x/art-1", "instrument": h["link"], "article": "1", "title": h["html"], "aliases": [h["cells"]],
        "versions": [{"valid_from": "2019", "summary": h["bidi"] + h["html"], "amended_by": h["link"], "citations": cite}],
        "citations": cite,
    }]
    records["cases"][0]["provisions"] = ["provision:x/art-1"]
    records["penalties"] = [{
        "id": "penalty:x", "case": "case:c", "person": "person:p", "kind": "imprisonment", "term": "P2Y", "imposed_by": "event:f",
        "summary": h["html"] + h["cells"], "citations": cite,
    }]
    return unchecked_dataset(records)


def _without_markup(text: str) -> str:
    """A page with its figures and quote anchors (the raw HTML the catalogue writes itself) taken out."""
    return _ANCHOR.sub("", _FIGURE.sub("", text))


def _table_rows_keep_their_cells(name: str, text: str) -> None:
    columns = None
    for line in text.splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        cells = line.replace("\\|", "").count("|")
        columns = cells if columns is None else columns
        assert columns == cells, (name, line)


def test_hostile_dataset_renders_as_text(tmp_path: Path) -> None:
    """Names, aliases, titles, summaries, quotes, roles, locators and reasons are escaped on every page and figure."""
    write_catalogue(_hostile(), tmp_path)
    pages = {name: data.decode("utf-8") for name, data in _tree(tmp_path).items() if name.endswith(".md")}
    # index, home, network, one case, two people, two organisations, one provision
    assert ["cases/case-c.md", "home.md", "index.md", "law/provision-x_art-1.md", "network.md", "organisations/org-o.md",
            "organisations/org-o_branch.md", "people/person-p.md", "people/person-q.md"] == sorted(pages)
    for name, page in pages.items():
        text = _without_markup(page)
        assert "<" not in text and ">" not in text.replace("\n> ", "\n").replace("\n>", "\n"), name
        assert "](javascript" not in text.replace("\\](javascript", ""), name
        assert CONTROL_CHARACTERS.search(text.replace("\n", "")) is None, name
        assert [] == [v for v in HOSTILE.values() if v in text], name
        _table_rows_keep_their_cells(name, text)
        for figure in _FIGURE.findall(page):
            # Inside a figure (raw HTML, which Markdown leaves alone) text only has to be XML-escaped.
            root = ET.fromstring(f"<figure>{figure}</figure>")
            assert [] == [el.tag for el in root.iter() if el.tag.split("}")[-1] in ("script", "foreignObject")], name
            links = [v for el in root.iter() for k, v in el.attrib.items() if k.endswith("href")]
            assert [] == [v for v in links if ":" in v.split("/")[0]], name
    case = pages["cases/case-c.md"]
    assert "# \\[x\\](javascript:alert(1))&lt;script&gt;alert(1)&lt;/script&gt;\n" in case
    assert "\\\\u202egnp.exe" in case  # the bidi override is shown, not obeyed
    for svg in tmp_path.rglob("*.svg"):
        ET.fromstring(svg.read_text(encoding="utf-8"))


def test_hostile_pages_render_without_links_or_elements(tmp_path: Path) -> None:
    """Rendered by Python-Markdown (as MkDocs does), no page has a script, a javascript: link or an extra cell."""
    markdown = pytest.importorskip("markdown")
    write_catalogue(_hostile(), tmp_path)
    for page in tmp_path.rglob("*.md"):
        html = markdown.markdown(page.read_text(encoding="utf-8"), extensions=["tables", "toc"])
        assert "<script" not in html and "javascript:alert(1)\"" not in html and 'href="javascript' not in html
        for table in html.split("<table>")[1:]:
            heads = len(re.findall(r"<th[ >]", table.split("</thead>")[0]))
            assert all(row.count("<td") in (0, heads) for row in table.split("<tr>")), page


def test_person_pages_list_penalties_and_link_organisations(tmp_path: Path) -> None:
    """A person's page has a penalties section with every penalty under its case; roles and a case's courts link to
    the organisations' pages, which exist."""
    ds = load()
    write_catalogue(ds, tmp_path / "c")
    page = (tmp_path / "c" / "people" / f"{slug('person:larisa-kharkova')}.md").read_text(encoding="utf-8")
    penalties = page.split("## Penalties", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in penalties.splitlines() if line.startswith("| ") and not line.startswith("| penalty")]
    assert len(ds.penalties_of("person:larisa-kharkova")) == len(rows)
    assert penalties.startswith(f"\n\n### In [{ds.cases['case:kharkova-2017'].title}](../cases/{slug('case:kharkova-2017')}.md)\n")
    case = (tmp_path / "c" / "cases" / f"{slug('case:kharkova-2017')}.md").read_text(encoding="utf-8")
    for text in (page, case):
        for target in set(re.findall(r"\]\(\.\./organisations/([^)]+)\)", text)):
            assert (tmp_path / "c" / "organisations" / target).is_file(), target
    assert f"../organisations/{slug('org:supreme-court')}.md" in case


# --- what the pages tell


def test_home_part_has_counts_version_checksum_and_citation(tmp_path: Path) -> None:
    """home.md shows the overview figure, a count per kind of record, the dataset version and checksum, and a citation."""
    ds = load()
    write_catalogue(ds, tmp_path)
    home = (tmp_path / "home.md").read_text(encoding="utf-8")
    assert 'href="overview.svg"' in home and '<figure class="kzlr-figure">\n<svg' in home and (tmp_path / "overview.svg").is_file()
    for n, what in ((len(ds.cases), "[cases]"), (len(ds.people), "[people]"), (len(ds.provisions), "[legal provisions]"),
                    (len(ds.events), "dated events"), (len(ds.collection("discrepancies")), "registered conflicts")):
        assert f"**{n:,}** {what}" in home
    assert f"`{ds.meta.checksum}`" in home and f"Dataset version {ds.version}" in home.replace("\\", "")
    assert "## How to cite" in home and "## Ways in" in home


def test_docs_hook_puts_the_home_part_into_the_home_page(tmp_path: Path) -> None:
    """The docs build's hook replaces the home page's mark with home.md, its links re-rooted at the site's root."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("mkdocs_catalogue", Path(__file__).resolve().parent.parent / "tools" / "mkdocs_catalogue.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    (tmp_path / "catalogue").mkdir()
    (tmp_path / "catalogue" / "home.md").write_text("[a](index.md#people) [b](../versioning.md) [c](https://x.org/) [d](#here) <a href=\"x.svg\">\n", encoding="utf-8")

    class Page:
        class file:
            src_uri = "index.md"

    out = hook.on_page_markdown("# Home\n\n<!-- catalogue:home -->\n", Page(), {"docs_dir": str(tmp_path)})
    assert "# Home\n\n[a](catalogue/index.md#people) [b](versioning.md) [c](https://x.org/) [d](#here) <a href=\"catalogue/x.svg\">\n\n" == out
    Page.file.src_uri = "other.md"
    assert "<!-- catalogue:home -->" == hook.on_page_markdown("<!-- catalogue:home -->", Page(), {"docs_dir": str(tmp_path)})
    Page.file.src_uri = "index.md"
    (tmp_path / "catalogue" / "home.md").unlink()
    with pytest.raises(FileNotFoundError, match="kz-labour-rights catalogue --out docs/catalogue"):
        hook.on_page_markdown("<!-- catalogue:home -->", Page(), {"docs_dir": str(tmp_path)})


def test_provision_page_has_its_dated_wordings_and_the_cases_that_applied_it(tmp_path: Path) -> None:
    """Article 402's page gives every stored wording with its dates, and the Kushakbaev case with the wording in force
    at each of its decisions."""
    ds = load()
    write_catalogue(ds, tmp_path)
    p = ds.provisions["provision:kz-cc-2014/art-402"]
    page = (tmp_path / "law" / f"{slug(p.id)}.md").read_text(encoding="utf-8")
    wordings = page.split("## Wordings", 1)[1].split("\n## ", 1)[0]
    assert len(p.versions) == wordings.count("\n### From ")
    for v in p.versions:
        assert str(v.valid_from) in wordings
    applied = page.split("## Cases that applied it", 1)[1].split("\n## ", 1)[0]
    answers = [a for a in ds.provisions_in_force("case:kushakbaev-2017") if a.provision == p.id]
    assert len(answers) == applied.count(f"](../cases/{slug('case:kushakbaev-2017')}.md)")
    case = (tmp_path / "cases" / f"{slug('case:kushakbaev-2017')}.md").read_text(encoding="utf-8")
    assert f"](../law/{slug(p.id)}.md)" in case


def test_person_page_lists_every_conflict_about_her_events_penalties_and_cases(tmp_path: Path) -> None:
    """Kharkova's page lists each discrepancy about her, her events, penalties and cases once, each with its anchor."""
    ds = load()
    write_catalogue(ds, tmp_path)
    page = (tmp_path / "people" / f"{slug('person:larisa-kharkova')}.md").read_text(encoding="utf-8")
    expected = [slug(d.id) for d in ds.discrepancies_of("person:larisa-kharkova", related=True)]
    assert len(expected) >= 5
    assert expected == re.findall(r'^- <span id="(discrepancy-[^"]+)"></span>', page, re.M)


def test_every_value_says_where_it_comes_from(tmp_path: Path) -> None:
    """A case page lists each value of the case, its penalties and events with the quotes that state it, or why it
    is inferred: Baltabay's fine names the rule it was computed under as inferred, with the curator's reason."""
    from kz_labour_rights._provenance import value_supports

    ds = load()
    write_catalogue(ds, tmp_path)
    page = (tmp_path / "cases" / f"{slug('case:baltabay-2019')}.md").read_text(encoding="utf-8")
    values = page.split("## Where each value comes from", 1)[1].split("\n## Sources", 1)[0]
    records = [ds.cases["case:baltabay-2019"], *ds.penalties_of("case:baltabay-2019"), *ds.events_of("case:baltabay-2019")]
    assert sum(len(value_supports(r)) for r in records) == len(re.findall(r"^\| (?!field |---)", values, re.M))
    fine = ds.penalties["penalty:baltabay-fine-1595800-kzt"]
    rule = next(i for i in fine.inferred if i.field == "rule")
    assert rule.reason[:60].replace("'", "'") in values.replace("\\", "")
    numbers = {int(n) for n in re.findall(r"\(#q(\d+)\)", page)}
    assert set(range(1, max(numbers) + 1)) == numbers == {int(n) for n in re.findall(r'<span id="q(\d+)"></span>', page)}


def test_relations_read_from_subject_to_object(tmp_path: Path) -> None:
    """A relation is listed on both organisations' pages, read the right way round on each."""
    ds = load()
    write_catalogue(ds, tmp_path)
    r = next(r for r in ds.collection("relations") if r.subject in ds.organisations and r.object in ds.organisations)
    subject = (tmp_path / "organisations" / f"{slug(r.subject)}.md").read_text(encoding="utf-8")
    obj = (tmp_path / "organisations" / f"{slug(r.object)}.md").read_text(encoding="utf-8")
    assert f"- {r.kind.value}: [" in subject and f"](../organisations/{slug(r.object)}.md)" in subject
    assert f"](../organisations/{slug(r.subject)}.md) {r.kind.value} this organisation" in obj
