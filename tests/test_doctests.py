"""The ``>>>`` examples in the package's docstrings run and print what they show.

The API reference (docs/api.md) renders these examples as code; a wrong one
would teach a reader something false.  Besides what :mod:`doctest` finds at
run time, the docstrings placed under module-level constants (``CODES``,
``MCI_TABLE``: read by the documentation tools from the source, invisible to
``doctest``) are collected from the source and run too.
"""

import ast
import doctest
import importlib
import inspect
import pkgutil
from types import ModuleType
from typing import Dict, List, Tuple

import pytest

import kz_labour_rights

# Modules whose import needs an optional extra are left out; every module of
# the package imports without one today (the extras are imported lazily).
_SKIP = frozenset({"kz_labour_rights.__main__"})
_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _modules() -> List[ModuleType]:
    names = [kz_labour_rights.__name__] + [
        info.name for info in pkgutil.walk_packages(kz_labour_rights.__path__, kz_labour_rights.__name__ + ".")
    ]
    return [importlib.import_module(name) for name in sorted(names) if name not in _SKIP]


def _attribute_docstrings(module: ModuleType) -> Dict[str, str]:
    """The docstrings that follow a module-level assignment, by the assigned name."""
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):
        return {}
    found = {}
    body = ast.parse(source).body
    for node, after in zip(body, body[1:]):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if (len(targets) == 1 and isinstance(targets[0], ast.Name) and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant) and isinstance(after.value.value, str)):
            found[targets[0].id] = after.value.value
    return found


def _doctests() -> List[doctest.DocTest]:
    finder = doctest.DocTestFinder()
    parser = doctest.DocTestParser()
    tests = []
    for module in _modules():
        tests.extend(t for t in finder.find(module, module.__name__) if t.examples)
        for name, text in _attribute_docstrings(module).items():
            test = parser.get_doctest(text, dict(vars(module)), f"{module.__name__}.{name}", module.__file__, 0)
            if test.examples:
                tests.append(test)
    return sorted(tests, key=lambda t: t.name)


_TESTS = _doctests()


def _run(test: doctest.DocTest) -> Tuple[int, str]:
    import io

    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=_FLAGS)
    result = runner.run(test, out=out.write)
    return result.failed, out.getvalue()


@pytest.mark.parametrize("test", _TESTS, ids=[t.name for t in _TESTS])
def test_docstring_examples_run(test: doctest.DocTest) -> None:
    """Each docstring's examples give the output they show (against the packaged data)."""
    assert (0, "") == _run(test)


def test_there_are_examples_to_run() -> None:
    """At least 15 docstrings hold examples, so that the test above cannot pass by finding none."""
    assert len(_TESTS) >= 15, [t.name for t in _TESTS]


def test_the_attribute_docstrings_are_found() -> None:
    """The examples under module-level constants (invisible to doctest) are among those run."""
    names = {t.name for t in _TESTS}
    assert {"kz_labour_rights._checks.CODES", "kz_labour_rights.arithmetic.MCI_TABLE"} <= names
