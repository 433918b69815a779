"""Every view and the report, opened in Debian's headless chromium through Playwright on a
1400 x 1000 window: at first sight every label at least 9 px high, no two labels overlapping,
none outside its frame (measured by :mod:`tests.labels`); no console error, no request but
the page's own file, the expected nodes and edges, a tooltip on hover, the search box, the
filters, script payloads shown as text, and a screenshot.

Set ``ACTIONGRAPH_SCREENSHOTS=DIR`` to keep the screenshots in DIR (docs/screenshots was made
that way); by default they go to pytest's tmp_path.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from graphmodel import build_graph
from loaders import load_plan
from tests.headless import READY
from tests.labels import MIN_PX, measure
from visualise import VIEWS, build_view, report_html, view_html
from visualise.page import view_page
from visualise.views import network_view

pytestmark = pytest.mark.timeout(300)

ROOT = Path(__file__).parent.parent
AS_OF = date(2025, 6, 1)
EXAMPLES = sorted(p.stem for p in (ROOT / "examples").glob("*.yaml"))
VIS_VIEWS = ("network", "coverage", "governance")  # drawn by vis-network; the others SVG/HTML
PAYLOADS = ("<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>")


class Opened:
    """A page opened from a file, with everything it did recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else 0)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function(READY)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def counts(self) -> tuple[int, int]:
        got = self.page.evaluate(
            "[window.actiongraph.net.nodes.length, window.actiongraph.net.edges.length]"
        )
        return got[0], got[1]

    def everything(self) -> None:
        """Press "every node": every node at its computed place, whatever was first."""
        self.page.locator("#net-all").click()

    def hover(self, node: str) -> str:
        """Move the mouse onto ``node`` and return the tooltip's text."""
        self.page.evaluate("document.getElementById('net').scrollIntoView()")
        x, y, left, top = self.page.evaluate(
            """id => {
                const net = window.actiongraph.net.network;
                const p = net.canvasToDOM(net.getPosition(id));
                const box = document.getElementById('net').getBoundingClientRect();
                return [box.left + p.x, box.top + p.y, box.left, box.top];
            }""",
            node,
        )
        self.page.mouse.move(x - 30, y - 30)
        self.page.mouse.move(x, y, steps=4)
        tip = self.page.locator("div.vis-tooltip")
        tip.wait_for(state="visible", timeout=5000)
        text = str(tip.inner_text())
        self.page.mouse.move(left + 3, top + 3, steps=4)  # an empty corner: the tip goes
        tip.wait_for(state="hidden", timeout=5000)
        self.page.evaluate("window.scrollTo(0, 0)")
        return text

    def check_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert self.requests == [self.url]  # the page's own file and nothing else


def _plain(text: str) -> str:
    return " ".join(text.split())


def _shot_dir(tmp_path: Path) -> Path:
    kept = os.environ.get("ACTIONGRAPH_SCREENSHOTS")
    return Path(kept) if kept else tmp_path


def _first_with_tooltip(nodes: list[Any]) -> Any:
    boxed = [n for n in nodes if n.style.shape == "box"]
    return (boxed or nodes)[0]


def _readable(opened: Opened, what: str) -> None:
    m = measure(opened.page)
    assert m.labels, what
    small = [(lab.text, round(lab.px, 1)) for lab in m.too_small()]
    assert small == [], f"{what}: labels under {MIN_PX} px"
    crossed = [(a.text, b.text) for a, b in m.overlapping()]
    assert crossed == [], f"{what}: overlapping labels"
    out = [lab.text for lab in m.outside()]
    assert out == [], f"{what}: labels outside their frame"


@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("name", VIEWS)
def test_view_readable_at_first_sight(
    browser: Any, tmp_path: Path, example: str, name: str
) -> None:
    graph = build_graph(load_plan(ROOT / "examples" / f"{example}.yaml"))
    path = tmp_path / f"{example}-{name}.html"
    path.write_text(view_html(graph, name, as_of=AS_OF), encoding="utf-8")
    opened = Opened(browser, path)
    try:
        _readable(opened, f"{example} {name}")
        shot = _shot_dir(tmp_path) / f"{example}-{name}.png"
        opened.page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        opened.check_clean()
    finally:
        opened.page.close()


