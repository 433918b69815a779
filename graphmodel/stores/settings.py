"""Where the Neo4j database is, and the one-line errors of talking to it.

The connection comes from the Neo4j ecosystem's usual environment variables, ``NEO4J_URI``,
``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``; explicit values (the command
line's ``--uri``, ``--user``, ``--database``) override all but the password, which is never
taken from the command line.

>>> s = Neo4jSettings.from_env({"NEO4J_URI": "bolt://db:7687", "NEO4J_PASSWORD": "pw"},
...                            database="plans")
>>> s.uri, s.user, s.database, s.password
('bolt://db:7687', 'neo4j', 'plans', 'pw')
>>> s
Neo4jSettings(uri='bolt://db:7687', user='neo4j', database='plans', password=***)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from graphmodel.errors import (
    DatabaseNotFound,
    PlanNotFound,
    StoreError,
    StoreUnauthorized,
    StoreUnavailable,
)

__all__ = [
    "DEFAULT_URI",
    "DatabaseNotFound",
    "Neo4jSettings",
    "PlanNotFound",
    "StoreError",
    "StoreUnauthorized",
    "StoreUnavailable",
]

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"


@dataclass(frozen=True)
class Neo4jSettings:
    """How to reach one database: ``uri``, ``user``, ``database`` (None: the server's
    default database) and ``password`` (None: connect without authentication)."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    database: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        uri: str | None = None,
        user: str | None = None,
        database: str | None = None,
    ) -> Neo4jSettings:
        """The settings from ``environ`` (default ``os.environ``), explicit values first."""
        env = os.environ if environ is None else environ
        return cls(
            uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
            user=user or env.get("NEO4J_USERNAME") or DEFAULT_USER,
            database=database or env.get("NEO4J_DATABASE") or None,
            password=env.get("NEO4J_PASSWORD"),
        )

    def __repr__(self) -> str:
        return (
            f"Neo4jSettings(uri={self.uri!r}, user={self.user!r}, database={self.database!r}, "
            "password=***)"
        )

    @property
    def where(self) -> str:
        """``database 'plans' at bolt://…`` for messages."""
        name = repr(self.database) if self.database else "(default)"
        return f"database {name} at {self.uri}"
