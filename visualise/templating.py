"""The one place pages are written: Jinja2 templates with autoescape on, loaded from the
package (``visualise/templates``, with the page's CSS and JavaScript in ``visualise/static``)
through :mod:`importlib.resources`, so a regular install ships and finds them.

* Every value a template prints is escaped by Jinja2; nothing is escaped by hand.
* Data for a page's script goes through one filter, ``script_json`` (:func:`script_json`),
  which writes ``<``, ``>`` and ``&`` as ``\\u`` escapes so no plan text can close the
  ``<script>`` element or open a comment in it.
* ``static(name)`` inlines one of our own files (CSS or JavaScript) as it is; pages fetch
  nothing.

>>> print(script_json({"t": "</script> & co"}))
{"t": "\\u003c/script\\u003e \\u0026 co"}
>>> page = _environment().from_string('<i title="{{ t }}">{{ t }}</i>{{ d|script_json }}')
>>> print(page.render(t="<b>Bo's</b>", d=["</script>"]))
<i title="&lt;b&gt;Bo&#39;s&lt;/b&gt;">&lt;b&gt;Bo&#39;s&lt;/b&gt;</i>["\\u003c/script\\u003e"]
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup

from graphmodel.errors import UsageError

__all__ = ["PYVIS_MISSING", "ours", "render", "script_json", "static", "vis_script"]

PYVIS_MISSING = (
    "the network pictures need vis-network, which comes with pyvis, and pyvis is not "
    "installed: pip install pyvis (or reinstall actiongraph: pip install actiongraph)"
)


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&`` and the two line
    separators JavaScript does not allow in strings are written as ``\\u`` escapes; keys
    are sorted, so the same data gives the same bytes."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _read(folder: str, name: str) -> str:
    return files("visualise").joinpath(folder).joinpath(name).read_text(encoding="utf-8")


@cache
def static(name: str) -> Markup:
    """Our own file ``visualise/static/NAME`` (a stylesheet or a script), to inline as it is.
    Raises :class:`ValueError` for a script that would close its ``<script>`` element."""
    text = _read("static", name)
    if "</script" in text.lower() or "</style" in text.lower():  # pragma: no cover
        raise ValueError(f"visualise/static/{name} cannot be inlined: it closes its element")
    return Markup(text)


@cache
def vis_script() -> str:
    """The vis-network library pyvis ships, ready to inline."""
    spec = find_spec("pyvis")  # finding the package does not import it (0.7 s of imports)
    if spec is None or not spec.submodule_search_locations:
        raise UsageError(PYVIS_MISSING)
    lib = Path(spec.submodule_search_locations[0], "templates", "lib", "vis-9.1.2")
    text = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    if "</script" in text.lower():  # pragma: no cover - a different pyvis build
        raise RuntimeError("vis-network.min.js contains '</script' and cannot be inlined")
    return text


def _px(value: float) -> str:
    """A coordinate with one decimal, as every chart writes them."""
    return f"{value:.1f}"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(lambda name: _read("templates", name)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = lambda value: Markup(script_json(value))
    env.filters["px"] = _px
    env.globals["static"] = static
    env.globals["vis_network"] = lambda: Markup(vis_script())
    return env


def render(template: str, **context: Any) -> str:
    """The text of ``visualise/templates/TEMPLATE`` rendered with ``context``."""
    return str(_environment().get_template(template).render(**context))


def ours(html: str) -> Markup:
    """``html`` that one of our templates rendered (so escaped as it was rendered), marked
    safe to place in another template. Never for text that did not come from :func:`render`."""
    return Markup(html)