@pytest.mark.parametrize("example", ["teaching", "peterborough"])
@pytest.mark.parametrize("name", VIS_VIEWS)
def test_network_views_hold_every_node(
    browser: Any, tmp_path: Path, example: str, name: str
) -> None:
    graph = build_graph(load_plan(ROOT / "examples" / f"{example}.yaml"))
    view = build_view(graph, name, as_of=AS_OF)
    path = tmp_path / f"{example}-{name}.html"
    path.write_text(view_page(view), encoding="utf-8")
    opened = Opened(browser, path)
    try:
        assert opened.counts() == (len(view.nodes), len(view.edges))
        if name == "network":  # every node but the plan's own, every edge
            assert opened.counts() == (graph.number_of_nodes() - 1, graph.number_of_edges())
        opened.everything()
        node = _first_with_tooltip(view.nodes)
        assert _plain(opened.hover(node.id)) == _plain(node.title)
        opened.check_clean()
    finally:
        opened.page.close()


def test_network_overview_search_and_groups(browser: Any, tmp_path: Path) -> None:
    graph = build_graph(load_plan(ROOT / "examples" / "warrington.yaml"))
    view = build_view(graph, "network")
    path = tmp_path / "warrington-network.html"
    path.write_text(view_page(view), encoding="utf-8")
    opened = Opened(browser, path)
    page = opened.page
    try:
        assert page.evaluate("window.actiongraph.net.mode()") == "overview"
        drawn = page.evaluate("window.actiongraph.net.labels().map(l => l.id)")
        assert "group:priority:P1" in drawn and len(drawn) < 20  # a handful of groups
        page.fill("#net-filters input[type=search]", "P2.1")
        page.press("#net-filters input[type=search]", "Enter")
        drawn = page.evaluate("window.actiongraph.net.labels().map(l => l.id)")
        hit = next(n for n in view.nodes if n.ref == "P2.1")
        near = {e.target for e in view.edges if e.source == hit.id}
        near |= {e.source for e in view.edges if e.target == hit.id}
        assert set(drawn) == near | {hit.id}  # the node and its neighbours
        _readable(opened, "warrington network, searched")
        assert "P2.1 and its neighbours" in page.locator("#net-count").inner_text()
        page.locator("#net-overview").click()  # back to the groups, then open one
        assert page.evaluate("window.actiongraph.net.mode()") == "overview"
        pos = page.evaluate(
            """() => { const net = window.actiongraph.net.network;
                const p = net.canvasToDOM(net.getPosition("group:priority:P1"));
                const box = document.getElementById("net").getBoundingClientRect();
                return [box.left + p.x, box.top + p.y]; }"""
        )
        page.mouse.click(pos[0], pos[1])
        drawn = page.evaluate("window.actiongraph.net.labels().map(l => l.id)")
        members = {n.id for n in view.nodes if n.priority == "P1"}
        assert set(drawn) == members
        page.fill("#net-filters input[type=search]", "no such thing at all")
        page.press("#net-filters input[type=search]", "Enter")
        assert "no node matches" in page.locator("#net-found").inner_text()
        opened.check_clean()
    finally:
        page.close()


def test_critical_path_filters_and_search(browser: Any, tmp_path: Path) -> None:
    graph = build_graph(load_plan(ROOT / "examples" / "warrington.yaml"))
    view = build_view(graph, "critical-path", as_of=AS_OF)
    path = tmp_path / "warrington-cp.html"
    path.write_text(view_page(view), encoding="utf-8")
    opened = Opened(browser, path)
    page = opened.page
    visible = "[...document.querySelectorAll('g.row')].filter(g => g.style.display !== 'none')"
    try:
        first = page.evaluate(f"{visible}.map(g => g.dataset.ref)")
        chain = [n.ref for n in view.nodes if "critical" in n.marks]
        assert first[: len(chain)] == chain and len(first) < len(view.nodes)
        page.select_option("#timeline [data-filter=rows]", "all")
        assert page.evaluate(f"{visible}.length") == len(view.nodes)
        _readable(opened, "warrington critical path, every row")
        page.fill("#timeline input[type=search]", chain[0].lower())
        shown = page.evaluate(f"{visible}.map(g => g.dataset.ref)")
        assert chain[0] in shown and len(shown) < len(view.nodes)
        opened.check_clean()
    finally:
        page.close()


