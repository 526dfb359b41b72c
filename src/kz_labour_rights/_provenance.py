"""Per-value provenance: where each value of a record comes from, and whether its words hold it.

Every fact-bearing field (:data:`~kz_labour_rights._model.FACTS`) that holds
a value is, from schema 3 on, one of

* **stated** — listed in the ``supports`` of one or more citations, whose
  quote (or locator) states it;
* **inferred** — in the record's ``inferred``, with the reason and the
  records it is inferred from;
* **derived** — in the record's ``derived``, with the computation.

:func:`value_supports` lists that for a record (``show`` prints it, the
exports carry it).  :func:`unstated_values` is the machine check behind
KZL040: each stated date, amount, term, count, place, article number and
name must appear in a supporting citation's quote or locator, in any of the
forms the sources write it (:mod:`._surface`).  Kinds, statuses, roles and
links between records (an event's case, a penalty's verdict) are
classifications no string match can confirm; their support is the curator's
declaration, and the check does not pretend otherwise.
"""

import functools
import re
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import attrs

from ._dataset import Dataset
from ._integrity import holds_value
from ._model import FACTS, Citation, LegalProvision, Organisation, Person
from ._names import name_tokens as _name_tokens
from ._surface import find_amount, find_count, find_date, find_term
from ._values import Money, PartialDate, Term

__all__ = ["CHECKED", "Unstated", "ValueSupport", "excerpt", "find_value", "plain", "unstated_values", "value_supports"]


@attrs.frozen(kw_only=True)
class ValueSupport:
    """Where one value of a record comes from.

    Attributes:
        scope: ``""`` for the record, ``"versions[i]"`` for a provision version.
        field: the field.
        value: the value as text (for a list field, one item when the items
            differ in status; else the whole list joined by ``", "``).
        status: ``stated``, ``inferred``, ``derived``, or ``unspecified``
            (a snapshot older than schema 3).
        citations: for a stated value, the positions of the citations that
            state it (in the scope's ``citations``).
        reason: for an inferred value the reason, for a derived one the
            computation.
        basis: the records it is inferred or derived from.
    """

    scope: str = ""
    field: str
    value: str
    status: str
    citations: Tuple[int, ...] = ()
    reason: str = ""
    basis: Tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Unstated:
    """A stated value its supporting words do not hold (a KZL040 finding)."""

    record: str
    field: str
    value: str
    quotes: Tuple[str, ...]


def _text(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "value") and not isinstance(value, (Money, PartialDate, Term)):
        return str(value.value)  # an enum
    return str(value)


def _scopes(record: Any) -> Iterator[Tuple[str, Any]]:
    yield "", record
    for i, v in enumerate(getattr(record, "versions", ())):
        yield f"versions[{i}]", v


def value_supports(record: Any, *, schema: int = 3) -> Tuple[ValueSupport, ...]:
    """Where each value of ``record`` comes from, field by field in :data:`FACTS` order.

    ``schema`` below 3 (a snapshot without provenance) gives every value as
    ``unspecified``.
    """
    out: List[ValueSupport] = []
    for scope, obj in _scopes(record):
        facts = FACTS.get(type(obj))
        if facts is None:
            continue
        for field in facts:
            if not holds_value(obj, field):
                continue
            value = getattr(obj, field)
            if schema < 3:
                out.append(ValueSupport(scope=scope, field=field, value=_text(value), status="unspecified"))
                continue
            cites = tuple(i for i, c in enumerate(obj.citations) if field in c.supports)
            whole = [x for x in obj.inferred if x.field == field and x.value is None]
            items = [x for x in obj.inferred if x.field == field and x.value is not None]
            derived = [x for x in obj.derived if x.field == field]
            if cites and not whole:
                stated = tuple(v for v in value if v not in {x.value for x in items}) if items else value
                out.append(ValueSupport(scope=scope, field=field, value=_text(stated), status="stated", citations=cites))
            for x in whole + items:
                out.append(ValueSupport(scope=scope, field=field, value=_text(value if x.value is None else x.value),
                                        status="inferred", citations=cites if x.value is None else (),
                                        reason=x.reason, basis=x.basis))
            for d in derived:
                out.append(ValueSupport(scope=scope, field=field, value=_text(value), status="derived",
                                        reason=d.computation, basis=d.basis))
    return tuple(out)


# --- the value check --------------------------------------------------------

_SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """``text`` compared as the checks compare quotes: whitespace runs as one space, case folded."""
    return _SPACE.sub(" ", text).strip().casefold()


def _find_text(wanted: str, text: str) -> bool:
    return plain(wanted) in plain(text)


# Quotes and names recur across records and checks: fold each once.
name_tokens = functools.lru_cache(maxsize=8192)(_name_tokens)


def _has_tokens(name: str, tokens: Tuple[str, ...]) -> bool:
    want = name_tokens(name)
    if not want:
        return False
    n = len(want)
    return any(tokens[i:i + n] == want for i in range(len(tokens) - n + 1))


def _names_of(record: Any) -> Tuple[str, ...]:
    if isinstance(record, (Person, Organisation)):
        return (record.name, *record.aliases)
    if isinstance(record, LegalProvision):
        return record.aliases
    return ()


_NUMBER = "(?<![\\w.]){}(?![\\w])"


def _provision_found(p: LegalProvision, text: str, tokens: Tuple[str, ...]) -> bool:
    if any(_has_tokens(a, tokens) for a in p.aliases):
        return True
    if p.article is not None:
        return re.search(_NUMBER.format(re.escape(p.article)), text) is not None
    # "Criminal Code of the Republic of Kazakhstan (2014)": the year in
    # brackets is this dataset's way to tell editions apart, not the sources'.
    instrument = re.sub(r"\s*\([^)]*\)\s*$", "", p.instrument)
    return _has_tokens(instrument, tokens) or _has_tokens(p.title, tokens)


