"""Consistency checks: the shipped data passes; injected faults are caught with the right code."""

import datetime
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List, Optional

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kz_labour_rights import CODES, CheckReport, Dataset, InvalidValueError, check, load
from kz_labour_rights._checks import VALUE_CODES, Finding
from kz_labour_rights._cli import main
from kz_labour_rights._converter import unstructure
from kz_labour_rights._dataset import RECORD_TYPES
from kz_labour_rights._model import Explanation
from strategies import case_records, cases, dataset, extreme_records

D = datetime.date
CITE = [{"source": "source:s", "quote": "q"}]


def codes(ds: Dataset) -> List[str]:
    return check(ds).codes()


def test_shipped_dataset_passes() -> None:
    """The packaged dataset has no unexplained error or warning."""
    report = check(load())
    assert ([], []) == ([f.message for f in report.errors], [f.message for f in report.warnings])


def test_shipped_dataset_reproduces_the_worked_figures() -> None:
    """The checker verifies 1,595,800 tenge, 158 days and Kharkova's 9 November 2021 from the recorded inputs."""
    verified = " ".join(f.message for f in check(load()).by_status("info"))
    for figure in ("= 1,595,800 KZT, as reported", "= 158 days = 5 months and 8 days", "2017-11-09 + 4 years = 2021-11-09", "both count from 2017-10-05"):
        assert figure in verified


def test_every_explanation_is_pinned_to_its_finding() -> None:
    """Each explained finding points at a discrepancy with an explanation of the same code, records and value."""
    ds = load()
    explained = check(ds).explained
    assert 10 == len(explained)
    for f in explained:
        for did in f.explained_by:
            pins = [(x.code, set(x.records), x.value) for x in ds.discrepancies[did].explains]
            assert (f.code, set(f.records), f.value) in pins


def test_codes_are_documented() -> None:
    """Every code has a severity and a title."""
    assert all(sev in ("error", "warning", "info") and title for sev, title in CODES.values())


@given(cases)
def test_generated_consistent_cases_pass(records: Dict[str, List[Dict[str, Any]]]) -> None:
    """A generated case whose dates and conversions are consistent raises nothing."""
    assert [] == codes(dataset(records))


def _edit(records: Dict[str, List[Dict[str, Any]]], kind: str, rid: str, **changes: Any) -> Dict[str, List[Dict[str, Any]]]:
    out = json.loads(json.dumps(records))
    for r in out[kind]:
        if r["id"] == rid:
            r.update(changes)
    return out


@given(cases)
def test_verdict_before_arrest_is_flagged(records: Dict[str, List[Dict[str, Any]]]) -> None:
    """Moving the verdict before the arrest gives KZL010."""
    arrest = next(e for e in records["events"] if e["id"] == "event:arrest")["date"]
    early = (D.fromisoformat(arrest) - datetime.timedelta(days=5)).isoformat()
    assert "KZL010" in codes(dataset(_edit(records, "events", "event:verdict", date=early)))


@given(cases)
def test_dangling_id_is_flagged(records: Dict[str, List[Dict[str, Any]]]) -> None:
    """A penalty pointing at a missing person gives KZL001."""
    assert "KZL001" in codes(dataset(_edit(records, "penalties", "penalty:fine", person="person:nobody")))


@given(cases, st.integers(1, 10**6))
def test_wrong_fine_is_flagged(records: Dict[str, List[Dict[str, Any]]], delta: int) -> None:
    """A fine that is not the converted days at the legal rate gives KZL031."""
    fine = next(p for p in records["penalties"] if p["id"] == "penalty:fine")["amount"]
    wrong = {"amount": str(int(float(fine["amount"])) + delta), "currency": "KZT"}
    assert "KZL031" in codes(dataset(_edit(records, "penalties", "penalty:fine", amount=wrong)))


def test_event_after_its_sources_is_flagged() -> None:
    """An occurred event dated after every citing source gives KZL020; scheduled, it does not."""
    records = case_records(D(2015, 1, 1), 10, 2, 10)
    records["sources"][0]["published"] = "2015-01-05"
    assert "KZL020" in codes(dataset(records))
    scheduled = records
    for e in scheduled["events"]:
        e["status"] = "scheduled"
    assert "KZL020" not in codes(dataset(scheduled))


