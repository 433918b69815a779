"""How a plan workbook names people, organisations and boards in its cells.

**Lists in a cell.** ``;`` separates values; ``\\;`` is a ``;`` inside a value and ``\\\\``
a backslash (:func:`split_cell`, :func:`join_cell`); values are trimmed, empty ones skipped.
An owner may end with its role, ``Ann Example (accountable)`` or ``(involved)``; only the last
bracket counts, so the writer protects a name that ends with one by adding
``(responsible)``.

**Stated or inferred.** A dependency, an addressed finding or an owner that the document
does not state but a reader inferred ends with ``[inferred: why]`` (after the role, if any):
``P4.4 [inferred: recruitment comes first]``, ``Ann Example (accountable) [inferred: merged
cell]`` (:func:`split_basis`, :func:`with_basis`).

**Keys.** Every party is indexed under normalised keys (:func:`name_key`: NFKC, case folded,
``&`` read as ``and``, punctuation and runs of spaces as one space): a person under its
name, post, aliases, and ``"name, organisation"`` and ``"post, organisation"`` for each
label of its organisation; an organisation or a board under its name and aliases.

**Resolving** a value (:meth:`Names.read_cell`), for a column that takes some kinds:

1. ``person:REF``, ``organisation:REF`` or ``board:REF`` is that party (the writer uses it
   only when a label would not name the party alone); an unknown ref is left for the
   integrity checks to report;
2. a key of exactly one party of those kinds; of two or more: the error ``name.ambiguous``;
3. the bare ref of exactly one such party;
4. ``A / B`` whose parts each name a party or read as a person's name (``J. Smith / A.
   Khan``), or ``A, B`` and ``A, B and C`` (also ``&``) whose parts each name one party: each part
   (warning ``name.split``; a name and its post, ``Kellie Williams, Director of Education``,
   is one party);
5. a key of another kind only: the error ``name.kind``;
6. ``TBC``, ``Vacant``, ``N/A`` (:data:`PLACEHOLDER`) name nobody: the value is ignored
   (warning ``name.blank``);
7. otherwise the party is **created** (warning ``name.created``) with ref ``slug(name)``
   made unique. Where several kinds are allowed, :func:`guess_kind` says which.

>>> names = Names()
>>> names.add_organisation("wbc", "Warrington Borough Council", ["WBC"])
>>> names.add_person("kw", "Kellie Williams", "Director of Education", [], "wbc")
>>> [n.value for n in names.read_cell("kellie  williams; WBC (accountable)", ALL, roles=True)]
['person:kw', {'party': 'organisation:wbc', 'role': 'accountable'}]
>>> names.read_cell("Director of Education, Warrington Borough Council", ALL)[0].value
'person:kw'
>>> names.read_cell("SEND Partnership Board", ALL)[0].created
{'ref': 'send-partnership-board', 'name': 'SEND Partnership Board'}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from graphmodel.first_names import FIRST_NAMES
from graphmodel.model import Basis, OrganisationKind, OwnerRole, PartyKind, Plan, slug, unique_ref

__all__ = [
    "ALL",
    "PLACEHOLDER",
    "Named",
    "Names",
    "generic_organisation_kind",
    "guess_kind",
    "guess_organisation_kind",
    "join_cell",
    "name_key",
    "split_basis",
    "split_cell",
    "split_role",
    "with_basis",
    "with_role",
]

Party = tuple[str, str]
"""``(kind, ref)``, the kind one of :class:`~graphmodel.model.PartyKind`'s values."""

