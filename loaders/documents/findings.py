"""Findings written in a document, and the finding refs that actions name.

A finding is written as a heading, a paragraph or a list item that names its kind and
often its number (``Area of significant weakness 1: …``, ``Weakness W1: …``, ``Area for
improvement 3 – …``, ``AFI 2: …``), or as an item of a list introduced by a line naming
the kind (``The inspection identified these areas for improvement:``).

>>> f = finding_heading("Area of significant weakness 2: The quality of EHC plans")
>>> f.kind.value, f.number, f.text
('significant_weakness', '2', 'The quality of EHC plans')
>>> finding_heading("Weakness W1 – Waiting times for therapy").number
'W1'
>>> finding_heading("Our actions") is None
True
>>> intro_kind("Inspectors found the following areas for improvement:").value
'area_for_improvement'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphmodel.model import FindingKind
from loaders.names import name_key

__all__ = ["FindingRec", "Findings", "finding_alone", "finding_heading", "intro_kind", "kind_of"]

_KINDS: tuple[tuple[FindingKind, str], ...] = (
    (
        FindingKind.SIGNIFICANT_WEAKNESS,
        r"(?:areas?\s+of\s+)?significant\s+(?:areas?\s+of\s+)?weakness(?:es)?|"
        r"(?:areas?\s+of\s+)?weakness(?:es)?|SW|AoSW|ASW",
    ),
    (
        FindingKind.AREA_FOR_IMPROVEMENT,
        r"areas?\s+(?:for|of|requiring)\s+(?:improvement|development|focus)|improvement\s+areas?|"
        r"AFI|AfI|AoI|area\s+to\s+improve",
    ),
    (
        FindingKind.ADDITIONAL_CONCERN,
        r"(?:areas?\s+of\s+)?(?:additional\s+|significant\s+)?concerns?",
    ),
    (  # a PAP: no finding; "Areas for priority action" (Ofsted and CQC's 2023 framework)
        FindingKind.PRIORITY_ACTION,
        r"(?:areas?\s+(?:for|of|requiring)\s+)?priority\s+actions?(?!\s+plan)",
    ),
    (FindingKind.HEADLINE_FINDING, r"(?:headline\s+|key\s+|inspection\s+)?findings?"),
    (FindingKind.STRENGTH, r"strengths?"),
)
_NUMBER = r"(?:no\.?\s*)?([A-Za-z]{0,4}[ -]?\d{1,2}(?:\.\d{1,2})?[a-z]?|[IVX]{1,4}|[A-H])"
_KIND_WORDS = "|".join(f"(?:{p})" for _, p in _KINDS)
_HEAD = re.compile(
    rf"^\s*(?P<kind>{_KIND_WORDS})\s*(?:{_NUMBER}?\s*[:.)–—-]|"
    rf"(?P<bare>(?:no\.?\s*)?[A-Za-z]{{0,4}}[ -]?\d{{1,2}}(?:\.\d{{1,2}})?[a-z]?)\s)"
    rf"\s*(?P<text>[A-Z(‘'\"“].{{8,}})$",
    re.I,
)
_ALONE = re.compile(rf"^\s*(?P<kind>{_KIND_WORDS})\s*{_NUMBER}\s*[:.]?\s*$", re.I)
_PREFIX = {
    FindingKind.AREA_FOR_IMPROVEMENT: "AFI",
    FindingKind.SIGNIFICANT_WEAKNESS: "SW",
    FindingKind.ADDITIONAL_CONCERN: "AC",
    FindingKind.STRENGTH: "S",
    FindingKind.HEADLINE_FINDING: "F",
    FindingKind.DETAILED_FINDING: "D",
    FindingKind.PRIORITY_ACTION: "PA",
}


def kind_of(text: str) -> FindingKind | None:
    """The finding kind a phrase names, or None."""
    for kind, pattern in _KINDS:
        if re.search(rf"\b(?:{pattern})\b", text, re.I):
            if kind is FindingKind.STRENGTH and re.search(r"weakness|improv|concern", text, re.I):
                continue
            return kind
    return None


@dataclass
class FindingRec:
    ref: str
    kind: FindingKind
    text: str
    line: int
    number: str | None = None
    parent: str | None = None
    from_table: bool = False


def finding_heading(text: str) -> FindingRec | None:
    """A finding written as ``<kind> [<number>]: <text>``, or None."""
    match = _HEAD.match(" ".join(text.split()))
    if match is None:
        return None
    kind = kind_of(match.group("kind"))
    if kind is None or kind is FindingKind.STRENGTH:
        return None
    number = match.group(2) or match.group("bare")
    number = number.replace(" ", "").replace("-", "") if number else None
    return FindingRec("", kind, match.group("text").strip(), 0, number)


_INTRO_VERBS = re.compile(
    r"\b(identified|found|following|below|these|were|are|inspectors?|inspection|report|"
    r"said|judged|highlighted|needs? to|must)\b",
    re.I,
)


def finding_alone(text: str) -> FindingRec | None:
    """A heading naming a finding's kind and number with its text to follow
    (``Area of significant weakness 1``); the record has no text yet."""
    match = _ALONE.match(" ".join(text.split()))
    if match is None or not re.search(r"\d|^[IVX]+$", match.group(2)):
        return None
    kind = kind_of(match.group("kind"))
    if kind is None or kind is FindingKind.STRENGTH:
        return None
    return FindingRec("", kind, "", 0, match.group(2).replace(" ", "").replace("-", ""))


def intro_kind(text: str) -> FindingKind | None:
    """The kind of findings a lead-in or a heading introduces (``Areas for improvement``,
    ``The inspection found these significant weaknesses:``), or None."""
    kind = kind_of(text)
    if kind is None:
        return None
    words = len(text.split())
    if text.rstrip().endswith(":") or words <= 6 or _INTRO_VERBS.search(text):
        return kind
    return None


def _norm(ref: str) -> str:
    return re.sub(r"[^a-z0-9.]", "", ref.casefold())


@dataclass
class Findings:
    """The findings of a document, in order, with their refs."""

    items: list[FindingRec] = field(default_factory=list)

    def add(self, rec: FindingRec, line: int, parent: str | None = None) -> FindingRec:
        rec.line, rec.parent = line, parent
        if rec.number and re.match(r"^[A-Za-z]+\d", rec.number):
            ref = rec.number.upper()
        elif parent is not None and rec.number:
            ref = rec.number
        else:
            n = rec.number or str(
                1 + sum(1 for f in self.items if f.kind is rec.kind and not f.parent)
            )
            ref = f"{_PREFIX[rec.kind]}-{n}"
        while any(f.ref == ref for f in self.items):
            ref += "'"
        rec.ref = ref
        self.items.append(rec)
        return rec

    def by_token(self, token: str) -> FindingRec | None:
        """The finding a written ref names: ``W1``, ``SW-1``, ``AFI 2``, ``1``."""
        key = _norm(token)
        if not key:
            return None
        for f in self.items:
            if _norm(f.ref) == key or (f.number and _norm(f.number) == key and not f.parent):
                return f
        digits = re.sub(r"^[a-z]+", "", key)
        if digits and digits != key:
            hits = [
                f
                for f in self.items
                if not f.parent and f.number and re.sub(r"^[a-z]+", "", _norm(f.number)) == digits
            ]
            if len({f.kind for f in hits}) == 1 and hits:
                return hits[0]
        return None

    def by_position(self, token: str) -> FindingRec | None:
        """The finding a bare number names by its place in the list, for findings listed
        without numbers (``1`` in an ``Area for development`` column: the first area for
        development listed, ``AFI-1``), when one kind of finding (strengths aside) has that
        place; None otherwise. A link so read is inferred, not stated.

        >>> listed = Findings()
        >>> for kind in (FindingKind.STRENGTH, FindingKind.AREA_FOR_IMPROVEMENT):
        ...     _ = listed.add(FindingRec("", kind, "Leaders know the area", 0), 1)
        >>> listed.by_token("1") is None, listed.by_position("1").ref
        (True, 'AFI-1')
        """
        key = _norm(token)
        if not key.isdigit():
            return None
        hits = [
            f
            for f in self.items
            if not f.parent
            and not f.number
            and f.kind is not FindingKind.STRENGTH
            and re.sub(r"^[a-z]+", "", _norm(f.ref)) == key
        ]
        return hits[0] if len({f.kind for f in hits}) == 1 else None

    def like(self, text: str, threshold: float = 0.55) -> FindingRec | None:
        """The finding whose text is most like ``text``."""
        import difflib

        key = name_key(text)
        best: tuple[float, FindingRec] | None = None
        for f in self.items:
            other = name_key(f.text)
            ratio = difflib.SequenceMatcher(None, key, other, autojunk=False).ratio()
            if (
                other
                and (key.startswith(other[:60]) or other.startswith(key[:60]))
                and len(key) > 15
            ):
                ratio = max(ratio, 0.9)
            if best is None or ratio > best[0]:
                best = (ratio, f)
        return best[1] if best is not None and best[0] >= threshold else None


_TOKEN = re.compile(
    r"\[([^\]]{1,20})\]|\((?:addresses\s+|finding\s+)?((?:[A-Z]{1,4}[ -]?\d{1,2}[a-z]?)"
    r"(?:\s*[,/&]\s*[A-Z]{1,4}[ -]?\d{1,2}[a-z]?)*)\)"
)


def refs_in_text(text: str) -> tuple[list[str], str]:
    """Finding refs written in an action's text (``[W1]``, ``(AFI 2)``) and the text without
    them.

    >>> refs_in_text("Publish the local offer [W1, W3]")
    (['W1', 'W3'], 'Publish the local offer')
    """
    refs: list[str] = []
    for m in _TOKEN.finditer(text):
        refs += [
            t.strip() for t in re.split(r"[,/&;]|\band\b", m.group(1) or m.group(2)) if t.strip()
        ]
    return refs, " ".join(_TOKEN.sub(" ", text).split()).strip(" ;,")