def pin(f: Finding) -> Dict[str, Any]:
    """The explanation a curator writes for a finding, copied from check's report."""
    return {"code": f.code, "records": list(f.records), **({"value": f.value} if f.value is not None else {})}


def test_explains_turns_a_finding_into_explained() -> None:
    """A discrepancy pinning the findings check reports explains them; the report is then ok."""
    records = _edit(case_records(D(2015, 1, 1), 10, 2, 10), "penalties", "penalty:fine", amount={"amount": "1", "currency": "KZT"})
    report = check(dataset(records))
    assert ["KZL031", "KZL032"] == sorted(report.codes())
    records["discrepancies"] = [{"id": "discrepancy:d", "summary": "s", "records": ["penalty:fine"], "explains": [pin(f) for f in report.errors], "citations": CITE}]
    report = check(dataset(records))
    assert report.ok and [("KZL031", ("discrepancy:d",)), ("KZL032", ("discrepancy:d",))] == sorted((f.code, f.explained_by) for f in report.explained)


def test_cli_check_exit_codes(capsys: Any) -> None:
    """check exits 0 on the shipped data and prints the explained findings with their explanation."""
    assert 0 == main(["check"])
    out = capsys.readouterr().out
    assert "0 errors" in out and "explained by discrepancy:baltabay-replacement-term" in out
    assert 0 == main(["check", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["counts"]["error"] == 0 and "discrepancy:kharkova-restriction-end" in data["explanations"]


def test_finding_round_trips_through_attrs() -> None:
    """Findings are plain attrs records (JSON-ready via attrs.asdict)."""
    f = check(load()).findings[0]
    assert f == attrs.evolve(f)


@given(cases, st.integers(1, 400))
def test_ban_not_starting_at_release_is_flagged(records: Dict[str, List[Dict[str, Any]]], shift: int) -> None:
    """A ban imposed with imprisonment that starts on any day but release gives KZL013; starting at release, nothing."""
    pardon = next(e for e in records["events"] if e["id"] == "event:pardon")["date"]
    records["events"].append({"id": "event:release", "kind": "release", "date": pardon, "case": "case:c", "people": ["person:p"], "summary": "s", "citations": CITE})
    ban = {"id": "penalty:ban", "case": "case:c", "person": "person:p", "kind": "ban-on-positions", "term": "P5Y", "imposed_by": "event:verdict", "start": pardon, "citations": CITE}
    records["penalties"].append(ban)
    assert "KZL013" not in codes(dataset(records))
    ban["start"] = (D.fromisoformat(pardon) + datetime.timedelta(days=shift)).isoformat()
    assert "KZL013" in codes(dataset(records))


def test_two_currencies_with_a_rate_and_tolerance() -> None:
    """Given a rate, a penalty in two currencies is tested within the tolerance (KZL090), or flagged (KZL036)."""
    from decimal import Decimal

    ds = load()
    ids = {"penalty:kushakbaev-damages-75000-eur", "penalty:kushakbaev-damages-80000-usd"}
    def codes_for(rate: str) -> list:
        report = check(ds, rates={("EUR", "USD"): Decimal(rate), ("USD", "EUR"): 1 / Decimal(rate)}, tolerance=Decimal("0.02"))
        return [f.code for f in report.findings if set(f.records) == ids]
    assert ["KZL090"] == codes_for("1.0667")
    assert ["KZL036"] == codes_for("1.20")


# ------------------------------------------------------------- explanations are pinned

DOCS = Path(__file__).resolve().parents[1] / "docs"


def packaged_records() -> Dict[str, List[Dict[str, Any]]]:
    """The packaged dataset as snapshot dicts, to edit and rebuild with ``dataset``."""
    ds = load()
    return {t.name: [unstructure(r) for r in ds.collection(t.name)] for t in RECORD_TYPES}


def status_of(report: CheckReport, code: str, records: List[str]) -> List[str]:
    """The statuses of the findings with ``code`` on exactly ``records``."""
    return [f.status for f in report.findings if f.code == code and set(f.records) == set(records)]


def test_every_code_is_documented_with_its_severity() -> None:
    """docs/checks.md has a row for every code, with the severity CODES gives it."""
    text = (DOCS / "checks.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (KZL\d{3}) \| (\w+) \|", text, flags=re.M))
    assert {code: sev for code, (sev, _) in CODES.items()} == rows


def test_packaged_values_are_the_figures_compared() -> None:
    """Computed-vs-reported findings carry a canonical value of the figures; the others carry none."""
    report = check(load())
    values = {(f.code, f.records): f.value for f in report.findings}
    assert "start 2019-10-16; term P158D; reported end 2020-03-20; computed end 2020-03-22" == values[("KZL030", ("penalty:baltabay-imprisonment-5m8d",))]
    assert "replaced 2528 days; on 2019-08-09; reported 1595800 KZT; computed 1595800 KZT" == values[("KZL090", ("penalty:baltabay-fine-1595800-kzt",))]
    assert [] == [f for f in report.findings if (f.value is None) == (f.code in VALUE_CODES)]


CHANGES = [
    # (the explained finding, the record edited, the change to its figure)
    ("KZL030", ["penalty:baltabay-imprisonment-5m8d"], "penalties", {"end": "2020-03-19"}),
    ("KZL032", ["penalty:baltabay-imprisonment-5m", "penalty:baltabay-fine-1595800-kzt"], "penalties", {"id": "penalty:baltabay-imprisonment-5m", "term": "P4M"}),
    ("KZL034", ["penalty:baltabay-fine-1595800-kzt", "penalty:baltabay-imprisonment-7y"], "penalties", {"id": "penalty:baltabay-fine-1595800-kzt", "replaced_days": 2500}),
    ("KZL033", ["event:kharkova-2021-10-05-restriction-end-from-entry-into-force", "penalty:kharkova-restriction-of-liberty-4y"], "events", {"date": "2021-10-04"}),
    ("KZL035", ["penalty:kharkova-compulsory-labour-100h-a-year", "penalty:kharkova-restriction-of-liberty-4y", "penalty:kharkova-community-service-100h"], "penalties", {"id": "penalty:kharkova-community-service-100h", "term": "PT150H"}),
]


@pytest.mark.parametrize("code, records, kind, change", CHANGES, ids=[c[0] for c in CHANGES])
def test_a_changed_figure_is_no_longer_explained(code: str, records: List[str], kind: str, change: Dict[str, Any]) -> None:
    """Baltabay's and Kharkova's explained findings resurface, and the old explanation is stale, once a figure changes."""
    target = change.get("id", records[0])
    assert ["explained"] == status_of(check(load()), code, records)
    edited = _edit(packaged_records(), kind, target, **{k: v for k, v in change.items() if k != "id"})
    report = check(dataset(edited))
    assert code in report.codes() and "explained" not in status_of(report, code, records)
    assert 1 == len([f for f in report.findings if f.code == "KZL003" and set(f.records[1:]) == set(records)])


def test_an_absurd_term_cannot_hide_behind_an_explanation() -> None:
    """Issue #9: a 99,999-year term on an explained record is an unexplained KZL038 error, and its explanations go stale."""
    edited = _edit(packaged_records(), "penalties", "penalty:baltabay-imprisonment-7y", term="P99999Y")
    report = check(dataset(edited))
    assert not report.ok
    assert ["error"] == status_of(report, "KZL038", ["penalty:baltabay-imprisonment-7y"])
    assert ["KZL003"] == [f.code for f in report.findings if "discrepancy:baltabay-custody-before-verdict" in f.records]


def test_an_explanation_explains_only_the_finding_it_names() -> None:
    """An explanation for one record, or without the value, explains nothing else; unmatched, it is reported stale (KZL003)."""
    records = _edit(case_records(D(2015, 1, 1), 10, 2, 10), "penalties", "penalty:fine", amount={"amount": "1", "currency": "KZT"})
    kzl031 = next(f for f in check(dataset(records)).errors if f.code == "KZL031")
    attempts = [
        {"code": "KZL031", "records": ["penalty:fine"], "value": kzl031.value},         # a subset of the records
        {"code": "KZL031", "records": list(kzl031.records)},                           # no value for a value code
        {"code": "KZL031", "records": list(kzl031.records), "value": "computed 1 KZT"},  # another figure
        {"code": "KZL032", "records": list(kzl031.records), "value": kzl031.value},    # another code
    ]
    records["discrepancies"] = [{"id": "discrepancy:d", "summary": "s", "records": ["penalty:fine"], "explains": attempts, "citations": CITE}]
    report = check(dataset(records))
    assert ["KZL031", "KZL032"] == sorted(f.code for f in report.errors) and not report.explained
    stale = [f for f in report.findings if f.code == "KZL003"]
    assert (4, "warning") == (len(stale), stale[0].status)
    assert json.dumps(pin(kzl031), ensure_ascii=False) in stale[1].message  # the finding to pin instead


def test_non_value_codes_match_on_code_and_records() -> None:
    """For a code without values (KZL021) the code and the exact records are the whole pin; a value would make it stale."""
    ds = load()
    kzl021 = [f for f in check(ds).explained if f.code == "KZL021"]
    assert 2 == len(kzl021) and all(f.value is None for f in kzl021)
    records = packaged_records()
    for d in records["discrepancies"]:
        for x in d.get("explains", []):
            if x["code"] == "KZL021":
                x["value"] = "anything"
    report = check(dataset(records))
    assert ["KZL021", "KZL021", "KZL003", "KZL003"] == report.codes()


@pytest.mark.parametrize("bad", [
    {"code": "KZL30", "records": ["event:e"]},
    {"code": "kzl030", "records": ["event:e"]},
    {"code": "KZL030\n", "records": ["event:e"]},
    {"code": "KZL030", "records": []},
    {"code": "KZL030", "records": [""]},
    {"code": "KZL030", "records": ["event:e"], "value": " "},
])
def test_malformed_explanations_are_refused(bad: Dict[str, Any]) -> None:
    """A code not like KZL030, no records, or an empty value is an InvalidValueError naming it."""
    with pytest.raises(InvalidValueError):
        Explanation(**bad)


# ------------------------------------------------------------- absurd data never raises


def merged(*parts: Dict[str, List[Dict[str, Any]]]) -> Dict[str, List[Dict[str, Any]]]:
    out: Dict[str, List[Dict[str, Any]]] = {}
    for part in parts:
        for name, rows in part.items():
            out.setdefault(name, []).extend(json.loads(json.dumps(rows)))
    return out


def test_absurd_figures_are_findings_and_do_not_hide_other_records() -> None:
    """Year-1 and year-9999 dates, a 99,999-year term, 10**18-1 tenge and 10**7 replaced days give KZL038, not exceptions;
    the consistent case beside them is still verified."""
    base = case_records(D(2015, 1, 1), 10, 2, 10)
    verified = check(dataset(base)).findings
    absurd = _edit(base, "penalties", "penalty:again", start="0001-01-01", end="9999-12-01")
    absurd = _edit(absurd, "penalties", "penalty:prison", term="P99999Y")
    absurd = _edit(absurd, "penalties", "penalty:fine", amount={"amount": str(10**18 - 1), "currency": "KZT"}, replaced_days=10**7)
    for rows in absurd.values():  # a second copy of the case, every id renamed
        for r in rows:
            for k, v in list(r.items()):
                r[k] = re.sub(r"^(\w+):(\w+)$", r"\1:\2-absurd", v) if isinstance(v, str) and k in ("id", "case", "person", "imposed_by", "replaces") else v
    del absurd["sources"]
    pen = lambda i, k, **f: {"id": f"penalty:{i}-absurd", "case": "case:c-absurd", "person": "person:p-absurd", "kind": k, "citations": CITE, **f}  # noqa: E731
    ev = lambda i, k, d: {"id": f"event:{i}-absurd", "kind": k, "date": d, "case": "case:c-absurd", "summary": "s", "citations": CITE}  # noqa: E731
    absurd["penalties"] += [
        pen("ban", "ban-on-positions", term="P99999Y", start="2015-01-01", end="2020-01-01"),
        pen("jail", "imprisonment", term="P1Y"),
        pen("decided", "imprisonment", term="P1Y", start="2015-01-01", end="2016-01-01", imposed_by="event:decision-absurd"),
        pen("yearly", "compulsory-labour", term="PT100H", per_year=True),
        pen("restriction", "restriction-of-liberty", term="P99999Y"),
        pen("total", "compulsory-labour", term="PT400H"),
    ]
    absurd["events"] += [ev("ban-end", "ban-end", "2020-01-01"), ev("end", "sentence-end", "0001-01-05"), ev("decision", "verdict", "2101-01-01")]
    report = check(dataset(merged(base, absurd)))
    assert [] == [f for f in verified if f not in report.findings]
    implausible = {f.records[0]: f.value for f in report.findings if f.code == "KZL038"}
    assert {
        "penalty:again-absurd": "start 0001-01-01 outside 1900–2100; end 9999-12-01 outside 1900–2100",
        "penalty:prison-absurd": "term P99999Y over 100 years",
        "penalty:fine-absurd": "replaced_days 10000000 over 100 years",
        "penalty:ban-absurd": "term P99999Y over 100 years",
        "penalty:restriction-absurd": "term P99999Y over 100 years",
        "event:end-absurd": "date 0001-01-05 outside 1900–2100",
        "event:decision-absurd": "date 2101-01-01 outside 1900–2100",
    } == implausible
    # Not computed with: no other sentence finding on an absurd record, or on a penalty decided on an absurd date.
    not_computed = {*implausible, "penalty:decided-absurd"}
    assert {"KZL038"} == {f.code for f in report.findings if set(f.records) & not_computed and f.code in VALUE_CODES}


def test_a_failing_computation_is_a_finding_on_its_record() -> None:
    """A fine dated after the MCI table, an impossible entry date and a dangling decision give KZL037 on their records;
    the other records are still checked."""
    records = case_records(D(2015, 1, 1), 10, 2, 10)
    before = check(dataset(records)).findings
    records["events"].append({"id": "event:late", "kind": "pardon", "date": "2027-03-01", "case": "case:c", "summary": "s", "citations": CITE})
    records["events"].append({"id": "event:entry", "kind": "arrest", "date": "2015-01-01", "summary": "s", "citations": [{**CITE[0], "locator": "entry (31-02-2017)"}]})
    records["events"].append({"id": "event:unsourced", "kind": "arrest", "date": "2015-01-01", "summary": "s", "citations": [{"source": "source:missing", "quote": "q"}]})
    records["penalties"] += [
        {"id": "penalty:late", "case": "case:c", "person": "person:p", "kind": "fine", "amount": {"amount": "1", "currency": "KZT"},
         "replaced_days": 4, "replaces": "penalty:prison", "imposed_by": "event:late", "citations": CITE},
        {"id": "penalty:dangling", "case": "case:c", "person": "person:p", "kind": "fine", "amount": {"amount": "1", "currency": "KZT"},
         "replaced_days": 4, "replaces": "penalty:prison", "imposed_by": "event:missing", "start": "2015-01-01", "citations": CITE},
    ]
    report = check(dataset(records))
    assert [] == [f for f in before if f not in report.findings]
    cannot = {tuple(f.records): f for f in report.findings if f.code == "KZL037"}
    assert {("penalty:late", "penalty:prison"), ("event:entry",)} == set(cannot)
    assert "2011-01-01 to 2026-12-31" in cannot[("penalty:late", "penalty:prison")].message
    assert "KZL031; replaced 4 days; on 2027-03-01; reported 1 KZT" == cannot[("penalty:late", "penalty:prison")].value
    assert ["error"] == [f.severity for f in report.findings if f.code == "KZL001" and "event:missing" in f.message]


def test_zero_amount_in_two_currencies_does_not_divide_by_zero() -> None:
    """One penalty stated as 0 EUR and 5 USD is reported (KZL036), not a ZeroDivisionError."""
    records = case_records(D(2015, 1, 1), 10, 2, 10)
    records["penalties"] += [
        {"id": f"penalty:d{i}", "case": "case:c", "person": "person:p", "kind": "damages", "amount": {"amount": a, "currency": c}, "citations": CITE}
        for i, (a, c) in enumerate((("0", "EUR"), ("5", "USD")))
    ]
    assert ["KZL036"] == codes(dataset(records))


@given(extreme_records(), st.booleans())
def test_extreme_datasets_give_a_report_never_an_exception(extreme: Dict[str, List[Dict[str, Any]]], with_rates: bool) -> None:
    """Any mix of extreme dates, terms, amounts, replaced days and references gives a report with known codes,
    and the consistent case beside it keeps every finding it has alone."""
    base = case_records(D(2015, 1, 1), 10, 2, 10)
    rates: Optional[Dict[Any, Decimal]] = {("EUR", "USD"): Decimal("1.07"), ("KZT", "EUR"): Decimal("0.002")} if with_rates else None
    report = check(dataset(merged(base, extreme)), rates=rates)
    assert isinstance(report, CheckReport)
    assert [] == [f.code for f in report.findings if f.code not in CODES]
    assert [] == [f for f in report.findings if (f.value is None) == (f.code in VALUE_CODES)]
    alone = check(dataset(base), rates=rates).findings
    assert [] == [f for f in alone if f not in report.findings]


def test_check_refuses_bad_rates_and_tolerance() -> None:
    """Caller arguments are not data: a float rate or tolerance is a TypeError, a zero rate an InvalidValueError."""
    ds = dataset(case_records(D(2015, 1, 1), 10, 2, 10))
    with pytest.raises(TypeError, match="rates"):
        check(ds, rates={("EUR", "USD"): 1.07})  # type: ignore[dict-item]
    with pytest.raises(TypeError, match="tolerance"):
        check(ds, tolerance=0.05)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        check(ds, rates={("EUR", "USD"): Decimal(0)})
    with pytest.raises(InvalidValueError):
        check(ds, tolerance=Decimal("-0.01"))


def renamed(records: Dict[str, List[Dict[str, Any]]], suffix: str) -> Dict[str, List[Dict[str, Any]]]:
    """A copy of ``records`` with every id and reference given ``suffix`` (the shared source kept)."""
    out = json.loads(json.dumps({k: v for k, v in records.items() if k != "sources"}))
    for rows in out.values():
        for r in rows:
            for k in ("id", "case", "person", "imposed_by", "replaces"):
                if isinstance(r.get(k), str):
                    r[k] += suffix
            for k in ("people", "records"):
                if k in r:
                    r[k] = [x + suffix for x in r[k]]
    return out


def _with(records: Dict[str, List[Dict[str, Any]]], kind: str, rid: str, **changes: Any) -> Dict[str, List[Dict[str, Any]]]:
    out = _edit(records, kind, rid, **changes)
    assert any(r["id"] == rid for r in out[kind])
    return out


FAILURES = [
    # (rule, records of its KZL037 findings, how one record's computation is made to fail)
    ("KZL030", [("penalty:prison-2",)], lambda r: _with(r, "penalties", "penalty:prison", start="9999-06-01", end="9999-12-31", term="P1Y")),
    ("KZL031", [("penalty:fine-2", "penalty:prison-2")], lambda r: _with(r, "events", "event:pardon", date="2027-03-01")),
    ("KZL032", [("penalty:again-2", "penalty:fine-2")], lambda r: _with(r, "events", "event:replaced", date="2027-03-01")),
    ("KZL033", [("event:end-2", "penalty:again-2"), ("event:end-2", "penalty:prison-2")], lambda r: {**r, "events": r["events"] + [
        {"id": "event:end", "kind": "sentence-end", "date": "0001-01-05", "case": "case:c", "summary": "s", "citations": CITE}]}),
    ("KZL034", [("penalty:fine-2", "penalty:prison-2")], lambda r: _with(r, "penalties", "penalty:prison", term="P99999Y")),
    ("KZL035", [("penalty:yearly-2", "penalty:restriction-2", "penalty:total-2")], lambda r: {**r, "penalties": r["penalties"] + [
        {"id": "penalty:yearly", "case": "case:c", "person": "person:p", "kind": "compulsory-labour", "term": "PT100H", "per_year": True, "citations": CITE},
        {"id": "penalty:restriction", "case": "case:c", "person": "person:p", "kind": "restriction-of-liberty", "term": "P4YT1H", "citations": CITE},
        {"id": "penalty:total", "case": "case:c", "person": "person:p", "kind": "compulsory-labour", "term": "PT400H", "citations": CITE}]}),
    # KZL036 has no entry: on amounts the model admits (below 10**18, six decimals) and the rates
    # check() admits, its conversion cannot fail.
]


@pytest.mark.parametrize("rule, records, fault", FAILURES, ids=[f[0] for f in FAILURES])
def test_each_rule_reports_a_failing_record_and_checks_the_others(monkeypatch: Any, rule: str, records: List[Any], fault: Any) -> None:
    """With the plausibility bounds lifted, a computation that fails on one record is one KZL037 on that record,
    and the consistent case checked by the same rule keeps all its findings."""
    from kz_labour_rights import _checks

    monkeypatch.setattr(_checks, "FIRST_YEAR", 1)
    monkeypatch.setattr(_checks, "LAST_YEAR", 9999)
    monkeypatch.setattr(_checks, "_MAX_DAYS", 10**9)
    base = case_records(D(2015, 1, 1), 10, 2, 10)
    alone = check(dataset(base)).findings
    report = check(dataset(merged(base, renamed(fault(base), "-2"))))
    assert [] == [f for f in alone if f not in report.findings]
    failed = [f for f in report.findings if f.code == "KZL037"]
    assert (records, {rule}) == (sorted(f.records for f in failed), {(f.value or "").split(";")[0] for f in failed})


def test_plausibility_bounds_are_inclusive() -> None:
    """100 years, 36,525 replaced days and 1900-01-01 … 2100-12-31 are sentences; one day more is KZL038."""
    def implausible(**changes: Any) -> List[Optional[str]]:
        records = _edit(case_records(D(2015, 1, 1), 10, 2, 10), "penalties", "penalty:prison", **changes)
        return [f.value for f in check(dataset(records)).findings if f.code == "KZL038"]

    assert [] == implausible(term="P100Y", start="1900-01-01", end="2100-12-31")
    assert [] == implausible(term="P1200M") == implausible(term="P36525D") == implausible(replaced_days=36525)
    assert ["term P100Y1D over 100 years"] == implausible(term="P100Y1D")
    assert ["replaced_days 36526 over 100 years"] == implausible(replaced_days=36526)
    assert ["start 1899-12-31 outside 1900–2100; end 2101-01-01 outside 1900–2100"] == implausible(start="1899-12-31", end="2101-01-01")


def test_one_entry_reporting_a_later_event_is_one_finding() -> None:
    """Two quotes from one ITUC entry dated before the event give one KZL021, not one per quote."""
    entry = "entry Something happened (10-01-2022)"
    cites = [{"source": "source:s", "quote": q, "locator": entry} for q in ("first", "second")]
    ds = dataset({
        "sources": [{"id": "source:s", "title": "t", "publisher": "p", "published": "2022", "file": "f", "sha256": "0" * 64}],
        "events": [{"id": "event:e", "kind": "protest", "date": "2022-01-11", "summary": "s", "citations": cites}],
    })
    assert ["KZL021"] == [f.code for f in check(ds).findings if f.code == "KZL021"]


_SOURCE = [{"id": "source:s", "title": "t", "publisher": "p", "published": "2019", "file": "f", "sha256": "0" * 64}]


def test_a_record_quoting_a_side_must_be_named() -> None:
    """A record whose quote is one side's words, unnamed by the discrepancy, is KZL005; naming it clears it."""
    words = "the court sentenced him to five months in prison in October 2019 for failing to pay"
    side = lambda by, quote, records: {"by": by, "claim": by, "records": records, "citations": [{"source": "source:s", "quote": quote}]}  # noqa: E731
    records = {
        "sources": _SOURCE,
        "events": [{"id": "event:a", "kind": "verdict", "date": "2019-10", "summary": "s", "citations": [{"source": "source:s", "quote": words}]},
                   {"id": "event:b", "kind": "verdict", "date": "2019-10", "summary": "s", "citations": [{"source": "source:s", "quote": "other words"}]}],
        "discrepancies": [{"id": "discrepancy:d", "summary": "s", "records": ["event:b"],
                           "sides": [side("FPC", "five months in prison in October 2019 for failing", []), side("ILO", "other words", ["event:b"])]}],
    }
    assert [("discrepancy:d", "event:a")] == [f.records for f in check(dataset(records)).findings if f.code == "KZL005"]
    records["discrepancies"][0]["records"] = ["event:a", "event:b"]
    assert [] == [f for f in check(dataset(records)).findings if f.code == "KZL005"]


def test_an_end_after_its_own_report_is_a_finding() -> None:
    """An occurred event ending after every source that reports it is KZL022, with the figures as value; an expected one is not."""
    event = {"id": "event:e", "kind": "strike", "date": "2019-01", "end": "2019-08", "summary": "s",
             "citations": [{"source": "source:s", "quote": "q", "locator": "entry Strike (10-03-2019)"}]}
    found = [f for f in check(dataset({"sources": _SOURCE, "events": [event]})).findings if f.code == "KZL022"]
    assert [("event:e",)] == [f.records for f in found] and "end 2019-08; latest report 2019-03-10" == found[0].value
    expected = dict(event, status="expected")
    assert [] == [f for f in check(dataset({"sources": _SOURCE, "events": [expected]})).findings if f.code == "KZL022"]
