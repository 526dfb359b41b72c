"""The name index of one collection: lookups and fuzzy search without scans.

A :class:`NameIndex` holds every name of a collection's records once folded
(:func:`~kz_labour_rights._names.name_tokens`) and three maps built from
them: the folded key of each name to its records (exact lookup), each word to
the names holding it (lookup by words), and each letter trigram to the names
holding it (search candidates).  Lookups then cost what their answer costs,
not what the collection holds.

Search scores only candidates: the names sharing the most trigrams with the
query (by the Dice coefficient of their trigram sets), at most
:data:`CANDIDATES` of them plus a few per requested result, and every name
whose key equals the query's.  A collection with no more names than that is
scored whole, exactly as a scan would.  A name sharing no trigram with the
query (none of its words shares three letters in a row with a query word, a
word's ends counting as letters) is never a candidate, so it is never found,
whatever its :func:`~kz_labour_rights._names.similarity`.
"""

import heapq
from collections import Counter
from typing import Dict, FrozenSet, Generic, Iterable, List, Sequence, Set, Tuple, TypeVar

from ._model import Record
from ._names import NAME_MAX_CHARS, NAME_MAX_WORDS, QUERY_MAX_CHARS, QUERY_MAX_WORDS, Scorer, clip, name_tokens

R = TypeVar("R", bound=Record)

__all__ = ["CANDIDATES", "SHORT", "NameIndex", "grams"]

CANDIDATES = 16
"""Search scores at most this many candidate names (plus 4 per result asked for)."""
SHORT = 4
"""Words this short are compared by letters and bigrams as well as trigrams."""
# Search rounds scores to 4 places; a score this close to another may tie it.
_ROUNDING = 1e-4
# A feature held by more than this share of the names says little about which
# name is meant: it is not counted, unless the query has nothing rarer.
_COMMON = 0.25


def grams(key: str, *, indexed: bool = False) -> FrozenSet[str]:
    """The features search compares ``key`` by.

    The letter trigrams of the folded ``key``'s words, each word padded with
    ``$`` at both ends; and, of a word of at most :data:`SHORT` letters (an
    acronym, say), its bigrams and letters too, so that "HWR" still meets
    "HRW".  A name in the index (``indexed``) also holds the bigrams of its
    longer words, so that a short query meets a longer name it resembles
    ("HCR", "OHCHR").
    """
    found: Set[str] = set()
    for word in key.split():
        padded = f"${word}$"
        found.update(padded[i:i + 3] for i in range(len(padded) - 2))
        short = len(word) <= SHORT
        if short or indexed:
            found.update("<" + padded[i:i + 2] for i in range(len(padded) - 1))
        if short:
            found.update("<" + c for c in word)
    return frozenset(found)


