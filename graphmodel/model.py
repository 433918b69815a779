"""The plan model: pydantic v2 entities of an improvement plan, as in DESIGN.md.

A :class:`Plan` holds one list per entity kind. Every entity has a ``ref`` unique within its
kind; entities point at each other by ref. Owners, members and delivery partners point at
a *party* -- a person, an organisation or a board -- written ``"kind:ref"``
(``"person:kellie-williams"``, ``"board:send-partnership-board"``).

Dates are :class:`~graphmodel.periods.Period` values that keep the text as written;
statuses are kept as written and read through the plan's :class:`StatusScale`.
Unknown fields are rejected everywhere. Integrity across entities (refs that exist, unique
refs, cycles) is checked by :func:`graphmodel.integrity.plan_problems`, not here, so that a
plan with broken refs still loads and every problem can be reported at once.

>>> plan = Plan.model_validate({
...     "area": "Exampleshire", "title": "Improvement plan",
...     "findings": [{"ref": "AFI-1", "kind": "area_for_improvement", "text": "Slow EHC plans"}],
...     "actions": [{"ref": "1.1", "text": "Triage requests", "due": "Dec-23",
...                  "owners": ["person:ann"], "addresses": ["AFI-1"]}],
...     "people": [{"ref": "ann", "name": "Ann Example"}]})
>>> plan.id, plan.actions[0].due.end.isoformat(), plan.actions[0].owners[0].party.kind.value
('exampleshire', '2023-12-31', 'person')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container
from enum import Enum
from itertools import chain
from operator import attrgetter
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    SerializerFunctionWrapHandler,
    StringConstraints,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import core_schema

from graphmodel.parties import name_of
from graphmodel.periods import (
    Period,
    Precision,
    as_financial_year,
    financial_split_years,
    is_relative,
    period_of_text,
    relative_period,
)
from graphmodel.statuses import Status, StatusReading, StatusScale, scale_named

__all__ = [
    "NOTHING_SAID",
    "Action",
    "Basis",
    "Board",
    "Cadence",
    "Finding",
    "FindingKind",
    "Inspection",
    "Link",
    "Measure",
    "MemberRole",
    "Milestone",
    "Objective",
    "Organisation",
    "OrganisationKind",
    "Owner",
    "OwnerRole",
    "PartyKind",
    "PartyRef",
    "Person",
    "Plan",
    "Priority",
    "said",
    "slug",
    "unique_ref",
]


NOTHING_SAID = frozenset(
    {"-", "--", "–", "—", "n/a", "na", "n.a.", "none", "no", "nil", "tbc", "tbd", "?", "x"}
    | {"not applicable", "not known", "unknown", "null"}
)
"""Cell texts that stand for no value: a dash, n/a, none, TBC (casefolded, stripped)."""


def said(value: object) -> str | None:
    """``value`` as text when it says something; ``None`` when it is missing, blank or a
    placeholder of :data:`NOTHING_SAID`. A finding ``handled_by: n/a`` is handled here, not
    by another plan: reading the placeholder as a plan's name took it out of the coverage
    the gate checks.

    >>> said("the separate priority action plan"), said(" N/A "), said("-"), said(None)
    ('the separate priority action plan', None, None, None)
    """
    if value is None:
        return None
    text = str(value).strip()
    return None if not text or text.casefold() in NOTHING_SAID else text


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


Ref = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[^\n\r]+$")]
"""A ref: non-empty, one line, surrounding spaces stripped."""

Text = Annotated[str | None, BeforeValidator(_blank_to_none)]
"""Optional free text; an empty cell is no text."""

Required = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
"""Text that must say something (a blank cell is missing, not empty text)."""


def _period_or_none(value: Any, handler: ValidatorFunctionWrapHandler) -> Period | None:
    """A date cell: blank text is no period; other text is the one shared :class:`Period`
    of that text (:func:`~graphmodel.periods.period_of_text`); anything else is validated
    as a period."""
    if isinstance(value, str):
        text = value.strip()  # as the period itself keeps it
        return period_of_text(text) if text else None
    period: Period | None = handler(value)
    return period


OptionalPeriod = Annotated[Period | None, WrapValidator(_period_or_none)]
"""An optional period; an empty cell is no period."""


class _Interned:
    """Validated immutable values by what they were read from -- a text, or a mapping of
    texts to texts -- so a plan that names ``person:ann`` two hundred times validates it
    once. Only what validated is kept (bad input is validated, and reported, every time);
    anything else (a number, a nested mapping) is validated every time; at ``limit``
    entries it starts again.
    """

    def __init__(self, limit: int = 8192) -> None:
        self._found: dict[str | tuple[tuple[str, str], ...], Any] = {}
        self._limit = limit

    def __call__(self, value: Any, handler: Callable[[Any], Any]) -> Any:
        key: str | tuple[tuple[str, str], ...]
        if type(value) is str:
            key = value
        elif type(value) is dict and all(
            type(k) is str and type(v) is str for k, v in value.items()
        ):
            key = tuple(value.items())
        else:
            return handler(value)
        found = self._found.get(key)
        if found is None:
            found = handler(value)
            if len(self._found) >= self._limit:
                self._found.clear()
            self._found[key] = found
        return found


class Basis(str, Enum):
    """Where a link (a dependency, an addressed finding, an owner) comes from: ``stated`` by
    the document, or ``inferred`` by a transcriber or the importer (with a short reason)."""

    STATED = "stated"
    INFERRED = "inferred"


class _LinkForm(BaseModel):
    """The long form of a link: ``{ref: P4.4, basis: inferred, reason: "..."}``."""

    model_config = ConfigDict(extra="forbid", title="Link")

    ref: Ref
    basis: Basis = Basis.STATED
    reason: Annotated[str | None, BeforeValidator(_blank_to_none)] = None


class Link(str):
    """A ref that says where it comes from: written as the bare ref when the document states
    it, or ``{ref, basis: inferred, reason}`` when a transcriber or the importer inferred it.

    A :class:`Link` *is* its ref (a ``str``), so code that compares, hashes or looks up refs
    works unchanged; :attr:`basis` and :attr:`reason` say where it comes from. Two links are
    equal when their refs, bases and reasons are (a link equals the plain ref it names).

    >>> a = Action.model_validate({"ref": "P4.5", "text": "t", "depends_on": ["P4.1",
    ...     {"ref": "P4.4", "basis": "inferred", "reason": "recruits must be in post"}]})
    >>> a.depends_on == ["P4.1", "P4.4"], a.depends_on[1].basis.value, a.depends_on[0].inferred
    (True, 'inferred', False)
    >>> a.model_dump()["depends_on"]
    ['P4.1', {'ref': 'P4.4', 'basis': 'inferred', 'reason': 'recruits must be in post'}]
    """

    basis: Basis
    reason: str | None

    def __new__(cls, ref: str, basis: Basis = Basis.STATED, reason: str | None = None) -> Link:
        link = super().__new__(cls, ref)
        link.basis = Basis(basis)
        link.reason = reason
        return link

    def __getnewargs__(self) -> tuple[str, Basis, str | None]:  # type: ignore[override]
        return str(self), self.basis, self.reason

    @property
    def ref(self) -> str:
        return str.__str__(self)

    @property
    def inferred(self) -> bool:
        return self.basis is Basis.INFERRED

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Link):
            return (str(self), self.basis, self.reason) == (str(other), other.basis, other.reason)
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = str.__hash__

    def __repr__(self) -> str:  # as the plain ref: messages quote refs with !r
        return str.__repr__(self)

    def dump(self) -> str | dict[str, str]:
        """The canonical form: the bare ref when stated without a reason, else a mapping."""
        if self.basis is Basis.STATED and self.reason is None:
            return str(self)
        out = {"ref": str(self), "basis": self.basis.value}
        if self.reason is not None:
            out["reason"] = self.reason
        return out

    @classmethod
    def _make(cls, value: str | _LinkForm) -> Link:
        if isinstance(value, Link):
            return value
        if isinstance(value, _LinkForm):
            return cls(value.ref, value.basis, value.reason)
        return cls(value)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        either = handler.generate_schema(Ref | _LinkForm)

        links = _Interned()  # a link written the same way is the same link wherever it is

        def validate(value: Any, inner: core_schema.ValidatorFunctionWrapHandler) -> Link:
            if isinstance(value, Link):  # already read: keep its basis
                return value
            link: Link = links(value, lambda written: cls._make(inner(written)))
            return link

        return core_schema.no_info_wrap_validator_function(
            validate,
            either,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda v: v.dump() if isinstance(v, Link) else v
            ),
        )


class Entity(BaseModel):
    """Common configuration: unknown fields are errors; ``note`` records a reader's decision
    (written last in an entity, or after :attr:`_note_after` when a class names a field)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)
    _note_after: ClassVar[str | None] = None

    note: Text = None

    @model_serializer(mode="wrap")
    def _note_placed(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if not isinstance(data, dict) or "note" not in data:
            return data
        note = data.pop("note")
        if self._note_after is None or self._note_after not in data:
            data["note"] = note
            return data
        out: dict[str, Any] = {}
        for key, value in data.items():
            out[key] = value
            if key == self._note_after:
                out["note"] = note
        return out


class FindingKind(str, Enum):
    """How the inspection letter names a finding."""

    AREA_FOR_IMPROVEMENT = "area_for_improvement"
    PRIORITY_ACTION = "priority_action"
    SIGNIFICANT_WEAKNESS = "significant_weakness"
    HEADLINE_FINDING = "headline_finding"
    DETAILED_FINDING = "detailed_finding"
    ADDITIONAL_CONCERN = "additional_concern"
    STRENGTH = "strength"


class OrganisationKind(str, Enum):
    LOCAL_AUTHORITY = "local_authority"
    ICB = "icb"  # integrated care boards and their predecessors, the CCGs
    NHS_TRUST = "nhs_trust"
    SCHOOL = "school"
    COLLEGE = "college"
    PARENT_CARER_FORUM = "parent_carer_forum"
    GOVERNMENT = "government"
    PROVIDER = "provider"
    OTHER = "other"


class PartyKind(str, Enum):
    """What can own an action, sit on a board or support a priority."""

    PERSON = "person"
    ORGANISATION = "organisation"
    BOARD = "board"


class OwnerRole(str, Enum):
    RESPONSIBLE = "responsible"
    ACCOUNTABLE = "accountable"
    INVOLVED = "involved"


class MemberRole(str, Enum):
    CHAIR = "chair"
    DEPUTY_CHAIR = "deputy_chair"
    MEMBER = "member"


class Cadence(str, Enum):
    """How often a board meets; :attr:`days` is the longest wait for its next meeting."""

    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    SIX_WEEKLY = "six_weekly"
    BI_MONTHLY = "bi_monthly"
    TERMLY = "termly"
    QUARTERLY = "quarterly"
    SIX_MONTHLY = "six_monthly"
    ANNUALLY = "annually"

    @property
    def days(self) -> int:
        return _CADENCE_DAYS[self]


_CADENCE_DAYS = {
    Cadence.WEEKLY: 7,
    Cadence.FORTNIGHTLY: 14,
    Cadence.MONTHLY: 31,
    Cadence.SIX_WEEKLY: 42,  # a common rhythm of SEND improvement boards
    Cadence.BI_MONTHLY: 62,
    Cadence.TERMLY: 92,  # the longest English school term, autumn, runs Sep-Dec
    Cadence.QUARTERLY: 92,
    Cadence.SIX_MONTHLY: 183,
    Cadence.ANNUALLY: 366,
}

_PARTIES = _Interned()
_OWNERS = _Interned()
_PARTY_KINDS = "|".join(k.value for k in PartyKind)
_PARTY_RE = re.compile(rf"^\s*({_PARTY_KINDS})\s*:\s*(\S.*?)\s*$")


class PartyRef(BaseModel):
    """A person, organisation or board, written ``"kind:ref"``.

    >>> PartyRef.model_validate("board:hwb").model_dump()
    'board:hwb'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: PartyKind
    ref: Ref

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            match = _PARTY_RE.match(value)
            if match is None:
                raise ValueError(
                    "a party is written 'person:REF', 'organisation:REF' or 'board:REF'"
                )
            return {"kind": match.group(1), "ref": match.group(2)}
        return value

    @model_validator(mode="wrap")
    @classmethod
    def _interned(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> PartyRef:
        party: PartyRef = _PARTIES(value, handler)
        return party

    @model_serializer
    def _to_text(self) -> str:
        return str(self)

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.ref}"


class Owner(BaseModel):
    """An owner of an action: a party and its role (``responsible`` unless said otherwise).

    Written as the bare party when responsible and stated, else as a mapping; ``basis``
    and ``reason`` say whether the document names this owner or a reader inferred it (a
    merged cell read as covering its block, say):

    >>> Owner.model_validate("person:ann").model_dump()
    'person:ann'
    >>> Owner.model_validate({"party": "board:spb", "role": "accountable"}).model_dump()
    {'party': 'board:spb', 'role': 'accountable'}
    >>> Owner.model_validate({"party": "person:ann", "basis": "inferred",
    ...                       "reason": "merged cell"}).model_dump()
    {'party': 'person:ann', 'basis': 'inferred', 'reason': 'merged cell'}
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    party: PartyRef
    role: OwnerRole = OwnerRole.RESPONSIBLE
    basis: Basis = Basis.STATED
    reason: Annotated[str | None, BeforeValidator(_blank_to_none)] = None

    @property
    def inferred(self) -> bool:
        return self.basis is Basis.INFERRED

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"party": value}
        return value

    @model_validator(mode="wrap")
    @classmethod
    def _interned(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Owner:
        owner: Owner = _OWNERS(value, handler)
        return owner

    @model_serializer
    def _compact(self) -> str | dict[str, str]:
        if self.role is OwnerRole.RESPONSIBLE and self.basis is Basis.STATED and not self.reason:
            return str(self.party)
        out = {"party": str(self.party)}
        if self.role is not OwnerRole.RESPONSIBLE:
            out["role"] = self.role.value
        if self.basis is not Basis.STATED:
            out["basis"] = self.basis.value
        if self.reason is not None:
            out["reason"] = self.reason
        return out


class Inspection(Entity):
    start: OptionalPeriod = None
    end: OptionalPeriod = None
    inspectorates: list[str] = Field(default_factory=list)
    report_published: OptionalPeriod = None


class Finding(Entity):
    """A finding of the inspection. ``derived`` marks one built by the transcriber rather
    than stated by the inspectors (shown apart, not counted in coverage); ``handled_by``
    names where a finding is answered when not in this plan ("the separate priority action
    plan"): it is shown, and not counted in coverage."""

    ref: Ref
    kind: FindingKind
    text: Required
    parent: Annotated[Ref | None, BeforeValidator(_blank_to_none)] = None
    derived: bool = False
    handled_by: Text = None


class Measure(Entity):
    ref: Ref
    text: Required
    baseline: Text = None
    target: Text = None
    due: OptionalPeriod = None


class Priority(Entity):
    """A priority or workstream, with who sponsors, leads and represents families in it."""

    ref: Ref
    title: Required
    outcome: Text = None
    sponsor: Annotated[Ref | None, BeforeValidator(_blank_to_none)] = None
    leads: list[Ref] = Field(default_factory=list)
    parent_reps: list[Ref] = Field(default_factory=list)
    delivery_partners: list[PartyRef] = Field(default_factory=list)
    reports_to: list[Ref] = Field(default_factory=list)
    addresses: list[Link] = Field(default_factory=list)
    measures: list[Ref] = Field(default_factory=list)


class Objective(Entity):
    ref: Ref
    text: Required
    priority: Annotated[Ref | None, BeforeValidator(_blank_to_none)] = None
    addresses: list[Link] = Field(default_factory=list)
    measures: list[Ref] = Field(default_factory=list)


class Milestone(Entity):
    """A checkpoint of one action (written inside it), ordered as listed."""

    ref: Ref
    text: Required
    due: OptionalPeriod = None
    status: Text = None


class Action(Entity):
    ref: Ref
    text: Required
    priority: Annotated[Ref | None, BeforeValidator(_blank_to_none)] = None
    objective: Annotated[Ref | None, BeforeValidator(_blank_to_none)] = None
    owners: list[Owner] = Field(default_factory=list)
    start: OptionalPeriod = None
    due: OptionalPeriod = None
    status: Text = None
    depends_on: list[Link] = Field(default_factory=list)
    addresses: list[Link] = Field(default_factory=list)
    measures: list[Ref] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    resource: Text = None


class Person(Entity):
    """A person or a post. ``name`` is empty for a post without a named holder. ``email``,
    when a plan gives it, identifies the person across plans (``actiongraph neo4j overload
    --all``)."""

    ref: Ref
    name: Text = None
    post: Text = None
    organisation: Annotated[Ref | None, BeforeValidator(_blank_to_none)] = None
    aliases: list[str] = Field(default_factory=list)
    email: Text = None

    @model_validator(mode="after")
    def _named_or_post(self) -> Person:
        if self.name is None and self.post is None:
            raise ValueError("a person needs a name, a post, or both")
        return self

    @property
    def label(self) -> str:
        """The name, else the post: what a reader calls this owner
        (:func:`graphmodel.parties.name_of`)."""
        return name_of(self)


class Organisation(Entity):
    ref: Ref
    name: Required
    kind: OrganisationKind = OrganisationKind.OTHER
    aliases: list[str] = Field(default_factory=list)


class Board(Entity):
    ref: Ref
    name: Required
    reports_to: list[Ref] = Field(default_factory=list)
    chair: Annotated[Ref | None, BeforeValidator(_blank_to_none)] = None
    deputy_chair: Annotated[Ref | None, BeforeValidator(_blank_to_none)] = None
    members: list[PartyRef] = Field(default_factory=list)
    cadence: Cadence | None = None
    aliases: list[str] = Field(default_factory=list)


def _scale(value: Any) -> Any:
    if isinstance(value, str):
        return scale_named(value)
    return value


class Plan(Entity):
    """One local area's plan: its metadata and one list per entity kind."""

    _note_after: ClassVar[str | None] = "source"

    id: str = ""
    """The plan's id (letters, digits, ``.``, ``_``, ``-``); by default the slug of the area."""
    area: Required
    title: Required
    published: OptionalPeriod = None
    inspection: Inspection | None = None
    status_scale: Annotated[StatusScale, BeforeValidator(_scale)] = Field(
        default_factory=lambda: scale_named("words")
    )
    source: Text = None
    findings: list[Finding] = Field(default_factory=list)
    priorities: list[Priority] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    organisations: list[Organisation] = Field(default_factory=list)
    boards: list[Board] = Field(default_factory=list)

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return ""
        if isinstance(value, str) and not _PLAN_ID.match(value.strip()):
            raise ValueError(
                "a plan id is letters, digits, '.', '_' and '-', starting with a letter or digit"
            )
        return value.strip() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _defaults(self) -> Plan:
        if not self.id:
            self.id = slug(self.area) or "plan"
        inspection = self.inspection
        if inspection is not None and inspection == Inspection():
            self.inspection = None  # an empty inspection is no inspection
        distinct = self._distinct_periods()
        self._date_split_years(distinct)
        self._date_relative(distinct)  # a split year read again is dated: not relative
        return self

    def _date_cells(self) -> list[tuple[Any, str, Period | None]]:
        """Every start and due of the plan's actions, milestones and measures: (the entity,
        the field's name, its period)."""
        cells: list[tuple[Any, str, Period | None]] = []
        for a in self.actions:
            cells += [(a, "start", a.start), (a, "due", a.due)]
            cells += [(m, "due", m.due) for m in a.milestones]
        cells += [(m, "due", m.due) for m in self.measures]
        return cells

    def _distinct_periods(self) -> list[Period]:
        """The plan's starts and dues, each distinct period once (cells share the period of
        one text), so the usual plan is judged on a few dozen values, not every cell."""
        periods = chain(
            map(attrgetter("start"), self.actions),
            map(attrgetter("due"), self.actions),
            (m.due for a in self.actions for m in a.milestones),
            map(attrgetter("due"), self.measures),
        )
        return list({id(p): p for p in periods if p is not None}.values())

    def _date_split_years(self, distinct: list[Period]) -> None:
        """Read bare split years (``2024/25``) as financial years in a plan that counts in
        them (:func:`~graphmodel.periods.financial_split_years`), as its readers do."""
        if not any(p.precision is Precision.ACADEMIC_YEAR for p in distinct):
            return  # the usual case: no split year to reconsider
        if not financial_split_years({p.text for p in distinct}):
            return
        for entity, name, period in self._date_cells():
            if period is not None:
                setattr(entity, name, as_financial_year(period))

    def anchor(self) -> Period | None:
        """The period relative deadlines (``within 3 months``) count from: the plan's
        publication, else the inspection report's, else the inspection's end or start."""
        found = [self.published]
        if self.inspection is not None:
            i = self.inspection
            found += [i.report_published, i.end, i.start]
        return next((p for p in found if p is not None and p.end is not None), None)

    def _date_relative(self, distinct: list[Period]) -> None:
        """Date ``within N months`` starts and dues from :meth:`anchor`, when there is one."""
        anchor = self.anchor()
        if anchor is None:
            return
        if not any(not p.is_dated and is_relative(p.text) for p in distinct):
            return  # the usual case: nothing to date
        for entity, name, period in self._date_cells():
            if period is not None and not period.is_dated and is_relative(period.text):
                setattr(entity, name, relative_period(period.text, anchor))

    def read_status(self, text: str | None) -> StatusReading | None:
        """Read a status cell with this plan's scale."""
        return self.status_scale.read(text)

    def status_of(self, text: str | None) -> Status | None:
        """The normalised status of a status cell, or None when it says none."""
        reading = self.status_scale.read(text)
        return reading.value if reading is not None else None


_PLAN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def slug(text: str) -> str:
    """A ref-friendly form of a name; accents are dropped, not the letters.

    >>> slug("Warrington Borough Council (WBC)")
    'warrington-borough-council-wbc'
    >>> slug("Siân Llŷr, Łukasz Żółć")
    'sian-llyr-lukasz-zolc'
    """
    ascii_text = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    ascii_text = ascii_text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _numbered(n: int) -> str:
    return f"-{n}"


def unique_ref(
    base: str,
    taken: Container[str],
    *,
    suffix: Callable[[int], str] = _numbered,
    bare: bool = True,
) -> str:
    """The first ref not in ``taken`` of ``base``, ``base + suffix(2)``, ``base + suffix(3)``,
    ...; with ``bare=False`` the first tried is ``base + suffix(1)``. The one rule by which
    readers make a new ref unique (the caller adds it to ``taken``).

    >>> unique_ref("ann-lee", {"ann-lee", "ann-lee-2"})
    'ann-lee-3'
    >>> unique_ref("P1.o", {"P1.o1"}, suffix=str, bare=False)
    'P1.o2'
    """
    n = 1
    ref = base if bare else base + suffix(n)
    while ref in taken:
        n += 1
        ref = base + suffix(n)
    return ref


_PARTY_PATTERN = rf"^\s*({_PARTY_KINDS})\s*:\s*\S.*$"


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema of the canonical format, as editors should see it.

    Pydantic describes the validated objects; the format also accepts the short forms that
    the writers emit (a party or owner as ``"kind:ref"``, a period as its text, a status scale
    by name), so those definitions are widened to ``anyOf`` the short and the long form.

    >>> schema = plan_json_schema()
    >>> schema["$defs"]["PartyRef"]["type"], sorted(schema["required"])
    ('string', ['area', 'title'])
    """
    import json

    from graphmodel.statuses import BUILTIN_SCALES

    raw = json.dumps(Plan.model_json_schema(mode="validation"))
    schema: dict[str, Any] = json.loads(raw.replace('"#/$defs/_LinkForm"', '"#/$defs/Link"'))
    defs = schema["$defs"]
    defs["Link"] = defs.pop("_LinkForm")
    defs["Link"]["description"] = (
        "a link with its basis: inferred (with a short reason) or stated; a bare ref is stated"
    )
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "actiongraph plan"
    defs["PartyRef"] = {
        "type": "string",
        "pattern": _PARTY_PATTERN,
        "description": "person:REF, organisation:REF or board:REF",
    }
    defs["Owner"] = {
        "anyOf": [{"$ref": "#/$defs/PartyRef"}, defs["Owner"]],
        "description": "a party (responsible, stated), or {party, role, basis, reason}",
    }
    if "Period" in defs:
        defs["Period"] = {
            "anyOf": [{"type": "string"}, defs["Period"]],
            "description": "a date or period as written: 'Dec-23', 'Jan-Jul 24',"
            " 'Q3 2024', '2024-03-31', ...",
        }
    defs["StatusScale"] = {
        "anyOf": [{"enum": sorted(BUILTIN_SCALES)}, defs["StatusScale"]],
        "description": "a built-in scale by name, or {name, words}",
    }
    return schema
