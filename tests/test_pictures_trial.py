"""What the pictures' trials found: the history page's versions named whole and apart under
the axis, its point labels clear of one another and of the chart's title; a timeline with
nothing on or near a chain (no dependencies, no dates) still showing its first rows; chains
that tie for the finish all drawn as critical.

The browser tests open pages in Debian's headless chromium (tests/headless.py) and measure
them with tests/labels.py, as tests/test_browser.py does.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graphmodel import Plan, build_graph
from graphmodel.errors import UsageError
from loaders import load_plan
from queries.critical_path import critical_path, overdue
from queries.history import plan_history
from queries.overload import OverloadRule, overload
from queries.reporting import governance
from queries.versions import version_of
from visualise import report_html, view_html
from visualise.charts import gantt, gantt_legend
from visualise.history import history_page
from visualise.model import Mark, RowGroup, short
from visualise.overview import groups
from visualise.people import ROLE_STYLE, people_block, people_view
from visualise.schedule import critical_path_view, gantt_rows
from visualise.views import focus, governance_view, network_view

ROOT = Path(__file__).parent.parent
AS_OF = date(2025, 6, 1)
_TEXT = re.compile(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)')


def _plan(n: int, *, dated: bool = True, due: str = "Mar-25") -> Plan:
    actions = [
        {
            "ref": f"A{i}",
            "text": f"Cut waits for speech and language therapy, step {i}",
            "due": due if dated else None,
            "status": "Green",
        }
        for i in range(n)
    ]
    return Plan.model_validate({"area": "Trialshire", "title": "SEND plan", "actions": actions})


def _versions(labels: list[str]) -> str:
    return history_page(plan_history([version_of(_plan(3), label) for label in labels]))


def _charts(page: str) -> list[str]:
    return re.findall(r"<svg.*?</svg>", page, flags=re.S)


def test_history_names_every_labelled_version_whole_and_apart() -> None:
    """Versions named by their files (no publication date) were cut to 12 characters:
    ``send-improvement-plan-v1.yaml`` and ``-v2.yaml`` both read ``send-improve``."""
    labels = [f"send-improvement-plan-v{i}.yaml" for i in (1, 2, 3)]
    trend = _charts(_versions(labels))[0]
    axis = re.findall(r'text-anchor="middle">([^<]*)<tspan[^>]*>([^<]*)</tspan>', trend)
    assert [first + second for first, second in axis] == labels


def test_history_thins_labels_that_would_touch_and_keeps_the_newest() -> None:
    labels = [f"improvement-plan-{i:02}.yaml" for i in range(1, 13)]
    trend = _charts(_versions(labels))[0]
    shown = re.findall(r'text-anchor="middle">([^<]*)<tspan x="([\d.]+)"[^>]*>([^<]*)', trend)
    xs = [float(x) for _, x, _ in shown]
    widest = max(max(len(a), len(b)) for a, _, b in shown) * 7.0
    assert all(b - a >= widest for a, b in itertools.pairwise(xs))
    assert shown[-1][0] + shown[-1][2] == labels[-1]
    assert 1 < len(shown) < len(labels)


def test_history_point_labels_clear_of_each_other_and_the_title() -> None:
    """Two series with the same value wrote their labels on the same spot, and a point at
    the top of a chart wrote its label over the chart's title."""
    page = _versions(["before.yaml", "after.yaml"])
    for chart in _charts(page)[:2]:  # findings covered; actions (open, overdue, slipped)
        title, *texts = [(float(x), float(y), words) for x, y, words in _TEXT.findall(chart)]
        assert title[1] == 16
        assert all(y - 12 >= 20 for _, y, _ in texts)  # a 12 px label under the 14 px title
        for (x, y, words), (x2, y2, words2) in itertools.combinations(texts, 2):
            assert x != x2 or abs(y - y2) >= 14, (words, words2)


def test_history_versions_close_in_time_do_not_hide_each_other() -> None:
    """Three versions published 1 July 2024, 15 July 2024 and 1 July 2025 were placed by
    date: the first two stacked their status bars on one another, one hidden."""
    days = ["2024-07-01", "2024-07-15", "2025-07-01"]
    versions = [version_of(_plan(3), f"v{day}.yaml", date.fromisoformat(day)) for day in days]
    statuses = _charts(history_page(plan_history(versions)))[2]
    bars = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*><title>', statuses)
    lefts = sorted({float(x) for x, _ in bars})
    width = float(bars[0][1])
    assert len(lefts) == 3  # one bar per version, each a stack of <rect>s with a <title>
    assert all(b - a > width for a, b in itertools.pairwise(lefts))