def _name_found(record: Any, text: str, tokens: Tuple[str, ...]) -> bool:
    if isinstance(record, LegalProvision):
        return _provision_found(record, text, tokens)
    names = _names_of(record)
    if any(_has_tokens(n, tokens) for n in names):
        return True
    if isinstance(record, Person):
        # Sources name a person by surname alone ("Kushakbaev was …").
        surnames = {name_tokens(n)[-1] for n in names if name_tokens(n)}
        return any(len(s) >= 4 and s in tokens for s in surnames)
    return False


def _finder(value: Any, ds: Optional[Dataset]) -> Optional[Callable[[str], bool]]:
    """A test for ``value`` in a text, or ``None`` when no string match can confirm it."""
    if isinstance(value, PartialDate):
        return lambda text: find_date(value, text) is not None
    if isinstance(value, Term):
        return lambda text: find_term(value, text) is not None
    if isinstance(value, Money):
        return lambda text: find_amount(value, text) is not None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return lambda text: find_count(value, text) is not None
    return None


# Fields whose values the check confirms in the words (the others are
# classifications or links): field → how the value is looked for.
CHECKED: Dict[str, str] = {
    "date": "date", "end": "date", "start": "date", "valid_from": "date", "valid_to": "date",
    "term": "term", "amount": "amount", "replaced_days": "number",
    "count": "text", "place": "text",
    "article": "number", "part": "number", "paragraph": "number",
    "name": "name", "aliases": "name",
    "person": "name", "people": "name", "organisation": "name", "organisations": "name", "courts": "name",
    "parent": "name", "subject": "name", "object": "name", "provisions": "name", "rule": "name",
}


def find_value(obj: Any, field: str, item: Any, citation: Citation, ds: Optional[Dataset] = None) -> Optional[bool]:
    """Whether ``citation`` states ``item`` (the value of ``field``, or one item of a list field).

    ``None`` when the field is not one the check can confirm (see
    :data:`CHECKED`), or names a record ``ds`` does not hold.
    """
    how = CHECKED.get(field)
    if how is None:
        return None
    texts = [citation.quote] + ([citation.locator] if citation.locator else [])
    if how == "text":
        return any(_find_text(str(item), t) for t in texts)
    if how == "number":
        return any(re.search(_NUMBER.format(re.escape(str(item))), t) is not None for t in texts) or (
            isinstance(item, int) and any(find_count(item, t) is not None for t in texts))
    if how == "name":
        if field in ("name", "aliases"):
            return any(_has_tokens(str(item), name_tokens(t)) for t in texts)
        if ds is None:
            return None
        try:
            target = ds.get(str(item))
        except LookupError:
            return None
        return any(_name_found(target, t, name_tokens(t)) for t in texts)
    finder = _finder(item, ds)
    if finder is None:
        return None
    return any(finder(t) for t in texts)


def unstated_values(ds: Dataset) -> List[Unstated]:
    """Every stated, checkable value that none of its supporting citations holds.

    A value (or list item) that is also inferred or derived is not
    required to be in the words.
    """
    out: List[Unstated] = []
    if ds.schema_version < 3:
        return out
    for collection in ("people", "organisations", "memberships", "provisions", "cases", "events", "penalties", "relations"):
        for record in ds.collection(collection):
            for scope, obj in _scopes(record):
                for field in FACTS.get(type(obj), ()):
                    if field not in CHECKED or not holds_value(obj, field):
                        continue
                    cites = [c for c in obj.citations if field in c.supports]
                    if not cites or any(x.field == field and x.value is None for x in (*obj.inferred, *obj.derived)):
                        continue
                    value = getattr(obj, field)
                    skipped = {x.value for x in obj.inferred if x.field == field}
                    for item in (value if isinstance(value, tuple) else (value,)):
                        if item in skipped:
                            continue
                        if any(find_value(obj, field, item, c, ds) is not False for c in cites):
                            continue
                        where = f"{scope}.{field}" if scope else field
                        out.append(Unstated(record=record.id, field=where, value=_text(item),
                                            quotes=tuple(c.quote for c in cites)))
    return out



def excerpt(field: str, item: Any, citation: Citation, width: int = 40) -> Optional[str]:
    """The words of ``citation`` around where it states ``item``, e.g. ``"…on 17 July 2019, Mr…"``.

    ``None`` when the value is not one located by a surface form (names,
    kinds) or the quote does not hold it.
    """
    how = CHECKED.get(field)
    text = " ".join(citation.quote.split())
    span: Optional[Tuple[int, int]] = None
    if isinstance(item, PartialDate):
        m = find_date(item, text)
    elif isinstance(item, Term):
        m = find_term(item, text)
    elif isinstance(item, Money):
        m = find_amount(item, text)
    elif isinstance(item, int) and not isinstance(item, bool) and how == "number":
        m = find_count(item, text)
    else:
        m = None
        if how in ("text", "number") and isinstance(item, str):
            at = text.casefold().find(" ".join(item.split()).casefold())
            span = (at, at + len(" ".join(item.split()))) if at >= 0 else None
    if m is not None:
        span = (m.start, m.end)
    if span is None:
        return None
    start, end = max(0, span[0] - width), min(len(text), span[1] + width)
    # Whole words only: widen to the nearest spaces.
    start = text.rfind(" ", 0, start) + 1 if start else 0
    end = text.find(" ", end) if text.find(" ", end) >= 0 else len(text)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
