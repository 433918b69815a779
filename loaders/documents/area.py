"""The title and the area of a document, from its own opening words.

The title is the first heading (or, with none, the first paragraph) before any table or
list, joined with the headings of the same level right after it (a title set over several
lines). The area is a place named in the title or the opening text: ``Devon's …``, ``…
in Southend``, ``Stockport Local Area``, ``Leicester City Council``; never a running
header (readers drop those) or a table caption (tables are not read for it).

>>> from loaders.documents.blocks import Block, BlockKind, Row
>>> blocks = [Block(BlockKind.HEADING, "Cheshire East", 1, level=1),
...     Block(BlockKind.HEADING, "Written Statement of Action", 2, level=1),
...     Block(BlockKind.PARAGRAPH, "The local area of Cheshire East was inspected.", 3)]
>>> title_and_area(blocks, "plan.docx")
('Cheshire East Written Statement of Action', 'Cheshire East', [1, 2])
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from loaders.documents.blocks import Block, BlockKind, Row
from loaders.documents.cells import dated
from loaders.documents.text import Line

__all__ = ["NOT_AREA", "extracted_title", "named_in_cells", "published_in", "title_and_area"]

_PLACE = (
    r"((?:St\.? |Isles? of )?[A-Z][a-z]+(?:[ -](?:and|&|upon|on|under|le)?[ -]?[A-Z][a-z]+){0,3})"
)
"""A place's name of up to four words, joined by ``and`` or ``&`` (``Cheshire & Merseyside``,
``Stoke-on-Trent``), perhaps a saint's or an isle's (``St Helens``, ``Isle of Wight``)."""
_PATTERNS = (
    re.compile(_PLACE + r"(?:'s|’s)\s"),
    re.compile(
        _PLACE + r"\s+(?:local area|Local Area|SEND|Special|Written|Joint|area|Area|"
        r"County|City|Borough|Metropolitan|Council|Children|Partnership|Local|"
        r"Accelerated|Priority|Improvement|Inclusion)\b"
    ),
    re.compile(r"\b(?:in|across|of|for)\s+(?:the\s+)?" + _PLACE + r"\b"),
)
_NOT_TEXT = (
    "Inspection Contents The This Our Local Area Children Young People Council "
    "Education Partnership Board Service Services Health Written Statement Action "
    "Plan Parent Parents Carers Leaders School Schools National Government England "
    "Strategic Joint Priority Improvement Care Quality Commission Special Needs "
    "Ofsted Send Disabilities Educational Accelerated Progress Weakness Weaknesses "
    "Significant Areas Introduction Summary January February March April May June "
    "July August September October November December Spring Summer Autumn We Plans "
    "Term Update Next County City Borough Integrated Trust Foundation Department "
    "Families Family Hubs Workstream Workstreams Position Theme Themes Outcome Outcomes "
    "Objective Objectives What When Where Who How Why Dear Green Amber Blue Grey Complete "
    "Completed Version Owner Updated Instructions Guidance Tracker Contact Lead Leads Actions "
    "Status Timescale Timescales Deadline Due Date Ref Measure Measures Success Evidence Impact "
    "Milestone Milestones Risk Risks Notes Comments Following Progress Red "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Post "
)
NOT_AREA = frozenset(_NOT_TEXT.split())
"""Capitalised words of plans that name no area (``Priority``, ``Written``, ``Workstream``):
never taken as the area, by either reading of a document."""


def _candidates(text: str) -> list[str]:
    out = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            name = m.group(1)
            words = name.replace("-", " ").split()
            while words and words[0] in NOT_AREA:
                words = words[1:]
            while words and words[-1] in NOT_AREA | {"and", "&", "upon", "on"}:
                words = words[:-1]
            if words and (len(words[0]) > 2 or (words[0] in ("St", "St.") and len(words) > 1)):
                out.append(" ".join(words) if "-" not in name else name)
    return out


def _above_header(blocks: list[Block], actions: set[int]) -> list[Row]:
    """The rows of one cell (of at most 30 words) that the first table with a header opens
    with, when the document opens with tables: a spreadsheet has no paragraphs, so its title
    is a row across the top of the sheet of actions, the first table with a row on one of
    the ``actions``' lines (not an instructions sheet or a dashboard before it), else of the
    first table with a header."""
    if not blocks or blocks[0].kind is not BlockKind.TABLE:
        return []
    from loaders.documents.grid import header_row

    headed = [b for b in blocks if b.kind is BlockKind.TABLE and header_row(b.rows) is not None]
    table = next(
        (b for b in headed if any(r.line in actions for r in b.rows)),
        headed[0] if headed else None,
    )
    rows: list[Row] = []
    for row in table.rows if table is not None else ():
        filled = [c for c in row.cells if c]
        if len(filled) != 1 or len(filled[0].split()) > 30:
            break
        if _names_finding(filled[0]) or _SECTION.match(filled[0]):
            break  # a finding or a priority heading the rows below: not the title
        rows.append(row)
    return rows


_NAMES_PLAN = re.compile(r"\bplan\b|statement of action|\bWSoA\b|\bstrategy\b", re.I)


def _names_finding(text: str) -> bool:
    """Whether ``text`` heads a finding or a list of them (``Area of significant weakness
    1``, ``Priority action 2: …``, ``Areas for improvement``), not the plan: a title naming
    a plan whose words name a kind of finding (``SEND Priority Action Plan``) is a title.

    >>> _names_finding("Areas for improvement"), _names_finding("Felsham Priority Action Plan")
    (True, False)
    """
    from loaders.documents.findings import finding_alone, finding_heading, kind_of

    if finding_heading(text) is not None or finding_alone(text) is not None:
        return True
    return kind_of(text) is not None and _NAMES_PLAN.search(text) is None


_MAIL_HEADER = re.compile(
    r"^(From|Sent|To|Cc|Date|Subject)\s*:\s*(?:(?:RE|FW|FWD)\s*:\s*)*(.*)$", re.I
)
"""A line of an email's header, pasted with its text (``Subject: RE: Updated actions``)."""
_NUMBERED = re.compile(r"^\s*[A-Z]?\d+(?:\.\d+)+[a-z]?\b")
"""A line opening with an action's ref (``1.1 Recruit ...``): an action, not the title."""
_SECTION = re.compile(
    r"^\s*(?:priority|workstream|theme|objective|outcome|action|area)\b[\w ]{0,20}\d", re.I
)


