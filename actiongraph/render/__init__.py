"""Renderers: a typed result becomes a :class:`Document` (sections of text and tables) once,
and the document is written as terminal text or as Markdown; JSON comes from the
result's ``to_dict()``. One vocabulary of formats serves every command's ``--format``:
``text`` (``table`` is the same), ``json`` and ``md``; the gates add ``github``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from actiongraph.render.document import Document, to_markdown, to_text


def render(
    result: Any, fmt: str, document: Callable[[Any], Document], *, color: bool = False
) -> str:
    """``result`` in format ``fmt``: ``json`` from ``result.to_dict()``, ``text`` (or
    ``table``) and ``md`` from ``document(result)``."""
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    doc = document(result)
    return to_markdown(doc) if fmt == "md" else to_text(doc, color=color)
