"""The people, organisations and boards of a draft: the names a document uses
(:class:`~loaders.documents.owners.Directory`) and the entities made for them, one per name,
with unique slug refs."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

from graphmodel.model import OrganisationKind, slug
from graphmodel.parties import INITIALS, shortened
from loaders.documents.owners import Directory, OwnerPart, split_owner_cell
from loaders.documents.prose import ProseReader
from loaders.documents.tables import ActionRecord
from loaders.documents.text import Line
from loaders.names import (
    BOARD,
    ORGANISATION,
    PERSON,
    generic_organisation_kind,
    guess_kind,
    guess_organisation_kind,
    name_key,
)

__all__ = [
    "Parties",
    "directory_of",
    "generic_organisations",
    "learn_people",
    "partner",
    "same_person",
]


class Parties:
    """People, organisations and boards of the draft, by name key; refs are unique slugs."""

    def __init__(self, known: Directory) -> None:
        self.known = known
        self.entities: dict[str, dict[str, dict[str, Any]]] = {
            PERSON: {},
            ORGANISATION: {},
            BOARD: {},
        }
        self._refs: dict[str, set[str]] = {PERSON: set(), ORGANISATION: set(), BOARD: set()}
        self._alias: dict[str, str] = {}
        """A person's shortened name's key (``J. Smith``) -> their name's key."""

    def _ref(self, kind: str, label: str) -> str:
        base = slug(label) or kind
        ref, n = base, 1
        while ref in self._refs[kind]:
            n += 1
            ref = f"{base}-{n}"
        self._refs[kind].add(ref)
        return ref

    def organisation(self, name: str) -> str:
        name = self.known.organisation(name) or name
        key = name_key(name)
        if key not in self.entities[ORGANISATION]:
            kind = guess_organisation_kind(name)
            self.entities[ORGANISATION][key] = {
                "ref": self._ref(ORGANISATION, name),
                "name": name,
                "kind": (kind.value if kind else "other"),
            }
        return str(self.entities[ORGANISATION][key]["ref"])

    def board(self, name: str) -> str:
        key = name_key(name)
        if key not in self.entities[BOARD]:
            self.entities[BOARD][key] = {"ref": self._ref(BOARD, name), "name": name}
        return str(self.entities[BOARD][key]["ref"])

    def _same_person(self, name: str) -> dict[str, Any] | None:
        """The one person already met whose name ``name`` shortens or lengthens: ``J. Smith``
        or ``JS`` for Jane Smith, ``Jane Smith`` for J. Smith; None when no one or several
        could be meant."""
        found = [
            e
            for e in self.entities[PERSON].values()
            if e.get("name") and e["name"] != name and same_person(e["name"], name)
        ]
        return found[0] if len(found) == 1 else None

    def _met(self, short: str) -> dict[str, Any] | None:
        """The person met before whose name ``short`` shortens (``J. Smith``, ``JS``), who
        keeps it as an alias; only a name met in full before its short form is read so."""
        key = name_key(short)
        if key in self._alias:
            return self.entities[PERSON][self._alias[key]]
        met = self._same_person(short)
        if met is None or len(name_key(short)) >= len(name_key(met["name"])):
            return None
        met.setdefault("aliases", []).append(short)
        self._alias[key] = name_key(met["name"])
        return met

    def person(
        self, name: str | None, post: str | None, org: str | None, email: str | None = None
    ) -> str:
        return self.person_read(name, post, org, email)[0]

    def person_read(
        self, name: str | None, post: str | None, org: str | None, email: str | None = None
    ) -> tuple[str, str | None]:
        """The ref of the person (made when new), and why it is one met before under another
        form of the name (``J. Smith`` for Jane Smith), or None."""
        label = name or post or email or "unnamed"
        key = self.known.post_key(label) if label == post else name_key(label)
        entity = self.entities[PERSON].get(key)
        reason = None
        if entity is None and name and (met := self._met(name)) is not None:
            entity, reason = met, f"{name!r} read as {met['name']!r}, the one person so named"
        if entity is not None and post and org and not name:
            held = entity.get("organisation")
            if held is not None and held != self.organisation(org):
                # "Headteacher, Oak Academy" and "Headteacher, Elm School": two posts
                label = f"{post} {self.known.organisation(org) or org}"
                key = name_key(label)
                entity = self.entities[PERSON].get(key)
        if entity is None:
            entity = {"ref": self._ref(PERSON, label)}
            if name:
                entity["name"] = name
            if post:
                entity["post"] = post
            self.entities[PERSON][key] = entity
        elif post and ("post" not in entity or name_key(entity["post"]) in self.known.short_posts):
            entity["post"] = post  # the post in full rather than its short name (DCO)
        if org and "organisation" not in entity:
            entity["organisation"] = self.organisation(org)
        if email and "email" not in entity:
            entity["email"] = email
        return str(entity["ref"]), reason

    def party(self, part: OwnerPart) -> str:
        return self.party_read(part)[0]

    def party_read(self, part: OwnerPart) -> tuple[str, str | None]:
        """``kind:ref`` of the owner ``part`` names, and why it was inferred, or None: a
        person's initials or shortened name (``JS``, ``J. Smith``) read as the one person
        met with that name."""
        if part.kind == PERSON:
            ref, reason = self.person_read(part.name, part.post, part.organisation, part.email)
            return f"person:{ref}", reason
        if part.kind == BOARD:
            return f"board:{self.board(part.name or '')}", None
        name = part.name or ""
        if (
            _INITIALS.fullmatch(name)
            and name_key(name) not in self.entities[ORGANISATION]
            and not self.known.organisation(name)
            and (met := self._met(name)) is not None
        ):  # "JS" where the plan names one Jane Smith
            reason = f"the initials {name!r} read as {met['name']!r}, the one person with them"
            return f"person:{met['ref']}", reason
        written = part.written or name
        if name_key(written) != name_key(name) and generic_organisation_kind(written):
            reason = f"{written!r} read as {name!r}, the one organisation of its kind named"
            return f"organisation:{self.organisation(name)}", reason
        return f"organisation:{self.organisation(name)}", None


