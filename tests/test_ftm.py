"""The FollowTheMoney export: every line an entity the followthemoney package accepts, every reference resolved."""

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from kz_labour_rights import DataError, Dataset, PartialDate, export, load
from kz_labour_rights._dataset import RECORD_TYPES
from kz_labour_rights.formats.ftm import MAX_ID, PREFIX, entities, entity_id, ftm_text, recognise
from strategies import HOSTILE, hostile_records, networks, unchecked_dataset

ftm = pytest.importorskip("followthemoney", reason="followthemoney validates the entities in these tests: pip install followthemoney (it is in the test extra)")

ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z\.\-]*[0-9a-zA-Z])?$")  # FtM's entity id pattern


def _registry() -> Any:
    try:
        from followthemoney import registry  # 4.x
    except ImportError:  # pragma: no cover - followthemoney 3.x (Python 3.9, 3.10)
        from followthemoney.types import registry
    return registry


def invalid(lines: List[str]) -> List[str]:
    """Why each line is not a valid FtM entity of this stream (empty when all are).

    ``model.get_proxy`` drops unknown properties silently, so the check is ours: the schema exists and is
    concrete, every property exists on it and is not deprecated, every value passes its type's validation,
    the required properties are there, and every entity reference points at an entity of the stream whose
    schema is within the property's range.
    """
    from followthemoney import model

    registry = _registry()
    data = [json.loads(line) for line in lines]
    by_id = {d["id"]: d for d in data}
    errors = []
    if len(by_id) != len(data):
        errors.append("duplicate ids")
    for d in data:
        proxy = model.get_proxy(d)
        schema = proxy.schema
        where = f"{d['id']} ({d['schema']})"
        if sorted(d) != ["id", "properties", "schema"] or not ID.match(d["id"]) or len(d["id"]) > MAX_ID or not d["id"].startswith(PREFIX):
            errors.append(f"{where}: keys {sorted(d)} or id")
        if schema.abstract:
            errors.append(f"{where}: abstract schema")
        if proxy.to_dict()["properties"] != d["properties"]:
            errors.append(f"{where}: properties the schema does not have: {sorted(set(d['properties']) - set(proxy.to_dict()['properties']))}")
        errors += [f"{where}: missing required {p}" for p in schema.required if not d["properties"].get(p)]
        for name, values in d["properties"].items():
            prop = schema.get(name)
            if prop is None:
                continue
            if prop.deprecated:
                errors.append(f"{where}: {name} is deprecated")
            errors += [f"{where}: {name} {v!r} is not a valid {prop.type.name}" for v in values if not isinstance(v, str) or not prop.type.validate(v)]
            if prop.type == registry.entity:
                for v in values:
                    target = by_id.get(v)
                    if target is None:
                        errors.append(f"{where}: {name} points at {v}, not in the stream")
                    elif not model.get(target["schema"]).is_a(prop.range):
                        errors.append(f"{where}: {name} points at a {target['schema']}, outside its range {prop.range.name}")
    return errors


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> List[str]:
    """The packaged dataset's FtM export, line by line."""
    return export(load(), "ftm", tmp_path_factory.mktemp("f") / "kz.ftm.json").read_text(encoding="utf-8").splitlines()


def test_every_line_is_a_valid_entity_with_resolved_references(lines: List[str]) -> None:
    """followthemoney loads each line strictly and finds nothing invalid, dangling or out of range."""
    assert [] == invalid(lines)


def test_cleaning_changes_nothing(lines: List[str]) -> None:
    """Re-parsed with every value cleaned (what ``ftm validate`` does), each entity is exactly as written: no value is
    dropped or normalised, so Aleph shows what the dataset says."""
    from followthemoney import model

    data = [json.loads(line) for line in lines]
    assert data == [{**d, "properties": model.get_proxy(d, cleaned=False).to_dict()["properties"]} for d in data]


