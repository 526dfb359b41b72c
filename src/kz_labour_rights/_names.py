"""Name keys for lookup and scores for fuzzy search.

Sources transliterate Kazakh and Russian names differently: Kushakbaev,
Kushakbayev; Baltabay, Baltabai; Eleusinov, Yeleusinov.  :func:`name_key`
folds case, diacritics, punctuation and these transliteration variants, so
that every spelling of one name yields one key.  The folding rules are few
and written down here; spellings they cannot reach (a typo such as
"Kushakpaev") are kept as explicit aliases in the data.

Invisible characters are folded away, never kept: control characters (NUL,
tab, newline, escape, …) separate words like spaces and punctuation do, and
format characters (zero-width spaces and joiners, the soft hyphen,
bidirectional overrides such as U+202E) are deleted, so that an invisible
character can neither split a name nor disguise one.
"""

import difflib
import re
import unicodedata
from typing import Tuple

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


def _kept(c: str) -> bool:
    # Combining marks are the diacritics NFKD split off; format characters
    # (category Cf) are invisible and must not split or disguise a name.
    return not unicodedata.combining(c) and unicodedata.category(c) != "Cf"


def name_tokens(text: str) -> Tuple[str, ...]:
    """The folded tokens of ``text`` (see the module docstring)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if _kept(c))
    cleaned = _NON_ALNUM.sub(" ", stripped.casefold()).split()
    return tuple(_fold_token(t) for t in cleaned)


def name_key(text: str) -> str:
    """One key per name however it is spelled: folded tokens joined by spaces."""
    return " ".join(name_tokens(text))


def similarity(query_key: str, name: str) -> float:
    """A score in [0, 1] of how well ``query_key`` matches the key ``name``.

    The best of: whole-string similarity; and the share of query tokens that
    match a name token (as a prefix, or closely), which ranks "kharkova"
    high against "larisa kharkova".
    """
    if not query_key or not name:
        return 0.0
    whole = difflib.SequenceMatcher(None, query_key, name).ratio()
    q_tokens = query_key.split()
    n_tokens = name.split()
    token_scores = []
    for q in q_tokens:
        best = 0.0
        for n in n_tokens:
            if n.startswith(q) and len(q) >= 3:
                best = max(best, 0.9 + 0.1 * len(q) / len(n))
            else:
                best = max(best, difflib.SequenceMatcher(None, q, n).ratio())
        token_scores.append(best)
    tokens = sum(token_scores) / len(token_scores)
    return max(whole, tokens * 0.97)