PERSON: str = PartyKind.PERSON.value
ORGANISATION: str = PartyKind.ORGANISATION.value
BOARD: str = PartyKind.BOARD.value
"""The kinds of :class:`~graphmodel.model.PartyKind` as the plain strings that ``(kind, ref)``
pairs and cells (``person:REF``) hold; messages print them as they are."""
ALL: tuple[str, ...] = (PERSON, ORGANISATION, BOARD)
SHEET_OF = {PERSON: "People", ORGANISATION: "Organisations", BOARD: "Boards"}
_EXPLICIT = re.compile(rf"^\s*({'|'.join(ALL)})\s*:\s*(\S.*?)\s*$", re.DOTALL)
_BASIS = re.compile(r"^(.*?)\s*\[\s*(inferred|stated)\s*(?::\s*(.*?))?\s*\]\s*$", re.S | re.I)
_ROLE = re.compile(r"^(.*?)\s*\(\s*(responsible|accountable|involved)\s*\)\s*$", re.S | re.I)
PLACEHOLDER = re.compile(
    r"(?:tb[cad]|to\s+be\s+(?:confirmed|agreed|appointed|decided|identified)|vacan(?:t|cy)"
    r"(?:\s+post)?|post\s+vacant|n\s*/?\s*a|none|not\s+applicable|unassigned"
    r"|not\s+yet\s+(?:assigned|appointed|identified)|[-–—?]+)",
    re.I,
)
"""What a name cell says when nobody is named yet: ``TBC``, ``Vacant``, ``N/A`` (matched
whole, :meth:`re.Pattern.fullmatch`): nobody, never a party of that name."""


def split_cell(text: str) -> list[str]:
    r"""The values of a list cell: ``"a; b\; c"`` -> ``["a", "b; c"]``."""
    items, buf, i = [], [], 0
    while i < len(text):
        if text[i] == "\\" and text[i + 1 : i + 2] in (";", "\\"):
            i += 1
            buf.append(text[i])
        elif text[i] == ";":
            items.append("".join(buf))
            buf = []
        else:
            buf.append(text[i])
        i += 1
    items.append("".join(buf))
    return [item.strip() for item in items if item.strip()]


def join_cell(values: Iterable[str]) -> str:
    """The cell that :func:`split_cell` reads back as ``values``."""
    return "; ".join(v.replace("\\", "\\\\").replace(";", "\\;") for v in values)


def split_basis(text: str) -> tuple[str, Basis, str | None]:
    """A value and where it comes from: ``"P4.4 [inferred: order of the text]"`` ->
    ``("P4.4", INFERRED, "order of the text")``; without brackets it is stated.

    >>> split_basis("P4.4 [Inferred: recruits first]")
    ('P4.4', <Basis.INFERRED: 'inferred'>, 'recruits first')
    >>> split_basis("A-1")
    ('A-1', <Basis.STATED: 'stated'>, None)
    """
    match = _BASIS.match(text)
    if match is None:
        return text.strip(), Basis.STATED, None
    return match.group(1).strip(), Basis(match.group(2).lower()), match.group(3) or None


def with_basis(text: str, basis: Basis, reason: str | None) -> str:
    """The value that :func:`split_basis` reads back as ``(text, basis, reason)``."""
    if basis is Basis.STATED and not reason and _BASIS.match(text) is None:
        return text
    return f"{text} [{basis.value}: {reason}]" if reason else f"{text} [{basis.value}]"


def link_value(text: str) -> Any:
    """A link cell value in the model's form: the bare ref, or ``{ref, basis, reason}``."""
    ref, basis, reason = split_basis(text)
    if basis is Basis.STATED and reason is None:
        return ref
    return {"ref": ref, "basis": basis.value, "reason": reason}


def split_role(text: str) -> tuple[str, OwnerRole]:
    """An owner and its role: ``"Ann (accountable)"`` -> ``("Ann", ACCOUNTABLE)``."""
    match = _ROLE.match(text)
    if match is None:
        return text.strip(), OwnerRole.RESPONSIBLE
    return match.group(1).strip(), OwnerRole(match.group(2).lower())


def with_role(label: str, role: OwnerRole) -> str:
    """The owner that :func:`split_role` reads back as ``(label, role)``."""
    if role is OwnerRole.RESPONSIBLE and _ROLE.match(label) is None:
        return label
    return f"{label} ({role.value})"


