"""Redaction: the same plan with no person's name in it, for publishing.

Every person becomes their post where the plan gives one (``Head of SEND``), or a stable
pseudonym (``Person 3F9A``) where it does not; two people holding the same post keep apart by
the pseudonym's code after the post. Person refs, which are often made from names
(``kellie-williams``), are replaced by ``person-<code>`` everywhere they are used (owners,
sponsors, leads, parent representatives, delivery partners, chairs, members). Every name and
alias is then replaced in every piece of free text (action texts, notes, the source line), so
``Overseen by Kellie Williams`` reads ``Overseen by Director of Education``.

The code is the first hex digits of a SHA-256 of the plan id and the person's ref, so the same
plan always redacts to the same file, and a person keeps their pseudonym when other people are
added or removed. Organisations and boards are not people and keep their names.

>>> from graphmodel.model import Plan
>>> plan = Plan.model_validate({
...     "area": "Exampleshire", "title": "Plan",
...     "people": [{"ref": "ann-lee", "name": "Ann Lee", "post": "Head of SEND"}],
...     "actions": [{"ref": "1", "text": "Ann Lee to brief schools",
...                  "owners": ["person:ann-lee"]}]})
>>> red = redact_plan(plan)
>>> red.people[0].name, red.people[0].post
(None, 'Head of SEND')
>>> red.actions[0].text, red.actions[0].owners[0].party.ref == red.people[0].ref
('Head of SEND to brief schools', True)
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from graphmodel.model import Person, Plan

__all__ = ["name_replacer", "pseudonym_code", "redact_plan", "redacted_labels", "redacted_refs"]

_PERSON_PARTY = "person:"


def pseudonym_code(plan_id: str, ref: str, length: int = 4) -> str:
    """The stable code of a person: hex digits of SHA-256 over the plan id and the ref.

    >>> pseudonym_code("exampleshire", "ann-lee")
    '9020'
    """
    digest = hashlib.sha256(f"{plan_id}\x00{ref}".encode()).hexdigest().upper()
    return digest[:length]


def _codes(plan: Plan) -> dict[str, str]:
    """A code per person ref, lengthened until no two people share one."""
    refs = [p.ref for p in plan.people]
    for length in range(4, 65):
        codes = {ref: pseudonym_code(plan.id, ref, length) for ref in refs}
        if len(set(codes.values())) == len(codes):
            return codes
    raise AssertionError("SHA-256 prefixes of distinct refs cannot all collide")


def redacted_refs(plan: Plan) -> dict[str, str]:
    """The new ref of each person (by their original ref): ``person-<code>``."""
    return {ref: f"person-{code.lower()}" for ref, code in _codes(plan).items()}


def redacted_labels(plan: Plan) -> dict[str, str]:
    """What each person (by ref) is called once redacted: the post, or ``Person CODE``.

    A post held by more than one person gets the code in brackets: ``SEND Lead (3A1F)``.
    """
    codes = _codes(plan)
    posts = Counter(p.post.strip().casefold() for p in plan.people if p.post)
    labels = {}
    for person in plan.people:
        code = codes[person.ref]
        if person.post and posts[person.post.strip().casefold()] == 1:
            labels[person.ref] = person.post.strip()
        elif person.post:
            labels[person.ref] = f"{person.post.strip()} ({code})"
        else:
            labels[person.ref] = f"Person {code}"
    return labels


def _names_pattern(people: list[Person], labels: dict[str, str]) -> Callable[[str], str]:
    """A function replacing every name and alias of every person in a text by their label."""
    spelled: dict[str, str] = {}
    for person in people:
        for name in (person.name, *person.aliases):
            if name and name.strip():
                spelled.setdefault(" ".join(name.split()).casefold(), labels[person.ref])
    if not spelled:
        return lambda text: text
    # Longest first, so "Ann Lee-Smith" is replaced whole before "Ann Lee"; spaces in a name
    # match any run of white space, as in text broken across lines.
    alternatives = sorted(spelled, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)("
        + "|".join(r"\s+".join(map(re.escape, n.split())) for n in alternatives)
        + r")(?!\w)",
        re.IGNORECASE,
    )

    def replace(text: str) -> str:
        return pattern.sub(lambda m: spelled[" ".join(m.group(0).split()).casefold()], text)

    return replace


# Keys whose values are refs (or the plan id), not text: a one-word name that happens to equal
# a ref must not rename it. Person refs among them are rewritten structurally.
_REF_KEYS = frozenset(
    [
        "id",
        "ref",
        "parent",
        "priority",
        "objective",
        "depends_on",
        "addresses",
        "measures",
        "reports_to",
        "sponsor",
        "leads",
        "parent_reps",
        "delivery_partners",
        "owners",
        "party",
        "chair",
        "deputy_chair",
        "members",
        "organisation",
    ]
)


def name_replacer(plan: Plan) -> Callable[[str], str]:
    """A function replacing every name and alias of ``plan``'s people in a text by what
    :func:`redact_plan` calls them (for text made from the plan but outside it, such as an
    import's review report).

    >>> plan = Plan.model_validate({"area": "A", "title": "T",
    ...     "people": [{"ref": "ann", "name": "Ann Lee", "post": "Head of SEND"}]})
    >>> name_replacer(plan)("line 4: Ann  Lee (SEND)")
    'line 4: Head of SEND (SEND)'
    """
    return _names_pattern(plan.people, redacted_labels(plan))


def _walk(value: Any, text: Callable[[str], str]) -> Any:
    """Every string in ``value`` passed through ``text``, except under ref keys."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, list):
        return [_walk(v, text) for v in value]
    if isinstance(value, dict):
        return {k: _refs(v, text) if k in _REF_KEYS else _walk(v, text) for k, v in value.items()}
    return value


def _refs(value: Any, text: Callable[[str], str]) -> Any:
    """A ref value as it is, except the ``reason`` of an inferred link, which is text."""
    if isinstance(value, list):
        return [_refs(v, text) for v in value]
    if isinstance(value, dict):
        return {k: text(v) if k == "reason" and isinstance(v, str) else v for k, v in value.items()}
    return value


def redact_plan(plan: Plan) -> Plan:
    """The plan with every person's name replaced, in their own record and in all text."""
    labels = redacted_labels(plan)
    new_ref = redacted_refs(plan)
    replace_names = name_replacer(plan)

    def person(ref: str | None) -> str | None:
        return new_ref.get(ref, ref) if ref is not None else None

    def party(value: str) -> str:
        if value.startswith(_PERSON_PARTY):
            return _PERSON_PARTY + new_ref.get(value[len(_PERSON_PARTY) :], value)
        return value

    data = plan.model_dump(mode="json", exclude_defaults=True, exclude_none=True)
    data["id"] = plan.id
    for record in data.get("people", []):
        ref = record["ref"]
        record["ref"] = new_ref[ref]
        record.pop("aliases", None)
        record.pop("email", None)  # an email names the person as surely as the name
        if record.get("post"):
            record.pop("name", None)
        else:
            record["name"] = labels[ref]
    for priority in data.get("priorities", []):
        if "sponsor" in priority:
            priority["sponsor"] = person(priority["sponsor"])
        for key in ("leads", "parent_reps"):
            if key in priority:
                priority[key] = [person(r) for r in priority[key]]
        if "delivery_partners" in priority:
            priority["delivery_partners"] = [party(p) for p in priority["delivery_partners"]]
    for action in data.get("actions", []):
        action["owners"] = [
            party(o) if isinstance(o, str) else {**o, "party": party(o["party"])}
            for o in action.get("owners", [])
        ]
    for board in data.get("boards", []):
        for key in ("chair", "deputy_chair"):
            if key in board:
                board[key] = person(board[key])
        if "members" in board:
            board["members"] = [party(m) for m in board["members"]]
    data = _walk(data, replace_names)
    return Plan.model_validate(data)
