"""The history page (trends over a plan's versions) and the report's "since the last version"
section, written by the templates ``templates/history.html``, ``templates/since.html`` and
``templates/charts/trend.svg``. Charts are inline SVG; every text is escaped by Jinja2; the
page fetches nothing, has no script, and the same history gives the same bytes.

>>> from graphmodel import Plan
>>> from queries.history import plan_history
>>> from queries.versions import version_of
>>> def v(due, month):
...     return version_of(Plan.model_validate({"area": "X", "title": "T", "published": month,
...         "actions": [{"ref": "A", "text": "a", "due": due, "status": "Green"}]}), month)
>>> html = history_page(plan_history([v("Jan-25", "Dec 2024"), v("Mar-25", "Feb 2025")]))
>>> html.startswith("<!DOCTYPE html>") and "<svg" in html and "http" not in html.split("svg")[0]
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from markupsafe import Markup

from queries.diff import PlanDiff
from queries.history import History, VersionSummary
from visualise.templating import ours, render

__all__ = ["history_page", "since_section"]

_W, _H, _LEFT, _RIGHT, _TOP, _BOTTOM, _INSET = 920, 250, 90, 250, 34, 54, 28
_FRAME = {"w": _W, "h": _H, "left": _LEFT, "right": _RIGHT, "top": _TOP, "bottom": _BOTTOM}
# colour-blind safe (Okabe-Ito) with a dash pattern each, so print in grey still tells apart
_SERIES = [
    ("#0072B2", ""),
    ("#D55E00", "6 3"),
    ("#009E73", "2 3"),
    ("#CC79A7", "8 3 2 3"),
    ("#E69F00", "4 4"),
    ("#56B4E9", "1 2"),
    ("#999999", "10 2"),
    ("#000000", "3 6"),
]
_STATUS_COLOURS = {
    "complete": "#0072B2",
    "on_track": "#009E73",
    "at_risk": "#E69F00",
    "delayed": "#D55E00",
    "not_started": "#CC79A7",
    "waiting": "#999999",
    "cancelled": "#000000",
    "unknown": "#F0E442",
    "none": "#FFFFFF",
}


def _xs(versions: Sequence[VersionSummary]) -> list[float]:
    """x positions: by date when every version has one (in order) and no two are less than
    half the even spacing apart (two versions a fortnight apart in a plan's two years would
    stack their bars on one another), else evenly spaced."""
    width = _W - _LEFT - _RIGHT - 2 * _INSET
    left = _LEFT + _INSET
    days = [v.when for v in versions]
    if len(versions) == 1:
        return [left + width / 2]
    even = [left + width * i / (len(versions) - 1) for i in range(len(versions))]
    if all(d is not None for d in days):
        dated = [d for d in days if d is not None]
        first, last = dated[0], dated[-1]
        if last > first and dated == sorted(dated):
            span = (last - first).days
            xs = [left + width * (d - first).days / span for d in dated]
            if all(b - a >= (even[1] - even[0]) / 2 for a, b in pairwise(xs)):
                return xs
    return even


_CHAR = 7.0
"""The width of one character of the charts' 12 px text, a little generous (digits and most
letters are narrower), so labels that fit by this measure never touch."""
_LINE = 18
"""Characters on one line of a version's label under the axis; a label has at most two."""
_BREAKS = "-_./ "
"""Where a label may be broken onto a second line or cut."""
_GAP = 10.0
"""Pixels at least between two labels under the axis."""


def _label_lines(words: str) -> list[str]:
    """A version's label on at most two lines of :data:`_LINE` characters: broken after a
    ``-``, ``_``, ``.``, ``/`` or space nearest the middle, and a label too long even for two
    lines loses its middle: the end, where versions differ,
    is kept whole.

    >>> _label_lines("2024-07-01")
    ['2024-07-01']
    >>> _label_lines("send-improvement-plan-v2.yaml")
    ['send-improvement-', 'plan-v2.yaml']
    >>> _label_lines("local-area-send-written-statement-of-action-v12.yaml")
    ['local-area-send-…', 'action-v12.yaml']
    """
    if len(words) <= _LINE:
        return [words]
    if len(words) > 2 * _LINE:
        head, tail = words[: _LINE - 1], words[-_LINE:]
        ends = [i + 1 for i, c in enumerate(head) if c in _BREAKS and i >= 4]
        starts = [i + 1 for i, c in enumerate(tail) if c in _BREAKS and i < _LINE - 4]
        head = head[: ends[-1]] if ends else head
        tail = tail[starts[0] :] if starts else tail
        return [head.rstrip() + "…", tail.lstrip()]
    cuts = [i + 1 for i, c in enumerate(words[:-1]) if c in _BREAKS and i + 1 <= _LINE]
    cuts = [i for i in cuts if len(words) - i <= _LINE]
    at = min(cuts, key=lambda i: abs(len(words) / 2 - i)) if cuts else _LINE
    return [words[:at].rstrip(), words[at:].lstrip()]


