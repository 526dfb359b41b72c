"""Tests for the command line: output, JSON shapes, exit statuses, and failures as one line."""

import argparse
import datetime
import errno
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pytest

from kz_labour_rights import InvalidValueError, KzLabourRightsError, load, write_snapshot
from kz_labour_rights import _catalogue, _cli
from kz_labour_rights._catalogue import MARKER
from kz_labour_rights._cli import SHAPES, Exit, main
from kz_labour_rights._escape import CONTROL_CHARACTERS
from kz_labour_rights._resources import packaged_version

from strategies import HOSTILE, case_records, dataset, hostile_records, unchecked_dataset

SCHEMAS = Path(__file__).resolve().parents[1] / "docs" / "schemas"
COMMANDS = ["info", "show", "claims", "search", "timeline", "export", "diff", "catalogue", "check", "fmt", "coverage"]


def run(*argv: str) -> Tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


# stdout block-buffered, as users have it (PYTHONUNBUFFERED would hide a missing flush).
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def cli(*argv: str, env: Optional[Dict[str, str]] = None, **kwargs: Any) -> "subprocess.CompletedProcess[str]":
    """The command run as a process, stdout buffered (timeout: a hang guard only)."""
    return subprocess.run([sys.executable, "-m", "kz_labour_rights", *argv], text=True, timeout=120, env={**BUFFERED, **(env or {})},
                          **{"capture_output": True, **kwargs})


# --- JSON shapes: each command's real output is held to its schema in docs/schemas


