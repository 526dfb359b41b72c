"""Tests for the completeness report (names and dates a source mentions)."""

import os
import threading
from pathlib import Path
from typing import Callable, Dict, List, Tuple, TypeVar

import attrs
import pytest

from kz_labour_rights import Dataset, PartialDate, load
from kz_labour_rights._coverage import Gap, SourceCoverage, _read, candidate_dates, candidate_names, coverage, read_ignore_file
from kz_labour_rights._dataset import RECORD_TYPES

REPO = Path(__file__).resolve().parents[1]
T = TypeVar("T")
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


# ------------------------------------------------------------- nothing outside --sources is read

SECRET = "Zzyzx Secretname signed on 3 March 1999."
REFERENCE = "source:ref-legal-constants"  # its file is ../reference/legal-constants.md, beside the texts


def with_files(ds: Dataset, files: Dict[str, str]) -> Dataset:
    """``ds`` with the ``file`` of some sources replaced (source id → file as written).

    The model refuses absolute paths; validators are off here so that coverage's own guard,
    the second line of defence, is tested too.
    """
    records = {t.name: list(ds.collection(t.name)) for t in RECORD_TYPES}
    with attrs.validators.disabled():
        records["sources"] = [attrs.evolve(s, file=files.get(s.id, s.file)) for s in records["sources"]]
    return Dataset(meta=ds.meta, records=records)


@pytest.fixture
def dirs(tmp_path: Path) -> Tuple[Path, Path]:
    """A sources directory and, beside it, an outside directory holding a secret text."""
    sources, outside = tmp_path / "sources", tmp_path / "outside"
    sources.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "x.txt").write_text(SECRET, encoding="utf-8")
    return sources, outside


def unsafe(report: List[SourceCoverage]) -> Dict[str, str]:
    """Source id → the context of its unsafe-file gap."""
    return {r.source: g.context for r in report for g in r.gaps if g.kind == "unsafe-file"}


def never_read(report: List[SourceCoverage]) -> bool:
    """No gap comes from the secret text."""
    return not any("Zzyzx" in g.text or "1999" in g.text for r in report for g in r.gaps)


@pytest.mark.parametrize("file, reason", [
    ("/etc/passwd", "is an absolute path"),
    ("{outside}/secret.txt", "is an absolute path"),
    ("../x.txt", "climbs out of the sources directory with '..'"),
    ("sub/../../x.txt", "climbs out of the sources directory with '..'"),
])
def test_paths_outside_sources_are_reported_not_read(dirs: Tuple[Path, Path], file: str, reason: str) -> None:
    """An absolute or '..' file is an unsafe-file gap naming the source id and the fix; the file is not read."""
    sources, outside = dirs
    ds = load()
    sid = next(iter(ds.sources)).id
    report = coverage(with_files(ds, {sid: file.format(outside=outside)}), sources)
    context = unsafe(report)[sid]
    assert reason in context and "relative to the sources directory" in context and never_read(report)


def test_symlink_out_of_sources_is_reported_not_read(dirs: Tuple[Path, Path]) -> None:
    """A symlink (to a file, or through a directory) resolving outside --sources is refused; one inside is followed."""
    sources, outside = dirs
    (sources / "link.txt").symlink_to(outside / "secret.txt")
    (sources / "subdir").symlink_to(outside)
    (sources / "real.txt").write_text("Qwyx Insidename signed on 4 April 1998.", encoding="utf-8")
    (sources / "inside.txt").symlink_to(sources / "real.txt")
    ds = load()
    a, b, c = [s.id for s in ds.sources][:3]
    report = coverage(with_files(ds, {a: "link.txt", b: "subdir/secret.txt", c: "inside.txt"}), sources)
    found = unsafe(report)
    assert {a, b} == set(found) - {REFERENCE} and all("symlink resolving outside" in found[x] for x in (a, b))
    assert never_read(report)
    assert "Qwyx Insidename" in [g.text for r in report if r.source == c for g in r.gaps]


def within(seconds: float, compute: Callable[[], T]) -> T:
    """``compute()``, run in a thread that may block; the join timeout is a hang guard, not a speed claim."""
    result: List[T] = []
    worker = threading.Thread(target=lambda: result.append(compute()), daemon=True)
    worker.start()
    worker.join(timeout=seconds)
    assert result, f"blocked for {seconds} s (opening a FIFO waits for a writer)"
    return result[0]


def test_non_regular_files_are_reported_not_read(dirs: Tuple[Path, Path]) -> None:
    """A directory or a FIFO named like a text is an unsafe-file gap, and coverage never blocks on it."""
    sources, _ = dirs
    (sources / "dir.txt").mkdir()
    files = {"dir.txt"}
    if hasattr(os, "mkfifo"):
        os.mkfifo(sources / "fifo.txt")
        files.add("fifo.txt")
    ds = load()
    ids = [s.id for s in ds.sources][: len(files)]
    report = within(60, lambda: coverage(with_files(ds, dict(zip(ids, sorted(files)))), sources))
    found = unsafe(report)
    assert set(ids) == set(found) - {REFERENCE} and all("is not a regular file" in found[x] for x in ids)


def test_read_refuses_what_changed_after_the_check(dirs: Tuple[Path, Path]) -> None:
    """Opening re-checks the file: a symlink or a FIFO swapped in after the path check is not read, and never blocks."""
    sources, outside = dirs
    (sources / "swapped.txt").symlink_to(outside / "secret.txt")
    assert _read(sources / "swapped.txt") is None
    if hasattr(os, "mkfifo"):
        os.mkfifo(sources / "fifo.txt")
        assert within(60, lambda: _read(sources / "fifo.txt")) is None
    (sources / "plain.txt").write_bytes("a\r\nb".encode("utf-8"))
    assert "a\nb" == _read(sources / "plain.txt")  # universal newlines, as Path.read_text gives


def test_a_file_entry_excuses_an_unsafe_file_which_stays_unread(dirs: Tuple[Path, Path]) -> None:
    """The packaged reference file lies outside --sources: reported, unless tools/coverage-ignore.txt excuses it; never read."""
    sources, _ = dirs
    (sources.parent / "reference").mkdir()
    (sources.parent / "reference" / "legal-constants.md").write_text(SECRET, encoding="utf-8")
    ds = load()
    assert "climbs out of the sources directory" in unsafe(coverage(ds, sources))[REFERENCE]
    report = {r.source: r for r in coverage(ds, sources, read_ignore_file(IGNORE))}
    assert ((), 1, 0) == (report[REFERENCE].gaps, report[REFERENCE].ignored, report[REFERENCE].names_checked)
