"""Static charts as inline SVG: open actions per person against the overload threshold, and
a timeline (Gantt) on the plan's own date range. Used by the report and by the critical-path
and people views. Every label is escaped; nothing is fetched; the same data gives the same
bytes.

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
from html import escape

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
_FONT = f'font-family="{FONT}" font-size="13"'
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NEAR_DAYS = 92
"""Today's line is drawn when today is within this many days of the plan's dates."""

_DEFS = (
    "<defs>"
    '<pattern id="ag-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff" '
    'fill-opacity="0.35"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000000" '
    'stroke-width="2.5"/></pattern>'
    "</defs>"
)


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
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 240}" '
        f'height="{height}" viewBox="0 0 {left + width + 240} {height}" role="img" '
        f'aria-label="Open actions per person" {_FONT}>{_DEFS}'
    ]
    for i, (name, n, over) in enumerate(rows):
        y = 34 + i * (bar + 8)
        fill, stroke = CRITICAL if over else OTHER
        label = escape(_cut(name, 40))
        tip = f"{escape(name)}: {n} open{' (overloaded)' if over else ''}"
        parts.append(
            f"<g><title>{tip}</title>"
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{label}</text>'
            f'<rect x="{left}" y="{y}" width="{n * scale:.1f}" height="{bar}" fill="{fill}" '
            f'stroke="{stroke}"/>'
        )
        if over:
            parts.append(
                f'<rect x="{left}" y="{y}" width="{n * scale:.1f}" height="{bar}" '
                'fill="url(#ag-hatch)"/>'
            )
        flag = " ⚠ overloaded" if over else ""
        parts.append(f'<text x="{left + n * scale + 5:.1f}" y="{y + 15}">{n}{flag}</text></g>')
    bottom = height - 44
    for i, (at, words) in enumerate(lines):
        x = left + at * scale
        y = 18 if i % 2 == 0 else bottom + 18
        side = (x - 4, "end") if x > left + width * 0.6 else (x + 4, "start")
        parts.append(
            f'<line x1="{x:.1f}" y1="24" x2="{x:.1f}" y2="{bottom}" stroke="#000000" '
            f'stroke-width="2" stroke-dasharray="6 4"/><text x="{side[0]:.1f}" y="{y}" '
            f'text-anchor="{side[1]}">{escape(words)}</text>'
        )
    parts.append(
        f'<text x="{left - 8}" y="{height - 6}" fill="#444444" text-anchor="end">'
        "open actions</text></svg>"
    )
    return "".join(parts)


@dataclass(frozen=True)
class GanttRow:
    """One row: ``ref`` and ``text`` on the left, a bar from ``start`` to ``finish`` (a
    diamond when there is no start or it is the finish), ``marks`` (``critical``,
    ``overdue``, ``held up``, ``date conflict``) drawn and written, ``facts`` on hover;
    ``group`` and ``priority`` feed the page's filters."""

    ref: str
    text: str
    start: date | None
    finish: date | None
    marks: tuple[str, ...] = ()
    facts: str = ""
    group: str = "near"
    priority: str = ""


