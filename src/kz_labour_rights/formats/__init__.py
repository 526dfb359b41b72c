"""Export formats: one module per format, each a reader and a writer, and this
registry (the way cattrs keeps one module per ``preconf`` format).

=============  =========  ====================================================
name           written as  module
=============  =========  ====================================================
``json``       directory  :mod:`.json` — the canonical snapshot (the packaged data)
``csv``        directory  :mod:`.csv` — one CSV file per table, ``meta.json``
``datapackage`` directory :mod:`.datapackage` — the CSV tables, ``datapackage.json``
``sqlite``     file       :mod:`.sqlite` — one database, keys, indexes, views, full-text
                         search; Datasette's metadata beside it (:mod:`._datasette`)
``parquet``    directory  :mod:`.parquet` — one typed Parquet file per table, ``meta.json`` (needs pyarrow)
``graphml``    file       :mod:`.graphml` — typed nodes and dated edges (write-only)
``ftm``        file       :mod:`.ftm` — FollowTheMoney entities, one per line (write-only)
=============  =========  ====================================================

Every readable export carries its meta (version, schema version, checksum,
format), so :func:`detect` never guesses: a directory's ``meta.json`` says
what it is; a file must be an SQLite database.  Readers return raw records
only; the one strict loader (:func:`kz_labour_rights.load`) does the rest for
every format.  Write-only formats (GraphML, FollowTheMoney) are doors to other
tools: they hold a view of the data, not all of it, so :func:`detect`
recognises them only to refuse them by name.

A new format is one module here plus one line in :data:`REGISTRY`; the
round-trip and junk-input tests pick it up from the registry.
"""

import importlib
import importlib.util
import os
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Tuple, Union

import attrs

from .._atomic import building_dir, building_files, is_temp_name
from .._dataset import Dataset
from .._errors import DataError, Problem, UsageError
from ._base import UNREADABLE, Raw, Root, declared_schema, parse_json, read_json, write_text

__all__ = ["FORMATS", "READABLE", "REGISTRY", "Format", "detect", "export", "read", "to_arrow", "to_pandas"]

PathLike = Union[str, "os.PathLike[str]"]


@attrs.frozen(kw_only=True)
class Format:
    """One export format.

    Attributes:
        name: what ``export --format`` and ``meta.json`` call it.
        module: the module under :mod:`kz_labour_rights.formats` that reads and writes it.
        directory: written as a directory (else as one file).
        description: one line for help texts.
        needs: the optional modules it reads and writes with (none: the
            standard library does).
        extra: the package extra that installs them.
        readable: :func:`kz_labour_rights.load` reads it back; a write-only
            format holds a view of the data for another tool, not the data.
        suffix: for a file format, the suffix of the file written when the
            destination is a directory or has no suffix of its own.
        purpose: for a write-only format, the tools it is for (said when
            ``load()`` refuses it).
        title: its name in prose ("data package", "SQLite"); the name if empty.
    """

    name: str
    module: str
    directory: bool
    description: str
    needs: Tuple[str, ...] = ()
    extra: str = ""
    readable: bool = True
    suffix: str = ""
    purpose: str = ""
    title: str = ""

    @property
    def shown(self) -> str:
        """The format's name in prose."""
        return self.title or self.name

    def available(self) -> bool:
        """Whether the modules it needs are installed."""
        return all(importlib.util.find_spec(m) is not None for m in self.needs)

    def _module(self) -> Any:
        return importlib.import_module(f"{__name__}.{self.module}")

    @property
    def files(self) -> FrozenSet[str]:
        """The file names a directory of this format holds."""
        files: FrozenSet[str] = self._module().FILES
        return files

    def read(self, path: Root, problems: List[Problem]) -> Raw:
        """The raw snapshot at ``path``; defects are appended to ``problems``.

        Raises:
            DataError: the format is write-only.
        """
        if not self.readable:
            raise _write_only(self, str(path))
        raw: Raw = self._module().read(path, problems)
        return raw

    def recognises(self, path: Path) -> bool:
        """Whether the existing file ``path`` is an export of this write-only format.

        Only a bounded head of a regular file is read (see the module's ``recognise``).
        """
        known: bool = self._module().recognise(path)
        return known

    def write(self, ds: Dataset, path: Path) -> None:
        """Write ``ds`` into the new, empty directory (or file) ``path``."""
        self._module().write(ds, path)

    def sidecars(self, target: Path) -> Dict[str, Path]:
        """The files a file export at ``target`` writes beside itself, by suffix (an SQLite
        export's ``.metadata.json`` for Datasette); none for most formats."""
        suffixes: Tuple[str, ...] = getattr(self._module(), "SIDECARS", ())
        return {s: target.with_suffix(s) for s in suffixes}

    def sidecar_text(self, ds: Dataset, target: Path, suffix: str) -> str:
        """The text of ``target``'s sidecar ending in ``suffix``."""
        text: str = self._module().sidecar_text(ds, target, suffix)
        return text

    def is_sidecar(self, path: Path) -> bool:
        """Whether existing file ``path`` is a sidecar this format wrote (an export may replace it)."""
        ours: bool = self._module().is_sidecar(path)
        return ours


