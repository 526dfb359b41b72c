"""Read-only, indexed collections of records of one type."""

import difflib
import warnings
from typing import Dict, Generic, Iterable, Iterator, List, Mapping, Optional, Tuple, TypeVar, Union, overload

import attrs

from ._errors import AmbiguousNameError, NotFoundError
from ._model import Case, LegalProvision, Organisation, Person, Record, Redirect, Source
from ._names import name_key, name_tokens, similarity

R = TypeVar("R", bound=Record)
D = TypeVar("D")

__all__ = ["Collection", "Match", "display_name", "record_names"]


def record_names(record: Record) -> Tuple[str, ...]:
    """Every name a record answers to in :meth:`Collection.lookup`."""
    if isinstance(record, (Person, Organisation)):
        return (record.name, *record.aliases)
    if isinstance(record, Case):
        return (record.title,)
    if isinstance(record, LegalProvision):
        cite = f"{record.instrument} article {record.article}"
        if record.part:
            cite += f" part {record.part}"
        if record.paragraph:
            cite += f" paragraph {record.paragraph}"
        return (record.title, cite, *record.aliases)
    if isinstance(record, Source):
        return (record.title,)
    return ()


def display_name(record: Record) -> str:
    """A short human label: the first name, else the summary, else the id."""
    names = record_names(record)
    if names:
        return names[0]
    summary: str = getattr(record, "summary", "")
    return summary if summary else record.id


@attrs.frozen
class Match(Generic[R]):
    """One result of a fuzzy search.

    Attributes:
        record: the matching record.
        score: how well it matches, from 0 to 1.
        name: the name or alias that matched best.
    """

    record: R
    score: float
    name: str


class Collection(Generic[R]):
    """All records of one type, by id, with name lookup and fuzzy search.

    Iteration yields records in id order.  ``id in collection`` and
    ``record in collection`` both work.
    """

    __slots__ = ("_by_id", "_by_key", "_names", "_redirects", "name")

    def __init__(self, name: str, records: Iterable[R], redirects: Optional[Mapping[str, Redirect]] = None) -> None:
        self.name = name
        self._by_id: Dict[str, R] = {r.id: r for r in sorted(records, key=lambda r: r.id)}
        self._redirects: Dict[str, Redirect] = {
            old: r for old, r in (redirects or {}).items() if r.new in self._by_id and old not in self._by_id
        }
        self._by_key: Dict[str, List[R]] = {}
        self._names: List[Tuple[str, Tuple[str, ...], str, R]] = []
        for record in self._by_id.values():
            for n in record_names(record):
                key = name_key(n)
                bucket = self._by_key.setdefault(key, [])
                if record not in bucket:
                    bucket.append(record)
                self._names.append((key, name_tokens(n), n, record))

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[R]:
        return iter(self._by_id.values())

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._by_id
        return getattr(item, "id", None) in self._by_id and self._by_id[getattr(item, "id")] == item

    def _follow(self, record_id: str) -> Optional[R]:
        """The record a retired id now names, with a DeprecationWarning; None if not retired."""
        redirect = self._redirects.get(record_id)
        if redirect is None:
            return None
        warnings.warn(
            f"{record_id} was retired in {redirect.since}: use {redirect.new}" + (f" ({redirect.reason})" if redirect.reason else ""),
            DeprecationWarning, stacklevel=3,
        )
        return self._by_id[redirect.new]

    def __getitem__(self, record_id: str) -> R:
        try:
            return self._by_id[record_id]
        except KeyError:
            followed = self._follow(record_id)
            if followed is not None:
                return followed
            raise NotFoundError(record_id, self.name, self._suggest(record_id)) from None

    @overload
    def get(self, record_id: str) -> Optional[R]: ...

    @overload
    def get(self, record_id: str, default: D) -> Union[R, D]: ...

    def get(self, record_id: str, default: object = None) -> object:
        """The record with this id (or the one a retired id now names), or ``default``."""
        found = self._by_id.get(record_id)
        if found is None:
            found = self._follow(record_id)
        return default if found is None else found

    def ids(self) -> Tuple[str, ...]:
        """Every id, sorted."""
        return tuple(self._by_id)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Collection):
            return NotImplemented
        return self.name == other.name and list(self._by_id.values()) == list(other._by_id.values())

    def __hash__(self) -> int:
        return hash((self.name, tuple(self._by_id)))

    def __repr__(self) -> str:
        return f"<Collection {self.name}: {len(self)} records>"

    def lookup(self, name: str) -> R:
        """The one record whose name or alias matches ``name``.

        Matching folds case, diacritics, punctuation and transliteration
        variants (see :func:`kz_labour_rights.name_key`).  An id is accepted
        too.  A name that equals no name exactly may still match by its words
        — "Kharkova" finds "Larisa Kharkova", and a name with a patronymic
        finds the record without one.

        Raises:
            AmbiguousNameError: more than one record matches; lists them all.
            NotFoundError: nothing matches; suggests near matches.
        """
        exact = self.find(name)
        if len(exact) == 1:
            return exact[0]
        if exact:
            raise AmbiguousNameError(name, self.name, [f"{display_name(r)} ({r.id})" for r in exact])
        raise NotFoundError(name, self.name, self._suggest(name))

    def find(self, name: str) -> List[R]:
        """Every record ``lookup`` would consider for ``name``, without raising.

        An id gives its record; otherwise records whose folded name or alias
        equals ``name``'s; failing those, records matching by words (see
        :meth:`lookup`).  An empty list means no match; more than one, an
        ambiguous name.
        """
        if name in self._by_id:
            return [self._by_id[name]]
        followed = self._follow(name)
        if followed is not None:
            return [followed]
        exact = list(self._by_key.get(name_key(name), []))
        return exact or self._word_matches(name_tokens(name))

    def _word_matches(self, query: Tuple[str, ...]) -> List[R]:
        if not query:
            return []
        found: List[R] = []
        q = set(query)
        for _, tokens, _, record in self._names:
            t = set(tokens)
            # Query words all in the name ("Kharkova"), or every word of a
            # two-or-more-word name in the query (name plus patronymic).
            if (q <= t or (len(t) >= 2 and t <= q)) and record not in found:
                found.append(record)
        return found

    def search(self, text: str, limit: int = 10, min_score: float = 0.5) -> List[Match[R]]:
        """Records whose names resemble ``text``, best first.

        Args:
            text: any spelling or fragment of a name.
            limit: at most this many results.
            min_score: drop matches scoring below this (0–1).
        """
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        key = name_key(text)
        best: Dict[str, Match[R]] = {}
        for name_k, _, name, record in self._names:
            score = 1.0 if name_k == key else similarity(key, name_k)
            current = best.get(record.id)
            if score >= min_score and (current is None or score > current.score):
                best[record.id] = Match(record, round(score, 4), name)
        ranked = sorted(best.values(), key=lambda m: (-m.score, m.record.id))
        return ranked[:limit]

    def _suggest(self, text: str) -> List[str]:
        if ":" in text:
            # An id: compare with ids, not names.
            return difflib.get_close_matches(text, list(self._by_id), n=5, cutoff=0.6)
        return [f"{m.name} ({m.record.id})" for m in self.search(text, limit=5, min_score=0.6)]
