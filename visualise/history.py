"""The history page (trends over a plan's versions) and the report's "since the last version"
section. Charts are inline SVG; every text is escaped; the page fetches nothing, has no
script, and the same history gives the same bytes.

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
from html import escape

from queries.diff import PlanDiff
from queries.history import History, VersionSummary

__all__ = ["history_page", "since_section"]

_FONT = 'font-family="system-ui, Arial, sans-serif" font-size="12"'
_W, _H, _LEFT, _RIGHT, _TOP, _BOTTOM, _INSET = 920, 250, 90, 250, 34, 54, 28
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

_STYLE = """
body{font-family:system-ui,Arial,sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px}h2{font-size:18px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #bbb;padding:3px 8px;
text-align:left;vertical-align:top}th{background:#eee}.sub{color:#555}
figure{margin:8px 0;page-break-inside:avoid}.bad{color:#b71c1c}
@media print{body{margin:0}}
"""


def _xs(versions: Sequence[VersionSummary]) -> list[float]:
    """x positions: by date when every version has one (in order), else evenly spaced."""
    width = _W - _LEFT - _RIGHT - 2 * _INSET
    left = _LEFT + _INSET
    days = [v.when for v in versions]
    if len(versions) == 1:
        return [left + width / 2]
    if all(d is not None for d in days):
        dated = [d for d in days if d is not None]
        first, last = dated[0], dated[-1]
        if last > first and dated == sorted(dated):
            span = (last - first).days
            return [left + width * (d - first).days / span for d in dated]
    return [left + width * i / (len(versions) - 1) for i in range(len(versions))]


def _axis_labels(versions: Sequence[VersionSummary], xs: list[float]) -> str:
    parts = []
    step = max(1, len(versions) // 8)  # at most about eight labels: they never overlap
    for i, (v, x) in enumerate(zip(versions, xs, strict=True)):
        if i % step and i != len(versions) - 1:
            continue
        text = v.when.isoformat() if v.when else v.label[:12]
        parts.append(
            f'<text x="{x:.1f}" y="{_H - _BOTTOM + 16}" text-anchor="middle">{escape(text)}</text>'
        )
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{_TOP}" y2="{_H - _BOTTOM}" stroke="#eee"/>'
        )
    return "".join(parts)


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
    ``labels(value)`` (default: the number) while there are at most 24 versions."""
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

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{_H}" role="img" '
        f'aria-label="{escape(title)}" {_FONT}>',
        f'<text x="{_LEFT}" y="16" font-weight="bold" font-size="14">{escape(title)}</text>',
        _axis_labels(versions, xs),
        f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{_H - _BOTTOM}" y2="{_H - _BOTTOM}" '
        'stroke="#444"/>',
    ]
    for value, text in ticks or [(low, f"{low:g}{unit}"), (high, f"{high:g}{unit}")]:
        parts.append(
            f'<text x="{_LEFT - 6}" y="{y_of(value) + 4:.1f}" text-anchor="end">'
            f"{escape(text)}</text>"
        )
    for i, (name, ys) in enumerate(series):
        colour, dash = _SERIES[i % len(_SERIES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        points = [(x, y_of(y)) for x, y in zip(xs, ys, strict=True) if y is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dashed}/>'
            )
        shown = [(x, v) for x, v in zip(xs, ys, strict=True) if v is not None]
        for x, v in shown:
            y = y_of(v)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
            if len(shown) <= 24:
                parts.append(
                    f'<text x="{x:.1f}" y="{y - 7:.1f}" text-anchor="middle" fill="{colour}">'
                    f"{escape(labels(v))}</text>"
                )
        ly = _TOP + 10 + i * 18
        parts.append(
            f'<line x1="{_W - _RIGHT + 12}" x2="{_W - _RIGHT + 40}" y1="{ly}" y2="{ly}" '
            f'stroke="{colour}" stroke-width="2.5"{dashed}/>'
            f'<text x="{_W - _RIGHT + 46}" y="{ly + 4}">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def status_chart(versions: Sequence[VersionSummary]) -> str:
    """Stacked bars of actions per status, one bar per version, a legend in words."""
    keys = [k for k in _STATUS_COLOURS if any(v.statuses.get(k) for v in versions)]
    xs = _xs(versions)
    most = max([sum(v.statuses.values()) for v in versions] + [1])
    plot = _H - _TOP - _BOTTOM
    bar = max(6.0, min(36.0, (_W - _LEFT - _RIGHT) / (2 * len(versions))))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{_H + 20}" role="img" '
        f'aria-label="Actions per status" {_FONT}>',
        f'<text x="{_LEFT}" y="16" font-weight="bold" font-size="14">Actions per status</text>',
        _axis_labels(versions, xs),
        f'<text x="{_LEFT - 6}" y="{_TOP + 4}" text-anchor="end">{most}</text>',
        f'<text x="{_LEFT - 6}" y="{_H - _BOTTOM + 4}" text-anchor="end">0</text>',
    ]
    for v, x in zip(versions, xs, strict=True):
        y = float(_H - _BOTTOM)
        for k in keys:
            n = v.statuses.get(k, 0)
            if not n:
                continue
            h = plot * n / most
            y -= h
            parts.append(
                f'<rect x="{x - bar / 2:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{_STATUS_COLOURS[k]}" stroke="#333" stroke-width="0.5">'
                f"<title>{escape(f'{v.label}: {n} {k}')}</title></rect>"
            )
    for i, k in enumerate(keys):
        ly = _TOP + 4 + i * 18
        parts.append(
            f'<rect x="{_W - _RIGHT + 12}" y="{ly - 5}" width="14" height="12" '
            f'fill="{_STATUS_COLOURS[k]}" stroke="#333" stroke-width="0.5"/>'
            f'<text x="{_W - _RIGHT + 32}" y="{ly + 5}">{escape(k.replace("_", " "))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _finish_chart(versions: Sequence[VersionSummary]) -> str:
    days = [v.finish for v in versions]
    known = [d for d in days if d is not None]
    if not known:
        return '<p class="sub">No version has a projected finish.</p>'
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


def _table(h: History) -> str:
    head = (
        "<tr><th>version</th><th>date</th><th>coverage</th><th>open actions</th>"
        "<th>overdue</th><th>statuses</th><th>finish</th><th>slipped</th>"
        "<th>status rules</th></tr>"
    )
    rows = []
    for v in h.versions:
        statuses = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in v.statuses.items() if n)
        cells = [
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
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def _percent(value: float) -> str:
    return f"{value:g}%"


def history_page(history: History) -> str:
    """The history as one self-contained HTML page: a table and the trends."""
    vs = history.versions
    if not vs:
        body = "<p>No versions.</p>"
    else:
        pct: list[float | None] = [v.covered_percent for v in vs]
        counts: list[tuple[str, list[float | None]]] = [
            ("open actions", [float(v.open_actions) for v in vs]),
            ("overdue", [None if v.overdue is None else float(v.overdue) for v in vs]),
            ("slipped since the version before", [float(v.slipped) for v in vs]),
        ]
        ticks = [(0.0, "0%"), (50.0, "50%"), (100.0, "100%")]
        covered = line_chart(
            "Findings covered", vs, [("covered", pct)], ticks=ticks, labels=_percent
        )
        rules = "".join(f"<li>{escape(r.message)}</li>" for r in history.rules)
        body = (
            f"<h2>Versions</h2>{_table(history)}"
            "<h2>Trends</h2>"
            f"<figure>{covered}</figure>"
            f"<figure>{line_chart('Actions', vs, counts)}</figure>"
            f"<figure>{status_chart(vs)}</figure>"
            f"<figure>{_finish_chart(vs)}</figure>"
            "<h2>Statuses that need a second look (newest version)</h2>"
            + (f"<ul>{rules}</ul>" if rules else "<p>None.</p>")
        )
    title = f"History of {history.title}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f'<p class="sub">{len(vs)} version(s), oldest first; dates are the versions\' '
        "own (a commit's date, or when the plan says it was published).</p>"
        f"{body}</body></html>\n"
    )


def _value(value: str | list[str] | None) -> str:
    if value is None:
        return "(none)"
    return "; ".join(value) if isinstance(value, list) else value


def since_section(diff: PlanDiff) -> str:
    """The report's "since the last version" section: what changed and its effect."""
    if diff.is_empty:
        return "<p>Nothing changed since the last version.</p>"
    later = {(m.kind, m.ref) for m in diff.moved_later}
    items = [f"<li>added {e.kind.value} {escape(e.ref)}</li>" for e in diff.added]
    items += [f"<li>removed {e.kind.value} {escape(e.ref)}</li>" for e in diff.removed]
    items += [
        f"<li>{r.kind.value} {escape(r.old)} is now {escape(r.new)}</li>" for r in diff.renamed
    ]
    rows = ""
    for c in diff.changed:
        slipped = (c.kind, c.ref) in later and c.field == "due"  # red, and said in words
        rows += '<tr class="bad">' if slipped else "<tr>"
        rows += f"<td>{c.kind.value} {escape(c.ref)}</td>"
        rows += f"<td>{escape(c.field)}{' (later)' if slipped else ''}</td>"
        rows += f"<td>{escape(_value(c.old))}</td><td>{escape(_value(c.new))}</td></tr>"
    table = (
        f"<table><tr><th>what</th><th>field</th><th>was</th><th>now</th></tr>{rows}</table>"
        if rows
        else ""
    )

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
    rules = "".join(f"<li>{escape(r.message)}</li>" for r in diff.rules)
    since = escape(diff.old.published or diff.old.plan)
    return (
        f'<p class="sub">Compared with the version of {since}.</p>'
        + (f"<ul>{''.join(items)}</ul>" if items else "")
        + table
        + f"<p>{escape('; '.join(effect))}.</p>"
        + (f'<p class="bad">Statuses to look at again:</p><ul>{rules}</ul>' if rules else "")
    )
