"""The loaders' public names in one place, as before the split by job (kept so that
``from loaders.base import read_plan`` goes on working).

- :mod:`loaders.result`: :class:`LoadResult` and the locator types;
- :mod:`loaders.validation`: :func:`validate`, parsed data into a plan with located problems;
- :mod:`loaders.files`: reading limits, UTF-16 text, atomic writing;
- :mod:`loaders.plans`: :func:`read_plan`, :func:`load_plan`, :func:`write_plan` by format;
- :mod:`loaders.formats`: the registry of formats.
"""

from __future__ import annotations

from loaders.files import MAX_BYTES, atomic_write_bytes, check_writable, utf16_text
from loaders.plans import (
    STDIN,
    STREAM_FORMATS,
    load_plan,
    read_plan,
    read_plan_bytes,
    stream_format,
    write_plan,
)
from loaders.result import LoadResult, Loc, Locator
from loaders.validation import pydantic_problems, validate

__all__ = [
    "MAX_BYTES",
    "STDIN",
    "STREAM_FORMATS",
    "LoadResult",
    "Loc",
    "Locator",
    "atomic_write_bytes",
    "check_writable",
    "load_plan",
    "pydantic_problems",
    "read_plan",
    "read_plan_bytes",
    "stream_format",
    "utf16_text",
    "validate",
    "write_plan",
]
