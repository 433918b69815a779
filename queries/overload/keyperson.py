"""Key-person risk: the parties that are the sole answerable owner of a finding -- a pure
function of the findings' owners (:class:`~queries.overload.rows.FindingOwners`)."""

from __future__ import annotations

from collections.abc import Iterable

from queries.overload.rows import FindingOwners

__all__ = ["sole_owners"]


def sole_owners(findings: Iterable[FindingOwners]) -> dict[str, list[str]]:
    """For each party (:func:`~queries.overload.rows.party_key`) that alone answers for all the
    work on a finding, the refs of those findings, in the order given.

    >>> sole_owners([FindingOwners("F1", ["person:jo"]), FindingOwners("F2", ["person:jo",
    ...     "organisation:c"]), FindingOwners("F3", []), FindingOwners("F4", ["person:jo"])])
    {'person:jo': ['F1', 'F4']}
    """
    sole: dict[str, list[str]] = {}
    for finding in findings:
        owners = set(finding.owners)
        if len(owners) == 1:
            sole.setdefault(owners.pop(), []).append(finding.ref)
    return sole