def test_people_list_their_actions_on_click(browser: Any, tmp_path: Path) -> None:
    graph = build_graph(load_plan(ROOT / "examples" / "warrington.yaml"))
    view = build_view(graph, "people")
    path = tmp_path / "warrington-people.html"
    path.write_text(view_page(view), encoding="utf-8")
    opened = Opened(browser, path)
    page = opened.page
    try:
        busiest = max(
            (n for n in view.nodes if n.load is not None), key=lambda n: n.load.open_actions
        )
        row = page.locator("table.people tr").nth(1)
        assert busiest.load.name in row.inner_text()
        assert "overloaded" in row.inner_text()  # in words, not only in colour
        assert row.locator("li").first.is_visible() is False
        row.locator("summary").click()
        items = row.locator("li").all_inner_texts()
        assert [i.split()[0] for i in items] == busiest.load.actions
        _readable(opened, "warrington people, one list open")
        opened.check_clean()
    finally:
        page.close()


@pytest.mark.parametrize("example", EXAMPLES)
def test_report_in_browser(browser: Any, tmp_path: Path, example: str) -> None:
    graph = build_graph(load_plan(ROOT / "examples" / f"{example}.yaml"))
    path = tmp_path / f"{example}-report.html"
    path.write_text(report_html(graph, as_of=AS_OF), encoding="utf-8")
    opened = Opened(browser, path)
    try:
        assert opened.counts() == (graph.number_of_nodes() - 1, graph.number_of_edges())
        _readable(opened, f"{example} report")
        svgs = opened.page.locator("figure svg").count()
        assert svgs == 2  # the open actions per person and the critical path
        shot = _shot_dir(tmp_path) / f"{example}-report.png"
        opened.page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        view = network_view(graph)
        opened.everything()
        node = _first_with_tooltip(view.nodes)
        assert _plain(opened.hover(node.id)) == _plain(node.title)
        opened.check_clean()
    finally:
        opened.page.close()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The teaching plan with script payloads in its titles, names and texts, and the word
    ``href`` in one title (which made pyvis switch to its innerHTML popup)."""
    data = yaml.safe_load((ROOT / "examples" / "teaching.yaml").read_text(encoding="utf-8"))
    one, two = PAYLOADS
    data["title"], data["area"] = one, two
    data["findings"][0]["text"] = one
    data["findings"][1]["text"] = two
    data["priorities"][0]["title"] = two
    data["objectives"][0]["text"] = one
    data["actions"][0]["text"] = f"{one} see href=javascript:alert(3)"
    data["actions"][1]["text"] = two
    data["people"][0]["name"] = one
    data["people"][1]["name"] = two
    data["boards"][0]["name"] = one
    data["boards"][1]["name"] = two
    data["measures"][0]["text"] = two
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", [*VIEWS, "report"])
def test_payloads_stay_text(browser: Any, tmp_path: Path, hostile: Path, name: str) -> None:
    graph = build_graph(load_plan(hostile))
    if name == "report":
        html, view = report_html(graph, as_of=AS_OF), network_view(graph)
    else:
        view = build_view(graph, name, as_of=AS_OF)
        html = view_page(view)
    path = tmp_path / f"hostile-{name}.html"
    path.write_text(html, encoding="utf-8")
    opened = Opened(browser, path)
    try:
        assert opened.page.locator("img").count() == 0
        vis = name in (*VIS_VIEWS, "report")
        assert opened.page.evaluate("document.scripts.length") == (2 if vis else 1)
        hit = [n for n in view.nodes if any(p in n.title for p in PAYLOADS)]
        assert hit, "the payloads must reach the picture"
        if vis:
            opened.everything()
            shown = opened.hover(hit[0].id)
            assert any(p in shown for p in PAYLOADS)  # shown as text
        else:
            shown = opened.page.locator("body").inner_text()
            assert any(p in shown for p in PAYLOADS)
        if name in ("network", "report"):
            page_text = opened.page.locator("body").inner_text()
            assert PAYLOADS[0] in page_text or PAYLOADS[1] in page_text
        opened.check_clean()
    finally:
        opened.page.close()


def test_filters_hide_and_show(browser: Any, tmp_path: Path) -> None:
    graph = build_graph(load_plan(ROOT / "examples" / "teaching.yaml"))
    view = build_view(graph, "network")
    path = tmp_path / "filters.html"
    path.write_text(view_page(view), encoding="utf-8")
    opened = Opened(browser, path)
    try:
        shown = "window.actiongraph.net.network.body.data.nodes.length"
        opened.everything()
        assert opened.page.evaluate(shown) == len(view.nodes)
        opened.page.locator("input[data-kind=milestone]").uncheck()
        milestones = sum(n.kind.value == "milestone" for n in view.nodes)
        assert opened.page.evaluate(shown) == len(view.nodes) - milestones
        opened.page.select_option("select[data-filter=priority]", "P2")
        kept = opened.page.evaluate(
            "window.actiongraph.net.network.body.data.nodes.get().map(n => n.priority)"
        )
        assert "P2" in kept and "P1" not in kept and "P3" not in kept
        count = opened.page.locator("#net-count").inner_text()
        assert count.startswith("showing ") and count.endswith(f" of {len(view.nodes)} nodes")
        opened.check_clean()
    finally:
        opened.page.close()


def test_report_prints_whole_on_a4(browser: Any, tmp_path: Path) -> None:
    graph = build_graph(load_plan(ROOT / "examples" / "cheshire-east.yaml"))
    path = tmp_path / "print.html"
    path.write_text(report_html(graph, as_of=AS_OF), encoding="utf-8")
    opened = Opened(browser, path)
    page = opened.page
    try:
        page.set_viewport_size({"width": 720, "height": 1000})  # A4's width at 96 dpi
        page.emulate_media(media="print")
        wide = page.evaluate(
            """() => [...document.querySelectorAll("figure svg, table, ul.legend")]
                 .filter(e => e.getBoundingClientRect().right > document.documentElement
                   .clientWidth + 1).map(e => e.outerHTML.slice(0, 80))"""
        )
        assert wide == []  # charts scale to the page, tables wrap: nothing is cut off
        assert page.locator("#net").is_hidden()  # the interactive part is left out
        whole = page.evaluate(
            """() => [...document.querySelectorAll("figure, tr")]
                 .map(e => getComputedStyle(e).breakInside)"""
        )
        assert set(whole) == {"avoid"}  # a chart or a row is never split across pages
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
        opened.check_clean()
    finally:
        page.close()


@pytest.mark.parametrize(
    ("example", "name", "ref", "depth"),
    [
        ("warrington", "network", "P1", 1),
        ("warrington", "network", "P1", 2),
        ("warrington", "network", "P1", 3),
        ("warrington", "coverage", "AC-6", 2),
        ("peterborough", "network", "W1", 1),
        ("cheshire-east", "people", "A-22", 2),
        ("worcestershire", "critical-path", "1-c", 2),
    ],
)
def test_focus_views_readable(
    browser: Any, tmp_path: Path, example: str, name: str, ref: str, depth: int
) -> None:
    graph = build_graph(load_plan(ROOT / "examples" / f"{example}.yaml"))
    path = tmp_path / f"{example}-{name}-{ref}.html"
    html = view_html(graph, name, focus=ref, depth=depth, as_of=AS_OF)
    path.write_text(html, encoding="utf-8")
    opened = Opened(browser, path)
    try:
        _readable(opened, f"{example} {name} --focus {ref} --depth {depth}")
        opened.check_clean()
    finally:
        opened.page.close()
