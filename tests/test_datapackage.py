"""The data package's descriptor: rich Frictionless types, enum constraints, descriptions — and Frictionless agrees."""

import csv
import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

from kz_labour_rights import EventKind, PenaltyKind, export, load
from kz_labour_rights.formats._tables import Column
from kz_labour_rights.formats.datapackage import field_descriptor


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data package of the packaged dataset, written once per module."""
    return export(load(), "datapackage", tmp_path_factory.mktemp("dp") / "dp")


def _fields(package: Path) -> Dict[str, Dict[str, Any]]:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    return {f"{r['name']}.{f['name']}": f for r in descriptor["resources"] for f in r["schema"]["fields"]}


@pytest.mark.parametrize("cells, expected", [
    (["2016-03-01", None, "2017-07-25"], ("date", None)),
    (["2016-03", "2017-12"], ("yearmonth", None)),
    (["2016", None], ("year", None)),
    (["2016", "2016-03"], ("string", "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")),
    ([None, None], ("string", "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")),
])
def test_a_partial_date_column_is_typed_when_uniform(cells: List[Any], expected: Any) -> None:
    """A column of dates of one precision is date, yearmonth or year; mixed (or empty) it is a string with the pattern."""
    field = field_descriptor(Column(name="d", role="partial-date"), cells)
    assert expected == (field["type"], field.get("constraints", {}).get("pattern"))


def test_descriptor_types(package: Path) -> None:
    """Bounds are dates, terms durations, amounts numbers; kinds and statuses carry every allowed value; required fields say so."""
    fields = _fields(package)
    assert ("date", "date", "duration", "number", "boolean") == tuple(fields[n]["type"] for n in (
        "events.date_earliest", "penalties.end_latest", "penalties.term", "penalties.amount_amount", "people.pseudonym"))
    assert [k.value for k in EventKind] == fields["events.kind"]["constraints"]["enum"]
    assert [k.value for k in PenaltyKind] == fields["penalties.kind"]["constraints"]["enum"]
    assert ["resolved", "unresolved"] == fields["discrepancies.status"]["constraints"]["enum"]
    assert ["year", "month", "day"] == fields["events.date_precision"]["constraints"]["enum"]
    assert {"required": True, "enum": [k.value for k in EventKind]} == fields["events.kind"]["constraints"]
    # Events are dated to the year, month or day: their dates are a string with the pattern.
    assert ("string", "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?") == (fields["events.date"]["type"], fields["events.date"]["constraints"]["pattern"])


def test_descriptor_describes_every_resource_and_field(package: Path) -> None:
    """Every resource and every field has a description, in the data model's words."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert [] == [r["name"] for r in descriptor["resources"] if not r.get("description")]
    assert [] == [n for n, f in _fields(package).items() if not f.get("description")]
    assert "What happened" == _fields(package)["events.kind"]["description"]


def test_frictionless_validates_the_package(package: Path) -> None:
    """Frictionless' validator finds the exported package valid: types, enums, required fields, keys and foreign keys."""
    frictionless = pytest.importorskip("frictionless", reason='Frictionless is not installed: pip install "kz-labour-rights[validation]"')
    report = frictionless.validate(str(package / "datapackage.json"))
    assert (True, []) == (report.valid, report.flatten(["type", "fieldName", "rowNumber"]))


def test_frictionless_reports_a_kind_outside_the_enum(package: Path, tmp_path: Path) -> None:
    """An event whose kind is not one of the kinds is a constraint error at that row and field."""
    frictionless = pytest.importorskip("frictionless", reason='Frictionless is not installed: pip install "kz-labour-rights[validation]"')
    import shutil

    copy = Path(shutil.copytree(package, tmp_path / "dp"))
    with (copy / "events.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[3][rows[0].index("kind")] = "riot"
    with (copy / "events.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert (False, [["constraint-error", "kind", 4]]) == (report.valid, report.flatten(["type", "fieldName", "rowNumber"]))
