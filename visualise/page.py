"""Writing a :class:`~visualise.model.View` as one self-contained, offline, safe HTML page.

Why not pyvis's own template: measured with pyvis 0.3.2, it links bootstrap from a CDN even
with ``cdn_resources='in_line'``, switches to a popup template that assigns tooltips with
``innerHTML`` as soon as any title contains ``href`` (a payload in another title then ran),
and inserts ``heading`` unescaped. So the page is our own template (``templates/page.html``
and ``templates/view.html``, written by :mod:`visualise.templating`) around the vis-network
script that pyvis ships (``pyvis/templates/lib/vis-9.1.2``), inlined:

* every piece of plan text reaches the page either through Jinja2's autoescape (headings,
  legend, filter options) or inside the JSON data of a ``<script>``, through the one filter
  ``script_json``, which escapes ``<``, ``>`` and ``&`` so no ``</script>`` can close it;
* tooltips are plain strings, which vis-network 9 shows with ``innerText``; the page's own
  script (``static/network.js``) only ever sets ``textContent``;
* nothing is fetched: no CDN, no fonts, no images (vis-network's stylesheet, whose only
  images are data URLs for the unused navigation buttons, is left out);
* positions are computed before (:mod:`visualise.layout`) and physics is off, so the same
  view always gives the same bytes and the page is drawn at once.

>>> print(script_json({"t": "</script> & co"}))
{"t": "\\u003c/script\\u003e \\u0026 co"}
"""

from __future__ import annotations

from typing import Any

from visualise.layout import height, layered
from visualise.marks import tell_apart
from visualise.model import LegendItem, Mark, Node, View, ViewName
from visualise.overview import fits, groups, packs
from visualise.templating import ours, render, script_json, vis_script

__all__ = ["BIG", "network_block", "place", "script_json", "view_page", "vis_script"]

BIG = 1_500
"""From this many nodes or edges, edges are straight and hidden while dragging or zooming."""

_MARK_BORDER: dict[Mark, tuple[str, float, bool]] = {  # mark -> (colour, width, dashed)
    Mark.FOCUS: ("#000000", 5, False),
    Mark.CRITICAL: ("#d32f2f", 4, False),
    Mark.OVERDUE: ("#e65100", 4, False),
    Mark.HELD_UP: ("#e65100", 3, True),
    Mark.OVERLOADED: ("#d32f2f", 4, False),
    Mark.KEY_PERSON: ("#6a1b9a", 3, True),
    Mark.UNREACHABLE: ("#d32f2f", 4, False),
    Mark.CYCLE: ("#d32f2f", 3, True),
}
_EDGE_MARK = {Mark.CRITICAL: ("#d32f2f", 4), Mark.CYCLE: ("#d32f2f", 3)}


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
        if mark in _MARK_BORDER:  # the first mark that has a border
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
    tell_apart(view.nodes)
    at = place(view)
    nodes = [_node_json(n, at[n.id]) for n in view.nodes]
    edges = []
    for i, e in enumerate(view.edges):
        edge: dict[str, Any] = {"id": f"e{i}", "from": e.source, "to": e.target, "title": e.label}
        if e.dashed:
            edge["dashes"] = True
        if e.mark is not None and e.mark in _EDGE_MARK:
            colour, width = _EDGE_MARK[e.mark]
            edge["color"] = {"color": colour}
            edge["width"] = width
        edges.append(edge)
    first, start, grouped = "all", None, None
    focused = any("focus" in n.marks for n in view.nodes)
    tall = {n.id: height(n) for n in view.nodes}
    if not fits(at, tall):
        small = packs(tall) or view.name != ViewName.NETWORK
        if small and (focused or all(n.y is not None for n in view.nodes)):  # compact
            first, start = "some", [n.id for n in view.nodes]
        elif view.name == ViewName.NETWORK:
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


def _swatch(item: LegendItem) -> dict[str, Any]:
    """How a legend line's little picture is drawn: a box with the mark's border, else the
    style's own shape and colours."""
    fill, border, width, dashed = item.style.fill, item.style.border, 1.5, False
    if item.mark is not None:
        fill = "#ffffff"
        border, width, dashed = _MARK_BORDER[item.mark]
    shape = "box" if item.mark is not None else item.style.shape
    return {"fill": fill, "border": border, "width": width, "dashed": dashed, "shape": shape}


def _legend(view: View, grouped: bool) -> dict[str, Any]:
    dashed = sorted({e.label for e in view.edges if e.dashed})
    return {
        "items": [(_swatch(i), i.meaning) for i in view.legend],
        "links": bool(view.edges),
        "grouped": grouped,
        "dashed": "; ".join(dashed[:4]) + ("; …" if len(dashed) > 4 else ""),
        "critical": any(e.mark is Mark.CRITICAL for e in view.edges),
        "cycle": any(e.mark is Mark.CYCLE for e in view.edges),
    }


_NONE = {
    ViewName.NETWORK: "no findings, priorities, actions, people or boards",
    ViewName.COVERAGE: "no findings",
    ViewName.GOVERNANCE: "no boards and no priorities",
}
"""What a plan lacks when a network picture has nothing to draw."""


def network_block(view: View, dom_id: str = "net") -> str:
    """The interactive picture as an HTML fragment (``templates/network.html``): notes,
    legend, filters, the canvas and its script. The page must also carry :func:`vis_script`
    and the page's stylesheet, as ``templates/page.html`` does with ``network`` set."""
    empty = f"Nothing to draw: the plan has {_NONE.get(view.name, 'nothing this picture shows')}."
    said = view.notes if view.nodes else [*view.notes, empty]
    data = _data(view)
    return render(
        "network.html",
        id=dom_id,
        notes=said,
        data=data,
        legend=_legend(view, grouped=data["groups"] is not None),
        kinds=sorted({(n.kind.value, n.kind.label) for n in view.nodes}),
        priorities=sorted({n.priority for n in view.nodes if n.priority}),
        statuses=sorted({n.status for n in view.nodes if n.status}),
        refs=sorted({n.ref for n in view.nodes}),
    )


_HINTS = {
    ViewName.CRITICAL_PATH: (
        "Hover a row for its dates and slack; pick or search above to see more."
    ),
    ViewName.PEOPLE: "Click a row's actions to list them; hover a row for its action refs.",
}
_NETWORK_HINT = (
    "Hover a node for its facts; drag to move, scroll to zoom; tick and pick above to filter."
)


def view_page(view: View, subtitle: str = "") -> str:
    """The page of one view (``templates/view.html``): its title, ``subtitle`` and the
    picture: a timeline for the critical path, a table for people, else the network."""
    from visualise.people import people_block
    from visualise.schedule import timeline_block

    if view.name == ViewName.CRITICAL_PATH:
        picture, network = timeline_block(view), False
    elif view.name == ViewName.PEOPLE:
        picture, network = people_block(view), False
    else:
        picture, network = network_block(view), True
    return render(
        "view.html",
        title=view.title,
        subtitle=subtitle,
        hint=_HINTS.get(view.name, _NETWORK_HINT),
        picture=ours(picture),
        network=network,
    )
