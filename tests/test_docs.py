"""The worked examples in the docs run and give the figures they show."""

import doctest
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_arithmetic_examples() -> None:
    """docs/arithmetic.md's examples reproduce 1,595,800 tenge, 158 days and Kharkova's end dates."""
    result = doctest.testfile(str(DOCS / "arithmetic.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert (0, True) == (result.failed, result.attempted > 0)
