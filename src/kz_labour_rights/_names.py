"""Name keys for lookup and scores for fuzzy search.

Sources transliterate Kazakh and Russian names differently: Kushakbaev,
Kushakbayev; Baltabay, Baltabai; Eleusinov, Yeleusinov.  :func:`name_key`
folds case, diacritics, punctuation and these transliteration variants, so
that every spelling of one name yields one key.  The folding rules are few
and written down here; spellings they cannot reach (a typo such as
"Kushakpaev") are kept as explicit aliases in the data.

Names in Cyrillic fold to the same key as their Latin spellings: Russian and
Kazakh letters are transliterated by :data:`CYRILLIC` (Кушакбаев →
kushakbaev, Харькова → kharkova, Жанаозен → zhanaozen) before the Latin
variants are folded.  A query may carry what the sources put before a name
— titles (:data:`HONORIFICS`: "Mr", "Ms", "Dr" …) and initials ("Mr E.
Baltabay"): :func:`query_words` sets them apart, so that lookups and searches
compare the name itself.

Invisible characters are folded away, never kept: control characters (NUL,
tab, newline, escape, …) separate words like spaces and punctuation do, and
format characters (zero-width spaces and joiners, the soft hyphen,
bidirectional overrides such as U+202E) are deleted, so that an invisible
character can neither split a name nor disguise one.

Fuzzy search compares bounded text, so that its cost does not grow with the
length of a query or of a name in the data: :func:`similarity` reads at most
:data:`QUERY_MAX_WORDS` words (:data:`QUERY_MAX_CHARS` characters) of the
query key and :data:`NAME_MAX_WORDS` words (:data:`NAME_MAX_CHARS`
characters) of the name key.  Every name in the packaged data is within the
name bound, and an ordinary query within the query bound, so bounding
changes no ordinary ranking.
"""

import heapq
import re
import unicodedata
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional, Tuple

if TYPE_CHECKING:
    import difflib

__all__ = [
    "NAME_MAX_CHARS",
    "NAME_MAX_WORDS",
    "QUERY_MAX_CHARS",
    "QUERY_MAX_WORDS",
    "QUERY_READ_CHARS",
    "Scorer",
    "CYRILLIC",
    "HONORIFICS",
    "clip",
    "close_matches",
    "name_key",
    "name_tokens",
    "query_key",
    "query_words",
    "similarity",
]

QUERY_MAX_WORDS = 8
"""Search compares at most this many words of a query; the rest is ignored."""
QUERY_MAX_CHARS = 100
"""Search compares at most this many characters of a query's folded key."""
QUERY_READ_CHARS = 1000
"""Search folds at most this many characters of a query (folding is linear,
but there is no reason to fold a megabyte to keep 100 characters of it)."""
NAME_MAX_WORDS = 32
"""Search compares at most this many words of a name in the data (the longest
packaged name has 22)."""
NAME_MAX_CHARS = 200
"""Search compares at most this many characters of a name's folded key (the
longest packaged name has 147)."""

# Letters of every script are kept (Cyrillic names are aliases too); only
# punctuation, symbols, spacing and control characters separate words.
_NON_ALNUM = re.compile(r"[\W_]+")
# Word-initial "ye" (Yeleusinov → eleusinov) and "ye" after a vowel
# (Kushakbayev → kushakbaev) are one sound written two ways.
_INITIAL_YE = re.compile(r"\bye")
_VOWEL_YE = re.compile(r"(?<=[aeiou])ye")


def _fold_token(token: str) -> str:
    token = _INITIAL_YE.sub("e", token)
    token = _VOWEL_YE.sub("e", token)
    # What is left of "y" is the vowel/glide written "i" by other sources
    # (Baltabay → baltabai, Gennadyevna → gennadievna).
    return token.replace("y", "i")


class _Dropped(Dict[int, Optional[str]]):
    """A ``str.translate`` table deleting combining marks and format characters,
    filled in as characters are first seen (most names repeat few of them)."""

    def __missing__(self, code: int) -> Optional[str]:
        c = chr(code)
        # Combining marks are the diacritics NFKD split off; format characters
        # (category Cf) are invisible and must not split or disguise a name.
        dropped = unicodedata.combining(c) or unicodedata.category(c) == "Cf"
        value = None if dropped else c
        self[code] = value
        return value


_DROPPED = _Dropped()


