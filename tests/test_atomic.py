"""building_files: files that belong together are swapped in together, the first one last, or not at all."""

import os
from pathlib import Path
from typing import Any, List

import pytest

from kz_labour_rights import _atomic
from kz_labour_rights._atomic import TEMP_MARK, building_files, umask


def _leftovers(path: Path) -> List[str]:
    return sorted(p.name for p in path.iterdir() if TEMP_MARK in p.name)


def _write(a: Path, b: Path, text: str) -> None:
    with building_files(a, b) as (ta, tb):
        ta.write_text(text + " db", encoding="utf-8")
        tb.write_text(text + " meta", encoding="utf-8")


def test_both_files_are_swapped_in_with_the_usual_mode(tmp_path: Path) -> None:
    """Each target gets its new text, files get 0o666 less the umask, and no temporary file stays."""
    a, b = tmp_path / "x.sqlite", tmp_path / "x.metadata.json"
    _write(a, b, "first")
    _write(a, b, "second")
    assert ("second db", "second meta") == (a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8"))
    assert {0o666 & ~umask()} == {p.stat().st_mode & 0o777 for p in (a, b)}
    assert [] == _leftovers(tmp_path)


def test_an_error_in_the_block_changes_nothing(tmp_path: Path) -> None:
    """A writer that fails after writing both temporary files leaves both targets as they were."""
    a, b = tmp_path / "x.sqlite", tmp_path / "x.metadata.json"
    _write(a, b, "old")
    with pytest.raises(OSError):
        with building_files(a, b) as (ta, tb):
            ta.write_text("half", encoding="utf-8")
            tb.write_text("half", encoding="utf-8")
            raise OSError(28, "No space left on device")
    assert ("old db", "old meta") == (a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8"))
    assert [] == _leftovers(tmp_path)


@pytest.mark.parametrize("existed", [True, False])
def test_a_failed_last_swap_puts_back_the_ones_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existed: bool) -> None:
    """When replacing the first target fails, the second (already replaced) is put back, or removed if it was new."""
    a, b = tmp_path / "x.sqlite", tmp_path / "x.metadata.json"
    if existed:
        _write(a, b, "old")
    real = os.replace

    def failing(src: Any, dst: Any) -> None:
        if Path(dst) == a:
            raise OSError(5, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(_atomic.os, "replace", failing)
    with pytest.raises(OSError, match="Input/output"):
        _write(a, b, "new")
    monkeypatch.undo()
    if existed:
        assert ("old db", "old meta") == (a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8"))
    else:
        assert (False, False) == (a.exists(), b.exists())
    assert [] == _leftovers(tmp_path)


def test_the_first_target_is_replaced_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whoever sees the new first file (the database) sees the others new already."""
    a, b = tmp_path / "x.sqlite", tmp_path / "x.metadata.json"
    order: List[str] = []
    real = os.replace

    def spy(src: Any, dst: Any) -> None:
        order.append(Path(dst).name)
        real(src, dst)

    monkeypatch.setattr(_atomic.os, "replace", spy)
    _write(a, b, "new")
    assert ["x.metadata.json", "x.sqlite"] == order
