"""Tests for the completeness report (names and dates a source mentions)."""

from pathlib import Path
from typing import List

import pytest

from kz_labour_rights import PartialDate, load
from kz_labour_rights._coverage import Gap, candidate_dates, candidate_names, coverage, read_ignore_file

REPO = Path(__file__).resolve().parents[1]
IGNORE = REPO / "tools" / "coverage-ignore.txt"


def names(text: str) -> List[str]:
    return [n for n, _ in candidate_names(text)]


def test_names_split_possessive_and_sentence_openers() -> None:
    """Names joined by 'and' are two names; possessives and sentence openers are dropped."""
    assert ["Baltabay", "Kharkova"] == names("Mr Baltabay and Ms Kharkova were convicted.")
    assert ["Erlan Baltabay", "Larisa Kharkova"] == names("Erlan Baltabay’s appeal and Larisa Kharkova, the chair.")
    assert ["Asel A."] == names("Asel A. fought her dismissal in court.")
    assert ["KNPRK"] == names("The KNPRK was suspended.")


def test_names_keep_organisation_names_whole() -> None:
    """An organisation name with connectors stays one candidate."""
    assert ["Confederation of Independent Trade Unions of Kazakhstan"] == names(
        "the Confederation of Independent Trade Unions of Kazakhstan was liquidated"
    )


def test_dates_in_every_written_form() -> None:
    """Day-first, month-first, ordinal, month-only and numeric dates are all read."""
    text = "On 17 July 2019, on July 17th 2019, on July 17, 2019, in March 2016, and on 09-02-2019."
    expected = [
        ("17 July 2019", PartialDate.parse("2019-07-17")),
        ("July 17th 2019", PartialDate.parse("2019-07-17")),
        ("July 17, 2019", PartialDate.parse("2019-07-17")),
        ("March 2016", PartialDate.parse("2016-03")),
        ("09-02-2019", PartialDate.parse("2019-02-09")),
    ]
    assert expected == sorted(((w, d) for w, d, _ in candidate_dates(text)), key=lambda x: text.index(x[0]))


def test_gaps_and_ignore_file(tmp_path: Path) -> None:
    """An unknown name and an uncovered date are gaps; the ignore file excuses them."""
    ds = load()
    source = next(iter(ds.sources))
    (tmp_path / source.file).write_text(
        "Erlan Baltabay met Zzyzx Qwerty on 3 March 1999. Erlan Baltabay was convicted on 17 July 2019.", encoding="utf-8"
    )
    report = {r.file: r for r in coverage(ds, tmp_path)}[source.file]
    kinds = [(g.kind, g.text) for g in report.gaps]
    assert [("name", "Zzyzx Qwerty"), ("date", "3 March 1999")] == kinds
    ignore = tmp_path / "ignore.txt"
    ignore.write_text("# test\nZzyzx Qwerty | not a real person\ndate:3 March 1999 | an example\n", encoding="utf-8")
    report = {r.file: r for r in coverage(ds, tmp_path, read_ignore_file(ignore))}[source.file]
    assert ((), 2) == (report.gaps, report.ignored)


def test_packaged_data_covers_every_name(sources_dir: Path) -> None:
    """Every name-like candidate in the five texts resolves to one record or is excused, with a reason, in tools/coverage-ignore.txt."""
    report = coverage(load(), sources_dir, read_ignore_file(IGNORE))
    gaps: List[Gap] = [g for r in report for g in r.gaps if g.kind != "date"]
    assert [] == [(g.kind, g.text, g.candidates) for g in gaps]


def test_packaged_data_covers_every_date(sources_dir: Path) -> None:
    """Every day- or month-precise date in the five texts is carried by a record citing that text, or excused."""
    report = coverage(load(), sources_dir, read_ignore_file(IGNORE))
    assert [] == [(r.source, g.text) for r in report for g in r.gaps if g.kind == "date"]


def test_ignore_entries_give_reasons() -> None:
    """Every ignore-file entry says why it is excused."""
    bad = [
        line for line in IGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and not line.partition("|")[2].strip()
    ]
    assert [] == bad


def test_source_prefixed_ignore_entries_apply_to_that_source_only(tmp_path: Path) -> None:
    """An ignore entry prefixed with a source id excuses the text in that source, not in others."""
    ds = load()
    first, second = sorted({s.file: s.id for s in ds.sources if s.file.endswith(".txt")}.items())[:2]
    for file, _ in (first, second):
        (tmp_path / file).write_text("Zzyzx Qwerty spoke.", encoding="utf-8")
    ignore = {f"{first[1]} Zzyzx Qwerty"}
    gaps = {r.file: [g.text for g in r.gaps] for r in coverage(ds, tmp_path, ignore)}
    assert ([], ["Zzyzx Qwerty"]) == (gaps[first[0]], gaps[second[0]])