def title_and_area(
    blocks: list[Block], fallback: str, actions: Iterable[int] = ()
) -> tuple[str, str, list[int]]:
    """(title, area, lines of the title); ``actions``: the lines actions were read from."""
    opening: list[Block] = []
    for b in blocks:
        if b.kind in (BlockKind.TABLE, BlockKind.ITEM):
            break
        if b.kind is not BlockKind.BREAK:
            opening.append(b)
        if len(opening) >= 12:
            break
    # a priority's or finding's heading opening the document names that, not the plan
    opening = [
        b
        for b in opening
        if not (_SECTION.match(b.text) or _NUMBERED.match(b.text) or _names_finding(b.text))
    ]
    heads = [b for b in opening if b.is_heading]
    title_lines: list[int] = []
    title = ""
    if heads:
        top = min(h.level for h in heads)
        first = next(i for i, b in enumerate(opening) if b.is_heading and b.level == top)
        parts: list[str] = []
        for b in opening[first:]:
            if b.is_heading and b.level == top and len(parts) < 6:
                parts.append(b.text)
                title_lines.append(b.line)
            else:
                break
        title = " ".join(parts)
    if not title:
        paragraphs = [b for b in opening if b.kind is BlockKind.PARAGRAPH]
        headers = [(b, _MAIL_HEADER.match(b.text)) for b in paragraphs]
        subject = next(((b, m) for b, m in headers if m and m.group(1).lower() == "subject"), None)
        first_para = next((b for b, m in headers if m is None and len(b.text.split()) <= 30), None)
        if subject is not None:  # a pasted email: its subject, not its sender
            title, title_lines = subject[1].group(2), [subject[0].line]
        elif first_para is not None:
            title, title_lines = first_para.text, [first_para.line]
    above = _above_header(blocks, set(actions)) if not title else []
    if above:  # a tracker's sheet: the one-cell rows it opens with, a title and its details
        title, title_lines = above[0].text, [above[0].line]
    title = title or fallback
    prose = " ".join(
        [b.text for b in blocks if b.kind is not BlockKind.TABLE] + [r.text for r in above]
    )
    found = _candidates(title)
    if found:
        counts = Counter(found)
        area = max(counts, key=lambda c: (prose.count(c), counts[c], len(c)))
        return title, area, title_lines
    found = _candidates(" ".join(b.text for b in opening[:12]))
    if not found:
        found = _candidates(prose[:20000])
    if found:
        counts = Counter(found)
        return title, max(counts, key=lambda c: (counts[c], prose.count(c))), title_lines
    # nothing names a place: the place the cells name, else the file's name (the review says
    # to check it), never the most frequent capitalised word ("Thursday", "Offer", "Data")
    return title, _in_cells(blocks) or fallback, title_lines


_BODY = re.compile(
    _PLACE + r"\s+(?:(?:Borough|County|City|Metropolitan)\s+)?(?:Council|Parent Carer Forum|ICB)\b"
)
_COUNCIL_EMAIL = re.compile(r"@([a-z][a-z-]{2,})\.gov\.uk\b", re.I)


