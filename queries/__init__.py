"""The analyses of a plan's graph: coverage, critical path, overload, reporting chains, plan
rules and the audit that runs them all. Each function returns typed results, never prints.

>>> from loaders import load_plan
>>> from graphmodel import build_graph
>>> from queries import coverage
>>> coverage(build_graph(load_plan("examples/teaching.yaml"))).covered_percent
100.0
"""

from queries.audit import AuditReport, audit
from queries.config import AuditConfig, FailOn, load_config
from queries.coverage import CoverageReport, CoverageStatus, coverage
from queries.critical_path import CriticalPath, critical_path, overdue, parse_slip, slip_impact
from queries.overload import OverloadReport, OverloadRule, overload
from queries.reporting import Chain, Governance, chain, governance
from queries.rules import RuleViolation, plan_rule_violations

__all__ = [
    "AuditConfig",
    "AuditReport",
    "Chain",
    "CoverageReport",
    "CoverageStatus",
    "CriticalPath",
    "FailOn",
    "Governance",
    "OverloadReport",
    "OverloadRule",
    "RuleViolation",
    "audit",
    "chain",
    "coverage",
    "critical_path",
    "governance",
    "load_config",
    "overdue",
    "overload",
    "parse_slip",
    "plan_rule_violations",
    "slip_impact",
]
