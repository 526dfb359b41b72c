"""Shared pytest configuration: hypothesis profiles, the source-texts option, a fuzzy-matching work counter, and
skips for export formats whose optional library is missing."""

import difflib
import os
from pathlib import Path
from typing import Optional

import pytest
from hypothesis import HealthCheck, settings

# "ci" keeps property tests fast enough for every push; "dev" digs deeper.
settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_collection_modifyitems(config: pytest.Config, items: "list[pytest.Item]") -> None:
    """A test run for an export format whose optional library is not installed skips, naming the extra."""
    from kz_labour_rights.formats import REGISTRY

    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        fmt = REGISTRY.get(params.get("fmt")) if isinstance(params.get("fmt"), str) else None
        if fmt is not None and not fmt.available():
            item.add_marker(pytest.mark.skip(reason=f'the {fmt.name} format needs {", ".join(fmt.needs)}: pip install "kz-labour-rights[{fmt.extra}]"'))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--sources-dir",
        default=os.environ.get("KZLR_SOURCES_DIR"),
        help="directory holding the source texts the citations quote (or set KZLR_SOURCES_DIR)",
    )


@pytest.fixture(scope="session")
def sources_dir(request: pytest.FixtureRequest) -> Path:
    """The directory of source texts; tests needing it skip when it is not given."""
    value: Optional[str] = request.config.getoption("--sources-dir")
    if not value:
        pytest.skip(
            "source texts not given: pass --sources-dir DIR or set KZLR_SOURCES_DIR to the directory holding them "
            "(they are not redistributed; the README's 'Source texts' says which files, from where)"
        )
    path = Path(value)
    if not path.is_dir():
        pytest.fail(f"--sources-dir {value!r} is not a directory")
    return path


class Work:
    """Fuzzy-matching work done: SequenceMatcher ratios computed, and their cost
    as compared character pairs (``len(a) * len(b)`` summed)."""

    def __init__(self) -> None:
        self.ratios = 0
        self.cells = 0

    def reset(self) -> None:
        """Start counting again from zero."""
        self.ratios = self.cells = 0


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Work:
    """Counts every SequenceMatcher.ratio() while the test runs, so tests bound work, not time."""
    counter = Work()
    original = difflib.SequenceMatcher

    class Counting(original):  # type: ignore[misc,valid-type]
        def ratio(self) -> float:
            counter.ratios += 1
            counter.cells += len(self.a) * len(self.b)
            return float(super().ratio())

    monkeypatch.setattr(difflib, "SequenceMatcher", Counting)
    return counter


def run_sql(path: Path, *statements: str) -> None:
    """Run ``statements`` on the SQLite file ``path`` in one transaction (tests that tamper with an export)."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        with con:
            for s in statements:
                con.execute(s)
    finally:
        con.close()
