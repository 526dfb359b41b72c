"""The format registry: exports declare their format, load() never guesses, and writes are all or nothing."""

import json
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

from kz_labour_rights import FORMATS, DataError, Dataset, UsageError, export, load
from kz_labour_rights._atomic import TEMP_MARK, umask
from kz_labour_rights._dataset import RECORD_TYPES
from kz_labour_rights.formats import READABLE, REGISTRY, detect
from kz_labour_rights.formats.csv import csv_text
from kz_labour_rights.formats._tables import Column, Table


def _other(ds: Dataset, title: str) -> Dataset:
    """``ds`` with another title and every record of two files changed: a second dataset, distinguishable in every file."""
    import attrs

    records = {t.name: list(ds.collection(t.name)) for t in RECORD_TYPES}
    records["people"] = [attrs.evolve(p, description=p.description + " (2)") for p in records["people"]]
    records["events"] = [attrs.evolve(e, summary=e.summary + " (2)") for e in records["events"]]
    return Dataset(meta=attrs.evolve(ds.meta, title=title), records=records, redirects=ds.redirect_records())


WRITE_ONLY = [f for f in FORMATS if not REGISTRY[f].readable]


def _out(tmp_path: Path, fmt: str) -> Path:
    return tmp_path / (fmt if REGISTRY[fmt].directory else "x" + REGISTRY[fmt].suffix)


def _state(path: Path, fmt: str) -> Any:
    """What an export at ``path`` holds: the dataset it loads as, or (write-only formats) its bytes."""
    return load(path) if REGISTRY[fmt].readable else path.read_bytes()


def _leftovers(path: Path) -> List[str]:
    return [p.name for p in path.iterdir() if TEMP_MARK in p.name]


@pytest.mark.parametrize("fmt", READABLE)
def test_every_export_declares_its_format(tmp_path: Path, fmt: str) -> None:
    """Each export's meta names its format, schema and checksum; detect() reads it back, and load() gives the same data."""
    path = export(load(), fmt, _out(tmp_path, fmt))
    assert (fmt, fmt) == (detect(path).name, load(path).meta.format)
    assert (load().checksum, 3) == (load(path).checksum, load(path).schema_version)


def test_stray_file_of_another_format_is_refused(tmp_path: Path) -> None:
    """A JSON snapshot with a stray people.csv is two kinds of snapshot: refused, saying which."""
    path = export(load(), "json", tmp_path / "j")
    (path / "people.csv").write_text("id,name\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"more than one kind of snapshot: json \(meta.json\); csv \(people.csv\)"):
        load(path)


def test_legacy_snapshot_without_format_is_recognised_by_its_files(tmp_path: Path) -> None:
    """A schema-2 snapshot (0.2.0: no declared format) still loads; with files of two kinds it is refused."""
    path = export(load(), "csv", tmp_path / "c")
    _as_schema_2(path, "csv")
    assert ("csv", 2) == (detect(path).name, load(path).schema_version)
    (path / "people.json").write_text("[]", encoding="utf-8")
    with pytest.raises(DataError, match="more than one kind"):
        load(path)


def test_schema_3_must_declare_a_format(tmp_path: Path) -> None:
    """A schema-3 meta without a format is refused rather than guessed."""
    path = export(load(), "json", tmp_path / "j")
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    meta.pop("format")
    (path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(DataError, match="declares no format"):
        load(path)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if REGISTRY[f].directory])
