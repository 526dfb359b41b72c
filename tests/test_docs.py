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
