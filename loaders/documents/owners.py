"""Splitting an owner cell into people, posts, organisations and boards.

Owner cells run names together: ``Kellie Williams Jeanette Harvey Kat Booth SEND Partnership
Board``, ``Rick Howell / Kellie Williams Warrington Borough Council``, ``Content owners
Overseen by Kellie Williams``, ``Jade Brooks, Director of Operations, HWICB``, ``Head of
Service: SEND and Inclusion, Cheshire East Council``. :func:`split_owner_cell` reads one
cell using :class:`Directory`, the names found elsewhere in the document:

1. ``/``, ``;`` (paragraphs) and ``and`` between two known names separate owners (not the
   ``and`` inside ``NHS Cheshire and Merseyside ICB``); ``Overseen by X`` (``chaired by``)
   makes X ``accountable`` and ``supported by X`` ``involved``, and the owners before it
   (``Head of SEND, overseen by the DCS``) stay; words before it that name nobody
   (``Content owners``) are dropped; a role written before
   owners (``Lead: Sam Lee; Support: Parent Carer Forum``, also ``Responsible``,
   ``Accountable``, ``Sponsor``, ``Partners``, ``With``) is theirs until the next one; a
   cell of two lines, a post with no holder and then an organisation, is that post there;
2. ``Name, Post, Organisation``: a comma after a person's name or a post; ``Whitfield,
   Sarah`` is Sarah Whitfield;
3. otherwise a known organisation or board at the end (also with its words scrambled, as
   extraction does: ``Warrington Council Borough``) is the organisation of the people before
   it, or the owner itself when nothing is before it; an organisation written once after
   several people is each one's, one in an owner's brackets or after its comma is its alone;
4. known people are taken out; what is left is a post (it starts with Head, Director, ...,
   or ends with Manager, Officer, ... after words that are no name: ``Short Breaks Service
   Manager``), an organisation or board (:func:`loaders.names.guess_kind`), one name of two
   or three words, or several names of two words each.

>>> known = Directory()
>>> known.add_organisation("Warrington Borough Council")
>>> known.add_board("SEND Partnership Board")
>>> [p.name for p in split_owner_cell(
...     "Kellie Williams Jeanette Harvey Kat Booth SEND Partnership Board", known)]
['Kellie Williams', 'Jeanette Harvey', 'Kat Booth', 'SEND Partnership Board']
>>> p = split_owner_cell("Katie Massey Warrington Council Borough", known)[0]
>>> p.name, p.organisation
('Katie Massey', 'Warrington Borough Council')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from graphmodel.first_names import FIRST_NAMES
from graphmodel.model import OrganisationKind, OwnerRole
from loaders.documents.roles import Role, exact_role
from loaders.documents.wording import (
    ORG_ACRONYMS,
    POST_ACRONYMS,
    POST_WORDS,
    TITLES,
    UNITS,
    is_post,
    name_like,
    name_then_post,
    names_nobody,
    org_like,
    organisations,
    party_like,
    plain_name,
    post_like,
    starts_with_name,
)
from loaders.names import (
    BOARD,
    ORGANISATION,
    PERSON,
    PLACEHOLDER,
    guess_kind,
    guess_organisation_kind,
    name_key,
)

__all__ = ["Directory", "OwnerPart", "split_owner_cell", "written_out"]


@dataclass(frozen=True)
class OwnerPart:
    """One owner read from a cell."""

    kind: str
    """``person``, ``organisation`` or ``board``."""
    name: str | None
    post: str | None = None
    organisation: str | None = None
    role: OwnerRole = OwnerRole.RESPONSIBLE
    email: str | None = None
    own_organisation: bool = field(default=False, compare=False)
    """The organisation was written with this owner alone: before its post (``ICB Chief
    Nurse``), in its brackets (``Jo Bennett (Parent Carer Forum)``) or after its comma
    (``Chair, Parent Carer Forum``); it is not one written once after several people for all
    of them."""
    written: str | None = field(default=None, compare=False)
    """The organisation as the cell wrote it, when that is a name it is known by
    (``ICB`` for the one ICB the document names)."""

    @property
    def label(self) -> str:
        return self.name or self.post or ""


@dataclass
class Directory:
    """The names a document uses: people (with posts), organisations and boards."""

    people: dict[str, str] = field(default_factory=dict)
    """name key -> name."""
    posts: dict[str, str] = field(default_factory=dict)
    """post key (also ``post, organisation``) -> the name of who holds it."""
    organisations: dict[str, str] = field(default_factory=dict)
    """name key, and sorted-words key -> canonical name."""
    boards: dict[str, str] = field(default_factory=dict)
    short_posts: dict[str, str] = field(default_factory=dict)
    """a post's short name's key (``dco``) -> the post (``Designated Clinical Officer``), as
    written with it in brackets (``Designated Clinical Officer (DCO)``)."""

    def post_key(self, post: str) -> str:
        """The key of the post ``post`` names, the same for the post written with its short
        name (``Designated Clinical Officer (DCO)``), without it, and as the short name
        alone (``DCO``) once the document has given it."""
        key = name_key(post)
        return name_key(self.short_posts.get(key) or _without_short_name(post))

    def add_person(self, name: str, post: str | None = None, org: str | None = None) -> None:
        self.people.setdefault(name_key(name), name)
        if post:
            self.posts.setdefault(name_key(post), name)
            if org:
                self.posts.setdefault(name_key(f"{post} {org}"), name)

    def add_organisation(self, name: str, alias: str | None = None) -> None:
        """``name`` (with its short name ``alias``) as an organisation, or as a board when
        it is called one (``SEND Strategic Partnership Board (SSPB)``, defined in the text)."""
        if guess_kind(name) == BOARD:
            self.add_board(name, alias)
            return
        for label in (name, alias):
            if label:
                self.organisations.setdefault(name_key(label), name)
                self.organisations.setdefault(_sorted_key(label), name)

    def read_as(self, short: str, name: str) -> None:
        """Read ``short`` as the organisation ``name`` from now on, whatever it was read as
        before (a generic ``ICB`` learnt as an organisation of its own)."""
        self.organisations[name_key(short)] = name
        self.organisations[_sorted_key(short)] = name

    def add_board(self, name: str, alias: str | None = None) -> None:
        for label in (name, alias):
            if label:
                self.boards.setdefault(name_key(label), name)

    def organisation(self, text: str) -> str | None:
        return self.organisations.get(name_key(text)) or self.organisations.get(_sorted_key(text))

    def tail(self, words: list[str]) -> tuple[int, str, str] | None:
        """The longest known organisation or board ending ``words``: (start, kind, name)."""
        for start in range(len(words)):
            text = " ".join(words[start:])
            if (board := self.boards.get(name_key(text))) is not None:
                return start, BOARD, board
            if (org := self.organisation(text)) is not None:
                return start, ORGANISATION, org
        return None


def _sorted_key(text: str) -> str:
    return " ".join(sorted(name_key(text).split()))


_OVERSEEN = re.compile(r"^(.*?)\b(overseen|supported|chaired)\s+by\s+(.+)$", re.I | re.S)
_SPLIT = re.compile(r"\s*(?:;|/|\n)\s*")
_COMMA = re.compile(r"\s*,\s*")
_LABEL = re.compile(r"^([A-Za-z][A-Za-z ]{1,30}?)\s*[:–-]\s*")
"""A label written before the owners in a cell: ``Lead: Sam Lee; Support: PCF chair``; it
is a role when the owner, accountable or involved columns' vocabulary has it as a phrase
(:func:`~loaders.documents.roles.exact_role`)."""
_OWNER_ROLES = {
    Role.OWNER: OwnerRole.RESPONSIBLE,
    Role.ACCOUNTABLE: OwnerRole.ACCOUNTABLE,
    Role.INVOLVED: OwnerRole.INVOLVED,
}


_COVER = re.compile(
    rf"^(?i:{PLACEHOLDER.pattern}(?![A-Za-z&])\s*[(,;:–—-]?\s*"
    r"(?:(?:interim|acting|cover(?:ed|ing)?|temporar(?:y|ily))\b\s*(?:by\b)?\s*[:–—-]?\s*)?)"
    r"(?P<who>[A-Z][^()]+?)\s*\)?$",
)
"""``Vacant (interim: Tom Reed)``, ``TBC - acting Jo Bloggs``, ``TBC - Head of SEND``: nobody
is named yet, or the post is empty and someone covers it; who is named owns the action."""


_SHARED = re.compile(
    r"^(?P<post>[^()]+?)\s*(?:\(\s*|[,;:–—-]\s*)"
    r"(?i:job[\s-]?shar(?:e|ed|ing)|jointly\s+held|shared(?=\s+(?:by|with)\b|\s*\)))\b"
    r"(?i:\s*by|\s*with)?\s*[:–—-]?\s*"
    r"\(?(?P<who>[^()]*?)\s*\)?\s*\)?(?:\s*,\s*(?P<org>[^()]+))?$"
)
"""``Head of SEND (job share: A Patel / B Jones)``, ``Head of SEND - job share (A and B),
Council``: one post (at its employer), held by the people named. A bare ``shared`` only
before ``by`` or ``with`` or alone in a bracket (``Head of SEND (shared)``): ``Head of Finance
- Shared Services`` is a post at an organisation of that name."""
_REMARKED = re.compile(rf"^(?i:{PLACEHOLDER.pattern})(?![A-Za-z&])\s*[(,;:–—-]\s*[a-z]")
"""Nobody yet, then a remark: ``Vacant - recruitment under way``."""


def split_owner_cell(cell: str, known: Directory) -> list[OwnerPart]:
    """Every owner named in ``cell`` (see the module docstring); an empty list for a blank
    or for a cell that names nobody yet (``TBC``, ``Vacant``, ``N/A``), and who covers an
    empty post (``Vacant (interim: Tom Reed)``); a post held as a job share is each holder in
    that post (:func:`_job_share`).

    >>> split_owner_cell("TBC", Directory())
    []
    >>> [p.name for p in split_owner_cell("Vacant (interim: Tom Reed)", Directory())]
    ['Tom Reed']
    """
    text = " ".join(cell.split()).strip(" .;")
    if not text or PLACEHOLDER.fullmatch(text):
        return []
    covered = _COVER.match(text)
    if covered is not None:
        return split_owner_cell(covered["who"], known)
    if _REMARKED.match(text):
        return []  # "Vacant - recruitment under way"
    shared = _SHARED.match(text)
    if shared is not None:
        post = f"{shared['post']}, {shared['org']}" if shared["org"] else shared["post"]
        return _job_share(post, shared["who"], known)
    overseen = _OVERSEEN.match(text)
    if overseen is not None:
        before, how = overseen.group(1).strip(" ,;:–-"), overseen.group(2).lower()
        by = OwnerRole.INVOLVED if how.startswith("supported") else OwnerRole.ACCOUNTABLE
        parts = [_with_role(p, by) for p in split_owner_cell(overseen.group(3), known)]
        if before and _names_someone(before, known):
            # "Head of SEND, overseen by the DCS": the Head of SEND still leads it
            return [*split_owner_cell(before, known), *parts]
        return parts
    out: list[OwnerPart] = []
    label: OwnerRole | None = None  # a role written in the cell holds until the next one
    for written in (p for p in _outside_brackets(_SPLIT, text) if p.strip()):
        labelled = _LABEL.match(written)
        named = exact_role(labelled.group(1)) if labelled is not None else None
        role = _OWNER_ROLES.get(named) if named is not None else None
        if labelled is not None and role is not None and written[labelled.end() :].strip():
            label, written = role, written[labelled.end() :]
        elif labelled is not None and _remark_label(labelled.group(1), written[labelled.end() :]):
            written = written[labelled.end() :]  # "Joint: Head of SEND & DCO"
        for piece in _split_and(written, known):
            if PLACEHOLDER.fullmatch(piece.strip(" .")):
                continue  # "TBC / Jane Smith": only Jane Smith
            found = _read_piece(piece, known)
            out.extend(found if label is None else [_with_role(p, label) for p in found])
    lines = len(_SPLIT.findall(text)) + 1
    if len(out) in (2, 3) and label is None and lines == len(out) and "/" not in text:
        signed = _signature(out)
        if signed is not None:
            return [signed]
    # one organisation written once after several people belongs to each of them; one
    # written with one owner alone is that owner's
    orgs = {
        p.organisation
        for p in out
        if p.kind == PERSON and p.organisation and not p.own_organisation
    }
    if len(orgs) == 1:
        org = orgs.pop()
        out = [
            replace(p, organisation=org) if p.kind == PERSON and p.organisation is None else p
            for p in out
        ]
    return out


_OWNER_PIECE = re.compile(r"(\s*[,/;+\n]\s*)")
"""What separates the owners in a cell, kept by :func:`written_out` (not ``and`` nor ``&``,
which join the words of one post too: ``Head of Education and SEND``)."""


def written_out(cell: str, short_forms: dict[str, str]) -> str:
    """``cell`` with each short form a key defines (``DCO``, ``PCF``) written out as the key
    gives it, where it is a whole owner (``SL / DCO``, ``DCO (support)``), never a word inside
    a longer phrase (a post such as ``Head of SEND`` is matched as written).

    >>> written_out("SL / DCO", {"DCO": "Designated Clinical Officer, NHS Southby ICB"})
    'SL / Designated Clinical Officer, NHS Southby ICB'
    >>> written_out("Head of SEND, DCO", {"SEND": "Special Educational Needs", "DCO": "D Officer"})
    'Head of SEND, D Officer'

    A cell of nothing but a key's initials is each of them, whatever separates them:

    >>> written_out("JB (lead), SL", {"JB": "Jo Bloggs", "SL": "Sam Lee"})
    'Jo Bloggs / Sam Lee'
    """
    if not short_forms:
        return cell
    pieces = [p.strip() for p in re.split(r"\s*(?:[,/;&+]|\band\b)\s*", cell)]
    if len(pieces) > 1 and all(_BRACKET_AFTER.sub("", p) in short_forms for p in pieces if p):
        # "JB (lead), SL": each a key's initials, the comma no "Name, Post"
        return " / ".join(short_forms[_BRACKET_AFTER.sub("", p)] for p in pieces if p)
    parts = _OWNER_PIECE.split(cell)
    for at in range(0, len(parts), 2):  # the owners, between their separators
        whole = _BRACKET_AFTER.sub("", parts[at].strip())
        if whole in short_forms:
            parts[at] = parts[at].replace(whole, short_forms[whole], 1)
    return "".join(parts)


def _job_share(post: str, who: str, known: Directory) -> list[OwnerPart]:
    """The holders of a post held as a job share, each in that post; the post alone when
    no holder is named, and the post and what is named beside it when that is no person
    (``Head of SEND (shared with the DCO)``).

    >>> [(p.name, p.post) for p in _job_share("Head of SEND", "A Patel / B Jones", Directory())]
    [('A Patel', 'Head of SEND'), ('B Jones', 'Head of SEND')]
    """
    posts = split_owner_cell(post, known)
    holders = split_owner_cell(who, known) if who else []
    if (
        len(posts) != 1
        or posts[0].kind != PERSON
        or not posts[0].post
        or not holders
        or any(h.kind != PERSON or not h.name or h.post for h in holders)
    ):
        return [*posts, *(h for h in holders if h not in posts)]
    held = posts[0]  # "Jo Hart (job share with Sam Lee), Head of SEND": Jo Hart holds it too
    return [held] * bool(held.name) + [
        replace(
            held,
            name=h.name,
            email=h.email,
            role=h.role,
            organisation=h.organisation or held.organisation,
        )
        for h in holders
    ]


def _remark_label(label: str, rest: str) -> bool:
    """Whether ``label``, one word and a colon before the owners (``Joint: Head of SEND &
    DCO``, ``Shared: ...``), is a remark on them, not a post, an organisation or a
    team's short name (``WCF:``), nor a role (read before this)."""
    word = label.strip()
    return (
        " " not in word
        and not word.isupper()
        and rest.lstrip()[:1].isupper()
        and name_key(word) not in POST_WORDS
        and not org_like(word)
        and guess_kind(word) == PERSON
    )


