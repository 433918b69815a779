"""Key-person risk: the parties that are the sole answerable owner of a finding -- a pure
function of the findings' owners (:class:`~queries.overload.rows.FindingOwners`) -- and the
people a plan may list twice under two spellings, whose loads and sole ownership are then
counted apart (:func:`same_person`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from graphmodel.parties import shortened
from queries.overload.rows import FindingOwners

__all__ = ["same_person", "sole_owners"]


def sole_owners(findings: Iterable[FindingOwners]) -> dict[str, list[str]]:
    """For each party (:func:`~queries.overload.rows.party_key`) that alone answers for all the
    work on a finding, the refs of those findings, in the order given. The work on a finding
    is that of its own addressing actions and of its child findings' at any depth, so a
    parent covered only through its children has their owners.

    >>> sole_owners([FindingOwners("F1", ["person:jo"]), FindingOwners("F2", ["person:jo",
    ...     "organisation:c"]), FindingOwners("F3", []), FindingOwners("F4", ["person:jo"])])
    {'person:jo': ['F1', 'F4']}
    >>> sole_owners([FindingOwners("F1", []), FindingOwners("F1.1", ["person:jo"], "F1")])
    {'person:jo': ['F1', 'F1.1']}
    """
    rows = list(findings)
    owners = {f.ref: set(f.owners) for f in rows}
    parent = {f.ref: f.parent for f in rows if f.parent in owners}
    for f in rows:  # each finding's owners go up to every ancestor (a cycle is cut)
        seen, up = {f.ref}, parent.get(f.ref)
        while up is not None and up not in seen:
            owners[up] |= set(f.owners)
            seen.add(up)
            up = parent.get(up)
    sole: dict[str, list[str]] = {}
    for f in rows:
        here = owners[f.ref]
        if len(here) == 1:
            sole.setdefault(next(iter(here)), []).append(f.ref)
    return sole


def _words(name: str) -> list[str]:
    return re.sub(r"[.,]", " ", name).casefold().split()


def _alike(a: str, b: str) -> bool:
    """The same words in any case or punctuation, or one the other written shorter
    (:func:`graphmodel.parties.shortened`: ``J. Smith``, ``JS`` for Jane Smith; not John)."""
    return _words(a) == _words(b) or shortened(a, b)


def same_person(names: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Groups of the keys of ``(key, name)`` pairs whose names are probably one person
    written two ways: the same words in any case or punctuation, or the same surname with
    one first name written as its initial. A name joins the first group it is alike with
    every member of, so two different full names are never grouped (``J. Smith`` goes with
    ``Jane Smith`` or with ``John Smith``, whichever comes first). Each group (two keys or
    more) is in the order given; groups in the order of their first key.

    >>> same_person([("js1", "Jane Smith"), ("jb", "John Smith"), ("js2", "J. Smith"),
    ...              ("ak", "Aisha Khan"), ("ak2", "aisha  khan")])
    [['js1', 'js2'], ['ak', 'ak2']]
    >>> same_person([("a", "Jane Smith"), ("b", "John Smith")])
    []
    >>> same_person([("js2", "J. Smith"), ("js1", "Jane Smith"), ("jo", "John Smith")])
    [['js2', 'js1']]
    """
    written = {key: name for key, name in names if _words(name)}
    groups: list[list[str]] = []
    for key, mine in written.items():
        home = next((g for g in groups if all(_alike(mine, written[k]) for k in g)), None)
        if home is None:
            groups.append([key])
        else:
            home.append(key)
    return [g for g in groups if len(g) > 1]
