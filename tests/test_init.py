"""The package surface: a sorted-by-kind __all__, every name importable, nothing heavy at import."""

import subprocess
import sys

import kz_labour_rights


def test_every_public_name_resolves_and_is_listed() -> None:
    """Each name in __all__ resolves (lazily) and dir() lists it; an unknown name is an AttributeError."""
    missing = [n for n in kz_labour_rights.__all__ if getattr(kz_labour_rights, n, None) is None]
    assert ([], set()) == (missing, set(kz_labour_rights.__all__) - set(dir(kz_labour_rights)))
    try:
        kz_labour_rights.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("an unknown name must raise AttributeError")


def test_import_loads_no_module_of_the_package() -> None:
    """`import kz_labour_rights` imports none of its modules, nor sqlite3, csv or difflib (checked in a fresh interpreter)."""
    code = (
        "import sys, kz_labour_rights; "
        "print(sorted(m for m in sys.modules if m.startswith('kz_labour_rights.') or m in ('sqlite3', 'csv', 'difflib', 'cattrs')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert "[]" == out.strip()


def test_load_needs_no_other_format() -> None:
    """load() of the packaged JSON, and a lookup that finds its name, import neither the CSV, data-package nor
    SQLite module (nor sqlite3, csv or difflib), nor the checks."""
    code = (
        "import sys, kz_labour_rights as k; k.load().people.lookup('Kushakpaev'); "
        "print(sorted(m for m in sys.modules if m in ('sqlite3', 'csv', 'difflib') or m.startswith(('kz_labour_rights.formats.', 'kz_labour_rights._checks'))"
        " and not m.endswith(('._base', '.json'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert "[]" == out.strip()