REGISTRY: Dict[str, Format] = {
    f.name: f
    for f in (
        Format(name="json", module="json", directory=True, description="the canonical JSON snapshot (a directory)", title="JSON"),
        Format(name="csv", module="csv", directory=True, description="one CSV file per table (a directory)", title="CSV"),
        Format(name="datapackage", module="datapackage", directory=True, description="the CSV tables with a Frictionless datapackage.json (a directory)",
               title="data package"),
        Format(name="sqlite", module="sqlite", directory=False, description="one SQLite database file with keys, indexes and views", suffix=".sqlite",
               title="SQLite"),
        Format(name="parquet", module="parquet", directory=True, description="one typed Parquet file per table (a directory)", needs=("pyarrow",), extra="parquet",
               title="Parquet"),
        Format(name="graphml", module="graphml", directory=False, description="a GraphML network of people, organisations, cases and provisions (write-only)",
               readable=False, suffix=".graphml", purpose="graph tools (networkx, Gephi)", title="GraphML"),
        Format(name="ftm", module="ftm", directory=False, description="FollowTheMoney entities, one JSON object a line (write-only)",
               readable=False, suffix=".ftm.json", purpose="FollowTheMoney tools (Aleph, the ftm command)", title="FollowTheMoney"),
    )
}
"""Every format by name, in the order the docs describe them."""

FORMATS: Tuple[str, ...] = tuple(REGISTRY)
"""The export formats' names.

Examples:
    >>> FORMATS
    ('json', 'csv', 'datapackage', 'sqlite', 'parquet', 'graphml', 'ftm')
"""

READABLE: Tuple[str, ...] = tuple(n for n, f in REGISTRY.items() if f.readable)
"""The formats :func:`kz_labour_rights.load` reads back."""


def _write_only(fmt: Format, where: str) -> DataError:
    """The refusal to load an export of write-only ``fmt``."""
    shown = [REGISTRY[n].shown for n in READABLE]
    either = ", ".join(shown[:-1]) + " or " + shown[-1] if len(shown) > 1 else shown[0]
    return DataError([Problem(file=where, message=(
        f"a {fmt.shown} export is for {fmt.purpose} and cannot be loaded: it holds a view of the data, not all of it; "
        f"load the {either} export instead (`export --format {'|'.join(READABLE)}`)"))])


def get(name: str) -> Format:
    """The format called ``name``.

    Raises:
        UsageError: for an unknown name, listing the formats there are.
    """
    if not isinstance(name, str) or name not in REGISTRY:
        raise UsageError(f"unknown export format {name!r}; use one of {', '.join(FORMATS)}")
    return REGISTRY[name]


def _present(root: Path) -> List[str]:
    try:
        return sorted(n for n in os.listdir(root) if not is_temp_name(n))
    except OSError:
        return []


def _distinctive(fmt: Format) -> FrozenSet[str]:
    """The files that mark a directory as ``fmt``: its own, less those of any format it extends."""
    files = fmt.files - {"meta.json"}
    for other in REGISTRY.values():
        if other is not fmt and other.directory and other.files < fmt.files:
            files -= other.files
    return files


def _kinds_present(names: List[str]) -> Dict[str, List[str]]:
    """For each directory format, the files present that mark it."""
    found: Dict[str, List[str]] = {}
    for f in REGISTRY.values():
        if f.directory:
            own = sorted(set(names) & _distinctive(f))
            if own:
                found[f.name] = own
    return found


def _dir_format(root: Path, meta: Any) -> Tuple[Optional[str], str]:
    """The format a snapshot directory holds, or (None, why not)."""
    names = _present(root)
    declared = meta.get("format") if isinstance(meta, dict) else None
    if isinstance(declared, str) and declared in REGISTRY and REGISTRY[declared].directory and set(names) <= REGISTRY[declared].files:
        # Only the declared format's own files: nothing foreign to look for,
        # and no other format's module to import (load() stays light).
        return declared, ""
    kinds = _kinds_present(names)
    if declared is None:
        if declared_schema(meta) >= 3:
            return None, "meta.json declares no format (every export since schema 3 does)"
        # Written before formats were declared (0.1.0, 0.2.0): a data package
        # is CSV tables plus datapackage.json; anything else must be one kind.
        if set(kinds) == {"csv", "datapackage"}:
            kinds.pop("csv")
        if len(kinds) == 1:
            return next(iter(kinds)), ""
        if not kinds:
            return None, "holds no snapshot files (meta.json and people.json, or people.csv …)"
    elif not isinstance(declared, str) or declared not in REGISTRY or not REGISTRY[declared].directory:
        return None, f"meta.json declares format {declared!r}; a directory holds one of " + ", ".join(n for n, f in REGISTRY.items() if f.directory)
    else:
        own = REGISTRY[declared].files
        foreign = {k: [n for n in v if n not in own] for k, v in kinds.items() if k != declared}
        foreign = {k: v for k, v in foreign.items() if v}
        if not foreign:
            return declared, ""
        kinds = {declared: ["meta.json"], **foreign}
    listing = "; ".join(f"{k} ({', '.join(v[:3])}{', …' if len(v) > 3 else ''})" for k, v in kinds.items())
    return None, f"holds files of more than one kind of snapshot: {listing}; keep one snapshot per directory"


