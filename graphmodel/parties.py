"""What a party -- a person, an organisation or a board -- is called in output: the one rule.

A person is called by their name; a post without a named holder by the post, followed by its
organisation in brackets where the caller wants the two told apart (the overload table); an
organisation or a board by its name. The same rule names any other node (a priority by its
title, an action or a finding by its text) and falls back on the ref.

It reads an entity of the model or a node's attributes in the graph alike:

>>> from graphmodel.model import Person
>>> name_of(Person(ref="ann", name="Ann Lee", post="Head of SEND"))
'Ann Lee'
>>> name_of({"kind": "person", "ref": "p", "name": None, "post": "SEND Manager"}, "Council")
'SEND Manager (Council)'
>>> name_of({"ref": "P1", "title": "Timely plans"}), name_of({"ref": "x"})
('Timely plans', 'x')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["INITIALS", "identity_of", "name_of", "shortened"]


def name_of(entity: Mapping[str, Any] | object, employer: str | None = None) -> str:
    """What ``entity`` (a model entity, or a node's attribute dict) is called: its name; else
    its post -- ``"post (employer)"`` when ``employer`` is given --; else its title; else its
    text; else its ref."""

    def get(key: str) -> Any:
        if isinstance(entity, Mapping):
            return entity.get(key)
        return getattr(entity, key, None)

    name = get("name")
    if name:
        return str(name)
    post = get("post")
    if post:
        return f"{post} ({employer})" if employer else str(post)
    for key in ("title", "text"):
        value = get(key)
        if value:
            return str(value)
    return str(get("ref"))


def identity_of(
    kind: str,
    name: str | None,
    *,
    post: str | None = None,
    email: str | None = None,
    organisation: str | None = None,
) -> str:
    """What makes two plans' records of a person or an organisation (``kind``) the same party
    across plans: the email where one is given (``email:jo@nhs.net``), else the name and
    the organisation's name (``name:jo bloggs|nhs wirral icb``), else, for a post with no
    named holder, the post and the organisation (``post:...``); an organisation by its name
    (``org:...``). Case and outer spaces are ignored. A rule, listed for a human to confirm:
    it joins two people who share a name and an employer, and misses a person whose
    organisation is written two ways.

    >>> identity_of("person", "Jo Bloggs", email=" Jo.Bloggs@NHS.net ")
    'email:jo.bloggs@nhs.net'
    >>> identity_of("person", "Sam Lee", organisation="Shire Council ")
    'name:sam lee|shire council'
    >>> identity_of("person", None, post="SEND Manager"), identity_of("organisation", "NHS ICB")
    ('post:send manager|', 'org:nhs icb')
    """

    def key(text: str | None) -> str:
        return (text or "").strip().lower()

    if kind == "organisation":
        return "org:" + key(name)
    if key(email):
        return "email:" + key(email)
    if name is not None:
        return f"name:{key(name)}|{key(organisation)}"
    return f"post:{key(post)}|{key(organisation)}"


INITIALS = re.compile(r"[A-Z]{2,3}")
"""A person's initials written as a name (``JS``)."""
_INITIAL = re.compile(r"^[A-Z]\.?$")


def shortened(full: str, other: str, key: Callable[[str], str] = str.casefold) -> bool:
    """Whether ``other`` is ``full`` (a first name and a surname) written shorter: its
    initials (``JS``) or its initial and surname (``J. Smith``), in either order of the two
    (``key`` says when two spellings of a word are the same). One rule for the importer,
    which reads ``J. Smith`` as the one Jane Smith, and for overload, which warns of a
    person written two ways.

    >>> shortened("Jane Smith", "J. Smith"), shortened("J Smith", "Jane Smith")
    (True, True)
    >>> shortened("Jane Smith", "JS"), shortened("Jane Smith", "John Smith")
    (True, False)
    """

    def form(name: str) -> tuple[list[str], bool]:
        words = name.replace(".", ". ").split()
        return words, len(words) == 2 and bool(_INITIAL.match(words[0]))

    a, b = (full, other) if len(key(full)) >= len(key(other)) else (other, full)
    words, _ = form(a)
    if len(words) != 2 or not all(w[:1].isupper() for w in words) or _INITIAL.match(words[0]):
        return False
    if INITIALS.fullmatch(b):
        return len(b) == 2 and b == words[0][0] + words[1][0]
    short, initialled = form(b)
    return initialled and short[0][0] == words[0][0] and key(short[1]) == key(words[1])