def test_timeline_with_nothing_near_a_chain_still_shows_rows() -> None:
    """A plan with no dates (or no dependencies and nothing overdue) showed an empty timeline
    saying 'showing 0 of 30 rows'."""
    graph = build_graph(_plan(30, dated=False))
    view = critical_path_view(graph, critical_path(graph))
    rows = gantt_rows(view)
    shown = [r.ref for r in rows if r.group is not RowGroup.REST]
    assert shown == [f"A{i}" for i in range(28)]
    page = view_html(graph, "critical-path")
    assert "Showing the first 28 by date, then as listed" in page
    assert "step(s) nearest it" not in page
    assert "Critical path: the plan has no finish date (no dependencies recorded" in page  # not
    # "the plan finishes unknown, 0 step(s) in a chain"


def test_chains_that_tie_for_the_finish_are_all_critical() -> None:
    """Cheshire East's plan finishes on the same day by two chains (A-22; A-28 → A-31):
    only the first was drawn as critical, the other pale as if it had slack."""
    graph = build_graph(load_plan(ROOT / "examples" / "cheshire-east.yaml"))
    cp = critical_path(graph)
    assert len(cp.tied) == 2
    view = critical_path_view(graph, cp, overdue(graph, as_of=AS_OF))
    critical = [n.label for n in view.nodes if Mark.CRITICAL in n.marks]
    assert critical == ["A-22", "A-28", "A-31"]
    assert "2 chains tie, each drawn as critical" in view.title
    shown = [r.ref for r in gantt_rows(view) if r.group is RowGroup.CRITICAL]
    assert shown == critical


def test_a_cycle_note_says_only_its_links_are_left_out() -> None:
    """The timeline said 'Dependency cycles, left out of the schedule: A1 → A2' while A1 and
    A2 were drawn and scheduled (only the links inside a cycle are left out)."""
    plan = _plan(3).model_dump(mode="json", exclude_none=True)
    plan["actions"][1]["depends_on"] = ["A2"]
    plan["actions"][2]["depends_on"] = ["A1"]
    graph = build_graph(Plan.model_validate(plan))
    view = critical_path_view(graph, critical_path(graph))
    assert "Dependency cycles (their links are left out of the schedule): A1 → A2." in view.notes
    assert {"A1", "A2"} <= {r.ref for r in gantt_rows(view)}


def test_a_date_moved_later_is_drawn_where_it_was_written_too() -> None:
    """An action due before what it waits for was drawn only at its projected date: in
    Cheshire East's plan A-31 (written Feb 2019) sat in Dec 2019 marked 'overdue', with no
    sign on the timeline of the date the plan gives it."""
    graph = build_graph(load_plan(ROOT / "examples" / "cheshire-east.yaml"))
    view = critical_path_view(graph, critical_path(graph), overdue(graph, as_of=AS_OF))
    rows = {r.ref: r for r in gantt_rows(view)}
    assert rows["A-31"].due == date(2019, 2, 28)
    assert rows["A-31"].finish == date(2019, 12, 31)
    assert rows["A-22"].due is None  # not moved: nothing more to draw
    svg = gantt([rows["A-31"]], span=(date(2019, 1, 1), date(2020, 1, 1)))
    circle = re.search(r'<circle cx="([\d.]+)" cy="13" r="5" fill="#ffffff"', svg)
    line = re.search(r'<line x1="([\d.]+)" y1="13" x2="([\d.]+)" y2="13"', svg)
    assert circle and line and circle[1] == line[1] and float(line[2]) > float(line[1])
    legend = gantt_legend(list(rows.values()), AS_OF, drawn_today=False)
    assert "due date as written, moved later (hollow circle)" in legend
    page = view_html(graph, "critical-path", as_of=AS_OF)
    assert page.count('r="5" fill="#ffffff"') >= 1


def test_report_says_which_rows_it_shows() -> None:
    graph = build_graph(load_plan(ROOT / "examples" / "cheshire-east.yaml"))
    page = report_html(graph, as_of=AS_OF)
    assert "Shown: the critical chain and the 25 step(s) nearest it." in page


def _bars(html: str) -> list[tuple[str, list[str], list[str]]]:
    """Each table row of a people page: who, the roles of its bar's parts in order, and the
    dashes of the lines across it."""
    out = []
    for who, cell in re.findall(
        r'<td class="who"><b>([^<]*)</b>.*?<td class="bar">(.*?)</td>', html
    ):
        fills = re.findall(r'<rect x="[\d.]+" y="3" width="[\d.]+" height="16" fill="(#\w+)"', cell)
        roles = [next(r for r, (f, _, _) in ROLE_STYLE.items() if f == fill) for fill in fills]
        out.append((who, roles, re.findall(r'stroke-dasharray="([\d ]+)"', cell)))
    return out


