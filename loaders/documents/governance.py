"""Governance sentences: which board reports to which, who chairs it and how often it meets.

Plans describe their governance in prose, not tables: "Progress will be reported monthly to the
SEND Improvement Board, chaired by the Director of Children's Services, which reports
quarterly to the Eastshire Health and Wellbeing Board." :func:`read_governance` reads one
such sentence:

* **Boards** are capitalised names ending in Board or Committee (``The``, ``A`` and a
  possessive in front dropped): ``SEND Improvement Board``.
* **Reports to.** ``X reports (quarterly) to Y``, ``reporting into``, ``accountable to``,
  ``which reports to``: the board named last before the verb reports to the first named
  after it. With no board before the verb (``Progress will be reported to Y``, ``This plan
  is accountable to Y``) the plan itself reports to Y: :attr:`Governance.plan_reports_to`.
* **Chair.** ``Y, chaired by Z`` (also ``chaired by Z`` right after naming Y, and ``Z
  chairs Y``): Z, a name or a post, up to the next comma or ``which``/``and``.
* **Cadence.** A cadence word of :data:`CADENCES` (``monthly``, ``every quarter``, ``every
  six weeks``) in the clause that reports to Y, or ``Y meets monthly``, is how often Y
  hears: :class:`~graphmodel.model.Cadence`.

>>> g = read_governance("Progress will be reported monthly to the SEND Improvement Board, "
...     "chaired by the Director of Children's Services, which reports quarterly to the "
...     "Eastshire Health and Wellbeing Board.")
>>> g.boards
['SEND Improvement Board', 'Eastshire Health and Wellbeing Board']
>>> g.reports_to, g.plan_reports_to
([('SEND Improvement Board', 'Eastshire Health and Wellbeing Board')], ['SEND Improvement Board'])
>>> g.chairs, {b: c.value for b, c in g.cadences.items()}
({'SEND Improvement Board': "Director of Children's Services"}, {'SEND Improvement Board': \
'monthly', 'Eastshire Health and Wellbeing Board': 'quarterly'})
>>> read_governance("We will recruit two more educational psychologists.") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphmodel.model import Cadence

__all__ = ["CADENCES", "Governance", "cadence_of", "read_governance"]

_BOARD = re.compile(r"((?:[A-Z0-9][\w&'’-]*\s+(?:(?:and|of|for)\s+)?){0,7}(?:Board|Committee))\b")
_LEADING = re.compile(r"^(?:The|the|A|An|(?!Children|People)[A-Z]\w+[’']s)\s+")
"""What goes before a board's name: an article, a place's possessive (``Warrington's``; not
``Children's``)."""
_REPORTS = re.compile(
    r"\b(?:accountable|(?:is\s+|are\s+|will\s+be\s+)?report(?:s|ed|ing)?)"
    r"(?P<between>(?:\s+\w+){0,3}?)\s+(?:in)?to\b",
    re.I,
)
_CHAIRED = re.compile(r"\bchaired\s+by\s+(?:the\s+)?(?P<who>[^,;.]+?)(?=\s*(?:,|;|\.|$|\bwhich\b))")
_CHAIRS = re.compile(r"(?P<who>[A-Z][^,;.]*?)\s+chairs\s+(?:the\s+)?$")
CADENCES: dict[str, Cadence] = {c.value.replace("_", " "): c for c in Cadence} | {
    "bimonthly": Cadence.BI_MONTHLY,
    "every two months": Cadence.BI_MONTHLY,
    "every six weeks": Cadence.SIX_WEEKLY,
    "every 6 weeks": Cadence.SIX_WEEKLY,
    "6 weekly": Cadence.SIX_WEEKLY,
    "every month": Cadence.MONTHLY,
    "every week": Cadence.WEEKLY,
    "every term": Cadence.TERMLY,
    "every quarter": Cadence.QUARTERLY,
    "twice yearly": Cadence.SIX_MONTHLY,
    "twice a year": Cadence.SIX_MONTHLY,
    "biannually": Cadence.SIX_MONTHLY,
    "yearly": Cadence.ANNUALLY,
    "annual": Cadence.ANNUALLY,
}
"""Cadence words as written, casefolded with hyphens and underscores as spaces: the values
(``bi monthly``, ``six monthly``) and other spellings (``every quarter``, ``twice a year``),
in sentences and in a governance table's frequency cells (:func:`cadence_of`)."""
_CADENCE_WORDS = "|".join(
    r"[\s_-]+".join(map(re.escape, words.split()))
    for words in sorted(CADENCES, key=len, reverse=True)
)
_CADENCE = re.compile(rf"\b({_CADENCE_WORDS})\b", re.I)
_PLAN = re.compile(
    r"\b(?:progress|plan|priorit\w*|workstreams?|we|updates?|actions?|each one)\b", re.I
)
"""Words of a sentence whose subject is the plan, not a board: ``Progress will be reported
to``, ``Every priority reports to``."""
_MEETS = re.compile(
    r"[\s,]*(?:(?:which|that|and|it)\s+)?meets\s+(?:at\s+least\s+)?"
    rf"({_CADENCE_WORDS})(?![\w-])",
    re.I,
)


@dataclass
class Governance:
    """What one sentence says about the boards (their names as written, in order)."""

    boards: list[str]
    reports_to: list[tuple[str, str]] = field(default_factory=list)
    plan_reports_to: list[str] = field(default_factory=list)
    chairs: dict[str, str] = field(default_factory=dict)
    cadences: dict[str, Cadence] = field(default_factory=dict)

    @property
    def says_anything(self) -> bool:
        """More than a board's name: a line to place, not a mention to leave alone."""
        return bool(self.reports_to or self.plan_reports_to or self.chairs or self.cadences)


def cadence_of(text: str) -> Cadence | None:
    """The cadence ``text`` (a table's frequency cell, a cadence word) names; None when it
    is none of :data:`CADENCES`.

    >>> cadence_of("Every Quarter"), cadence_of("Bi-monthly"), cadence_of("every six weeks")
    (<Cadence.QUARTERLY: 'quarterly'>, <Cadence.BI_MONTHLY: 'bi_monthly'>, \
<Cadence.SIX_WEEKLY: 'six_weekly'>)
    >>> cadence_of("every three weeks") is None
    True
    """
    return CADENCES.get(_words(text))


def _words(text: str) -> str:
    """``text`` as :data:`CADENCES` keys it: casefolded, hyphens and underscores as spaces,
    one space between words."""
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


def _boards(text: str) -> list[tuple[int, int, str]]:
    found = []
    for m in _BOARD.finditer(text):
        raw = " ".join(m.group(1).split())
        lead = _LEADING.match(raw)
        name = raw[lead.end() :] if lead else raw
        if len(name.split()) >= 2 and name.split()[0][:1].isupper():
            found.append((m.start() + (len(m.group(1)) - len(m.group(1).lstrip())), m.end(), name))
    return found


def read_governance(text: str) -> Governance | None:
    """What ``text`` (one sentence or paragraph) says about boards; None when it names no
    board (see the module)."""
    boards = _boards(text)
    if not boards:
        return None
    found = Governance(list(dict.fromkeys(name for _, _, name in boards)))
    for verb in _REPORTS.finditer(text):
        after = [b for b in boards if b[0] >= verb.end()]
        if not after or text[verb.end() : after[0][0]].strip().lower() not in ("", "the"):
            continue  # "reporting to it ... the Board": the board must follow the verb
        target = after[0][2]
        before = [b for b in boards if b[1] <= verb.start()]
        clause_start = before[-1][1] if before else 0  # from the last board before the verb
        sentence = re.split(r"[.;:]\s", text[: verb.start()])[-1]
        if re.search(r"\b(?:whether|not|if)\b", sentence, re.I):
            continue  # "does not say whether X reports to Y"
        subject = text[clause_start : verb.start()]
        new_sentence = re.search(r"[.;]\s", subject) is not None
        pronoun = re.match(r"\s*(?:it|this board|the board)\b", sentence, re.I) is not None
        if before and (not new_sentence or pronoun):  # "... Board. It reports to ..."
            if before[-1][2] != target:
                found.reports_to.append((before[-1][2], target))
        elif _PLAN.search(sentence):
            found.plan_reports_to.append(target)
        else:
            continue
        cadence = _CADENCE.search(verb.group("between")) or _CADENCE.search(
            text[max(clause_start, verb.start() - 12) : verb.start()]
        )  # "reported monthly to", "Quarterly reports to"
        if cadence is not None:
            found.cadences.setdefault(target, CADENCES[_words(cadence.group(1))])
    for chaired in _CHAIRED.finditer(text):
        before = [b for b in boards if b[1] <= chaired.start()]
        who = _LEADING.sub("", chaired.group("who").strip())
        if before and who:
            found.chairs.setdefault(before[-1][2], who)
    for start, _, name in boards:
        chairs = _CHAIRS.search(text[:start])
        if chairs is not None:
            found.chairs.setdefault(name, _LEADING.sub("", chairs.group("who").strip()))
    for _, end, name in boards:
        meets = _MEETS.match(text, end)
        if meets is not None:
            found.cadences.setdefault(name, CADENCES[_words(meets.group(1))])
    return found
