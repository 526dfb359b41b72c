"""A Frictionless tabular data package: the CSV tables (see :mod:`.csv`, the
same cells and formula rule), ``meta.json``, and ``datapackage.json``
describing every table — field types (``date``, ``yearmonth`` or ``year``
for a partial-date column whose dates share one precision, ``date`` for the
derived ``X_earliest``/``X_latest``, ``duration`` for terms, ``number`` for
amounts), enum constraints on kinds and statuses, required fields, primary
and foreign keys, and a description of every table and field.
Frictionless, Datasette's ``csvs-to-sqlite`` and any CSV reader open it;
:func:`read` checks that the descriptor and the meta agree."""

import json
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Sequence

from .._dataset import Dataset
from .._errors import Problem
from .._values import PartialDate
from . import csv as csv_format
from ._base import UNREADABLE, Raw, Root, declared_schema, meta_text, read_json, write_text
from ._tables import LAYOUT, Cell, Column, Table, records_from_tables, to_tables

__all__ = ["FILES", "NAME", "descriptor", "field_descriptor", "read", "write"]

NAME = "datapackage"
FILES: FrozenSet[str] = csv_format.FILES | {"datapackage.json"}
"""Every file a data package holds."""


_PARTIAL_DATE_PATTERN = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
_UNIFORM_TYPES = {"day": "date", "month": "yearmonth", "year": "year"}


def _partial_date_type(cells: Sequence[Cell]) -> str:
    """``date``, ``yearmonth`` or ``year`` when every partial date in the column has that precision, else ``string``."""
    precisions = {PartialDate.parse(str(c)).precision for c in cells if c is not None}
    return _UNIFORM_TYPES[precisions.pop()] if len(precisions) == 1 else "string"


def field_descriptor(column: Column, cells: Sequence[Cell]) -> Dict[str, Any]:
    """The Frictionless field of ``column`` holding ``cells``.

    Partial dates are typed ``date``, ``yearmonth`` or ``year`` where the
    column is uniform (else a string with a pattern), terms ``duration``,
    the derived ``X_earliest``/``X_latest`` ``date``; kinds, statuses,
    bounds and precisions carry an ``enum`` constraint.
    """
    field: Dict[str, Any] = {"name": column.name, "type": column.type}
    if column.description:
        field["description"] = column.description
    constraints: Dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.type == "boolean":
        field.update(trueValues=["true"], falseValues=["false"])
    elif column.role == "partial-date":
        field["type"] = _partial_date_type(cells)
        if field["type"] == "string":
            constraints["pattern"] = _PARTIAL_DATE_PATTERN
    elif column.role == "term":
        field["type"] = "duration"
    if column.values:
        constraints["enum"] = list(column.values)
    if constraints:
        field["constraints"] = constraints
    return field


def descriptor(ds: Dataset, tables: Dict[str, Table]) -> Dict[str, Any]:
    """The Frictionless descriptor of the CSV tables."""
    resources = []
    for t in tables.values():
        columns = list(zip(*t.rows)) if t.rows else [() for _ in t.columns]
        fields = [field_descriptor(c, cells) for c, cells in zip(t.columns, columns)]
        schema: Dict[str, Any] = {"fields": fields, "primaryKey": list(t.primary_key)}
        if t.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(fk.columns), "reference": {"resource": fk.table, "fields": list(fk.ref)}} for fk in t.foreign_keys
            ]
        resources.append({
            "name": t.name, "path": f"{t.name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "description": t.description, "schema": schema,
        })
    return {
        "profile": "tabular-data-package",
        "name": "kz-labour-rights",
        "title": ds.meta.title,
        "description": ds.meta.description,
        "version": ds.version,
        "licenses": [{"name": ds.meta.license, "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0"}],
        "keywords": ["Kazakhstan", "labour rights", "trade unions", "freedom of association"],
        "kz_labour_rights": {"schema_version": ds.schema_version, "checksum": ds.checksum, "format": NAME},
        "resources": resources,
    }


def write(ds: Dataset, out: Path) -> None:
    """Write ``ds`` as a data package into the (new, empty) directory ``out``."""
    csv_format.write(ds, out)
    write_text(out / "meta.json", meta_text(ds, NAME))
    write_text(out / "datapackage.json", json.dumps(descriptor(ds, to_tables(ds)), ensure_ascii=False, indent=2) + "\n")


def _check_descriptor(package: Any, meta: Any, problems: List[Problem]) -> None:
    where = "datapackage.json"
    if not isinstance(package, dict):
        problems.append(Problem(file=where, message="expected a JSON object (a Frictionless descriptor)"))
        return
    resources = package.get("resources")
    paths = {r.get("name"): r.get("path") for r in resources if isinstance(r, dict)} if isinstance(resources, list) else {}
    expected = {name: f"{name}.csv" for name in LAYOUT}
    if paths != expected:
        problems.append(Problem(file=where, field="resources", message=(
            "the resources are not this package's tables, each at <name>.csv "
            f"(missing {sorted(set(expected) - set(paths))}, unknown {sorted(set(paths) - set(expected), key=str)})"
        )))
    ours = package.get("kz_labour_rights")
    if isinstance(meta, dict) and isinstance(ours, dict):
        for key in ("schema_version", "checksum", "format"):
            if ours.get(key) != meta.get(key):
                problems.append(Problem(file=where, field=f"kz_labour_rights.{key}", message=f"{ours.get(key)!r} differs from meta.json's {meta.get(key)!r}"))
    elif isinstance(meta, dict):
        problems.append(Problem(file=where, field="kz_labour_rights", message="missing: a data package written by this package names its schema, checksum and format"))
    if isinstance(meta, dict) and package.get("version") != meta.get("version"):
        problems.append(Problem(file=where, field="version", message=f"{package.get('version')!r} differs from meta.json's {meta.get('version')!r}"))


def read(root: Root, problems: List[Problem]) -> Raw:
    """The raw snapshot in data-package directory ``root``."""
    meta = read_json(root.joinpath("meta.json"), "meta.json", problems)
    package = read_json(root.joinpath("datapackage.json"), "datapackage.json", problems)
    if package is not UNREADABLE and meta is not UNREADABLE and declared_schema(meta) >= 3:
        _check_descriptor(package, meta, problems)
    schema = declared_schema(meta)
    cells = csv_format.read_tables(root, problems, schema)
    records, redirects = records_from_tables(cells, lambda name: f"{name}.csv", problems, schema=schema)
    return Raw(format=NAME, meta=meta, meta_file="meta.json", records=records, redirects=redirects, problems=problems)