def test_people_lines_say_the_share_rule_and_cross_only_people() -> None:
    """The people view drew one line (12 open actions) while people were also overloaded
    from a fifth of the plan's open actions (the report drew both), drew it across
    organisations and boards (never overloaded), and measured it against a bar whose
    uncounted roles could come first."""
    graph = build_graph(load_plan(ROOT / "examples" / "peterborough.yaml"))
    html = people_block(people_view(graph, overload(graph)))
    assert "overloaded from 12 open actions (responsible) (dashed line)" in html
    assert "or from 20% of all 27 open (5.4) (dotted line)" in html
    assert "accountable and involved do not count" in html
    bars = dict((who, (roles, lines)) for who, roles, lines in _bars(html))
    assert bars["Wendi Ogle-Welbourn"] == (["accountable"], ["4 3", "1 3"])
    assert bars["Peterborough Family Voice"] == (["involved"], [])  # an organisation
    rule = OverloadRule(count_roles=("accountable",))
    teaching = build_graph(load_plan(ROOT / "examples" / "teaching.yaml"))
    html = people_block(people_view(teaching, overload(teaching, rule=rule)))
    roles, _ = dict((who, (r, lines)) for who, r, lines in _bars(html))["David Chen"]
    assert roles == ["accountable", "responsible"]  # what the lines measure comes first


def test_boards_whose_names_begin_alike_are_told_apart() -> None:
    """Sixteen workstream boards named 'SEND Improvement Board workstream group 1.1 (...)'
    were all labelled 'SEND Improvement Board…' (the label also dropped 'workstream', a whole
    word that fitted)."""
    boards = [{"ref": "hwb", "name": "Health and Wellbeing Board"}]
    boards += [
        {
            "ref": f"wg{i}",
            "name": f"SEND Improvement Board workstream group {i} (co-chaired with the PCF)",
            "reports_to": ["hwb"],
        }
        for i in range(1, 4)
    ]
    priorities = [
        {"ref": f"P{i}", "title": "EHCP timeliness", "reports_to": [f"wg{i}"]} for i in (1, 2, 3)
    ]
    graph = build_graph(
        Plan.model_validate({"area": "T", "title": "T", "boards": boards, "priorities": priorities})
    )
    page = view_html(graph, "governance")
    labels = re.findall(r'"label": "(SEND Improvement[^"]*)"', page)
    assert labels == [f"SEND Improvement Board … {i} …" for i in (1, 2, 3)]
    assert '"label": "Health and Wellbeing Board"' in page
    assert short("SEND Improvement Board workstream group 2", 34) == (
        "SEND Improvement Board workstream…"
    )


def test_a_governance_too_wide_to_draw_whole_is_stacked_level_by_level() -> None:
    """A governance of twenty boards too wide for the window is re-stacked in columns (by
    the page's script, in the order of its nodes' layers); every node had layer 0, so the
    top board landed in the middle and a priority between two boards it does not report to.
    Each node's layer is now its level under the top board."""
    graph = build_graph(load_plan(ROOT / "examples" / "teaching.yaml"))
    view = governance_view(graph, governance(graph))
    level = {n.ref: n.layer for n in view.nodes}
    assert level["hwb"] == 0 and level["spb"] == 1
    assert level["P1"] == level["P2"] == level["dcs"] == 2  # under the partnership board
    assert all(n.layer == round((n.y or 0) / 120) for n in view.nodes)


def test_a_focus_too_large_to_draw_whole_keeps_its_node_in_the_overview() -> None:
    """``viz --focus p1`` on a person owning 80 actions opened on the overview, where the
    person was one of 'People and posts: 1 person or post': the node the picture is about
    could not be seen."""
    graph = build_graph(load_plan(ROOT / "examples" / "teaching.yaml"))
    view = focus(network_view(graph), "head-send", 1)
    made, _, member = groups(view)
    centre = [g for g in made if Mark.FOCUS in g.marks]
    assert [g.label for g in centre] == ["David Chen"]
    assert [n.ref for n in view.nodes if member[n.id] == centre[0].id] == ["head-send"]
    assert all(n.label != "David Chen" for n in made if Mark.FOCUS not in n.marks)
    # the priority boxes keep their titles when the focus leaves the priorities out
    around = focus(network_view(graph), "web-officer", 1)
    assert "P3" not in {n.ref for n in around.nodes}
    boxes = [g.label for g in groups(around)[0] if g.id == "group:priority:P3"]
    assert boxes == ["P3 · Sufficient local places…\n2 actions"]