class NameIndex(Generic[R]):
    """Every name of some records, indexed (see the module docstring).

    Args:
        names: ``(name, record)`` pairs, in the order a scan would visit them.
    """

    __slots__ = ("_by_gram", "_by_key", "_by_word", "_entries", "_sizes")

    def __init__(self, names: Iterable[Tuple[str, R]]) -> None:
        # (key, words, name as written, record)
        self._entries: List[Tuple[str, FrozenSet[str], str, R]] = []
        self._by_key: Dict[str, List[int]] = {}
        self._by_word: Dict[str, List[int]] = {}
        self._by_gram: Dict[str, List[int]] = {}
        self._sizes: List[int] = []
        for name, record in names:
            tokens = name_tokens(name)
            key = " ".join(tokens)
            position = len(self._entries)
            words = frozenset(tokens)
            self._entries.append((key, words, name, record))
            self._by_key.setdefault(key, []).append(position)
            for word in words:
                self._by_word.setdefault(word, []).append(position)
            features = grams(clip(key, NAME_MAX_WORDS, NAME_MAX_CHARS), indexed=True)
            self._sizes.append(len(features))
            for gram in features:
                self._by_gram.setdefault(gram, []).append(position)

    def __len__(self) -> int:
        return len(self._entries)

    def exact(self, key: str) -> List[R]:
        """The records one of whose names folds to ``key``, in name order."""
        return self._records(self._by_key.get(key, ()))

    def by_words(self, words: Sequence[str], initials: Sequence[str] = ()) -> List[R]:
        """The records with a name holding every word of ``words`` ("Kharkova"), or a name of
        two or more words all among ``words`` (a name given with a patronymic); in name order.
        Each of ``initials`` must begin a word of the name ("E. Baltabay": Erlan Baltabay)."""
        query = set(words)
        if not query:
            return []
        postings = sorted((self._by_word.get(w, []) for w in query), key=len)
        within = set(postings[0])
        for other in postings[1:]:
            within.intersection_update(other)
        # Names of two or more words, every one of them in the query.
        covered = {
            i for posting in postings for i in posting
            if len(self._entries[i][1]) >= 2 and self._entries[i][1] <= query
        }
        matched = within | covered
        if initials:
            matched = {i for i in matched if all(any(w.startswith(c) for w in self._entries[i][1]) for c in initials)}
        return self._records(sorted(matched))

    def _records(self, positions: Iterable[int]) -> List[R]:
        found: Dict[str, R] = {}
        for i in positions:
            record = self._entries[i][3]
            found.setdefault(record.id, record)
        return list(found.values())

    def search(self, scorer: Scorer, limit: int, min_score: float) -> List[Tuple[float, str, R]]:
        """``(score, name, record)`` of the records whose best candidate name scores at least
        ``min_score``: the ``limit`` best at least (more on ties); unordered.

        ``scorer`` holds the folded, non-empty query; its floor is set here.
        Give each search its own (a scorer is not thread-safe).
        """
        key = scorer.key
        scorer.floor = min_score
        best: Dict[str, Tuple[float, int]] = {}
        for i in self._candidates(key, CANDIDATES + 2 * limit):
            name_key, _, _, record = self._entries[i]
            score = 1.0 if name_key == key else scorer.score(name_key)
            if score < scorer.floor:
                # Below the floor a score may be an underestimate; it is out anyway.
                continue
            current = best.get(record.id)
            # On equal scores the record's first name is the one that matched.
            if current is None or score > current[0] or (score == current[0] and i < current[1]):
                best[record.id] = (score, i)
                if len(best) >= limit:
                    # Only what may still reach the top ``limit`` needs an exact
                    # score; the margin keeps scores that round to a tie.
                    kth = heapq.nlargest(limit, (s for s, _ in best.values()))[-1]
                    scorer.floor = max(min_score, kth - _ROUNDING)
        return [(score, self._entries[i][2], self._entries[i][3]) for score, i in best.values() if score >= min_score]

    def _candidates(self, key: str, wanted: int) -> Iterable[int]:
        """Positions of the names to score, those most like ``key`` first."""
        exact = self._by_key.get(key, [])
        if len(self._entries) <= wanted:
            return [*exact, *(i for i in range(len(self._entries)) if i not in exact)]
        head = clip(key, QUERY_MAX_WORDS, QUERY_MAX_CHARS)
        if len(head) <= SHORT:
            # A short query (an acronym) shares its few letters with many names,
            # and scoring a short query costs little: score more of them.
            wanted *= 4
        query = grams(head)
        postings = [self._by_gram[g] for g in query if g in self._by_gram]
        common = len(self._entries) * _COMMON
        rare = [p for p in postings if len(p) <= common]
        shared: Counter[int] = Counter()
        for posting in rare:
            shared.update(posting)
        if len(shared) < wanted:
            # Too few candidates from the rare features alone: count every one.
            for posting in postings:
                if len(posting) > common:
                    shared.update(posting)
        size = len(query)
        ranked = heapq.nsmallest(wanted, shared, key=lambda i: (-shared[i] / (size + self._sizes[i]), i))
        return [*exact, *(i for i in ranked if i not in exact)]