def _signature(lines: list[OwnerPart]) -> OwnerPart | None:
    """One owner written over the lines of a cell (readers join them with ``; ``), as a
    signature is: a name, then the post (with its employer) -- ``Jane Smith`` / ``Head of
    SEND``; a post, then its employer -- ``Head of SEND`` / ``Fenwick Borough Council``; or
    all three. A person and an organisation stay two owners (``Lisa Grant, Inclusion
    Manager`` / ``Harwood Schools Partnership``), and so do a post and a team (``Children's
    Commissioning Team``); None when the lines are not one owner."""
    first = lines[0]
    holder = (
        first
        if first.kind == PERSON and first.name and not (first.post or first.organisation)
        else None
    )
    rest = lines[1:] if holder is not None else lines
    post = rest[0]
    if post.kind != PERSON or not post.post or post.name or len(rest) > 2:
        return None
    if len(rest) == 1:  # "Jane Smith" / "Head of SEND, Kingsmere Council"
        return replace(post, name=holder.name, email=holder.email) if holder is not None else None
    employer = rest[1]
    team = bool(set(name_key(employer.name or "").split()[-1:]) & UNITS)
    if post.organisation or employer.kind != ORGANISATION or not employer.name or team:
        return None
    return replace(
        post,
        name=holder.name if holder is not None else None,
        email=holder.email if holder is not None else None,
        organisation=employer.name,
        own_organisation=True,
    )