def test_an_empty_picture_says_what_the_plan_lacks() -> None:
    """A governance view of a plan with no boards said 'Nothing to draw: the plan has
    none.' (none of what?)."""
    graph = build_graph(Plan.model_validate({"area": "T", "title": "T"}))
    page = view_html(graph, "governance")
    assert "Nothing to draw: the plan has no boards and no priorities." in page
    assert "Nothing to draw: the plan has no findings." in view_html(graph, "coverage")


def test_focus_on_a_node_the_view_does_not_draw_says_so_in_words() -> None:
    """``--focus`` on a person in the critical-path view said ``refs: ['1.1', '1.2', ...]``
    (a Python list) and not why: that view draws only actions and milestones."""
    graph = build_graph(load_plan(ROOT / "examples" / "teaching.yaml"))
    with pytest.raises(UsageError) as caught:
        view_html(graph, "critical-path", focus="head-send")
    said = str(caught.value)
    assert "no such node in the critical-path view, which draws actions, milestones" in said
    assert "another --view" in said and "[" not in said
    with pytest.raises(UsageError, match=r"which draws priorities, people or posts, boards.*'P3'"):
        view_html(graph, "governance", focus="p3")


# --- in the browser ------------------------------------------------------------------------


@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    "labels",
    [
        ["teaching.yaml", "teaching-2025-07.yaml"],
        [f"send-improvement-plan-v{i}.yaml" for i in range(1, 13)],
    ],
)
def test_history_page_readable_in_the_browser(
    browser: Any, tmp_path: Path, labels: list[str]
) -> None:
    from tests.labels import measure

    versions = [
        version_of(load_plan(ROOT / "examples" / name), name)
        if (ROOT / "examples" / name).exists()
        else version_of(_plan(3 + i % 4, due=f"{['Jan', 'Jun'][i % 2]}-2{5 + i % 3}"), name)
        for i, name in enumerate(labels)
    ]
    path = tmp_path / "history.html"
    path.write_text(history_page(plan_history(versions)), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(path.resolve().as_uri())
        m = measure(page)
        assert m.labels
        assert [(a.text, b.text) for a, b in m.overlapping()] == []
        assert [lab.text for lab in m.outside()] == []
        assert m.too_small() == []
    finally:
        page.close()


@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", ["network", "coverage", "governance"])
def test_a_network_view_prints_its_picture(browser: Any, tmp_path: Path, name: str) -> None:
    """Printing a network, coverage or governance view gave a page with its title and legend
    and no picture (the print style hid every network, meant for the report's)."""
    from tests.headless import READY

    graph = build_graph(load_plan(ROOT / "examples" / "warrington.yaml"))
    path = tmp_path / f"{name}.html"
    path.write_text(view_html(graph, name, as_of=AS_OF), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(path.resolve().as_uri())
        page.wait_for_function(READY)
        page.set_viewport_size({"width": 720, "height": 1000})  # A4's width at 96 dpi
        page.emulate_media(media="print")
        box = page.evaluate(
            """() => {
                const r = document.querySelector("#net canvas").getBoundingClientRect();
                return [r.left, r.right, r.height, document.documentElement.clientWidth];
            }"""
        )
        left, right, height, width = box
        assert left >= 0 and right <= width + 1 and height > 200  # whole, on the page's width
    finally:
        page.close()


@pytest.mark.timeout(300)
def test_the_report_prints_no_legend_of_the_network_it_leaves_out(
    browser: Any, tmp_path: Path
) -> None:
    """The report leaves its interactive network out of print, but printed its notes and
    legend alone on the last page."""
    from tests.headless import READY

    graph = build_graph(load_plan(ROOT / "examples" / "peterborough.yaml"))
    path = tmp_path / "report.html"
    path.write_text(report_html(graph, as_of=AS_OF), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(path.resolve().as_uri())
        page.wait_for_function(READY)
        page.emulate_media(media="print")
        shown = page.evaluate(
            """() => [...document.querySelectorAll("ul.legend")].filter(u => u.checkVisibility())
                 .map(u => u.textContent)"""
        )
        assert shown and not any("a link: hover it for what it is" in t for t in shown)
        kept = page.evaluate(
            """() => [...document.querySelectorAll("figure")].map(f => {
                const whole = f.closest("section");
                return [whole ? whole.querySelector("h2").textContent : null,
                        whole ? getComputedStyle(whole).breakInside : null];
            })"""
        )  # a chart on the page of its heading, words and legend (it was left on the last)
        assert kept == [
            ["Open actions per person", "avoid"],
            ["Critical path", "avoid"],
        ]
    finally:
        page.close()
