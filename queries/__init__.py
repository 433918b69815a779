"""The analyses of a plan's graph: coverage, critical path, overload, reporting chains, and
the audit that runs them all. Each function returns typed results and never prints."""
