"""The draft's boards: who chairs each, how often it meets and whom it reports to, from
the document's governance tables (``Board | Chair | Frequency | Reports to``:
:func:`board_tables`) and from its governance sentences (:func:`read_boards`, read by
:func:`~loaders.documents.governance.read_governance`). Both readings put what they read into
the boards through one function, and list it in the review for a human to check.
"""

from __future__ import annotations

from typing import Any

from loaders.documents.blocks import Block, BlockKind
from loaders.documents.governance import Governance, cadence_of, read_governance
from loaders.documents.layouts import BoardField, BoardRow
from loaders.documents.owners import split_owner_cell
from loaders.documents.parties import Parties
from loaders.documents.report import ReviewItem, ReviewKind
from loaders.names import PERSON, name_key

__all__ = ["board_tables", "read_boards"]


def read_boards(
    blocks: list[Block],
    used: set[int],
    parties: Parties,
    priorities: list[dict[str, Any]],
    items: list[ReviewItem],
) -> None:
    """The boards, reporting lines, chairs and cadences that paragraphs no record used say
    (:func:`~loaders.documents.governance.read_governance`): each such paragraph is placed,
    and what was read from it is listed for a human to check. The boards the plan itself
    reports to are those of every priority that names none."""
    plan_boards: list[str] = []
    for b in blocks:
        if b.is_table or b.kind is BlockKind.BREAK or b.line in used or not b.text:
            continue
        said = read_governance(b.text)
        if said is None or not said.says_anything:
            continue
        used.add(b.line)
        read = _governance(said, parties)
        refs = {name: parties.board(name) for name in said.boards}
        plan_boards += [
            refs[name] for name in said.plan_reports_to if refs[name] not in plan_boards
        ]
        read += [f"the plan reports to {name}" for name in said.plan_reports_to]
        items.append(
            ReviewItem(
                ReviewKind.LOW_CONFIDENCE,
                b.line,
                b.text,
                "governance read from the text: " + "; ".join(read),
                b.place,
            )
        )
    for priority in priorities:
        if plan_boards and not priority.get("reports_to"):
            priority["reports_to"] = list(plan_boards)


def _governance(said: Governance, parties: Parties) -> list[str]:
    """Put what ``said`` says into the draft's boards; what was read, for the review."""
    boards = parties.entities["board"]
    refs = {name: parties.board(name) for name in said.boards}
    read = []
    for child, parent in said.reports_to:
        ups = boards[name_key(child)].setdefault("reports_to", [])
        if refs[parent] not in ups:
            ups.append(refs[parent])
        read.append(f"{child} reports to {parent}")
    for name, who in said.chairs.items():
        chair = next(iter(split_owner_cell(who, parties.known)), None)
        if chair is not None and chair.kind == PERSON:
            boards[name_key(name)].setdefault(
                "chair", parties.person(chair.name, chair.post, chair.organisation)
            )
            read.append(f"{name} chaired by {who}")
    for name, cadence in said.cadences.items():
        boards[name_key(name)].setdefault("cadence", cadence.value)
        read.append(f"{name} meets {cadence.value}")
    return read


def board_tables(rows: list[BoardRow], parties: Parties, items: list[ReviewItem]) -> None:
    """The boards of the document's governance tables (``Board | Chair | Frequency | Reports
    to``), each row listed in the review with what was read from it."""
    for row in rows:
        name = row.cells[BoardField.BOARD]
        said = Governance([name])
        parent = row.cells.get(BoardField.REPORTS_TO, "")
        if parent:
            said.boards.append(parent)
            said.reports_to.append((name, parent))
        if row.cells.get(BoardField.CHAIR):
            said.chairs[name] = row.cells[BoardField.CHAIR]
        written = row.cells.get(BoardField.CADENCE, "")
        cadence = cadence_of(written)
        if cadence is not None:
            said.cadences[name] = cadence
        read = _governance(said, parties) or [f"board {name}"]
        if written and cadence is None:
            read.append(f"{written!r} is no cadence actiongraph knows: set the board's cadence")
        board = parties.entities["board"][name_key(name)]
        for part in split_owner_cell(row.cells.get(BoardField.MEMBERS, ""), parties.known):
            member = parties.party(part)
            if member not in board.setdefault("members", []):
                board["members"].append(member)
        items.append(
            ReviewItem(
                ReviewKind.LOW_CONFIDENCE,
                row.line,
                row.text,
                "governance read from the table: " + "; ".join(read),
                row.place,
            )
        )
