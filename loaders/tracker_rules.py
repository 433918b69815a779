"""The formulas of the tracker's colour rules (:mod:`loaders.tracker`): the spreadsheet
reads a status cell as :meth:`graphmodel.statuses.StatusScale.read` does.

A cell is lower-cased, dashes, underscores, line breaks and ``,:;./`` become spaces, runs of
spaces one, and a space is put either side; it reads as a word when it starts with that word
and with no longer word or date phrase of another meaning (the longest match wins); a cell
that is one letter the scale reads (``G`` for Green, ``B.``) is that letter alone; a cell that
starts with two colours (``Green/Amber 12/05/25``) is the worse of them. Each
tone's formula is an ``OR`` of those tests for the words of its statuses; a long one is split
into several rules of the same tone. LibreOffice evaluates them in the tests, against the
reader, for every built-in scale.

>>> from graphmodel.statuses import scale_named
>>> tones = status_tones(scale_named("brag"))
>>> tones[Status.DELAYED], tones[Status.AT_RISK]  # Peterborough: Amber is behind schedule
('amber', 'red')
>>> closed_formula(scale_named("rag"), "$H2").startswith("OR(")
True
"""

from __future__ import annotations

import string
from collections.abc import Callable

from graphmodel.statuses import DATE_PHRASES, Status, StatusScale, two_colours

__all__ = ["TONES", "closed_formula", "quoted", "status_tones", "tone_formulas"]

TONES = {  # fill, font: Excel's own "good / neutral / bad" styles, and a blue and a grey
    "blue": ("BDD7EE", "1F4E79"),
    "green": ("C6EFCE", "006100"),
    "amber": ("FFEB9C", "9C5700"),
    "red": ("FFC7CE", "9C0006"),
    "grey": ("D9D9D9", "404040"),
}
"""The RAG tones: name -> (fill colour, font colour)."""
_DEFAULT_TONE = {
    Status.COMPLETE: "blue",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "amber",
    Status.DELAYED: "red",
    Status.NOT_STARTED: "grey",
    Status.WAITING: "grey",
    Status.CANCELLED: "grey",
}


def quoted(text: str) -> str:
    """``text`` as a string in a formula."""
    return '"' + text.replace('"', '""') + '"'


def _normalised(cell: str) -> str:
    """A formula: the status cell lower-cased, dashes, underscores, line breaks and ``,:;./``
    as spaces, one space between words and one either side, so that ``LEFT`` finds whole
    words at the start."""
    inner = f"LOWER({cell})"
    for ch in ('"-"', '"–"', '"—"', '"_"', '","', '":"', '";"', '"."', '"/"', "CHAR(10)"):
        inner = f'SUBSTITUTE({inner},{ch}," ")'
    return f'" "&TRIM({inner})&" "'


def _word_tests(
    scale: StatusScale, cell: str, group: Callable[[Status], object] = lambda s: s
) -> list[tuple[Status, str]]:
    """For each word ``scale`` knows, longest first: its status and a formula true when
    ``cell`` (``$H2``) starts with it and with no longer word or date phrase that means
    something else -- the longest match, as :meth:`StatusScale.read` reads. A word whose
    test implies the test of a shorter word in the same ``group`` of statuses (``completed
    and in place`` after ``completed``, for the closed statuses) is left out: the formulas
    stay short (Excel takes 8,192 characters)."""
    meaning: dict[str, Status | None] = dict.fromkeys(DATE_PHRASES)
    meaning.update(scale.words_in_effect())
    text = _normalised(cell)

    def starts(word: str) -> str:
        return f"LEFT({text},{len(word) + 2})={quoted(f' {word} ')}"

    words = [
        (word, status, [w for w, s in meaning.items() if w.startswith(word + " ") and s != status])
        for word, status in sorted(meaning.items(), key=lambda kv: (-len(kv[0]), kv[0]))
        if status is not None
    ]
    pairs = two_colours(meaning)  # a cell starting with two colours reads as the worse
    out = []
    for word, status, longer in words:
        if any(
            group(other) == group(status) and _implies(word, longer, shorter, excluded)
            for shorter, other, excluded in words
        ):
            continue
        test = starts(word)
        unlike = [starts(p) for p, s in pairs.items() if p.split()[0] == word and s != status]
        if longer or unlike:
            test = f"AND({test},NOT(OR({','.join([*(starts(w) for w in longer), *unlike])})))"
        out.append((status, test))
    out += [(status, starts(pair)) for pair, status in pairs.items()]
    for letter in string.ascii_lowercase:  # a cell of one letter: G for Green on a RAG scale
        reading = None if letter in meaning else scale.read(letter)
        if reading is not None and reading.value is not None:
            out.append((reading.value, f"{text}={quoted(f' {letter} ')}"))
    return out


def _implies(word: str, longer: list[str], shorter: str, excluded: list[str]) -> bool:
    """Whether a cell that reads as ``word`` (it starts with it and with none of ``longer``)
    always passes the test of ``shorter`` (it starts with it and with none of ``excluded``):
    ``word`` extends ``shorter``, and each phrase ``shorter`` excludes neither begins
    ``word`` nor extends it unless ``word`` excludes it too."""
    return word.startswith(shorter + " ") and all(
        not f"{word} ".startswith(f"{phrase} ")
        and (not phrase.startswith(word + " ") or phrase in longer)
        for phrase in excluded
    )


def status_tones(scale: StatusScale) -> dict[Status, str]:
    """The tone of each status on ``scale``: the colour word the scale gives it, else the
    usual one (Blue complete, Green on track, Amber at risk, Red delayed, Grey the rest)."""
    effect = scale.words_in_effect()
    tone = dict(_DEFAULT_TONE)
    for colour in ("gray", *TONES):
        if (status := effect.get(colour)) is not None:
            tone[status] = "grey" if colour == "gray" else colour
    return tone


_MAX_FORMULA = 3000
"""Characters in one colour rule's formula (Excel takes 8,192); longer ones are split."""


def tone_formulas(scale: StatusScale, cell: str) -> list[tuple[str, str]]:
    """(tone, formula) pairs: each formula is true when ``cell`` (``$H2``) reads as a status
    of that tone; a tone whose words need a long formula has several."""
    tone, parts = status_tones(scale), dict[str, list[list[str]]]()
    for status, test in _word_tests(scale, cell, tone.__getitem__):
        chunks = parts.setdefault(tone[status], [[]])
        if chunks[-1] and sum(len(t) + 1 for t in chunks[-1]) + len(test) > _MAX_FORMULA:
            chunks.append([])
        chunks[-1].append(test)
    return [(t, f"OR({','.join(c)})") for t, chunks in parts.items() for c in chunks]


def closed_formula(scale: StatusScale, cell: str) -> str:
    """A formula true when ``cell`` reads as complete or cancelled on ``scale``."""
    closed = (Status.COMPLETE, Status.CANCELLED)
    tests = [
        test for status, test in _word_tests(scale, cell, closed.__contains__) if status in closed
    ]
    return f"OR({','.join(tests)})" if tests else "FALSE"
