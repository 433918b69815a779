"""Finding people's names in a plan's text, for :mod:`graphmodel.redact`.

:class:`Names` gathers every spelling of a name the plan holds (full names and aliases, their
parts, names written inside posts, owner cells and organisation names) and makes one function
that replaces them all in a text, in one pass, longest first. Each occurrence is judged where
it stands, not once for the whole plan:

- a full name goes in any case and any white space;
- a part of a name (``Smith``, ``Priya``) goes as written or in capitals (``SMITH``); a part
  that the plan also writes in lower case as an ordinary word (``town hall``) stays in lower
  case and beside another capitalised word (``Town Hall``, ``Hall Lane``), but goes after an
  initial of its holder (``L. Hall``) or a title (``Ms Hall``), before ``'s``, and anywhere
  else it stands with a capital (``with Hall and Jones``, ``Hall to chair``); a part the plan
  writes in lower case only where a clause begins (``; jones to report``) is no ordinary word,
  and goes in lower case too;
- a person's ref written in text (``see person raj-patel``) becomes their new ref;
- a name no person record holds becomes ``[name withheld]``: one to three capitalised words
  after a title (``Councillor Jane Doe``), two or three before a post-nominal
  (``Heather Yaxley HMI``), and a common first name (:data:`FIRST_NAMES`) followed by a
  capitalised word that names no body or place (``Amy Smith``, not ``George Eliot Hospital``);
  the words of such a name are then withheld wherever else the plan writes them (``Ms Gay``
  once: ``M. Gay`` and ``Mari Gay`` too);
- initials go with the name they stand in (``Tom A. Okafor``, ``T. A. Okafor``, ``Okafor T``)
  and pick the one holder of a shared surname they fit (``B. Jones``);
- a part stays where it begins the name of a place (``Rose Hill Primary School``, ``Bishop's
  Stortford``) and where a month or a season is a date (``June 2025``, ``Summer term``).

>>> from graphmodel.model import Plan
>>> plan = Plan.model_validate({"area": "A", "title": "T",
...     "people": [{"ref": "lh", "name": "Lucy Hall", "post": "Head of SEND"}]})
>>> hide = Names(plan, corpus="at the town hall").replacer({"lh": "Head of SEND"})
>>> hide("Lucy chairs at the town hall with Hall's team and Cllr Jane Doe")
"Head of SEND chairs at the town hall with Head of SEND's team and Cllr [name withheld]"
>>> hide("Hall Lane, Peterborough Town Hall, HALL")
'Hall Lane, Peterborough Town Hall, HALL'
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from functools import cached_property

from graphmodel.first_names import FIRST_NAMES
from graphmodel.model import Plan, slug

__all__ = ["EMAIL", "TITLES", "WITHHELD", "Names"]

WITHHELD = "[name withheld]"
"""What a part of a name shared by several people, or a name no person record holds,
becomes."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLES = (
    *("Councillor", "Cllr", "Dr", "Mr", "Mrs", "Ms", "Miss", "Mx", "Prof", "Professor"),
    *("Sir", "Dame", "Lord", "Lady", "Rev", "Revd"),
)
"""Titles written before a person's name (``Cllr Janet Moore``, ``Dr Priya Nair``)."""
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
"""A capitalised word next (matched at a position: no copy of the rest of the text)."""