def _ascii(text: str) -> str:
    """``"Renée"`` -> ``"Renee"``, so that a made ref reads well."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def name_key(text: str) -> str:
    """The key a name is matched by.

    >>> name_key("  Parent & Carer Forum (PCF). ")
    'parent and carer forum pcf'
    """
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    chars = (" " if ch.isspace() or unicodedata.category(ch)[0] == "P" else ch for ch in text)
    return " ".join("".join(chars).split())


# --- what an unknown name is: whole words of its key; the first rule that fits decides -----
_ICB = ("integrated care board", "integrated care system", "clinical commissioning group")
_SCHOOL = ("pupil referral unit",)


def _words(text: str) -> set[str]:
    return set(text.split())


_GROUPING = _words("partnership network")
"""Last words of a board's name that, after schools or colleges, name their own grouping:
``Harwood Special Schools Partnership`` is an organisation of schools, not a board."""
_BOARD_LAST = _words("board boards committee group partnership panel executive network steering")
_POST_FIRST = _words(
    "head director assistant deputy chief manager officer lead coordinator co senco principal "
    "commissioner designated strategic programme project cabinet portfolio interim acting"
)
_INITIAL = re.compile(r"^[A-Z]\.?$")
_SLASH = re.compile("/")
_COMMA = re.compile(r"\s*,\s*")
_COMMA_AND = re.compile(r"\s*,\s*|\s+(?:and|&)\s+", re.IGNORECASE)
"""Separators of names written in one value: ``A / B`` (names known or read as a person's);
``A, B`` and ``A, B and C`` (known names only: ``Ali Khan, SENCO`` may be one person, and
``Head of SEND and Inclusion`` a post), commas first."""


def _personal_name(text: str) -> bool:
    """Whether ``text`` reads as one person's name: two or three capitalised words, the first
    an initial or a common first name (``J. Smith``, ``Ali Khan``).

    >>> _personal_name("J. Smith"), _personal_name("Ali Khan"), _personal_name("Chief Nurse")
    (True, True, False)
    """
    words = text.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and (_INITIAL.match(words[0]) is not None or words[0] in FIRST_NAMES)
        and words[-1][1:].islower()
    )


_HELD = re.compile(r"^(?P<post>[^()]+?)\s*\((?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){1,2})\)$")
"""A post and its holder's name in brackets: ``Head of SEND (Jane Smith)``."""
_ORG_KINDS = [
    (kind, set(words.split()))
    for kind, words in (
        (OrganisationKind.ICB, "icb ccg ics"),
        (OrganisationKind.PARENT_CARER_FORUM, "pcf"),
        (OrganisationKind.SCHOOL, "school schools academy academies nursery pru"),
        (OrganisationKind.COLLEGE, "college colleges university"),
        (OrganisationKind.LOCAL_AUTHORITY, "council borough authority"),
        (OrganisationKind.GOVERNMENT, "department dfe dhsc government ministry ofsted cqc"),
        (OrganisationKind.NHS_TRUST, "nhs trust hospital hospitals"),
        (
            OrganisationKind.PROVIDER,
            "service services ltd limited cic charity provider plc llp sendiass iass",
        ),
        (
            OrganisationKind.OTHER,
            "forum association agency organisation organization society "
            "institute federation alliance",
        ),
    )
]


def guess_organisation_kind(name: str) -> OrganisationKind | None:
    """The kind of organisation ``name`` looks like, or None if it looks like none.

    >>> [guess_organisation_kind(n).value for n in ("Cheshire East Parent Carer Forum",
    ...  "Department for Education", "NHS Cheshire and Merseyside Integrated Care Board")]
    ['parent_carer_forum', 'government', 'icb']
    """
    key = name_key(name)
    words = set(key.split())
    if any(phrase in key for phrase in _ICB):
        return OrganisationKind.ICB
    if "forum" in words and words & {"parent", "parents", "carer", "carers"}:
        return OrganisationKind.PARENT_CARER_FORUM
    if any(phrase in key for phrase in _SCHOOL):
        return OrganisationKind.SCHOOL
    return next((kind for kind, keys in _ORG_KINDS if words & keys), None)


_GENERIC = {
    **dict.fromkeys(("icb", "ccg", "ics"), OrganisationKind.ICB),
    **dict.fromkeys(("la", "lea", "council", "local authority"), OrganisationKind.LOCAL_AUTHORITY),
    **dict.fromkeys(("trust", "nhs trust"), OrganisationKind.NHS_TRUST),
    **dict.fromkeys(("pcf", "forum", "parent carer forum"), OrganisationKind.PARENT_CARER_FORUM),
}


def generic_organisation_kind(name: str) -> OrganisationKind | None:
    """The kind of organisation ``name`` means when it is only a kind's generic short form
    (``ICB``, ``the LA``, ``Council``, ``the Trust``), which stands for the one organisation of
    that kind a document names; None for a name of its own (``Kingsmere Council``).

    >>> generic_organisation_kind("the Trust").value, generic_organisation_kind("LA").value
    ('nhs_trust', 'local_authority')
    >>> generic_organisation_kind("Kingsmere Council") is None
    True
    """
    key = name_key(name)
    return _GENERIC.get(key.removeprefix("the ") if key.startswith("the ") else key)


def guess_kind(name: str) -> str:
    """What an unknown name in a column of several kinds (owners, members) is taken for.

    An ICB phrase makes an organisation; a last word Board, Committee, Group, Partnership,
    Panel, Executive, Network, ... makes a board, except that schools' or colleges' own
    partnership or network is an organisation; a first word Head, Director, Manager,
    Officer, Lead, ... makes a person (a post); a word Council, NHS, Trust, ICB, CCG, School,
    Academy, College, University, Forum, Department, Service(s), ... makes an organisation
    (:func:`guess_organisation_kind` gives its kind); anything else is a person's name.

    >>> [guess_kind(n) for n in ("SEND Partnership Board", "Head of Service: SEND, Cheshire "
    ...  "East Council", "Department for Education", "NHS Cheshire ICB", "Rick Howell",
    ...  "Harwood Special Schools Partnership", "Harwood Pupil Referral Unit")]
    ['board', 'person', 'organisation', 'organisation', 'person', 'organisation', 'organisation']
    """
    key = name_key(name)
    words = key.split() or [""]
    if any(phrase in key for phrase in _ICB):
        return ORGANISATION
    if words[-1] in _BOARD_LAST:
        schools = guess_organisation_kind(name) in (
            OrganisationKind.SCHOOL,
            OrganisationKind.COLLEGE,
        )
        return ORGANISATION if schools and words[-1] in _GROUPING else BOARD
    if words[0] in _POST_FIRST or guess_organisation_kind(name) is None:
        return PERSON
    return ORGANISATION


@dataclass(frozen=True)
class Named:
    """One value of a name cell: the party it names (None if none) and what to report."""

    text: str
    party: Party | None = None
    role: OwnerRole = OwnerRole.RESPONSIBLE
    created: dict[str, str] | None = None
    """The entity made for an unknown name; the caller adds it to the plan."""
    code: str | None = None
    """A problem to report: ``name.ambiguous``, ``name.kind`` (errors); ``name.created``,
    ``name.split``, ``name.blank`` (warnings)."""
    message: str = ""
    basis: Basis = Basis.STATED
    reason: str | None = None

    @property
    def value(self) -> Any:
        """The model's form: ``"kind:ref"``, or with a role or basis ``{"party": ...,
        "role": ..., "basis": ..., "reason": ...}``."""
        party = f"{self.party[0]}:{self.party[1]}" if self.party else None
        if self.role is OwnerRole.RESPONSIBLE and self.basis is Basis.STATED and not self.reason:
            return party
        out: dict[str, Any] = {"party": party, "role": self.role.value}
        if self.basis is not Basis.STATED:
            out["basis"] = self.basis.value
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass
class Names:
    """An index of a plan's parties by name; it grows as unknown names are created."""

    _keys: dict[str, list[Party]] = field(default_factory=dict)
    _refs: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: {kind: {} for kind in ALL}
    )
    """kind -> ref -> labels, the name (or post) first."""

    @classmethod
    def from_plan(cls, plan: Plan) -> Names:
        """The index a reader builds from the sheets written for ``plan``."""
        names = cls()
        for org in plan.organisations:
            names.add_organisation(org.ref, org.name, org.aliases)
        for board in plan.boards:
            names.add_board(board.ref, board.name, board.aliases)
        for p in plan.people:
            names.add_person(p.ref, p.name, p.post, p.aliases, p.organisation)
        return names

    def _add(self, party: Party, labels: Iterable[str]) -> None:
        known = self._refs[party[0]].setdefault(party[1], [])
        for label in labels:
            known.append(label)
            key = name_key(label)
            if key and party not in (entry := self._keys.setdefault(key, [])):
                entry.append(party)

    def add_organisation(self, ref: str, name: str, aliases: Sequence[str] = ()) -> None:
        self._add((ORGANISATION, ref), [name, *aliases])

    def add_board(self, ref: str, name: str, aliases: Sequence[str] = ()) -> None:
        self._add((BOARD, ref), [name, *aliases])

    def add_person(
        self,
        ref: str,
        name: str | None,
        post: str | None,
        aliases: Sequence[str] = (),
        organisation: str | None = None,
    ) -> None:
        own = [label for label in (name, post) if label]
        orgs = self._refs[ORGANISATION].get(organisation or "", [])
        self._add((PERSON, ref), [*own, *aliases, *(f"{a}, {o}" for a in own for o in orgs)])

    def lookup(self, text: str, kinds: Sequence[str]) -> list[Party]:
        """The parties that ``text`` names as a reader decides (steps 1-3; no creation)."""
        explicit = _EXPLICIT.match(text)
        if explicit is not None:
            return [(explicit.group(1), explicit.group(2))]
        found = [p for p in self._keys.get(name_key(text), []) if p[0] in kinds]
        ref = text.strip()
        return found or [(kind, ref) for kind in kinds if ref in self._refs[kind]]

    def read_cell(
        self, cell: str, kinds: Sequence[str], create: str | None = None, roles: bool = False
    ) -> list[Named]:
        """Every value of a name cell resolved; ``create`` is the kind an unknown name
        becomes (None: :func:`guess_kind`); ``roles`` reads owners' roles."""
        out: list[Named] = []
        for item in split_cell(cell):
            basis, reason = Basis.STATED, None
            if roles:
                item, basis, reason = split_basis(item)
            text, role = split_role(item) if roles else (item, OwnerRole.RESPONSIBLE)
            found = [self._resolve(p, kinds, role, create) for p in self._parts(text, kinds)]
            found = list({n.party or n.text: n for n in found}.values())  # name and post: one
            if len(found) > 1:
                message = f"read {text!r} as {len(found)} names; separate names with ';'"
                out.append(Named(text, None, role, code="name.split", message=message))
            out += [replace(named, basis=basis, reason=reason) for named in found]
        return out

    def _parts(self, text: str, kinds: Sequence[str]) -> list[str]:
        """The names a value writes without ``;`` (step 4): ``A / B`` whose parts each name
        a party or read as a person's name, or ``A, B`` and ``A, B and C`` (also ``&``)
        whose parts each name one party; else the value itself."""
        if self.lookup(text, kinds):
            return [text]
        for separator, known_only in ((_SLASH, False), (_COMMA, True), (_COMMA_AND, True)):
            parts = [p.strip() for p in separator.split(text) if p.strip()]
            if len(parts) > 1 and all(
                len(self.lookup(p, kinds)) == 1
                if known_only
                else self.lookup(p, kinds) or _personal_name(p)
                for p in parts
            ):
                return parts
        return [text]

    def _resolve(
        self, text: str, kinds: Sequence[str], role: OwnerRole, create: str | None
    ) -> Named:
        found = self.lookup(text, kinds)
        if not found and not name_key(text):
            message = f"{text!r} names nobody; the value is ignored. Leave the cell empty"
            return Named(text, None, role, code="name.blank", message=message + " or write a name")
        if not found and PLACEHOLDER.fullmatch(text.strip(" .")):
            message = f"{text!r} names nobody yet; the value is ignored. Write the name when known"
            return Named(text, None, role, code="name.blank", message=message)
        if len(found) > 1:
            choices = ", ".join(f"'{k}:{r}'" for k, r in found)
            message = f"{text!r} could be any of {choices}; write the one you mean as kind:REF"
            example = f", e.g. '{found[0][0]}:{found[0][1]}'"
            return Named(text, None, role, code="name.ambiguous", message=message + example)
        other = found or [p for p in self._keys.get(name_key(text), []) if p[0] not in kinds]
        if other and other[0][0] not in kinds:
            (kind, ref), wanted = other[0], " or ".join(f"a {k}" for k in kinds)
            message = f"{text!r} is {kind} '{kind}:{ref}', but this column takes {wanted}"
            return Named(text, None, role, code="name.kind", message=message)
        if found:
            return Named(text, found[0], role)
        kind = create or guess_kind(text)
        kind = kind if kind in kinds else kinds[0]
        ref = unique_ref(slug(_ascii(text)) or slug(text) or kind, self._refs[kind])
        entity = {"ref": ref, "name": text}
        held = _HELD.match(text)
        if kind == PERSON and name_key(text).split()[0] in _POST_FIRST:
            entity = {"ref": ref, "post": text}
            if held is not None and held["name"].split()[0] in FIRST_NAMES:
                # "Head of SEND (Jane Smith)": the post and who holds it
                entity = {"ref": ref, "name": held["name"], "post": held["post"]}
                self._add((kind, ref), [held["name"], held["post"]])
        elif kind == ORGANISATION:
            entity["kind"] = (guess_organisation_kind(text) or OrganisationKind.OTHER).value
        self._add((kind, ref), [text])
        sort = f" (kind {entity['kind']})" if "kind" in entity else ""
        message = (
            f"{text!r} names no one on the People, Organisations or Boards sheets, so it was "
            f"added as {kind} '{ref}'{sort}. Correct the spelling if you meant an existing "
            f"one, else add it to the {SHEET_OF[kind]} sheet"
        )
        return Named(text, (kind, ref), role, entity, "name.created", message)

    def label(self, party: Party, kinds: Sequence[str]) -> str:
        """What a writer puts in a cell for ``party``: its first label that :meth:`lookup`
        finds it alone by, else ``kind:REF``."""
        for label in self._refs[party[0]].get(party[1], []):
            if label.strip() == label and self.lookup(label, kinds) == [party]:
                return label
        return f"{party[0]}:{party[1]}"

    def write_cell(
        self,
        parties: Iterable[tuple[str, str, OwnerRole]],
        kinds: Sequence[str],
        roles: bool,
        bases: Sequence[tuple[Basis, str | None]] = (),
    ) -> str:
        """The cell that :meth:`read_cell` reads back as ``parties`` (kind, ref, role), each
        with its basis and reason when ``bases`` gives them (owners)."""
        labels = [(self.label((k, r), kinds), role) for k, r, role in parties]
        if not roles:
            return join_cell(label for label, _ in labels)
        values = [with_role(label, role) for label, role in labels]
        if bases:
            values = [with_basis(v, b, why) for v, (b, why) in zip(values, bases, strict=True)]
        return join_cell(values)
