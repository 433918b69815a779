"""Key-person risk: the parties that are the sole answerable owner of a finding -- a pure
function of the findings' owners (:class:`~queries.overload.rows.FindingOwners`)."""

from __future__ import annotations

from collections.abc import Iterable

from queries.overload.rows import FindingOwners

__all__ = ["sole_owners"]


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