def _names_someone(text: str, known: Directory) -> bool:
    """Whether ``text``, written before ``overseen by``, names an owner: a post, a person, a
    known name, organisation or board (not ``Content owners``)."""
    bare = _BRACKET_AFTER.sub("", text)
    return (
        party_like(bare)
        or post_like(bare.split())  # "SEND Strategic Lead, supported by ..."
        or name_key(bare) in POST_ACRONYMS
        or _known_head(bare, known)
        or known.tail(bare.split()) is not None
        or org_like(bare)
    )


def _outside_brackets(pattern: re.Pattern[str], text: str) -> list[str]:
    """``text`` split where ``pattern`` matches outside brackets: ``Joint Commissioning
    Manager (ICB/LA)`` is one owner.

    >>> _outside_brackets(_SPLIT, "Manager (ICB/LA) / Jo Bloggs")
    ['Manager (ICB/LA)', 'Jo Bloggs']
    """
    out, start = [], 0
    for match in pattern.finditer(text):
        before = text[: match.start()]
        if before.count("(") > before.count(")"):
            continue
        out.append(text[start : match.start()])
        start = match.end()
    return [*out, text[start:]]


def _with_role(part: OwnerPart, role: OwnerRole) -> OwnerPart:
    return replace(part, role=role)


def _split_and(text: str, known: Directory) -> list[str]:
    """``A and B`` as two owners when each side is a known name or post, when ``And`` is
    capitalised, or when what follows ``and`` starts with a person's name (two capitalised
    words that are not an organisation or a post) or is a known board."""
    if name_key(text) in known.boards or known.organisation(text):
        return [text]
    for match in re.finditer(r"\s+(?:and|&)\s+", text, re.IGNORECASE):
        left, right = text[: match.start()], text[match.end() :]
        if _and_in_organisation(left, right):
            continue
        if text[match.start() :].lstrip().startswith("And"):
            return [left, right]
        if _known_head(left, known) and _known_head(right, known):
            return [left, right]
        words = right.split()
        after = name_key(" ".join(words[2:4])).split()
        bracketed = len(words) > 2 and words[2].startswith("(")  # "Ali Khan (DCO)"
        named_next = starts_with_name(words) and (
            not after or bracketed or bool(set(after) & POST_WORDS)
        )
        bare = _BRACKET_AFTER.sub("", left)  # "Jane Smith (Head of SEND) & ...": her name
        named = right.split(",")[0]  # "SEND and Inclusion, Cheshire East Council": one post
        if party_like(bare) and (
            is_post(named)
            or name_key(named) in POST_ACRONYMS  # "Head of SEND and DCO"
            or (org_like(named) and not {name_key(w) for w in named.split()} & POST_WORDS)
        ):
            # "Head of SEND and Designated Clinical Officer", "Jo Bloggs and Kingsmere
            # Council", "Head of SEND and Parent Carer Forum": a post or a name, then a post
            # or an organisation
            return [left, *_split_and(right, known)]
        board = known.tail(right.split())
        clause = bare.rsplit(",", 1)[-1].split()  # "Maria Hardy, Children and Young People"
        if len(clause) >= 2 and (named_next or (board and board[0] == 0)):
            return [left, *_split_and(right, known)]
    return [text]


