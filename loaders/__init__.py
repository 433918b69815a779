"""Reading and writing plans: canonical YAML/JSON, the plan workbook (XLSX or a folder of
CSV files), and GraphML export. Every problem is collected and located; see
:func:`read_plan`. Names are imported on first use so the command line starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_MODULE = {
    "LoadResult": "loaders.result",
    "load_plan": "loaders.plans",
    "read_plan": "loaders.plans",
    "write_plan": "loaders.plans",
    "FORMATS": "loaders.formats",
    "format_for": "loaders.formats",
}
__all__ = ["FORMATS", "LoadResult", "format_for", "load_plan", "read_plan", "write_plan"]


def __getattr__(name: str) -> Any:
    if name not in _MODULE:
        raise AttributeError(f"module 'loaders' has no attribute {name!r}")
    return getattr(importlib.import_module(_MODULE[name]), name)


if TYPE_CHECKING:
    from loaders.formats import FORMATS, format_for
    from loaders.plans import load_plan, read_plan, write_plan
    from loaders.result import LoadResult