def _clear(shown: list[tuple[float, list[str], float]], left: float) -> bool:
    """Whether a label whose left edge is ``left`` keeps clear of the last one shown."""
    return not shown or shown[-1][0] + shown[-1][2] + _GAP <= left


def _axis_labels(versions: Sequence[VersionSummary], xs: list[float]) -> list[Any]:
    """(x, lines) of the versions labelled on the axis, left to right: a version's date, else
    its label (:func:`_label_lines`); a label that would touch the one before it is left out
    (the table names every version), and the newest version is always labelled."""
    shown: list[tuple[float, list[str], float]] = []  # x, lines, half the width
    for i, (v, x) in enumerate(zip(versions, xs, strict=True)):
        lines = [v.when.isoformat()] if v.when else _label_lines(v.label)
        half = max(len(line) for line in lines) * _CHAR / 2
        while i == len(versions) - 1 and not _clear(shown, x - half):
            shown.pop()  # the newest is labelled: the ones before it give way
        if _clear(shown, x - half):
            shown.append((x, lines, half))
    return [(x, lines) for x, lines, _ in shown]


_Box = tuple[float, float, float, float]  # left, right, top, bottom


def _place(taken: list[_Box], x: float, y: float, words: str) -> float | None:
    """The baseline of the label ``words`` of the point at ``(x, y)``: above the point, else
    below it, wherever it touches no label in ``taken``, the chart's title or the versions
    under the axis; None (the point stays unlabelled: the table has its value) when neither
    is clear. The label placed is added to ``taken``."""
    half = len(words) * _CHAR / 2
    for at in (y - 7, y + 16):
        box = (x - half, x + half, at - 12, at + 3)
        inside = box[2] >= 22 and box[3] <= _H - _BOTTOM + 2  # under the title, over the axis
        if inside and not any(
            min(box[1], o[1]) > max(box[0], o[0]) and min(box[3], o[3]) > max(box[2], o[2])
            for o in taken
        ):
            taken.append(box)
            return at
    return None


def _number(value: float) -> str:
    return f"{value:g}"


def line_chart(
    title: str,
    versions: Sequence[VersionSummary],
    series: list[tuple[str, list[float | None]]],
    *,
    unit: str = "",
    ticks: list[tuple[float, str]] | None = None,
    labels: Callable[[float], str] | None = None,
) -> str:
    """Lines of numbers over the versions, a legend in words, and each point labelled with
    ``labels(value)`` (default: the number) while there are at most 24 versions, where the
    label keeps clear of the others (:func:`_place`)."""
    if labels is None:
        labels = _number
    xs = _xs(versions)
    values = [y for _, ys in series for y in ys if y is not None]
    low = min([0.0, *values])
    high = max([1.0, *values])
    if ticks:
        low, high = min(low, ticks[0][0]), max(high, ticks[-1][0])
    plot = _H - _TOP - _BOTTOM

    def y_of(value: float) -> float:
        return _H - _BOTTOM - plot * (value - low) / ((high - low) or 1)

    lines = []
    taken: list[_Box] = []
    for i, (name, ys) in enumerate(series):
        colour, dash = _SERIES[i % len(_SERIES)]
        points = [(x, y_of(y)) for x, y in zip(xs, ys, strict=True) if y is not None]
        labelled = len(points) <= 24
        shown = [
            (x, y_of(v), labels(v), _place(taken, x, y_of(v), labels(v)) if labelled else None)
            for x, v in zip(xs, ys, strict=True)
            if v is not None
        ]
        lines.append(
            {
                "name": name,
                "colour": colour,
                "dash": dash,
                "path": " ".join(f"{x:.1f},{y:.1f}" for x, y in points) if len(points) > 1 else "",
                "points": shown,
                "y": _TOP + 10 + i * 18,
            }
        )
    marks = ticks or [(low, f"{low:g}{unit}"), (high, f"{high:g}{unit}")]
    return render(
        "charts/trend.svg",
        **_FRAME,
        title=title,
        axis=_axis_labels(versions, xs),
        ticks=[(y_of(value) + 4, text) for value, text in marks],
        lines=lines,
    )


def status_chart(versions: Sequence[VersionSummary]) -> str:
    """Stacked bars of actions per status, one bar per version, a legend in words."""
    keys = [k for k in _STATUS_COLOURS if any(v.statuses.get(k) for v in versions)]
    xs = _xs(versions)
    most = max([sum(v.statuses.values()) for v in versions] + [1])
    plot = _H - _TOP - _BOTTOM
    gap = min((b - a for a, b in pairwise(xs)), default=float(_W))
    bar = max(4.0, min(36.0, (_W - _LEFT - _RIGHT) / (2 * len(versions)), gap * 0.8))
    bars = []
    for v, x in zip(versions, xs, strict=True):
        y = float(_H - _BOTTOM)
        for k in keys:
            n = v.statuses.get(k, 0)
            if n:
                h = plot * n / most
                y -= h
                bars.append((x - bar / 2, y, h, _STATUS_COLOURS[k], f"{v.label}: {n} {k}"))
    return render(
        "charts/statuses.svg",
        **_FRAME,
        axis=_axis_labels(versions, xs),
        most=most,
        bar=bar,
        bars=bars,
        keys=[
            (_TOP + 4 + i * 18, _STATUS_COLOURS[k], k.replace("_", " ")) for i, k in enumerate(keys)
        ],
    )


