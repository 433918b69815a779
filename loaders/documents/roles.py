"""What a table column holds, from its header words or, failing that, from its cells.

Headers are matched loosely: case, punctuation, ``(s)``, plurals and word order are
ignored, and the longest phrase of the vocabulary found in the header wins (``Target date``
is a due date, not a target; ``Action lead`` an owner, not an action).

>>> [role_of_header(h).value for h in ("Lead(s)", "By when?", "RAG", "Measure of success",
...     "What we will do", "Action no.", "Target date", "Senior responsible officer")]
['owner', 'due', 'status', 'measure', 'action', 'ref', 'due', 'accountable']
>>> role_of_header("Shoe size") is Role.OTHER
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from enum import Enum

from loaders.documents.cells import dated
from loaders.documents.refs import REF

__all__ = [
    "RAG_WORDS",
    "Role",
    "content_role",
    "exact_role",
    "header_key",
    "is_label",
    "named_other",
    "role_of_header",
    "roles_of",
]


class Role(str, Enum):
    ACTION = "action"
    REF = "ref"
    OWNER = "owner"
    ACCOUNTABLE = "accountable"
    INVOLVED = "involved"
    DUE = "due"
    START = "start"
    MEASURE = "measure"
    BASELINE = "baseline"
    TARGET = "target"
    STATUS = "status"
    FINDING = "finding"
    PRIORITY = "priority"
    OBJECTIVE = "objective"
    MILESTONE = "milestone"
    RESOURCE = "resource"
    NOTES = "notes"
    DEPENDS = "depends"
    OTHER = "other"


_VOCABULARY: dict[Role, tuple[str, ...]] = {
    Role.ACTION: (
        "action",
        "actions",
        "what we will do",
        "what will we do",
        "what are we going to do",
        "task",
        "activity",
        "key action",
        "planned action",
        "action required",
        "actions required",
        "how we will do it",
        "intervention",
        "next step",
        "step",
        "implementation",
        "what",
        "deliverable",
        "work",
        "description",
        "action description",
        "detail",
    ),
    Role.REF: (
        "ref",
        "reference",
        "no",
        "number",
        "#",
        "action no",
        "action number",
        "id",
        "action ref",
        "action id",
        "action reference",
        "ref no",
        "reference number",
        "item",
        "item no",
        "task id",
    ),
    Role.OWNER: (
        "lead",
        "lead officer",
        "lead person",
        "owner",
        "responsible officer",
        "responsible",
        "who",
        "action lead",
        "action owner",
        "officer",
        "responsible person",
        "lead agency",
        "lead organisation",
        "who is responsible",
        "who will lead",
        "who is leading",
        "led by",
        "responsibility",
        "lead partner",
        "named lead",
        "person",
        "person responsible",
        "assigned to",
        "assignee",
        "resource name",  # MS Project: the people a task is assigned to
    ),
    Role.ACCOUNTABLE: (
        "accountable",
        "senior responsible officer",
        "sro",
        "accountable officer",
        "senior lead",
        "sponsor",
        "executive lead",
        "executive sponsor",
        "senior sponsor",
    ),
    Role.INVOLVED: (
        "involved",
        "who will be involved",
        "partner",
        "supported by",
        "support",
        "supporting",
        "contributor",
        "contributing",
        "consulted",
        "with",
        "supporting officer",
        "support officer",
        "supporting lead",
        "supporting partner",
    ),
    Role.DUE: (
        "timescale",
        "target date",
        "completion date",
        "date",
        "when",
        "by when",
        "deadline",
        "due",
        "due date",
        "end",
        "end date",
        "rev",
        "review date",
        "timeline",
        "timeframe",
        "month",
        "target month",
        "quarter",
        "target quarter",
        "time scale",
        "complete by",
        "date due",
        "by",
        "deliver by",
        "expected completion",
        "finish",
        "finish date",
    ),
    Role.START: ("start", "start date", "from"),
    Role.MEASURE: (
        "success criteria",
        "success measure",
        "measure of success",
        "impact",
        "impact measure",
        "kpi",
        "evidence",
        "outcome measure",
        "measure",
        "how will we know",
        "how we will know",
        "what success looks like",
        "success will look like",
        "performance indicator",
        "evidence of impact",
        "expected impact",
        "expected outcome",
        "how will we measure",
        "indicator",
        "measure impact",
    ),
    Role.BASELINE: (
        "baseline",
        "benchmarking",
        "current position",
        "starting point",
        "where we are now",
    ),
    Role.TARGET: ("target", "target outcome"),
    Role.STATUS: (
        "rag",
        "brag",
        "bragg",
        "status",
        "progress",
        "rag rating",
        "rating",
        "colour",
        "rag colour",
    ),
    Role.FINDING: (
        "finding",
        "addresses",
        "area for improvement",
        "area of weakness",
        "weakness",
        "area of concern",
        "concern",
        "issue",
        "improvement area",
        "area for development",
        "significant weakness",
        "link to finding",
        "linked to",
        "inspection finding",
        "what inspectors found",
        "area linked to",
    ),
    Role.PRIORITY: ("priority", "workstream", "theme", "strand", "priority area", "bucket"),
    Role.OBJECTIVE: (
        "objective",
        "outcome",
        "aim",
        "goal",
        "key objective",
        "what we want to achieve",
    ),
    Role.MILESTONE: ("milestone", "milestones"),
    Role.RESOURCE: ("resource", "resources", "cost", "funding", "budget"),
    Role.DEPENDS: (
        "depends on",
        "dependency",
        "dependencies",
        "dependent on",
        "prerequisite",
        "prerequisites",
        "interdependency",
        "interdependencies",
        "predecessor",
        "predecessors",
    ),
    Role.NOTES: (
        "update",
        "comment",
        "note",
        "progress update",
        "latest update",
        "commentary",
        "progress note",
        "remark",
        "progress comment",
        "comment progress",
        "progress commentary",
        "update progress",
    ),
    Role.OTHER: (
        # dates a tracker keeps about its own rows, not when the action is due: kept as the
        # actions' notes under their header (see loaders.documents.grid)
        "date added",
        "date raised",
        "date created",
        "date opened",
        "date logged",
        "date updated",
        "last updated",
        "date last updated",
        "date of update",
        "date closed",
        # who keeps the tracker, not who does the action (Planner, Monday.com)
        "created by",
        "modified by",
        "completed by",
        "completed date",
        "date completed",
        "checklist item",
        "completed checklist item",
        "created",
        "modified",
    ),
}

_RAG_WORDS_TEXT = (
    "red amber yellow green blue grey gray complete completed done delayed ongoing closed open "
    "achieved embedded ra ag g a r b"
)
RAG_WORDS = frozenset(_RAG_WORDS_TEXT.split()) | {
    "on track",
    "off track",
    "not started",
    "in progress",
    "at risk",
}

_SINGULAR = re.compile(r"(?<=[a-z]{3})s\b")


def header_key(text: str) -> str:
    """A header's words for matching: lower case, ``(s)`` and punctuation dropped, singular."""
    text = text.casefold().replace("(s)", "").replace("’", "'")
    text = re.sub(r"[^a-z0-9#]+", " ", text)
    return " ".join(_SINGULAR.sub("", w) for w in text.split())