def test_entities_per_schema_are_what_the_dataset_implies(lines: List[str]) -> None:
    """One Person per person, an Organization or PublicBody per organisation, a CourtCase per case with a party
    per person, organisation and court, an Event per event, a Sanction per penalty, and the links."""
    ds = load()
    from kz_labour_rights import RelationKind

    public = sum(1 for o in ds.organisations if o.kind.value in ("court", "state-body", "law-enforcement"))
    kinds = Counter(r.kind for r in ds.relations)
    succession = kinds[RelationKind.RENAMED_AS] + kinds[RelationKind.SUCCESSOR_OF] + kinds[RelationKind.SPLIT_FROM]
    joined = kinds[RelationKind.AFFILIATE_OF] + kinds[RelationKind.PART_OF]
    expected = {
        "Person": len(ds.people), "PublicBody": public, "Organization": len(ds.organisations) - public, "CourtCase": len(ds.cases),
        "CourtCaseParty": sum(len(c.people) + len(c.organisations) + len(c.courts) for c in ds.cases), "Event": len(ds.events),
        "Sanction": len(ds.penalties), "Membership": len(ds.memberships) + sum(1 for o in ds.organisations if o.parent) + joined,
        "Succession": succession, "UnknownLink": len(ds.relations) - succession - joined,
    }
    assert expected == dict(Counter(json.loads(line)["schema"] for line in lines))


def test_kharkova_is_a_person_party_to_her_case_member_of_her_union_and_sanctioned(lines: List[str]) -> None:
    """Her entity carries her names; a CourtCaseParty ties her to her 2017 case, a Membership to KNPRK, Sanctions name her."""
    data = {d["id"]: d for d in map(json.loads, lines)}
    me = "kzlr-person-larisa-kharkova"
    assert ("Person", ["Larisa Kharkova"]) == (data[me]["schema"], data[me]["properties"]["name"])
    assert "Larisa Nilolayvna Kharkova" in data[me]["properties"]["alias"]
    party = data["kzlr-case-kharkova-2017-party-person-larisa-kharkova"]["properties"]
    assert ([me], ["kzlr-case-kharkova-2017"], ["party"]) == (party["party"], party["case"], party["role"])
    member = data["kzlr-membership-kharkova-knprk-president"]["properties"]
    assert ([me], ["kzlr-org-knprk"], ["president"]) == (member["member"], member["organization"], member["role"])
    sanctions = {d["id"] for d in data.values() if d["schema"] == "Sanction" and d["properties"]["entity"] == [me]}
    assert {entity_id(p.id) for p in load().penalties_of("person:larisa-kharkova")} == sanctions
    restriction = data["kzlr-penalty-kharkova-restriction-of-liberty-4y"]["properties"]
    assert (["2017-11-09"], ["2021-11-09"], ["restriction of liberty, 4 years"]) == (restriction["startDate"], restriction["endDate"], restriction["provisions"])
    case = data["kzlr-case-kharkova-2017"]["properties"]
    assert "Provision applied: Criminal Code of the Republic of Kazakhstan (2014) article 250 part 1 (Abuse of office)" in case["notes"]


def test_partial_dates_stay_partial_and_sources_become_urls_and_publishers(lines: List[str]) -> None:
    """An event known to the month keeps "2018-01"; an entity's sourceUrl and publisher are those of the sources it cites."""
    ds = load()
    data = {d["id"]: d for d in map(json.loads, lines)}
    assert ["2018-01"] == data["kzlr-event-kharkova-2018-01-community-service-challenge"]["properties"]["date"]
    person = ds.people["person:larisa-kharkova"]
    cited = [ds.sources[c.source] for c in person.citations]
    props = data["kzlr-person-larisa-kharkova"]["properties"]
    assert (sorted({s.url for s in cited if s.url}), sorted({s.publisher for s in cited})) == (props["sourceUrl"], props["publisher"])


def test_ids_are_prefixed_stable_and_within_ftm_rules() -> None:
    """':' and '/' become '-' and '.'; an id past 200 characters or ending in '-' or '.' keeps its start and ends in a hash."""
    assert "kzlr-person-larisa-kharkova" == entity_id("person:larisa-kharkova")
    assert "kzlr-provision-kz-cc-2014.art-402" == entity_id("provision:kz-cc-2014/art-402")
    long_a, long_b = entity_id("case:" + "a" * 300), entity_id("case:" + "a" * 299 + "b")
    assert (MAX_ID, MAX_ID, True, True) == (len(long_a), len(long_b), long_a != long_b, bool(ID.match(long_a)))
    odd = [entity_id(x) for x in ("org:0-", "org:0", "org:0.", "org:0--", "org:0/x-")]
    assert len(set(odd)) == len(odd) and all(ID.match(x) for x in odd) and "kzlr-org-0" == odd[1]


