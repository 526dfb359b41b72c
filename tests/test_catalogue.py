"""The catalogue: a page and a well-formed SVG timeline per case and per person, written atomically and escaped."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict, List

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


def test_one_page_and_figure_per_case_and_person(tmp_path: Path) -> None:
    """Every case, person and organisation gets a page and an SVG timeline, and the index links them all."""
    ds = load()
    write_catalogue(ds, tmp_path)
    for folder, records in (("cases", ds.cases), ("people", ds.people)):
        for r in records:
            page = (tmp_path / folder / f"{slug(r.id)}.md").read_text(encoding="utf-8")
            svg = tmp_path / folder / f"{slug(r.id)}.svg"
            assert svg.is_file()
            if folder == "cases":
                assert f"]({slug(r.id)}.svg)" in page
    index = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert len(ds.cases) + len(ds.people) + len(ds.organisations) == index.count("](")


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

    def failing(ds: Dataset, person: Person) -> str:
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


def test_hostile_dataset_renders_as_text(tmp_path: Path) -> None:
    """Names, aliases, titles, summaries, quotes, roles, locators and reasons are escaped on every page and figure."""
    write_catalogue(_small(), tmp_path)
    pages = {name: data.decode("utf-8") for name, data in _tree(tmp_path).items() if name.endswith(".md")}
    assert 6 == len(pages)  # index, one case, two people, two organisations
    for name, text in pages.items():
        assert "<" not in text and ">" not in text.replace("\n> ", "\n").replace("\n>", "\n"), name
        assert "](javascript" not in text.replace("\\](javascript", ""), name
        assert CONTROL_CHARACTERS.search(text.replace("\n", "")) is None, name
        assert [] == [v for v in HOSTILE.values() if v in text], name
        for line in text.splitlines():
            if line.startswith("|"):
                # Each table row keeps exactly its own cell separators.
                assert 5 == line.replace("\\|", "").count("|"), (name, line)
    case = pages["cases/case-c.md"]
    assert "# \\[x\\](javascript:alert(1))&lt;script&gt;alert(1)&lt;/script&gt;\n" in case
    assert "\\\\u202egnp.exe" in case  # the bidi override is shown, not obeyed
    for svg in tmp_path.rglob("*.svg"):
        ET.fromstring(svg.read_text(encoding="utf-8"))


def test_hostile_pages_render_without_links_or_elements(tmp_path: Path) -> None:
    """Rendered by Python-Markdown (as MkDocs does), no page has a script, a javascript: link or an extra cell."""
    markdown = pytest.importorskip("markdown")
    write_catalogue(_small(), tmp_path)
    for page in tmp_path.rglob("*.md"):
        html = markdown.markdown(page.read_text(encoding="utf-8"), extensions=["tables", "toc"])
        assert "<script" not in html and "javascript:alert(1)\"" not in html and 'href="javascript' not in html
        assert all(row.count("<td") in (0, 4) for row in html.split("<tr>"))


def test_person_pages_list_penalties_and_link_organisations(tmp_path: Path) -> None:
    """A person's page has a penalties section with every penalty and its case; roles and a case's courts link to
    the organisations' pages, which exist."""
    ds = load()
    write_catalogue(ds, tmp_path / "c")
    page = (tmp_path / "c" / "people" / f"{slug('person:larisa-kharkova')}.md").read_text(encoding="utf-8")
    penalties = page.split("## Penalties", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in penalties.splitlines() if line.startswith("| ") and not line.startswith("| penalty")]
    assert len(ds.penalties_of("person:larisa-kharkova")) == len(rows)
    assert all(f"../cases/{slug('case:kharkova-2017')}.md" in row for row in rows)
    case = (tmp_path / "c" / "cases" / f"{slug('case:kharkova-2017')}.md").read_text(encoding="utf-8")
    for text in (page, case):
        for target in set(re.findall(r"\]\(\.\./organisations/([^)]+)\)", text)):
            assert (tmp_path / "c" / "organisations" / target).is_file(), target
    assert f"../organisations/{slug('org:supreme-court')}.md" in case