def _closed(node: Any, in_condition: bool = False) -> Any:
    """The schema with every object that lists properties closed to others, so an undocumented key fails.

    The published schemas stay open (consumers ignore keys they do not know);
    conditions (if/then/else/not) are left as they are.
    """
    if isinstance(node, list):
        return [_closed(n, in_condition) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("properties", "$defs"):
            out[key] = {name: _closed(sub, in_condition) for name, sub in value.items()}
        else:
            out[key] = _closed(value, in_condition or key in ("if", "then", "else", "not"))
    if "properties" in node and "additionalProperties" not in node and not in_condition:
        out["additionalProperties"] = False
    return out


Conforms = Callable[[str, Any], None]


@pytest.fixture(scope="module")
def conforms() -> Conforms:
    """A checker: ``conforms(name, data)`` holds data to docs/schemas/<name>.json, open and closed."""
    import jsonschema  # in the test extra (jsonschema>=4)

    validators = {}
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[path.stem] = [jsonschema.Draft202012Validator(schema), jsonschema.Draft202012Validator(_closed(schema))]

    def check(name: str, data: Any) -> None:
        for validator in validators[name]:
            validator.validate(data)
        assert f"kz-labour-rights/{name}/{SHAPES[name]}" == data["shape"]

    return check


def shaped(conforms: Conforms, command: str, *argv: str, status: int = 0, data: Optional[Path] = None) -> Dict[str, Any]:
    """Run ``[--data DATA] command ARGV --json`` and check its status and shape; returns the output."""
    got, text = run(*(["--data", str(data)] if data else []), command, *argv, "--json")
    data: Dict[str, Any] = json.loads(text)
    assert status == got
    conforms(command, data)
    return data


def test_a_schema_per_command_and_a_shape_version_per_schema() -> None:
    """docs/schemas holds exactly one schema per command plus error.json, each naming its shape's version."""
    assert sorted([*COMMANDS, "error"]) == sorted(p.stem for p in SCHEMAS.glob("*.json")) == sorted(SHAPES)
    for name in SHAPES:
        schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
        assert f"kz-labour-rights/{name}/{SHAPES[name]}" == schema["properties"]["shape"]["const"]


def test_closing_a_schema_rejects_an_undocumented_key(conforms: Conforms) -> None:
    """The closed check fails on a key the schema does not list (so the shape tests can fail)."""
    import jsonschema

    data = shaped(conforms, "info")
    with pytest.raises(jsonschema.ValidationError, match="surprise"):
        conforms("info", {**data, "surprise": 1})


def test_info_shape(conforms: Conforms) -> None:
    """info --json gives versions and counts."""
    data = shaped(conforms, "info")
    assert load().counts() == data["counts"]
    assert packaged_version() == data["package_version"] == data["dataset_version"]


@pytest.mark.parametrize("name", ["Baltabay", "case:baltabay-2019", "org:ituc", "provision:iccpr/art-22", "event:baltabay-2019-07-17-verdict", "source:ilo-cas-2021-c087"])
def test_show_shape(conforms: Conforms, name: str) -> None:
    """show --json of a person, case, organisation, provision, event and source fits the show shape."""
    data = shaped(conforms, "show", name)
    assert name == data["record"]["id"] or ":" not in name


@pytest.mark.parametrize("name", ["penalty:baltabay-imprisonment-5m", "Kharkova", "provision:kz-cc-2014/art-402", "discrepancy:baltabay-replacement-term"])
def test_claims_shape(conforms: Conforms, name: str) -> None:
    """claims --json holds to its schema; a penalty stated two ways shows its term differing, with both records."""
    data = shaped(conforms, "claims", name)
    if name.startswith("penalty:"):
        term = next(g for g in data["groups"] if g["field"] == "term")
        assert ("differ", ["P5M", "P5M8D"]) == (term["status"], sorted(term["values"]))
        assert {"penalty:baltabay-imprisonment-5m", "penalty:baltabay-imprisonment-5m8d"} == {c["record"] for c in term["claims"]}


def test_claims_text_groups_by_field() -> None:
    """The text output names each field once and marks where the sources differ."""
    status, text = run("claims", "penalty:baltabay-imprisonment-5m")
    assert 0 == status and "term — 2 values differ:" in text and "discrepancy:baltabay-replacement-term" in text


def test_search_shape(conforms: Conforms) -> None:
    """search --json returns the query and ranked ids, within the limit."""
    data = shaped(conforms, "search", "Baltabai", "--limit", "3")
    assert "person:erlan-baltabay" == data["matches"][0]["id"]
    assert ("Baltabai", None, 3) == (data["query"], data["type"], data["limit"]) and len(data["matches"]) <= 3
    assert "cases" == shaped(conforms, "search", "Baltabay", "--type", "cases")["type"]
    assert [] == shaped(conforms, "search", "qqqqqqqqqq")["matches"]


def test_timeline_shape_in_order(conforms: Conforms) -> None:
    """timeline Baltabay lists verdict to release in date order."""
    events = shaped(conforms, "timeline", "Baltabay")["events"]
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    kinds = [e["kind"] for e in events]
    assert "2019-07-17" == dates[kinds.index("verdict")] and "2020-03-20" in dates


@pytest.mark.parametrize("fmt", ["json", "csv", "datapackage", "sqlite"])
def test_export_shape(conforms: Conforms, tmp_path: Path, fmt: str) -> None:
    """export --json names the format, the files written and the checksum, for every format."""
    data = shaped(conforms, "export", "--format", fmt, "--out", str(tmp_path / "out"))
    assert (fmt, load().checksum) == (data["format"], data["checksum"]) and data["files"]


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged data exported once as a JSON snapshot."""
    out = tmp_path_factory.mktemp("snapshot") / "data"
    assert 0 == run("export", "--out", str(out))[0]
    return out


def test_diff_shape(conforms: Conforms, snapshot: Path, tmp_path: Path) -> None:
    """diff --json of an edited copy reports the changed record and the changed meta field."""
    events = json.loads((snapshot / "events.json").read_text(encoding="utf-8"))
    events[0]["summary"] = "changed"
    write_snapshot(load(snapshot), tmp_path)  # a copy, then the edit, re-stamped by fmt
    (tmp_path / "events.json").write_text(json.dumps(events), encoding="utf-8")
    assert 0 == run("fmt", str(tmp_path))[0]
    data = shaped(conforms, "diff", str(snapshot), str(tmp_path))
    assert {"added": 0, "removed": 0, "changed": 1, "retired": 0} == data["counts"]
    assert ["checksum"] == [f["field"] for f in data["meta"]]


def test_catalogue_shape(conforms: Conforms, tmp_path: Path) -> None:
    """catalogue --json counts the files written."""
    data = shaped(conforms, "catalogue", "--out", str(tmp_path / "cat"))
    assert len([p for p in (tmp_path / "cat").rglob("*") if p.is_file()]) == data["files"]


def test_check_shape(conforms: Conforms, tmp_path: Path) -> None:
    """check --json fits its shape for the packaged data (exit 0) and for data with an error (exit 4)."""
    assert shaped(conforms, "check")["ok"]
    records = case_records(datetime.date(2015, 1, 1), verdict_gap=10, term_years=2, pardon_gap=5)
    records["events"][1]["date"] = "2014-12-01"  # the verdict before the arrest
    write_snapshot(dataset(records), tmp_path)
    data = shaped(conforms, "check", status=Exit.PROBLEMS_FOUND, data=tmp_path)
    assert not data["ok"] and data["counts"]["error"] >= 1


def test_check_shape_allows_a_finding_value(conforms: Conforms) -> None:
    """A finding may carry a value, a string or null (a field the checks are gaining)."""
    data = shaped(conforms, "check")
    finding = data["findings"][0]
    for value in ("12 days", None):
        conforms("check", {**data, "findings": [{**finding, "value": value}]})


def test_fmt_check_and_rewrite(conforms: Conforms, tmp_path: Path) -> None:
    """fmt --check flags a hand-edited file (exit 4); fmt rewrites it; then --check passes; each in text and JSON."""
    assert 0 == run("export", "--out", str(tmp_path))[0]
    events = tmp_path / "events.json"
    events.write_text(json.dumps(list(reversed(json.loads(events.read_text(encoding="utf-8"))))), encoding="utf-8")
    status, text = run("fmt", str(tmp_path), "--check")
    assert (4, f"{events}: not canonical; run 'kz-labour-rights fmt {tmp_path}' to rewrite it\n") == (status, text)
    assert ["events.json"] == shaped(conforms, "fmt", str(tmp_path), "--check", status=4)["not_canonical"]
    assert (0, f"{tmp_path}: rewrote 1 file(s): events.json\n") == run("fmt", str(tmp_path))
    assert (0, f"{tmp_path}: all files canonical\n") == run("fmt", str(tmp_path), "--check")
    assert [] == shaped(conforms, "fmt", str(tmp_path))["rewritten"]


@pytest.fixture()
def sources(tmp_path: Path) -> Path:
    """A source-texts directory with one text naming someone the data does not know."""
    source = load().sources["source:ilo-cas-2021-c087"]
    (tmp_path / source.file).write_text("Mr Baltabay met Zarina Unknownova on 17 July 2019.\n", encoding="utf-8")
    return tmp_path


def test_coverage_shape_and_strict(conforms: Conforms, sources: Path) -> None:
    """coverage --json lists the unknown name as a gap; --strict turns a gap into exit 4."""
    data = shaped(conforms, "coverage", "--sources", str(sources))
    assert any(g["text"] == "Zarina Unknownova" for s in data["sources"] for g in s["gaps"])
    assert data["gaps"] == shaped(conforms, "coverage", "--sources", str(sources), "--strict", status=4)["gaps"]
    status, text = run("coverage", "--sources", str(sources), "--events")
    assert 0 == status and "Zarina Unknownova" in text


def test_reference_page_covers_every_command_option_and_status() -> None:
    """docs/cli.md has a section per command naming each of its options, the global options, and every exit status."""
    text = (SCHEMAS.parent / "cli.md").read_text(encoding="utf-8")
    parser = _cli._parser(io.StringIO())
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert COMMANDS == list(commands.choices)
    for name, sub in commands.choices.items():
        section = text.split(f"\n### {name}\n", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
        options = [o for a in sub._actions for o in a.option_strings if o not in ("-h", "--help", "--json")]
        assert [] == [o for o in options if f"`{o}" not in section], name
    assert all(f"`{o}" in text for a in parser._actions for o in a.option_strings)
    assert [] == [int(s) for s in Exit if f"\n| {int(s)} |" not in text]


# --- text output


def test_show_kushakpaev_with_citations() -> None:
    """show Kushakpaev prints Nurbek Kushakbaev's record with its citations."""
    status, text = run("show", "Kushakpaev")
    assert 0 == status
    assert text.startswith("Nurbek Kushakbaev  (person:nurbek-kushakbaev)")
    assert "Citations:" in text and "Kushakpaev" in text


def test_json_before_or_after_the_command() -> None:
    """--json works before and after the command, with the same output."""
    before, after = run("--json", "info"), run("info", "--json")
    assert before == after and 0 == before[0]
    assert json.loads(before[1])["counts"]


def test_export_round_trip(tmp_path: Path) -> None:
    """export writes a snapshot that load(DIR) and --data read back equal."""
    status, _ = run("export", "--format", "json", "--out", str(tmp_path))
    assert 0 == status and load() == load(tmp_path)
    status, text = run("--data", str(tmp_path), "info", "--json")
    assert 0 == status and load().counts() == json.loads(text)["counts"]


def test_export_passes_force(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """export --force reaches export(force=True); without it, force=False."""
    seen: List[bool] = []
    real = _cli.export

    def spy(ds: Any, fmt: str, out: Any, *, force: bool = False) -> Path:
        seen.append(force)
        return real(ds, fmt, out, force=force)

    monkeypatch.setattr(_cli, "export", spy)
    assert 0 == run("export", "--out", str(tmp_path / "a"))[0]
    assert 0 == run("export", "--out", str(tmp_path / "b"), "--force")[0]
    assert [False, True] == seen


def test_catalogue_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """catalogue refuses a foreign non-empty directory (exit 2, kept); --force replaces it."""
    (tmp_path / "mine.txt").write_text("x", encoding="utf-8")
    assert Exit.USAGE == run("catalogue", "--out", str(tmp_path))[0]
    assert "--force" in capsys.readouterr().err and (tmp_path / "mine.txt").is_file()
    assert 0 == run("catalogue", "--out", str(tmp_path), "--force")[0]
    assert not (tmp_path / "mine.txt").exists() and (tmp_path / MARKER).is_file()


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A dataset whose names and texts hold control characters, bidi overrides and Markdown.

    The loader refuses control characters in data files, so the dataset is built in memory (as
    Python code could build it) and handed to the CLI in place of the one it would load.
    """
    import kz_labour_rights._cli as cli_module

    ds = unchecked_dataset(hostile_records())
    monkeypatch.setattr(cli_module, "load", lambda path=None: ds)
    return tmp_path


@pytest.mark.parametrize("argv", [
    ["info"], ["show", "person:p"], ["show", "case:c"], ["show", "org:o"], ["show", "event:e"], ["show", "source:s"],
    ["show", "membership:m"], ["search", "script"], ["timeline", "person:p"], ["check"],
])
def test_text_output_escapes_control_characters(hostile: Path, argv: List[str]) -> None:
    """Every text writer escapes control characters and bidi overrides from the data; only the CLI's own newlines remain."""
    status, text = run("--data", str(hostile), *argv)
    assert 0 == status and text.endswith("\n")
    assert CONTROL_CHARACTERS.search(text.replace("\n", "")) is None
    assert HOSTILE["terminal"] not in text and HOSTILE["bidi"] not in text


def test_text_output_shows_escapes_visibly(hostile: Path) -> None:
    """A newline, an escape sequence and a bidi override in the data are shown as \\x0a, \\x1b and \\u202e."""
    status, text = run("--data", str(hostile), "show", "person:p")
    assert "  description: two\\x0alines\\x1b]0;owned\\x07\\x1b[2J\n" in text
    status, text = run("--data", str(hostile), "timeline", "person:p")
    assert "evil\\u202egnp.exe\\u2066" in text


def test_json_output_escapes_control_characters_and_parses_back(hostile: Path) -> None:
    """--json output holds no raw control character, and parses back to the data's own text."""
    status, text = run("--data", str(hostile), "show", "event:e", "--json")
    assert CONTROL_CHARACTERS.search(text.replace("\n", "")) is None
    assert HOSTILE["html"] + HOSTILE["terminal"] + HOSTILE["bidi"] == json.loads(text)["record"]["summary"]


def test_version_in_process() -> None:
    """--version prints 'kz-labour-rights <version>' and exits 0, even with a command after it."""
    assert (0, f"kz-labour-rights {packaged_version()}\n") == run("--version")
    assert (0, f"kz-labour-rights {packaged_version()}\n") == run("--version", "info")


def test_help_goes_to_the_output_stream() -> None:
    """--help prints the usage to main's stream and exits 0."""
    status, text = run("search", "--help")
    assert 0 == status and text.startswith("usage: kz-labour-rights search")


# --- failures: one line on stderr, the documented status, JSON with --json


def assert_one_line(err: str) -> str:
    assert "Traceback" not in err
    assert err.endswith("\n") and 1 == len(err.splitlines()), err
    return err


def fails(capsys: pytest.CaptureFixture[str], conforms: Optional[Conforms], status: int, *argv: str) -> str:
    """Run ``argv`` as text and with --json; both must fail with ``status`` and one line on stderr.

    Returns the text line.  The JSON line must fit error.json and name the status.
    """
    capsys.readouterr()
    got, out = run(*argv)
    err = assert_one_line(capsys.readouterr().err)
    assert (status, "") == (got, out) and err.startswith("kz-labour-rights: ")
    if conforms is not None:
        got, out = run(*argv, "--json")
        json_err = assert_one_line(capsys.readouterr().err)
        assert (status, "") == (got, out)
        data = json.loads(json_err)
        conforms("error", data)
        assert status == data["error"]["exit_code"]
    return err


@pytest.fixture(scope="module")
def bad_data(tmp_path_factory: pytest.TempPathFactory, snapshot: Path) -> Dict[str, Path]:
    """--data targets that cannot be read: missing, a file, an empty file, an empty directory, broken JSON."""
    root = tmp_path_factory.mktemp("bad")
    (root / "file.txt").write_text("not a dataset\n", encoding="utf-8")
    (root / "empty.sqlite").write_bytes(b"")
    (root / "empty").mkdir()
    broken = root / "broken"
    broken.mkdir()
    for f in snapshot.iterdir():
        (broken / f.name).write_bytes(f.read_bytes())
    (broken / "events.json").write_text("[{\"id\": ", encoding="utf-8")
    many = root / "many"
    many.mkdir()
    for f in snapshot.iterdir():
        (many / f.name).write_bytes(f.read_bytes() if f.name == "meta.json" else b"[")
    return {"missing": root / "missing", "file": root / "file.txt", "empty-file": root / "empty.sqlite", "empty": root / "empty", "broken": broken,
            "many": many}


DATA_COMMANDS = [
    ["info"], ["show", "Baltabay"], ["claims", "Baltabay"], ["search", "Baltabay"], ["timeline", "Baltabay"], ["export", "--out", "{tmp}/x"],
    ["catalogue", "--out", "{tmp}/c"], ["check"], ["coverage", "--sources", "{tmp}"],
]


@pytest.mark.parametrize("case", ["missing", "file", "empty-file", "empty", "broken"])
@pytest.mark.parametrize("argv", DATA_COMMANDS, ids=lambda a: a[0])
def test_unreadable_data_is_invalid_data(capsys: pytest.CaptureFixture[str], conforms: Conforms, bad_data: Dict[str, Path],
                                         tmp_path: Path, argv: List[str], case: str) -> None:
    """Every command reading --data DIR that is missing, a file, empty or broken exits 3 with one line."""
    err = fails(capsys, conforms, Exit.INVALID_DATA, "--data", str(bad_data[case]), *(a.format(tmp=tmp_path) for a in argv))
    assert "problem(s) in the dataset files" in err


@pytest.mark.parametrize("case", ["missing", "file", "empty", "broken"])
def test_diff_and_fmt_of_unreadable_data(capsys: pytest.CaptureFixture[str], conforms: Conforms, bad_data: Dict[str, Path],
                                         snapshot: Path, case: str) -> None:
    """diff with an unreadable side, and fmt of an unreadable directory, exit 3."""
    fails(capsys, conforms, Exit.INVALID_DATA, "diff", str(snapshot), str(bad_data[case]))
    fails(capsys, conforms, Exit.INVALID_DATA, "diff", str(bad_data[case]), str(snapshot))
    fails(capsys, conforms, Exit.INVALID_DATA, "fmt", str(bad_data[case]), "--check")


def test_data_errors_are_listed_in_json(capsys: pytest.CaptureFixture[str], bad_data: Dict[str, Path]) -> None:
    """With --json a DataError lists every problem with file, record, field and message; the text line shows five."""
    run("--data", str(bad_data["many"]), "info", "--json")
    problems = json.loads(capsys.readouterr().err)["error"]["problems"]
    assert len(problems) > 5 and {"file", "record", "field", "message"} == set(problems[0])
    run("--data", str(bad_data["many"]), "info")
    assert f"and {len(problems) - 5} more (--json lists them all)" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["show", "Kharkov"], ["timeline", "Kharkov"], ["show", "person:nobody"], ["show", "union"], ["timeline", "union"]])