def _in_cells(blocks: list[Block]) -> str | None:
    """The place a table's cells name most, for a document that is only tables (a tracker
    exported as CSV): a council's, forum's or ICB's name (``Kingsmere Parent Carer Forum``)
    or a council's email domain (``jo.bloggs@kingsmere.gov.uk``). None if none.

    >>> from loaders.documents.blocks import Block, BlockKind, Row
    >>> rows = [Row(["Ref", "Lead"], 1, ""), Row(["1.1", "jo@kingsmere.gov.uk"], 2, "")]
    >>> _in_cells([Block(BlockKind.TABLE, line=1, place="", rows=rows)])
    'Kingsmere'
    """
    return named_in_cells(cell for b in blocks for r in b.rows for cell in r.cells)


def named_in_cells(cells: Iterable[str]) -> str | None:
    """The place ``cells`` name most as a council, forum or ICB, or a council's email
    domain; the last resort for the area, by both readings of a document."""
    found: Counter[str] = Counter()
    for cell in cells:
        found.update(m.group(1) for m in _BODY.finditer(cell))
        found.update(m.group(1).title() for m in _COUNCIL_EMAIL.finditer(cell))
    places = [p for p, _ in found.most_common() if p.split()[0] not in NOT_AREA]
    return places[0] if places else None


# -- the title of text extracted line by line (the seed-shape reading) ------------------
_PLAN_WORDS = re.compile(
    r"statement of action|\bresponse\b|\bplan\b|strategy|\bWSoA\b|improvement", re.I
)
_PLAN_PHRASE = re.compile(
    r"\b(?:this|the|our)\s+((?:joint\s+)?Written Statement of Action(?:\s*\(WSoA\))?"
    r"|(?:SEND\s+)?(?:improvement|action)\s+plan)",
    re.I,
)


def _title_case(text: str) -> bool:
    """Whether most words longer than three letters are capitalised (a title, not a
    sentence)."""
    long = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return bool(long) and sum(w[0].isupper() for w in long) >= 0.6 * len(long)


def extracted_title(lines: list[Line], fallback: str) -> str:
    """The document's title: the first short paragraph of its opening (a title set over
    several lines joined), one naming a plan or response before any other; with none, the
    plan the opening text names (``This joint Written Statement of Action …``)."""
    paragraphs: list[str] = []
    current: list[str] = []
    bold = False
    for ln in lines[:80]:
        text = ln.text.strip()
        joins = bool(current) and (bold or text[:1].islower())
        if current and not joins:
            paragraphs.append(" ".join(current))
            current = []
        if ln.is_tabular or not text or re.match(r"^[-•*]\s", text):
            bold = False
            continue
        if not current:
            bold = ln.raw.lstrip().startswith("**")
        if bold and ln.raw.rstrip().endswith("**") and (current or len(ln.raw.strip()) > 4):
            bold = False
        current.append(text.strip("* "))
    if current:
        paragraphs.append(" ".join(current))
    short = [
        p
        for p in paragraphs[:12]
        if 3 <= len(p.split()) <= 30
        and not p.rstrip().endswith((".", ":", ";"))
        and ". " not in p
        and _title_case(p)
        and not re.match(r"(?i)(table of )?contents$", p)
        and not re.match(r"^\d+\.\s", p)
    ]
    named = [p for p in short if _PLAN_WORDS.search(p)]
    if named:
        return named[0]
    if short:
        return short[0]
    for p in paragraphs:
        found = _PLAN_PHRASE.search(p)
        if found is not None:
            return "\0" + found.group(1)  # to be prefixed with the area
    return fallback


_PUBLISHED = re.compile(
    r"(?i)^\s*(?:date\s+(?:of\s+)?(?:publication|published|issued?)|publication\s+date"
    r"|published(?:\s+on)?|issued(?:\s+on)?|version\s+date|(?:last\s+)?updated(?:\s+on)?)"
    r"\s*[:–—-]?\s+(?P<date>\S.*?)\s*\.?$"
)
"""A line that says when the document was published: ``Published: September 2024``,
``Date of publication – 12/09/2024``, ``Last updated 3 March 2025``."""


def published_in(blocks: list[Block], used: set[int]) -> tuple[str, Block] | None:
    """When the document says it was published, and the line that says so: the first
    paragraph or heading before its first table that is such a line with a dated period
    (a line after the plan's tables may be an action's update)."""
    for block in blocks:
        if block.is_table:
            return None
        if block.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING) and block.line not in used:
            found = _PUBLISHED.match(block.text)
            if found is not None and dated(found["date"]):
                return found["date"], block
    return None
