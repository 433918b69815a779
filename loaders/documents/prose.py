"""Recognising the prose around the tables: findings lists, priorities with their sponsors
and leads, lettered sections, boards and who reports to whom, tables of board members.

:class:`ProseReader` is fed the lines that are not table rows, in document order, and says
for each whether it placed it (:meth:`ProseReader.feed` returns True).

* **Findings lists.** A line that introduces findings (``areas for improvement``,
  ``significant weakness``, ``areas which the partnership must address``, ``strengths``,
  ``benefit from``, ``headline`` / ``detailed findings``) is followed by a list (``1.``,
  ``-``, ``•``): each item is a finding of that kind. Bullets under a numbered item are its
  detailed findings, ref ``<n>.<k>``. Blank lines and running headers do not end a list.
* **Lettered sections** ``A. The timeliness of EHC plans`` name the finding that the rows
  with refs ``A – 1`` answer: an existing finding with similar words, else a new one.
* **Priorities.** ``Priority 2: …`` / ``Workstream 2: …`` headings, then ``Strategic
  Sponsor:``, ``Senior Accountable sponsor:``, ``Lead Officer:``, ``Parent rep:``,
  ``Delivery partners:``, ``Outcome:`` lines; a quotation ``Ofsted and CQC said: "…"``
  under the heading links the priority to the finding it quotes.
* **Boards.** Names ending in Board are collected; ``X … accountable to / reports (in)to
  the Y`` makes X report to Y.
* **Members.** A ``Name | Role | Organisation`` table gives people, their posts and
  organisations; a row with a blank name continues the row above.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from graphmodel.model import FindingKind
from loaders.documents.governance import read_governance
from loaders.documents.text import Line
from loaders.names import name_key

__all__ = ["FindingRecord", "PersonRecord", "PriorityRecord", "ProseReader", "similar"]


def similar(a: str, b: str) -> float:
    """How alike two texts are, 0 to 1, on their name keys.

    >>> round(similar("the timeliness of EHC plans", "The timeliness of EHC Plans."), 2)
    1.0
    """
    return difflib.SequenceMatcher(None, name_key(a), name_key(b), autojunk=False).ratio()


@dataclass
class FindingRecord:
    line: int
    ref: str
    kind: FindingKind
    text: str
    number: str | None = None
    parent: str | None = None
    letter: str | None = None


@dataclass
class PersonRecord:
    name: str | None
    post: str | None = None
    organisation: str | None = None


@dataclass
class PriorityRecord:
    line: int
    ref: str
    title: str
    outcome: str | None = None
    sponsors: list[PersonRecord] = field(default_factory=list)
    leads: list[PersonRecord] = field(default_factory=list)
    parent_reps: list[PersonRecord] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    """Refs of the headline findings listed under the heading."""
    sections: dict[str, list[str]] = field(default_factory=dict)
    """Capitalised sections under the heading (``AIMS:``, ``CURRENT POSITION:``) -> bullets."""


_INTROS: tuple[tuple[FindingKind, re.Pattern[str]], ...] = (
    # "Many strengths were also identified ...": strengths, unless the line also speaks of
    # what must be addressed or improved
    (
        FindingKind.STRENGTH,
        re.compile(r"^(?!.*(must address|weakness|improvement|concern)).*\bstrengths?\b", re.I),
    ),
    (FindingKind.ADDITIONAL_CONCERN, re.compile(r"must address|also identified", re.I)),
    (FindingKind.SIGNIFICANT_WEAKNESS, re.compile(r"significant (area of )?weakness", re.I)),
    (
        FindingKind.AREA_FOR_IMPROVEMENT,
        re.compile(r"areas? (for|of) (improvement|development)", re.I),
    ),
    (FindingKind.HEADLINE_FINDING, re.compile(r"headline findings?", re.I)),
    (FindingKind.DETAILED_FINDING, re.compile(r"detailed findings?", re.I)),
    (FindingKind.STRENGTH, re.compile(r"strengths?\b.*:|benefit from:?\s*$", re.I)),
)
_PREFIX = {
    FindingKind.AREA_FOR_IMPROVEMENT: "AFI",
    FindingKind.SIGNIFICANT_WEAKNESS: "SW",
    FindingKind.ADDITIONAL_CONCERN: "AC",
    FindingKind.STRENGTH: "S",
    FindingKind.HEADLINE_FINDING: "H",
    FindingKind.DETAILED_FINDING: "D",
    FindingKind.PRIORITY_ACTION: "PA",
}
_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*)$")
_BULLET = re.compile(r"^\s*[-•*·]\s+(\S.*)$")
_SUBNUMBERED = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\s+(?:\1\.\2\s+)?(\S.*)$")
_LETTERED = re.compile(r"^\s*([A-H])\.\s+([A-Z].{10,})$")
_PRIORITY = re.compile(r"^\s*(Priority|Workstream)\s*(\d+)\s*[:.–-]\s*(\S.*)$", re.I)
_FIELD = re.compile(
    r"^\s*(strategic sponsor|senior accountable sponsor|sponsor|lead officers?|leads?|"
    r"parent (?:and/or carer )?rep(?:resentative)?s?|delivery partners|outcome)\s*:\s*(\S.*)$",
    re.I,
)
_CAPS_HEADING = re.compile(r"^\s*([A-Z][A-Z &/-]{2,40}):;?\s*(.*)$")
_QUOTE = re.compile(r"(?:said|told us)\s*:?\s*[“\"](.+?)[”\"]?\s*$", re.I)
_NAME_WORD = re.compile(r"^[A-Z][a-zA-Z'’-]+$")


def person_from(text: str) -> PersonRecord:
    """A sponsor or lead line: ``Post – Name``, ``Name (Post)`` or ``Name Post``.

    >>> person_from("Head of Service – Louise Atkin")
    PersonRecord(name='Louise Atkin', post='Head of Service', organisation=None)
    >>> person_from("Wendi Ogle-Welbourn DCS & Chair of the Board").name
    'Wendi Ogle-Welbourn'
    """
    text = " ".join(text.split()).strip(" .")
    parts = [p.strip() for p in re.split(r"\s+[–—-]\s*|[–—]\s*|-\s+", text) if p.strip()]
    if len(parts) >= 2 and _is_name(parts[-1]):
        return PersonRecord(parts[-1], " – ".join(parts[:-1]))
    bracket = re.match(r"^(.+?)\s*\((.+)\)$", text)
    if bracket and _is_name(bracket.group(1)):
        return PersonRecord(bracket.group(1), bracket.group(2))
    opened = re.match(r"^(.+?)\s*\((.+)$", text)  # "Name (Post" cut by a "/"
    if opened and _is_name(opened.group(1)):
        return PersonRecord(opened.group(1), opened.group(2).strip(" ()"))
    words = text.split()
    if len(words) >= 2 and _is_name(" ".join(words[:2])):
        n = 3 if len(words) > 3 and _is_name(" ".join(words[:3])) and words[2].istitle() else 2
        return PersonRecord(" ".join(words[:n]), " ".join(words[n:]) or None)
    return PersonRecord(None, text)


_NOT_NAME = set(
    "head director of and the for service services council board lead".split()  # noqa: SIM905
)


def _is_name(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 3
        and all(_NAME_WORD.match(w) for w in words)
        and not any(w.casefold() in _NOT_NAME for w in words)
    )


class ProseReader:
    """The findings, priorities, boards and people named outside the action tables."""

    def __init__(self) -> None:
        self.findings: list[FindingRecord] = []
        self.priorities: list[PriorityRecord] = []
        self.boards: dict[str, str] = {}
        self.reports_to: list[tuple[str, str]] = []
        self.people: list[PersonRecord] = []
        self.letters: dict[str, str] = {}
        """Section letter -> finding ref."""
        self._list: FindingKind | None = None
        self._list_item: FindingRecord | None = None
        self._members = False
        self._pending_quote = False
        self._section: list[str] | None = None

    # -- findings ------------------------------------------------------------------------
    def add_finding(
        self, line: int, kind: FindingKind, text: str, number: str | None, parent: str | None
    ) -> FindingRecord:
        prefix = _PREFIX[kind]
        if parent is not None and number is not None:
            ref = number
        else:
            n = number or str(1 + sum(1 for f in self.findings if f.kind is kind))
            ref = f"{prefix}-{n}"
            while any(f.ref == ref for f in self.findings):
                ref += "'"
        record = FindingRecord(line, ref, kind, text, number, parent)
        self.findings.append(record)
        if kind is FindingKind.HEADLINE_FINDING and self.priorities:
            self.priorities[-1].findings.append(ref)
        return record

    def finding_like(self, text: str, threshold: float = 0.6) -> FindingRecord | None:
        """The finding whose text is most like ``text`` (at least ``threshold``)."""
        scored = [(similar(text, f.text), f) for f in self.findings]
        best = max(scored, key=lambda s: s[0], default=None)
        if best is not None and best[0] >= threshold:
            return best[1]
        # a shortened quotation: the finding that starts like the text
        key = name_key(text)[:60]
        return next((f for f in self.findings if key and name_key(f.text).startswith(key)), None)

    def _section_heading(self, numbered: re.Match[str]) -> bool:
        """A numbered line that goes back in the count and is a few words without a full
        stop: a section heading that ends the list, not a finding."""
        last = self._list_item.number if self._list_item is not None else None
        words = numbered.group(2).split()
        return (
            last is not None
            and last.isdigit()
            and int(numbered.group(1)) <= int(last)
            and len(words) <= 5
            and not numbered.group(2).rstrip().endswith(".")
        )

    def _list_line(self, line: Line) -> bool:
        assert self._list is not None
        text = line.text
        numbered, bullet = _NUMBERED.match(text), _BULLET.match(text)
        if numbered and self._section_heading(numbered):
            numbered = None  # "2. Next steps" after item 9: the document's next section
        if numbered:
            self._list_item = self.add_finding(
                line.number, self._list, numbered.group(2), numbered.group(1), None
            )
            return True
        if bullet and self._list_item is not None and self._list_item.number is not None:
            parent = self._list_item
            k = 1 + sum(1 for f in self.findings if f.parent == parent.ref)
            self.add_finding(
                line.number,
                FindingKind.DETAILED_FINDING,
                bullet.group(1),
                f"{parent.number}.{k}",
                parent.ref,
            )
            return True
        if bullet:
            self.add_finding(line.number, self._list, bullet.group(1), None, None)
            return True
        self._list, self._list_item = None, None
        return False

    # -- the line ------------------------------------------------------------------------
    def feed(self, line: Line, in_table: bool = False) -> bool:
        """Read one line; True if it was placed."""
        text = line.text
        if line.is_blank:
            return True
        if self._members:
            if self._member_row(line):
                return True
            self._members = False
        if line.is_tabular and _is_members_header(line.cells):
            self._members = True
            return True
        if self._list is not None and self._list_line(line):
            return True
        if self._section is not None:
            if (bullet := _BULLET.match(text)) is not None:
                self._section.append(bullet.group(1))
                return True
            self._section = None
        if (caps := _CAPS_HEADING.match(text)) is not None:
            return self._caps_heading(line, caps.group(1), caps.group(2))
        placed = False
        for kind, pattern in _INTROS:
            introduces = text.rstrip().endswith(":") or re.search(r"\b(following|below)\b", text)
            if pattern.search(text) and introduces:
                self._list, self._list_item = kind, None
                placed = True
                break
        placed = self._governance(text) or placed
        if (sub := _SUBNUMBERED.match(text)) and not line.is_tabular:
            ref = f"{sub.group(1)}.{sub.group(2)}"
            if any(f.ref == ref for f in self.findings):
                return True
        if (lettered := _LETTERED.match(text)) and not line.is_tabular:
            letter, title = lettered.groups()
            found = self.finding_like(title, 0.5)
            if found is None:
                found = self.add_finding(
                    line.number, FindingKind.SIGNIFICANT_WEAKNESS, title, None, None
                )
            found.letter = letter
            self.letters[letter] = found.ref
            return True
        if (heading := _PRIORITY.match(text)) and not line.is_tabular:
            word, number, title = heading.groups()
            ref = f"{word[0].upper()}{number}"
            if not any(p.ref == ref for p in self.priorities):
                self.priorities.append(PriorityRecord(line.number, ref, title.strip()))
                return True
        if self.priorities and (fld := _FIELD.match(text)):
            self._priority_field(fld.group(1).casefold(), fld.group(2))
            return True
        if self.priorities and (quote := _QUOTE.search(text)):
            self.priorities[-1].quotes.append(quote.group(1))
            return True
        return placed

    def _caps_heading(self, line: Line, heading: str, rest: str) -> bool:
        """``HEADLINE FINDINGS:`` (a list follows), ``HEADLINE FINDING: text`` (one
        finding), ``DETAILED FINDINGS:; a; b`` (items inline), ``AIMS:`` (a section)."""
        items = [i for i in rest.split("; ") if i.strip()]
        kind = next((k for k, pattern in _INTROS if pattern.search(heading + ":")), None)
        if kind is not None:
            for item in items:
                self.add_finding(line.number, kind, item, None, None)
            if not items:
                self._list, self._list_item = kind, None
            return True
        if not self.priorities:
            return False
        self._section = self.priorities[-1].sections.setdefault(heading.title(), [])
        self._section += items
        return True

    def feed_members(self, line: Line) -> bool:
        """Read a row of a table of people (or its header); False for any other row."""
        if _is_members_header(line.cells):
            self._members = True
            return True
        if self._members and self._member_row(line):
            return True
        self._members = False
        return False

    def _priority_field(self, name: str, value: str) -> None:
        priority = self.priorities[-1]
        if "sponsor" in name:
            for part in re.split(r"\s*[;/]\s*", value):
                if part.strip(" ()"):
                    priority.sponsors.append(person_from(part))
                    self.people.append(priority.sponsors[-1])
        elif name.startswith("lead"):
            for part in re.split(r"\s*[;/]\s*|\s+and\s+", value):
                if part:
                    priority.leads.append(person_from(part))
                    self.people.append(priority.leads[-1])
        elif name.startswith("parent"):
            priority.parent_reps.append(person_from(value))
            self.people.append(priority.parent_reps[-1])
        elif name.startswith("delivery"):
            priority.partners += [p.strip() for p in re.split(r",(?![^()]*\))", value) if p.strip()]
        elif name == "outcome" and priority.outcome is None:
            priority.outcome = value

    def _governance(self, text: str) -> bool:
        said = read_governance(text)
        if said is None:
            return False
        for n in said.boards:
            self.boards.setdefault(name_key(n), n)
        self.reports_to += said.reports_to
        return bool(said.reports_to)

    def _member_row(self, line: Line) -> bool:
        if not line.is_tabular:
            return False
        cells = [*line.cells, "", "", ""]
        name, post, org = cells[0], cells[1], cells[2]
        if name and (post or org):
            self.people.append(PersonRecord(name, post or None, org or None))
            return True
        if not name and self.people:
            last = self.people[-1]
            if post:
                last.post = f"{last.post or ''} {post}".strip()
            if org:
                last.organisation = f"{last.organisation or ''} {org}".strip()
            return True
        return _is_members_header(line.cells)


def _is_members_header(cells: tuple[str, ...]) -> bool:
    from loaders.documents.shapes import membership_header

    return membership_header(cells)
