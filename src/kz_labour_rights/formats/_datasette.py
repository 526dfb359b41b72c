"""Datasette's metadata for an SQLite export: ``OUT.metadata.json`` beside ``OUT.sqlite``.

``datasette OUT.sqlite --metadata OUT.metadata.json`` then shows the
dataset's title, licence and source on every page, a description of every
table and column, facets on the kinds, and events in date order.  The
shape is Datasette's (title, description, license, license_url, source,
source_url, databases → tables → description, columns); a
``kz_labour_rights`` block (format, version, schema, checksum, database)
ties the file to the database it was written with — Datasette ignores it.

Descriptions come from the record classes' docstrings (their
``Attributes:`` sections), so they say what the data model says; a
column's own :attr:`~._tables.Column.description`, where the layout gives
one, wins.  Under ``python -OO`` (no docstrings) columns go undescribed.
Nothing here is read back: :func:`kz_labour_rights.load` never opens the
metadata.
"""

import json
import re
from typing import Any, Dict, Optional, Tuple

from .._dataset import RECORD_TYPES, Dataset
from .._model import Citation, Explanation, ProvisionVersion, Redirect, Side
from ._base import export_meta
from ._tables import LAYOUT, Table
from .sqlite import FTS_TABLES, derived_columns

__all__ = ["HOMEPAGE", "LICENCES", "describe", "metadata", "metadata_text"]

HOMEPAGE = "https://github.com/kz-labour-rights/kz-labour-rights"
"""Where the project lives (the ``source_url`` Datasette links to)."""

LICENCES: Dict[str, Tuple[str, str]] = {
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
}
"""SPDX id → the licence's short name and address."""

_VIEWS = {
    "timeline": "Every event in date order, with its case's title.",
    "person_events": "Each person's events, by name and date.",
    "case_penalties": "Each case's penalties with the person's name; amount is the exact text, amount_value a number to sort by.",
    "entity_discrepancies": "For each person and organisation, the discrepancies about them or their cases, events, penalties and "
                            "roles; via_record_id is the record each comes through.",
}

_FACETS = {"organisations": ["kind"], "cases": ["kind"], "events": ["kind", "status"], "penalties": ["kind"],
           "relations": ["kind"], "discrepancies": ["status"]}
_SORT = {"events": "date", "timeline": "date"}
_PREFIX = {t.name: t.prefix for t in RECORD_TYPES}


def _plain(text: str) -> str:
    """Docstring markup as plain text: ``x`` and :role:`~a.b` become x and b, examples in
    parentheses are dropped (descriptions stay short), lines are joined."""
    text = re.sub(r":[a-z]+:`~?(?:[\w.]+\.)?([\w]+)`", r"\1", text)
    text = re.sub(r"\s*\((?:e\.g\.|see) [^()]*(?:\([^()]*\)[^()]*)*\)", "", text)
    text = text.replace("``", "")
    return " ".join(text.split())


def _sentence(text: str, note: str = "") -> str:
    """``text`` as a sentence: a capital first letter, ``note`` before the final full stop."""
    text = text.strip().rstrip(".")
    return f"{text[:1].upper()}{text[1:]}{note}." if text else ""


def _attributes(cls: type) -> Dict[str, str]:
    """The ``Attributes:`` section of ``cls``'s docstring: field name → its description."""
    doc = cls.__doc__ or ""
    lines = doc.split("Attributes:", 1)[1].splitlines() if "Attributes:" in doc else []
    fields: Dict[str, str] = {}
    name: Optional[str] = None
    for line in lines:
        m = re.match(r"^ {8}(\w+): (.*)$", line)
        if m:
            name = m.group(1)
            fields[name] = m.group(2)
        elif name is not None and line.startswith(" " * 12):
            fields[name] += " " + line.strip()
        elif line.strip():
            break
    return {k: _sentence(_plain(v)) for k, v in fields.items()}


def _summary(cls: type) -> str:
    """The first paragraph of ``cls``'s docstring."""
    return _plain((cls.__doc__ or "").strip().split("\n\n", 1)[0])


