"""Writing a :class:`~visualise.model.View` as one self-contained, offline, safe HTML page.

Why not pyvis's own template: measured with pyvis 0.3.2, it links bootstrap from a CDN even
with ``cdn_resources='in_line'``, switches to a popup template that assigns tooltips with
``innerHTML`` as soon as any title contains ``href`` (a payload in another title then ran),
and inserts ``heading`` unescaped. So this module writes its own page around the vis-network
script that pyvis ships (``pyvis/templates/lib/vis-9.1.2``), inlined:

* every piece of plan text reaches the page either through :func:`html.escape` (headings,
  legend, filter options) or inside the JSON data of a ``<script>``, where :func:`script_json`
  escapes ``<``, ``>`` and ``&`` so no ``</script>`` can close it;
* tooltips are plain strings, which vis-network 9 shows with ``innerText``; the page's own
  script only ever sets ``textContent``;
* nothing is fetched: no CDN, no fonts, no images (vis-network's stylesheet, whose only
  images are data URLs for the unused navigation buttons, is left out);
* positions are computed before (:mod:`visualise.layout`) and physics is off, so the same
  view always gives the same bytes and the page is drawn at once.

>>> print(script_json({"t": "</script> & co"}))
{"t": "\\u003c/script\\u003e \\u0026 co"}
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from visualise.layout import height, layered
from visualise.model import LegendItem, Node, View
from visualise.netscript import SCRIPT
from visualise.overview import fits, groups, packs

__all__ = ["BIG", "network_block", "page", "place", "script_json", "view_page", "vis_script"]

BIG = 1_500
"""From this many nodes or edges, edges are straight and hidden while dragging or zooming."""

_MARK_BORDER = {  # mark -> (colour, width, dashed)
    "focus": ("#000000", 5, False),
    "critical": ("#d32f2f", 4, False),
    "overdue": ("#e65100", 4, False),
    "held up": ("#e65100", 3, True),
    "overloaded": ("#d32f2f", 4, False),
    "key person": ("#6a1b9a", 3, True),
    "unreachable": ("#d32f2f", 4, False),
    "cycle": ("#d32f2f", 3, True),
}
_EDGE_MARK = {"critical": ("#d32f2f", 4), "cycle": ("#d32f2f", 3)}


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&`` and the two line
    separators JavaScript does not allow in strings are written as ``\\u`` escapes."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@cache
def vis_script() -> str:
    """The vis-network library pyvis ships, ready to inline."""
    spec = find_spec("pyvis")  # finding the package does not import it (0.7 s of imports)
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        raise RuntimeError("pyvis is not installed: pip install pyvis")
    lib = Path(spec.submodule_search_locations[0], "templates", "lib", "vis-9.1.2")
    text = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    if "</script" in text.lower():  # pragma: no cover - a different pyvis build
        raise RuntimeError("vis-network.min.js contains '</script' and cannot be inlined")
    return text


def place(view: View) -> dict[str, tuple[float, float]]:
    """Positions for every node: the builder's own ``(x, y)`` when it gave them, else
    layers."""
    if view.nodes and all(n.x is not None and n.y is not None for n in view.nodes):
        return {n.id: (n.x or 0.0, n.y or 0.0) for n in view.nodes}
    edges = [(e.source, e.target) for e in view.edges]
    return layered(view.nodes, edges, direction=view.direction)


def _node_json(n: Node, at: tuple[float, float]) -> dict[str, Any]:
    border, width, dashed = n.style.border, 1.5, False
    for mark in n.marks:
        if mark in _MARK_BORDER:
            border, width, dashed = _MARK_BORDER[mark]
            break
    data: dict[str, Any] = {
        "id": n.id,
        "label": n.label,
        "title": n.title,
        "shape": n.style.shape,
        "color": {
            "background": n.style.fill,
            "border": border,
            "highlight": {"background": n.style.fill, "border": "#1565c0"},
            "hover": {"background": n.style.fill, "border": "#1565c0"},
        },
        "font": {"color": n.style.font if n.style.shape in ("box", "ellipse") else "#1b1b1b"},
        "borderWidth": width,
        "x": round(at[0], 1),
        "y": round(at[1], 1),
        "kind": n.kind.value,
        "ref": n.ref,
        "layer": n.layer,
        "h": height(n),
        "priority": n.priority,
        "status": n.status,
    }
    if dashed:
        data["shapeProperties"] = {"borderDashes": [6, 4]}
    if n.style.shape not in ("box", "ellipse"):
        data["size"] = n.size
    return data


def _data(view: View) -> dict[str, Any]:
    at = place(view)
    nodes = [_node_json(n, at[n.id]) for n in view.nodes]
    edges = []
    for i, e in enumerate(view.edges):
        edge: dict[str, Any] = {"id": f"e{i}", "from": e.source, "to": e.target, "title": e.label}
        if e.dashed:
            edge["dashes"] = True
        if e.mark in _EDGE_MARK:
            colour, width = _EDGE_MARK[e.mark]
            edge["color"] = {"color": colour}
            edge["width"] = width
        edges.append(edge)
    first, start, grouped = "all", None, None
    focused = any("focus" in n.marks for n in view.nodes)
    tall = {n.id: height(n) for n in view.nodes}
    if not fits(at, tall):
        small = packs(tall) or view.name != "network"
        if small and (focused or all(n.y is not None for n in view.nodes)):  # compact
            first, start = "some", [n.id for n in view.nodes]
        elif view.name == "network":
            made, links, member = groups(view)
            first = "overview"
            grouped = {
                "nodes": [_node_json(g, (g.x or 0.0, g.y or 0.0)) for g in made],
                "edges": links,
                "member": member,
            }
        else:  # layers: the first alone (a coverage view: its findings)
            low = min(n.layer for n in view.nodes)
            first, start = "start", [n.id for n in view.nodes if n.layer == low]
    return {
        "nodes": nodes,
        "edges": edges,
        "direction": view.direction,
        "big": len(nodes) >= BIG or len(edges) >= BIG,
        "first": first,
        "start": start,
        "groups": grouped,
    }


_SHAPES = {
    "box": '<rect x="2" y="5" width="20" height="14" rx="3"/>',
    "ellipse": '<ellipse cx="12" cy="12" rx="10" ry="7"/>',
    "dot": '<circle cx="12" cy="12" r="8"/>',
    "square": '<rect x="4" y="4" width="16" height="16"/>',
    "diamond": '<polygon points="12,2 22,12 12,22 2,12"/>',
    "triangle": '<polygon points="12,3 22,21 2,21"/>',
    "hexagon": '<polygon points="7,3 17,3 22,12 17,21 7,21 2,12"/>',
    "star": '<polygon points="12,2 15,9 22,9 16,14 18,21 12,17 6,21 8,14 2,9 9,9"/>',
}


def _swatch(item: LegendItem) -> str:
    fill, border, width, dashed = item.style.fill, item.style.border, 1.5, False
    if item.mark:
        fill = "#ffffff"
        border, width, dashed = _MARK_BORDER[item.mark]
    dash = ' stroke-dasharray="4 3"' if dashed else ""
    shape = _SHAPES["box" if item.mark else item.style.shape]
    paint = f'fill="{escape(fill)}" stroke="{escape(border)}" stroke-width="{width}"{dash}'
    return f'<svg width="24" height="24" aria-hidden="true"><g {paint}>{shape}</g></svg>'


def _legend_html(view: View, grouped: bool = False) -> str:
    items = "".join(f"<li>{_swatch(i)}<span>{escape(i.meaning)}</span></li>" for i in view.legend)
    edges = ""
    if view.edges:
        edges += '<li><span class="line"></span><span>a link: hover it for what it is</span></li>'
    if grouped:
        edges += (
            '<li><span class="line thick"></span><span>overview: the thicker, the more '
            "links between two groups</span></li>"
        )
    dashed = sorted({e.label for e in view.edges if e.dashed})
    if dashed:
        words = escape("; ".join(dashed[:4]) + ("; …" if len(dashed) > 4 else ""))
        edges += f'<li><span class="line dashed"></span><span>{words}</span></li>'
    if any(e.mark == "critical" for e in view.edges):
        edges += '<li><span class="line red"></span><span>critical dependency</span></li>'
    if any(e.mark == "cycle" for e in view.edges):
        edges += '<li><span class="line red"></span><span>link in a reporting cycle</span></li>'
    return f'<ul class="legend" aria-label="Legend">{items}{edges}</ul>'


def _options(values: list[tuple[str, str]], what: str) -> str:
    opts = "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in values)
    return f'<option value="">every {escape(what)}</option>{opts}'


def _filters(view: View, dom_id: str) -> str:
    kinds = sorted({(n.kind.value, n.kind.label) for n in view.nodes})
    boxes = "".join(
        f'<label><input type="checkbox" checked data-kind="{escape(k)}"> {escape(word)}</label>'
        for k, word in kinds
    )
    priorities = sorted({(n.priority, n.priority) for n in view.nodes if n.priority})
    statuses = sorted({(n.status, n.status) for n in view.nodes if n.status})
    refs = "".join(f'<option value="{escape(r)}">' for r in sorted({n.ref for n in view.nodes}))
    return (
        f'<div class="filters" id="{dom_id}-filters"><span class="what">Show:</span> {boxes}'
        f' <select data-filter="priority" aria-label="Priority">'
        f"{_options(priorities, 'priority')}</select>"
        f' <select data-filter="status" aria-label="Status">'
        f"{_options(statuses, 'status')}</select>"
        f' <label>Find <input type="search" placeholder="ref or words" size="16" '
        f'list="{dom_id}-refs"></label><datalist id="{dom_id}-refs">{refs}</datalist>'
        f' <button type="button" id="{dom_id}-overview">back to the first picture</button>'
        f' <button type="button" id="{dom_id}-all">every node</button>'
        f' <span class="count" id="{dom_id}-count"></span>'
        f' <span class="bad" id="{dom_id}-found"></span></div>'
    )


def network_block(view: View, dom_id: str = "net") -> str:
    """The interactive picture as an HTML fragment: notes, legend, filters, the canvas and its
    script. The page must also carry :func:`vis_script` and :data:`CSS`."""
    said = view.notes if view.nodes else [*view.notes, "Nothing to draw: the plan has none."]
    notes = "".join(f'<p class="note">{escape(n)}</p>' for n in said)
    data = _data(view)
    script = SCRIPT.replace("__ID__", script_json(dom_id), 1).replace(
        "__DATA__", script_json(data), 1
    )
    legend = _legend_html(view, grouped=data["groups"] is not None)
    return (
        f"{notes}{legend}{_filters(view, dom_id)}"
        f'<div class="network" id="{escape(dom_id)}"></div>\n<script>{script}</script>'
    )


CSS = """
body { font-family: system-ui, Arial, sans-serif; margin: 0 1.2em; color: #1b1b1b; }
h1 { font-size: 1.4em; margin: 0.6em 0 0.2em; } h2 { font-size: 1.2em; margin-top: 1.4em; }
.sub { color: #555; margin: 0 0 0.4em; }
.note { background: #fff8e1; border-left: 4px solid #f9a825; padding: 0.3em 0.6em; }
.legend { display: flex; flex-wrap: wrap; gap: 0.2em 1.2em; list-style: none; padding: 0;
          margin: 0.4em 0; font-size: 0.92em; }
.legend li { display: flex; align-items: center; gap: 0.3em; }
.legend .line { display: inline-block; width: 26px; border-top: 2px solid #8a8a8a; }
.legend .line.dashed { border-top-style: dashed; }
.legend .line.red { border-top: 4px solid #d32f2f; }
.legend .line.thick { border-top: 5px solid #8a8a8a; }
.filters { font-size: 0.92em; margin: 0.3em 0; } .filters label { margin-right: 0.6em; }
.filters .count { color: #555; margin-left: 0.6em; }
.network { height: 640px; border: 1px solid #ccc; background: #fff; }
div.vis-tooltip { position: absolute; visibility: hidden; padding: 6px 9px; white-space: pre-wrap;
  max-width: 460px; font: 13px/1.35 system-ui, Arial, sans-serif; color: #1b1b1b;
  background: #fffdf2; border: 1px solid #888; border-radius: 4px;
  box-shadow: 2px 2px 6px rgba(0,0,0,0.2); pointer-events: none; z-index: 5; }
table { border-collapse: collapse; font-size: 0.92em; margin: 0.4em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.covered { background: #e8f5e9; } .partial { background: #fff8e1; }
.uncovered { background: #ffebee; }
.figures { display: flex; flex-wrap: wrap; gap: 0.8em; padding: 0; list-style: none; }
.figures li { border: 1px solid #ccc; border-radius: 6px; padding: 0.4em 0.8em; min-width: 9em; }
.figures b { display: block; font-size: 1.6em; }
.tree ul { margin: 0.1em 0 0.1em 1.2em; padding: 0; } .tree li { list-style: square; }
.bad { color: #b71c1c; font-weight: bold; }
table.coverage td:first-child { white-space: nowrap; } table.coverage td:nth-child(4) {
  min-width: 14em; }
.people td { vertical-align: middle; font-size: 14px; }
.people td.who { min-width: 14em; max-width: 22em; } .people td.num { text-align: right; }
.people td.num .sub { font-size: 12px; white-space: nowrap; }
.people tr.over td { background: #fdebe0; }
.people tr.over td.who { border-left: 8px solid #d55e00; }
.people .flag { display: inline-block; font-size: 13px; }
.people .flag.over { font-weight: bold; }
.people details { font-size: 13px; max-width: 34em; } .people summary { cursor: pointer; }
.people ol { margin: 0.2em 0 0.2em 1.2em; padding: 0; }
svg.gantt { display: block; margin: 0.4em 0; }
figure { margin: 0.4em 0; } figure svg, svg.gantt { max-width: 100%; height: auto; }
.filters input[type=search] { font: inherit; }
@media print {
  .filters, .network, .noprint { display: none; }
  body { margin: 0; } h2, h3 { break-after: avoid; }
  svg, figure, tr, .legend { break-inside: avoid; }
  table { break-inside: auto; } thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def page(title: str, body: str) -> str:
    """A whole HTML document: ``title`` is escaped here; ``body`` must already be safe HTML.
    vis-network is inlined only when the body draws a network."""
    script = f"<script>{vis_script()}</script>\n" if "new vis.Network" in body else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n"
        f"{script}</head>\n<body>\n{body}\n</body></html>\n"
    )


def view_page(view: View, subtitle: str = "") -> str:
    """The page of one view: its title, ``subtitle`` (both escaped) and the picture: a
    timeline for the critical path, a table for people, else the network."""
    from visualise.people import people_block
    from visualise.schedule import timeline_block

    head = f"<h1>{escape(view.title)}</h1>"
    if subtitle:
        head += f'<p class="sub">{escape(subtitle)}</p>'
    if view.name == "critical-path":
        hint = "Hover a row for its dates and slack; pick or search above to see more."
        return page(view.title, head + f'<p class="sub noprint">{hint}</p>' + timeline_block(view))
    if view.name == "people":
        hint = "Click a row's actions to list them; hover a row for its action refs."
        return page(view.title, head + f'<p class="sub noprint">{hint}</p>' + people_block(view))
    hint = (
        '<p class="sub noprint">Hover a node for its facts; drag to move, scroll to zoom; '
        "tick and pick above to filter.</p>"
    )
    return page(view.title, head + hint + network_block(view))
