"""Read-only, indexed collections of records of one type."""

import numbers
import threading
import warnings
from typing import Any, Dict, Generic, Iterable, Iterator, List, Mapping, NoReturn, Optional, Tuple, TypeVar, Union, overload

import attrs

from ._errors import AmbiguousNameError, NotFoundError, UsageError, shown
from ._model import Case, LegalProvision, Organisation, Person, Record, Redirect, Source
from ._index import NameIndex
from ._names import HONORIFICS, Scorer, close_matches, name_tokens, query_key, query_words

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
        if not record.article:
            # A whole instrument (a convention, a law) has no article to cite.
            return (record.title, *record.aliases)
        return (record.title, record.citation, *record.aliases)
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


def require_str(value: object, function: str, argument: str, wanted: str) -> str:
    """``value`` if it is a str; else a TypeError naming the argument.

    Args:
        value: the argument as given.
        function: the method, as the caller wrote it (``"people.get"``).
        argument: the parameter's name.
        wanted: what to pass instead (``"an id such as 'person:larisa-kharkova'"``).
    """
    if isinstance(value, str):
        return value
    raise TypeError(f"{function}() argument {argument!r} must be a str ({wanted}), not {type(value).__name__}: {shown(value)}")


def check_search_options(function: str, limit: object, min_score: object) -> None:
    """Refuse a ``limit`` or ``min_score`` that :meth:`Collection.search` cannot honour.

    Raises:
        TypeError: ``limit`` is not an int, or ``min_score`` not a real number
            (bools are neither: ``limit=True`` is a slip, not a count).
        UsageError: ``limit`` below 1, or ``min_score`` outside 0..1 (or NaN).
    """
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"{function}() argument 'limit' must be an int of at least 1, not {type(limit).__name__}: {shown(limit)}")
    if limit < 1:
        raise UsageError(f"{function}(): limit must be at least 1, got {limit}; pass limit=1 or more")
    if isinstance(min_score, bool) or not isinstance(min_score, numbers.Real):
        raise TypeError(f"{function}() argument 'min_score' must be a number from 0 to 1, not {type(min_score).__name__}: {shown(min_score)}")
    if not 0 <= float(min_score) <= 1:  # NaN fails this too
        raise UsageError(f"{function}(): min_score must be from 0 to 1, got {min_score}; 0 keeps every match, 1 only exact names")


def near_ids(text: str, ids: Iterable[str], n: int = 5) -> List[str]:
    """The ids most like the id ``text``, best first.

    Only the parts after the prefix are compared: every person id shares
    ``person:``, which would make unrelated ids look alike.
    """
    by_slug: Dict[str, List[str]] = {}
    for record_id in ids:
        by_slug.setdefault(record_id.partition(":")[2], []).append(record_id)
    slug = text.partition(":")[2]
    return [i for s in close_matches(slug, by_slug, n=n, cutoff=0.6) for i in by_slug[s]][:n]


def refuse_change(obj: object, name: str) -> NoReturn:
    """Raise the AttributeError of a read-only object's ``__setattr__``/``__delattr__``."""
    kind = type(obj).__name__
    raise AttributeError(
        f"{kind} is read-only: cannot change or delete attribute {name!r}; every caller of load() shares it, "
        "so build a new Dataset(meta=..., records=...) instead"
    )


