"""A plan in a database named by a URI, accepted wherever a PLAN file is.

``neo4j://HOST[:PORT]/DATABASE?plan=ID`` (or ``bolt://``, ``neo4j+s://`` ...): the plan with
id ``ID`` in ``DATABASE`` (no path: ``NEO4J_DATABASE``, else the server's default);
``&version=N`` reads version N kept by ``actiongraph neo4j push --keep-versions``. The user
may be written in the URI (``neo4j://reader@host/plans?plan=wirral``); the password comes
only from ``NEO4J_PASSWORD``, never from the URI, which would leave it in shell histories.

>>> u = PlanURI.parse("neo4j://db.example:7687/plans?plan=wirral&version=2")
>>> u.server, u.database, u.plan, u.version
('neo4j://db.example:7687', 'plans', 'wirral', 2)
>>> PlanURI.parse("examples/wirral.yaml") is None
True
>>> PlanURI.parse("bolt://db/plans")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graphmodel.errors.UsageError: 'bolt://db/plans' names a database, not a plan: add ?plan=ID ...
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from graphmodel.errors import UsageError
from graphmodel.stores.settings import Neo4jSettings

if TYPE_CHECKING:
    from graphmodel.model import Plan

__all__ = ["PlanURI", "looks_like_plan_uri"]

_SCHEME = re.compile(r"^(neo4j|bolt)(\+s|\+ssc)?://", re.IGNORECASE)


def looks_like_plan_uri(text: str) -> bool:
    """Whether ``text`` is meant as a database URI rather than a file name."""
    return bool(_SCHEME.match(text))


@dataclass(frozen=True)
class PlanURI:
    """A parsed plan URI: the server to connect to, the database, the plan, the version."""

    uri: str
    server: str
    database: str | None
    plan: str
    version: int | None = None
    user: str | None = None

    def __str__(self) -> str:
        return self.uri

    @classmethod
    def parse(cls, text: str) -> PlanURI | None:
        """The URI ``text`` names, or None when it is no database URI (a file name).
        Raises :class:`UsageError` for a database URI that names no plan, or is malformed."""
        if not looks_like_plan_uri(text):
            return None
        try:
            parts = urlsplit(text)
            port = parts.port
        except ValueError as e:
            raise UsageError(f"{text!r}: {e}; write neo4j://HOST:PORT/DATABASE?plan=ID") from None
        if parts.password is not None:
            raise UsageError(
                f"{parts.scheme}://…: a password in a plan URI would stay in shell histories; "
                "remove it and set NEO4J_PASSWORD"
            )
        if not parts.hostname:
            raise UsageError(f"{text!r} names no server: write neo4j://HOST/DATABASE?plan=ID")
        query = parse_qs(parts.query)
        unknown = sorted(set(query) - {"plan", "version"})
        if unknown:
            raise UsageError(f"{text!r}: unknown parameter(s) {unknown}; use plan= and version=")
        plans = query.get("plan", [])
        if len(plans) != 1 or not plans[0].strip():
            raise UsageError(
                f"{text!r} names a database, not a plan: add ?plan=ID (the plan's id, as "
                "`actiongraph neo4j list` shows)"
            )
        version = None
        if "version" in query:
            written = query["version"][0]
            if not written.isdigit() or int(written) < 1:
                raise UsageError(f"{text!r}: version must be a number from 1, not {written!r}")
            version = int(written)
        netloc = parts.hostname + (f":{port}" if port is not None else "")
        database = parts.path.strip("/") or None
        return cls(
            uri=text,
            server=f"{parts.scheme}://{netloc}",
            database=database,
            plan=plans[0].strip(),
            version=version,
            user=parts.username or None,
        )

    def settings(self, environ: Mapping[str, str] | None = None) -> Neo4jSettings:
        """How to connect: the URI's server, database and user, the rest (password) from the
        environment as for every ``neo4j`` command."""
        return Neo4jSettings.from_env(
            environ, uri=self.server, user=self.user, database=self.database
        )

    def read(self) -> Plan:
        """The plan (or its version) from the database. Raises the store's one-line errors."""
        from graphmodel.stores.bolt import Neo4jStore

        with Neo4jStore(self.settings()) as store:
            return store.pull(self.plan, version=self.version)