def _record_columns(cls: type, t: Table) -> Dict[str, str]:
    docs = _attributes(cls)
    out: Dict[str, str] = {}
    for c in t.columns:
        if c.name == "id":
            out[c.name] = f"The record's id ({_PREFIX[t.name]}:…)."
        elif c.name in docs:
            out[c.name] = _sentence(docs[c.name], " (1 yes, 0 no)" if c.type == "boolean" else "")
            continue
        base, _, part = c.name.rpartition("_")
        if base in docs and part in ("amount", "currency", "approximate"):
            out[c.name] = {
                "amount": f"{docs[base]} The amount as exact decimal text.",
                "currency": f"The ISO 4217 currency of {base}.",
                "approximate": f"1 where the source hedges {base} (approx., around), else 0.",
            }[part]
    return out


def _link_columns(owner: type, field: str, t: Table) -> Dict[str, str]:
    doc = _attributes(owner).get(field, "")
    first, position, value = (c.name for c in t.columns)
    return {first: f"Id of the {owner.__name__}.", position: "The item's place in the list, from 0.", value: doc}


def _other_tables() -> Dict[str, Tuple[str, Dict[str, str]]]:
    """Descriptions of the tables that are not one per record type or list field."""
    version, citation, side, explanation, redirect = (_attributes(c) for c in (ProvisionVersion, Citation, Side, Explanation, Redirect))
    position = "The item's place in the list, from 0."
    return {
        "provision_versions": ("The dated wordings of each legal provision, oldest first.", {
            "provision_id": "Id of the LegalProvision.", "position": position,
            **{k: v for k, v in version.items() if k in ("valid_from", "valid_from_bound", "valid_to", "summary", "amended_by")}}),
        "citations": ("Every citation: a verbatim quote from a source, the record it supports and the list it sits in.", {
            "record_id": "Id of the record the citation belongs to.",
            "path": "The list it is in: citations, versions[i].citations (a provision's wording) or sides[i].citations (a discrepancy's side).",
            "position": position, "source_id": citation.get("source", ""), "quote": citation.get("quote", ""), "locator": citation.get("locator", "")}),
        "discrepancies_explains": ("The consistency-check findings each discrepancy accounts for.", {
            "discrepancy_id": "Id of the Discrepancy.", "position": position, "code": explanation.get("code", ""), "value": explanation.get("value", "")}),
        "discrepancies_explains_records": ("The records of each finding a discrepancy explains.", {
            "discrepancy_id": "Id of the Discrepancy.", "explanation": "The finding's position in discrepancies_explains.",
            "position": position, "record_id": "Id of one of the finding's records."}),
        "discrepancies_sides": ("The claims that disagree, each with who makes it (its quotes are in citations, path sides[i].citations).", {
            "discrepancy_id": "Id of the Discrepancy.", "position": position, "by": side.get("by", ""), "claim": side.get("claim", "")}),
        "discrepancies_sides_records": ("The records that hold each side of a discrepancy.", {
            "discrepancy_id": "Id of the Discrepancy.", "side": "The side's position in discrepancies_sides.",
            "position": position, "record_id": "Id of a record holding this claim."}),
        "value_supports": ("Where each value comes from: stated by a citation, inferred (with a reason) or derived (with the computation).", {
            "record_id": "Id of the record.", "scope": "record, or versions[i] for a provision's wording.", "position": position,
            "field": "The field whose value is supported.", "status": "stated, inferred or derived.",
            "citation": "For stated: the citation's position in the scope's citations.",
            "value": "For inferred: the one list item inferred, if only one.",
            "reason": "For inferred: how it follows; for derived: the computation.", "basis": "Ids it rests on, space-separated."}),
        "redirects": ("Retired ids and the ids that replace them.", {
            "old_id": redirect.get("old", ""), "new_id": redirect.get("new", ""), "since": redirect.get("since", ""), "reason": redirect.get("reason", "")}),
    }


def _derived_suffix(name: str, columns: Dict[str, str]) -> Optional[str]:
    """A description for a column derived from another by its suffix (bounds and precision of a date)."""
    for suffix, text in (("_earliest", "The first day {} may mean (ISO date)."), ("_latest", "The last day {} may mean (ISO date)."),
                         ("_precision", "How precise {} is: year, month or day.")):
        if name.endswith(suffix) and name[: -len(suffix)] in columns:
            return text.format(name[: -len(suffix)])
    return None


