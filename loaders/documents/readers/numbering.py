"""The numbers Word draws before list paragraphs (``1.``, ``1.1``, ``a)``, ``(iv)``).

Word keeps them out of the text: a paragraph names a list (``w:numPr``: ``w:numId`` and
the level ``w:ilvl``), directly or through its style (``List Number 2``), and the
numbering part defines each level (``w:lvl``): its first value (``w:start``), its format
(``w:numFmt``: decimal, letters, roman numerals, a bullet) and its label (``w:lvlText``,
``%1.%2`` for the values of levels 1 and 2). :class:`Numbering` counts the paragraphs as
Word does: per abstract list, so lists sharing one definition count on; a level restarts
after an item of a higher level; a list instance with ``w:startOverride`` starts anew. A
level naming a style (``w:pStyle``) is the level of that style's paragraphs. A list whose
definition is a list style's (``w:numStyleLink``) takes the levels, and the count, of the
definition linked to that style (``w:styleLink``).

python-docx has no API for this: the numbering part's XML is read as elements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Label", "Level", "Numbering", "W"]

_BULLET = "bullet"


@dataclass(frozen=True)
class Level:
    """One level of a list definition."""

    start: int = 1
    format: str = "decimal"
    """``w:numFmt``: ``decimal``, ``lowerLetter``, ``upperRoman``, ``bullet``, ``none`` ..."""
    text: str = "%1."
    """``w:lvlText``: the label, ``%N`` standing for the value of level N."""
    legal: bool = False
    """``w:isLgl``: the values of every level shown as decimals."""


@dataclass(frozen=True)
class Label:
    """What Word draws before a list paragraph: its level and its label."""

    depth: int
    text: str
    """``1.``, ``1.1``, ``a)``; empty for a bullet or a level without a label."""


@dataclass
class _List:
    """A list instance (``w:num``): its definition and the levels it starts anew."""

    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)


def _roman(n: int) -> str:
    out = []
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: a … z, then aa … zz, aaa …"""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def formatted(value: int, numfmt: str) -> str:
    """``value`` written in the number format ``numfmt`` (decimal for one not known).

    >>> [formatted(4, f) for f in ("decimal", "lowerLetter", "upperRoman", "decimalZero")]
    ['4', 'd', 'IV', '04']
    """
    if numfmt == "lowerLetter":
        return _letters(value)
    if numfmt == "upperLetter":
        return _letters(value).upper()
    if numfmt == "lowerRoman":
        return _roman(value)
    if numfmt == "upperRoman":
        return _roman(value).upper()
    if numfmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
"""WordprocessingML's namespace as a tag's prefix (``f"{W}t"``: ``w:t``)."""
_NS = {"w": W[1:-1]}


def _xpath(element: Any, path: str) -> list[Any]:
    """The elements at ``path`` under ``element`` (``./w:lvl``)."""
    return list(element.findall(path, _NS))


def _val(element: Any, path: str) -> str | None:
    """The ``w:val`` of the element at ``path`` under ``element``."""
    found = element.find(path, _NS)
    return None if found is None else found.get(f"{W}val")


def _int(text: str | None, default: int) -> int:
    return int(text) if text is not None and text.lstrip("-").isdigit() else default


