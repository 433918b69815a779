"""What the store returns -- a push's changes, a plan's summary, a version -- and how a kept
version is stored: the records of plan ``wirral`` renamed to the plan ``wirral@v3``."""

from __future__ import annotations

from dataclasses import dataclass

from graphmodel.schema import NodeKind
from graphmodel.stores.codec import EdgeRecord, NodeRecord

__all__ = ["VERSION_MARK", "PlanSummary", "PlanVersion", "PushResult", "renamed", "stored_as"]


@dataclass(frozen=True)
class PushResult:
    """What one push changed: nodes created, updated and deleted, relationships created,
    deleted and updated (moved among their source's edges), and the number of the previous
    version when it was kept (``push(..., keep_versions=True)``). All zero when the database
    already held the plan exactly."""

    plan: str
    nodes_created: int
    nodes_updated: int
    nodes_deleted: int
    relationships_created: int
    relationships_deleted: int
    relationships_updated: int = 0
    kept: int | None = None

    @property
    def changed(self) -> bool:
        return any(
            (
                self.nodes_created,
                self.nodes_updated,
                self.nodes_deleted,
                self.relationships_created,
                self.relationships_deleted,
                self.relationships_updated,
            )
        )


@dataclass(frozen=True)
class PlanSummary:
    """One plan in the database: id, area, title and how many findings and actions."""

    id: str
    area: str
    title: str
    findings: int
    actions: int


@dataclass(frozen=True)
class PlanVersion:
    """One version of a plan in the database: its number, whether it is the current one, its
    title, how many actions, when it was pushed (ISO UTC) and the id it is stored under."""

    version: int
    current: bool
    title: str
    actions: int
    pushed: str | None
    stored_as: str


VERSION_MARK = "@v"
"""A kept version of plan ``wirral`` is stored as the plan ``wirral@v3`` (plan ids cannot hold
``@``), its plan node marked ``version_of: wirral``; :meth:`Neo4jStore.plans` and the
cross-plan questions leave kept versions out."""


def stored_as(plan: str, version: int) -> str:
    """The plan id a kept version is stored under."""
    return f"{plan}{VERSION_MARK}{version}"


def renamed(
    nodes: list[NodeRecord], rels: list[EdgeRecord], old: str, new: str
) -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """The records of plan ``old`` as those of plan ``new``: uids and ``plan`` rewritten, the
    plan node first."""
    prefix, to = f"{old}/", f"{new}/"

    def moved(u: str) -> str:
        return to + u[len(prefix) :] if u.startswith(prefix) else u

    out_nodes = sorted(
        (NodeRecord(n.label, n.props | {"uid": moved(n.props["uid"]), "plan": new}) for n in nodes),
        key=lambda n: n.kind is not NodeKind.PLAN,
    )
    out_rels = [
        EdgeRecord(moved(e.source), e.type, moved(e.target), e.props | {"plan": new}) for e in rels
    ]
    return out_nodes, out_rels