CYRILLIC: Dict[str, str] = {
    # Russian, as the sources' English transliterates it (Харькова → Kharkova).
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Kazakh letters beyond the Russian alphabet, and the Latin-script "ı".
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i", "ı": "i",
}
"""Lower-case Cyrillic letters (Russian and Kazakh) and their Latin spelling before folding.

Letters with a diacritic in Unicode (й, ё) lose it first, as every other
letter does; the table maps them too, for text already composed.
"""
_TRANSLITERATE = str.maketrans(CYRILLIC)

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "gospodin", "gospozha"})
"""Folded titles a query may put before a name ("Mr", "Mr.", "Ms", "Dr", "господин" …)."""


def name_tokens(text: str) -> Tuple[str, ...]:
    """The folded tokens of ``text`` (see the module docstring)."""
    text = text.casefold()
    if not text.isascii():
        # ASCII needs none of this: it decomposes to itself, holds no mark
        # or format character, and no Cyrillic.
        # Unicode's compatibility caseless match, NFKD(casefold(NFKD(casefold(x)))): a compatibility
        # decomposition can itself give a capital ("ᴬ" is "A"), which a second fold lowers.
        text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
        text = text.translate(_DROPPED).translate(_TRANSLITERATE)
    cleaned = _NON_ALNUM.sub(" ", text).split()
    return tuple(_fold_token(t) for t in cleaned)


def query_words(text: str, tokens: Optional[Tuple[str, ...]] = None) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    """The folded words of a query with its titles and initials set apart: ``(words, initials)``.

    "Mr E. Baltabay" gives ``(("baltabai",), ("e",))``.  Titles
    (:data:`HONORIFICS`) are dropped and one-letter words before the last
    longer word are the initials; a letter after it is part of the name
    ("Sultan S." gives ``(("sultan", "s"), ())``).  When nothing else is
    left, the words are all of the query's tokens ("Mr" alone, "E").
    ``tokens``, when given, are ``name_tokens(text)`` already folded.
    """
    if tokens is None:
        tokens = name_tokens(text)
    full = [i for i, t in enumerate(tokens) if len(t) > 1 and t not in HONORIFICS]
    if not full:
        return tokens, ()
    # A letter before the surname is an initial ("E. Baltabay"); one after
    # the last word belongs to the name ("Sultan S.", "Company C").
    last = full[-1]
    words = tuple(t for i, t in enumerate(tokens) if t not in HONORIFICS and (len(t) > 1 or i > last))
    return words, tuple(t for i, t in enumerate(tokens) if len(t) == 1 and i < last)


def query_key(text: str) -> str:
    """The key search compares for the query ``text``: its :func:`query_words` (titles and
    initials dropped) of its first :data:`QUERY_READ_CHARS` characters."""
    return " ".join(query_words(text[:QUERY_READ_CHARS])[0])


def name_key(text: str) -> str:
    """One key per name however it is spelled: folded tokens joined by spaces."""
    return " ".join(name_tokens(text))


def clip(key: str, max_words: int, max_chars: int) -> str:
    """The first ``max_words`` words of ``key``, cut to ``max_chars`` characters.

    ``key`` is a folded key (words joined by single spaces); a key within
    both bounds is returned unchanged.
    """
    head = key[:max_chars]
    words = head.split(" ", max_words)[:max_words]
    return " ".join(words).rstrip()


def similarity(query_key: str, name: str, floor: float = 0.0) -> float:
    """A score in [0, 1] of how well ``query_key`` matches the key ``name``.

    The best of: whole-string similarity; and the share of query tokens that
    match a name token (as a prefix, or closely), which ranks "kharkova"
    high against "larisa kharkova".  Only the bounded heads of both keys are
    compared (see the module docstring), so the cost is bounded too.

    Args:
        query_key: the folded query.
        name: the folded name.
        floor: a score below this is of no interest: it may come back as
            any value below ``floor`` (not computed exactly), which saves
            most of the work for names that do not match.  A score at or
            above ``floor`` is exact.
    """
    return Scorer(query_key, floor).score(name)