def _and_in_organisation(left: str, right: str) -> bool:
    """Whether the ``and`` between ``left`` and ``right`` is inside one organisation's name:
    ``NHS Cheshire and Merseyside ICB``, ``Designated Clinical Officer, Norfolk and Waveney
    Integrated Care Board``. What is before it (after the last comma) ends with ``NHS`` and a
    place (``Designated Clinical Officer NHS Norfolk``), or is a place of one word; what
    follows is an organisation that does not start anew with ``NHS`` and names no post.

    >>> _and_in_organisation("Director of Finance, NHS Humber", "North Yorkshire ICB")
    True
    >>> _and_in_organisation("Jo Bloggs", "Kingsmere Council")
    False
    """
    clause = left.rsplit(",", 1)[-1].split()
    before = [name_key(w) for w in clause]
    after = right.split(",")[0].split()
    if not before or not after or name_key(after[0]) == "nhs":
        return False
    nhs = len(before) - before[::-1].index("nhs") if "nhs" in before else 0
    place = clause[nhs:]
    return (
        (len(place) == 1 or (len(place) == 2 and nhs > 0))
        and all(w[:1].isupper() and name_key(w) not in POST_WORDS for w in place)
        and not org_like(" ".join(place))
        and org_like(" ".join(after))
        and not {name_key(w) for w in after} & POST_WORDS
    )


def _known_head(text: str, known: Directory) -> bool:
    key = name_key(text)
    if key in known.people or key in known.posts or known.organisation(text):
        return True
    return any(key.startswith(k + " ") for k in (*known.people, *known.posts))


def _post_and_org(text: str) -> tuple[str | None, str]:
    """``Contract Manager NHS Eastern Cheshire CCG`` -> (``Contract Manager``, the rest)."""
    words = text.split()
    for k in range(1, len(words)):
        post_words = {name_key(w) for w in words[:k]} & POST_WORDS
        if post_words and org_like(" ".join(words[k:])) and not is_post(words[k]):
            return " ".join(words[:k]), " ".join(words[k:])
    return None, text