_INDEX_LOCK = threading.Lock()


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
    ``record in collection`` both work.  A collection is read-only: setting
    or deleting an attribute raises ``AttributeError``.  A method given a
    non-str where it takes a str raises ``TypeError`` naming the argument.
    """

    __slots__ = ("_by_id", "_index", "_redirects", "name")

    name: str
    _by_id: Dict[str, R]
    _redirects: Dict[str, Redirect]
    _index: Optional["NameIndex[R]"]

    def __init__(self, name: str, records: Iterable[R], redirects: Optional[Mapping[str, Redirect]] = None) -> None:
        by_id: Dict[str, R] = {r.id: r for r in sorted(records, key=lambda r: r.id)}
        # Attributes are set past __setattr__, which refuses every change.
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_redirects", {
            old: r for old, r in (redirects or {}).items() if r.new in by_id and old not in by_id
        })
        # The name index is built by the first lookup or search, not by
        # load(): most programs ask one or two collections for names.
        object.__setattr__(self, "_index", None)

    @property
    def _names(self) -> "NameIndex[R]":
        index = self._index
        if index is None:
            with _INDEX_LOCK:
                index = self._index
                if index is None:
                    index = NameIndex((n, r) for r in self._by_id.values() for n in record_names(r))
                    object.__setattr__(self, "_index", index)
        return index

    def __setattr__(self, name: str, value: object) -> None:
        refuse_change(self, name)

    def __delattr__(self, name: str) -> None:
        refuse_change(self, name)

    def __reduce__(self) -> Tuple[Any, ...]:
        # Pickle and copy would restore slots with setattr, which is refused.
        return (type(self), (self.name, tuple(self._by_id.values()), dict(self._redirects)))

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[R]:
        return iter(self._by_id.values())

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._by_id
        record_id = getattr(item, "id", None)
        return isinstance(record_id, str) and record_id in self._by_id and self._by_id[record_id] == item

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

    def _id_arg(self, value: object, method: str, argument: str = "record_id") -> str:
        example = next(iter(self._by_id), f"{self.name}:…")
        return require_str(value, f"{self.name}.{method}", argument, f"an id such as {example!r}")

    def __getitem__(self, record_id: str) -> R:
        record_id = self._id_arg(record_id, "__getitem__")
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
        """The record with this id (or the one a retired id now names), or ``default``.

        Raises:
            TypeError: ``record_id`` is not a str.
        """
        record_id = self._id_arg(record_id, "get")
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
        variants, and reads Russian and Kazakh Cyrillic ("Харькова") as
        the Latin spelling (see :func:`kz_labour_rights.name_key`).  An id
        is accepted too.  A name that equals no name exactly may still match
        by its words — "Kharkova" finds "Larisa Kharkova", and a name with a
        patronymic finds the record without one.  Titles ("Mr", "Ms.",
        "Dr") are ignored, and an initial must begin a word of the name:
        "Mr E. Baltabay" finds Erlan Baltabay.

        Raises:
            TypeError: ``name`` is not a str.
            AmbiguousNameError: more than one record matches; lists them all.
            NotFoundError: nothing matches; suggests near matches.
        """
        name = require_str(name, f"{self.name}.lookup", "name", "a name such as 'Kharkova', or an id")
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

        Raises:
            TypeError: ``name`` is not a str.
        """
        name = require_str(name, f"{self.name}.find", "name", "a name such as 'Kharkova', or an id")
        if name in self._by_id:
            return [self._by_id[name]]
        followed = self._follow(name)
        if followed is not None:
            return [followed]
        tokens = name_tokens(name)
        words, initials = query_words(name, tokens)
        # A one-letter word may be part of the name ("Sultan S.", "Company C"):
        # matched as a word first, and only failing that as an initial.
        untitled = tuple(t for t in tokens if t not in HONORIFICS) or words
        return (self._names.exact(" ".join(tokens)) or self._names.exact(" ".join(words))
                or self._names.by_words(untitled) or self._names.by_words(words, initials))

    def search(self, text: str, limit: int = 10, min_score: float = 0.5) -> List[Match[R]]:
        """Records whose names resemble ``text``, best first.

        Only the head of a long query is compared: its first 8 words, at most
        100 characters once folded (and of those, only what the first 1,000
        characters of ``text`` fold to); names in the data are compared up to
        32 words (200 characters).  So a search takes milliseconds whatever
        the length of the query or of the names.  A query with nothing left
        once folded (``""``, only punctuation or control characters) matches
        nothing.

        Only candidates are scored: the names sharing the most letter
        trigrams with the query (see "Fuzzy search is bounded" in the guide), so a
        search costs about the same however many names the collection holds.
        The best match is the one scoring every name would rank first; a name
        sharing no three letters in a row with the query is never found.

        Args:
            text: any spelling or fragment of a name.
            limit: at most this many results (an int, at least 1).
            min_score: drop matches scoring below this (0–1).

        Raises:
            TypeError: ``text`` is not a str, ``limit`` not an int, or
                ``min_score`` not a number.
            UsageError: ``limit`` is below 1 or ``min_score`` outside 0..1.
        """
        text = require_str(text, f"{self.name}.search", "text", "any spelling or fragment of a name")
        check_search_options(f"{self.name}.search", limit, min_score)
        key = query_key(text)
        if not key:
            return []
        return self._matches(Scorer(key), limit, float(min_score))

    def _matches(self, scorer: Scorer, limit: int, min_score: float) -> List[Match[R]]:
        """The best ``limit`` matches of ``scorer``'s query, best first (options already checked).

        ``scorer`` may be shared by the searches of one query over several
        collections: what it learns about words serves them all.
        """
        found = self._names.search(scorer, limit, min_score)
        ranked = sorted((Match(record, round(score, 4), name) for score, name, record in found),
                        key=lambda m: (-m.score, m.record.id))
        return ranked[:limit]

    def _suggest(self, text: str) -> List[str]:
        if ":" in text:
            # An id: compare with ids, not names.
            return near_ids(text, self._by_id)
        return [f"{m.name} ({m.record.id})" for m in self.search(text, limit=5, min_score=0.6)]