def detect(path: PathLike) -> Format:
    """The format of the export at ``path``, as the export itself declares it.

    A directory's ``meta.json`` names its format (snapshots from before schema
    3 are recognised by their files, and refused if they hold two kinds); a
    file must be an SQLite database.

    Raises:
        DataError: naming the path and what is wrong with it.
    """
    p = Path(path)
    if p.is_dir():
        problems: List[Problem] = []
        meta = read_json(p / "meta.json", "meta.json", problems)
        if meta is UNREADABLE:
            raise DataError([Problem(file=str(p / "meta.json"), message=problems[0].message + "; a snapshot directory has a meta.json naming its format")])
        name, why = _dir_format(p, meta)
        if name is None:
            raise DataError([Problem(file=str(p), message=why)])
        return REGISTRY[name]
    if not os.path.lexists(p):
        raise DataError([Problem(file=str(p), message="no such file or directory; pass a snapshot directory or an SQLite file written by `export`")])
    from .sqlite import is_sqlite

    kind = is_sqlite(p)
    if kind is None:
        raise DataError([Problem(file=str(p), message="not a regular file or directory (a FIFO, device, socket or broken link?); only exports are read")])
    if not kind:
        for f in REGISTRY.values():
            suffix = next((s for s in (f.sidecars(p) if not f.directory else ()) if p.name.endswith(s)), None)
            if suffix is not None:
                raise DataError([Problem(file=str(p), message=(
                    f"not an export: `export --format {f.name}` writes this file beside the database for other tools, and load() "
                    f"never reads it; load the database beside it (such as {p.name[: -len(suffix)]}.sqlite)"))])
        for fmt in REGISTRY.values():
            if not fmt.readable and not fmt.directory and fmt.recognises(p):
                raise _write_only(fmt, str(p))
        raise DataError([Problem(file=str(p), message="not an export: a file must be an SQLite database written by `export --format sqlite`; JSON and CSV snapshots are directories")])
    return REGISTRY["sqlite"]


def read(path: PathLike) -> Raw:
    """The raw snapshot at ``path`` in the format it declares (see :func:`detect`)."""
    fmt = detect(path)
    return fmt.read(Path(path), [])