def _surname_first(segments: list[str], known: Directory) -> str | None:
    """The name written surname first, ``Whitfield, Sarah``, as ``Sarah Whitfield``: when it
    is a known person's name reversed, or both parts are one name word each (``Name, Post``
    is common: ``Sarah Whitfield, Head of SEND`` is no name).

    >>> _surname_first(["Whitfield", "Sarah"], Directory())
    'Sarah Whitfield'
    >>> _surname_first(["Sarah", "Chair"], Directory()) is None
    True
    """
    if len(segments) != 2:
        return None
    surname, given = segments
    name = f"{given} {surname}"
    if name_key(name) in known.people:
        return known.people[name_key(name)]
    if len(surname.split()) == 1 == len(given.split()) and plain_name([given, surname]):
        return name
    return None


_BRACKET_AFTER = re.compile(r"\s*\([^()]+\)$")


_BRACKETED = re.compile(
    r"^([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})\s*\(((?:[^()]|\([^()]*\))+)\)$"
)
"""``Sarah Blake (Director of Children's Services)``, ``Mrs J. Patel (Headteacher, Oak
Academy)``: a name of two to four words (initials too) and a bracket, which may hold the
post's short name in brackets of its own (``Priya Shah (Designated Clinical Officer (DCO),
NHS Cheshire and Merseyside ICB)``)."""


_SHORT_NAME = re.compile(r"\s*\(([^()]+)\)")


def _without_short_name(post: str) -> str:
    """``post`` without the bracket that gives its short name: ``Designated Clinical Officer
    (DCO)`` is the Designated Clinical Officer; another bracket stays (``SEND Manager
    (interim)``).

    >>> _without_short_name("Designated Clinical Officer (DCO)")
    'Designated Clinical Officer'
    >>> _without_short_name("SEND Manager (interim)")
    'SEND Manager (interim)'
    """
    short = _short_name(post)
    return post if short is None else short[0]


def _short_name(post: str) -> tuple[str, str] | None:
    """(the post, its short name's key) when ``post`` ends with its short name in brackets."""
    match = _SHORT_NAME.search(post)
    if match is None or match.end() != len(post.rstrip()):
        return None
    before, inside = post[: match.start()].strip(), name_key(match.group(1))
    if not inside or not (inside == _initials(before) or inside in POST_ACRONYMS):
        return None
    return before, inside


def _learn_short_name(post: str, known: Directory) -> str:
    """``post`` as written, its short name learnt (``DCO`` from ``Designated Clinical Officer
    (DCO)``), so that the short name alone is the same post."""
    short = _short_name(post)
    if short is not None:
        known.short_posts.setdefault(short[1], short[0])
    return post


_POST_BRACKETED = re.compile(r"^([^()]+?)\s*\(([^()]+)\)$")


def _post_in_brackets(text: str, known: Directory) -> OwnerPart | None:
    """``Designated Clinical Officer (ICB)``, ``Head of SEND (Council)``: a post with its
    employer in brackets, not a person called ``Designated Clinical Officer``; a bracket that
    names no organisation stays part of the post (``SEND Manager (interim)``)."""
    match = _POST_BRACKETED.match(text.strip())
    if match is None:
        return None
    post, inside = match.group(1).strip(" ,"), match.group(2).strip()
    words = {name_key(w) for w in post.split()}
    acronym = name_key(post) in POST_ACRONYMS  # "DCO (Southby ICB)"
    named = starts_with_name(post.replace(",", " ").split())  # "Jane Smith, Head of SEND"
    if not (is_post(post) or words & POST_WORDS or acronym) or named:
        return None
    if not (is_post(post) or acronym) and guess_kind(post) == BOARD:
        return None  # "SEND Strategic Partnership Board (all partners)": a board
    if plain_name(inside.split()) or name_key(inside) in known.people:
        # "Head of SEND (Jane Smith)": the post's holder
        name = known.people.get(name_key(inside), inside)
        return OwnerPart(PERSON, name, post)
    if _initials(post) == name_key(inside) or name_key(inside) in POST_ACRONYMS:
        # "Director of Children's Services (DCS)": the post's short name, not an employer
        known.short_posts.setdefault(name_key(inside), post)
        return OwnerPart(PERSON, known.posts.get(name_key(post)), post)
    employer = known.organisation(inside)
    named = inside[:1].isupper() and "/" not in inside  # "(all schools)", "(ICB/LA)": remarks
    if employer is None and named and (org_like(inside) or name_key(inside) in ORG_ACRONYMS):
        employer = inside
    if employer is None:
        return OwnerPart(PERSON, None, f"{post} ({inside})")
    return OwnerPart(PERSON, known.posts.get(name_key(post)), post, employer, own_organisation=True)


def _initials(text: str) -> str:
    """The initials of the capitalised words of ``text``, as a :func:`name_key`.

    >>> _initials("Director of Children's Services")
    'dcs'
    """
    return "".join(w[0] for w in text.split() if w[:1].isupper()).lower()


_EMAIL = re.compile(
    r"^(?:(?P<name>[^<>()@]*?)\s*(?P<open>[<(]?)\s*)?"
    r"(?P<email>[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*(?P<close>[>)]?)$"
)


