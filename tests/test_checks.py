"""Consistency checks: the shipped data passes; injected faults are caught with the right code."""

import datetime
import json
from typing import Any, Dict, List

import attrs
from hypothesis import given
from hypothesis import strategies as st

from kz_labour_rights import CODES, Dataset, check, load
from kz_labour_rights._cli import main
from strategies import case_records, cases, dataset

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


def test_every_explanation_is_a_discrepancy_that_names_the_code() -> None:
    """Each explained finding points at a discrepancy that lists its code and one of its records."""
    ds = load()
    for f in check(ds).explained:
        for did in f.explained_by:
            d = ds.discrepancies[did]
            assert f.code in d.explains and set(d.records) & set(f.records)


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


def test_explains_turns_a_finding_into_explained() -> None:
    """A discrepancy on the record that lists the code explains the finding; the report is then ok."""
    records = _edit(case_records(D(2015, 1, 1), 10, 2, 10), "penalties", "penalty:fine", amount={"amount": "1", "currency": "KZT"})
    assert not check(dataset(records)).ok
    records["discrepancies"] = [{"id": "discrepancy:d", "summary": "s", "records": ["penalty:fine"], "explains": ["KZL031", "KZL032"], "citations": CITE}]
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