def _finish_chart(versions: Sequence[VersionSummary]) -> str:
    days = [v.finish for v in versions]
    known = [d for d in days if d is not None]
    if not known:
        return render("charts/no_finish.html")
    base = min(known)
    ys: list[float | None] = [None if d is None else float((d - base).days) for d in days]
    top = max(y for y in ys if y is not None)
    ticks = [(0.0, base.isoformat())]
    if top > 0:
        ticks.append((top, max(known).isoformat()))

    def label(days: float) -> str:
        return (base + timedelta(days=days)).strftime("%b %Y")

    return line_chart(
        "Projected finish", versions, [("finish date", ys)], ticks=ticks, labels=label
    )


def _table(h: History) -> list[list[str]]:
    """The cells of the table of versions, a row per version."""
    rows = []
    for v in h.versions:
        statuses = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in v.statuses.items() if n)
        rows.append(
            [
                v.label,
                v.when.isoformat() if v.when else "",
                "–" if v.covered_percent is None else f"{v.covered_percent:g}%",
                str(v.open_actions),
                "–" if v.overdue is None else str(v.overdue),
                statuses,
                v.finish.isoformat() if v.finish else "unknown",
                f"{v.slipped}" + (f" ({', '.join(v.slipped_refs)})" if v.slipped_refs else ""),
                str(len(v.rules)),
            ]
        )
    return rows


def _percent(value: float) -> str:
    return f"{value:g}%"


def history_page(history: History) -> str:
    """The history as one self-contained HTML page (``templates/history.html``): a table
    and the trends."""
    vs = history.versions
    charts: list[Markup] = []
    if vs:
        pct: list[float | None] = [v.covered_percent for v in vs]
        counts: list[tuple[str, list[float | None]]] = [
            ("open actions", [float(v.open_actions) for v in vs]),
            ("overdue", [None if v.overdue is None else float(v.overdue) for v in vs]),
            ("slipped since the version before", [float(v.slipped) for v in vs]),
        ]
        ticks = [(0.0, "0%"), (50.0, "50%"), (100.0, "100%")]
        charts = [
            ours(
                line_chart("Findings covered", vs, [("covered", pct)], ticks=ticks, labels=_percent)
            ),
            ours(line_chart("Actions", vs, counts)),
            ours(status_chart(vs)),
            ours(_finish_chart(vs)),
        ]
    return render(
        "history.html",
        title=f"History of {history.title}",
        versions=len(vs),
        table=_table(history),
        charts=charts,
        rules=[r.message for r in history.rules],
    )


def _value(value: str | list[str] | None) -> str:
    if value is None:
        return "(none)"
    return "; ".join(value) if isinstance(value, list) else value


def since_section(diff: PlanDiff) -> str:
    """The report's "since the last version" section: what changed and its effect."""
    if diff.is_empty:
        return render("since.html", empty=True)
    later = {(m.kind, m.ref) for m in diff.moved_later}
    items = [
        f"added {e.kind.value} {e.ref}" + (f": {e.text}" if e.text else "") for e in diff.added
    ]
    items += [
        f"removed {e.kind.value} {e.ref}" + (f": {e.text}" if e.text else "") for e in diff.removed
    ]
    items += [f"{r.kind.value} {r.old} is now {r.new}" for r in diff.renamed]
    rows = []
    for c in diff.changes_named:
        slipped = (c.kind, c.ref) in later and c.field == "due"  # red, and said in words
        what = f"{c.kind.value} {c.ref}"
        rows.append((slipped, what, c.field, _value(c.old), _value(c.new)))

    def pct(x: float | None) -> str:
        return "–" if x is None else f"{x:g}%"

    def day(d: date | None) -> str:
        return d.isoformat() if d else "unknown"

    effect = [
        f"Coverage {pct(diff.coverage_old)} → {pct(diff.coverage_new)}",
        f"projected finish {day(diff.finish_old)} → {day(diff.finish_new)}",
    ]
    effect += [f"{c.ref} {c.old or 'absent'} → {c.new or 'absent'}" for c in diff.coverage_findings]
    if diff.overloaded_new:
        effect.append("now overloaded: " + ", ".join(diff.overloaded_new))
    if diff.overloaded_old:
        effect.append("no longer overloaded: " + ", ".join(diff.overloaded_old))
    if diff.unreachable_new:
        effect.append("newly reach no top board: " + ", ".join(diff.unreachable_new))
    moved = [f"{m.ref} ({m.old} → {m.new or 'no date'})" for m in diff.moved_later]
    if moved:
        effect.append("due dates moved later: " + ", ".join(moved))
    return render(
        "since.html",
        since=f"the version of {diff.old.published}" if diff.old.published else "the last version",
        items=items,
        rows=rows,
        effect="; ".join(effect),
        rules=[r.message for r in diff.rules],
    )