def _emailed(text: str, known: Directory) -> OwnerPart | None:
    """A person written as an email address (``jo.bloggs@kingsmere.gov.uk``, ``Jo Bloggs
    <jo.bloggs@…>``, ``Jo Bloggs (jo.bloggs@…)``, ``Jo Bloggs jo.bloggs@…``): named as
    written, else from the address's ``first.last`` (a person the document names elsewhere
    by that name is the same person). Words before a bare or bracketed address are a name
    only when they are one (``Head of SEND (send@…)`` is not a person called so).

    >>> d = Directory()
    >>> [(p.name, p.email) for p in [_emailed("Jo Bloggs (jo.bloggs@x.gov.uk)", d)]]
    [('Jo Bloggs', 'jo.bloggs@x.gov.uk')]
    >>> _emailed("Jo Bloggs jo.bloggs@x.gov.uk", d).name
    'Jo Bloggs'
    >>> _emailed("Head of SEND (send@x.gov.uk)", d) is None
    True
    """
    match = _EMAIL.match(text.strip())
    if match is None or {"<": ">", "(": ")", "": ""}[match.group("open") or ""] != (
        match.group("close") or ""
    ):
        return None
    name = (match.group("name") or "").strip(" \"'")
    if name and match.group("open") != "<" and not plain_name(name.split()):
        return None
    local = match.group("email").split("@")[0]
    words = [w for w in re.split(r"[._-]+", local) if w.isalpha()]
    if not name and len(words) >= 2:
        name = " ".join(w.capitalize() for w in words)
    if name:
        name = known.people.get(name_key(name), name)
    return OwnerPart(PERSON, name or None, None, email=match.group("email").lower())


def _defined(text: str, known: Directory) -> OwnerPart | None:
    """An organisation or board with its short name in brackets, ``SEND Strategic Partnership
    Board (SSPB)``, ``Cheshire and Merseyside ICB (C&M ICB)``: that one, and the short name is
    learnt for the cells after it.

    >>> known = Directory()
    >>> _defined("Cheshire and Merseyside ICB (C&M ICB)", known).name
    'Cheshire and Merseyside ICB'
    >>> known.organisation("C&M ICB")
    'Cheshire and Merseyside ICB'
    """
    match = _POST_BRACKETED.match(text.strip())
    if match is None:
        return None
    outer, inner = match.group(1).strip(), match.group(2).strip()
    board = known.boards.get(name_key(outer))
    if board is not None and known.boards.get(name_key(inner)) in (None, board):
        known.add_board(board, inner)
        return OwnerPart(BOARD, board)
    short = re.fullmatch(r"[A-Z][A-Za-z&]*(?:\s+[A-Z][A-Za-z&]*){0,2}", inner) is not None
    if not short or not any((w.isupper() and len(w) > 1) or "&" in w for w in inner.split()):
        return None  # no short name: "CAMHS (Alder Hey)"
    if guess_kind(outer) == BOARD and not is_post(outer):
        known.add_board(outer, inner)
        return OwnerPart(BOARD, outer)
    named = known.organisation(outer) or (outer if org_like(outer) and not is_post(outer) else None)
    if named is None or known.organisation(inner) not in (None, named):
        return None
    known.add_organisation(named, inner)
    return OwnerPart(ORGANISATION, named)


_THE = re.compile(r"^\s*the\s+(?P<rest>\S.*)$", re.I | re.S)


def _read_piece(text: str, known: Directory) -> list[OwnerPart]:
    the = _THE.match(text)
    first = re.split(r",|\s[-–—]\s", the["rest"])[0] if the is not None else ""
    if the is not None and (name_key(first) in POST_ACRONYMS or is_post(first)):
        text = the["rest"]  # "overseen by the DCS", "the Head of SEND, ...": the post
    defined = _defined(text, known)
    if defined is not None:
        return [defined]
    if name_key(text) in POST_ACRONYMS and name_key(text) not in known.people:
        return [OwnerPart(PERSON, known.posts.get(name_key(text)), text.strip())]  # "DCO"
    emailed = _emailed(text, known)
    if emailed is not None:
        return [emailed]
    in_brackets = _post_in_brackets(text, known)
    if in_brackets is not None:
        return [in_brackets]
    titled, colon, after = text.partition(":")
    who = after.split()
    if colon and is_post(titled.strip()) and plain_name(who):
        # "Lead Commissioner: Amy Pond" (not "Head of Service: SEND and Inclusion")
        return [OwnerPart(PERSON, " ".join(who), titled.strip())]
    bracketed = _BRACKETED.match(text.strip())
    if bracketed is not None and not org_like(bracketed.group(1)):
        # "Sarah Blake (Director of Children's Services)", "Jo Bloggs (Head of SEND, DCC)"
        inside = [
            _learn_short_name(p.strip(), known)
            for p in _outside_brackets(_COMMA, bracketed.group(2))
            if p.strip()
        ]
        if len(inside) == 1 and inside[0] == _initials(bracketed.group(1)).upper():
            return [OwnerPart(PERSON, bracketed.group(1))]  # "Jane Smith (JS)": her initials
        employer = None
        if (
            len(inside) == 1
            and not is_post(inside[0])
            and (
                known.organisation(inside[0])
                or org_like(inside[0])
                or name_key(inside[0]) in ORG_ACRONYMS
            )
        ):  # "Sam Lee (ICB)": the employer, not a post
            employer = known.organisation(inside[0]) or inside[0]
            return [OwnerPart(PERSON, bracketed.group(1), None, employer, own_organisation=True)]
        if len(inside) > 1 and (known.organisation(inside[-1]) or org_like(inside[-1])):
            employer = known.organisation(inside[-1]) or inside[-1]
            inside = inside[:-1]
        post = ", ".join(inside) or None
        return [OwnerPart(PERSON, bracketed.group(1), post, employer, own_organisation=True)]
    segments = [s.strip() for s in text.split(",") if s.strip()]
    surname_first = _surname_first(segments, known)
    if surname_first is not None:
        return [OwnerPart(PERSON, surname_first)]
    if len(segments) > 1 and all(name_then_post(s.split()) for s in segments):
        # "Lucy Hall Group Manager, Charlotte Krivosic Group Manager": a person per segment
        return [p for s in segments for p in _read_piece(s, known)]
    if len(segments) > 1 and all(
        plain_name(_BRACKET_AFTER.sub("", seg).split()) for seg in segments
    ):
        # "Laura Finch, James Okoro", "Priya Nair, Jo Bennett (Parent Carer Forum)": a person
        # per segment, each with what its brackets say
        return [
            p
            for seg in segments
            for p in (
                _read_piece(seg, known)
                if _BRACKET_AFTER.search(seg)
                else _people(seg.split(), known, None)
            )
        ]
    if "," in text or (":" not in text and re.search(r"\s[-–—]\s", text)):
        comma = _comma_form(text, known)
        if comma is not None:
            return [replace(comma, own_organisation=comma.organisation is not None)]
    words = text.split()
    tail = known.tail(words)
    org: str | None = None
    if tail is not None:
        start, kind, name = tail
        if start == 0:
            return [OwnerPart(kind, name, written=text.strip())]
        head = words[:start]
        if kind == BOARD:
            return [*_people(head, known, None), OwnerPart(BOARD, name)]
        words, org = head, name
    else:
        whole = " ".join(words)
        if org_like(whole) and not is_post(whole):
            for start in (2, 3):
                rest = " ".join(words[start:])
                if len(words) > start + 1 and org_like(rest) and name_like(words[:start]):
                    post, rest = _post_and_org(rest)
                    known.add_organisation(rest)
                    people = _people(words[:start], known, rest)
                    if post and len(people) == 1 and people[0].name:
                        people = [OwnerPart(PERSON, people[0].name, post, rest)]
                    elif post:  # "Group Manager Social Care Lead Commissioner ...": two posts
                        people = [*people, OwnerPart(PERSON, None, post, rest)]
                    return people
            if post_like(words):  # "SEND Service Manager"
                return [OwnerPart(PERSON, None, whole)]
            if name_key(words[0]) in POST_ACRONYMS and (employed := _post_then_org(words)):
                return [employed]
            employed = _org_then_post(words, known)
            if employed is not None:
                return [employed]
            groups = organisations(words)
            if (
                groups is not None
                and len(groups) > 1
                and all(org_like(g) and (" " in g or g.isupper()) for g in groups)
            ):
                # "WCF Special Schools Mainstream Schools HWICB": several run together (each of
                # two words or more, or an abbreviation: "Schools Forum" is one)
                return [OwnerPart(ORGANISATION, g) for g in groups]
            kind = guess_kind(whole)
            return [OwnerPart(BOARD if kind == BOARD else ORGANISATION, whole)]
    if org is None and is_post(" ".join(words)):
        employed = _post_then_org(words)
        if employed is not None:
            return [employed]
    return _people(words, known, org)


