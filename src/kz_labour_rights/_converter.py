"""The package's one cattrs converter, between records and JSON-ready data.

Built like cattrs' ``preconf/json.py``: :func:`make_converter` creates a
converter and :func:`configure_converter` registers the hooks — simple value
types first.  The converter is strict where cattrs is lenient by default:
unknown keys are errors (a typo in a data file must fail, not vanish), and
``str``/``int``/``bool`` accept only values of that JSON type, so ``"false"``
never becomes ``True``.  Defaults are omitted when unstructuring, which keeps
the data files short and their diffs small.
"""

import enum
import typing
from decimal import Decimal
from typing import Any, Callable, List, Optional, Type, TypeVar

import cattrs
from cattrs.cols import list_structure_factory
from cattrs.v import format_exception

from ._escape import CONTROL_CHARACTERS
from ._model import Bound, CaseKind, CountOf, DateOf, EventKind, EventStatus, OrgKind, PenaltyKind, RelationKind
from ._values import InvalidValueError, PartialDate, Term, _to_decimal

T = TypeVar("T")


def _strict(kind: Type[Any], name: str) -> Any:
    def hook(value: Any, _: Any) -> Any:
        # bool is an int subclass: reject it where an int is wanted.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise InvalidValueError(value, name)
        return value

    return hook


def _structure_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(value, "a string")
    if value.isprintable():
        # Every character the set below holds is unprintable (categories
        # Cc, Cf, Cs, Cn, Zl, Zp): this C-speed test clears most text.
        return value
    # The characters every output escapes (control, bidi, surrogates …) are
    # refused in data outright: one set, defined once.
    bad = CONTROL_CHARACTERS.search(value)
    if bad is not None:
        raise InvalidValueError(value, f"text without control characters (U+{ord(bad.group()):04X} at offset {bad.start()})")
    return value


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_from_list(type_: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    # cattrs builds a tuple from any iterable, so "person:x" would become
    # eight one-letter ids: a list field takes a JSON array and nothing else.
    as_list = list_structure_factory(type_, converter)

    def hook(value: Any, _: Any) -> Any:
        if not isinstance(value, list):
            raise InvalidValueError(value, "a list (a JSON array)")
        return tuple(as_list(value, type_))

    return hook


def _structure_partial_date(value: Any, _: Any) -> PartialDate:
    return PartialDate.parse(value)


def _structure_term(value: Any, _: Any) -> Term:
    return Term.parse(value)


def _structure_decimal(value: Any, _: Any) -> Decimal:
    return _to_decimal(value)


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _structure_enum(value: Any, cls: Type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in cls)
        raise InvalidValueError(value, f"one of {choices}") from None


def configure_converter(converter: cattrs.Converter) -> None:
    """Register the package's hooks on ``converter``."""
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _strict(int, "an integer"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    # Each enum by its own class: our enums subclass str, and the str hook
    # above would otherwise take them.
    for cls in (OrgKind, CaseKind, EventKind, EventStatus, PenaltyKind, RelationKind, DateOf, Bound, CountOf):
        converter.register_structure_hook(cls, _structure_enum)
        converter.register_unstructure_hook(cls, _enum_value)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(PartialDate, _structure_partial_date)
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_structure_hook(Term, _structure_term)
    converter.register_unstructure_hook(Term, str)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_from_list)


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """A new converter configured for the package's records.

    ``detailed_validation=False`` gives the fast path :func:`structure_fast`
    takes: the same hooks and the same verdicts, without the bookkeeping of
    where an error is.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True, detailed_validation=detailed_validation)
    configure_converter(converter)
    return converter


converter = make_converter()
_fast = make_converter(detailed_validation=False)


def structure(data: Any, cls: Type[T]) -> T:
    """Build a ``cls`` from JSON-ready ``data`` with the package converter."""
    return converter.structure(data, cls)


def structure_fast(data: Any, cls: Type[T]) -> T:
    """As :func:`structure`, faster, and with no usable error: when this
    raises, call :func:`structure` for the messages."""
    return _fast.structure(data, cls)


def unstructure(obj: Any) -> Any:
    """JSON-ready data from a record or value with the package converter."""
    return converter.unstructure(obj)


def _format(exc: BaseException, type_: Optional[Type[Any]]) -> str:
    # Our own errors already say what was wrong and what is expected.
    if isinstance(exc, InvalidValueError):
        return str(exc)
    return format_exception(exc, type_)


def error_messages(exc: cattrs.BaseValidationError, path: str = "$") -> List[str]:
    """Readable messages, each ending ``@ $.path.to.field``, for a structuring error."""
    return cattrs.transform_error(exc, path=path, format_exception=_format)