class Scorer:
    """:func:`similarity` of one query against many names, as one search asks.

    It keeps what it computed about the query's words and the names' words
    (words such as "union" recur in many names), so make one per search and
    do not share it between threads.

    Args:
        query_key: the folded query (clipped to the query bound).
        floor: as for :func:`similarity`.
    """

    def __init__(self, query_key: str, floor: float = 0.0) -> None:
        self.key = query_key
        self.query = clip(query_key, QUERY_MAX_WORDS, QUERY_MAX_CHARS)
        self.floor = floor
        self._tokens = self.query.split()
        self._letters: Dict[str, Dict[str, int]] = {}
        self._bounds: Dict[Tuple[str, str], float] = {}
        self._ratios: Dict[Tuple[str, str], float] = {}

    def score(self, name: str) -> float:
        """The query's :func:`similarity` to the folded name ``name``."""
        name = clip(name, NAME_MAX_WORDS, NAME_MAX_CHARS)
        if not self.query or not name:
            return 0.0
        # Upper bounds of SequenceMatcher.ratio() (real_quick_ratio and
        # quick_ratio, computed here without a matcher) let a ratio that
        # cannot reach what is needed go uncomputed.  Scores that matter are
        # exact: only a score below the floor may be an underestimate.
        floor = self.floor
        whole = 0.0
        if _length_bound(self.query, name) >= floor and self._letter_bound(self.query, name) >= floor:
            whole = _matcher()(None, self.query, name).ratio()
        n_tokens = name.split()
        if whole < floor:
            bounds = [max(self._bound(q, n) for n in n_tokens) for q in self._tokens]
            if sum(bounds) / len(bounds) * 0.97 < floor:
                return whole
        token_scores = []
        for q in self._tokens:
            best = 0.0
            for n in n_tokens:
                prefix = _prefix_score(q, n)
                if prefix:
                    best = max(best, prefix)
                elif self._bound(q, n) > best:
                    best = max(best, self._ratio(q, n))
            token_scores.append(best)
        tokens = sum(token_scores) / len(token_scores)
        return max(whole, tokens * 0.97)

    def _ratio(self, q: str, n: str) -> float:
        ratio = self._ratios.get((q, n))
        if ratio is None:
            ratio = self._ratios[(q, n)] = _matcher()(None, q, n).ratio()
        return ratio

    def _bound(self, q: str, n: str) -> float:
        """The prefix score of query word ``q`` in name word ``n``, or an upper bound of their ratio."""
        bound = self._bounds.get((q, n))
        if bound is None:
            bound = _prefix_score(q, n) or min(_length_bound(q, n), self._letter_bound(q, n))
            self._bounds[(q, n)] = bound
        return bound

    def _letter_counts(self, text: str) -> Dict[str, int]:
        counts = self._letters.get(text)
        if counts is None:
            counts = self._letters[text] = {}
            for c in text:
                counts[c] = counts.get(c, 0) + 1
        return counts

    def _letter_bound(self, a: str, b: str) -> float:
        """``SequenceMatcher(None, a, b).quick_ratio()``: letters in common, as a ratio."""
        counts_b = self._letter_counts(b)
        common = sum(min(k, counts_b.get(c, 0)) for c, k in self._letter_counts(a).items())
        return 2.0 * common / (len(a) + len(b))


def _matcher() -> "type[difflib.SequenceMatcher[str]]":
    """``difflib.SequenceMatcher``, imported on first use (a lookup that finds its name never needs it)."""
    import difflib

    return difflib.SequenceMatcher


def _prefix_score(q: str, n: str) -> float:
    """The score of query word ``q`` as a prefix of name word ``n``; 0 if it is none."""
    return 0.9 + 0.1 * len(q) / len(n) if len(q) >= 3 and n.startswith(q) else 0.0


def _length_bound(a: str, b: str) -> float:
    """``SequenceMatcher(None, a, b).real_quick_ratio()``, without building the matcher."""
    total = len(a) + len(b)
    return 2.0 * min(len(a), len(b)) / total if total else 1.0


def close_matches(text: str, candidates: Iterable[str], n: int = 5, cutoff: float = 0.6) -> List[str]:
    """The candidates most like ``text`` (ids, say), best first.

    As :func:`difflib.get_close_matches`, but only the first
    :data:`NAME_MAX_CHARS` characters of ``text`` and of each candidate are
    compared, so a 10,000-character id costs no more than a short one.
    """
    matcher = _matcher()()
    matcher.set_seq2(text[:NAME_MAX_CHARS])
    scored: List[Tuple[float, str]] = []
    for candidate in candidates:
        matcher.set_seq1(candidate[:NAME_MAX_CHARS])
        # The two quick ratios are upper bounds of ratio(): cheap filters.
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
            score = matcher.ratio()
            if score >= cutoff:
                scored.append((score, candidate))
    return [c for _, c in heapq.nlargest(n, scored)]