def test_export_refuses_a_foreign_directory_unless_forced(tmp_path: Path, fmt: str) -> None:
    """A non-empty directory that is not a snapshot of this format is left alone; --force replaces it whole."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="refusing to replace .*--force"):
        export(load(), fmt, out)
    assert ["notes.txt"] == sorted(p.name for p in out.iterdir())
    export(load(), fmt, out, force=True)
    assert "notes.txt" not in {p.name for p in out.iterdir()} and load() == load(out)


def test_export_replaces_a_snapshot_of_the_same_format_whole(tmp_path: Path) -> None:
    """Exporting over an export of the same format replaces it (no leftovers of the old); another format is refused."""
    out = export(load(), "csv", tmp_path / "out")
    (out / "redirects.csv").unlink()  # damage the old one: the new export must not depend on it
    export(_other(load(), "second"), "csv", out)
    assert "second" == load(out).meta.title
    with pytest.raises(UsageError, match="it is a csv snapshot"):
        export(load(), "json", out)


def test_sqlite_export_refuses_a_file_that_is_not_one_of_its_exports(tmp_path: Path) -> None:
    """An existing file that is not an SQLite export of this package is not overwritten without force."""
    target = tmp_path / "precious.sqlite"
    target.write_bytes(b"do not lose me")
    with pytest.raises(UsageError, match="not one of this package's SQLite exports"):
        export(load(), "sqlite", target)
    assert b"do not lose me" == target.read_bytes()
    export(load(), "sqlite", target, force=True)
    export(load(), "sqlite", target)  # now it is one: replaced without force
    assert load() == load(target)


@pytest.mark.parametrize("fmt", WRITE_ONLY)
def test_write_only_exports_are_refused_by_load_naming_what_to_load(tmp_path: Path, fmt: str) -> None:
    """load() and detect() of a GraphML or FtM export raise one DataError naming the file, what it is for and the formats to load."""
    path = export(load(), fmt, _out(tmp_path, fmt))
    for reader in (load, detect):
        with pytest.raises(DataError) as info:
            reader(path)
        [problem] = info.value.problems
        assert (str(path), True) == (problem.file, f"a {REGISTRY[fmt].shown} export is for {REGISTRY[fmt].purpose} and cannot be loaded" in problem.message)
        assert "load the JSON, CSV, data package, SQLite or Parquet export instead" in problem.message


@pytest.mark.parametrize("fmt", WRITE_ONLY)
def test_write_only_exports_replace_only_their_own_kind(tmp_path: Path, fmt: str) -> None:
    """A directory gets kz-labour-rights.<suffix>; an export of the same format is replaced, any other file only with force."""
    path = export(load(), fmt, tmp_path)
    assert tmp_path / f"kz-labour-rights{REGISTRY[fmt].suffix}" == path
    export(_other(load(), "second"), fmt, path)
    assert "(2)" in path.read_text(encoding="utf-8")
    for other in [f for f in FORMATS if not REGISTRY[f].directory and f != fmt]:
        foreign = export(load(), other, tmp_path / other / f"x{REGISTRY[other].suffix}")
        before = foreign.read_bytes()
        with pytest.raises(UsageError, match=f"is not one of this package's {REGISTRY[fmt].shown} exports \\(it is one of its {REGISTRY[other].shown} exports\\)"):
            export(load(), fmt, foreign)
        assert before == foreign.read_bytes()
    precious = tmp_path / f"notes{REGISTRY[fmt].suffix}"
    precious.write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="--force"):
        export(load(), fmt, precious)
    assert "mine" == precious.read_text(encoding="utf-8")
    export(load(), fmt, precious, force=True)
    assert "mine" != precious.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_get_the_usual_mode(tmp_path: Path, fmt: str) -> None:
    """Files are 0o666 and directories 0o777 less the umask, not tempfile's private 0o600/0o700."""
    path = export(load(), fmt, _out(tmp_path, fmt))
    files = [p for p in path.iterdir()] if path.is_dir() else [path]
    assert {0o666 & ~umask()} == {stat.S_IMODE(p.stat().st_mode) for p in files}
    if path.is_dir():
        assert 0o777 & ~umask() == stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_failed_export_leaves_the_old_one_and_no_temp_files(tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer that fails half-way leaves the previous export as it was and nothing beside it."""
    out = export(load(), fmt, _out(tmp_path, fmt))
    before = _state(out, fmt)
    module = REGISTRY[fmt]._module()

    def broken(ds: Dataset, path: Path) -> None:
        (path / "half.json").write_text("{", encoding="utf-8") if path.is_dir() else path.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "write", broken)
    with pytest.raises(OSError):
        export(_other(load(), "second"), fmt, out)
    assert before == _state(out, fmt) and [] == _leftovers(tmp_path)


_KILLER = """
import sys, kz_labour_rights as kz
sys.path.insert(0, sys.argv[3])
from test_formats import _other
ds = kz.load()
other = _other(ds, "second")
print("ready", flush=True)
while True:
    for d in (other, ds):
        kz.export(d, sys.argv[1], sys.argv[2])
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_killed_exports_leave_the_old_or_the_new(tmp_path: Path, fmt: str) -> None:
    """SIGKILL at random instants while exports alternate between two datasets: the target always loads as one of them.

    Killed writers leave temporary siblings behind (nothing can clean up after SIGKILL); the next
    export sweeps them, and an interrupted one (SIGINT) cleans up after itself. A file written
    beside the export (SQLite's Datasette metadata) is whole too.
    """
    target = _out(tmp_path, fmt)
    first = load()
    export(first, fmt, target)
    titles = {first.meta.title, "second"}
    # A write-only export cannot be loaded: it must be byte for byte one of the two complete ones.
    whole = set() if REGISTRY[fmt].readable else {export(d, fmt, tmp_path / "ref" / f"{i}{REGISTRY[fmt].suffix}").read_bytes()
                                                  for i, d in enumerate((first, _other(first, "second")))}
    rng = random.Random(f"kill-{fmt}")
    seen = set()
    for attempt in range(4):
        proc = subprocess.Popen([sys.executable, "-c", _KILLER, fmt, str(target), str(Path(__file__).parent)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and "ready" == proc.stdout.readline().strip()
        time.sleep(rng.uniform(0.0, 0.6))
        proc.send_signal(signal.SIGKILL if attempt < 3 else signal.SIGINT)
        proc.wait(timeout=60)
        proc.stdout.close()
        if whole:
            assert target.read_bytes() in whole
            continue
        loaded = load(target)  # never a mixture: it loads, checksum and all
        assert loaded.meta.title in titles
        for side in REGISTRY[fmt].sidecars(target).values() if not REGISTRY[fmt].directory else ():
            assert json.loads(side.read_text(encoding="utf-8"))["title"] in titles  # never half-written
        assert loaded.people.ids()[0] and (loaded.meta.title == "second") == loaded.events.get("event:baltabay-2019-07-17-verdict").summary.endswith(" (2)")
        seen.add(loaded.meta.title)
    export(first, fmt, target)
    assert [] == _leftovers(tmp_path)


def test_csv_cells_that_look_like_formulas_are_neutralised_and_read_back() -> None:
    """Cells starting =, +, -, @, tab, CR (or an apostrophe) get a leading apostrophe; the reader strips exactly one."""
    from kz_labour_rights.formats.csv import _in

    values = ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted", "''", "plain", "a=b"]
    table = Table(name="t", columns=(Column(name="v"),), primary_key=("v",), rows=tuple((v,) for v in values))
    text = csv_text(table)
    import csv
    import io

    cells = [row[0] for row in csv.reader(io.StringIO(text, newline=""))][1:]
    assert all(not c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert values == [_in(c) for c in cells]


def test_csv_formula_cells_round_trip_through_load(tmp_path: Path) -> None:
    """A record whose text starts with '=' survives a CSV export exactly."""
    ds = load()
    person = ds.people["person:larisa-kharkova"]
    import attrs

    edited = attrs.evolve(person, description="=1+1 '@x")
    records: Dict[str, list] = {t.name: [edited if r.id == person.id else r for r in ds.collection(t.name)] for t in RECORD_TYPES}
    other = Dataset(meta=ds.meta, records=records, redirects=ds.redirect_records())
    back = load(export(other, "csv", tmp_path / "c"))
    assert "=1+1 '@x" == back.people[person.id].description
    assert "'=1+1 '@x" in (tmp_path / "c" / "people.csv").read_text(encoding="utf-8")


def test_unknown_format_lists_the_formats() -> None:
    """An unknown format name is a UsageError listing the registry."""
    with pytest.raises(UsageError, match="xlsx.*json, csv, datapackage, sqlite"):
        export(load(), "xlsx", "out")


def test_export_needs_a_dataset(tmp_path: Path) -> None:
    """Passing something that is not a Dataset is a TypeError naming the argument."""
    with pytest.raises(TypeError, match="ds"):
        export("not a dataset", "json", tmp_path)  # type: ignore[arg-type]


def test_load_needs_a_path() -> None:
    """load(42) is a TypeError, not an attempt to open file descriptor 42."""
    with pytest.raises(TypeError, match="path"):
        load(42)  # type: ignore[arg-type]




def _legacy_rows(ds: Any) -> Dict[str, Tuple[List[str], List[List[Any]]]]:
    """Every table of ``ds`` as 0.2.0 laid it out: header and rows (schema 2: no provenance,
    an event's head count as ``participants``, explains as bare codes)."""
    from kz_labour_rights.formats._tables import layout, to_tables

    current = to_tables(ds)
    out = {}
    for name, table in layout(2).items():
        header = [c.name for c in table.columns]
        if name == "discrepancies_explains":
            out[name] = (header, [[d.id, i, x.code] for d in ds.discrepancies for i, x in enumerate(d.explains)])
            continue
        have = [c.name for c in current[name].columns]
        rows = []
        moved: Dict[str, int] = {}
        def order(r: Any) -> Tuple[Any, ...]:
            side = str(r[1]).startswith("sides[")
            return (str(r[0]), side, int(str(r[1])[6:].split("]")[0]) if side else 0, str(r[1]), r[2])

        for row in sorted(current[name].rows, key=order) if name == "citations" else current[name].rows:
            cells = dict(zip(have, row))
            if name == "citations" and str(cells["path"]).startswith("sides["):
                # Schema 2 had no sides: their quotes were the discrepancy's citations, after its own.
                top = sum(1 for r in current[name].rows if r[0] == cells["record_id"] and r[1] == "citations")
                cells["position"] = top + moved.get(cells["record_id"], 0)
                moved[cells["record_id"]] = moved.get(cells["record_id"], 0) + 1
                cells["path"] = "citations"
            if name == "events":
                cells["participants"] = cells["count"] if cells["counted"] == "participants" else None
            rows.append([cells[h] for h in header])
        out[name] = (header, rows)
    return out


def _as_schema_2(path: Path, fmt: str) -> None:
    """Turn a fresh export into what 0.2.0 wrote: schema 2, no format, its own tables, unescaped CSV cells."""
    import csv
    import sqlite3

    from kz_labour_rights._dataset import content_checksum

    ds = load(path)
    tables = _legacy_rows(ds)
    if fmt == "sqlite":
        con = sqlite3.connect(path)
        (text,) = con.execute("SELECT value FROM meta").fetchone()
        meta = json.loads(text)
        meta.pop("format")
        meta.update(schema_version=2, checksum=content_checksum(ds, 2))
        with con:
            con.execute("UPDATE meta SET value = ?", (json.dumps(meta),))
            # 0.2.0 wrote no full-text tables; dropping one drops its shadow tables too.
            for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage = 0").fetchall():
                con.execute(f'DROP TABLE "{name}"')
            names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta'")]
            for name in names:
                con.execute(f'DROP TABLE "{name}"')
            for name, (header, rows) in tables.items():
                columns = ", ".join('"' + h + '"' for h in header)
                con.execute(f'CREATE TABLE "{name}" ({columns})')
                con.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(header))})', rows)
        con.close()
        return
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    meta.pop("format")
    meta.update(schema_version=2, checksum=content_checksum(ds, 2))
    (path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    for csv_file in path.glob("*.csv"):
        csv_file.unlink()
    for name, (header, rows) in tables.items():  # 0.2.0 wrote every cell as it was
        with (path / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows([header, *(["" if v is None else str(v).lower() if isinstance(v, bool) else v for v in r] for r in rows)])


@pytest.mark.parametrize("fmt", ["csv", "sqlite"])
def test_schema_2_table_exports_still_load(tmp_path: Path, fmt: str) -> None:
    """A 0.2.0 CSV or SQLite export (explains as codes, cells unescaped, its own checksum) loads equal to its JSON."""
    path = export(load(), fmt, _out(tmp_path, fmt))
    _as_schema_2(path, fmt)
    legacy = load(path)
    assert 2 == legacy.schema_version and "'Related News'" in legacy.sources["source:opendemocracy-2016-12-16-state-threat"].description
    upgraded = {d.id: [x.code for x in d.explains] for d in legacy.discrepancies if d.explains}
    assert {d.id: [x.code for x in d.explains] for d in load().discrepancies if d.explains} == upgraded


@pytest.mark.parametrize("row, column", [
    (["person:nobody", "record", "0", "name", "stated", "0", "", "", ""], "record_id"),
    (["person:erlan-baltabay", "record", "99", "name", "asserted", "", "", "", ""], "status"),
    (["person:erlan-baltabay", "record", "99", "name", "stated", "57", "", "", ""], "citation"),
    (["person:erlan-baltabay", "record", "99", "name", "derived", "", "x", "sum", ""], "value"),
    (["person:erlan-baltabay", "versions[0]", "0", "name", "inferred", "", "", "r", ""], "scope"),
])
def test_value_supports_rows_that_fit_nothing_are_problems(tmp_path: Path, row: List[str], column: str) -> None:
    """A value_supports row for no record, an unknown status, a citation the record lacks, a derived item or a scope
    the record lacks is a problem naming value_supports.csv and the column (never dropped silently)."""
    import csv

    path = export(load(), "csv", tmp_path / "c")
    file = path / "value_supports.csv"
    with file.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if row[2] == "99":
        row[2] = str(sum(1 for r in rows[1:] if r[0] == row[0] and r[1] == "record"))
    with file.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows([*rows, row])
    with pytest.raises(DataError) as info:
        load(path)
    assert [("value_supports.csv", column)] == [(Path(p.file).name, p.field) for p in info.value.problems if p.field != "checksum"]