def test_unknown_or_ambiguous_name_exits_1(capsys: pytest.CaptureFixture[str], conforms: Conforms, argv: List[str]) -> None:
    """An unknown or ambiguous name: one line, exit 1; the JSON carries the query and the suggestions or candidates."""
    fails(capsys, conforms, Exit.NOT_FOUND, *argv)
    run(*argv, "--json")
    error = json.loads(capsys.readouterr().err)["error"]
    assert argv[1] == error["query"]
    assert "suggestions" in error or len(error["candidates"]) > 1


def test_unknown_name_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    """The not-found line suggests the near match."""
    assert "Larisa Kharkova" in fails(capsys, None, Exit.NOT_FOUND, "show", "Kharkov")


@pytest.mark.parametrize("argv", [
    ["search", "x", "--limit", "0"], ["search", "x", "--limit", "-1"], ["search", "x", "--limit", "x"], ["search", "x", "--type", "cats"],
    ["nosuch"], ["info", "--bogus"], ["--bogus", "info"], [], ["show"], ["export"], ["fmt"], ["coverage"], ["diff", "a"],
    ["catalogue"], ["check", "extra"], ["--data"], ["--jso", "info"],
])
def test_bad_command_line_exits_2(capsys: pytest.CaptureFixture[str], conforms: Conforms, argv: List[str]) -> None:
    """Unknown commands and options, missing or bad arguments: one line naming the help to read, exit 2."""
    assert "--help" in fails(capsys, conforms, Exit.USAGE, *argv)


