"""kz-labour-rights: a typed, cited dataset of labour-rights cases in Kazakhstan.

>>> import kz_labour_rights
>>> ds = kz_labour_rights.load()            # parsed on first call, then shared
>>> ds.people.lookup("Kushakpaev").name     # any spelling the sources use
'Nurbek Kushakbaev'

Importing the package reads no data; :func:`load` does, once.
"""

from typing import Any

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


def __getattr__(name: str) -> Any:
    # The version lives in one place, the packaged meta.json; reading that one
    # small file on first access keeps imports free of I/O.
    if name == "__version__":
        from ._resources import packaged_version

        return packaged_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
