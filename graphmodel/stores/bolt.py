"""A Neo4j database (or any server speaking Bolt and Cypher) holding many plans.

Schema (DESIGN.md): one label per node kind (``Action``, ``Finding``, ...), one relationship
type per edge kind, properties as :mod:`graphmodel.stores.codec` writes them. ``uid`` (the
node id qualified by the plan id) is unique per label and ``plan`` indexed, so many plans
share one database.

Writes (:meth:`Neo4jStore.push`) run in **one explicit transaction**: read what the database
holds of the plan, work out in Python what is new, changed and gone, then delete the gone
relationships and nodes, ``MERGE`` the new and changed nodes and ``CREATE`` the new
relationships, in batches of ``UNWIND $rows`` (:mod:`graphmodel.stores.push`). The plan node
keeps a digest of every record of the version pushed, so pushing the same plan again stops
after one small query and writes nothing; a push that fails (or a server killed) before the
commit leaves the previous version as it was. Relationships are created, not merged: ArcadeDB
deadlocks on a batched relationship ``MERGE`` when many rows point at one node, and working out
what is new in Python avoids needing it. A relationship is matched by its ends, type, ``i`` and
``role``, never by its position, so inserting a node early rewrites no relationship after it.
With ``keep_versions`` the version held is first copied to the plan ``ID@vN``
(:mod:`graphmodel.stores.results`) in the same transaction. Only parameters carry plan text;
labels and types come from the closed vocabularies of :mod:`graphmodel.schema`.

Reads: :meth:`Neo4jStore.graph` / :meth:`Neo4jStore.graphs` (the part of one plan, or of many
at once, that a question needs: :mod:`graphmodel.stores.reading`) and :meth:`Neo4jStore.read`
(Cypher statements in one read transaction, for the questions answered on the server,
:mod:`queries.cypher`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import networkx as nx

from graphmodel.collector import gc_paused
from graphmodel.errors import in_words
from graphmodel.graph import build_graph, plan_from_graph
from graphmodel.model import Plan
from graphmodel.schema import EdgeKind, NodeKind
from graphmodel.stores.codec import (
    EdgeRecord,
    NodeRecord,
    graph_from_records,
    graph_records,
    uid,
)
from graphmodel.stores.push import digest, push_records
from graphmodel.stores.reading import read_records
from graphmodel.stores.results import PlanSummary, PlanVersion, PushResult, renamed
from graphmodel.stores.settings import (
    DatabaseNotFound,
    Neo4jSettings,
    PlanNotFound,
    StoreError,
    StoreUnauthorized,
    StoreUnavailable,
)

if TYPE_CHECKING:
    from neo4j import Driver, ManagedTransaction, Session, Transaction

__all__ = ["BATCH_SIZE", "Neo4jStore", "PlanSummary", "PlanVersion", "PushResult"]

BATCH_SIZE = 10_000
"""Rows per ``UNWIND`` statement. ``bench/on_server.py`` times 200 to 10,000 rows on a generated
plan of about 20k nodes and relationships. On ArcadeDB, with the machine busy, larger batches
were faster (10,000: about 5,800 nodes+edges/s; 2,000: 3,400; 200: 2,500); on a quiet machine
every size ran within 10% of the others (5,800 to 6,500/s). 10,000 is never much worse and
sends the fewest statements, which matters most against a remote server (Aura) where every
statement is a round trip; 10,000 rows are a few MB of parameters, and the whole push is one
transaction whatever the batch size."""


def _folded(text: str) -> str:
    """``"Cheshire East"`` and ``"cheshire-east"`` alike: letters and digits, case folded."""
    return "".join(c for c in text.casefold() if c.isalnum())


_BOOKKEEPING = ("uid", "plan", "ref", "seq", "json_fields")
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class Neo4jStore:
    """A connection to one database. Use as a context manager, or call :meth:`close`.

    Raises :class:`StoreUnavailable`, :class:`StoreUnauthorized` or
    :class:`DatabaseNotFound` (one-line messages) when the database cannot be used.
    """

    def __init__(self, settings: Neo4jSettings, *, batch_size: int = BATCH_SIZE) -> None:
        try:
            import neo4j
        except ImportError:  # a broken install: the driver is a dependency
            raise StoreError(
                "the Neo4j backend needs the neo4j driver, which is not installed: "
                "pip install neo4j (or reinstall actiongraph)"
            ) from None

        self.settings = settings
        self.batch_size = batch_size
        scheme = settings.uri.partition("://")[0]
        if scheme not in _SCHEMES:
            raise StoreError(
                f"{settings.uri!r} is not a Bolt URI: write bolt://HOST:7687 or neo4j+s://HOST "
                "(Aura) in NEO4J_URI or --uri"
            )
        auth = None if settings.password is None else (settings.user, settings.password)
        try:
            self._driver: Driver = neo4j.GraphDatabase.driver(settings.uri, auth=auth)
        except (ValueError, neo4j.exceptions.ConfigurationError) as e:
            raise StoreError(f"{settings.uri!r}: {e}; fix NEO4J_URI or --uri") from None
        self.agent = ""
        try:
            with self._errors():
                self._driver.verify_connectivity()
                self.agent = self._driver.get_server_info().agent
                with self._session() as session:
                    session.run("RETURN 1").consume()  # an unknown database fails here
        except StoreError:
            self._driver.close()
            raise
        self._schema_done = False

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._driver.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        import neo4j.exceptions as ne

        s = self.settings
        try:
            yield
        except ne.AuthError:
            raise StoreUnauthorized(
                f"the server at {s.uri} refused user {s.user!r}: check NEO4J_PASSWORD "
                "and NEO4J_USERNAME (or --user)"
            ) from None
        except ne.ClientError as e:
            if e.code and "DatabaseNotFound" in e.code:
                raise DatabaseNotFound(
                    f"no {s.where}: create it, or set NEO4J_DATABASE (or --database)"
                ) from None
            raise StoreError(f"the {s.where} rejected a query: {e.message}") from None
        except (ne.ServiceUnavailable, ne.SessionExpired, OSError) as e:
            raise StoreUnavailable(
                f"cannot reach a Neo4j server at {s.uri} ({type(e).__name__}): is it "
                "running? Set NEO4J_URI or --uri"
            ) from None
        except ne.Neo4jError as e:
            raise StoreError(f"the {s.where} failed: {e.message}") from None

    def _session(self) -> Session:
        return self._driver.session(database=self.settings.database)

    # -- schema -------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """``uid`` unique and ``plan`` indexed on every label (the same statements run on
        Neo4j 5 and on ArcadeDB); does nothing when they already exist."""
        if self._schema_done:
            return
        with self._errors(), self._session() as session:
            for kind in NodeKind:
                label = kind.label
                session.run(
                    f"CREATE CONSTRAINT {kind.value}_uid IF NOT EXISTS "
                    f"FOR (n:{label}) REQUIRE n.uid IS UNIQUE"
                ).consume()
                session.run(
                    f"CREATE INDEX {kind.value}_plan IF NOT EXISTS FOR (n:{label}) ON (n.plan)"
                ).consume()
        self._schema_done = True

    # -- reading ------------------------------------------------------------------------

    def has_plan(self, plan: str) -> bool:
        with self._errors(), self._session() as session:
            found = session.run(
                "MATCH (n:Plan {uid: $uid}) RETURN count(n) AS c",
                uid=uid(plan, NodeKind.PLAN, plan),
            ).single()
        return bool(found and found["c"])

    def plan_id(self, name: str) -> str:
        """The id of the plan called ``name``: its id, else the plan whose area is ``name``
        (case, spacing and punctuation ignored: ``Cheshire East`` finds ``cheshire-east``).
        Raises :class:`PlanNotFound` naming the plans held when none, or several, match."""
        if self.has_plan(name):
            return name
        plans = self.plans()
        wanted = _folded(name)
        found = [p.id for p in plans if _folded(p.area) == wanted or _folded(p.id) == wanted]
        if len(found) == 1:
            return found[0]
        held = ", ".join(f"{p.id} ({p.area})" for p in plans) or "none"
        if found:
            raise PlanNotFound(
                f"{len(found)} plans in the {self.settings.where} have the area {name!r}: "
                f"{', '.join(found)}; name one by its id"
            )
        raise PlanNotFound(
            f"no plan {name!r} (no id or area matches) in the {self.settings.where};"
            f" it holds {held}"
        )

    def _require(self, plan: str) -> None:
        self.require([plan])

    def graph(
        self,
        plan: str,
        kinds: Sequence[NodeKind] = tuple(NodeKind),
        edges: Sequence[EdgeKind] | None = None,
        fields: Mapping[NodeKind, Sequence[str]] | None = None,
    ) -> nx.MultiDiGraph:
        """The graph of ``plan`` as :func:`~graphmodel.graph.build_graph` gives it, or, with
        ``kinds`` (``edges``, ``fields``), only those node kinds (relationship types, node
        properties; a property not read is None) and the edges among them: what one question
        needs, read with Cypher, not the whole plan. Raises :class:`PlanNotFound`."""
        self._require(plan)
        # decoding and building allocate as loading does: the collector paused for a program
        # that owns its process (graphmodel.collector)
        with gc_paused(), self._errors(), self._session() as session:
            nodes, rels = session.execute_read(read_records, plan, kinds, edges, fields)
            return graph_from_records(nodes, rels)

    def graphs(
        self,
        plans: Sequence[str],
        kinds: Sequence[NodeKind] = tuple(NodeKind),
        edges: Sequence[EdgeKind] | None = None,
        fields: Mapping[NodeKind, Sequence[str]] | None = None,
    ) -> dict[str, nx.MultiDiGraph]:
        """:meth:`graph` of each of ``plans``, read together: one query per label for all of
        them, not per plan. Raises :class:`PlanNotFound` naming the plans it lacks."""
        self.require(plans)
        with gc_paused(), self._errors(), self._session() as session:  # as in graph()
            nodes, rels = session.execute_read(read_records, plans, kinds, edges, fields)
            node_parts: dict[str, list[NodeRecord]] = {p: [] for p in plans}
            edge_parts: dict[str, list[EdgeRecord]] = {p: [] for p in plans}
            for n in nodes:
                node_parts[n.props["plan"]].append(n)
            for e in rels:
                edge_parts[e.props["plan"]].append(e)
            return {p: graph_from_records(node_parts[p], edge_parts[p]) for p in plans}

    def require(self, plans: Sequence[str]) -> None:
        """Raise :class:`PlanNotFound` unless the database holds every one of ``plans``."""
        with self._errors(), self._session() as session:
            held = {
                r["id"]
                for r in session.run(
                    "MATCH (p:Plan) WHERE p.uid IN $uids RETURN p.plan AS id",
                    uids=[uid(p, NodeKind.PLAN, p) for p in plans],
                )
            }
        missing = [p for p in plans if p not in held]
        if missing:
            every = [p.id for p in self.plans()]
            what = f"plan {missing[0]!r}" if len(missing) == 1 else f"plans {in_words(missing)}"
            raise PlanNotFound(
                f"no {what} in the {self.settings.where}; it holds {in_words(every)}"
            )

    def read(
        self, statements: Sequence[tuple[str, Mapping[str, Any]]]
    ) -> list[list[dict[str, Any]]]:
        """The rows of each read-only Cypher statement (text, parameters), all run in one read
        transaction, so they see one version of the database."""

        def work(tx: ManagedTransaction) -> list[list[dict[str, Any]]]:
            return [[dict(r) for r in tx.run(text, **params)] for text, params in statements]

        with self._errors(), self._session() as session:
            return session.execute_read(work)

    def pull(self, plan: str, *, version: int | None = None) -> Plan:
        """The plan with id ``plan``, equal to the one pushed; with ``version``, that version
        of it (kept by ``push(..., keep_versions=True)``, or the current one)."""
        if version is None:
            return plan_from_graph(self.graph(plan), plan)
        found = {v.version: v for v in self.versions(plan)}
        if version not in found:
            raise PlanNotFound(
                f"no version {version} of plan {plan!r} in the {self.settings.where}; it holds "
                f"versions {in_words([str(v) for v in sorted(found)])}"
                f" (`actiongraph neo4j versions {plan}`)"
            )
        stored = found[version].stored_as
        with self._errors(), self._session() as session:
            nodes, rels = session.execute_read(read_records, stored)
        nodes, rels = renamed(nodes, rels, stored, plan)
        for n in nodes[:1]:
            n.props.pop("version_of", None)
        return plan_from_graph(graph_from_records(nodes, rels), plan)

    def versions(self, plan: str) -> list[PlanVersion]:
        """Every version of ``plan`` the database holds: the kept ones, oldest first, then the
        current one. Raises :class:`PlanNotFound` when it holds none."""
        with self._errors(), self._session() as session:
            heads = session.run(
                "MATCH (p:Plan) WHERE p.uid = $uid OR p.version_of = $plan "
                "RETURN p.plan AS stored, p.version AS version, p.title AS title, "
                "p.pushed AS pushed, p.version_of IS NULL AS current",
                uid=uid(plan, NodeKind.PLAN, plan),
                plan=plan,
            ).data()
            counts = {
                r["plan"]: r["c"]
                for r in session.run(
                    "MATCH (a:Action) WHERE a.plan IN $plans RETURN a.plan AS plan, count(a) AS c",
                    plans=[h["stored"] for h in heads],
                )
            }
        if not heads:
            self._require(plan)
        found = [
            PlanVersion(
                version=h["version"] or 1,
                current=h["current"],
                title=h["title"],
                actions=counts.get(h["stored"], 0),
                pushed=h["pushed"],
                stored_as=h["stored"],
            )
            for h in heads
        ]
        return sorted(found, key=lambda v: (v.current, v.version))

    def plans(self) -> list[PlanSummary]:
        """Every plan in the database, by id."""
        with self._errors(), self._session() as session:
            heads = session.run(
                "MATCH (p:Plan) WHERE p.version_of IS NULL "
                "RETURN p.ref AS id, p.area AS area, p.title AS title"
            ).data()
            counts: dict[str, Counter[str]] = {}
            for kind in (NodeKind.FINDING, NodeKind.ACTION):
                rows = session.run(
                    f"MATCH (n:{kind.label}) RETURN n.plan AS plan, count(n) AS c"
                ).data()
                for row in rows:
                    counts.setdefault(row["plan"], Counter())[kind.value] = row["c"]
        return sorted(
            (
                PlanSummary(
                    h["id"],
                    h["area"],
                    h["title"],
                    counts.get(h["id"], Counter())["finding"],
                    counts.get(h["id"], Counter())["action"],
                )
                for h in heads
            ),
            key=lambda p: p.id,
        )

    # -- writing ------------------------------------------------------------------------

    def push(self, plan: Plan, *, keep_versions: bool = False) -> PushResult:
        """Write ``plan``, or update the version in the database to it (see the module).
        With ``keep_versions``, the version the database held is kept first, as version N
        (:meth:`versions`, ``pull(plan, version=N)``), in the same transaction.

        Raises :class:`~graphmodel.errors.PlanError` for a plan whose refs point at nothing,
        before anything is written.
        """
        from datetime import datetime, timezone

        nodes, rels = graph_records(build_graph(plan))
        head = nodes[0].props  # the plan node comes first
        head["digest"] = digest(nodes, rels)
        head["pushed"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self.ensure_schema()
        # one transaction, rolled back by the driver unless committed
        with self._errors(), self._session() as session, session.begin_transaction() as tx:
            result = self._push(tx, plan.id, nodes, rels, keep_versions=keep_versions)
            tx.commit()
        return result

    def _push(
        self,
        tx: Transaction,
        plan: str,
        nodes: list[NodeRecord],
        rels: list[EdgeRecord],
        *,
        keep_versions: bool = False,
    ) -> PushResult:
        """:func:`~graphmodel.stores.push.push_records` in ``tx``, writing through
        :meth:`_write`."""
        return push_records(tx, plan, nodes, rels, self._write, keep_versions=keep_versions)

    def _write(self, tx: Transaction, query: str, rows: Sequence[Any]) -> int:
        """Run ``query`` (which unwinds ``$rows``) on ``rows`` in batches; how many rows."""
        for start in range(0, len(rows), self.batch_size):
            tx.run(query, rows=list(rows[start : start + self.batch_size])).consume()
        return len(rows)

    def delete(self, plan: str) -> int:
        """Remove ``plan`` and its kept versions from the database in one transaction; how
        many nodes went."""
        ids = [v.stored_as for v in self.versions(plan)]
        with self._errors(), self._session() as session:

            def work(tx: ManagedTransaction) -> int:
                total = 0
                for kind in NodeKind:
                    row = tx.run(
                        f"MATCH (n:{kind.label}) WHERE n.plan IN $plans "
                        "WITH n, n.uid AS u DETACH DELETE n RETURN count(u) AS c",
                        plans=ids,
                    ).single()
                    total += row["c"] if row else 0
                return total

            return session.execute_write(work)