def describe(fts: bool = True) -> Dict[str, Tuple[str, Dict[str, str]]]:
    """Every table of the SQLite export: its description and its columns' (derived columns included).

    Args:
        fts: whether the database has its full-text tables (the
            descriptions then say what the search box covers).
    """
    owners = {t.name: t.cls for t in RECORD_TYPES}
    others = _other_tables()
    out: Dict[str, Tuple[str, Dict[str, str]]] = {}
    for t in LAYOUT.values():
        if t.name in owners:
            text, columns = _summary(owners[t.name]), _record_columns(owners[t.name], t)
        elif t.name in others:
            text, columns = others[t.name]
        else:
            owner_name = next(n for n in owners if t.name.startswith(n + "_"))
            field = t.name[len(owner_name) + 1:]
            cls = owners[owner_name]
            text = f"{cls.__name__}.{field}: {_attributes(cls).get(field, field).rstrip('.').lower()} — one row per item, in list order."
            columns = _link_columns(cls, field, t)
        columns = dict(columns)
        for c in t.columns:
            if c.description:
                # Layout descriptions are phrases; Datasette shows sentences.
                columns[c.name] = c.description if c.description.endswith((".", "?", "!")) else c.description + "."
            elif not columns.get(c.name):
                derived = _derived_suffix(c.name, columns)
                if derived:
                    columns[c.name] = derived
        for d in derived_columns(t.name):
            if d.name == "aliases":
                columns[d.name] = f"Every other name, joined with ' | ' (from {t.name}_aliases, which keeps their order)."
            else:
                base = d.after[: -len("_amount")]
                columns[d.name] = (f"{base.capitalize()} as a number, to sort and sum (derived; {d.after} is the exact text). "
                                   f"Compare amounts within one currency ({base}_currency).")
        if fts and t.name in FTS_TABLES:
            text += f" Search box (full-text, {t.name}_fts): {', '.join(FTS_TABLES[t.name])}."
        out[t.name] = (text, {c: v for c, v in columns.items() if v})
    out["meta"] = ("The export's meta.json: version, schema version, content checksum and format (load() checks them).",
                   {"key": "Always meta.json.", "value": "The meta as JSON text."})
    return out


def metadata(ds: Dataset, database: str, *, fts: bool = True) -> Dict[str, Any]:
    """Datasette's metadata for ``ds`` exported as the database named ``database`` (the file's stem).

    Args:
        ds: the dataset exported.
        database: the name Datasette gives the database: its file name
            without the suffix.
        fts: whether the database has its full-text tables.
    """
    meta = export_meta(ds, "sqlite")
    licence, licence_url = LICENCES.get(meta.license, (meta.license, ""))
    tables: Dict[str, Any] = {}
    for name, (text, columns) in describe(fts).items():
        entry: Dict[str, Any] = {"description": text}
        if columns:
            entry["columns"] = columns
        if name in _FACETS:
            entry["facets"] = _FACETS[name]
        if name in _SORT:
            entry["sort"] = _SORT[name]
        tables[name] = entry
    for name, text in _VIEWS.items():
        tables[name] = {"description": text, **({"sort": _SORT[name]} if name in _SORT else {})}
    description = (f"{meta.description} Version {meta.version}, schema {meta.schema_version}, checksum {meta.checksum}. "
                   "The quotations stay under their publishers' copyright (see LICENSE-DATA).").strip()
    out: Dict[str, Any] = {
        "title": meta.title,
        "description": description,
        "license": licence,
        **({"license_url": licence_url} if licence_url else {}),
        "source": f"kz-labour-rights {meta.version}, curated from the {len(ds.sources)} documents in the sources table",
        "source_url": HOMEPAGE,
        "databases": {database: {"title": meta.title, "tables": tables}},
        "kz_labour_rights": {"format": "sqlite", "database": database, "version": meta.version,
                             "schema_version": meta.schema_version, "checksum": meta.checksum},
    }
    return out


def metadata_text(ds: Dataset, database: str, *, fts: bool = True) -> str:
    """:func:`metadata` as the JSON text written to ``OUT.metadata.json``."""
    return json.dumps(metadata(ds, database, fts=fts), ensure_ascii=False, indent=2) + "\n"
