"""A real Bolt server for the Neo4j backend tests, and plans big enough to push for a while.

:class:`BoltServer` (from ``scripts/arcadedb_server.py``) runs ArcadeDB with its Bolt plugin
in a child process; ``conftest.py`` starts one per test session.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from graphmodel.model import Plan
from graphmodel.stores.settings import Neo4jSettings

_SPEC = importlib.util.spec_from_file_location(
    "arcadedb_server", Path(__file__).parent.parent / "scripts" / "arcadedb_server.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_server = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_server)
BoltServer: Any = _server.BoltServer


def settings_of(server: Any) -> Neo4jSettings:
    """The connection settings of a running :class:`BoltServer`."""
    return Neo4jSettings(
        uri=server.uri, user=server.user, password=server.password, database=server.database
    )


def synthetic_plan(actions: int, *, plan_id: str = "synthetic", version: int = 0) -> Plan:
    """A plan shaped like the real ones, ``actions`` actions long: findings, priorities and
    objectives in proportion, every action owned, dated, measured and depending on an
    earlier one, boards reporting to one top board, people working for organisations.
    ``version`` changes every action's text and status, as a month's update would."""
    n_find = max(1, actions // 10)
    n_prio = max(1, actions // 50)
    n_obj = max(1, actions // 5)
    n_people = max(1, actions // 8)
    n_orgs = max(1, actions // 200)
    n_boards = max(2, actions // 500)
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    statuses = ["Green", "Amber", "Red", "Blue"]
    return Plan.model_validate(
        {
            "id": plan_id,
            "area": "Synthetic",
            "title": f"A generated plan of {actions} actions",
            "status_scale": "rag",
            "findings": [
                {"ref": f"F{i}", "kind": "area_for_improvement", "text": f"Finding {i}"}
                for i in range(n_find)
            ],
            "priorities": [
                {
                    "ref": f"P{i}",
                    "title": f"Priority {i}",
                    "reports_to": [f"B{i % n_boards}"],
                    "sponsor": f"p{i % n_people}",
                    "addresses": [f"F{i % n_find}"],
                }
                for i in range(n_prio)
            ],
            "objectives": [
                {
                    "ref": f"O{i}",
                    "text": f"Objective {i}",
                    "priority": f"P{i % n_prio}",
                    "addresses": [f"F{i % n_find}"],
                    "measures": [f"M{i}"],
                }
                for i in range(n_obj)
            ],
            "actions": [
                {
                    "ref": f"A{i}",
                    "text": f"Action {i} v{version}",
                    "objective": f"O{i % n_obj}",
                    "owners": [f"person:p{i % n_people}", f"organisation:o{i % n_orgs}"],
                    "start": f"{months[i % 12]}-24",
                    "due": f"{months[(i + 3) % 12]}-25",
                    "status": statuses[(i + version) % 4],
                    "depends_on": [f"A{i // 2}"] if i else [],
                    "addresses": [f"F{i % n_find}"] if i % 3 == 0 else [],
                }
                for i in range(actions)
            ],
            "measures": [
                {"ref": f"M{i}", "text": f"Measure {i}", "baseline": "10%", "target": "90%"}
                for i in range(n_obj)
            ],
            "people": [
                {"ref": f"p{i}", "name": f"Person {i}", "organisation": f"o{i % n_orgs}"}
                for i in range(n_people)
            ],
            "organisations": [{"ref": f"o{i}", "name": f"Org {i}"} for i in range(n_orgs)],
            "boards": [
                {
                    "ref": f"B{i}",
                    "name": f"Board {i}",
                    "reports_to": ["B0"] if i else [],
                    "chair": f"p{i % n_people}",
                }
                for i in range(n_boards)
            ],
        }
    )
