"""Redaction: the same plan with no person's name in it, for publishing.

Every person becomes their post where the plan gives one (``Head of SEND``), or a stable
pseudonym (``Person 3F9A``) where it does not; two people holding the same post keep apart by
the pseudonym's code after the post. Person refs, which are often made from names
(``kellie-williams``), are replaced by ``person-<code>`` everywhere they are used (owners,
sponsors, leads, parent representatives, delivery partners, chairs, members). Every name and
alias is then replaced in every piece of free text (action texts, notes, the source line), so
``Overseen by Kellie Williams`` reads ``Overseen by Director of Education``; so are email
addresses (a person's becomes what they are called, any other ``[email withheld]``) and UK
telephone numbers (``[phone withheld]``), which name a person as surely.

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
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from graphmodel.model import Action, Milestone, PartyKind, Plan, unique_ref
from graphmodel.personal_names import EMAIL, WITHHELD, Names
from graphmodel.relations import COLLECTIONS, RELATIONS, Item, relations_of
from graphmodel.schema import NodeKind

__all__ = [
    "WITHHELD",
    "Redaction",
    "name_replacer",
    "pseudonym_code",
    "redact_plan",
    "redacted_labels",
    "redacted_refs",
]

_PERSON_PARTY = f"{PartyKind.PERSON.value}:"


def pseudonym_code(plan_id: str, ref: str, length: int = 4) -> str:
    """The stable code of a person: hex digits of SHA-256 over the plan id and the ref.

    >>> pseudonym_code("exampleshire", "ann-lee")
    '9020'
    """
    digest = hashlib.sha256(f"{plan_id}\x00{ref}".encode()).hexdigest().upper()
    return digest[:length]


def _codes(plan: Plan, corpus: str = "") -> dict[str, str]:
    """A code per person ref, lengthened until no two people share one and no pseudonym
    (``Person CODE``) is already written anywhere in the plan."""
    refs = [p.ref for p in plan.people]
    # the hex written after "person " (a pseudonym, or the start of a longer one) and in
    # brackets, found once rather than the whole corpus searched for every code
    written = re.findall(r"person ([0-9a-f]+)|\(([0-9a-f]+)\)", corpus.casefold())
    after = {w for w, _ in written if w}
    bracketed = {b for _, b in written if b}
    for length in range(4, 65):
        codes = {ref: pseudonym_code(plan.id, ref, length) for ref in refs}
        if len(set(codes.values())) == len(codes) and not any(
            c.casefold() in bracketed or any(w.startswith(c.casefold()) for w in after)
            for c in codes.values()
        ):
            return codes
    raise AssertionError("SHA-256 prefixes of distinct refs cannot all collide")


def redacted_refs(plan: Plan) -> dict[str, str]:
    """The new ref of each person (by their original ref): ``person-<code>``."""
    return _new_refs(_codes(plan, _corpus(plan)))


def _new_refs(codes: dict[str, str]) -> dict[str, str]:
    return {ref: f"person-{code.lower()}" for ref, code in codes.items()}


def _corpus(plan: Plan) -> str:
    """Every piece of text in ``plan`` but refs (for words written in lower case, and
    collisions with pseudonyms)."""
    out: list[str] = []

    def walk(value: Any, scope: _Scope) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            for v in value:
                walk(v, scope)
        elif isinstance(value, dict):
            for k, v in value.items():
                if k not in scope.refs and k != "kind":  # refs are often made from names
                    walk(v, scope.inner(k))

    walk(plan.model_dump(mode="json", exclude_defaults=True, exclude_none=True), _PLAN)
    return _APART.join(out)  # a name found by its shape never runs on into the next text


_APART = "\n\x00\n"
"""What separates two texts of the plan in its corpus: no white space alone, so that a run
of capitalised words never reaches from the end of one text into the next."""


def _labels(
    plan: Plan, names: Names, codes: dict[str, str], refs: dict[str, str]
) -> tuple[dict[str, str], set[str]]:
    """What each person is called once redacted: their post (names in it replaced), else
    ``Person CODE``; a post held by several people gets the code in brackets. And the people
    (refs) whose post another holds too."""
    pseudonyms = {ref: f"Person {code}" for ref, code in codes.items()}
    clean = names.replacer(pseudonyms, refs)  # pseudonyms name no one: posts become name-free
    posts = {p.ref: clean(p.post.strip()) for p in plan.people if p.post and p.post.strip()}
    held = Counter(post.casefold() for post in posts.values())
    labels = {}
    for person in plan.people:
        code = codes[person.ref]
        post = posts.get(person.ref)
        if post and held[post.casefold()] == 1:
            labels[person.ref] = post
        elif post:
            labels[person.ref] = f"{post} ({code})"
        else:
            labels[person.ref] = pseudonyms[person.ref]
    sharing = {ref for ref, post in posts.items() if post and held[post.casefold()] > 1}
    return labels, sharing


def redacted_labels(plan: Plan) -> dict[str, str]:
    """What each person (by ref) is called once redacted: the post, or ``Person CODE``.

    A post held by more than one person gets the code in brackets: ``SEND Lead (3A1F)``;
    a name in a post (``Deputy to Ann Lee``) is replaced as in any text.
    """
    return Redaction(plan).labels


class Redaction:
    """Everything redacting ``plan`` needs, worked out once per plan: its names (and their
    one regular expression), the people's codes, new refs and what each is called; the text
    replacer (:attr:`hide`) and the redacted plan (:attr:`plan`). A command that redacts
    both the plan and text made from it (warnings, a review report) builds one.

    >>> from graphmodel.model import Plan
    >>> red = Redaction(Plan.model_validate({"area": "A", "title": "T",
    ...     "people": [{"ref": "ann-lee", "name": "Ann Lee", "post": "Head of SEND"}]}))
    >>> red.hide("Ann Lee agreed"), red.refs, red.plan.people[0].post
    ('Head of SEND agreed', {'ann-lee': 'person-a816'}, 'Head of SEND')
    """

    def __init__(self, plan: Plan, *versions: Plan) -> None:
        everyone = _versions_merged(plan, versions)
        corpus = _APART.join(_corpus(p) for p in (plan, *versions))
        self.original = plan
        self.names = Names(everyone, corpus)
        self.codes = _codes(everyone, corpus)
        self.refs = _new_refs(self.codes)
        """The new ref of each person, by their original ref."""
        self.labels, self.sharing = _labels(everyone, self.names, self.codes, self.refs)
        """What each person is called, by their original ref; and who shares a post."""
        self.hide = _scrubber(everyone, self)
        """Every name, email address and telephone number in a text replaced."""

    @cached_property
    def plan(self) -> Plan:
        """The plan with every person's name replaced, in their own record and in all
        text."""
        return _redacted(self, self.original)

    def of(self, version: Plan) -> Plan:
        """``version`` (the plan or one of the other ``versions`` this redaction was built
        with) redacted as the plan is: a person keeps one ref and one label in every
        version, so comparing two redacted versions shows no change that redaction made.

        Bo Ray joined in the new version; the old one names him in text only:

        >>> from graphmodel.model import Plan
        >>> def v(*people): return Plan.model_validate({"area": "A", "title": "T",
        ...     "people": people, "actions": [{"ref": "1", "text": "Ann Lee, Bo Ray"}]})
        >>> ann, bo = {"ref": "al", "name": "Ann Lee"}, {"ref": "bo", "name": "Bo Ray",
        ...                                              "post": "Head of SEND"}
        >>> red = Redaction(v(ann, bo), v(ann))
        >>> red.of(v(ann)).actions[0].text == red.plan.actions[0].text
        True
        >>> red.plan.actions[0].text.endswith(", Head of SEND")
        True
        """
        return self.plan if version is self.original else _redacted(self, version)


def _versions_merged(plan: Plan, versions: tuple[Plan, ...]) -> Plan:
    """``plan`` with the people, organisations and boards of its other ``versions`` added
    (its own records first): the names to hide in any of them. A person of several versions
    is one record, the names other versions give them kept as aliases."""
    if not versions:
        return plan
    people = {p.ref: p for p in plan.people}
    for version in versions:
        for person in version.people:
            known = people.get(person.ref)
            if known is None:
                people[person.ref] = person
                continue
            said = {n.casefold() for n in (known.name, *known.aliases) if n}
            more = [n for n in (person.name, *person.aliases) if n and n.casefold() not in said]
            if more:
                people[person.ref] = known.model_copy(update={"aliases": [*known.aliases, *more]})

    def union(name: str) -> list[Any]:
        seen: dict[str, Any] = {}
        for version in (plan, *versions):
            for entity in getattr(version, name):
                seen.setdefault(entity.ref, entity)
        return list(seen.values())

    return plan.model_copy(
        update={
            "people": list(people.values()),
            "organisations": union("organisations"),
            "boards": union("boards"),
        }
    )


@dataclass(frozen=True)
class _Scope:
    """Where a dict sits in a dumped plan: which of its keys hold refs (or the plan id), not
    text -- a one-word name that happens to equal a ref must not rename it -- and the scopes
    of the entities listed under its other keys. Made from the relation table, so a new
    relation is never taken for text."""

    refs: frozenset[str] = frozenset()
    lists: tuple[tuple[str, _Scope], ...] = ()

    def inner(self, key: str) -> _Scope:
        return next((scope for k, scope in self.lists if k == key), _TEXT)


_TEXT = _Scope()
"""A dict of text (the inspection, the status scale)."""


def _entity_scope(kind: NodeKind) -> _Scope:
    rows = relations_of(kind)
    refs = frozenset({"ref", *(r.field for r in rows if r.is_ref)})
    held = tuple((r.field, _entity_scope(r.target)) for r in rows if r.item is Item.ENTITY)
    return _Scope(refs, held)


_PLAN = _Scope(
    frozenset({"id"}),
    tuple((name, _entity_scope(kind)) for kind, name in COLLECTIONS.items()),
)
"""The scope of a dumped plan."""


def name_replacer(plan: Plan) -> Callable[[str], str]:
    """A function replacing every name of ``plan``'s people in a text by what
    :func:`redact_plan` calls them (for text made from the plan but outside it, such as an
    import's review report): see :class:`~graphmodel.personal_names.Names`. One pass,
    longest first, so a replacement is never replaced again.

    >>> plan = Plan.model_validate({"area": "A", "title": "T",
    ...     "people": [{"ref": "ann", "name": "Ann Lee", "post": "Head of SEND"}]})
    >>> name_replacer(plan)("line 4: Ann  Lee (SEND)")
    'line 4: Head of SEND (SEND)'
    """
    return Redaction(plan).hide


def _scrubber(plan: Plan, red: Redaction) -> Callable[[str], str]:
    """:func:`name_replacer` for the redaction ``red`` of ``plan``."""
    labels = red.labels
    replace = red.names.replacer(labels, red.refs)
    by_email = {
        p.email.strip().casefold(): labels[p.ref]
        for p in plan.people
        if p.email and p.email.strip()
    }

    def email(match: re.Match[str]) -> str:
        return by_email.get(match.group(0).casefold(), EMAIL_WITHHELD)

    def scrub(text: str) -> str:
        if "@" in text:  # before the names: a name inside an address would leave the rest
            text = EMAIL.sub(email, text)
        return replace(_PHONE.sub(PHONE_WITHHELD, text))

    return scrub


_PHONE = re.compile(
    r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?\d{2,4}|\(0\d{2,4}\)|0\d{2,4})[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)"
)
"""A UK telephone number in free text, in its usual groups: 0 or +44 and an area code, then
two groups of three or four digits (``01234 567890``, ``07700-900123``,
``+44 (0)20 7946 0018``, ``(01632) 960018``); an age range and years (``0-25 2024-2025``)
are not one."""
EMAIL_WITHHELD = "[email withheld]"
"""What an email address in free text becomes, unless it is a person's of the plan (then it
becomes what they are called)."""
PHONE_WITHHELD = "[phone withheld]"


def _walk(
    value: Any,
    text: Callable[[str], str],
    refs: Callable[[Any], Any],
    scope: _Scope = _PLAN,
) -> Any:
    """``value`` (a dumped plan, or part of one in ``scope``) with every ref field's value
    passed through ``refs`` and every other string through ``text``."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, list):
        return [_walk(v, text, refs, scope) for v in value]
    if isinstance(value, dict):
        return {
            k: refs(v) if k in scope.refs else _walk(v, text, refs, scope.inner(k))
            for k, v in value.items()
        }
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
    return Redaction(plan).plan


