"""Completeness report: what the source texts mention that the dataset lacks.

The texts are not shipped, so this works on a directory holding them.  For
each source it finds

* **names**: runs of capitalised words that look like a person's or an
  organisation's name (and upper-case acronyms), and tries to resolve each
  through the people and organisations collections — a name that resolves to
  no record, or to more than one, is a gap;
* **dates**: every day- or month-precise date written in the text
  ("17 July 2019", "July 17, 2019", "March 2016", "17.07.2019",
  "17-07-2019"), and whether some record citing that source carries that
  date — an event's start or end, a penalty's start or end, a membership's
  start or end, a provision version's dates.

Names and dates that are not gaps by design (places, report furniture, the
dates of cited articles and interviews) are listed, each with its reason, in
an *ignore file*: one entry per line, ``text | reason``; a line starting
with ``#`` is a comment.  A date entry is ``date:<text as written>``; a
file entry, ``file:<a source's file as written>``, excuses an
``unsafe-file`` gap (the file is still not read).  An
entry prefixed with a source id and a space (``source:hrw-… date:June 2012``)
excuses the text in that source only; without one, in every source.

Heuristics, not parsing: single capitalised words other than acronyms are
not reported (too many are ordinary words at a sentence start), and year-only
dates ("in 2013") are not listed because most are not events.

Nothing outside the sources directory is read.  A source whose ``file`` is
an absolute path, climbs out with ``..``, is a symlink resolving outside the
directory, or is not a regular file is reported as an ``unsafe-file`` gap
naming the source, and its file is never opened.
"""

import os
import re
from pathlib import Path, PurePath
from typing import Dict, Iterable, Iterator, List, Mapping, Optional, Set, Tuple

import attrs

from ._dataset import Dataset
from ._model import Event, Membership, Penalty
from ._values import PartialDate
from .formats._base import UNREADABLE, read_text

__all__ = ["Gap", "SourceCoverage", "coverage", "read_ignore_file"]

MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"),
    start=1,
)}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE_PATTERNS: Tuple[Tuple["re.Pattern[str]", str], ...] = (
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(\d{4})\b"), "dmy"),
    (re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"), "mdy"),
    (re.compile(r"\b(?<!\d\s)" + _MONTH + r",?\s+(\d{4})\b"), "my"),
    (re.compile(r"\b(\d{1,2})[.-](\d{1,2})[.-](\d{4})\b"), "numeric"),
)
ORG_WORDS = frozenset(
    """union unions court ministry committee company confederation federation congress department office police
    prosecutor prosecutor's akimat council party organization organisation association bank llp jsc service agency
    parliament majilis mazhilis senate government commission centre center group fund institute bureau inspectorate
    trading energy construction services munai gas oil industrial industriall watch amnesty international conference
    corporation holding ltd inc plc chamber assembly network foundation trust academy university committee's
    kazmunaigas ozenmunaigas""".split()
)
LAW_WORDS = frozenset("code law convention conventions article constitution covenant act order decree resolution protocol".split())
SKIP_WORDS = frozenset(
    """january february march april may june july august september october november december monday tuesday wednesday
    thursday friday saturday sunday summary recommendations methodology""".split()
)
CONNECTORS = frozenset({"of", "for", "and", "the", "in", "on", "de", "&"})
LEADING = frozenset(
    """the a an in on at this that these those according after before during when while since although however mr ms mrs
    dr as if but and by for from of to with under between both each every some such then there their its our his her
    it we they he she one two""".split()
)
HONORIFICS = frozenset({"mr", "ms", "mrs", "dr"})
# Sentence openers that a capitalised run picks up after a name without a full stop.
TRAILING = frozenset(
    """moreover however indeed although even this we the she he it they following despite previously recent out apply
    follow by one these there its his her their as in on at an a our also while when since after before and but""".split()
)
_WORD = re.compile(r"[^\W\d_][\w’'.-]*|\S")
_ACRONYM = re.compile(r"^[A-Z]{2,7}$")


@attrs.frozen(kw_only=True)
class Gap:
    """One thing a source mentions that the dataset does not cover.

    Attributes:
        kind: ``"name"``, ``"ambiguous-name"``, ``"date"``, or
            ``"unsafe-file"`` for a source file that was not read because it
            lies outside the sources directory or is not a regular file.
        text: the text as written in the source (for ``unsafe-file``, the
            source's ``file`` as written).
        context: a few words around its first occurrence (for
            ``unsafe-file``, which source, why it was not read, and the fix).
        candidates: for an ambiguous name, the ids it resolves to.
    """

    kind: str
    text: str
    context: str
    candidates: Tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class SourceCoverage:
    """Coverage of one source text.

    Attributes:
        source: the source id (sources sharing one text are reported once,
            under the first).
        file: the text's file name.
        names_checked: distinct candidate names found.
        dates_checked: distinct dates found.
        events: ids of the events citing this source (or any source carried
            in the same text), in date order.
        gaps: names and dates not covered and not in the ignore file.
        ignored: how many candidates the ignore file excused.
    """

    source: str
    file: str
    names_checked: int
    dates_checked: int
    events: Tuple[str, ...]
    gaps: Tuple[Gap, ...]
    ignored: int


def read_ignore_file(path: "Optional[Path]") -> Set[str]:
    """The entries of an ignore file (text before ``|``, whitespace-trimmed)."""
    if path is None:
        return set()
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0] if line.lstrip().startswith("#") else line
        text = line.split("|", 1)[0].strip()
        if text:
            out.add(text)
    return out


