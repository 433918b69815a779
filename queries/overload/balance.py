"""Partner balance: the share of a plan's actions each organisation and each kind of
organisation owns -- a pure function of the :class:`~queries.overload.rows.Attribution`
counts."""

from __future__ import annotations

from dataclasses import dataclass

from graphmodel.model import OrganisationKind
from queries.overload.rows import Attribution
from queries.percent import share

__all__ = ["UNATTRIBUTED", "OrgShare", "partner_balance"]

UNATTRIBUTED = "unattributed"


@dataclass(frozen=True)
class OrgShare:
    """Non-cancelled actions attributed to one organisation (``ref`` None: unattributed)."""

    ref: str | None
    name: str
    kind: str
    actions: int
    percent: float


def partner_balance(counts: Attribution) -> tuple[list[OrgShare], dict[str, float]]:
    """Every organisation's share (most actions first, then by name), then the
    ``unattributed`` row; and the share per organisation kind present, in the order of
    :class:`~graphmodel.model.OrganisationKind`, then ``unattributed``.

    >>> shares, kinds = partner_balance(Attribution(4, [("c", "Council", "local_authority", 3)],
    ...     {"local_authority": 3}, 1))
    >>> [(s.name, s.percent) for s in shares], kinds
    ([('Council', 75.0), ('unattributed', 25.0)], {'local_authority': 75.0, 'unattributed': 25.0})
    """
    total = counts.actions
    balance = [
        OrgShare(ref, name, kind, n, share(n, total))
        for ref, name, kind, n in counts.by_organisation
    ]
    balance.sort(key=lambda s: (-s.actions, s.name.casefold()))
    balance.append(
        OrgShare(
            None,
            UNATTRIBUTED,
            UNATTRIBUTED,
            counts.unattributed,
            share(counts.unattributed, total),
        )
    )
    found = counts.by_kind | {UNATTRIBUTED: counts.unattributed}
    present = {kind for _, _, kind, _ in counts.by_organisation} | {UNATTRIBUTED}
    order = [k.value for k in OrganisationKind] + [UNATTRIBUTED]
    return balance, {k: share(found.get(k, 0), total) for k in order if k in present}