def _phrases() -> list[tuple[Role, frozenset[str], int]]:
    out = []
    for role, phrases in _VOCABULARY.items():
        for phrase in phrases:
            words = frozenset(header_key(phrase).split())
            out.append((role, words, len(words)))
    return out


_PHRASES = _phrases()


def named_other(text: str) -> bool:
    """Whether a header names a column the vocabulary knows and gives no role (``Date
    added``): its cells are not read for a role, only kept as notes.

    >>> named_other("Date added"), named_other("Shoe size"), named_other("Due date")
    (True, False, False)
    """
    words = set(header_key(text).split())
    return role_of_header(text) is Role.OTHER and any(
        phrase <= words for role, phrase, _ in _PHRASES if role is Role.OTHER
    )


def exact_role(text: str) -> Role | None:
    """The role whose vocabulary has ``text`` itself as a phrase (case, plurals and
    punctuation ignored), else None: a label written in a cell (``Lead: Sam Lee``), where a
    header's looser reading would take ``Lead Commissioner`` for an owner's label.

    >>> exact_role("Leads"), exact_role("Supported by"), exact_role("Lead Commissioner")
    (<Role.OWNER: 'owner'>, <Role.INVOLVED: 'involved'>, None)
    """
    words = frozenset(header_key(text).split())
    return next((role for role, phrase, _ in _PHRASES if phrase == words), None)


def _best(words: set[str]) -> tuple[Role, frozenset[str]] | None:
    """The role of the longest vocabulary phrase within ``words`` and that phrase; for a
    tie, the vocabulary's order."""
    if "milestone" in words:
        return Role.MILESTONE, frozenset({"milestone"})
    best: tuple[int, int, Role, frozenset[str]] | None = None
    for order, (role, phrase, size) in enumerate(_PHRASES):
        if phrase <= words and (best is None or (size, -order) > best[:2]):
            best = (size, -order, role, phrase)
    return None if best is None else (best[2], best[3])


def role_of_header(text: str) -> Role:
    """The role a header names (:attr:`Role.OTHER` if none)."""
    words = set(header_key(text).split())
    found = _best(words)
    if found is None:
        return Role.OTHER
    role, phrase = found
    if role is not Role.MILESTONE and len(words) > 3 * len(phrase) + 2:
        return Role.OTHER  # a sentence that happens to hold a header word
    return role


_SMALL_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its"}
    | {"of", "on", "or", "our", "the", "this", "to", "we", "will", "with"}
)
"""Words that do not make a header cell a sentence (:func:`is_label`)."""


def is_label(text: str) -> bool:
    """Whether a header cell reads as a column's label: its role's phrase with few words
    beside it (``Lead officer / team``, ``Progress update (as at March 2025)``), not a
    sentence that holds a header word (``Pool budgets for short breaks``: an action's text
    beside its label in a table set out in two columns).

    >>> [is_label(t) for t in ("Lead officer / team", "Total budget (£)",
    ...     "Progress update (as at March 2025)", "Pool budgets for short breaks")]
    [True, True, True, False]
    """
    words = set(header_key(re.sub(r"\(.*?\)", " ", text)).split())
    found = _best(words)
    if found is None:
        return True
    rest = [w for w in words - found[1] if w not in _SMALL_WORDS and not w.isdigit()]
    return len(rest) <= 2 * len(found[1])


def content_role(cells: Sequence[str], is_name: Callable[[str], bool]) -> Role | None:
    """The role of a column with an unknown header, from its cells: mostly dates (due),
    RAG words (status), short refs (ref) or names (owner). None if the cells say nothing."""
    values = [c.strip() for c in cells if c.strip()]
    if len(values) < 2:
        return None
    share = 0.6 * len(values)
    if sum(dated(v) for v in values) >= share:
        return Role.DUE
    if sum(v.casefold().strip(" .") in RAG_WORDS for v in values) >= share:
        return Role.STATUS
    if sum(bool(REF.match(v)) for v in values) >= share:
        return Role.REF
    if sum(is_name(v) for v in values) >= share:
        return Role.OWNER
    return None


def roles_of(header: Sequence[str]) -> list[Role]:
    """The role of each header cell; a role named twice keeps both (``Lead`` and ``Owner``)."""
    return [role_of_header(h) for h in header]