@pytest.mark.parametrize("argv", [["search", "--json"], ["--json", "nosuch"], ["nosuch", "--json"], ["info", "--bogus", "--json"], ["--json"]])
def test_usage_error_with_json_anywhere_is_json(capsys: pytest.CaptureFixture[str], conforms: Conforms, argv: List[str]) -> None:
    """A bad command line holding --json anywhere is reported as JSON."""
    assert Exit.USAGE == run(*argv)[0]
    data = json.loads(assert_one_line(capsys.readouterr().err))
    conforms("error", data)
    assert ("UsageError", 2) == (data["error"]["type"], data["error"]["exit_code"])


def test_non_string_arguments_are_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """main() called with an argument that is not a string: exit 2, not a crash."""
    assert Exit.USAGE == main(["search", 3], out=io.StringIO())  # type: ignore[list-item]
    assert "bad arguments" in assert_one_line(capsys.readouterr().err)


def test_limit_is_checked_before_loading(capsys: pytest.CaptureFixture[str]) -> None:
    """--limit 0 names the option and the fix."""
    assert "argument --limit: '0' is less than 1; pass 1 or more" in fails(capsys, None, Exit.USAGE, "search", "x", "--limit", "0")


def test_coverage_needs_a_sources_directory(capsys: pytest.CaptureFixture[str], conforms: Conforms, tmp_path: Path) -> None:
    """coverage with a missing --sources directory exits 2 naming the option; a missing --ignore file exits 5."""
    assert "--sources" in fails(capsys, conforms, Exit.USAGE, "coverage", "--sources", str(tmp_path / "nope"))
    fails(capsys, conforms, Exit.IO_ERROR, "coverage", "--sources", str(tmp_path), "--ignore", str(tmp_path / "nope.txt"))