_INITIALS = INITIALS


def same_person(full: str, other: str) -> bool:
    """:func:`graphmodel.parties.shortened` with the importer's :func:`name_key`.

    >>> same_person("Jane Smith", "J. Smith"), same_person("Jane Smith", "John Smith")
    (True, False)
    """
    return shortened(full, other, name_key)


def directory_of(prose: ProseReader, lines: list[Line]) -> Directory:
    known = Directory()
    for name in prose.boards.values():
        known.add_board(name)
    for ln in lines:
        if ln.is_tabular:
            continue
        bullet = re.match(r"^\s*[-•]\s+(.+?)(?:\s+[–—-]\s+.*|\s*\(.*)?$", ln.text)
        if bullet and len(bullet.group(1).split()) <= 8:
            name = bullet.group(1).strip(" .")
            if guess_kind(name) == ORGANISATION and guess_organisation_kind(name) is not None:
                known.add_organisation(name)
    for person in prose.people:
        if person.organisation:
            known.add_organisation(person.organisation)
        if person.name:
            known.add_person(person.name, person.post, person.organisation)
    return known


def learn_people(records: list[ActionRecord], known: Directory) -> None:
    """A first pass over owner cells: names written before an organisation are people."""
    for record in records:
        for part in split_owner_cell(record.owner, known):
            named = part.kind == PERSON and part.name and part.organisation
            if named and part.name and 2 <= len(part.name.split()) <= 3:
                known.add_person(part.name)


def generic_organisations(cells: Iterable[str], known: Directory) -> dict[str, str]:
    """Learn what a generic short form in ``cells`` (``Chief Nurse, ICB``; ``the LA``;
    ``Council``) stands for: the one organisation of that kind the document names in full
    (in ``known`` or in the owner cells), when there is exactly one; several, or none, leave
    it as written. Returns each short form read so -> the name it was read as.

    >>> known = Directory()
    >>> known.add_organisation("Kingsmere Council")
    >>> cells = ["Chief Nurse, ICB", "DCO, NHS Cheshire and Merseyside ICB", "Head of SEND, LA"]
    >>> generic_organisations(cells, known)
    {'ICB': 'NHS Cheshire and Merseyside ICB', 'LA': 'Kingsmere Council'}
    >>> known.organisation("ICB")
    'NHS Cheshire and Merseyside ICB'
    """
    trial = copy.deepcopy(known)  # reading the cells here teaches ``known`` nothing else
    named = set(known.organisations.values())
    for cell in cells:
        for part in split_owner_cell(cell, trial):
            name = part.name if part.kind == ORGANISATION else None
            named.update(n for n in (part.organisation, name) if n)
    for short, post in trial.short_posts.items():  # but for the posts' short names (DCO)
        known.short_posts.setdefault(short, post)
    full: dict[OrganisationKind, dict[str, str]] = {}
    for name in sorted(named):
        kind = guess_organisation_kind(name)
        if kind is not None and generic_organisation_kind(name) is None:
            full.setdefault(kind, {}).setdefault(name_key(name), known.organisation(name) or name)
    out: dict[str, str] = {}
    for short in sorted(named):
        kind = generic_organisation_kind(short)
        names = full.get(kind, {}) if kind is not None else {}
        if len(names) == 1 and known.organisation(short) in (None, short):
            (target,) = names.values()
            known.read_as(short, target)
            out[short] = target
    return out


_NAMED_POST = re.compile(r"^([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2})\s*\((.+)\)$")


def partner(text: str, parties: Parties) -> str:
    """A delivery partner: a person (``Name (Post)``), else a board, an organisation or a
    post as :func:`~loaders.names.guess_kind` reads it."""
    named = _NAMED_POST.match(text)
    if named is not None and guess_kind(named.group(1)) == PERSON:
        return f"person:{parties.person(named.group(1), named.group(2), None)}"
    kind = guess_kind(text)
    if kind == BOARD:
        return f"board:{parties.board(text)}"
    if kind == ORGANISATION:
        return f"organisation:{parties.organisation(text)}"
    return f"person:{parties.person(None, text, None)}"
