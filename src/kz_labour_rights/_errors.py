"""The package's exception hierarchy.

Every error raised on purpose derives from :class:`KzLabourRightsError`; each
subclass also inherits the builtin a caller would naturally catch
(``KeyError``/``LookupError`` for lookups, ``ValueError`` for bad data), and
carries the offending values as attributes so tools need not parse messages.
"""

from typing import Optional, Sequence, Tuple

import attrs


def shown(value: object, limit: int = 80) -> str:
    """``repr(value)`` cut to about ``limit`` characters, for a message.

    A hostile file or query can hold a megabyte where a name belongs: a
    message names the value, it does not echo it whole.
    """
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit - 1]}… ({len(text):,} characters)"


class KzLabourRightsError(Exception):
    """Base class of every error this package raises on purpose."""


class NotFoundError(KzLabourRightsError, KeyError):
    """No record has the id or name that was asked for.

    Attributes:
        query: what was asked for.
        collection: the collection searched (e.g. ``"people"``), or ``"dataset"``.
        suggestions: near matches, best first (display names with ids).
        hint: what to call instead, when the query was the wrong kind of
            thing (a name where an id is wanted), else ``""``.
    """

    def __init__(self, query: str, collection: str, suggestions: Sequence[str] = (), hint: str = "") -> None:
        self.query = query
        self.collection = collection
        self.suggestions: Tuple[str, ...] = tuple(suggestions)
        self.hint = hint
        super().__init__(query)

    def __str__(self) -> str:
        msg = f"no record in {self.collection} matches {shown(self.query)}"
        if self.suggestions:
            msg += "; did you mean: " + ", ".join(self.suggestions) + "?"
        elif not self.hint:
            msg += "; try `search` for fuzzy matches"
        if self.hint:
            msg += "; " + self.hint
        return msg


class AmbiguousNameError(KzLabourRightsError, LookupError):
    """A name matches more than one record; nothing is picked silently.

    Attributes:
        query: the name that was asked for.
        collection: the collection searched.
        candidates: ``"Display name (id)"`` for every matching record.
    """

    def __init__(self, query: str, collection: str, candidates: Sequence[str]) -> None:
        self.query = query
        self.collection = collection
        self.candidates: Tuple[str, ...] = tuple(candidates)
        super().__init__(query)

    def __str__(self) -> str:
        return (
            f"{shown(self.query)} matches {len(self.candidates)} records in {self.collection}: "
            + "; ".join(self.candidates)
            + " — ask by id, or add more of the name"
        )


@attrs.frozen(kw_only=True)
class Problem:
    """One defect found while loading data.

    Attributes:
        file: the data file the defect is in.
        record: the record id (or ``#index`` when the id is unreadable).
        field: the field, as a path such as ``citations[0].source``.
        message: what is wrong and how to fix it.
    """

    file: str
    record: Optional[str] = None
    field: Optional[str] = None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.record is not None:
            where += f", record {self.record}"
        if self.field is not None:
            where += f", field {self.field}"
        return f"{where}: {self.message}"


class DataError(KzLabourRightsError, ValueError):
    """Dataset files are malformed or inconsistent; nothing was loaded.

    Attributes:
        problems: every defect found, each a :class:`Problem` naming file,
            record and field — loading lists them all rather than stopping at
            the first.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: Tuple[Problem, ...] = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        head = f"{len(self.problems)} problem(s) in the dataset files:"
        return "\n  ".join([head, *(str(p) for p in self.problems)])


class UsageError(KzLabourRightsError, ValueError):
    """A bad argument: a missing directory, an option that does not apply.

    The message names the argument and what to pass instead.
    """
