"""The record types of the dataset.

Every record is a frozen, slotted, keyword-only attrs class with typed
fields.  Records refer to each other by id (``person:…``, ``case:…``); the
:class:`~kz_labour_rights.Dataset` resolves those ids and offers navigation.
Every fact-bearing record carries at least one :class:`Citation`.
"""

import datetime
import enum
import re
from typing import Any, Callable, Dict, Iterator, Optional, Tuple, Union

import attrs

from ._values import InvalidValueError, Money, PartialDate, Term

__all__ = [
    "FACTS",
    "REFERENCES",
    "Bound",
    "Case",
    "CaseKind",
    "Citation",
    "CountOf",
    "DateOf",
    "Derivation",
    "Discrepancy",
    "Event",
    "EventKind",
    "EventStatus",
    "Explanation",
    "InForce",
    "Inference",
    "LegalProvision",
    "Membership",
    "OrgKind",
    "Organisation",
    "Penalty",
    "PenaltyKind",
    "Person",
    "ProvisionVersion",
    "Record",
    "Redirect",
    "Relation",
    "RelationKind",
    "Side",
    "Source",
    "references",
]


# Validators at the boundary: every record, however it is made (a data file,
# a table export, Python code), obeys the same rules.


def _nonblank(instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(value, f"{attribute.name} as non-empty text")


def _each_nonblank(instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise InvalidValueError(item, f"every item of {attribute.name} as non-empty text")


def _not_before(start: str) -> Callable[[Any, "attrs.Attribute[Any]", Any], None]:
    """A validator: the field, if set, is not certainly before field ``start``."""

    def check(instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        begin = getattr(instance, start)
        if value is not None and begin is not None and value.certainly_before(begin):
            raise InvalidValueError(str(value), f"{attribute.name} on or after {start} ({begin}): an end never precedes its start")

    return check


def _with(other: str, exactly: bool = False) -> Callable[[Any, "attrs.Attribute[Any]", Any], None]:
    """A validator: the field is set only when field ``other`` is (``exactly``: set whenever it is)."""

    def check(instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        missing = getattr(instance, other) is None
        if (value is not None and missing) or (exactly and value is None and not missing):
            when = "exactly when" if exactly else "only when"
            raise InvalidValueError(value, f"{attribute.name} set {when} {other} is set")

    return check


def _whole_days(instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10**7):
        raise InvalidValueError(value, f"{attribute.name} as a whole number of days from 0 to 10,000,000")


_FIELD = re.compile(r"[a-z][a-z_]*\Z")


def _field_name(instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
    if not isinstance(value, str) or not _FIELD.match(value):
        raise InvalidValueError(value, f"{attribute.name} as a field name such as 'date' (lower-case letters and '_')")


def _field_names(instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
    for item in value:
        _field_name(instance, attribute, item)
    if len(set(value)) != len(value):
        raise InvalidValueError(list(value), f"{attribute.name} naming each field once")


_SHA256 = re.compile(r"[0-9a-f]{64}\Z")


def _sha256(instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
    if not isinstance(value, str) or not _SHA256.match(value):
        raise InvalidValueError(value, "a SHA-256 as 64 lower-case hex digits")


_PATH_SEGMENT = re.compile(r"(?:[A-Za-z0-9][A-Za-z0-9._-]*|\.\.)\Z")


def _file_name(instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
    # A relative POSIX path of plain segments: no absolute path, drive,
    # backslash or hidden segment.  Readers of the texts (coverage, the quote
    # tests) still confine themselves to the directory they are given.
    if not isinstance(value, str) or not all(_PATH_SEGMENT.match(part) for part in value.split("/")):
        raise InvalidValueError(value, "a relative path such as law/criminal-code/art-402.md (plain names joined by '/')")


class OrgKind(str, enum.Enum):
    """What kind of body an :class:`Organisation` is."""

    UNION = "union"
    FEDERATION = "federation"
    CONFEDERATION = "confederation"
    COMPANY = "company"
    COURT = "court"
    STATE_BODY = "state-body"
    EMPLOYERS = "employers"
    LAW_ENFORCEMENT = "law-enforcement"
    INTERNATIONAL = "international"
    NGO = "ngo"
    PARTY = "party"
    OTHER = "other"


class CaseKind(str, enum.Enum):
    """What kind of proceeding a :class:`Case` is."""

    CRIMINAL = "criminal"
    ADMINISTRATIVE = "administrative"
    CIVIL = "civil"
    LABOUR = "labour"
    REGISTRATION = "registration"
    SUSPENSION = "suspension"
    DISSOLUTION = "dissolution"


class EventKind(str, enum.Enum):
    """What happened in an :class:`Event`."""

    INVESTIGATION_OPENED = "investigation-opened"
    INVESTIGATION_CLOSED = "investigation-closed"
    SEARCH = "search"
    SUMMONS = "summons"
    VISIT = "visit"
    INTIMIDATION = "intimidation"
    ARREST = "arrest"
    DETENTION = "detention"
    HOUSE_ARREST = "house-arrest"
    CHARGE = "charge"
    TRIAL = "trial"
    VERDICT = "verdict"
    APPEAL = "appeal"
    CASSATION = "cassation"
    SUPERVISORY_REVIEW = "supervisory-review"
    ENTRY_INTO_FORCE = "entry-into-force"
    PETITION = "petition"
    RULING = "ruling"
    ENFORCEMENT = "enforcement"
    PARDON_PETITION = "pardon-petition"
    PARDON = "pardon"
    SENTENCE_REPLACEMENT = "sentence-replacement"
    PAROLE_APPLICATION = "parole-application"
    PAROLE_DECISION = "parole-decision"
    PROBATION_REGISTRATION = "probation-registration"
    PAROLE_ELIGIBILITY = "parole-eligibility"
    DEADLINE = "deadline"
    RELEASE = "release"
    SENTENCE_END = "sentence-end"
    BAN_END = "ban-end"
    TRANSFER = "transfer"
    HUNGER_STRIKE = "hunger-strike"
    STRIKE = "strike"
    ATTACK = "attack"
    DISMISSAL = "dismissal"
    REINSTATEMENT = "reinstatement"
    REGISTRATION_APPLICATION = "registration-application"
    REGISTRATION_DENIAL = "registration-denial"
    REGISTRATION_SUSPENDED = "registration-suspended"
    REGISTRATION = "registration"
    SUSPENSION = "suspension"
    DISSOLUTION = "dissolution"
    ELECTION = "election"
    RESIGNATION = "resignation"
    STATEMENT = "statement"
    LEGISLATION_ADOPTED = "legislation-adopted"
    LEGISLATION_IN_FORCE = "legislation-in-force"
    LEGISLATION_AMENDED = "legislation-amended"
    ILO_SUPERVISION = "ilo-supervision"
    SURVEILLANCE = "surveillance"
    ASSEMBLY_APPLICATION = "assembly-application"
    ASSEMBLY_REFUSED = "assembly-refused"
    ASSEMBLY_DISPERSED = "assembly-dispersed"
    SHOOTING = "shooting"
    PROTEST = "protest"
    OTHER = "other"


class EventStatus(str, enum.Enum):
    """Whether an event happened or was, when reported, still to come."""

    OCCURRED = "occurred"
    SCHEDULED = "scheduled"
    EXPECTED = "expected"


class DateOf(str, enum.Enum):
    """What an event's ``date`` dates, when it is not the happening itself.

    An event's date is the day the thing happened.  When a source gives only
    a neighbouring date — the day a gathering was applied for, the day an
    application was filed, the day a source reports the fact — the event
    keeps that date and says which it is, instead of passing it off as the
    date of the decision.
    """

    APPLICATION = "application"
    PLANNED = "planned"
    REPORT = "report"


class Bound(str, enum.Enum):
    """A date that bounds the true date rather than stating it."""

    NOT_LATER_THAN = "not-later-than"
    NOT_EARLIER_THAN = "not-earlier-than"


class CountOf(str, enum.Enum):
    """What an event's ``count`` counts."""

    PARTICIPANTS = "participants"
    STRIKERS = "strikers"
    ARRESTED = "arrested"
    DETAINED = "detained"
    DISMISSED = "dismissed"
    DEAD = "dead"
    INJURED = "injured"
    MEMBERS = "members"
    SIGNATORIES = "signatories"
    DEFENDANTS = "defendants"
    CONVICTED = "convicted"


class RelationKind(str, enum.Enum):
    """How a :class:`Relation` links two records."""

    RENAMED_AS = "renamed-as"
    SUCCESSOR_OF = "successor-of"
    SPLIT_FROM = "split-from"
    PROPOSED_NAME_OF = "proposed-name-of"
    ATTEMPTED_SUCCESSOR_OF = "attempted-successor-of"
    AFFILIATE_OF = "affiliate-of"
    PART_OF = "part-of"
    POSSIBLY_SAME_AS = "possibly-same-as"


class PenaltyKind(str, enum.Enum):
    """What a :class:`Penalty` imposes."""

    IMPRISONMENT = "imprisonment"
    RESTRICTION_OF_LIBERTY = "restriction-of-liberty"
    COMPULSORY_LABOUR = "compulsory-labour"
    BAN_ON_POSITIONS = "ban-on-positions"
    BAN_ON_ACTIVITIES = "ban-on-activities"
    CONFISCATION = "confiscation"
    FINE = "fine"
    DAMAGES = "damages"
    ADMINISTRATIVE_ARREST = "administrative-arrest"
    TRAVEL_BAN = "travel-ban"


@attrs.frozen(kw_only=True)
class Citation:
    """Where a fact is stated: a source and a verbatim quote from it.

    Attributes:
        source: id of the :class:`Source`.
        quote: a sentence or two copied word for word from the source text
            (only whitespace may differ).
        locator: where in the source — a footnote, an entry, a section.
        supports: the fields of the record (or provision version) whose
            values this passage states, e.g. ``("date", "kind", "people")``
            (see :data:`FACTS` and docs/provenance.md).  Empty in snapshots
            older than schema 3, whose provenance is unspecified.
    """

    source: str
    quote: str = attrs.field(validator=_nonblank)
    locator: Optional[str] = None
    supports: Tuple[str, ...] = attrs.field(default=(), validator=_field_names)


@attrs.frozen(kw_only=True)
class Inference:
    """A value no quote states word for word, and why it is held.

    Attributes:
        field: the field whose value is inferred.
        reason: how it follows, e.g. ``"year from the entry's date
            11-01-2022"``, ``"actor from context: the HRW report names no
            authority"``.
        basis: ids of the records it is inferred from, if any.
        value: for a list field, the one item inferred (the others are
            stated); none when the whole value is inferred.
    """

    field: str = attrs.field(validator=_field_name)
    reason: str = attrs.field(validator=_nonblank)
    basis: Tuple[str, ...] = attrs.field(default=(), validator=_each_nonblank)
    value: Optional[str] = None


@attrs.frozen(kw_only=True)
class Derivation:
    """A value this package computes from other values, and how.

    Attributes:
        field: the field whose value is derived.
        computation: the computation, e.g. ``"start + term
            (arithmetic.end_of)"``.
        basis: ids of the records whose values go in, if not only this one.
    """

    field: str = attrs.field(validator=_field_name)
    computation: str = attrs.field(validator=_nonblank)
    basis: Tuple[str, ...] = attrs.field(default=(), validator=_each_nonblank)


@attrs.frozen(kw_only=True)
class Source:
    """A document the dataset is curated from.

    Attributes:
        id: ``source:…``.
        title: the document's title.
        publisher: who published it.
        published: when (as precisely as established).
        url: its canonical address, if it has one.
        file: the name of the stored text the quotes are checked against.
        sha256: checksum of that stored text.
        description: what the document is and how to read it.
        part_of: for a snippet carried inside another stored page (e.g. a
            "Related News" item on a repost), the id of that carrying source.
    """

    id: str
    title: str = attrs.field(validator=_nonblank)
    publisher: str = attrs.field(validator=_nonblank)
    published: PartialDate
    url: Optional[str] = None
    file: str = attrs.field(validator=_file_name)
    sha256: str = attrs.field(validator=_sha256)
    description: str = ""
    part_of: Optional[str] = None


@attrs.frozen(kw_only=True)
class Person:
    """A person who acts or is acted on.

    Attributes:
        id: ``person:…``.
        name: the name in its most common Latin spelling in the sources.
        aliases: every other spelling the sources use.
        pseudonym: true when the sources name the person by a pseudonym.
        description: who the person is, per the sources.
        inferred: values no quote states, each with its reason.
        derived: values computed from others, each with its computation.
        citations: where the sources state it.
    """

    id: str
    name: str = attrs.field(validator=_nonblank)
    aliases: Tuple[str, ...] = attrs.field(default=(), validator=_each_nonblank)
    pseudonym: bool = False
    description: str = ""
    inferred: Tuple[Inference, ...] = ()
    derived: Tuple[Derivation, ...] = ()
    citations: Tuple[Citation, ...]


@attrs.frozen(kw_only=True)
class Organisation:
    """A union, company, court, state body or other organisation.

    Attributes:
        id: ``org:…``.
        name: the name in its most common English form in the sources.
        aliases: every other name, translation and acronym the sources use.
        kind: what kind of body it is.
        parent: id of the organisation it belongs to, if any.
        description: what it is, per the sources.
        inferred: values no quote states, each with its reason.
        derived: values computed from others, each with its computation.
        citations: where the sources state it.
    """

    id: str
    name: str = attrs.field(validator=_nonblank)
    aliases: Tuple[str, ...] = attrs.field(default=(), validator=_each_nonblank)
    kind: OrgKind
    parent: Optional[str] = None
    description: str = ""
    inferred: Tuple[Inference, ...] = ()
    derived: Tuple[Derivation, ...] = ()
    citations: Tuple[Citation, ...]


@attrs.frozen(kw_only=True)
class Membership:
    """A person's role in an organisation, with dates where known.

    Attributes:
        id: ``membership:…``.
        person: id of the :class:`Person`.
        organisation: id of the :class:`Organisation`.
        role: e.g. ``"chair"``, ``"member"``, ``"lawyer"``.
        start: when the role began, if stated.
        start_bound: set when ``start`` bounds the true start (e.g. "not
            later than": the role is attested by then).
        end: when it ended, if stated.
        end_bound: set when ``end`` bounds the true end.
        inferred: values no quote states, each with its reason.
        derived: values computed from others, each with its computation.
        citations: where the sources state it.
    """

    id: str
    person: str
    organisation: str
    role: str = attrs.field(validator=_nonblank)
    start: Optional[PartialDate] = None
    start_bound: Optional[Bound] = attrs.field(default=None, validator=_with("start"))
    end: Optional[PartialDate] = attrs.field(default=None, validator=_not_before("start"))
    end_bound: Optional[Bound] = attrs.field(default=None, validator=_with("end"))
    inferred: Tuple[Inference, ...] = ()
    derived: Tuple[Derivation, ...] = ()
    citations: Tuple[Citation, ...]


@attrs.frozen(kw_only=True)
class ProvisionVersion:
    """One dated wording of a legal provision.

    Attributes:
        valid_from: when this wording took effect, if known.
        valid_from_bound: set when ``valid_from`` only bounds that day —
            ``not-earlier-than`` for the date of an amending law that took
            effect some days after a publication the text does not date.
        valid_to: when it ceased to apply, if known.
        summary: what the sources say it provides.
        amended_by: the amending instrument, if any.
        inferred: values no quote states, each with its reason.
        derived: values computed from others, each with its computation.
        citations: where the sources state it.
    """

    valid_from: Optional[PartialDate] = None
    valid_from_bound: Optional[Bound] = attrs.field(default=None, validator=_with("valid_from"))
    valid_to: Optional[PartialDate] = attrs.field(default=None, validator=_not_before("valid_from"))
    summary: str = attrs.field(validator=_nonblank)
    amended_by: Optional[str] = None
    inferred: Tuple[Inference, ...] = ()
    derived: Tuple[Derivation, ...] = ()
    citations: Tuple[Citation, ...]


@attrs.frozen(kw_only=True)
class InForce:
    """Which recorded wordings of a provision applied on a date (see :meth:`LegalProvision.version_on`).

    Attributes:
        provision: the provision's id.
        date: the date asked about; a partial date is every day it may mean.
        event: the decision the date is of, when the question came from one
            (:meth:`kz_labour_rights.Dataset.provisions_in_force`).
        certain: wordings in force on every day ``date`` may mean.
        possible: wordings that may have applied, or applied on some of those
            days only — the sources date them too loosely to say.
        unrecorded: a wording the data does not hold may have applied (the
            date may fall before the first dated wording, or the provision
            has none).
    """

    provision: str
    date: PartialDate
    event: Optional[str] = None
    certain: Tuple[ProvisionVersion, ...] = ()
    possible: Tuple[ProvisionVersion, ...] = ()
    unrecorded: bool = False

    @property
    def is_certain(self) -> bool:
        """Whether the answer is known: certain wordings, and nothing else may have applied."""
        return bool(self.certain) and not self.possible and not self.unrecorded

    @property
    def versions(self) -> Tuple[ProvisionVersion, ...]:
        """Every wording that applied or may have applied, oldest first."""
        return self.certain + self.possible


_NEVER = datetime.date.max
_ALWAYS = datetime.date.min


def _starts(versions: Tuple[ProvisionVersion, ...], i: int) -> Tuple[datetime.date, datetime.date]:
    """The first and last day wording ``i`` may have taken effect."""
    v = versions[i]
    if v.valid_from is None:
        # The first wording, undated, is the instrument's own: in force from
        # the start.  A later undated one took effect we do not know when.
        return (_ALWAYS, _ALWAYS) if i == 0 else (_ALWAYS, _NEVER)
    if v.valid_from_bound is Bound.NOT_EARLIER_THAN:
        before = versions[i - 1].valid_to if i else None
        if before is not None and before.earliest() >= v.valid_from.earliest():
            # The wording it replaced ceased on a known day: this one began then.
            return before.earliest(), before.latest()
        return v.valid_from.earliest(), _NEVER
    if v.valid_from_bound is Bound.NOT_LATER_THAN:
        return _ALWAYS, v.valid_from.latest()
    return v.valid_from.earliest(), v.valid_from.latest()


@attrs.frozen(kw_only=True)
class LegalProvision:
    """An article, part or paragraph of a legal instrument.

    Attributes:
        id: ``provision:…``.
        instrument: the instrument, e.g. ``"Criminal Code of the Republic of
            Kazakhstan (2014)"``.
        article: the article number as written, e.g. ``"189"``; none when
            the record is a whole instrument (a law, an order).
        part: the part, if cited.
        paragraph: the paragraph or point, if cited.
        title: what the provision is about, in the sources' words.
        aliases: other ways the sources cite it.
        versions: its dated wordings, oldest first.
        inferred: values no quote states, each with its reason.
        derived: values computed from others, each with its computation.
        citations: where the sources cite it.
    """

    id: str
    instrument: str
    article: Optional[str] = None
    part: Optional[str] = None
    paragraph: Optional[str] = None
    title: str = attrs.field(validator=_nonblank)
    aliases: Tuple[str, ...] = attrs.field(default=(), validator=_each_nonblank)
    versions: Tuple[ProvisionVersion, ...] = ()
    inferred: Tuple[Inference, ...] = ()
    derived: Tuple[Derivation, ...] = ()
    citations: Tuple[Citation, ...]

    @property
    def citation(self) -> str:
        """How the provision is cited: the instrument, then its article, part and paragraph, if any.

        Examples:
            >>> LegalProvision(id="provision:x", instrument="Criminal Code", article="41", part="6", paragraph="3",
            ...                title="t", citations=()).citation
            'Criminal Code article 41 part 6 paragraph 3'
        """
        parts = (("article", self.article), ("part", self.part), ("paragraph", self.paragraph))
        return self.instrument + "".join(f" {name} {value}" for name, value in parts if value)

    def version_on(self, date: Union[PartialDate, datetime.date, str], *, event: Optional[str] = None) -> InForce:
        """The recorded wordings in force on ``date``.

        A wording applies from its ``valid_from`` until its ``valid_to`` (the
        day it ceased to apply) or else until the next later wording takes
        effect; wordings sharing one start apply together.  Every date is
        read as the days it may mean: a partial date (``"2020-05"``) is its
        month, and a start marked ``not-earlier-than`` may be any day from
        its date on — unless the wording it replaced ceased on a known day,
        when it began that day.  An undated first wording is the
        instrument's original, in force from the start (whether the
        instrument itself existed on ``date`` is not checked).  A wording in
        force on all those days is ``certain``; one in force on some of them,
        or whose bounds leave it open, is ``possible``.

        Args:
            date: a :class:`PartialDate`, a :class:`datetime.date`, or
                ``YYYY``/``YYYY-MM``/``YYYY-MM-DD`` text.
            event: the decision the date is of, recorded in the answer.

        Raises:
            InvalidValueError: ``date`` is not a date.
        """
        if isinstance(date, datetime.date):
            on = PartialDate.from_date(date)
        elif isinstance(date, PartialDate):
            on = date
        else:
            on = PartialDate.parse(date)
        first, last = on.earliest(), on.latest()
        starts = [_starts(self.versions, i) for i in range(len(self.versions))]
        # A wording took effect no later than it ceased, nor than a later one did.
        for i in reversed(range(len(starts))):
            v, (soonest, latest) = self.versions[i], starts[i]
            if v.valid_to is not None:
                latest = min(latest, v.valid_to.latest())
            if i + 1 < len(starts):
                latest = min(latest, starts[i + 1][1])
            starts[i] = (soonest, max(soonest, latest))
        certain, possible = [], []
        for i, v in enumerate(self.versions):
            start_soonest, start_latest = starts[i]
            if v.valid_to is not None:
                end_soonest, end_latest = v.valid_to.earliest(), v.valid_to.latest()
            else:
                # Until the next wording that starts later than this one.
                later = [starts[j] for j in range(i + 1, len(self.versions)) if self.versions[j].valid_from != v.valid_from]
                end_soonest, end_latest = later[0] if later else (_NEVER, _NEVER)
            if start_latest <= first and end_soonest > last:
                certain.append(v)
            elif start_soonest <= last and end_latest > first:
                possible.append(v)
        # An older wording the data does not hold may apply before the first
        # dated one took effect — unless a later one certainly applies.
        unrecorded = not self.versions or (self.versions[0].valid_from is not None and starts[0][1] > first and not certain)
        return InForce(provision=self.id, date=on, event=event, certain=tuple(certain), possible=tuple(possible), unrecorded=unrecorded)


@attrs.frozen(kw_only=True)
class Case:
    """A proceeding: criminal, administrative, civil or labour, or one about
    registering, suspending or dissolving an organisation.

    Attributes:
        id: ``case:…``.
        kind: what kind of proceeding.
        title: a short readable title.
        people: ids of the persons proceeded against (or claimants).
        organisations: ids of organisations that are parties.
        courts: ids of the courts and bodies that decided.
        provisions: ids of the legal provisions applied.
        summary: what the case is about, per the sources.
        inferred: values no quote states, each with its reason.
        derived: values computed from others, each with its computation.
        citations: where the sources state it.
    """

    id: str
    kind: CaseKind
    title: str = attrs.field(validator=_nonblank)
    people: Tuple[str, ...] = ()
    organisations: Tuple[str, ...] = ()
    courts: Tuple[str, ...] = ()
    provisions: Tuple[str, ...] = ()
    summary: str = ""
    inferred: Tuple[Inference, ...] = ()
    derived: Tuple[Derivation, ...] = ()
    citations: Tuple[Citation, ...]


@attrs.frozen(kw_only=True)
class Event:
    """A dated happening.

    Attributes:
        id: ``event:…``.
        kind: what happened.
        date: when, as precisely as the source says (the start, for a
            strike or a detention).
        date_of: what ``date`` dates when it is not the happening itself
            (the application, the gathering applied for, the report).
        date_bound: set when ``date`` bounds the true date ("not later
            than") rather than stating it.
        end: when it ended, if the source says.
        count: a number of people as the source states it, e.g. ``"about
            40 workers"`` — kept as text because sources give ranges and
            approximations.
        counted: what ``count`` counts (participants, arrested, dismissed …);
            required with ``count``.
        place: where, as the source names it (a settlement or a region).
        status: ``occurred``, or ``scheduled``/``expected`` for a date that
            lay in the future when reported.
        case: id of the case it belongs to, if any.
        people: ids of the persons involved.
        organisations: ids of the organisations involved (courts included).
        provisions: ids of provisions applied at this step.
        summary: what happened, per the sources.
        inferred: values no quote states, each with its reason.
        derived: values computed from others, each with its computation.
        citations: where the sources state it.
    """

    id: str
    kind: EventKind
    date: PartialDate
    date_of: Optional[DateOf] = None
    date_bound: Optional[Bound] = None
    end: Optional[PartialDate] = attrs.field(default=None, validator=_not_before("date"))
    count: Optional[str] = attrs.field(default=None, validator=attrs.validators.optional(_nonblank))
    counted: Optional[CountOf] = attrs.field(default=None, validator=_with("count", exactly=True))
    place: Optional[str] = attrs.field(default=None, validator=attrs.validators.optional(_nonblank))
    status: EventStatus = EventStatus.OCCURRED
    case: Optional[str] = None
    people: Tuple[str, ...] = ()
    organisations: Tuple[str, ...] = ()
    provisions: Tuple[str, ...] = ()
    summary: str = attrs.field(validator=_nonblank)
    inferred: Tuple[Inference, ...] = ()
    derived: Tuple[Derivation, ...] = ()
    citations: Tuple[Citation, ...]


@attrs.frozen(kw_only=True)
class Penalty:
    """A penalty imposed on a person in a case, as one source states it.

    Where sources state a penalty differently, each statement is its own
    Penalty record with its own citations, and a :class:`Discrepancy` links
    them.

    Attributes:
        id: ``penalty:…``.
        case: id of the case.
        person: id of the person.
        kind: what it imposes.
        term: its length as stated, if any.
        per_year: the term is a yearly quantity (e.g. 100 hours of
            compulsory labour a year).
        amount: a sum of money, if any.
        imposed_by: id of the event (verdict, ruling) that imposed it.
        replaces: id of a penalty this one replaced (a fine for the unserved
            part of imprisonment, imprisonment for an unpaid fine).
        replaced_days: for a conversion, the days of the replaced penalty
            the source says were converted (e.g. 2,528 unserved days).
        rule: id of the provision whose conversion rate applies (see
            :mod:`kz_labour_rights.arithmetic`).
        start: when it began, if stated.
        end: when it ended or ends, if stated.
        summary: conditions and details in the sources' terms.
        inferred: values no quote states, each with its reason.
        derived: values computed from others, each with its computation.
        citations: where the sources state it.
    """

    id: str
    case: str
    person: str
    kind: PenaltyKind
    term: Optional[Term] = None
    per_year: bool = False
    amount: Optional[Money] = None
    imposed_by: Optional[str] = None
    replaces: Optional[str] = None
    replaced_days: Optional[int] = attrs.field(default=None, validator=_whole_days)
    rule: Optional[str] = None
    start: Optional[PartialDate] = None
    end: Optional[PartialDate] = attrs.field(default=None, validator=_not_before("start"))
    summary: str = ""
    inferred: Tuple[Inference, ...] = ()
    derived: Tuple[Derivation, ...] = ()
    citations: Tuple[Citation, ...]


_CODE = re.compile(r"KZL[0-9]{3}\Z")


def _check_code(instance: "Explanation", attribute: "attrs.Attribute[str]", value: str) -> None:
    if not isinstance(value, str) or not _CODE.match(value):
        raise InvalidValueError(value, "a check code such as 'KZL030' (KZL and three digits; see docs/checks.md)")


def _check_records(instance: "Explanation", attribute: "attrs.Attribute[Tuple[str, ...]]", value: Tuple[str, ...]) -> None:
    # No records would match every record-less finding with the code: refuse it.
    if not value or not all(isinstance(r, str) and r.strip() for r in value):
        raise InvalidValueError(list(value), "the ids of the finding's records, at least one (as `check --json` lists them)")


def _check_value(instance: "Explanation", attribute: "attrs.Attribute[Optional[str]]", value: Optional[str]) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InvalidValueError(value, "the finding's value as `check --json` reports it, or no value")


@attrs.frozen(kw_only=True)
class Explanation:
    """One consistency-check finding a discrepancy accounts for.

    It explains a finding of :func:`kz_labour_rights.check` only when the
    code is the same, the records are the same (as a set), and — for codes
    that compare a computed figure with a reported one (KZL030–KZL038,
    KZL090) — the finding's ``value`` is the one written here, so a figure
    that changes is reported again instead of staying explained.  An
    explanation that matches no finding is itself reported (KZL003).

    Attributes:
        code: the finding's code, e.g. ``"KZL030"``.
        records: exactly the finding's records.
        value: for computed-vs-reported codes, the finding's ``value``
            (e.g. ``"start 2019-10-16; term P158D; reported end 2020-03-20;
            computed end 2020-03-22"``); none for other codes.
    """

    code: str = attrs.field(validator=_check_code)
    records: Tuple[str, ...] = attrs.field(validator=_check_records)
    value: Optional[str] = attrs.field(default=None, validator=_check_value)


@attrs.frozen(kw_only=True)
class Side:
    """One claim in a disagreement, attributed to whoever makes it.

    Attributes:
        by: who makes the claim — a document, a party speaking in the ILO
            record, a footnote, a stored statute edition (``"FPC"``,
            ``"Government (ILO CAS 2021)"``, ``"HRW footnote 35"``).
        claim: what it says, in a few words (``"five months"``).
        records: ids of the records that hold this claim, if any.
        citations: its words, verbatim (at least one).
    """

    by: str = attrs.field(validator=_nonblank)
    claim: str = attrs.field(validator=_nonblank)
    records: Tuple[str, ...] = attrs.field(default=(), validator=_each_nonblank)
    citations: Tuple[Citation, ...]


@attrs.frozen(kw_only=True)
class Discrepancy:
    """Where sources (or one source with itself) disagree.

    Attributes:
        id: ``discrepancy:…``.
        summary: what differs.
        records: ids of every record holding one of the claims (the
            records of every side, and any other record that states one).
        status: ``"resolved"`` when the sources allow a reconciliation,
            otherwise ``"unresolved"``.
        resolution: the reconciliation, when there is one.
        explains: the consistency-check findings this discrepancy accounts
            for, each pinned to its code, records and (for computed figures)
            value (see :class:`Explanation` and
            :func:`kz_labour_rights.check`); such findings are reported as
            explained, not as errors.
        sides: each claim, attributed and quoted (from schema 3, at least
            two).
        citations: other passages that bear on it (context).
    """

    id: str
    summary: str
    records: Tuple[str, ...] = ()
    sides: Tuple[Side, ...] = ()
    explains: Tuple[Explanation, ...] = ()
    status: str = attrs.field(default="unresolved", validator=attrs.validators.in_(("resolved", "unresolved")))
    resolution: Optional[str] = None
    citations: Tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class Relation:
    """A sourced link between two records: an organisation renamed, succeeded,
    affiliated or part of another — or two records the sources suggest are
    one entity without saying so.

    Records are never merged on a name match alone; ``possibly-same-as``
    keeps both and says why they may be one.

    Attributes:
        id: ``relation:…``.
        kind: how ``subject`` relates to ``object``.
        subject: id of the first record.
        object: id of the second record.
        date: when the link began (a renaming, a succession), if stated.
        reason: why the link is drawn; required for ``possibly-same-as``.
        inferred: values no quote states, each with its reason.
        derived: values computed from others, each with its computation.
        citations: where the sources state it.
    """

    id: str
    kind: RelationKind
    subject: str
    object: str
    date: Optional[PartialDate] = None
    reason: str = ""
    inferred: Tuple[Inference, ...] = ()
    derived: Tuple[Derivation, ...] = ()
    citations: Tuple[Citation, ...]


@attrs.frozen(kw_only=True)
class Redirect:
    """A retired id and the record that replaced it.

    When records are merged or renamed the old id keeps resolving: looking
    it up returns the new record with a :class:`DeprecationWarning`, so an
    analysis pinned to an older release still finds its records.

    Attributes:
        old: the retired id.
        new: the id that replaces it.
        since: the release that retired it.
        reason: why (merged into, renamed to …).
    """

    old: str = attrs.field(validator=_nonblank)
    new: str = attrs.field(validator=_nonblank)
    since: str = attrs.field(validator=_nonblank)
    reason: str = ""


Record = Union[Source, Person, Organisation, Membership, LegalProvision, Case, Event, Penalty, Discrepancy, Relation]
"""Any top-level record type."""


# field → collection its ids must be in (None: any collection).
REFERENCES: Dict[type, Tuple[Tuple[str, Optional[str]], ...]] = {
    Source: (("part_of", "sources"),),
    Person: (),
    Organisation: (("parent", "organisations"),),
    Membership: (("person", "people"), ("organisation", "organisations")),
    LegalProvision: (),
    Case: (("people", "people"), ("organisations", "organisations"), ("courts", "organisations"), ("provisions", "provisions")),
    Event: (("case", "cases"), ("people", "people"), ("organisations", "organisations"), ("provisions", "provisions")),
    Penalty: (("case", "cases"), ("person", "people"), ("imposed_by", "events"), ("replaces", "penalties"), ("rule", "provisions")),
    Discrepancy: (("records", None),),
    Relation: (("subject", None), ("object", None)),
}


def references(record: Any) -> Iterator[Tuple[str, str, Optional[str]]]:
    """Every id ``record`` refers to, by :data:`REFERENCES`: ``(field, id, collection or None)``."""
    for field, target in REFERENCES[type(record)]:
        value = getattr(record, field)
        for ref in value if isinstance(value, tuple) else (() if value is None else (value,)):
            yield field, ref, target


FACTS: Dict[type, Tuple[str, ...]] = {
    Person: ("name", "aliases", "pseudonym"),
    Organisation: ("name", "aliases", "kind", "parent"),
    Membership: ("person", "organisation", "role", "start", "end"),
    ProvisionVersion: ("valid_from", "valid_to", "amended_by"),
    LegalProvision: ("instrument", "article", "part", "paragraph"),
    Case: ("kind", "people", "organisations", "courts", "provisions"),
    Event: ("kind", "date", "end", "status", "count", "place", "case", "people", "organisations", "provisions"),
    Penalty: ("person", "case", "kind", "term", "per_year", "amount", "imposed_by", "replaces", "replaced_days",
              "rule", "start", "end"),
    Relation: ("kind", "subject", "object", "date"),
}
"""The fact-bearing fields of each record type, by type.

Every one that holds a value is stated by a citation (``Citation.supports``),
inferred (``inferred``) or derived (``derived``) — the loader enforces it from
schema 3 on.  Names, descriptions, summaries and titles are this dataset's
words, not claims of a value; a bound, ``date_of`` and ``counted`` qualify the
value they go with.

Examples:
    >>> FACTS[Person]
    ('name', 'aliases', 'pseudonym')
"""