@pytest.mark.parametrize("command", ["export", "catalogue"])
def test_writing_under_a_file_is_an_io_error(capsys: pytest.CaptureFixture[str], conforms: Conforms, tmp_path: Path, command: str) -> None:
    """--out under a regular file (as good as read-only, even for root) exits 5 naming the path."""
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    err = fails(capsys, conforms, Exit.IO_ERROR, command, "--out", str(tmp_path / "file.txt" / "sub"))
    assert "file.txt" in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_catalogue_onto_dev_full(capsys: pytest.CaptureFixture[str], conforms: Conforms) -> None:
    """catalogue --out /dev/full/x exits 5."""
    fails(capsys, conforms, Exit.IO_ERROR, "catalogue", "--out", "/dev/full/x")


def test_full_disk_keeps_the_old_catalogue(capsys: pytest.CaptureFixture[str], conforms: Conforms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No space left while writing the catalogue: exit 5, the old catalogue intact, no temporary directory."""
    out = tmp_path / "cat"
    assert 0 == run("catalogue", "--out", str(out))[0]
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    real_open = Path.open

    def full(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "w" in mode:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", full)
    assert "No space left on device; free some space" in fails(capsys, conforms, Exit.IO_ERROR, "catalogue", "--out", str(out))
    assert before == sorted(p.relative_to(out) for p in out.rglob("*"))
    assert ["cat"] == [p.name for p in tmp_path.iterdir()]


class _Stream(io.StringIO):
    def __init__(self, exc: BaseException) -> None:
        super().__init__()
        self.exc = exc

    def write(self, text: str) -> int:
        raise self.exc


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_broken_pipe_is_quiet(capsys: pytest.CaptureFixture[str], json_flag: List[str]) -> None:
    """A reader that went away (EPIPE): exit 141, nothing on stderr, text or JSON."""
    # OSError(EPIPE) is constructed as a BrokenPipeError.
    assert Exit.BROKEN_PIPE == main(["info", *json_flag], out=_Stream(OSError(errno.EPIPE, "Broken pipe")))
    assert "" == capsys.readouterr().err


def test_unencodable_output_is_an_io_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Output the stream cannot encode exits 5 with the fix."""
    assert Exit.IO_ERROR == main(["info"], out=_Stream(UnicodeEncodeError("ascii", "Ерлан", 0, 1, "ordinal not in range(128)")))
    assert "PYTHONIOENCODING=utf-8" in assert_one_line(capsys.readouterr().err)


def _raising(exc: BaseException) -> Callable[..., Any]:
    def raises(*args: Any, **kwargs: Any) -> Any:
        raise exc

    return raises


@pytest.mark.parametrize("exc, status, kind", [
    (KeyboardInterrupt(), Exit.INTERRUPTED, "KeyboardInterrupt"),
    (RuntimeError("boom"), Exit.INTERNAL, "RuntimeError"),
    (MemoryError(), Exit.INTERNAL, "MemoryError"),
    (RecursionError("maximum recursion depth exceeded"), Exit.INTERNAL, "RecursionError"),
    (TypeError("unhashable type: 'list'"), Exit.INTERNAL, "TypeError"),
    (InvalidValueError("2019-13", "a month from 1 to 12"), Exit.INVALID_DATA, "InvalidValueError"),
    (OSError(errno.EACCES, "Permission denied", "/root/x"), Exit.IO_ERROR, "PermissionError"),
    (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), Exit.IO_ERROR, "UnicodeDecodeError"),
    (type("FutureLookupError", (KzLabourRightsError, LookupError), {})("x"), Exit.NOT_FOUND, "FutureLookupError"),
    (type("FutureError", (KzLabourRightsError,), {})("x"), Exit.INVALID_DATA, "FutureError"),
])
@pytest.mark.parametrize("command", ["check", "catalogue", "info"])
def test_every_exception_is_one_line(capsys: pytest.CaptureFixture[str], conforms: Conforms, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                     command: str, exc: BaseException, status: int, kind: str) -> None:
    """Ctrl-C, crashes (check and catalogue included), and every kind of error: one line, the documented status, typed JSON."""
    target = {"check": "check", "catalogue": "write_catalogue", "info": "packaged_version"}[command]
    monkeypatch.setattr(_cli, target, _raising(exc))
    argv = [command, *(["--out", str(tmp_path / "c")] if command == "catalogue" else [])]
    err = fails(capsys, conforms, status, *argv)
    run(*argv, "--json")
    assert kind == json.loads(capsys.readouterr().err)["error"]["type"]
    if status == Exit.INTERNAL:
        assert err.startswith(f"kz-labour-rights: internal error: {kind}") and "please report it" in err


