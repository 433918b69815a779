"""Measuring what a page shows at first sight, in the browser: every piece of text on the
page (each text node's line boxes, each SVG ``<text>``) and every label vis-network drew on
its canvas (font size times the zoom, and the node's box), then which are too small, which
overlap and which stick out of their frame.

Used by tests/test_browser.py; ``python -m tests.labels PAGE.html ...`` prints the figures.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MIN_PX = 9.0

MEASURE = """() => {
  const out = [], seen = new Set();
  const width = document.documentElement.clientWidth;
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = walk.nextNode(); t; t = walk.nextNode()) {
    if (!t.textContent.trim()) continue;
    const el = t.parentElement;
    if (!el || el.closest("script, style, title, .vis-tooltip, option, datalist")) continue;
    if (!el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})) continue;
    const svgText = el.closest("text");
    if (svgText) {
      if (seen.has(svgText)) continue;
      seen.add(svgText);
      const r = svgText.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      const f = svgText.ownerSVGElement.getBoundingClientRect();  // an SVG clips its text
      out.push({where: "page", text: svgText.textContent.trim().slice(0, 60),
                px: parseFloat(getComputedStyle(svgText).fontSize),
                left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX,
                bottom: r.bottom + scrollY,
                frame: [f.left + scrollX, f.right + scrollX, f.top + scrollY,
                        f.bottom + scrollY]});
      continue;
    }
    const range = document.createRange();
    range.selectNodeContents(t);
    for (const r of range.getClientRects()) {
      if (!r.width || !r.height) continue;
      out.push({where: "page", text: t.textContent.trim().slice(0, 60),
                px: parseFloat(getComputedStyle(el).fontSize),
                left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX,
                bottom: r.bottom + scrollY, frame: [0, width]});
    }
  }
  for (const [key, state] of Object.entries(window.actiongraph || {})) {
    if (!state || !state.labels) continue;
    const box = document.getElementById(key).getBoundingClientRect();
    state.labels().forEach(l => out.push({where: key, text: l.text.slice(0, 60), px: l.px,
      left: l.left, top: l.top, right: l.right, bottom: l.bottom,
      frame: [box.left + scrollX, box.right + scrollX, box.top + scrollY,
              box.bottom + scrollY]}));
  }
  return out;
}"""


@dataclass(frozen=True)
class Label:
    """One piece of text as drawn: where (``page`` or a network's id), its font height on
    screen in pixels, its box and the frame it must stay in."""

    where: str
    text: str
    px: float
    left: float
    top: float
    right: float
    bottom: float
    frame: tuple[float, ...]

    def overlaps(self, other: Label, slack: float = 2.0) -> bool:
        """Whether the two boxes share more than ``slack`` pixels each way."""
        across = min(self.right, other.right) - max(self.left, other.left)
        down = min(self.bottom, other.bottom) - max(self.top, other.top)
        return across > slack and down > slack

    def outside(self) -> bool:
        """Whether the label sticks out of its frame (a network's box, an SVG's box; the
        page's width for other text)."""
        f = self.frame
        if len(f) == 2:
            return self.left < f[0] - 1 or self.right > f[1] + 1
        return (
            self.left < f[0] - 1
            or self.right > f[1] + 1
            or self.top < f[2] - 1
            or (self.bottom > f[3] + 1)
        )


@dataclass(frozen=True)
class Measured:
    """Every label of a page and what is wrong with them."""

    labels: list[Label]

    @property
    def smallest(self) -> float:
        return min((lab.px for lab in self.labels), default=0.0)

    def too_small(self, limit: float = MIN_PX) -> list[Label]:
        return [lab for lab in self.labels if lab.px < limit]

    def overlapping(self) -> list[tuple[Label, Label]]:
        found = []
        by_where: dict[str, list[Label]] = {}
        for lab in self.labels:
            by_where.setdefault(lab.where, []).append(lab)
        for group in by_where.values():
            group = sorted(group, key=lambda lab: lab.top)
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    if b.top >= a.bottom:
                        break
                    if a.overlaps(b):
                        found.append((a, b))
        return found

    def outside(self) -> list[Label]:
        return [lab for lab in self.labels if lab.outside()]


def measure(page: Any) -> Measured:
    """The labels of an open Playwright page, as drawn now."""
    raw = page.evaluate(MEASURE)
    return Measured([Label(**{**r, "frame": tuple(r["frame"])}) for r in raw])


def main(paths: list[str]) -> None:  # pragma: no cover - a tool for people
    from playwright.sync_api import sync_playwright

    from tests.headless import CHROMIUM, FLAGS, READY

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for path in paths:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(Path(path).resolve().as_uri())
            page.wait_for_function(READY)
            m = measure(page)
            drawn = [lab for lab in m.labels if lab.where != "page"]
            small = min((lab.px for lab in drawn), default=None)
            print(
                f"{path}: {len(m.labels)} labels, smallest {m.smallest:.1f} px"
                f" (canvas {small if small is None else round(small, 1)} px),"
                f" {len(m.overlapping())} overlaps, {len(m.outside())} outside"
            )
            for a, b in m.overlapping()[:3]:
                print(f"   overlap: {a.text!r} / {b.text!r}")
            for lab in m.outside()[:3]:
                print(f"   outside: {lab.text!r}")
            page.close()
        browser.close()


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