def _redacted(red: Redaction, plan: Plan) -> Plan:
    """:attr:`Redaction.plan`, or :meth:`Redaction.of` another version ``plan``."""
    labels, new_ref, replace_names = red.labels, red.refs, red.hide

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
            if ref in red.sharing:  # a post several people hold: told apart in every
                record["name"] = labels[ref]  # picture, as in text, by the code
        else:
            record["name"] = labels[ref]
    for r in RELATIONS:  # every field that can name a person
        if NodeKind.PERSON not in r.targets or not r.is_ref:
            continue
        rewrite = party if r.party else person
        for record in data.get(COLLECTIONS[r.holder], []):
            if r.field not in record:
                continue
            if not r.many:
                record[r.field] = rewrite(record[r.field])
            elif r.item is Item.OWNER:
                record[r.field] = [
                    party(o) if isinstance(o, str) else {**o, "party": party(o["party"])}
                    for o in record[r.field]
                ]
            else:
                record[r.field] = [rewrite(v) for v in record[r.field]]
    data = _walk(data, replace_names, lambda v: _refs(v, replace_names))
    for action, record in zip(plan.actions, data.get("actions", []), strict=True):
        _keep_status_word(plan, action, record, replace_names)
        for milestone, inner in zip(action.milestones, record.get("milestones", []), strict=True):
            _keep_status_word(plan, milestone, inner, replace_names)
    by_word = red.names.part_labels(labels)
    renamed = _renamed_refs(data, replace_names, by_word)
    if renamed:
        data = _walk(data, str, lambda v: _rename(v, renamed))  # refs only: text is done
    return Plan.model_validate(data)


