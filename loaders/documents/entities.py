"""The plan entities of a draft, built one way for both readings of a document.

The block interpretation (:mod:`~loaders.documents.draft`) and the line-by-line reading of
the seed layouts (:mod:`~loaders.documents.build`) recognise different things, but what they
write is the same: findings, owners, a due, measures, links with their basis, and a plan
validated into an :class:`~loaders.documents.report.ImportResult`. This module writes them.

A link or owner the importer *infers* rather than reads (a priority numbered like a finding,
an action ref starting with a finding's number, a blank owner cell under a merged block) is
written in the long form with ``basis: inferred`` and a reason, so that ``coverage
--stated-only`` leaves it out; the review lists it too.

>>> inferred_link("W2", "action ref 2.3 starts with the finding's number")
{'ref': 'W2', 'basis': 'inferred', 'reason': "action ref 2.3 starts with the finding's number"}
>>> link_ref({"ref": "W2", "basis": "inferred"}), link_ref("W1")
('W2', 'W1')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphmodel.errors import Place, PlanError
from graphmodel.model import Basis, FindingKind, OwnerRole
from graphmodel.periods import parse_period
from loaders.documents.cells import date_in_sentence, dated
from loaders.documents.owners import Directory, OwnerPart
from loaders.documents.parties import Parties, generic_organisations
from loaders.documents.report import ImportResult, ReviewItem, ReviewKind, ReviewReport

__all__ = [
    "add_link",
    "area_title_item",
    "due_value",
    "finding_entity",
    "generic_owners",
    "inferred_link",
    "inferred_owners",
    "link_ref",
    "measure_entities",
    "owner_value",
    "plan_result",
]


def area_title_item(area: str, title: str) -> ReviewItem:
    """The review line every draft gets: how the area and title were read."""
    return ReviewItem(
        ReviewKind.LOW_CONFIDENCE,
        None,
        title,
        f"the area was read as {area!r} and the title as {title!r}; correct them if wrong",
    )


def generic_owners(cells: Iterable[str], known: Directory) -> list[ReviewItem]:
    """Read a generic short form in the owner ``cells`` (``Chief Nurse, ICB``) as the one
    organisation of its kind the document names (:func:`~loaders.documents.parties.
    generic_organisations`); the review lists each one read so."""
    return [
        ReviewItem(
            ReviewKind.LOW_CONFIDENCE,
            None,
            short,
            f"{short!r} read as {full!r}, the one organisation of its kind the document names;"
            " correct it if another is meant",
        )
        for short, full in generic_organisations(cells, known).items()
    ]


def inferred_link(ref: str, reason: str) -> dict[str, str]:
    """The long form of a link the importer inferred."""
    return {"ref": ref, "basis": Basis.INFERRED.value, "reason": reason}


def link_ref(link: str | dict[str, str]) -> str:
    """The ref a link (a bare ref or its long form) names."""
    return link if isinstance(link, str) else link["ref"]


def add_link(links: list[Any], link: str | dict[str, str]) -> bool:
    """Append ``link`` unless a link to the same ref is there; True if it was appended."""
    if any(link_ref(x) == link_ref(link) for x in links):
        return False
    links.append(link)
    return True


def finding_entity(ref: str, kind: FindingKind, text: str, parent: str | None) -> dict[str, Any]:
    """A finding of the draft."""
    out: dict[str, Any] = {"ref": ref, "kind": kind.value, "text": text}
    if parent:
        out["parent"] = parent
    return out


def owner_value(part: OwnerPart, parties: Parties, role: OwnerRole | None = None) -> Any:
    """An owner as the draft writes it: the bare party when responsible, else a mapping.
    ``role`` (the column's: accountable, involved) wins over the part's own."""
    party, reason = parties.party_read(part)
    final = role if role in (OwnerRole.INVOLVED, OwnerRole.ACCOUNTABLE) else part.role
    if reason is not None:  # "J. Smith" read as the plan's one Jane Smith
        value = {"party": party, "basis": Basis.INFERRED.value, "reason": reason}
        return value if final is OwnerRole.RESPONSIBLE else {**value, "role": final.value}
    return party if final is OwnerRole.RESPONSIBLE else {"party": party, "role": final.value}


def inferred_owners(owners: Iterable[Any], reason: str) -> list[dict[str, str]]:
    """``owners`` (as :func:`owner_value` writes them) marked inferred, for ``reason``."""
    out = []
    for owner in owners:
        value = {"party": owner} if isinstance(owner, str) else dict(owner)
        value.update(basis=Basis.INFERRED.value, reason=reason)
        out.append(value)
    return out


def due_value(
    written: str, line: int | None, items: list[ReviewItem], place: str | None = None
) -> Any:
    """The due of an action from its cell: a period, or ``{"text": ...}`` when it is none.

    A sentence holding a date gives its last date, and a cell that is no date at all is kept
    as text; either is a low-confidence decision in ``items``.
    """
    due = " ".join(written.split()).strip(" ;") or None
    if due is None:
        return None
    if not dated(due):
        found = date_in_sentence(due)
        message = "the due cell is not a date; kept as text"
        if found is not None:
            message = f"the due cell is a sentence; its last date {found!r} is taken as the due"
            due = found
        items.append(ReviewItem(ReviewKind.LOW_CONFIDENCE, line, written, message, place))
    try:
        parse_period(due)
    except ValueError:
        return {"text": due}
    return due


def measure_entities(
    owner_ref: str, texts: Iterable[str], baseline: str = "", target: str = ""
) -> list[dict[str, Any]]:
    """Measures ``<owner_ref>-M<n>``; the first takes the baseline and target."""
    out: list[dict[str, Any]] = []
    for k, text in enumerate(texts, start=1):
        m: dict[str, Any] = {"ref": f"{owner_ref}-M{k}", "text": text}
        if k == 1 and baseline:
            m["baseline"] = baseline
        if k == 1 and target:
            m["target"] = target
        out.append(m)
    return out


def plan_result(
    data: dict[str, Any], source: str, shapes: list[str], items: list[ReviewItem]
) -> ImportResult:
    """The draft validated by :func:`loaders.base.validate` (integrity warnings allowed: a
    draft is for a human to finish) with its review report, ``items`` in line order."""
    from loaders.base import validate

    items.sort(key=lambda i: (i.line or 0, i.kind.value))
    result = validate(data, source, lambda loc: Place(path=".".join(map(str, loc))))
    if result.plan is None:
        raise PlanError(result.problems)
    return ImportResult(
        result.plan, ReviewReport(source, shapes, items, actions=len(data["actions"]))
    )
