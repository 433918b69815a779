"""Static charts as inline SVG: open actions per person against the overload threshold, and
a timeline (Gantt) on the plan's own date range. Used by the report and by the critical-path
and people views. Python works out the geometry; the templates ``templates/charts/*.svg``
draw it, escaping every label; nothing is fetched; the same data gives the same bytes.

Colours are from the Okabe–Ito palette, which stays distinct for the common kinds of colour
blindness, and never carry a meaning alone: critical bars are solid and dark, overdue ones
hatched, held-up ones dashed, and every mark is also written in words in the right column.

>>> svg = bar_chart([("Ann <b>", 14, True), ("Bo", 3, False)], lines=[(12, "limit")])
>>> "Ann &lt;b&gt;" in svg and "<b>" not in svg
True
>>> [label for _, label in ticks(date(2018, 4, 1), date(2019, 10, 1), 690)][:3]
['Apr 2018', 'Jul 2018', 'Oct 2018']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from visualise.model import Mark, RowGroup
from visualise.templating import render

__all__ = [
    "CRITICAL",
    "OTHER",
    "GanttRow",
    "bar_chart",
    "gantt",
    "gantt_legend",
    "plan_range",
    "ticks",
]

CRITICAL = ("#d55e00", "#6b2f00")  # vermillion, dark border: solid and dark in print
OTHER = ("#a6d4f2", "#0b4f7a")  # pale sky blue, dark blue border: light in print
OVERDUE_HATCH = "#000000"
FONT = "system-ui, Arial, sans-serif"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NEAR_DAYS = 92
"""Today's line is drawn when today is within this many days of the plan's dates."""


def bar_chart(
    rows: list[tuple[str, int, bool]], *, lines: list[tuple[float, str]], limit: int = 30
) -> str:
    """Horizontal bars ``(name, open actions, overloaded)``, overloaded ones vermillion,
    hatched and flagged in words, the first ``limit`` rows, and a dashed line with its label
    at each ``(open actions, label)`` of ``lines`` (labels alternate above and below)."""
    rows = rows[:limit]
    most = max([n for _, n, _ in rows] + [x for x, _ in lines] + [1])
    left, width, bar = 330, 440, 20
    scale = width / most
    height = 44 + len(rows) * (bar + 8) + 48
    bottom = height - 44
    bars = [
        {
            "name": name,
            "label": _cut(name, 40),
            "n": n,
            "over": over,
            "y": 34 + i * (bar + 8),
            "width": n * scale,
            "colours": CRITICAL if over else OTHER,
        }
        for i, (name, n, over) in enumerate(rows)
    ]
    marks = []
    for i, (at, words) in enumerate(lines):
        x = left + at * scale
        side = (x - 4, "end") if x > left + width * 0.6 else (x + 4, "start")
        marks.append({"x": x, "y": 18 if i % 2 == 0 else bottom + 18, "side": side, "words": words})
    return render(
        "charts/bars.svg",
        left=left,
        full=left + width + 240,
        height=height,
        bottom=bottom,
        bar=bar,
        bars=bars,
        lines=marks,
        font=FONT,
    )


@dataclass(frozen=True)
class GanttRow:
    """One row: ``ref`` and ``text`` on the left, a bar from ``start`` to ``finish`` (a
    diamond when there is no start or it is the finish), ``marks`` (of
    :class:`~visualise.model.Mark`: critical, overdue, held up, date conflict) drawn and
    written, ``facts`` on hover;
    ``group`` and ``priority`` feed the page's filters; ``due`` the date as written when
    the finish was moved later."""

    ref: str
    text: str
    start: date | None
    finish: date | None
    marks: tuple[Mark, ...] = ()
    facts: str = ""
    group: RowGroup = RowGroup.NEAR
    priority: str = ""
    due: date | None = None
    """The written due date when the schedule moved the finish later (a date conflict, a
    slip): a hollow circle there, on the bar or joined to its diamond by a dotted line."""


def plan_range(rows: list[GanttRow], today: date | None = None) -> tuple[date, date] | None:
    """The months the rows' dates span, from the first of the first month to the first of
    the month after the last; widened to take in ``today`` only when it is within
    :data:`NEAR_DAYS` of them. None when no row has a date."""
    days = [d for r in rows for d in (r.start, r.finish, r.due) if d is not None]
    if not days:
        return None
    first, last = min(days), max(days)
    if today is not None and first - timedelta(NEAR_DAYS) <= today <= last + timedelta(NEAR_DAYS):
        first, last = min(first, today), max(last, today)
    start = first.replace(day=1)
    end = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return start, end


def ticks(first: date, last: date, px: float, gap: float = 84.0) -> list[tuple[date, str]]:
    """Month ticks from ``first`` to ``last`` drawn over ``px`` pixels, every 1, 2, 3, 6,
    12, 24 or 60 months: the smallest step that leaves ``gap`` pixels per label, so labels
    never overlap however long the plan runs; yearly steps are labelled by year alone."""
    months = max((last.year - first.year) * 12 + last.month - first.month, 1)
    per_month = px / months
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60) if s * per_month >= gap), 120)
    out: list[tuple[date, str]] = []
    y, m = first.year, first.month
    if step >= 12 and m != 1:
        y, m = y + 1, 1
    while (y, m) <= (last.year, last.month):
        label = str(y) if step >= 12 else f"{_MONTHS[m - 1]} {y}"
        out.append((date(y, m, 1), label))
        y, m = divmod((y * 12 + m - 1) + step, 12)
        m += 1
    return out


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


ROW = 26
TOP = 30
LABEL = 430
MARKS = 240


def gantt(
    rows: list[GanttRow],
    *,
    today: date | None = None,
    width: int = 1320,
    span: tuple[date, date] | None = None,
    label: str = "Timeline",
) -> str:
    """A timeline of ``rows`` on their own date range (:func:`plan_range`, or ``span``),
    with month ticks that never overlap, today's line when today is inside or near the
    range, and a column of marks in words. Each row is a ``<g class="row">`` whose
    ``data-*`` attributes let a page filter rows (``visualise.page`` re-stacks them).

    >>> svg = gantt([GanttRow("3.1", "Recruit", date(2025, 1, 1), date(2025, 3, 31),
    ...                        (Mark.CRITICAL,))], today=date(2025, 2, 1))
    >>> svg.count('class="row"'), "today 2025-02-01" in svg, ">critical<" in svg
    (1, True, True)
    """
    found = span or plan_range(rows, today)
    if not rows:
        return render("charts/nothing.html")
    first, last = found or (date(2000, 1, 1), date(2000, 2, 1))  # no dates: no axis either
    x0, x1 = LABEL + 12, width - MARKS - 14  # room for a diamond at either end
    scale = (x1 - x0) / max((last - first).days, 1)
    height = TOP + sum(r.group is not RowGroup.REST for r in rows) * ROW + 28

    def x(day: date) -> float:
        return x0 + (day - first).days * scale

    grid = [
        (x(tick), words, x(tick) + 7.5 * len(words) < x1 + 18)  # no label in the marks column
        for tick, words in (ticks(first, last, x1 - x0) if found else [])
    ]
    drawn: list[dict[str, Any]] = []
    shown = 0
    for r in rows:  # rows of the group "rest" wait, hidden, for a page's filter
        drawn.append(_row(r, TOP + shown * ROW, x))
        shown += r.group is not RowGroup.REST
    line = None
    if found is not None and today is not None and first <= today <= last:
        at = x(today)
        side = (at - 4, "end") if at > (x0 + x1) / 2 else (at + 4, "start")
        line = {"x": at, "side": side, "day": today.isoformat()}
    return render(
        "charts/gantt.svg",
        width=width,
        height=height,
        label=label,
        font=FONT,
        grid=grid,
        rows=drawn,
        x0=x0,
        x1=x1,
        band=x1 + MARKS + 14,
        row=ROW,
        today=line,
    )


def _row(r: GanttRow, y: int, at: Callable[[date], float]) -> dict[str, Any]:
    """What the template draws for one row: its place, its bar (none, a diamond or a bar)
    and its words."""
    shape: dict[str, Any] = {"kind": "none"}
    if r.finish is not None and (r.start is None or r.start >= r.finish):
        cx = at(r.finish)
        shape = {
            "kind": "diamond",
            "points": f"{cx:.1f},4 {cx + 9:.1f},13 {cx:.1f},22 {cx - 9:.1f},13",
        }
    elif r.finish is not None and r.start is not None:
        left, right = at(r.start), at(r.finish)
        shape = {"kind": "bar", "x": left, "width": max(right - left, 4)}
    if r.due is not None and r.finish is not None:  # the written date, a line to the finish
        shape["due"], shape["finish"] = at(r.due), at(r.finish)
    return {
        "ref": r.ref,
        "text": _cut(r.text, 54 - len(r.ref)),
        "search": (r.ref + " " + r.text).lower(),
        "group": r.group.value,
        "priority": r.priority,
        "y": y,
        "hidden": r.group is RowGroup.REST,
        "facts": r.facts or r.ref + " " + r.text,
        "shade": "#f2f2f2" if (y - TOP) // ROW % 2 == 0 else "#ffffff",
        "colours": CRITICAL if Mark.CRITICAL in r.marks else OTHER,
        "dashed": Mark.HELD_UP in r.marks,
        "hatched": Mark.OVERDUE in r.marks,
        "shape": shape,
        "words": ", ".join(
            "⚠ date conflict" if m is Mark.DATE_CONFLICT else m.value for m in r.marks
        ),
    }


def gantt_legend(rows: list[GanttRow], today: date | None, drawn_today: bool) -> str:
    """The legend of a :func:`gantt`, in words, for the marks its rows carry."""
    marks = {m for r in rows for m in r.marks}
    items: list[tuple[str, str]] = [
        ("critical", "critical chain: any delay here delays the whole plan (solid, dark)"),
        ("near", "other action (pale); its slack is on hover"),
    ]
    if any(r.finish is not None and (r.start is None or r.start >= r.finish) for r in rows):
        items.append(("milestone", "milestone or action with only a due date (diamond)"))
    if Mark.OVERDUE in marks and today is not None:
        items.append(("overdue", f"overdue on {today.isoformat()} (hatched)"))
    if Mark.HELD_UP in marks:
        items.append(("held up", "held up by an overdue action (dashed border)"))
    if Mark.DATE_CONFLICT in marks:
        items.append(("date conflict", "date conflict: due before an action it waits for"))
    if any(r.due is not None for r in rows):
        items.append(("written due", "due date as written, moved later (hollow circle)"))
    if drawn_today and today is not None:
        items.append(("today", f"today, {today.isoformat()} (dashed line)"))
    return render("charts/gantt_legend.html", items=items, critical=CRITICAL, other=OTHER)
