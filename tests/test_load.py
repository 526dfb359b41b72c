"""Tests for snapshot reading/writing and the lazily loaded packaged dataset."""

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, List

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kz_labour_rights
from kz_labour_rights import DataError, Dataset, load, write_snapshot
from kz_labour_rights._dataset import RECORD_TYPES
from kz_labour_rights._dataset import canonical_json as dumps
from kz_labour_rights._load import read_snapshot, snapshot_files
from kz_labour_rights._resources import packaged_data

from strategies import junk


def _copy_snapshot(tmp_path: Path, *, stamped: bool = False) -> Path:
    """A copy of the packaged snapshot; unstamped (no checksum) unless asked, so tests can edit it."""
    out = tmp_path / "snap"
    write_snapshot(load(), out)
    if not stamped:
        _edit(out, "meta.json", lambda m: {k: v for k, v in m.items() if k != "checksum"})
    return out


def _edit(path: Path, name: str, fn: Any) -> None:
    data = json.loads((path / name).read_text(encoding="utf-8"))
    data = fn(data)
    (path / name).write_text(json.dumps(data), encoding="utf-8")


def test_import_parses_no_data() -> None:
    """Importing the package reads no dataset file (checked in a fresh interpreter)."""
    code = (
        "import sys, kz_labour_rights, kz_labour_rights._load as l;"
        "assert l._packaged is None;"
        "assert 'json' not in sys.modules or True;"
        "print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "ok" == out.stdout.strip()


def test_load_is_cached_and_thread_safe() -> None:
    """Concurrent first calls all get one and the same Dataset."""
    import kz_labour_rights._load as mod

    mod._packaged = None
    results: List[Dataset] = []
    threads = [threading.Thread(target=lambda: results.append(load())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert 1 == len({id(r) for r in results})
    assert results[0] is load()


def test_snapshot_round_trip(tmp_path: Path) -> None:
    """export then load(DIR) gives an equal Dataset."""
    out = _copy_snapshot(tmp_path, stamped=True)
    assert load() == load(out)
    assert load().version == load(out).version


def test_packaged_data_is_canonical() -> None:
    """The packaged files are byte-for-byte what the canonical writer produces,
    so hand edits stay sorted and formatted (regenerate with `export`)."""
    expected = snapshot_files(load())
    root = packaged_data()
    actual = {name: root.joinpath(name).read_text(encoding="utf-8") for name in expected}
    assert expected == actual


def test_version_is_defined_once() -> None:
    """__version__, Dataset.version and the installed metadata agree."""
    from importlib.metadata import version

    assert kz_labour_rights.__version__ == load().version == version("kz-labour-rights")


def test_missing_directory(tmp_path: Path) -> None:
    """A path that does not exist is a DataError naming it."""
    with pytest.raises(DataError, match="nope: no such file or directory"):
        load(tmp_path / "nope")


def test_all_problems_listed_at_once(tmp_path: Path) -> None:
    """Loading lists every problem in every file, naming file, record and field."""
    out = _copy_snapshot(tmp_path)
    _edit(out, "people.json", lambda d: [{**d[0], "nmae": "typo"}] + d[1:])
    _edit(out, "events.json", lambda d: [{**d[0], "date": "2019-02-30"}] + d[1:])
    (out / "cases.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(out)
    problems = info.value.problems
    files = {p.file for p in problems}
    assert {"people.json", "events.json", "cases.json"} <= files
    assert any(p.file == "events.json" and p.field == "date" for p in problems)
    assert any("nmae" in p.message for p in problems)


def test_dangling_references_all_listed(tmp_path: Path) -> None:
    """Phase two lists every dangling id, not just the first."""
    out = _copy_snapshot(tmp_path)
    _edit(out, "events.json", lambda d: [{**e, "people": ["person:nobody"]} for e in d])
    with pytest.raises(DataError) as info:
        load(out)
    dangling = [p for p in info.value.problems if "person:nobody" in p.message]
    assert len(load().events) == len(dangling)
    assert all(p.field == "people" and p.file == "events.json" for p in dangling)


def test_relation_rules(tmp_path: Path) -> None:
    """A relation links two different records; possibly-same-as needs one type and a reason."""
    out = _copy_snapshot(tmp_path)
    cite = {"source": "source:ituc-gri-kazakhstan", "quote": "x", "supports": ["kind", "subject", "object"]}
    bad = [
        {"id": "relation:self", "kind": "renamed-as", "subject": "org:knprk", "object": "org:knprk", "citations": [cite]},
        {"id": "relation:no-reason", "kind": "possibly-same-as", "subject": "org:knprk", "object": "org:kspk", "citations": [cite]},
        {"id": "relation:mixed", "kind": "possibly-same-as", "subject": "org:knprk", "object": "person:erlan-baltabay",
         "reason": "r", "citations": [cite]},
    ]
    _edit(out, "relations.json", lambda d: d + bad)
    with pytest.raises(DataError) as info:
        load(out)
    expected = [("relation:self", "object"), ("relation:no-reason", "reason"), ("relation:mixed", "object")]
    assert expected == [(p.record, p.field) for p in info.value.problems]


def test_uncited_record_rejected(tmp_path: Path) -> None:
    """A fact-bearing record without citations does not load."""
    out = _copy_snapshot(tmp_path)
    _edit(out, "people.json", lambda d: [{**d[0], "citations": []}] + d[1:])
    with pytest.raises(DataError, match="no citation"):
        load(out)


def test_duplicate_and_malformed_ids(tmp_path: Path) -> None:
    """Duplicate ids and ids with the wrong prefix are errors."""
    out = _copy_snapshot(tmp_path)
    _edit(out, "people.json", lambda d: [d[0], d[0], {**d[1], "id": "people:Bad Id"}] + d[2:])
    with pytest.raises(DataError) as info:
        load(out)
    messages = " ".join(p.message for p in info.value.problems)
    assert "duplicate id" in messages and "id must look like" in messages


def test_newer_schema_refused(tmp_path: Path) -> None:
    """A snapshot from a newer schema asks for an upgrade."""
    out = _copy_snapshot(tmp_path)
    _edit(out, "meta.json", lambda d: {**d, "schema_version": 999})
    with pytest.raises(DataError, match="upgrade kz-labour-rights"):
        load(out)


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["meta.json", *(t.file for t in RECORD_TYPES)]), payload=junk())
def test_junk_input_raises_only_data_error(tmp_path_factory: pytest.TempPathFactory, name: str, payload: Any) -> None:
    """Whatever junk a file holds, loading raises DataError (or loads), nothing else."""
    out = tmp_path_factory.mktemp("junk")
    for fname, text in snapshot_files(load()).items():
        (out / fname).write_text(text, encoding="utf-8")
    (out / name).write_text(json.dumps(payload), encoding="utf-8")
    try:
        load(out)
    except DataError as exc:
        assert exc.problems


def test_write_snapshot_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If writing fails midway, the target is not created and no temporary file is left beside it."""
    import kz_labour_rights.formats.json as json_format

    out = tmp_path / "snap"
    calls = {"n": 0}
    real = json_format.write_text

    def flaky(path: Path, text: str) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        real(path, text)

    monkeypatch.setattr(json_format, "write_text", flaky)
    with pytest.raises(OSError):
        write_snapshot(load(), out)
    assert [] == list(tmp_path.iterdir())


def test_dumps_is_canonical() -> None:
    """Canonical JSON: sorted keys, indent 2, unescaped Unicode, final newline."""
    assert '{\n  "a": "ö",\n  "b": 1\n}\n' == dumps({"b": 1, "a": "ö"})


def test_schema_1_snapshot_without_relations_reads(tmp_path: Path) -> None:
    """A schema-1 snapshot (0.1.0) has no relations.json and still loads, with no relations."""
    from kz_labour_rights._dataset import record_files

    out = _copy_snapshot(tmp_path)
    for name, text in record_files(load(), 2).items():  # no provenance before schema 3
        (out / name).write_text(text, encoding="utf-8")
    (out / "relations.json").unlink()
    _edit(out, "meta.json", lambda m: {**m, "schema_version": 1})
    _edit(out, "discrepancies.json", lambda d: [x for x in d if not any(r.startswith("relation:") for r in x.get("records", []))])
    ds = load(out)
    assert (0, 1) == (len(ds.relations), ds.schema_version)


def test_schema_2_snapshot_needs_relations(tmp_path: Path) -> None:
    """From schema 2 on, a missing relations.json is an error naming the file."""
    out = _copy_snapshot(tmp_path)
    (out / "relations.json").unlink()
    with pytest.raises(DataError) as info:
        load(out)
    assert ["relations.json"] == [p.file for p in info.value.problems]


def test_checksum_detects_an_edited_record(tmp_path: Path) -> None:
    """A stamped snapshot whose records were changed fails to load, naming meta.json's checksum and the fix."""
    out = _copy_snapshot(tmp_path, stamped=True)
    assert load().checksum == load(out).checksum
    _edit(out, "people.json", lambda d: [{**p, "description": p.get("description", "") + "!"} if i == 0 else p for i, p in enumerate(d)])
    with pytest.raises(DataError) as info:
        load(out)
    [problem] = info.value.problems
    assert ("meta.json", "checksum") == (problem.file, problem.field) and "kz-labour-rights fmt" in problem.message


def test_checksum_ignores_formatting(tmp_path: Path) -> None:
    """Re-indenting a stamped snapshot's files changes nothing: the checksum is over the canonical records."""
    out = _copy_snapshot(tmp_path, stamped=True)
    _edit(out, "events.json", lambda d: d)
    assert load().checksum == load(out).checksum


def test_packaged_meta_carries_the_checksum() -> None:
    """The packaged meta.json is stamped with the checksum of the packaged records."""
    ds = load()
    assert ds.meta.checksum == ds.checksum and ds.checksum.startswith("sha256:")


def test_schema_2_snapshot_loads_with_its_explanations_upgraded(tmp_path: Path) -> None:
    """A 0.2.0 snapshot (no declared format, explains as bare codes) loads; each code becomes an explanation of the
    discrepancy's records, which check then reports as stale instead of letting it explain every finding."""
    from kz_labour_rights import check

    out = export_json(tmp_path)
    _edit(out, "meta.json", lambda m: {k: v for k, v in {**m, "schema_version": 2}.items() if k != "format"})
    _edit(out, "discrepancies.json", lambda d: [{**x, "explains": [e["code"] for e in x.get("explains", [])]} if x.get("explains") else x for x in d])
    ds = read_snapshot(out, verify=False)
    upgraded = [d for d in ds.discrepancies if d.explains]
    assert upgraded and all(set(x.records) == set(d.records) and x.value is None for d in upgraded for x in d.explains)
    assert "KZL003" in [f.code for f in check(ds).findings]


def export_json(tmp_path: Path) -> Path:
    """A JSON export of the packaged data."""
    return write_snapshot(load(), tmp_path / "snap")


def test_read_snapshot_refuses_other_formats(tmp_path: Path) -> None:
    """read_snapshot (and so `fmt`) reads JSON snapshots only, and says what the directory holds instead."""
    from kz_labour_rights import export

    with pytest.raises(DataError, match="a csv snapshot, not a JSON one"):
        read_snapshot(export(load(), "csv", tmp_path / "c"))


def test_checksum_holds_for_files_formatted_otherwise(tmp_path: Path) -> None:
    """Canonical files are verified as read; the same records formatted otherwise (compact JSON) still verify, by
    re-serialising — and the checksum is the same either way."""
    out = _copy_snapshot(tmp_path, stamped=True)
    canonical = load(out).checksum
    people = json.loads((out / "people.json").read_text(encoding="utf-8"))
    (out / "people.json").write_text(json.dumps(people, separators=(",", ":")), encoding="utf-8")
    assert canonical == load(out).checksum == load().checksum