def test_lines_are_sorted_and_the_same_for_the_same_dataset(lines: List[str]) -> None:
    """One entity a line, sorted by id, properties sorted by name; writing twice gives the same text."""
    ids = [json.loads(line)["id"] for line in lines]
    assert sorted(ids) == ids
    assert all(list(d["properties"]) == sorted(d["properties"]) for d in map(json.loads, lines))
    assert "\n".join(lines) + "\n" == ftm_text(load())


def test_hostile_text_stays_on_its_line_and_reads_back_exactly(tmp_path: Path) -> None:
    """Newlines, escapes and bidi characters are JSON escapes: one entity a line, every value back exactly."""
    ds = unchecked_dataset(hostile_records())
    text = export(ds, "ftm", tmp_path / "h.ftm.json").read_text(encoding="utf-8")
    rows = text.splitlines()
    assert len(entities(ds)) == len(rows) and not any(c in text for c in "\x1b\u202e\u2028\u2029")
    data = {d["id"]: d["properties"] for d in map(json.loads, rows)}
    assert ([HOSTILE["html"]], [HOSTILE["link"], HOSTILE["cells"]]) == (data["kzlr-person-p"]["name"], data["kzlr-person-p"]["alias"])
    assert [HOSTILE["newline"] + HOSTILE["terminal"]] == data["kzlr-person-p"]["description"]
    assert [HOSTILE["html"] + HOSTILE["terminal"] + HOSTILE["bidi"]] == data["kzlr-event-e"]["summary"]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=25)
@given(networks())
def test_generated_networks_are_valid_ftm(tmp_path: Path, ds: Dataset) -> None:
    """Any dataset whose references resolve (texts from all of Unicode but controls, every kind) is a valid stream."""
    path = export(ds, "ftm", tmp_path / "g.ftm.json", force=True)
    assert [] == invalid(path.read_text(encoding="utf-8").splitlines())


def test_dates_ftm_cannot_hold_are_written_out_instead(tmp_path: Path) -> None:
    """An event dated in the year 999 has no date property (FtM dates run 1000–2999) and says its date in notes."""
    ds = load()
    records: Dict[str, List[Any]] = {t.name: list(ds.collection(t.name)) for t in RECORD_TYPES}
    records["events"][0] = attrs.evolve(records["events"][0], date=PartialDate(year=999), end=None)
    lines = ftm_text(Dataset(meta=ds.meta, records=records, redirects=ds.redirect_records())).splitlines()
    assert [] == invalid(lines)
    [event] = [d["properties"] for d in map(json.loads, lines) if d["id"] == entity_id(records["events"][0].id)]
    assert "date" not in event and any(n.startswith("date: 0999 (outside") for n in event["notes"])


def test_a_reference_to_no_record_is_refused_and_nothing_written(tmp_path: Path) -> None:
    """A dataset built in Python whose event names a missing person: DataError naming record and field; no file."""
    ds = load()
    records: Dict[str, List[Any]] = {t.name: list(ds.collection(t.name)) for t in RECORD_TYPES}
    records["events"][0] = attrs.evolve(records["events"][0], people=("person:nobody",))
    with pytest.raises(DataError) as info:
        export(Dataset(meta=ds.meta, records=records), "ftm", tmp_path / "x.ftm.json")
    assert [(records["events"][0].id, "people")] == [(p.record, p.field) for p in info.value.problems]
    assert [] == list(tmp_path.iterdir())


def test_recognise_needs_a_kzlr_entity_on_the_first_line(tmp_path: Path) -> None:
    """Only a file whose first line is an entity with a kzlr- id is taken for an FtM export of this package."""
    path = tmp_path / "x.ftm.json"
    good = json.dumps({"id": "kzlr-person-x", "schema": "Person", "properties": {}})
    for content, expected in [(good + "\n", True), (good, True), (good.replace("kzlr-", "acme-"), False), ("[]\n", False), ("", False),
                              ('{"id": "kzlr-x", "schema": "Person"}', False), ("\xff", False)]:
        path.write_text(content, encoding="utf-8")
        assert expected == recognise(path)
    assert not recognise(tmp_path)
