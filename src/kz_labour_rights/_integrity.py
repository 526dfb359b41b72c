"""Referential integrity: the second phase of loading.

After every record has parsed, these checks resolve every id and list
*all* problems at once — dangling references, duplicate ids, ids with the
wrong prefix, fact-bearing records without a citation — so one run of the
loader shows everything that needs fixing.
"""

import re
from typing import Any, Dict, Iterable, List, Mapping, Sequence, Set, Tuple

from ._errors import Problem
from ._model import FACTS, REFERENCES, Citation, Discrepancy, EventStatus, Relation, RelationKind, Source, references

__all__ = ["REFERENCES", "holds_value", "integrity_problems"]

# Sources describe themselves; every other record states facts and must cite.
_UNCITED_OK = (Source,)
_ID_BODY = re.compile(r"^[a-z0-9][a-z0-9.-]*(/[a-z0-9][a-z0-9.-]*)*$")


def _citations(record: Any) -> Iterable[Tuple[str, Citation]]:
    for i, c in enumerate(getattr(record, "citations", ())):
        yield f"citations[{i}]", c
    for v, version in enumerate(getattr(record, "versions", ())):
        for i, c in enumerate(version.citations):
            yield f"versions[{v}].citations[{i}]", c
    for s, side in enumerate(getattr(record, "sides", ())):
        for i, c in enumerate(side.citations):
            yield f"sides[{s}].citations[{i}]", c


def integrity_problems(records: Mapping[str, Sequence[Any]], prefixes: Mapping[str, str], *,
                       provenance: bool = True) -> List[Problem]:
    """Every integrity problem among ``records`` (collection name → records).

    ``prefixes`` maps each collection name to its id prefix.  With
    ``provenance`` (schema 3 on), every fact-bearing field that holds a value
    must be stated by a citation, inferred or derived (see
    :data:`~kz_labour_rights._model.FACTS`).
    """
    problems: List[Problem] = []
    ids: Dict[str, Set[str]] = {}
    all_ids: Set[str] = set()
    for name, recs in records.items():
        seen: Set[str] = set()
        file = f"{name}.json"
        for r in recs:
            prefix, _, body = r.id.partition(":")
            if prefix != prefixes[name] or not _ID_BODY.match(body):
                problems.append(Problem(
                    file=file, record=r.id, field="id",
                    message=f"id must look like '{prefixes[name]}:lower-case-words' (letters, digits, '.', '-', '/')",
                ))
            if r.id in seen:
                problems.append(Problem(file=file, record=r.id, field="id", message="duplicate id; ids are unique and never reused"))
            seen.add(r.id)
        ids[name] = seen
        all_ids |= seen
    for name, recs in records.items():
        file = f"{name}.json"
        for r in recs:
            for field, v, target in references(r):
                if v not in (all_ids if target is None else ids.get(target, set())):
                    where = "any collection" if target is None else target
                    problems.append(Problem(file=file, record=r.id, field=field, message=f"{v!r} is not an id in {where}"))
            if isinstance(r, Relation):
                problems.extend(_relation_problems(r, file))
            cites = list(_citations(r))
            if isinstance(r, Discrepancy):
                problems.extend(_side_problems(r, file, all_ids, provenance))
            elif not isinstance(r, _UNCITED_OK) and not getattr(r, "citations", ()):
                problems.append(Problem(file=file, record=r.id, field="citations", message="no citation: every fact needs a source and a verbatim quote"))
            for path, c in cites:
                if c.source not in ids.get("sources", set()):
                    problems.append(Problem(file=file, record=r.id, field=f"{path}.source", message=f"{c.source!r} is not an id in sources"))
                if not c.quote.strip():
                    problems.append(Problem(file=file, record=r.id, field=f"{path}.quote", message="empty quote"))
            if type(r) in FACTS:
                scopes = [("", r)] + [(f"versions[{i}].", v) for i, v in enumerate(getattr(r, "versions", ()))]
                for scope, obj in scopes:
                    problems.extend(_provenance_problems(obj, scope, r.id, file, all_ids, provenance))
    problems.extend(_graph_problems(records))
    return problems


# Links along which a cycle is meaningless: a body cannot be part of itself,
# a penalty cannot replace itself, an organisation cannot succeed or be
# renamed into its own predecessor.
_ACYCLIC_RELATIONS = (RelationKind.PART_OF, RelationKind.SUCCESSOR_OF, RelationKind.SPLIT_FROM, RelationKind.ATTEMPTED_SUCCESSOR_OF,
                      RelationKind.RENAMED_AS, RelationKind.PROPOSED_NAME_OF)


def _cycles(edges: Mapping[str, Sequence[str]]) -> List[List[str]]:
    """Every cycle in a directed graph given as node → successors, each once, from its smallest node."""
    found: Dict[Tuple[str, ...], List[str]] = {}
    done: Set[str] = set()
    for start in sorted(edges):
        if start in done:
            continue
        # Iterative depth-first search: a hostile chain must not exhaust the stack.
        path: List[str] = []
        on_path: Dict[str, int] = {}
        stack: List[Tuple[str, int]] = [(start, 0)]
        while stack:
            node, i = stack.pop()
            if i == 0:
                if node in on_path:
                    cycle = path[on_path[node]:]
                    k = cycle.index(min(cycle))
                    key = tuple(cycle[k:] + cycle[:k])
                    found.setdefault(key, list(key))
                    continue
                if node in done:
                    continue
                on_path[node] = len(path)
                path.append(node)
            nexts = edges.get(node, ())
            if i < len(nexts):
                stack.append((node, i + 1))
                stack.append((nexts[i], 0))
            else:
                path.pop()
                del on_path[node]
                done.add(node)
    return list(found.values())