def test_internal_error_line(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """An internal error reads 'internal error: <type>: <msg> — please report it'; KZLR_DEBUG=1 adds the traceback."""
    monkeypatch.setattr(_cli, "check", _raising(RuntimeError("boom")))
    assert "kz-labour-rights: internal error: RuntimeError: boom — please report it" in fails(capsys, None, Exit.INTERNAL, "check")
    monkeypatch.setenv("KZLR_DEBUG", "1")
    assert Exit.INTERNAL == run("check")[0]
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: boom" in err.splitlines()[-1]


def test_invalid_value_json_fields(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """An InvalidValueError's JSON carries the value and what was expected."""
    monkeypatch.setattr(_cli, "check", _raising(InvalidValueError("2019-13", "a month from 1 to 12")))
    run("check", "--json")
    error = json.loads(capsys.readouterr().err)["error"]
    assert ("2019-13", "a month from 1 to 12", 3) == (error["value"], error["expected"], error["exit_code"])


def test_sigterm_interrupts_and_cleans_up(capsys: pytest.CaptureFixture[str], conforms: Conforms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM half-way through the catalogue: exit 130, the old catalogue intact, no temporary directory; the handler is restored."""
    out = tmp_path / "cat"
    assert 0 == run("catalogue", "--out", str(out))[0]
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def ignore(signum: int, frame: Any) -> None:
        """The handler outside main: it does nothing, so only main's handler can interrupt."""

    def terminated(ds: Any, person: Any, report: Any) -> str:
        signal.raise_signal(signal.SIGTERM)
        raise AssertionError("SIGTERM did not interrupt")

    monkeypatch.setattr(_catalogue, "_person_page", terminated)
    previous = signal.signal(signal.SIGTERM, ignore)
    try:
        assert "terminated (SIGTERM)" in fails(capsys, conforms, Exit.INTERRUPTED, "catalogue", "--out", str(out))
        run("catalogue", "--out", str(out), "--json")
        assert "Terminated" == json.loads(capsys.readouterr().err)["error"]["type"]
        assert ignore == signal.getsignal(signal.SIGTERM)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert before == sorted(p.relative_to(out) for p in out.rglob("*"))
    assert ["cat"] == [p.name for p in tmp_path.iterdir()]


def test_errors_escape_control_characters(capsys: pytest.CaptureFixture[str]) -> None:
    """A query holding control characters is shown escaped in the error line."""
    err = fails(capsys, None, Exit.NOT_FOUND, "show", "x\x1b[2Jy\u202e")
    assert "\x1b" not in err and "\u202e" not in err and "\\x1b[2J" in err


# --- as a process


def test_python_dash_m() -> None:
    """python -m kz_labour_rights works as the console script does."""
    out = cli("info")
    assert 0 == out.returncode and "people" in out.stdout


def test_version_as_a_process() -> None:
    """kz-labour-rights --version prints the package version and exits 0."""
    out = cli("--version")
    assert (0, f"kz-labour-rights {packaged_version()}\n", "") == (out.returncode, out.stdout, out.stderr)


def _closed_pipe() -> Iterator[int]:
    read, write = os.pipe()
    os.close(read)  # no reader at all: the first write fails with EPIPE, whenever it comes
    try:
        yield write
    finally:
        os.close(write)


@pytest.mark.parametrize("argv", [["info"], ["show", "Baltabay", "--json"], ["search", "union", "--limit", "50"]])
def test_closed_stdout_as_a_process(argv: List[str]) -> None:
    """stdout closed by its reader: exit 141 and nothing on stderr (no 'Exception ignored' at exit)."""
    for fd in _closed_pipe():
        out = cli(*argv, stdout=fd, stderr=subprocess.PIPE, capture_output=False)
    assert (141, "") == (out.returncode, out.stderr)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_full_stdout_as_a_process(json_flag: List[str]) -> None:
    """stdout on a full device: exit 5 and one line naming <stdout>."""
    with open("/dev/full", "w") as full:
        out = cli("info", *json_flag, stdout=full, stderr=subprocess.PIPE, capture_output=False)
    assert 5 == out.returncode
    assert "<stdout>: No space left on device" in assert_one_line(out.stderr)


def test_unencodable_stdout_as_a_process() -> None:
    """An ASCII-only stdout and non-ASCII output: exit 5 and one line with the fix."""
    out = cli("show", "Kharkova", env={"PYTHONIOENCODING": "ascii"})
    assert 5 == out.returncode and "PYTHONIOENCODING=utf-8" in assert_one_line(out.stderr)


def test_usage_error_as_a_process() -> None:
    """An unknown command as a process: exit 2, one line, JSON with --json."""
    out = cli("nosuch")
    assert 2 == out.returncode and "invalid choice" in assert_one_line(out.stderr)
    out = cli("nosuch", "--json")
    assert 2 == json.loads(assert_one_line(out.stderr))["error"]["exit_code"] == out.returncode
