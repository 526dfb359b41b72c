"""Tests for the command line."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kz_labour_rights import load
from kz_labour_rights._cli import main


def run(*argv: str) -> "tuple[int, str]":
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


def test_info_json() -> None:
    """info --json gives versions and counts."""
    status, text = run("info", "--json")
    data = json.loads(text)
    assert 0 == status
    assert load().counts() == data["counts"]
    assert data["package_version"] == data["dataset_version"]


def test_show_kushakpaev_with_citations() -> None:
    """show Kushakpaev prints Nurbek Kushakbaev's record with its citations."""
    status, text = run("show", "Kushakpaev")
    assert 0 == status
    assert text.startswith("Nurbek Kushakbaev  (person:nurbek-kushakbaev)")
    assert "Citations:" in text and "Kushakpaev" in text


def test_timeline_baltabay_in_order() -> None:
    """timeline Baltabay lists verdict to release in date order."""
    status, text = run("timeline", "Baltabay", "--json")
    events = json.loads(text)["events"]
    dates = [e["date"] for e in events]
    assert 0 == status and dates == sorted(dates)
    kinds = [e["kind"] for e in events]
    assert "2019-07-17" == dates[kinds.index("verdict")] and "2020-03-20" in dates


def test_unknown_name_exits_1_with_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown name: message on stderr with a suggestion, exit 1, no traceback."""
    status, _ = run("show", "Kharkov")
    err = capsys.readouterr().err
    assert 1 == status
    assert "Larisa Kharkova" in err and "Traceback" not in err


def test_ambiguous_name_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """An ambiguous name lists candidates on stderr and exits 1."""
    status, _ = run("show", "union")
    assert 1 == status and "matches" in capsys.readouterr().err


def test_search_json() -> None:
    """search --json returns ranked ids."""
    status, text = run("search", "Baltabai", "--json")
    assert 0 == status and "person:erlan-baltabay" == json.loads(text)[0]["id"]


def test_export_round_trip(tmp_path: Path) -> None:
    """export writes a snapshot that load(DIR) and --data read back equal."""
    status, _ = run("export", "--format", "json", "--out", str(tmp_path))
    assert 0 == status and load() == load(tmp_path)
    status, text = run("--data", str(tmp_path), "info", "--json")
    assert 0 == status and load().counts() == json.loads(text)["counts"]


def test_python_dash_m() -> None:
    """python -m kz_labour_rights works as the console script does."""
    out = subprocess.run([sys.executable, "-m", "kz_labour_rights", "info"], capture_output=True, text=True)
    assert 0 == out.returncode and "people" in out.stdout


def test_bad_data_dir_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A broken snapshot is reported on stderr with exit 1."""
    status, _ = run("--data", str(tmp_path / "missing"), "info")
    assert 1 == status and "no such file or directory" in capsys.readouterr().err


def test_fmt_check_and_rewrite(tmp_path: Path) -> None:
    """fmt --check flags a hand-edited file (exit 1); fmt rewrites it; then --check passes."""
    assert 0 == run("export", "--out", str(tmp_path))[0]
    events = tmp_path / "events.json"
    events.write_text(json.dumps(list(reversed(json.loads(events.read_text(encoding="utf-8"))))), encoding="utf-8")
    status, text = run("fmt", str(tmp_path), "--check")
    assert (1, f"{events}: not canonical; run 'kz-labour-rights fmt {tmp_path}' to rewrite it\n") == (status, text)
    assert (0, f"{tmp_path}: rewrote 1 file(s): events.json\n") == run("fmt", str(tmp_path))
    assert (0, f"{tmp_path}: all files canonical\n") == run("fmt", str(tmp_path), "--check")


def test_coverage_needs_a_sources_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """coverage with a missing --sources directory exits 1 naming the option."""
    assert 1 == main(["coverage", "--sources", str(tmp_path / "nope")])
    assert "--sources" in capsys.readouterr().err
