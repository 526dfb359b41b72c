"""Identity: one record per entity, findable under every spelling the sources use."""

import re
from typing import Dict, List, Set, Tuple

from kz_labour_rights import AmbiguousNameError, NotFoundError, RelationKind, load, name_key


def test_every_name_and_alias_resolves_to_its_own_record() -> None:
    """lookup(name or alias) returns that very record, for every person and organisation."""
    ds = load()
    wrong: List[Tuple[str, str, str]] = []
    for collection in ("people", "organisations"):
        coll = ds.collection(collection)
        for r in coll:
            for n in (r.name, *r.aliases):
                try:
                    got = coll.lookup(n).id
                except (NotFoundError, AmbiguousNameError) as e:
                    got = type(e).__name__
                if got != r.id:
                    wrong.append((r.id, n, got))
    assert [] == wrong


def test_no_two_records_share_a_spelling_unless_linked() -> None:
    """Two people (or two organisations) never share a folded name unless a relation says why."""
    ds = load()
    linked: Set[frozenset] = {
        frozenset((r.subject, r.object)) for r in ds.relations if r.kind is RelationKind.POSSIBLY_SAME_AS
    }
    clashes = []
    for collection in ("people", "organisations"):
        owners: Dict[str, Set[str]] = {}
        for r in ds.collection(collection):
            for n in (r.name, *r.aliases):
                owners.setdefault(name_key(n), set()).add(r.id)
        for key, ids in owners.items():
            if len(ids) > 1 and not all(frozenset(p) in linked for p in _pairs(sorted(ids))):
                clashes.append((key, sorted(ids)))
    assert [] == clashes


def _pairs(ids: List[str]) -> List[Tuple[str, str]]:
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]


def test_pseudonyms_are_flagged() -> None:
    """A name of the form 'Asel A.' (given name and initial) is a pseudonym and flagged as one."""
    ds = load()
    initial = re.compile(r"^\w+ [A-Z]\.$")
    assert [] == [p.id for p in ds.people if initial.match(p.name) and not p.pseudonym]


def test_possibly_same_links_give_reasons_and_stay_separate() -> None:
    """A possibly-same-as link keeps both records and says why."""
    ds = load()
    for r in ds.relations:
        if r.kind is RelationKind.POSSIBLY_SAME_AS:
            assert r.reason.strip() and ds.get(r.subject) is not ds.get(r.object)
