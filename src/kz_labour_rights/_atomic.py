"""All-or-nothing outputs: build beside the target, swap it in with one rename.

Every file or directory the package writes (exports, ``fmt``, the catalogue)
is built in a temporary sibling of its target — same directory, so the same
file system — and moved into place with a single rename.  A process killed
at any instant leaves the target as it was or as it should become, never a
mixture:

- a file is swapped in with :func:`os.replace`, atomic on POSIX and Windows;
- a directory that does not exist yet is renamed into place;
- an existing directory is exchanged with the new one in one step
  (``renameat2(RENAME_EXCHANGE)``, Linux 3.15+ on file systems that support
  it); elsewhere the old directory is renamed aside first, which leaves a
  short window in which the target is absent (never mixed);
- files that belong together (an SQLite export and the Datasette metadata
  beside it) are all built first, then swapped in one by one, the main
  file last; a failed swap puts back the ones already made.

Temporary siblings are named ``.<target>.kzlr-tmp-<pid>-<random>``; an error
removes them, and a later write to the same target removes any left by a
process that was killed (one whose pid no longer runs).  New files and
directories get the usual mode (``0o666``/``0o777`` less the umask), not the
private mode of :mod:`tempfile`.
"""

import contextlib
import errno
import os
import re
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Iterator, List, Optional, Sequence, Tuple

__all__ = ["TEMP_MARK", "building_dir", "building_file", "building_files", "is_temp_name", "umask"]

TEMP_MARK = ".kzlr-tmp-"
"""What every temporary sibling's name contains."""

# The random part may carry a suffix another writer adds beside the file
# (SQLite's "-journal").
_TEMP_RE = re.compile(r"^\..+" + re.escape(TEMP_MARK) + r"(\d+)-[A-Za-z0-9_]+(?:-[a-z]+)?$")
_umask_lock = threading.Lock()


def is_temp_name(name: str) -> bool:
    """Whether ``name`` is a temporary sibling written by this module."""
    return _TEMP_RE.match(name) is not None


def umask() -> int:
    """The process umask (read without changing it where the OS allows)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _umask_lock:  # pragma: no cover - systems without /proc
        current = os.umask(0o022)
        os.umask(current)
        return current


def _prefix(target: Path) -> str:
    return f".{target.name}{TEMP_MARK}{os.getpid()}-"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _sweep(target: Path) -> None:
    """Remove temporary siblings of ``target`` left by processes that died."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    start = f".{target.name}{TEMP_MARK}"
    for name in names:
        m = _TEMP_RE.match(name)
        if m is None or not name.startswith(start):
            continue
        if int(m.group(1)) == os.getpid() or _pid_alive(int(m.group(1))):
            continue
        path = target.parent / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` atomically; False where the OS or file system cannot."""
    import ctypes  # only writers need it; importing the package stays light

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap_in_dir(new: Path, target: Path) -> None:
    if not os.path.lexists(target):
        try:
            os.rename(new, target)
            return
        except OSError as exc:
            # Another writer created it meanwhile: fall through and exchange.
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
    if target.is_symlink() or not target.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a directory", str(target))
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # it now holds the old directory
        return
    aside = Path(tempfile.mkdtemp(prefix=_prefix(target), dir=target.parent))
    os.rmdir(aside)
    os.rename(target, aside)
    os.rename(new, target)
    shutil.rmtree(aside, ignore_errors=True)


@contextlib.contextmanager
def building_dir(target: "os.PathLike[str] | str", *, mode: Optional[int] = None) -> Iterator[Path]:
    """Yield an empty directory beside ``target``; swap it in when the block ends.

    If the block raises (or the process is interrupted), the temporary
    directory is removed and ``target`` is untouched.  ``mode`` defaults to
    ``0o777`` less the umask.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _sweep(target)
    tmp = Path(tempfile.mkdtemp(prefix=_prefix(target), dir=target.parent))
    try:
        os.chmod(tmp, mode if mode is not None else 0o777 & ~umask())
        yield tmp
        _swap_in_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _temp_file(target: Path, mode: Optional[int]) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    _sweep(target)
    fd, name = tempfile.mkstemp(prefix=_prefix(target), dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        os.chmod(tmp, mode if mode is not None else 0o666 & ~umask())
    except BaseException:
        tmp.unlink()
        raise
    return tmp


def _keep_old(target: Path) -> Optional[Path]:
    """A hard link to ``target`` as it is now (None if it does not exist), to put back on failure."""
    if not os.path.lexists(target):
        return None
    backup = _temp_file(target, None)
    backup.unlink()
    try:
        # A link, not a copy or a rename: the target stays in place, whole, until it is replaced.
        os.link(target, backup, follow_symlinks=False)
    except (OSError, NotImplementedError):
        shutil.copy2(target, backup, follow_symlinks=False)
    return backup


def _swap_in_files(pairs: Sequence[Tuple[Path, Path]]) -> None:
    """Replace each target with its new file, the first pair's last; undo them all if one fails."""
    done: List[Tuple[Path, Optional[Path]]] = []
    backups: List[Path] = []
    try:
        for i, (new, target) in enumerate(reversed(pairs)):
            # The last swap needs no backup: it either happens or it does not.
            backup = _keep_old(target) if i < len(pairs) - 1 else None
            if backup is not None:
                backups.append(backup)
            os.replace(new, target)
            done.append((target, backup))
    except BaseException:
        for target, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is None:
                    target.unlink()
                else:
                    os.replace(backup, target)
        raise
    finally:
        for backup in backups:
            with contextlib.suppress(OSError):
                backup.unlink()


@contextlib.contextmanager
def building_files(*targets: "os.PathLike[str] | str", mode: Optional[int] = None) -> Iterator[Tuple[Path, ...]]:
    """Yield a path beside each target to write; swap them all in when the block ends, the first target last.

    Both or neither: if the block raises, or one swap fails, the
    temporary files are removed and every target is as it was (a target
    replaced already is put back from a hard link to the old file).  The
    first target is replaced last, so whoever sees the new first file
    sees the others new too; only a process killed between two swaps —
    a window of one rename — leaves the later targets new and the first
    one old.  ``mode`` defaults to ``0o666`` less the umask.
    """
    paths = [Path(t) for t in targets]
    tmps: List[Path] = []
    try:
        for target in paths:
            tmps.append(_temp_file(target, mode))
        yield tuple(tmps)
        _swap_in_files(list(zip(tmps, paths)))
    except BaseException:
        for tmp in tmps:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise


@contextlib.contextmanager
def building_file(target: "os.PathLike[str] | str", *, mode: Optional[int] = None) -> Iterator[Path]:
    """Yield a path beside ``target`` to write; replace ``target`` with it when the block ends.

    If the block raises, the temporary file is removed and ``target`` is
    untouched.  ``mode`` defaults to ``0o666`` less the umask.
    """
    target = Path(target)
    tmp = _temp_file(target, mode)
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
