"""claims(): every cited statement bearing on a record, grouped by field."""

from kz_labour_rights import load
from kz_labour_rights._claims import claims


def test_competing_records_and_their_discrepancy_are_gathered() -> None:
    """A penalty stated two ways: both records' terms in one group, marked as differing, then the discrepancy's sides."""
    ds = load()
    groups = {g.field: g for g in claims(ds, ds.get("penalty:baltabay-imprisonment-5m8d"))}
    assert "differ" == groups["term"].status and {"P5M", "P5M8D"} == set(groups["term"].values)
    sides = groups["discrepancy:baltabay-replacement-term"]
    assert {"side"} == {c.status for c in sides.claims} and "resolved" == sides.status


def test_possibly_same_records_are_compared() -> None:
    """Records the sources suggest are one entity are gathered together, each claim naming its record."""
    ds = load()
    relation = next(r for r in ds.relations if r.kind.value == "possibly-same-as")
    groups = claims(ds, ds.get(relation.subject))
    holders = {c.record for g in groups for c in g.claims}
    assert {relation.subject, relation.object} <= holders


def test_a_record_without_competitors_agrees_with_itself() -> None:
    """Every field of a record no other record competes with is 'agree'."""
    ds = load()
    event = next(e for e in ds.events if not ds.discrepancies_of(e))
    assert {"agree"} == {g.status for g in claims(ds, event)}


def test_people_named_together_are_not_competing_claims() -> None:
    """A discrepancy naming two people does not make one's name a claim about the other's."""
    ds = load()
    person = ds.get("person:erlan-baltabay")
    names = next(g for g in claims(ds, person) if g.field == "name")
    partners = {r.object if r.subject == person.id else r.subject for r in ds.relations
                if r.kind.value == "possibly-same-as" and person.id in (r.subject, r.object)}
    assert {c.record for c in names.claims} <= {person.id, *partners}
