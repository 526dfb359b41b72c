"""diff between snapshots, and retired ids that keep resolving."""

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from kz_labour_rights import DataError, diff, export, load, write_snapshot
from kz_labour_rights._load import read_snapshot
from kz_labour_rights._cli import main


def _snapshot(tmp_path: Path) -> Path:
    return export(load(), "json", tmp_path / "snap")


def _edit(path: Path, name: str, fn: Any) -> None:
    """Edit one file as a curator would, then re-stamp the checksum as `fmt` does (when the edit still loads)."""
    (path / name).write_text(json.dumps(fn(json.loads((path / name).read_text(encoding="utf-8")))), encoding="utf-8")
    try:
        write_snapshot(read_snapshot(path, verify=False), path)
    except DataError:
        pass


def test_diff_reports_exactly_one_edited_field(tmp_path: Path) -> None:
    """Editing one field of one record gives exactly that change (plus the derived checksum)."""
    out = _snapshot(tmp_path)
    _edit(out, "events.json", lambda d: [{**e, "summary": "Edited."} if e["id"] == "event:baltabay-2019-07-17-verdict" else e for e in d])
    result = diff(load(), load(out))
    [change] = result.records
    assert ("events", "event:baltabay-2019-07-17-verdict", "changed") == (change.collection, change.id, change.change)
    assert [("summary", "Edited.")] == [(f.field, f.new) for f in change.fields]
    assert ["checksum"] == [f.field for f in result.meta]


def test_diff_of_identical_snapshots_is_empty(tmp_path: Path) -> None:
    """A snapshot compared with itself has no changes."""
    assert ((), ()) == (diff(load(), load()).records, diff(load(), load()).meta)


def test_diff_cli_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """diff OLD NEW names the record and the field; --json gives the same change."""
    old = export(load(), "json", tmp_path / "old")
    new = _snapshot(tmp_path)
    _edit(new, "people.json", lambda d: [p for p in d if p["id"] != "person:sharan-burrow"])
    _edit(new, "memberships.json", lambda d: [m for m in d if m["person"] != "person:sharan-burrow"])
    assert 0 == main(["diff", str(old), str(new)])
    text = capsys.readouterr().out
    assert "- person:sharan-burrow (people, removed)" in text and "2 removed" in text
    assert 0 == main(["diff", str(old), str(new), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert {"added": 0, "removed": 2, "changed": 0, "retired": 0} == data["counts"]
    assert {"collection": "people", "id": "person:sharan-burrow", "change": "removed", "fields": [], "successor": None} in data["records"]


def test_diff_json_keeps_every_field(tmp_path: Path) -> None:
    """to_json carries each record change and each field change whole (nested objects were once emptied)."""
    out = _snapshot(tmp_path)
    _edit(out, "events.json", lambda d: [{**e, "summary": "Edited."} if e["id"] == "event:baltabay-2019-07-17-verdict" else e for e in d])
    edited = load(out)
    data = diff(load(), edited).to_json()
    [change] = data["records"]
    assert ("events", "event:baltabay-2019-07-17-verdict", "changed", None) == (change["collection"], change["id"], change["change"], change["successor"])
    assert ["summary"] == [f["field"] for f in change["fields"]] and "Edited." == change["fields"][0]["new"]
    assert [("checksum", load().checksum, edited.checksum)] == [(f["field"], f["old"], f["new"]) for f in data["meta"]]


def test_retired_id_resolves_with_a_deprecation_warning(tmp_path: Path) -> None:
    """A redirected id still finds its record, warns, and diff reports it as retired."""
    out = _snapshot(tmp_path)
    _edit(out, "people.json", lambda d: [{**p, "id": "person:sharan-burrow-ituc"} if p["id"] == "person:sharan-burrow" else p for p in d])
    _edit(out, "memberships.json", lambda d: [{**m, "person": "person:sharan-burrow-ituc"} if m["person"] == "person:sharan-burrow" else m for m in d])
    _edit(out, "redirects.json", lambda d: d + [{"old": "person:sharan-burrow", "new": "person:sharan-burrow-ituc", "since": "9.9.9", "reason": "renamed"}])
    ds = load(out)
    with pytest.warns(DeprecationWarning, match="person:sharan-burrow was retired in 9.9.9: use person:sharan-burrow-ituc"):
        assert "Sharan Burrow" == ds.get("person:sharan-burrow").name
    with pytest.warns(DeprecationWarning):
        assert "Sharan Burrow" == ds.people["person:sharan-burrow"].name
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ds.people.get("person:sharan-burrow-ituc") is not None
    retired = [r for r in diff(load(), ds).records if r.change == "retired"]
    assert [("person:sharan-burrow", "person:sharan-burrow-ituc")] == [(r.id, r.successor) for r in retired]
    for fmt in ("csv", "sqlite"):
        assert ds == load(export(ds, fmt, tmp_path / fmt))


def test_redirect_to_nothing_is_rejected(tmp_path: Path) -> None:
    """A redirect whose new id does not exist, or whose old id is live, fails naming redirects.json."""
    out = _snapshot(tmp_path)
    _edit(out, "redirects.json", lambda d: [{"old": "person:x", "new": "person:nobody", "since": "1"}, {"old": "person:abishev", "new": "person:erlan-baltabay", "since": "1"}])
    with pytest.raises(DataError) as info:
        load(out)
    assert [("redirects.json", "new"), ("redirects.json", "old")] == [(p.file, p.field) for p in info.value.problems]


def test_diff_across_schemas(tmp_path: Path) -> None:
    """A schema-2 snapshot (no provenance, head counts as participants) loads and diffs against schema 3."""
    from kz_labour_rights._dataset import content_checksum, record_files

    current = load()
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    for name, text in record_files(current, 2).items():
        (legacy / name).write_text(text, encoding="utf-8")
    meta = {"version": "0.2.0", "schema_version": 2, "title": current.meta.title, "license": current.meta.license,
            "checksum": content_checksum(current, 2)}
    (legacy / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    old = load(legacy)
    assert 2 == old.schema_version
    changes = diff(old, current)
    changed = {c.id: {f.field for f in c.fields} for c in changes.records}
    assert {"removed", "added"}.isdisjoint({c.change for c in changes.records})
    cited = [r.id for r in current.events if any(c.supports for c in r.citations)]
    assert "citations" in changed[cited[0]]