def _keep_status_word(
    plan: Plan, entity: Action | Milestone, record: dict[str, Any], hide: Callable[[str], str]
) -> None:
    """The status word of ``entity``'s status cell kept as written in its redacted
    ``record`` (a colour is a surname too: ``Green`` for Amy Green must stay a RAG status);
    the rest of the cell (a note, a date) is redacted as any text."""
    text = entity.status
    reading = plan.read_status(text)
    if text is None or reading is None or reading.value is None or not reading.word:
        return
    start = text.find(reading.word)
    if start < 0:
        return
    end = start + len(reading.word)
    record["status"] = hide(text[:start]) + text[start:end] + hide(text[end:])


_LISTS = tuple(name for kind, name in COLLECTIONS.items() if kind is not NodeKind.PERSON)


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-") or "x"


def _coded(ref: str) -> Callable[[int], str]:
    """Suffixes that keep a renamed ref apart: the ref's hash code, once per try."""
    code = hashlib.sha256(ref.encode()).hexdigest()[:4]
    return lambda n: f"-{code}" * (n - 1)


def _renamed_refs(
    data: dict[str, Any], hide: Callable[[str], str], by_word: dict[str, str]
) -> dict[str, str]:
    """New refs for entities (not people, renamed already) whose ref spells a name
    (``health-leads-louise-adams``): the ref read as words, redacted, made a ref again. A
    word of a ref that is a part of a person's name (``by_word``, casefolded) goes in any
    case and place (``smith-group``)."""
    taken = {str(e.get("ref")) for name in _LISTS for e in data.get(name, [])}
    renamed: dict[str, str] = {}
    for name in _LISTS:
        for entity in data.get(name, []):
            ref = str(entity.get("ref", ""))
            words = re.sub(r"[-_]+", " ", ref).title()
            # every word that is a part of a name goes, whatever stands beside it: in a ref
            # titled, "hall" beside "Team" would pass for the Hall of a place
            hidden = " ".join(by_word.get(w.casefold(), w) for w in hide(words).split())
            if hidden == words:
                continue
            new = unique_ref(_slug(hidden), taken, suffix=_coded(ref))
            taken.add(new)
            renamed[ref] = new
    return renamed


def _rename(value: Any, renamed: dict[str, str]) -> Any:
    """A ref field's value renamed: a ref, ``kind:ref``, a list of them, or the long form of a
    link (``ref``) or an owner (``party``)."""
    if isinstance(value, str):
        kind, sep, ref = value.rpartition(":")
        if sep and ref in renamed:
            return f"{kind}:{renamed[ref]}"
        return renamed.get(value, value)
    if isinstance(value, list):
        return [_rename(v, renamed) for v in value]
    if isinstance(value, dict):
        return {k: _rename(v, renamed) if k in _LONG_FORM_REFS else v for k, v in value.items()}
    return value


_LONG_FORM_REFS = ("ref", "party")