class Numbering:
    """The list definitions of a document, counting its list paragraphs in order.

    >>> import docx
    >>> document = docx.Document()
    >>> numbering = Numbering(document)
    >>> p = document.add_paragraph("Train staff", style="List Number")
    >>> numbering.label(p), numbering.label(document.add_paragraph("Next", style="List Number"))
    (Label(depth=0, text='1.'), Label(depth=0, text='2.'))
    >>> numbering.label(document.add_paragraph("Plain")) is None
    True
    """

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, Level]] = {}
        """Each abstract list's levels."""
        self.style_levels: dict[str, tuple[str, int]] = {}
        """A style named by a level (``w:pStyle``): its abstract list and level."""
        self.lists: dict[str, _List] = {}
        self.counts: dict[str, dict[int, int]] = {}
        """The last value of each level of each abstract list."""
        self.started: set[str] = set()
        """List instances already used (their ``w:startOverride`` applied)."""
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # no numbering part
            return
        defining: dict[str, str] = {}
        """A list style (``w:styleLink``): the abstract list that defines its levels."""
        linked: dict[str, str] = {}
        """An abstract list that takes its levels from a list style (``w:numStyleLink``)."""
        for abstract in _xpath(root, "./w:abstractNum"):
            key = str(abstract.get(f"{W}abstractNumId"))
            if (name := _val(abstract, "./w:styleLink")) is not None:
                defining[name] = key
            if (name := _val(abstract, "./w:numStyleLink")) is not None:
                linked[key] = name
            levels = self.levels.setdefault(key, {})
            for lvl in _xpath(abstract, "./w:lvl"):
                ilvl = _int(lvl.get(f"{W}ilvl"), 0)
                levels[ilvl] = Level(
                    start=_int(_val(lvl, "./w:start"), 1),
                    format=_val(lvl, "./w:numFmt") or "decimal",
                    text=_val(lvl, "./w:lvlText") or "",
                    legal=bool(_xpath(lvl, "./w:isLgl")),
                )
                style = _val(lvl, "./w:pStyle")
                if style:
                    self.style_levels[style] = (key, ilvl)
        for num in _xpath(root, "./w:num"):
            abstract_id = _val(num, "./w:abstractNumId")
            if abstract_id is None:
                continue
            abstract_id = defining.get(linked.get(abstract_id, ""), abstract_id)
            overrides = {
                _int(o.get(f"{W}ilvl"), 0): _int(_val(o, "./w:startOverride"), 1)
                for o in _xpath(num, "./w:lvlOverride")
                if _xpath(o, "./w:startOverride")
            }
            self.lists[str(num.get(f"{W}numId"))] = _List(abstract_id, overrides)

    def _num_pr(self, paragraph: Any) -> tuple[str, int | None, str] | None:
        """(numId, ilvl or None, style id) of a paragraph, from itself or its styles."""
        style = paragraph.style if paragraph.style is not None else None
        style_id = str(style.style_id) if style is not None else ""
        chain = [paragraph._p.pPr]
        while style is not None:
            chain.append(style.element.pPr)
            style = style.base_style
        num_id: str | None = None
        ilvl: int | None = None
        for ppr in chain:
            if ppr is None:
                continue
            if num_id is None:
                num_id = _val(ppr, "./w:numPr/w:numId")
            if ilvl is None and (found := _val(ppr, "./w:numPr/w:ilvl")) is not None:
                ilvl = _int(found, 0)
        return (num_id, ilvl, style_id) if num_id is not None else None

    def label(self, paragraph: Any) -> Label | None:
        """What Word draws before ``paragraph``, counting it; None for a paragraph outside a
        list (also ``w:numId`` 0, which takes a style's numbering away) or a list not
        defined."""
        found = self._num_pr(paragraph)
        if found is None or found[0] == "0" or found[0] not in self.lists:
            return None
        num_id, ilvl, style_id = found
        instance = self.lists[num_id]
        key = instance.abstract
        if ilvl is None:
            linked = self.style_levels.get(style_id)
            ilvl = linked[1] if linked is not None and linked[0] == key else 0
        levels = self.levels.get(key, {})
        level = levels.get(ilvl, Level())
        counts = self.counts.setdefault(key, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for at, start in instance.overrides.items():
                counts[at] = start - 1
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [at for at in counts if at > ilvl]:
            del counts[deeper]  # a level restarts after an item of a higher level
        if level.format in (_BULLET, "none"):
            return Label(ilvl, "")

        def value(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            shown = levels.get(at, Level())
            number = counts.get(at, shown.start)
            return formatted(number, "decimal" if level.legal else shown.format)

        return Label(ilvl, re.sub(r"%([1-9])", value, level.text).strip())