_HONORIFICS = frozenset(t.casefold() for t in TITLES)
_POSTNOMINALS = ("HMI", "OBE", "MBE", "CBE", "DBE", "KBE", "KC", "QC", "MP", "JP", "DL")
# Words that begin with a capital in posts and owner cells but name no one: roles, services,
# bodies. A capitalised word also written in lower case somewhere in the plan counts too.
_COMMON = _HONORIFICS | _words(
    """
    and of the for to in on at with by from or a an as chair co-chair deputy vice director
    head heads service services manager managers management officer lead leads leader
    chief executive operating assistant associate principal senior group team board forum
    partnership council school schools education health care social children children's
    young people parent parents carer carers family families send inclusion quality
    commissioning commissioner strategy transformation development support prevention
    learning disability disabilities mental clinical designated programme programmes
    project business intelligence improvement analyst psychologist educational headteacher
    governor portfolio holder early years childcare contract adult adults public
    participation pupil outcomes infrastructure partnerships operations delivery system
    trust nhs icb safeguarding coordinator co-ordinator specialist practitioner advisor
    adviser consultant nurse therapist worker secretary local authority area borough
    county city national regional strategic assurance engagement performance data finance
    workforce training special needs name role post owner owners title providers provider
    trusts hub expert representative rep enterprise further independent mainstream primary
    secondary college university academy office agency unit committee panel network
    alliance inspector inspectors ofsted member members cabinet mayor
    """
)
# Words that end the name of a place or a body: a first name before one of them names that
# (``George Eliot Hospital``, ``Beverley Road``), not a person.
_PLACES = _words(
    """
    road street avenue drive close crescent terrace gardens garden square hospital hospitals
    surgery practice clinic academy college university centre center institute foundation
    library museum theatre estate house ltd limited plc cic llp nursery infant junior church
    cathedral ward wing building campus
    """
)
_PLACE_ENDS = _PLACES | _words(
    """
    school schools primary secondary infants juniors high grammar special lane park way row
    grove mews court place parade hub
    """
)
"""Words that end the name of a place or a body, where a part of a person's name may begin
it (``Rose Hill Primary School``, ``Brook Lane``)."""
# Capitals that are sector acronyms, never a surname written in capitals.
_ACRONYMS = _words("sen send cqc icb nhs dfe dco dmo hmi pcf ehc lga ofsted")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
_EDGE = ".,;:()"
_CAP = r"[A-Z](?:[A-Za-z]|['’-](?=[A-Z]))*[a-z]"
"""A capitalised word in a run that may be a name (checked further by ``Names._word``)."""
_SENTENCE_END = ".!?:;\n•*–—"
_CLAUSE_END = _SENTENCE_END + ",(\x00"


