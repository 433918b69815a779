"""Which words of an owner cell name a person, a post or an organisation.

A person's name is two or three capitalised words that are no words of a post's or an
organisation's name (:func:`name_like`): ``Lucy Hall`` is one, ``Short Breaks``,
``Participation Manager`` and ``Alternative Provision`` are none. A post starts with a post
word (``Head of SEND``, :func:`is_post`) or ends with one after words that are no name
(``SEND Quality Lead``, :func:`post_like`); an organisation is what
:func:`loaders.names.guess_kind` takes for one, or holds a word such as Trust or ICB
(:func:`org_like`).

>>> name_like(["Lucy", "Hall"]), name_like(["Short", "Breaks"]), post_like(["Finance",
...  "Business", "Partner"]), org_like("NHS Southby ICB")
(True, False, True, True)
"""

from __future__ import annotations

import re

from graphmodel import personal_names
from loaders.names import BOARD, ORGANISATION, guess_kind, name_key

__all__ = [
    "ORG_ACRONYMS",
    "POST_ACRONYMS",
    "POST_WORDS",
    "TITLES",
    "UNITS",
    "is_post",
    "name_like",
    "name_then_post",
    "names_nobody",
    "org_like",
    "organisations",
    "party_like",
    "plain_name",
    "post_like",
    "starts_with_name",
]

POST_WORDS = {
    *("head", "director", "assistant", "deputy", "chief", "manager", "officer", "lead"),
    *("coordinator", "co", "senco", "principal", "commissioner", "designated", "strategic"),
    *("programme", "project", "cabinet", "portfolio", "senior", "service", "associate"),
    *("consultant", "headteacher", "chair", "councillor", "team", "leader"),
    *("interim", "acting", "ad"),
    *("nurse", "therapist", "psychologist", "practitioner", "paediatrician", "caseworker"),
}
"""Words of posts' names: a post starts with one (``Head of SEND``, ``Interim Head of
Commissioning``); a name holds none."""
_ORG_EXTRA = ("sixth form", "trust", "icb", "hwicb", "wcf", "partnership")
_NOT_NAME = {
    *("parent", "parents", "carer", "carers", "children", "childrens", "young", "people"),
    *("health", "care", "education", "community", "family", "families", "youth", "mental"),
    *("local", "special", "social", "early", "years", "send", "quality", "inclusion"),
    *("support", "services", "assessment", "commissioning", "improvement", "transformation"),
    *("school", "schools", "virtual", "council", "board", "team", "forum", "partnership"),
    *("trust", "academy", "college", "nhs", "authority", "service", "breaks", "offer"),
    *("finance", "performance", "governance", "guidance", "attendance", "data", "policy"),
    *("strategy", "transport", "admissions", "workforce", "nursing", "housing", "therapy"),
    *("hub", "careers", "skills", "employment", "unit", "centre", "network", "panel"),
    *("primary", "secondary", "infant", "infants", "junior", "juniors", "nursery", "public"),
    *("all", "sencos", "partners"),
}
"""Words of organisations' and posts' names that are no part of a person's name: ``Eastshire
Parent Carer Forum`` is no person ``Eastshire Parent`` of a ``Carer Forum``, ``Short Breaks
Commissioning Officer`` no ``Short Breaks``."""
_NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ship", "ics", "ies", "ism", "ive", "ing")
"""Endings of the long words that name a service or an area of work (Participation,
Engagement, Business, Therapies, Alternative, Safeguarding), not a person's first name: a
first word of eight letters or more that ends so starts no name."""
_POST_LAST = {
    *("lead", "manager", "officer", "coordinator", "director", "commissioner", "consultant"),
    *("headteacher", "chair", "senco", "adviser", "advisor", "practitioner", "psychologist"),
    *("head", "partner", "therapist", "analyst", "specialist", "leader", "member"),
}
"""Last words of a post whose first word is no post word: ``SEND Quality Lead``, ``Finance
Business Partner``."""


TITLES = {name_key(t) for t in personal_names.TITLES}
"""Titles written before a person's name (``Cllr Janet Moore``), as :func:`name_key` keys."""


def is_post(text: str) -> bool:
    """Whether ``text`` starts with a post word: ``Head of SEND``, ``Designated ...``; not
    a title before a name (``Councillor Amy Pond``)."""
    words = name_key(text).split()
    if len(words) >= 3 and words[0] in TITLES and name_like(text.split()[1:3]):
        return False
    # a post held by several, of something: "Headteachers of special schools", "Heads of
    # Service" (a plural alone, "complaints managers", names nobody in particular)
    plural = len(words) > 2 and words[1] == "of" and words[0].removesuffix("s") in POST_WORDS
    return bool(words) and (words[0] in POST_WORDS or plural)


def post_like(words: list[str]) -> bool:
    """A post whose first word is no post word: its last is (``SEND Quality Lead``), and it
    does not start with a person's name."""
    return bool(words) and name_key(words[-1]) in _POST_LAST and not name_like(words[:2])


def org_like(text: str) -> bool:
    """Whether ``text`` reads as an organisation or a board (not a post), or holds a word
    such as Trust, ICB or Partnership."""
    key = name_key(text)
    if guess_kind(text) in (ORGANISATION, BOARD) and not is_post(text):
        return True
    return any(re.search(rf"\b{w}\b", key) for w in _ORG_EXTRA)


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")
"""A word of a person's name: letters, joined by an apostrophe or a hyphen (``O'Brien``,
``Smith-Jones``), or an initial (``A.``)."""


