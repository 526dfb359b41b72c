"""The worked examples in the docs run and give the figures they show."""

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_arithmetic_examples() -> None:
    """docs/arithmetic.md's examples reproduce 1,595,800 tenge, 158 days and Kharkova's end dates."""
    result = doctest.testfile(str(DOCS / "arithmetic.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert (0, True) == (result.failed, result.attempted > 0)


def test_analysis_examples() -> None:
    """docs/analysis.md's pandas, Arrow and DuckDB examples run and give what they show (polars' are marked SKIP)."""
    for module, extra in (("pandas", "pandas"), ("pyarrow", "parquet"), ("duckdb", "test")):
        pytest.importorskip(module, reason=f'the analysis examples need {module}: pip install "kz-labour-rights[{extra}]"')
    result = doctest.testfile(str(DOCS / "analysis.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert (0, True) == (result.failed, result.attempted > 0)


def test_graphs_examples() -> None:
    """docs/graphs.md's networkx and FtM examples run and give Kharkova's roles, case steps and dates as shown."""
    pytest.importorskip("networkx", reason="docs/graphs.md reads the GraphML export with networkx (in the test extra)")
    result = doctest.testfile(str(DOCS / "graphs.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert (0, True) == (result.failed, result.attempted > 0)


def test_data_model_examples_parse() -> None:
    """Every JSON example in docs/data-model.md parses as the record type its heading names."""
    import json
    import re

    import kz_labour_rights
    from kz_labour_rights._converter import structure

    text = (DOCS / "data-model.md").read_text(encoding="utf-8")
    examples = []
    for chunk in text.split("\n### ")[1:]:
        name = chunk.split("\n", 1)[0].strip()
        block = re.search(r"```json\n(.*?)\n```", chunk, flags=re.S)
        if block:
            examples.append((name, block.group(1)))
    assert len(examples) >= 10
    for name, body in examples:
        structure(json.loads(body), getattr(kz_labour_rights, name))


def test_data_model_lists_every_enum_value() -> None:
    """The enumerations section names every value of every kind."""
    from kz_labour_rights import Bound, CaseKind, CountOf, DateOf, EventKind, EventStatus, OrgKind, PenaltyKind, RelationKind

    text = (DOCS / "data-model.md").read_text(encoding="utf-8")
    missing = [m.value for cls in (OrgKind, CaseKind, EventKind, EventStatus, PenaltyKind, RelationKind, DateOf, Bound, CountOf) for m in cls if f"`{m.value}`" not in text]
    assert [] == missing


def test_getting_started_python_runs() -> None:
    """Every Python block of docs/getting-started.md runs as written (lookups in Cyrillic and with titles included)."""
    import contextlib
    import io
    import re

    text = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks
    for block in blocks:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(block, "getting-started.md", "exec"), {})


def test_sqlite_examples_run(tmp_path: Path) -> None:
    """Every SQL query in docs/analysis-sqlite.md runs on an SQLite export and returns rows; the first gives Kharkova's events."""
    import re
    import sqlite3

    import pytest

    from kz_labour_rights import export, load
    from kz_labour_rights.formats.sqlite import has_fts5

    if not has_fts5():
        pytest.skip("this Python's SQLite has no FTS5: the examples search full-text tables")
    ds = load()
    con = sqlite3.connect(export(ds, "sqlite", tmp_path / "kz.sqlite"))
    queries = re.findall(r"```sql\n(.*?)\n```", (DOCS / "analysis-sqlite.md").read_text(encoding="utf-8"), flags=re.S)
    results = [con.execute(q).fetchall() for q in queries]
    con.close()
    assert len(queries) >= 5 and all(results), [q for q, r in zip(queries, results) if not r]
    kharkova = sorted((e for e in ds.events if "person:larisa-kharkova" in e.people), key=lambda e: (str(e.date), e.id))
    assert [(str(e.date), e.kind.value, e.summary) for e in kharkova] == [tuple(r) for r in results[0]]