_EMPLOYERS = {
    *(OrganisationKind.LOCAL_AUTHORITY, OrganisationKind.ICB, OrganisationKind.NHS_TRUST),
    *(OrganisationKind.SCHOOL, OrganisationKind.COLLEGE, OrganisationKind.GOVERNMENT),
    OrganisationKind.PARENT_CARER_FORUM,
}
"""Kinds of organisation whose name, run on after a post, is the post's employer; a
service's or team's (``Head of Learning Disability Services``) is part of the post."""


def _post_then_org(words: list[str]) -> OwnerPart | None:
    """``Head of SEND Kestrel Vale Council``, ``Designated Clinical Officer NHS Norfolk and
    Waveney ICB`` (a cell's two lines run together): a post, then its employer, which starts
    with NHS or with a word that could start a name.

    >>> part = _post_then_org("Head of SEND Kestrel Vale Council".split())
    >>> part.post, part.organisation
    ('Head of SEND', 'Kestrel Vale Council')
    """
    shortest = 1 if name_key(words[0]) in POST_ACRONYMS else 2  # "DCO NHS Southby ICB"
    for k in range(shortest, len(words) - 1):
        first, rest = words[k], " ".join(words[k:])
        starts = name_key(first) == "nhs" or (
            name_like([first]) and not first.isupper() and not is_post(first)  # "Chair of PCF"
        )
        joined = name_key(words[k - 1]) in {"of", "and", "for", "the"}  # "Head of Kingsmere"
        employer = guess_organisation_kind(rest) in _EMPLOYERS and guess_kind(rest) == ORGANISATION
        if starts and not joined and employer:
            return OwnerPart(PERSON, None, " ".join(words[:k]), rest, own_organisation=True)
    return None


def _org_then_post(words: list[str], known: Directory) -> OwnerPart | None:
    """``ICB Chief Nurse``, ``PCF co-chairs``: an employer (an organisation or its short
    name), then a post, which is who owns the action, not an organisation of that name."""
    for k in range(1, min(len(words), 6)):  # an employer's name, not a run of cells
        head, rest = " ".join(words[:k]), " ".join(words[k:])
        if ":" in head:
            return None
        employer = known.organisation(head) or (
            head if org_like(head) or name_key(head) in ORG_ACRONYMS else None
        )
        if (
            employer
            and (is_post(rest) or post_like(words[k:]))
            and not org_like(rest)
            and name_key(words[k]) not in UNITS
            and name_key(words[k - 1]) not in UNITS  # "Therapies Service Manager": one post
        ):
            post = OwnerPart(PERSON, known.posts.get(name_key(rest)), rest, employer)
            return replace(post, own_organisation=True)
    return None