def plan_range(rows: list[GanttRow], today: date | None = None) -> tuple[date, date] | None:
    """The months the rows' dates span, from the first of the first month to the first of
    the month after the last; widened to take in ``today`` only when it is within
    :data:`NEAR_DAYS` of them. None when no row has a date."""
    days = [d for r in rows for d in (r.start, r.finish) if d is not None]
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
    ...                        ("critical",))], today=date(2025, 2, 1))
    >>> svg.count('class="row"'), "today 2025-02-01" in svg, ">critical<" in svg
    (1, True, True)
    """
    found = span or plan_range(rows, today)
    if not rows:
        return '<p class="sub">Nothing to draw.</p>'
    first, last = found or (date(2000, 1, 1), date(2000, 2, 1))  # no dates: no axis either
    x0, x1 = LABEL + 12, width - MARKS - 14  # room for a diamond at either end
    scale = (x1 - x0) / max((last - first).days, 1)
    height = TOP + sum(r.group != "rest" for r in rows) * ROW + 28

    def x(day: date) -> float:
        return x0 + (day - first).days * scale

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" {_FONT}>{_DEFS}'
    ]
    for tick, words in ticks(first, last, x1 - x0) if found else []:
        parts.append(
            f'<line class="grid" x1="{x(tick):.1f}" y1="22" x2="{x(tick):.1f}" '
            f'y2="{height - 24}" stroke="#d0d0d0"/>'
        )
        if x(tick) + 7.5 * len(words) < x1 + 18:  # a label never runs into the marks column
            parts.append(f'<text x="{x(tick) + 3:.1f}" y="17" fill="#333333">{words}</text>')
    parts.append(
        f'<text x="{x1 + 22}" y="17" fill="#333333" font-weight="bold">marks</text>'
        f'<text x="4" y="17" fill="#333333" font-weight="bold">action</text>'
    )
    shown = 0
    for r in rows:  # rows of the group "rest" wait, hidden, for a page's filter
        parts.append(_row(r, TOP + shown * ROW, x, x0, x1, hidden=r.group == "rest"))
        shown += r.group != "rest"
    inside = found is not None and today is not None and first <= today <= last
    if today is not None and inside:
        at = x(today)
        side = (at - 4, "end") if at > (x0 + x1) / 2 else (at + 4, "start")
        parts.append(
            f'<line class="grid" x1="{at:.1f}" y1="22" x2="{at:.1f}" y2="{height - 24}" '
            'stroke="#000000" stroke-width="2" stroke-dasharray="7 4"/>'
            f'<text class="foot" x="{side[0]:.1f}" y="{height - 8}" '
            f'text-anchor="{side[1]}">today {today.isoformat()}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _row(
    r: GanttRow, y: int, at: Callable[[date], float], x0: float, x1: float, *, hidden: bool
) -> str:
    ref = escape(r.ref)
    attrs = (
        f'class="row" data-ref="{ref}" data-group="{escape(r.group)}" '
        f'data-priority="{escape(r.priority)}" data-text="{escape((r.ref + " " + r.text).lower())}"'
    )
    hide = ' style="display:none"' if hidden else ""
    out = [f'<g {attrs} transform="translate(0,{y})"{hide}>']
    out.append(f"<title>{escape(r.facts or r.ref + ' ' + r.text)}</title>")
    shade = "#f2f2f2" if (y - TOP) // ROW % 2 == 0 else "#ffffff"
    out.append(f'<rect class="band" width="{x1 + MARKS + 14}" height="{ROW}" fill="{shade}"/>')
    text = escape(_cut(r.text, 54 - len(r.ref)))
    out.append(f'<text x="4" y="18"><tspan font-weight="bold">{ref}</tspan> {text}</text>')
    critical = "critical" in r.marks
    fill, stroke = CRITICAL if critical else OTHER
    dash = ' stroke-dasharray="5 3" stroke-width="2.5"' if "held up" in r.marks else ""
    if r.finish is None:
        out.append(f'<text x="{x0 + 4}" y="18" fill="#444444">no date</text>')
    elif r.start is None or r.start >= r.finish:
        cx = at(r.finish)
        pts = f"{cx:.1f},4 {cx + 9:.1f},13 {cx:.1f},22 {cx - 9:.1f},13"
        out.append(f'<polygon points="{pts}" fill="{fill}" stroke="{stroke}"{dash}/>')
        if "overdue" in r.marks:
            out.append(f'<polygon points="{pts}" fill="url(#ag-hatch)"/>')
    else:
        left, right = at(r.start), at(r.finish)
        box = f'x="{left:.1f}" y="5" width="{max(right - left, 4):.1f}" height="16" rx="2"'
        out.append(f'<rect {box} fill="{fill}" stroke="{stroke}"{dash}/>')
        if "overdue" in r.marks:
            out.append(f'<rect {box} fill="url(#ag-hatch)"/>')
    words = [m if m != "date conflict" else "⚠ date conflict" for m in r.marks]
    out.append(f'<text x="{x1 + 22}" y="18">{escape(", ".join(words))}</text></g>')
    return "".join(out)


_SWATCH = {
    "critical": f'<rect x="2" y="6" width="26" height="12" fill="{CRITICAL[0]}" '
    f'stroke="{CRITICAL[1]}"/>',
    "near": f'<rect x="2" y="6" width="26" height="12" fill="{OTHER[0]}" stroke="{OTHER[1]}"/>',
    "overdue": f'<rect x="2" y="6" width="26" height="12" fill="{OTHER[0]}" '
    f'stroke="{OTHER[1]}"/><rect x="2" y="6" width="26" height="12" fill="url(#ag-hatch)"/>',
    "held up": f'<rect x="2" y="6" width="26" height="12" fill="{OTHER[0]}" '
    f'stroke="{OTHER[1]}" stroke-dasharray="5 3" stroke-width="2.5"/>',
    "milestone": f'<polygon points="15,3 24,12 15,21 6,12" fill="{OTHER[0]}" stroke="{OTHER[1]}"/>',
    "today": '<line x1="15" y1="1" x2="15" y2="23" stroke="#000000" stroke-width="2" '
    'stroke-dasharray="7 4"/>',
    "date conflict": '<text x="8" y="18" font-size="16">⚠</text>',
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
    if "overdue" in marks and today is not None:
        items.append(("overdue", f"overdue on {today.isoformat()} (hatched)"))
    if "held up" in marks:
        items.append(("held up", "held up by an overdue action (dashed border)"))
    if "date conflict" in marks:
        items.append(("date conflict", "date conflict: due before an action it waits for"))
    if drawn_today and today is not None:
        items.append(("today", f"today, {today.isoformat()} (dashed line)"))
    lis = "".join(
        f'<li><svg width="30" height="24" aria-hidden="true">{_DEFS}{_SWATCH[k]}</svg>'
        f"<span>{escape(words)}</span></li>"
        for k, words in items
    )
    return f'<ul class="legend" aria-label="Legend">{lis}</ul>'