def _sqlite_export_format(path: Path) -> Optional[str]:
    """The format an existing SQLite file's meta declares, if it is one of ours."""
    import sqlite3

    from .sqlite import _uri, is_sqlite

    if is_sqlite(path) is not True:
        return None
    try:
        con = sqlite3.connect(_uri(path), uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'meta.json'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    problems: List[Problem] = []
    meta = parse_json(row[0], "meta", problems) if row and isinstance(row[0], str) else None
    if isinstance(meta, dict) and meta.get("format", "sqlite") == "sqlite" and "schema_version" in meta:
        return "sqlite"
    return None


def _file_export_format(path: Path) -> Optional[str]:
    """The format of an existing file export of this package, if it is one."""
    if _sqlite_export_format(path) == "sqlite":
        return "sqlite"
    for fmt in REGISTRY.values():
        if not fmt.readable and not fmt.directory and fmt.recognises(path):
            return fmt.name
    return None


def _refuse(target: Path, fmt: Format, why: str) -> UsageError:
    what = "directory" if fmt.directory else "file"
    return UsageError(f"refusing to replace {target}: it {why}; choose another --out, or pass --force (force=True) to replace the whole {what}")


def _check_destination(target: Path, fmt: Format, force: bool) -> None:
    if not os.path.lexists(target):
        return
    if fmt.directory:
        if target.is_symlink() or not target.is_dir():
            if not force:
                raise _refuse(target, fmt, "is not a directory")
            target.unlink()
            return
        names = _present(target)
        if not names or force:
            return
        problems: List[Problem] = []
        meta = read_json(target / "meta.json", "meta.json", problems) if "meta.json" in names else UNREADABLE
        kind, _ = _dir_format(target, meta) if meta is not UNREADABLE else (None, "")
        if kind != fmt.name:
            raise _refuse(target, fmt, f"is not empty and is not a {fmt.name} snapshot" + (f" (it is a {kind} snapshot)" if kind else ""))
        extra = [n for n in names if n not in fmt.files]
        if extra:
            raise _refuse(target, fmt, f"holds files that are not part of a {fmt.name} snapshot ({', '.join(extra[:5])})")
        return
    if target.is_dir() and not target.is_symlink():
        raise _refuse(target, fmt, "is a directory")
    if not force:
        kind = _file_export_format(target)
        if kind != fmt.name:
            raise _refuse(target, fmt, f"exists and is not one of this package's {fmt.shown} exports" + (f" (it is one of its {REGISTRY[kind].shown} exports)" if kind else ""))


def _check_sidecars(target: Path, fmt: Format, force: bool) -> None:
    for side in fmt.sidecars(target).values():
        if side.is_dir() and not side.is_symlink():
            raise UsageError(f"refusing to replace {side}: it is a directory, and the {fmt.name} export writes a file there; "
                             "move it, or choose another --out")
        if os.path.lexists(side) and not force and not fmt.is_sidecar(side):
            raise UsageError(f"refusing to replace {side}: the {fmt.name} export writes its Datasette metadata there, and this "
                             "file is not one it wrote; choose another --out, or pass --force (force=True) to replace it")


def export(ds: Dataset, fmt: str, out: PathLike, *, force: bool = False) -> Path:
    """Write ``ds`` in format ``fmt`` (one of :data:`FORMATS`) to ``out``, all or nothing.

    ``out`` is a directory for ``json``, ``csv``, ``datapackage`` and
    ``parquet``, and a file for ``sqlite``, ``graphml`` and ``ftm`` (a
    directory, or a name without a suffix, gets ``kz-labour-rights.sqlite``,
    ``.graphml`` or ``.ftm.json`` inside it).  The export is built beside
    ``out`` and swapped in with one rename: a failure or a kill at any instant
    leaves the old contents or the new, never a mixture, and no temporary
    files after an error.  An existing ``out`` is replaced whole when it is an
    export of the same format holding nothing else; anything else is refused
    unless ``force`` is true.

    An SQLite export also writes Datasette's metadata beside the database
    (``OUT.metadata.json`` for ``OUT.sqlite``): both are built first and
    swapped in together, the database last, so an error leaves both old
    (see :func:`~kz_labour_rights._atomic.building_files`).  An existing
    metadata file that the export did not write is refused unless
    ``force`` is true.

    Raises:
        UsageError: an unknown format, one whose optional library is not
            installed (naming the extra), or a destination it will not replace.
        OSError: the destination cannot be written.
    """
    if not isinstance(ds, Dataset):
        raise TypeError(f"export() takes a Dataset as ds, not {type(ds).__name__}")
    f = get(fmt)
    if not f.available():
        raise UsageError(f'the {f.name} export needs {", ".join(f.needs)}: pip install "kz-labour-rights[{f.extra}]"')
    target = Path(out)
    if not f.directory and (target.is_dir() or not target.suffix):
        target = target / f"kz-labour-rights{f.suffix}"
    _check_destination(target, f, force)
    if f.directory:
        with building_dir(target) as tmp:
            f.write(ds, tmp)
        return target
    _check_sidecars(target, f, force)
    sidecars = f.sidecars(target)
    # The database and its sidecars are swapped in together, the database last.
    with building_files(target, *sidecars.values()) as (tmp, *side_tmps):
        f.write(ds, tmp)
        for suffix, side_tmp in zip(sidecars, side_tmps):
            write_text(side_tmp, f.sidecar_text(ds, target, suffix))
    return target



def to_arrow(ds: Dataset) -> Dict[str, Any]:
    """``ds`` as typed ``pyarrow.Table`` objects by table name, in the layout of the tabular exports.

    See :mod:`kz_labour_rights.formats._frames` for the types.  Needs pyarrow
    (``pip install "kz-labour-rights[parquet]"``); imported only when called.

    Raises:
        UsageError: pyarrow is not installed.
    """
    from ._frames import to_arrow as tables

    return tables(ds)


def to_pandas(ds: Dataset) -> Dict[str, Any]:
    """``ds`` as typed ``pandas.DataFrame`` objects by table name, in the layout of the tabular exports.

    Partial dates as text with ``…_earliest``/``…_latest`` datetimes and the
    precision; kinds and statuses as categoricals; money as an exact
    decimal and its currency; terms as ISO text with days where fixed.
    Needs pandas and pyarrow (``pip install "kz-labour-rights[pandas]"``).

    Raises:
        UsageError: pandas or pyarrow is not installed.
    """
    from ._frames import to_pandas as frames

    return frames(ds)
