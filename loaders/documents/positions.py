"""Position statements: per workstream, what was delivered and what is still to do.

A progress statement has no action table. Under each workstream heading a two-column grid
pairs numbered section titles with a row of bulleted cells::

    1. What we have delivered from the WSoA | 2. What we have delivered additional to WSoA
    · Produced a dashboard · Reported progress | · Set up a forum
    5. What we still need to do            | 6. Evidence
    · Refresh the JSNA                        | · Dashboard reports

Every bullet of a *delivered* section is an action with status ``Delivered``; every bullet
of a *still to do* section an action with status ``Still to do`` (both words of the
``words`` scale). Bullets of the other sections (difference made, challenges, evidence) are
kept as text on the workstream.

>>> reader = PositionReader()
>>> reader.header(("1. What we have delivered from the WSoA", "5. What we still need to do"))
True
>>> reader.row(("Produced a dashboard; Reported progress", "Refresh the JSNA"), 7, "W1")
>>> [(a.section, a.text, a.status) for a in reader.actions]  # doctest: +NORMALIZE_WHITESPACE
[('D', 'Produced a dashboard', 'Delivered'), ('D', 'Reported progress', 'Delivered'),
 ('T', 'Refresh the JSNA', 'Still to do')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["PositionAction", "PositionReader"]

_TITLE = re.compile(r"^\s*(\d)\.\s+(\S.*)$")


@dataclass
class PositionAction:
    line: int
    section: str
    """``D`` delivered from the plan, ``A`` delivered in addition, ``T`` still to do."""
    text: str
    status: str
    priority: str | None


@dataclass
class PositionReader:
    actions: list[PositionAction] = field(default_factory=list)
    notes: dict[str | None, list[str]] = field(default_factory=dict)
    """Workstream -> the text of its other sections, ``"Title: bullet; bullet"``."""
    _titles: tuple[str, ...] = ()
    _seen: bool = False

    def header(self, cells: tuple[str, ...]) -> bool:
        """Whether ``cells`` are a row of numbered section titles (and remember them)."""
        titles = [c for c in cells if c]
        if len(titles) < 2 or not all(_TITLE.match(c) for c in titles):
            return False
        progress = any(
            re.search(r"delivered|still (need )?to do|next steps", c, re.I) for c in titles
        )
        if not progress and not self._seen:
            return False  # a position statement starts with a delivered / to do title
        self._titles, self._seen = tuple(cells), True
        return True

    @property
    def waiting(self) -> bool:
        """Whether a header was read and its row not yet."""
        return bool(self._titles)

    def row(self, cells: tuple[str, ...], line: int, priority: str | None) -> None:
        for title, cell in zip(self._titles, cells, strict=False):
            bullets = [b.strip() for b in cell.split("; ") if b.strip()]
            if not bullets:
                continue
            key = title.casefold()
            if "delivered" in key:
                section = "A" if "additional" in key else "D"
                status = "Delivered"
            elif re.search(r"still (need )?to do|next steps|plan", key):
                section, status = "T", "Still to do"
            else:
                label = _TITLE.sub(r"\2", title)
                self.notes.setdefault(priority, []).append(f"{label}: {'; '.join(bullets)}")
                continue
            self.actions += [PositionAction(line, section, b, status, priority) for b in bullets]
        self._titles = ()