def name_like(words: list[str]) -> bool:
    """Whether ``words`` read as a person's name: capitalised words, none of them a word of
    an organisation's or a post's name, and the first no long word of a service's.

    >>> name_like(["Sarah", "O'Brien"]), name_like(["A.", "Khan"]), name_like(["Jo", "Smith-Jones"])
    (True, True, True)
    >>> name_like(["Head", "of", "SEND"]), name_like(["Room", "2.1"])
    (False, False)
    """
    if len(words) > 2 and name_key(words[0]) in TITLES:  # "Councillor Amy Pond"
        words = words[1:]
    first = name_key(words[0]) if words else ""
    if len(first) >= 8 and first.endswith(_NOUN_ENDINGS):
        return False
    return bool(words) and all(
        w[:1].isupper()
        and _NAME_WORD.fullmatch(w) is not None
        and name_key(w) not in _NOT_NAME
        and not (len(w.rstrip(".")) > 1 and w.isupper())  # "WCF AP": abbreviations, not a name
        for w in words
    )


def names_nobody(words: list[str]) -> bool:
    """Whether one of ``words`` is a word of an organisation's or a post's name, never of a
    person's (``Public Health``, ``All SENCOs``).

    >>> names_nobody(["Public", "Health"]), names_nobody(["J.", "Smith"])
    (True, False)
    """
    return any(name_key(w) in _NOT_NAME for w in words)


def party_like(text: str) -> bool:
    """Whether ``text`` reads as one owner on its own: a post (``Head of SEND``) or a
    person's name of two or three words; not a clause of a longer name (``Children``)."""
    return not org_like(text) and (is_post(text) or plain_name(text.split()))


def starts_with_name(words: list[str]) -> bool:
    """Whether ``words`` start with two capitalised words that are no post or organisation."""
    return plain_name(words[:2])


def name_then_post(words: list[str]) -> bool:
    """``Lucy Hall Group Manager``: a name, then a post."""
    rest = {name_key(w) for w in words[2:]}
    return len(words) > 2 and starts_with_name(words) and bool(rest & POST_WORDS)


def plain_name(words: list[str]) -> bool:
    """A person's name of two or three words and nothing else: ``Laura Finch``."""
    return (
        2 <= len(words) <= 3
        and name_like(words)
        and not org_like(" ".join(words))
        and not {name_key(w) for w in words} & POST_WORDS
    )


ORG_ACRONYMS = {"la", "lea", "ccg", "nhs", "dcc", "pcf", "pcc", "ca", "sendiass"}
"""Short names of a post's employer besides :func:`org_like`'s (``(LA)``)."""
POST_ACRONYMS = {
    *("dco", "dmo", "dsco", "dcs", "dass", "senco", "sencos", "ep", "pep", "lado", "sro", "ceo"),
    "ad",  # Assistant Director: "AD SEND", "AD Education & Inclusion"
}
"""Abbreviations of posts, not organisations: Designated Clinical Officer, Director of
Children's Services, SENCO, Educational Psychologist, ..."""


FIELD_ACRONYMS = {
    *("send", "sen", "semh", "ehc", "ehcp", "ehcps", "pfa", "ap", "asd", "adhd", "slcn"),
}
"""Abbreviations of a field of work, not of an organisation: ``Assistant Director, SEND`` is
a post over SEND, not a post at a body called SEND."""


UNITS = {"team", "teams", "service", "services", "partnership", "network", "group"}
"""Words that name a part of an organisation, not a post: ``Council SEND team``."""


_ORG_END = {
    *("schools", "services", "service", "providers", "sector", "trusts", "trust", "partners"),
    *("teams", "team", "council", "colleges", "settings", "hub", "icb", "nhs", "authority"),
}


def organisations(words: list[str]) -> list[str] | None:
    """Words that name organisations, not people (an abbreviation such as ``WCF``, a word
    such as Schools or Services), cut after each such ending word: ``WCF Special Schools
    Mainstream Schools HWICB`` -> three organisations. None when they read as names.

    >>> organisations("WCF Special Schools Mainstream Schools HWICB".split())
    ['WCF Special Schools', 'Mainstream Schools', 'HWICB']
    >>> organisations("NHS Southby ICB".split())
    ['NHS Southby ICB']
    >>> organisations("Education Engagement Team and SEND Service".split())
    ['Education Engagement Team', 'SEND Service']
    >>> organisations(["Kat", "Booth"]) is None
    True
    """
    abbreviation = [w for w in words if re.fullmatch(r"[A-Z][A-Z&]{1,6}", w)]
    ending = [w for w in words if name_key(w) in _ORG_END]
    if not abbreviation and not ending:
        return None
    groups: list[list[str]] = [[]]
    for w in words:
        nhs = bool(groups[-1]) and name_key(groups[-1][0]) == "nhs"  # "NHS Southby ICB": one
        if (
            re.fullmatch(r"[A-Z][A-Z&]{1,6}", w)
            and groups[-1]
            and (re.fullmatch(r"[A-Z][A-Z&]{1,6}", groups[-1][-1]) is None)
            and name_key(groups[-1][-1]) not in _ORG_END
            and len(groups[-1]) > 1
            and not nhs
        ):
            groups.append([])
        if groups[-1] or name_key(w) != "and":  # "... Team and SEND Service": two
            groups[-1].append(w)
        if name_key(w) in _ORG_END and not (name_key(w) == "nhs" and len(groups[-1]) == 1):
            groups.append([])
    return [" ".join(g) for g in groups if g]
