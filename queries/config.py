"""Audit settings: which checks fail the audit, overload thresholds, rules to skip.

Read from a TOML file given with ``--config`` (keys at the top level, or under
``[tool.actiongraph]``), or else from the ``[tool.actiongraph]`` table of the nearest
``pyproject.toml`` found upward from the plan — so a team that keeps its plan in git sets
its thresholds once::

    [tool.actiongraph]
    fail_on = ["uncovered", "conflict", "cycle"]
    skip_rules = ["measure.target"]

    [tool.actiongraph.overload]
    max_open = 12
    max_share = 0.2

Unknown keys are errors (a misspelt threshold would otherwise be silently ignored).

>>> cfg = config_from_mapping({"fail_on": ["uncovered", "rules"], "overload": {"max_open": 9}})
>>> sorted(c.value for c in cfg.fail_on), cfg.overload["max_open"]
(['rules', 'uncovered'], 9)
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphmodel.errors import ConfigError

if TYPE_CHECKING:
    from queries.overload import OverloadRule

__all__ = [
    "DEFAULT_FAIL_ON",
    "AuditConfig",
    "ConfigError",
    "FailOn",
    "config_from_mapping",
    "find_config",
    "load_config",
]


class FailOn(str, Enum):
    """Checks that can fail the audit (exit status 1)."""

    UNCOVERED = "uncovered"  # a finding no action addresses
    PARTIAL = "partial"  # a finding whose actions lack an owner, a due period or a measure
    OVERLOAD = "overload"  # a person flagged by the overload rule
    CONFLICT = "conflict"  # an action due (or starting) before a prerequisite is due
    CYCLE = "cycle"  # actions depending on each other, or boards reporting in a circle
    UNREACHABLE = "unreachable"  # a priority or board that reaches no top board
    RULES = "rules"  # any plan rule violation (see queries.rules)
    WARNINGS = "warnings"  # any load warning (a name created, a status or date not read)
    EMPTY = "empty"  # a plan with no findings or no actions


DEFAULT_FAIL_ON = frozenset({FailOn.UNCOVERED, FailOn.EMPTY, FailOn.CYCLE})
"""What fails the audit when neither ``--fail-on`` nor the settings say."""


def parse_fail_on(values: Any, where: str = "fail_on") -> frozenset[FailOn]:
    """``"uncovered,partial"``, a list of names, or a list of comma lists (a repeated
    ``--fail-on``) -> the union of the checks.

    Written names that name no check at all (``--fail-on ""``, ``fail_on = ","``: an unset
    variable, say) are refused rather than read as "fail on nothing", which would turn the
    gate off; an empty list (``fail_on = []``) says so on purpose and is kept.

    >>> sorted(c.value for c in parse_fail_on(["uncovered", "conflict,cycle"]))
    ['conflict', 'cycle', 'uncovered']
    >>> parse_fail_on([" , "], "--fail-on")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graphmodel.errors.ConfigError: --fail-on: no check named (an empty value would turn ...
    """
    known = [f.value for f in FailOn]
    written = values
    if isinstance(values, (list, tuple)) and all(isinstance(v, str) for v in values):
        values = [v for item in values for v in (x.strip() for x in item.split(",")) if v]
    elif isinstance(values, str):
        values = [v for v in (x.strip() for x in values.split(",")) if v]
    if not isinstance(values, list):
        raise ConfigError(f"{where}: expected a list of check names")
    if not values and (isinstance(written, str) or written):
        raise ConfigError(
            f"{where}: no check named (an empty value would turn the gate off); "
            f"choose from {', '.join(known)}"
        )
    chosen = set()
    for value in values:
        if value not in known:
            raise ConfigError(f"{where}: unknown check {value!r}; choose from {', '.join(known)}")
        chosen.add(FailOn(value))
    return frozenset(chosen)


@dataclass(frozen=True)
class AuditConfig:
    fail_on: frozenset[FailOn] = DEFAULT_FAIL_ON
    overload: Mapping[str, Any] = field(default_factory=dict)
    """Overload thresholds, checked by ``queries.overload.OverloadRule.from_mapping``."""
    skip_rules: frozenset[str] = frozenset()
    source: str | None = None
    """Where the settings came from (a file path), or None for the defaults."""

    def overload_rule(self) -> OverloadRule:
        """The overload thresholds as a rule; :class:`ConfigError` names the file if bad."""
        from queries.overload import OverloadRule

        try:
            return OverloadRule.from_mapping(self.overload)
        except ValueError as e:
            where = f"{self.source}: " if self.source else ""
            raise ConfigError(f"{where}overload: {e}") from e


_KEYS = {"fail_on", "overload", "skip_rules"}


def config_from_mapping(data: Mapping[str, Any], source: str | None = None) -> AuditConfig:
    where = f"{source}: " if source else ""
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(
            f"{where}unknown setting(s) {', '.join(sorted(unknown))}; "
            f"known: {', '.join(sorted(_KEYS))}"
        )
    fail_on = AuditConfig.fail_on
    if "fail_on" in data:
        fail_on = parse_fail_on(data["fail_on"], f"{where}fail_on")
    overload = data.get("overload", {})
    if not isinstance(overload, Mapping):
        raise ConfigError(f"{where}overload: expected a table of thresholds")
    skip = data.get("skip_rules", [])
    if not isinstance(skip, list) or not all(isinstance(s, str) for s in skip):
        raise ConfigError(f"{where}skip_rules: expected a list of rule names")
    from queries.rules import Rule

    rules = {r.value for r in Rule}
    for name in skip:
        if name not in rules:
            raise ConfigError(
                f"{where}skip_rules: unknown rule {name!r}; choose from {', '.join(sorted(rules))}"
            )
    return AuditConfig(fail_on, dict(overload), frozenset(skip), source)


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with path.open("rb") as f:
            data: dict[str, Any] = tomllib.load(f)
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the configuration: {e.strerror or e}") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from e
    return data


def load_config(path: Path) -> AuditConfig:
    """Settings from a TOML file: top-level keys, or the ``[tool.actiongraph]`` table."""
    data = _read_toml(path)
    table = data.get("tool", {}).get("actiongraph") if "tool" in data else data
    return config_from_mapping(table or {}, str(path))


def find_config(plan: Path) -> Path | None:
    """The nearest ``pyproject.toml`` upward from ``plan`` that has ``[tool.actiongraph]``;
    None for a plan in a database (a ``PlanURI``), which has no folder."""
    if not isinstance(plan, Path):
        return None
    start = plan.resolve()
    for folder in [start, *start.parents] if start.is_dir() else start.parents:
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "actiongraph" in _read_toml(candidate).get("tool", {}):
            return candidate
    return None
