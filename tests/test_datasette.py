"""Datasette's metadata beside the SQLite export, and Datasette itself opening both (in process, no server)."""

import asyncio
import json
import os
import sqlite3
from pathlib import Path
from typing import Any, Dict, List

import pytest

import kz_labour_rights.formats.sqlite as sqlite_format
from kz_labour_rights import DataError, Dataset, UsageError, export, load
from kz_labour_rights._atomic import TEMP_MARK
from kz_labour_rights._dataset import RECORD_TYPES
from kz_labour_rights.formats import REGISTRY, detect
from kz_labour_rights.formats._datasette import LICENCES, describe, metadata
from kz_labour_rights.formats._tables import LAYOUT
from kz_labour_rights.formats.sqlite import FTS_TABLES, has_fts5


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged dataset exported once as SQLite (its metadata beside it)."""
    return export(load(), "sqlite", tmp_path_factory.mktemp("ds") / "kz.sqlite")


def _meta(db: Path) -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads(db.with_suffix(".metadata.json").read_text(encoding="utf-8"))
    return data


def _retitled(title: str) -> Dataset:
    """The packaged dataset under another title: its metadata differs from the packaged one's."""
    import attrs

    ds = load()
    return Dataset(meta=attrs.evolve(ds.meta, title=title), records={t.name: list(ds.collection(t.name)) for t in RECORD_TYPES},
                   redirects=ds.redirect_records())


def _leftovers(path: Path) -> List[str]:
    return sorted(p.name for p in path.iterdir() if TEMP_MARK in p.name)


# ---------------------------------------------------------------- the metadata


def test_metadata_is_written_beside_the_database(out: Path) -> None:
    """OUT.sqlite gets OUT.metadata.json: title, licence, source and one database named as Datasette names it."""
    ds, meta = load(), _meta(out)
    name, url = LICENCES["CC-BY-4.0"]
    assert (ds.meta.title, name, url) == (meta["title"], meta["license"], meta["license_url"])
    assert meta["source"].startswith(f"kz-labour-rights {ds.version}") and meta["source_url"].startswith("https://")
    assert ["kz"] == list(meta["databases"]) and ds.checksum in meta["description"]
    assert {"format": "sqlite", "database": "kz", "version": ds.version, "schema_version": 3, "checksum": ds.checksum} == meta["kz_labour_rights"]