def _graph_problems(records: Mapping[str, Sequence[Any]]) -> List[Problem]:
    problems = []
    graphs: List[Tuple[str, str, Dict[str, List[str]]]] = [
        ("organisations", "parent", {o.id: [o.parent] for o in records.get("organisations", ()) if o.parent}),
        ("penalties", "replaces", {p.id: [p.replaces] for p in records.get("penalties", ()) if p.replaces}),
    ]
    for kind in _ACYCLIC_RELATIONS:
        edges: Dict[str, List[str]] = {}
        for r in records.get("relations", ()):
            if r.kind is kind:
                edges.setdefault(r.subject, []).append(r.object)
        graphs.append(("relations", f"{kind.value} links", edges))
    for collection, field, edges in graphs:
        for cycle in _cycles(edges):
            if collection == "relations" and len(cycle) == 1:
                continue  # reported as a self-link by _relation_problems
            loop = " -> ".join([*cycle, cycle[0]])
            what = "refers to itself" if len(cycle) == 1 else f"forms a cycle: {loop}"
            problems.append(Problem(file=f"{collection}.json", record=cycle[0], field=field.split()[0] if collection != "relations" else "object",
                                    message=f"{field} {what}; the chain must end"))
    return problems


def _relation_problems(r: Relation, file: str) -> List[Problem]:
    problems = []
    if r.subject == r.object:
        problems.append(Problem(file=file, record=r.id, field="object", message="a relation links two different records"))
    if r.kind is RelationKind.POSSIBLY_SAME_AS:
        if r.subject.split(":")[0] != r.object.split(":")[0]:
            problems.append(Problem(file=file, record=r.id, field="object", message="possibly-same-as links two records of one type"))
        if not r.reason.strip():
            problems.append(Problem(file=file, record=r.id, field="reason", message="say why the records may be one entity"))
    return problems


def holds_value(obj: Any, field: str) -> bool:
    """Whether ``field`` of ``obj`` states something: set, non-empty, not the default status."""
    value = getattr(obj, field)
    if value is None or value is False or value == ():
        return False
    return not (field == "status" and value is EventStatus.OCCURRED)


def _provenance_problems(obj: Any, scope: str, rid: str, file: str, all_ids: Set[str], required: bool) -> List[Problem]:
    """Problems with the supports, inferences and derivations of ``obj`` (a record or a provision version)."""
    facts = FACTS[type(obj)]
    problems: List[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(Problem(file=file, record=rid, field=scope + field, message=message))

    def named(field: str, where: str) -> bool:
        if field not in facts:
            problem(where, f"{field!r} is not a fact-bearing field of {type(obj).__name__} ({', '.join(facts)})")
            return False
        if not holds_value(obj, field):
            problem(where, f"{field!r} holds no value to support; remove it")
            return False
        return True

    stated: Set[str] = set()
    for i, c in enumerate(obj.citations):
        for field in c.supports:
            if named(field, f"citations[{i}].supports"):
                stated.add(field)
    accounted: Set[str] = set()
    items: Dict[str, Set[str]] = {}
    for kind, entries in (("inferred", obj.inferred), ("derived", obj.derived)):
        for i, entry in enumerate(entries):
            if not named(entry.field, f"{kind}[{i}].field"):
                continue
            for b in entry.basis:
                if b not in all_ids:
                    problem(f"{kind}[{i}].basis", f"{b!r} is not an id in any collection")
            value = getattr(entry, "value", None)
            if value is None:
                accounted.add(entry.field)
                continue
            current = getattr(obj, entry.field)
            if not isinstance(current, tuple) or value not in current:
                problem(f"{kind}[{i}].value", f"{value!r} is not an item of {entry.field}; name one item of a list field, or no value")
            else:
                items.setdefault(entry.field, set()).add(value)
    if not required:
        return problems
    for field in facts:
        if field in stated or field in accounted or not holds_value(obj, field):
            continue
        value = getattr(obj, field)
        if isinstance(value, tuple) and set(value) <= items.get(field, set()):
            continue
        problem(field, "no provenance: list it in the `supports` of the citation that states it, "
                       "or add it to `inferred` (with the reason) or `derived` (with the computation)")
    return problems


def _side_problems(d: Discrepancy, file: str, all_ids: Set[str], required: bool) -> List[Problem]:
    """A discrepancy quotes every side it names, and names every record of every side."""
    problems: List[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(Problem(file=file, record=d.id, field=field, message=message))

    if required and len(d.sides) < 2:
        problem("sides", f"{len(d.sides)} side(s): a disagreement has at least two claims, each attributed (by), "
                         "stated (claim) and quoted (citations)")
    if not d.sides and not d.citations:
        problem("citations", "no citation: quote the passages that conflict")
    for i, side in enumerate(d.sides):
        if not side.citations:
            problem(f"sides[{i}].citations", f"side {side.by!r} is not quoted: give its words verbatim")
        for rid in side.records:
            if rid not in all_ids:
                problem(f"sides[{i}].records", f"{rid!r} is not an id in any collection")
            elif rid not in d.records:
                problem(f"sides[{i}].records", f"{rid!r} holds this side but is not in the discrepancy's records; add it there")
    return problems