def _people(words: list[str], known: Directory, org: str | None) -> list[OwnerPart]:
    text = " ".join(words)
    if not text:
        return []
    post_holder = known.posts.get(name_key(text)) or (
        known.posts.get(name_key(f"{text} {org}")) if org else None
    )
    if post_holder is not None:
        return [OwnerPart(PERSON, post_holder, text, org)]
    if is_post(text) or post_like(words):
        return [OwnerPart(PERSON, None, text, org)]
    if len(words) > 2 and name_like(words[:2]) and set(name_key(text).split()[2:]) & POST_WORDS:
        # "Lucy Hall Group Manager Charlotte Krivosic Group Manager": a name after a post
        # word starts the next person
        starts = [0] + [
            i
            for i in range(3, len(words) - 1)
            if name_key(words[i - 1]) in POST_WORDS
            and name_like(words[i : i + 2])
            and not {name_key(w) for w in words[i : i + 2]} & POST_WORDS
        ]
        bounds = zip(starts, [*starts[1:], len(words)], strict=True)
        return [
            OwnerPart(PERSON, " ".join(words[a : a + 2]), " ".join(words[a + 2 : b]) or None, org)
            for a, b in bounds
        ]
    out: list[OwnerPart] = []
    i = 0
    while i < len(words):
        for n in (4, 3, 2):
            if i + n <= len(words) and name_key(" ".join(words[i : i + n])) in known.people:
                out.append(OwnerPart(PERSON, known.people[name_key(" ".join(words[i : i + n]))]))
                i += n
                break
        else:
            rest = words[i:]
            nxt = next(
                (
                    j
                    for j in range(i + 1, len(words))
                    if any(name_key(" ".join(words[j : j + n])) in known.people for n in (2, 3, 4))
                ),
                len(words),
            )
            rest = words[i:nxt]
            groups = organisations(rest)
            if groups is not None:
                out += [OwnerPart(ORGANISATION, g) for g in groups]
            elif (
                len(rest) >= 4
                and len(rest) % 2 == 0
                and all(name_like(rest[k : k + 2]) for k in range(0, len(rest), 2))
            ):  # "Kellie Williams Jeanette Harvey": names of two words each
                out += [
                    OwnerPart(PERSON, " ".join(rest[k : k + 2])) for k in range(0, len(rest), 2)
                ]
            elif {name_key(w) for w in rest} & (POST_ACRONYMS | POST_WORDS):
                out.append(OwnerPart(PERSON, None, " ".join(rest)))  # "All SENCOs": a post
            elif all(w[:1].isupper() for w in rest) and names_nobody(rest):
                out.append(OwnerPart(ORGANISATION, " ".join(rest)))  # "Public Health"
            else:
                out.append(OwnerPart(PERSON, " ".join(rest)))
            i = nxt
    return [OwnerPart(p.kind, p.name, p.post, org, p.role) for p in out]


def _comma_form(text: str, known: Directory) -> OwnerPart | None:
    parts = [
        _learn_short_name(p.strip(), known) for p in re.split(r",|\s[-–—]\s", text) if p.strip()
    ]
    if len(parts) < 2:
        return None
    first, rest = parts[0], parts[1:]
    named = _BRACKETED.match(first)
    employers = [r for r in rest if not r[:1].islower()]
    if (
        named is not None
        and name_like(named.group(1).split())  # a person's name, not a post's
        and not (org_like(named.group(1)) or is_post(named.group(1)))
        and len(employers) <= 1
        and all(known.organisation(e) or org_like(e) for e in employers)
    ):
        # "Mark Evans (Head of Joint Commissioning), Kingsmere Council": the person in
        # brackets and the employer; "... – all partners": a remark that names no owner
        read = _read_piece(first, known)
        if len(read) == 1 and read[0].kind == PERSON:
            if not employers or read[0].organisation is not None:
                return read[0]
            employer = known.organisation(employers[0]) or employers[0]
            return replace(read[0], organisation=employer)
    org = None
    if (
        len(rest) >= 2
        and re.fullmatch(r"[A-Z][A-Z&]{1,7}", rest[-1])
        and not (known.organisation(rest[-1]) or org_like(rest[-1]))
        and name_key(rest[-1]) not in POST_ACRONYMS
        and org_like(rest[-2])
    ):  # "..., Herefordshire and Worcestershire Health and Care NHS Trust, H&WHCT": the
        rest = rest[:-1]  # organisation's short name after it (not a SENCO's)
    if len(rest) >= 1 and (
        known.organisation(rest[-1])
        or (org_like(rest[-1]) and not post_like(rest[-1].split()))  # "SEND Service Manager"
        or name_key(rest[-1]) in ORG_ACRONYMS
    ):
        org = known.organisation(rest[-1]) or rest[-1]
        rest = rest[:-1]
        post, org = _post_and_org(org)
        rest = [*rest, post] if post else rest
    held = _post_in_brackets(first, known) if not rest else None
    if held is not None and held.name:  # "Head of SEND (Jane Smith), Kingsmere Council"
        return replace(held, organisation=org)
    head = first.split()
    if len(head) > 4 and starts_with_name(head) and {name_key(w) for w in head[2:]} & POST_WORDS:
        # "Matthew Hall Chief Operating Officer, Herefordshire ... Trust"
        return OwnerPart(PERSON, " ".join(head[:2]), ", ".join([" ".join(head[2:]), *rest]), org)
    titled = len(head) >= 2 and name_key(head[0]) in TITLES and name_like(head[1:4])
    posted = is_post(first) or name_key(first) in POST_ACRONYMS  # "DCO - Southby ICB"
    if not titled and (posted or set(name_key(first).split()) & POST_WORDS):
        holder = known.people.get(name_key(rest[0])) if len(rest) == 1 else None
        if len(rest) == 1 and plain_name(rest[0].split()) and rest[0].split()[0] in FIRST_NAMES:
            holder = rest[0]  # "Head of SEND - Jane Smith", not "SENCO, Elm Primary"
        if holder is not None:
            return OwnerPart(PERSON, holder, first, org)
        # as written when it is all post ("Assistant Director – Education and SEND")
        post = " ".join(text.split()) if org is None else ", ".join([first, *rest])
        post = _learn_short_name(post, known)
        holder = known.posts.get(name_key(post)) or (
            known.posts.get(name_key(f"{post} {org}")) if org else None
        )
        return OwnerPart(PERSON, holder, post, org)
    if 2 <= len(first.split()) <= 4 and name_like(first.split()) and not org_like(first):
        return OwnerPart(PERSON, first, ", ".join(rest) or None, org)
    return None
