"""The people, organisations and boards of a draft: the names a document uses
(:class:`~loaders.documents.owners.Directory`) and the entities made for them, one per name,
with unique slug refs."""

from __future__ import annotations

import re
from typing import Any

from graphmodel.model import slug
from loaders.documents.owners import Directory, OwnerPart, split_owner_cell
from loaders.documents.prose import ProseReader
from loaders.documents.tables import ActionRecord
from loaders.documents.text import Line
from loaders.names import BOARD, ORGANISATION, PERSON, guess_kind, guess_organisation_kind, name_key

__all__ = ["Parties", "directory_of", "learn_people", "partner"]


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

    def person(
        self, name: str | None, post: str | None, org: str | None, email: str | None = None
    ) -> str:
        label = name or post or email or "unnamed"
        key = name_key(label)
        entity = self.entities[PERSON].get(key)
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
        elif post and "post" not in entity:
            entity["post"] = post
        if org and "organisation" not in entity:
            entity["organisation"] = self.organisation(org)
        if email and "email" not in entity:
            entity["email"] = email
        return str(entity["ref"])

    def party(self, part: OwnerPart) -> str:
        if part.kind == PERSON:
            return f"person:{self.person(part.name, part.post, part.organisation, part.email)}"
        if part.kind == BOARD:
            return f"board:{self.board(part.name or '')}"
        return f"organisation:{self.organisation(part.name or '')}"


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