def _strip_possessive(word: str) -> str:
    for suffix in ("’s", "'s", "’", "'"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    # Keep the full stop of an initial: the pseudonym is "Asel A.".
    return word if len(word) <= 2 else word.rstrip(".")


def candidate_names(text: str) -> Iterator[Tuple[str, int]]:
    """``(name, offset)`` for each name-like run of capitalised words."""
    words = [(m.group(), m.start()) for m in _WORD.finditer(text)]
    i = 0
    while i < len(words):
        w, _ = words[i]
        if not w[0].isupper():
            i += 1
            continue
        run = [words[i]]
        j = i + 1
        while j < len(words):
            nxt = words[j][0]
            if nxt[0].isupper() and nxt[0].isalpha():
                run.append(words[j])
            elif nxt.lower() in CONNECTORS and j + 1 < len(words) and words[j + 1][0][0].isupper():
                run.append(words[j])
            else:
                break
            last = run[-1][0]
            # A full stop ends the name unless it closes an initial ("Asel A.", "Mr.").
            if last.endswith((",", ";", ":")) or (last.endswith(".") and len(last) > 3):
                break
            j += 1
        i = j
        yield from _names_in_run(run)


def _names_in_run(run: List[Tuple[str, int]]) -> Iterator[Tuple[str, int]]:
    tokens = [(_strip_possessive(w), o) for w, o in run]
    raw = {t.lower() for t, _ in tokens}
    if "and" in raw and not raw & ORG_WORDS and not raw & LAW_WORDS:
        # "Mr Baltabay and Ms Kharkova": two names joined, not one.
        part: List[Tuple[str, int]] = []
        for token in run + [("and", -1)]:
            if token[0].lower() == "and":
                yield from _names_in_run(part)
                part = []
            else:
                part.append(token)
        return
    titled = False
    while tokens and (tokens[0][0].lower() in LEADING or tokens[0][0].lower() in CONNECTORS):
        titled = tokens[0][0].lower() in HONORIFICS
        tokens = tokens[1:]
    while tokens and (tokens[-1][0].lower() in CONNECTORS or tokens[-1][0].lower() in TRAILING and len(tokens[-1][0]) > 2):
        tokens = tokens[:-1]
    if not tokens:
        return
    lowered = {t.lower() for t, _ in tokens}
    if lowered & LAW_WORDS or lowered & SKIP_WORDS:
        for t, o in tokens:
            if _ACRONYM.match(t):
                yield t, o
        return
    if len(tokens) == 1:
        t, o = tokens[0]
        # A lone capitalised word is a name only after "Mr"/"Ms", or as an acronym.
        if titled or _ACRONYM.match(t):
            yield t, o
        return
    if len(tokens) <= 4 or lowered & ORG_WORDS:
        yield " ".join(t for t, _ in tokens), tokens[0][1]


def candidate_dates(text: str) -> Iterator[Tuple[str, PartialDate, int]]:
    """``(text as written, date, offset)`` for each day- or month-precise date."""
    taken: List[Tuple[int, int]] = []
    for pattern, form in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            g = m.groups()
            try:
                if form == "dmy":
                    d = PartialDate(year=int(g[2]), month=MONTHS[g[1].lower()], day=int(g[0]))
                elif form == "mdy":
                    d = PartialDate(year=int(g[2]), month=MONTHS[g[0].lower()], day=int(g[1]))
                elif form == "my":
                    d = PartialDate(year=int(g[1]), month=MONTHS[g[0].lower()])
                else:
                    d = PartialDate(year=int(g[2]), month=int(g[1]), day=int(g[0]))
            except ValueError:
                continue
            taken.append((m.start(), m.end()))
            yield m.group(), d, m.start()


def _context(text: str, offset: int) -> str:
    return " ".join(text[max(0, offset - 60): offset + 80].split())


def _record_dates(ds: Dataset, sources: Set[str]) -> Set[PartialDate]:
    """Every date carried by a record that cites one of ``sources``."""
    out: Set[PartialDate] = set()
    for collection in ("events", "penalties", "memberships", "provisions", "discrepancies", "cases"):
        for r in ds.collection(collection):
            cited = {c.source for c in r.citations}
            for v in getattr(r, "versions", ()):
                cited |= {c.source for c in v.citations}
                if cited & sources:
                    out |= {x for x in (v.valid_from, v.valid_to) if x is not None}
            if not cited & sources:
                continue
            if isinstance(r, Event):
                out |= {x for x in (r.date, r.end) if x is not None}
            elif isinstance(r, (Penalty, Membership)):
                out |= {x for x in (r.start, r.end) if x is not None}
    # A day-precise record also covers the month the text may name alone.
    out |= {PartialDate(year=d.year, month=d.month) for d in out if d.month is not None}
    return out


def _resolve(ds: Dataset, name: str) -> Tuple[str, ...]:
    found: List[str] = []
    for collection in ("people", "organisations"):
        found.extend(r.id for r in ds.collection(collection).find(name))
    return tuple(found)


def _unsafe(root: Path, file: str) -> Optional[str]:
    """Why ``file`` must not be read from the resolved directory ``root``, or None when it may."""
    relative = PurePath(file)
    if relative.is_absolute() or relative.anchor:
        return "is an absolute path"
    if ".." in relative.parts:
        return "climbs out of the sources directory with '..'"
    target = (root / relative).resolve()
    if target != root and root not in target.parents:
        return f"is a symlink resolving outside the sources directory ({target})"
    if os.path.lexists(target) and not target.is_file():
        return "is not a regular file"
    return None


def _read(path: Path) -> Optional[str]:
    """The text of the regular file ``path`` (already resolved), or None if it is no longer one."""
    # Not following links and the readers' fstat close the gap between checking
    # the path and opening it: a file swapped for a symlink or a FIFO meanwhile
    # is not read; nor is one over the size limit or not UTF-8.
    text = read_text(path, str(path), [], follow=False)
    # Universal newlines, as a text-mode read gives them.
    return None if text is UNREADABLE else str(text).replace("\r\n", "\n").replace("\r", "\n")


def _unsafe_report(ds: Dataset, file: str, ids: List[str], reason: Optional[str]) -> SourceCoverage:
    """The entry of a source whose file is not read: an unsafe-file gap, or (``reason`` None) excused."""
    group = set(ids)
    events = sorted((e for e in ds.events if group & {c.source for c in e.citations}), key=lambda e: e.date.sort_key())
    gaps = () if reason is None else (Gap(kind="unsafe-file", text=file, context=(
        f"{', '.join(ids)}: file {file!r} {reason}; not read — give the file's name relative to the sources directory"
    )),)
    return SourceCoverage(
        source=ids[0], file=file, names_checked=0, dates_checked=0, events=tuple(e.id for e in events), gaps=gaps, ignored=int(reason is None),
    )


def coverage(ds: Dataset, sources_dir: Path, ignore: Iterable[str] = ()) -> List[SourceCoverage]:
    """Coverage of each source text in ``sources_dir`` by ``ds``.

    Only regular ``.txt`` files inside ``sources_dir`` are read; a source
    whose file lies outside it (or is not a regular file) is reported with
    an ``unsafe-file`` gap instead, and a file that is not there is skipped.
    """
    ignored_set = set(ignore)
    root = Path(sources_dir).resolve()
    by_file: Dict[str, List[str]] = {}
    for s in ds.sources:
        by_file.setdefault(s.file, []).append(s.id)
    out = []
    for file, ids in by_file.items():
        reason = _unsafe(root, file)
        if reason is not None:
            excused = f"file:{file}" in ignored_set or f"{ids[0]} file:{file}" in ignored_set
            out.append(_unsafe_report(ds, file, ids, None if excused else reason))
            continue
        path = (root / file).resolve()
        if PurePath(file).suffix != ".txt" or not path.is_file():
            continue
        text = _read(path)
        if text is None:
            out.append(_unsafe_report(ds, file, ids, "stopped being a regular file while it was checked"))
            continue
        group = set(ids)
        gaps: List[Gap] = []
        n_ignored = 0
        names: Dict[str, int] = {}
        for name, offset in candidate_names(text):
            names.setdefault(name, offset)
        for name, offset in sorted(names.items()):
            if name in ignored_set or f"{ids[0]} {name}" in ignored_set:
                n_ignored += 1
                continue
            found = _resolve(ds, name)
            if not found:
                gaps.append(Gap(kind="name", text=name, context=_context(text, offset)))
            elif len(found) > 1:
                gaps.append(Gap(kind="ambiguous-name", text=name, context=_context(text, offset), candidates=found))
        have = _record_dates(ds, group)
        dates: Dict[str, Tuple[PartialDate, int]] = {}
        for written, d, offset in candidate_dates(text):
            dates.setdefault(written, (d, offset))
        for written, (d, offset) in sorted(dates.items(), key=lambda kv: kv[1][1]):
            if f"date:{written}" in ignored_set or f"{ids[0]} date:{written}" in ignored_set:
                n_ignored += 1
            elif d not in have:
                gaps.append(Gap(kind="date", text=written, context=_context(text, offset)))
        events = sorted((e for e in ds.events if group & {c.source for c in e.citations}), key=lambda e: e.date.sort_key())
        out.append(SourceCoverage(
            source=ids[0], file=file, names_checked=len(names), dates_checked=len(dates),
            events=tuple(e.id for e in events), gaps=tuple(gaps), ignored=n_ignored,
        ))
    return out


def as_json(report: Iterable[SourceCoverage]) -> List[Mapping[str, object]]:
    """The report as JSON-ready dictionaries."""
    return [attrs.asdict(r, recurse=True) for r in report]
