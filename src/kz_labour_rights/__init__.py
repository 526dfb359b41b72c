"""kz-labour-rights: a typed, cited dataset of labour-rights cases in Kazakhstan.

Importing the package reads no data and imports none of its modules: each name
is imported on first use (PEP 562), so ``load()`` and a lookup cost only what
they need; :func:`load` reads the data, once.

Examples:
    >>> import kz_labour_rights
    >>> ds = kz_labour_rights.load()            # parsed on first call, then shared
    >>> ds.people.lookup("Kushakpaev").name     # any spelling the sources use
    'Nurbek Kushakbaev'
"""

import importlib
from typing import TYPE_CHECKING, Any, Dict, List

if TYPE_CHECKING:  # type checkers and documentation tools see every name eagerly
    from ._checks import CODES, CheckReport, Finding, check
    from ._collection import Collection, Match, display_name, record_names
    from ._dataset import Dataset, EntityRef, Meta
    from ._errors import AmbiguousNameError, DataError, KzLabourRightsError, NotFoundError, Problem, UsageError
    from ._diff import FieldChange, RecordChange, SnapshotDiff, diff
    from ._load import SCHEMA_VERSION, load, write_snapshot
    from .formats import FORMATS, export
    from ._model import (
        FACTS,
        Bound,
        Case,
        CaseKind,
        Citation,
        CountOf,
        DateOf,
        Derivation,
        Discrepancy,
        Event,
        EventKind,
        EventStatus,
        Explanation,
        InForce,
        Inference,
        LegalProvision,
        Membership,
        Organisation,
        OrgKind,
        Penalty,
        PenaltyKind,
        Person,
        ProvisionVersion,
        Record,
        Redirect,
        Relation,
        RelationKind,
        Side,
        Source,
    )
    from ._names import name_key
    from ._provenance import ValueSupport, value_supports
    from ._values import InvalidValueError, Money, PartialDate, Term
    from . import arithmetic

__all__ = [
    "CODES",
    "FACTS",
    "FORMATS",
    "SCHEMA_VERSION",
    "AmbiguousNameError",
    "Bound",
    "Case",
    "CaseKind",
    "CheckReport",
    "Citation",
    "Collection",
    "CountOf",
    "DataError",
    "Dataset",
    "DateOf",
    "Derivation",
    "Discrepancy",
    "EntityRef",
    "Event",
    "EventKind",
    "EventStatus",
    "Explanation",
    "FieldChange",
    "Finding",
    "InForce",
    "Inference",
    "InvalidValueError",
    "KzLabourRightsError",
    "LegalProvision",
    "Match",
    "Membership",
    "Meta",
    "Money",
    "NotFoundError",
    "OrgKind",
    "Organisation",
    "PartialDate",
    "Penalty",
    "PenaltyKind",
    "Person",
    "Problem",
    "ProvisionVersion",
    "Record",
    "RecordChange",
    "Redirect",
    "Relation",
    "RelationKind",
    "Side",
    "SnapshotDiff",
    "Source",
    "Term",
    "UsageError",
    "ValueSupport",
    "__version__",
    "arithmetic",
    "check",
    "diff",
    "display_name",
    "export",
    "load",
    "name_key",
    "record_names",
    "value_supports",
    "write_snapshot",
]

# Where each public name lives: imported from there on first access.
_LAZY: Dict[str, str] = {
    "AmbiguousNameError": "._errors",
    "Bound": "._model",
    "CODES": "._checks",
    "Case": "._model",
    "CaseKind": "._model",
    "CheckReport": "._checks",
    "Citation": "._model",
    "Collection": "._collection",
    "CountOf": "._model",
    "DataError": "._errors",
    "Dataset": "._dataset",
    "DateOf": "._model",
    "Derivation": "._model",
    "Discrepancy": "._model",
    "EntityRef": "._dataset",
    "Event": "._model",
    "EventKind": "._model",
    "EventStatus": "._model",
    "Explanation": "._model",
    "FACTS": "._model",
    "FORMATS": ".formats",
    "FieldChange": "._diff",
    "Finding": "._checks",
    "InForce": "._model",
    "Inference": "._model",
    "InvalidValueError": "._values",
    "KzLabourRightsError": "._errors",
    "LegalProvision": "._model",
    "Match": "._collection",
    "Membership": "._model",
    "Meta": "._dataset",
    "Money": "._values",
    "NotFoundError": "._errors",
    "OrgKind": "._model",
    "Organisation": "._model",
    "PartialDate": "._values",
    "Penalty": "._model",
    "PenaltyKind": "._model",
    "Person": "._model",
    "Problem": "._errors",
    "ProvisionVersion": "._model",
    "Record": "._model",
    "RecordChange": "._diff",
    "Redirect": "._model",
    "Relation": "._model",
    "RelationKind": "._model",
    "SCHEMA_VERSION": "._load",
    "Side": "._model",
    "SnapshotDiff": "._diff",
    "Source": "._model",
    "Term": "._values",
    "UsageError": "._errors",
    "ValueSupport": "._provenance",
    "check": "._checks",
    "diff": "._diff",
    "display_name": "._collection",
    "export": ".formats",
    "load": "._load",
    "name_key": "._names",
    "record_names": "._collection",
    "value_supports": "._provenance",
    "write_snapshot": "._load",
}


def __getattr__(name: str) -> Any:
    # The version lives in one place, the packaged meta.json; reading that one
    # small file on first access keeps imports free of I/O.
    if name == "__version__":
        from ._resources import packaged_version

        return packaged_version()
    if name == "arithmetic":
        value: Any = importlib.import_module(".arithmetic", __name__)
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later accesses are plain attribute lookups
    return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(__all__))