def test_every_table_view_and_column_is_described(out: Path) -> None:
    """Each table and view in the database (but the full-text ones) has a description, and each column of a table one too."""
    tables = _meta(out)["databases"]["kz"]["tables"]
    con = sqlite3.connect(out)
    names = [n for n, in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE '%fts%'")]
    assert sorted(names) == sorted(tables)
    for name in names:
        assert tables[name]["description"], name
        kind = con.execute("SELECT type FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        if kind == "table":
            columns = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')]
            assert sorted(columns) == sorted(tables[name]["columns"]), name
            assert all(isinstance(v, str) and v.endswith(".") for v in tables[name]["columns"].values()), name
    con.close()


def test_descriptions_come_from_the_model_and_name_derived_columns() -> None:
    """Column texts are the record classes' docstrings; derived columns say what they derive from."""
    people, organisations, penalties = (describe()[t][1] for t in ("people", "organisations", "penalties"))
    assert "The name in its most common Latin spelling in the sources." == people["name"]
    assert "people_aliases" in people["aliases"] and "organisations_aliases" in organisations["aliases"]
    assert "amount_amount is the exact text" in penalties["amount_value"]
    assert "Search box (full-text, people_fts): name, aliases." in describe(fts=True)["people"][0]
    assert "Search box" not in describe(fts=False)["people"][0]


def test_a_layout_column_description_wins_and_date_bounds_are_described(monkeypatch: pytest.MonkeyPatch) -> None:
    """A description given in the layout is used as it is; X_earliest/X_latest/X_precision beside X get one by rule."""
    import attrs

    from kz_labour_rights.formats import _datasette

    events = LAYOUT["events"]
    columns = tuple(attrs.evolve(c, description="Given.") if c.name == "place" else c for c in events.columns)
    # Undescribed bound columns get a description by rule (the layout's own are described).
    columns = tuple(c for c in columns if not c.name.startswith("date_"))
    columns += tuple(attrs.evolve(events.columns[0], name=f"date_{x}", description="") for x in ("earliest", "latest", "precision"))
    monkeypatch.setitem(_datasette.LAYOUT, "events", attrs.evolve(events, columns=columns))
    described = describe()["events"][1]
    assert "Given." == described["place"]
    assert ("The first day date may mean (ISO date).", "How precise date is: year, month or day.") == (
        described["date_earliest"], described["date_precision"])


def test_metadata_names_the_database_after_the_file(tmp_path: Path) -> None:
    """Datasette calls a database by its file name without the suffix; the metadata uses that name."""
    path = export(load(), "sqlite", tmp_path / "labour.rights.db")
    assert (tmp_path / "labour.rights.metadata.json").is_file()
    assert ["labour.rights"] == list(_meta(path)["databases"])
    assert metadata(load(), "x")["databases"]["x"]["tables"]["events"]["sort"] == "date"


# ---------------------------------------------------------------- written with the database, both or neither


def test_a_foreign_metadata_file_is_not_replaced_without_force(tmp_path: Path) -> None:
    """A file at OUT.metadata.json that the export did not write is refused (database not written either); force replaces it."""
    side = tmp_path / "x.metadata.json"
    side.write_text('{"title": "mine"}', encoding="utf-8")
    with pytest.raises(UsageError, match=r"refusing to replace .*x\.metadata\.json.*--force"):
        export(load(), "sqlite", tmp_path / "x.sqlite")
    assert ('{"title": "mine"}', False) == (side.read_text(encoding="utf-8"), (tmp_path / "x.sqlite").exists())
    export(load(), "sqlite", tmp_path / "x.sqlite", force=True)
    assert "kz_labour_rights" in _meta(tmp_path / "x.sqlite")
    export(load(), "sqlite", tmp_path / "x.sqlite")  # its own metadata: replaced without force


def test_a_directory_where_the_metadata_goes_is_refused(tmp_path: Path) -> None:
    """A directory at OUT.metadata.json is never replaced, even with force."""
    (tmp_path / "x.metadata.json").mkdir()
    with pytest.raises(UsageError, match="is a directory"):
        export(load(), "sqlite", tmp_path / "x.sqlite", force=True)
    assert ["x.metadata.json"] == sorted(p.name for p in tmp_path.iterdir())


def test_a_failed_export_leaves_database_and_metadata_as_they_were(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing the metadata fails, or swapping in the database fails after the metadata was swapped: both stay old."""
    from kz_labour_rights import _atomic

    db = export(load(), "sqlite", tmp_path / "x.sqlite")
    before = (db.read_bytes(), db.with_suffix(".metadata.json").read_bytes())

    def no_text(*args: Any) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sqlite_format, "sidecar_text", no_text)
    with pytest.raises(OSError, match="No space"):
        export(load(), "sqlite", db)
    monkeypatch.undo()
    real = os.replace

    def no_database(src: Any, dst: Any) -> None:
        if Path(dst) == db:
            raise OSError(5, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(_atomic.os, "replace", no_database)
    with pytest.raises(OSError, match="Input/output"):
        export(_retitled("second"), "sqlite", db)
    assert before == (db.read_bytes(), db.with_suffix(".metadata.json").read_bytes())
    assert [] == _leftovers(tmp_path)


# ---------------------------------------------------------------- load() and detect() never need it


@pytest.mark.parametrize("damage", ["missing", "junk", "fifo"])
def test_load_does_not_read_the_metadata(tmp_path: Path, damage: str) -> None:
    """The database loads the same with its metadata gone, garbled, or a FIFO that would block a reader."""
    db = export(load(), "sqlite", tmp_path / "x.sqlite")
    side = db.with_suffix(".metadata.json")
    side.unlink()
    if damage == "junk":
        side.write_bytes(b"\xff{not json")
    elif damage == "fifo":
        os.mkfifo(side)
    assert load() == load(db)


def test_loading_the_metadata_file_names_the_database(out: Path) -> None:
    """detect()/load() of OUT.metadata.json is a DataError saying it is not an export and naming OUT.sqlite."""
    with pytest.raises(DataError, match=r"not an export: .*load the database beside it \(such as kz\.sqlite\)"):
        load(out.with_suffix(".metadata.json"))
    with pytest.raises(DataError, match="never reads it"):
        detect(out.with_suffix(".metadata.json"))


def test_only_file_formats_with_sidecars_name_them(tmp_path: Path) -> None:
    """The registry gives the SQLite export its .metadata.json and every other format none."""
    target = tmp_path / "x.sqlite"
    assert {f: ({".metadata.json": tmp_path / "x.metadata.json"} if f == "sqlite" else {}) for f in REGISTRY} == {
        f: (fmt.sidecars(target) if not fmt.directory else {}) for f, fmt in REGISTRY.items()}


# ---------------------------------------------------------------- Datasette itself


def _get(db: Path, *paths: str) -> List[Any]:
    """Datasette's answers to ``paths``, in process (its ASGI client: no server, no network)."""
    datasette_app = pytest.importorskip("datasette.app", reason="Datasette is not installed (pip install 'kz-labour-rights[datasette]')")

    async def run() -> List[Any]:
        ds = datasette_app.Datasette(files=[str(db)], metadata=_meta(db))
        answers = []
        for path in paths:
            response = await ds.client.get(path)
            assert 200 == response.status_code, (path, response.text[:500])
            answers.append(response.json() if ".json" in path else response.text)
        return answers

    return asyncio.run(run())


def test_datasette_lists_the_tables_with_the_title_and_licence(out: Path) -> None:
    """Datasette's index shows the metadata's title and licence; its database JSON lists the tables, full-text ones hidden."""
    index, database, served = _get(out, "/", "/kz.json", "/-/metadata.json")
    assert load().meta.title in index and "CC BY 4.0" in index
    tables = {t["name"]: t for t in database["tables"]}
    assert set(LAYOUT) | {"meta"} <= {n for n, t in tables.items() if not t["hidden"]}
    assert {f"{t}_fts" for t in FTS_TABLES} <= {n for n, t in tables.items() if t["hidden"]} if has_fts5() else True
    ours = _meta(out)["databases"]["kz"]["tables"]["people"]
    assert ours.items() <= served["databases"]["kz"]["tables"]["people"].items()


@pytest.mark.skipif(not has_fts5(), reason="this Python's SQLite has no FTS5")
def test_datasette_searches_people_by_name_and_alias(out: Path) -> None:
    """Datasette finds people_fts by itself: ?_search=Kharkova (a name) and =Nilolayvna (only in an alias) return Kharkova."""
    by_name, by_alias, database = _get(out, "/kz/people.json?_search=Kharkova&_shape=array", "/kz/people.json?_search=Nilolayvna&_shape=array",
                                       "/kz.json")
    assert ["person:larisa-kharkova"] == [r["id"] for r in by_name] == [r["id"] for r in by_alias]
    assert {t: f"{t}_fts" for t in FTS_TABLES} == {t["name"]: t["fts_table"] for t in database["tables"] if t["name"] in FTS_TABLES}


def test_datasette_sorts_amounts_as_numbers_and_shows_descriptions(out: Path) -> None:
    """?_sort_desc=amount_value puts 1,595,800 before 80,000 and 113 last; the people page shows the column descriptions."""
    rows, page = _get(out, "/kz/penalties.json?_sort_desc=amount_value&amount_value__notblank=1&_shape=array", "/kz/people")
    values = [r["amount_value"] for r in rows]
    assert values == sorted(values, reverse=True) and "1595800" == rows[0]["amount_amount"]
    assert "The name in its most common Latin spelling in the sources." in page