def _leading_only(words: set[str], corpus: str) -> set[str]:
    """Those of ``words`` (written in lower case) that ``corpus`` writes only at the start of a
    clause, where a name written in lower case stands as often as a word (``; jones to
    report``): no sign of an ordinary word, unlike ``the town hall``."""
    if not words:
        return set()
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    inside: set[str] = set()
    for match in re.finditer(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", corpus):
        before = corpus[max(0, match.start() - 40) : match.start()]
        if before.rstrip() and before.rstrip()[-1] not in _CLAUSE_END and before[-1:].isspace():
            inside.add(match.group(0))
    return words - inside


def _letters(word: str) -> int:
    return sum(c.isalpha() for c in word)


_INITIAL = re.compile(r"[A-Z]\.?")
"""An initial of a name, as a whole word (``A.``, ``J``)."""
_INI = r"(?:[A-Z]\.|[B-HJ-Z](?=\s))"  # undotted, the article A and I are no initials
_RUN = rf"(?:{_INI}\s+)*{_CAP}(?:\s+(?:{_INI}\s+)*{_CAP}){{0,2}}"
_FIRST = "(?:" + "|".join(sorted(FIRST_NAMES)) + ")"
_SHAPES = (
    rf"(?P<title>\b(?:{'|'.join(TITLES)})\.?)\s+(?P<titled>{_RUN})",
    # a first name ends the name before it (``Amy Smith Elaine Cook-Tippins``)
    rf"(?P<first>\b{_FIRST})\s+(?P<then>(?:{_INI}\s+)?{_CAP}(?:\s+(?!{_FIRST}\s){_CAP})?)",
    rf"(?P<named>{_RUN})(?=\s+\(?(?:{'|'.join(_POSTNOMINALS)})\b)",
)
_JOIN = "\x00"
"""What a word of a name of no one known becomes after another such word (``Mari Gay``):
joined to the ``[name withheld]`` before it (:data:`_JOINED`)."""
_JOINED = re.compile(rf"[ \t]*{_JOIN}")
_ANY_SHAPE = "(?=[A-Z])(?:" + "|".join(_SHAPES) + ")"  # each begins with a capital: a
# position without one is passed over at once, not tried against every first name
_SHAPED = re.compile(r"(?<!\w)" + _ANY_SHAPE + r"(?!\w)")
"""The alternatives of :meth:`Names.pattern` that find a name by its shape: after a title,
a common first name with a capitalised word, two or three capitalised words before a
post-nominal."""

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
"""An email address in free text."""


class Names:
    """Every spelling of a name to hide, and whose it is: full names and aliases (any case),
    their parts of three letters or more (as capitalised, or in capitals), and runs of two or
    more name-like words in posts, owner cells and organisation names (a name no person
    record holds, such as ``Amy Smith`` in ``Health Leads: Amy Smith CYP``).

    ``corpus`` is the plan's text but refs; a part it writes in lower case is an ordinary
    word too, redacted only where it reads as a name.
    """

    def __init__(self, plan: Plan, corpus: str) -> None:
        corpus = EMAIL.sub(" ", corpus)  # ann.smith@ makes no ordinary word of "smith"
        self.lower = {w for w in re.findall(r"[^\W\d_][\w'’-]*", corpus) if w.islower()}
        self.lower_names: set[str] = set()  # parts written in lower case only as names
        self.full: dict[str, str | None] = {}  # casefolded name -> person ref (None: unknown)
        self.parts: dict[str, set[str | None]] = {}  # a part as written -> whose it may be
        self.initials: dict[str, set[str]] = {}  # a part -> initials of its holders' other names
        self.by_initial: dict[tuple[str, str], set[str]] = {}  # (part, initial) -> holders
        self.refs: set[str] = set()  # person refs that spell a name
        self._real: set[str] = set()  # person names that look like a person's name
        self._area = {w.casefold() for w in plan.area.split()}
        for person in plan.people:
            for name in (person.name, *person.aliases):
                if name and name.strip():
                    self._person_name(" ".join(name.split()), person.ref)
        self.lower_names = _leading_only({p.lower() for p in self.parts} & self.lower, corpus)
        self.lower -= self.lower_names
        named = {p.name.casefold() for p in plan.people if p.name}
        known = {w.casefold() for w, whose in self.parts.items() if any(whose)}
        known |= {slug(w).replace("-", "") for w, whose in self.parts.items() if any(whose)}
        for person in plan.people:  # an owner cell read as one person: its names
            if person.name and " ".join(person.name.split()).casefold() in self._real:
                continue
            for run in self._runs(person.name or ""):
                self._add(run)
        for person in plan.people:  # a ref made from the name, written in text
            spelt = set(re.split(r"[-_.]+", person.ref.casefold()))
            if len(spelt) >= 2 and known & spelt:
                self.refs.add(person.ref)
        posts = [p.post for p in plan.people if p.post]
        bodies = [o.name for o in plan.organisations] + [b.name for b in plan.boards]
        spelled = sorted((n for n, r in self.full.items() if r), key=len, reverse=True)
        whole = re.compile("|".join(map(re.escape, spelled)), re.IGNORECASE) if spelled else None
        for text in (*posts, *bodies):  # a known name with others beside it
            if whole is not None:  # known names are replaced whole; look beside them
                text = whole.sub(" ; ", text)
            for run in self._runs(text):
                after = re.search(re.escape(run) + r"[ \t]+([\w'’-]+)", text)
                if after and after.group(1).casefold() in _COMMON:
                    run = run.rpartition(" ")[0]  # O'Neill Task Group: Task names the group
                words = {w.casefold() for w in run.split()}
                if len(words) >= 2 and words & known and run.casefold() not in named:
                    self._add(run)
        self._learn(corpus)

    def _learn(self, corpus: str) -> None:
        """The words of names that no person record holds but the plan writes in a shape
        that says they are names (``Ms Gay``, ``Mr Adeyemi``, ``Amy Smith``, ``Heather Yaxley
        HMI``): parts of a name of no one known, so that ``M. Gay`` or ``Adeyemi`` alone
        elsewhere are withheld too. A word the plan also writes in lower case is not
        learnt (``Dr Foster`` teaches nothing where ``foster carers`` is written)."""
        learnt: set[str] = set()
        for match in _SHAPED.finditer(corpus):
            group = next(g for g in ("titled", "then", "named") if match.group(g))
            words: list[str] = []
            for word in match.group(group).split():
                if not (_INITIAL.fullmatch(word) or self._word(word, ordinary=False)):
                    break
                words.append(word)
            if group == "then":
                if any(w.casefold() in _PLACES for w in words) or _CAPITAL_NEXT.match(
                    corpus, match.end()
                ):
                    continue  # George Eliot Hospital, Lee Valley Regional Park
                words = words[:1]  # the surname: Kellie Williams Consulting names a firm
            for word in words:
                if not _INITIAL.fullmatch(word) and self._word(word):
                    learnt.update(self._part(word.strip(_EDGE), None))
        learnt = {w for w in learnt if self.parts[w] == {None}}  # no known holder's
        if not learnt:
            return
        # a given name before a learnt surname is learnt too (Oluwaseun Adeyemi)
        surnames = "|".join(map(re.escape, sorted(learnt, key=len, reverse=True)))
        for match in re.finditer(rf"(?<!\S)(\S+)[ \t]+(?:{surnames})(?!\w)", corpus):
            word = match.group(1)
            if self._word(word) and word[-1] not in _EDGE and word.strip(_EDGE) not in learnt:
                self._part(word, None)

    def _word(self, word: str, *, ordinary: bool = True) -> bool:
        """A word that can be part of a person's name: capitalised, not a role word, not an
        acronym, not the area's name, and (unless ``ordinary`` is false) never written in
        lower case in the plan."""
        bare = word.strip(_EDGE)
        return (
            bool(_NAME_WORD.match(bare))
            and bare[0].isupper()
            and sum(c.isupper() for c in bare)
            <= 1
            + bare.count("-")
            + bare.count("'")
            + bare.count("’")
            + bare.startswith("Mc")
            + bare.startswith("Mac")
            and bare.casefold() not in _COMMON
            and bare.casefold() not in self._area
            and not (ordinary and bare.casefold() in self.lower)
        )

    def _runs(self, text: str) -> list[str]:
        """Runs of two or more name-like words, broken at punctuation."""
        runs: list[str] = []
        current: list[str] = []
        for word in [*text.split(), ""]:
            if word and self._word(word):
                current.append(word.strip(_EDGE))
                if not word.endswith((",", ";", ":", ")")):
                    continue
            if len(current) >= 2:
                runs.append(" ".join(current))
            current = []
        return runs

    def _person_name(self, name: str, ref: str) -> None:
        self.full.setdefault(name.casefold(), ref)
        words = [w.strip(_EDGE) for w in name.split()]
        while words and words[0].casefold().rstrip(".") in _HONORIFICS:
            words = words[1:]
        if len(words) >= 2:
            self.full.setdefault(" ".join(words).casefold(), ref)
        initials = {w[0] for w in words if _INITIAL.fullmatch(w)}
        words = [w for w in words if not _INITIAL.fullmatch(w)]  # Tom A. Okafor: Tom Okafor
        if len(words) >= 2:
            self.full.setdefault(" ".join(words).casefold(), ref)
        # a name whose words are also ordinary words is a name all the same: each
        # occurrence of a part is judged where it stands (see ``replacer``)
        if 2 <= len(words) <= 4 and all(self._word(w, ordinary=False) for w in words):
            self._real.add(name.casefold())
            for word in words:
                others = initials | {w[0] for w in words if w != word}
                for piece in self._part(word, ref):
                    self.initials.setdefault(piece, set()).update(others)
                    for letter in others:
                        self.by_initial.setdefault((piece, letter), set()).add(ref)

    def _add(self, run: str) -> None:
        if run.casefold() not in self.full:
            self.full[run.casefold()] = None
        for word in run.split():
            self._part(word, None)

    def _part(self, word: str, ref: str | None) -> list[str]:
        added = []
        for piece in {word, *re.split(r"[-’']", word)}:
            if _letters(piece) >= 3 and piece[:1].isupper() and piece.casefold() not in _HONORIFICS:
                self.parts.setdefault(piece, set()).add(ref)
                added.append(piece)
        return added

    @cached_property
    def spelling(self) -> dict[str, str]:
        """Each way a part may be written (as written, or in capitals unless an acronym)
        -> the part as written."""
        spelling = {p.upper(): p for p in self.parts if p.casefold() not in _ACRONYMS}
        spelling.update({p: p for p in self.parts})
        for part, whose in self.parts.items():  # a known surname written in lower case
            low = part.lower()
            if low in self.lower_names and low not in self.lower and any(whose):
                spelling.setdefault(low, part)
        return spelling

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The one regular expression of every replacer of these names, compiled once: refs
        spelt from names, full names, names by their shape (after a title, a first name and
        a capitalised word, before a post-nominal) and parts of names."""
        parts = sorted(
            (s for s, p in self.spelling.items() if p.casefold() not in self.full),
            key=len,
            reverse=True,
        )
        alternatives = []
        if self.refs:
            ref_names = sorted(self.refs, key=len, reverse=True)
            alternatives.append(
                r"(?<![\w-])(?P<ref>" + "|".join(map(re.escape, ref_names)) + r")(?![\w-])"
            )
        if self.full:
            full = sorted(self.full, key=len, reverse=True)
            spelled = ("(?i:" + r"\s+".join(map(re.escape, n.split())) + ")" for n in full)
            alternatives.append(r"(?P<full>" + "|".join(spelled) + ")")
        alternatives.append(_ANY_SHAPE)
        if parts:
            alternatives.append(
                r"(?P<initial>(?:\b[A-Z]\.?\s+)*)(?P<part>"
                + "|".join(map(re.escape, parts))
                + r")(?:[ \t]+(?P<after>[B-HJ-Z]|[A-Z]\.)(?!\w)(?![ \t]*[A-Z]))?"
            )
        return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")

    def replacer(
        self, labels: dict[str, str], refs: dict[str, str] | None = None
    ) -> Callable[[str], str]:
        """One pass over a text: every spelling replaced, longest first, so what is put in
        is never searched again. ``labels`` says what each person ref is called; ``refs``
        (if given) the new ref of each person ref written in text."""
        return _Replacer(self, labels, refs or {}).sub

    def part_labels(self, labels: dict[str, str]) -> dict[str, str]:
        """What each part of a known person's name (casefolded) stands for, whatever its
        case or place: for refs made from names (``smith-group``), where a word is never
        an ordinary word."""
        parts = self._part_labels(labels)
        out = {}
        for part, hidden in parts.items():
            if any(self.parts[part]):  # also as refs spell it: O'Neill oneill, José jose
                out.update(dict.fromkeys({part.casefold(), slug(part).replace("-", "")}, hidden))
        return out

    def _part_labels(self, labels: dict[str, str]) -> dict[str, str]:
        """What each part (as written) becomes: its one holder's label, else withheld."""
        out = {}
        for part, owners in self.parts.items():
            known = sorted(o for o in owners if o is not None)
            out[part] = labels.get(known[0], WITHHELD) if len(known) == 1 else WITHHELD
        return out


class _Replacer:
    """The judgement of each occurrence that :meth:`Names.pattern` finds."""

    def __init__(self, names: Names, labels: dict[str, str], refs: dict[str, str]) -> None:
        self.names = names
        self.full = {n: (labels.get(r, WITHHELD) if r else WITHHELD) for n, r in names.full.items()}
        self.parts = names._part_labels(labels)
        self.spelling = names.spelling
        self.refs = refs
        self.labels = labels
        self.pattern = names.pattern

    def sub(self, text: str) -> str:
        hidden = self.pattern.sub(self._one, text)
        return _JOINED.sub("", hidden) if _JOIN in hidden else hidden

    def _one(self, match: re.Match[str]) -> str:
        text = match.group(0)
        if self.names.refs and match.group("ref"):
            return self.refs.get(text, text)
        if self.names.full and match.group("full"):
            return self.full[" ".join(text.split()).casefold()]
        if match.group("title"):
            return self._shaped(match, "titled", title=match.group("title"))
        if match.group("first"):
            return self._shaped(match, "first", "then")
        if match.group("named"):
            return self._shaped(match, "named", last=True)
        return self._part(match)

    def _shaped(
        self, match: re.Match[str], *groups: str, title: str = "", last: bool = False
    ) -> str:
        """A name found by its shape, in the words of ``groups``: the name-like words at the
        start (after a title or a first name), or the last two before a post-nominal
        (``last``). A name the plan knows becomes what the plan calls that person; any other
        ``[name withheld]``, after its title. A first name needs a name-like word after it,
        and no word of the run may end a place's name (``George Eliot Hospital``)."""
        text, at = match.group(0), match.start()
        spans = [
            (m.start() + match.start(g) - at, m.end() + match.start(g) - at)
            for g in groups
            for m in re.finditer(r"\S+", match.group(g))
        ]
        # an initial (``Tom A. Okafor``, ``Mrs J. Patel``) is part of the name it stands in
        initial = [bool(_INITIAL.fullmatch(text[a:b])) for a, b in spans]
        fits = [
            i or self.names._word(text[a:b], ordinary=False)
            for (a, b), i in zip(spans, initial, strict=True)
        ]
        order = list(reversed(range(len(spans)))) if last else list(range(len(spans)))
        taken: list[int] = []
        for i in order:
            if not fits[i] or (last and sum(not initial[j] for j in taken) == 2):
                break
            taken.append(i)
        while taken and initial[taken[-1]] and not last:  # a name ends with a word
            taken.pop()
        chosen = [spans[i] for i in sorted(taken)]
        words = sum(not initial[i] for i in taken)
        if groups[0] == "first" and (
            words < 2 or any(text[a:b].casefold() in _PLACES for a, b in spans)
        ):
            chosen = []
        if not words:
            chosen = []
        if not chosen:  # no name here: the words are searched one by one
            cut = len(title) if title else spans[0][1]
            return (title or self.sub(text[:cut])) + self.sub(text[cut:])
        start, end = chosen[0][0], chosen[-1][1]
        known = self._known([text[a:b] for a, b in chosen])
        # a known person's title goes with the name; any other name keeps its title
        hidden = known if known is not None else f"{title} {WITHHELD}".strip()
        if title:
            start = 0
        return self.sub(text[:start]) + hidden + self.sub(text[end:])

    def _known(self, words: list[str]) -> str | None:
        """What a run of words found by its shape is called if the plan knows it: a full
        name, or parts of one person's name only."""
        bare = [w for w in words if not _INITIAL.fullmatch(w)]
        for key in (" ".join(words).casefold(), " ".join(bare).casefold()):
            if key in self.full:
                return self.full[key]
        found = {self.parts.get(self.spelling.get(w, ""), "") for w in bare}
        if len(found) == 1 and "" not in found and WITHHELD not in found:
            return found.pop()
        return None

    def _by_initials(self, part: str, letters: list[str]) -> str:
        """What ``part`` with these initials stands for: the one holder they fit (``B. Jones``
        for Bethan Jones beside Karen Smith-Jones), else what the part alone becomes."""
        holders = set.intersection(*(self.names.by_initial.get((part, c), set()) for c in letters))
        if len(holders) == 1:
            return self.labels.get(holders.pop(), WITHHELD)
        return self.parts[part]

    def _in_a_place(self, text: str, end: int) -> bool:
        """Whether the part of a name ending at ``text[end]`` begins the name of a place or a
        body: a capitalised word that ends such names follows within three (``Rose Hill
        Primary School``, ``Brook Primary``), or it is possessive before a capitalised word
        that is neither a role nor a name (``Bishop's Stortford``, not ``Karen's Team``)."""
        after = re.match(r"(['’]s)?((?:[ \t]+[A-Z][\w'’-]*){1,3})", text[end:])
        if after is None:
            return False
        words = after.group(2).split()
        if after.group(1):
            first = words[0].strip(_EDGE)
            return (
                any(c.islower() for c in first)
                and first.casefold() not in _COMMON
                and first not in self.spelling
                and first not in FIRST_NAMES
            )
        return any(w.strip(_EDGE).casefold() in _PLACE_ENDS for w in words)

    def _follows_unknown(self, text: str, start: int) -> bool:
        """Whether the word before ``text[start:]`` is a part of a name no one known holds,
        with only spaces between."""
        before = _word_before(text, start)
        if before is None:
            return False
        spelt = self.spelling.get(before.group(1))
        return spelt is not None and self.names.parts[spelt] == {None}

    def _part(self, match: re.Match[str]) -> str:
        """A part of a name where it stands: see the module's docstring. Initials before it
        (``B. Smith``, ``T. A. Okafor``) or one after it (``Okafor T``) go with it: as its
        holder if they are the holder's, else ``[name withheld]`` (someone else)."""
        written, prefix, after = match.group("part"), match.group("initial"), match.group("after")
        canon = self.spelling[written]
        hidden = self.parts[canon]
        mine = self.names.initials.get(canon, set())
        text, start, end = match.string, match.start("part"), match.end("part")
        tail = text[end : match.end()]  # an initial after it, if any
        letters = re.findall(r"[A-Z]", prefix)
        if hidden == WITHHELD and not letters and self._follows_unknown(text, start):
            return _JOIN + tail  # the second word of one name no one holds
        if letters:
            if set(letters) <= mine:
                return self._by_initials(canon, letters) + (
                    "" if after and after[0] in mine else tail
                )
            if "." in prefix or len(letters) > 1 or letters[0] not in "AI":  # not "A", "I"
                return WITHHELD
        if after and after[0] in mine:
            return prefix + self._by_initials(canon, [after[0]])  # Okafor T
        if not letters and (_is_a_date(text, start, end) or self._in_a_place(text, end)):
            return match.group(0)
        if canon.casefold() not in self.names.lower:
            return prefix + hidden + tail
        if re.match(r"['’]s\b", text[end:]) or not _in_a_longer_name(text, start, end):
            return prefix + hidden + tail
        return match.group(0)


_DATE_WORDS = frozenset(
    m.casefold() for m in (*calendar.month_name[1:], "Spring", "Summer", "Autumn", "Winter")
)
_YEAR_AFTER = re.compile(r"[ \t]*(?:[-/'’]?[ \t]*(?:19|20)?\d\d(?!\d)|[ \t]+(?:half[- ])?term\b)")
_DAY_BEFORE = re.compile(r"\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:\s+of)?[ \t]+$")


def _is_a_date(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` is a month or a season in a date (``June
    2025``, ``30 June``, ``Summer term``), not a name (June Barker's): a date keeps its
    words."""
    return text[start:end].casefold() in _DATE_WORDS and bool(
        _YEAR_AFTER.match(text, end) or _DAY_BEFORE.search(text[max(0, start - 12) : start])
    )


def _in_a_longer_name(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` has a capitalised word beside it (``Town
    Hall``, ``Hall Lane``, ``TOWN HALL``): a word of a place's or a body's name, not a
    person's. The first word of a sentence is no such neighbour (``Meet Hall``)."""
    after = re.match(r"[ \t]+(\S+)", text[end:])
    if after and after.group(1)[:1].isupper():
        return True
    before = _word_before(text, start)
    return (
        before is not None
        and before.group(1)[:1].isupper()
        and _word_before(text, before.start(1)) is not None
    )


def _word_before(text: str, start: int) -> re.Match[str] | None:
    """The word before ``text[start:]`` in the same sentence, if any."""
    found = re.search(r"(\S+)[ \t]+$", text[:start])
    return None if found is None or found.group(1)[-1] in _SENTENCE_END else found
