"""Status scales read every status cell found in the seed plans as their keys define them."""

from __future__ import annotations

import calendar
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from graphmodel.errors import UsageError
from graphmodel.statuses import (
    BUILTIN_SCALES,
    DATE_PHRASES,
    Status,
    StatusReading,
    StatusScale,
    UnknownScaleError,
    scale_named,
)

C, T, R, D, N, W, X = (
    Status.COMPLETE,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.DELAYED,
    Status.NOT_STARTED,
    Status.WAITING,
    Status.CANCELLED,
)

# (scale, cell as extracted, value, word, date, note). The date is a month "YYYY-MM", or
# "by YYYY-MM" for a target with an open start (to the end of that month), or None.
SEED_CELLS: list[tuple[str, str, Status | None, str | None, str | None, str]] = [
    # Cheshire East (001): "Progress rating" column and appendix 2 "Progress" column.
    ("rag", "In progress", T, "In progress", None, ""),
    ("rag", "Completed", C, "Completed", None, ""),
    ("rag", "Not started", N, "Not started", None, ""),
    ("rag", "Pending", N, "Pending", None, ""),
    ("rag", "Ongoing", T, "Ongoing", None, ""),
    ("rag", "Completed and in place – Jan 18", C, "Completed and in place", "2018-01", ""),
    ("rag", "Completed and in place Jan 18", C, "Completed and in place", "2018-01", ""),
    ("rag", "Completed and in place", C, "Completed and in place", None, ""),
    ("rag", "Completed and in post", C, "Completed and in post", None, ""),
    ("rag", "Completed Oct 17", C, "Completed", "2017-10", ""),
    ("rag", "Completed May 18", C, "Completed", "2018-05", ""),
    ("rag", "Completed November 2017", C, "Completed", "2017-11", ""),
    ("rag", "Completed June 18", C, "Completed", "2018-06", ""),
    ("rag", "In progress Implement in June", T, "In progress", None, "Implement in June"),
    ("rag", "In progress Commence in April", T, "In progress", None, "Commence in April"),
    ("rag", "In progress Complete by September", T, "In progress", None, "Complete by September"),
    ("rag", "In progress Complete by Aug 18", T, "In progress", "by 2018-08", ""),
    ("rag", "Complete by Dec 18", None, None, "by 2018-12", ""),
    ("rag", "Complete by Mar 2019", None, None, "by 2019-03", ""),
    (
        "rag",
        "Completed and in place (plus 1 locum officer, and 1 part-time officer)",
        C,
        "Completed and in place",
        None,
        "(plus 1 locum officer, and 1 part-time officer)",
    ),
    # Cheshire East's RAG key (colours lost in extraction).
    (
        "rag",
        "Action not on track, risk to implementation",
        None,
        None,
        None,
        "Action not on track, risk to implementation",
    ),
    (
        "rag",
        "Not on track, risk to implementation",
        R,
        "Not on track",
        None,
        "risk to implementation",
    ),
    (
        "rag",
        "Longer-term action, not yet started",
        N,
        "Longer-term action",
        None,
        "not yet started",
    ),
    ("rag", "Green", T, "Green", None, ""),
    ("rag", "Amber", R, "Amber", None, ""),
    ("rag", "Red", D, "Red", None, ""),
    ("rag", "Blue", C, "Blue", None, ""),
    # Peterborough (003): "BRAG + date" cells keep only the date; the key's words.
    ("brag", "Nov 2019", None, None, "2019-11", ""),
    ("brag", "Oct 2019", None, None, "2019-10", ""),
    ("brag", "Sept 2019", None, None, "2019-09", ""),
    ("brag", "Aug 2019", None, None, "2019-08", ""),
    ("brag", "<p>Sept 2019</p>", None, None, "2019-09", ""),
    ("brag", "Blue – complete", C, "Blue", None, "complete"),
    ("brag", "Green – on track", T, "Green", None, "on track"),
    ("brag", "Amber – behind schedule", D, "Amber", None, "behind schedule"),
    ("brag", "Red – not started/risk", R, "Red", None, "not started/risk"),
    ("brag", "Red Nov 2019", R, "Red", "2019-11", ""),
    ("brag", "Behind schedule", D, "Behind schedule", None, ""),
    ("brag", "Not started", N, "Not started", None, ""),
    # Warrington (000): the BRAGG key (its plan has no status column yet).
    ("bragg", "BLUE", C, "BLUE", None, ""),
    ("bragg", "RED", D, "RED", None, ""),
    ("bragg", "AMBER", R, "AMBER", None, ""),
    ("bragg", "GREEN", T, "GREEN", None, ""),
    ("bragg", "GREY", W, "GREY", None, ""),
    ("bragg", "Gray", W, "Gray", None, ""),
    ("bragg", "Completed and embedded", C, "Completed and embedded", None, ""),
    ("bragg", "Significantly delayed", D, "Significantly delayed", None, ""),
    ("bragg", "In progress", R, "In progress", None, ""),
    ("bragg", "On track", T, "On track", None, ""),
    (
        "bragg",
        "Not yet started as dependent on or waiting other actions to be completed",
        W,
        "Not yet started",
        None,
        "as dependent on or waiting other actions to be completed",
    ),
    # Wirral (002): "What we have delivered" / "What we still need to do".
    ("words", "Delivered", C, "Delivered", None, ""),
    ("words", "Still need to do", N, "Still need to do", None, ""),
    ("words", "Still to do", N, "Still to do", None, ""),
]


def read(scale: str | StatusScale, cell: str) -> StatusReading:
    """The reading of a cell that is not blank."""
    reading = (scale_named(scale) if isinstance(scale, str) else scale).read(cell)
    assert reading is not None, cell
    return reading


def month(value: str) -> tuple[date | None, date]:
    year, mon = (int(part) for part in value.removeprefix("by ").split("-"))
    end = date(year, mon, calendar.monthrange(year, mon)[1])
    return (None if value.startswith("by ") else date(year, mon, 1)), end


@pytest.mark.parametrize(("scale", "cell", "value", "word", "when", "note"), SEED_CELLS)
def test_seed_cells(
    scale: str, cell: str, value: Status | None, word: str | None, when: str | None, note: str
) -> None:
    reading = scale_named(scale).read(cell)
    assert reading is not None
    assert (reading.text, reading.value, reading.word, reading.note) == (cell, value, word, note)
    if when is None:
        assert reading.date is None
    else:
        assert reading.date is not None
        assert (reading.date.start, reading.date.end) == month(when)
        assert reading.date.text in cell


GENERIC: list[tuple[str, Status | None]] = [
    ("done", C),
    ("Closed", C),
    ("completed and embedded", C),
    ("underway", T),
    ("on_track", T),
    ("On-track", T),
    ("in progress", T),
    ("At risk", R),
    ("not on track", R),
    ("delayed", D),
    ("Significantly delayed", D),
    ("Overdue", D),
    ("behind schedule", D),
    ("not_started", N),
    ("Not yet started", N),
    ("planned", N),
    ("Waiting", W),
    ("On hold", W),
    ("dependent on 2.3", W),
    ("Cancelled", X),
    ("withdrawn", X),
    ("Superseded by 4.1", X),
    # not words: value None
    ("Purple", None),
    ("n/a", None),
    ("Startedness", None),
    ("Completely wrong", None),
    ("Blue", None),
    ("Red", None),
    ("Progress", None),
]


@pytest.mark.parametrize(("cell", "value"), GENERIC)
def test_generic_words(cell: str, value: Status | None) -> None:
    reading = scale_named("words").read(cell)
    assert reading is not None and reading.value is value


@pytest.mark.parametrize(
    ("cell", "value", "date_text", "start", "end", "note"),
    [
        # the rest is a period: open ends are kept
        ("Ongoing from March 2020", T, "from March 2020", date(2020, 3, 1), None, ""),
        ("In progress – due Jan 2019", T, "due Jan 2019", None, date(2019, 1, 31), ""),
        # a date phrase, then a date
        (
            "Implement in Jun 2018",
            None,
            "Jun 2018",
            date(2018, 6, 1),
            date(2018, 6, 30),
            "Implement in",
        ),
        # the last words are a date
        (
            "On track: expected completion Dec 2018",
            T,
            "Dec 2018",
            date(2018, 12, 1),
            date(2018, 12, 31),
            "expected completion",
        ),
        (
            "Completed (see 2.3) Jan 2019",
            C,
            "Jan 2019",
            date(2019, 1, 1),
            date(2019, 1, 31),
            "(see 2.3)",
        ),
        ("Completed.", C, None, None, None, ""),
        ("Superseded by 4.1", X, None, None, None, "by 4.1"),
    ],
)
def test_date_and_note(
    cell: str,
    value: Status | None,
    date_text: str | None,
    start: date | None,
    end: date | None,
    note: str,
) -> None:
    reading = read("rag", cell)
    assert (reading.value, reading.note) == (value, note)
    got = (
        None if reading.date is None else (reading.date.text, reading.date.start, reading.date.end)
    )
    assert got == (None if date_text is None else (date_text, start, end))


def test_unknown_word_keeps_the_text_as_note() -> None:
    reading = scale_named("brag").read("Purple haze")
    assert reading is not None
    assert (reading.value, reading.word, reading.date, reading.note) == (
        None,
        None,
        None,
        "Purple haze",
    )


@pytest.mark.parametrize("cell", [None, "", "   ", "\n\t", "<p></p>"])
def test_blank_cells_read_as_none(cell: str | None) -> None:
    assert scale_named("rag").read(cell) is None


def test_scale_meanings_differ() -> None:
    # Red is "not started/risk" in Peterborough and "significantly delayed" in Warrington.
    assert [read(s, "Red").value for s in ("brag", "bragg", "rag", "words")] == [
        R,
        D,
        D,
        None,
    ]
    assert read("bragg", "Not started").value is W
    assert read("rag", "Not started").value is N


def test_plan_words_add_and_override() -> None:
    scale = StatusScale(name="brag", words={"RED": "not_started", "Parked ": Status.WAITING})
    assert read(scale, "red").value is N
    assert read(scale, "parked until May 2020").value is W
    assert read(scale, "Blue").value is C
    assert scale.words_in_effect()["parked"] is W
    assert set(BUILTIN_SCALES["brag"]) < set(scale.words_in_effect())


def test_own_scale_name_starts_from_generic_words() -> None:
    scale = StatusScale(name="Wirral progress", words={"still need to do": "not_started"})
    assert scale.words_in_effect() == BUILTIN_SCALES["words"]
    assert read(scale, "delivered").value is C


def test_scale_is_frozen_and_strict() -> None:
    scale = scale_named("rag")
    with pytest.raises(ValidationError):
        scale.name = "brag"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        StatusScale(name="rag", colours={})  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        StatusScale(name="rag", words={" - ": "complete"})
    with pytest.raises(ValidationError):
        StatusScale(name="rag", words={"purple": "lost"})


def test_scale_named() -> None:
    assert scale_named(" BRAGG ") == StatusScale(name="bragg")
    with pytest.raises(UnknownScaleError, match="known: words, brag, bragg, rag") as caught:
        scale_named("traffic lights")
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, LookupError)
    assert isinstance(caught.value, UsageError)


def test_status_is_open() -> None:
    assert [s.value for s in Status if not s.is_open] == ["complete", "cancelled"]
    assert Status("on_track") is T


def test_every_builtin_word_reads_as_itself() -> None:
    for name, words in BUILTIN_SCALES.items():
        for word, status in words.items():
            reading = scale_named(name).read(word)
            assert reading is not None and (reading.value, reading.note) == (status, ""), word
    for phrase in DATE_PHRASES:
        reading = scale_named("words").read(phrase)
        assert reading is not None and reading.value is None, phrase


# --- properties -------------------------------------------------------------------------

SCALES = st.sampled_from(sorted(BUILTIN_SCALES))
DASHES = "-–—"


@given(SCALES, st.text())
def test_read_never_raises(scale: str, text: str) -> None:
    reading = scale_named(scale).read(text)
    if reading is not None:
        assert reading.text == text
        assert reading.value is None or reading.word is not None


@given(SCALES, st.text(alphabet=st.sampled_from("abcdefghijklmnop- –—_:()/<>0123456789JanDec")))
def test_read_never_raises_on_wordlike_text(scale: str, text: str) -> None:
    scale_named(scale).read(text)


def vary(text: str, data: st.DataObject) -> str:
    """The text with random case, dash variants and extra whitespace."""
    out = []
    for ch in text:
        if ch in DASHES or ch == " ":
            sep = data.draw(st.sampled_from([" ", "  ", " – ", "-", "—", "_", "\t"]))
            out.append(sep if ch == " " else data.draw(st.sampled_from(DASHES)))
        else:
            out.append(ch.upper() if data.draw(st.booleans()) else ch.lower())
    return "".join(out)


@given(st.sampled_from(SEED_CELLS), st.data())
def test_case_and_dash_variants_read_the_same(row: tuple[object, ...], data: st.DataObject) -> None:
    scale, cell = str(row[0]), str(row[1])
    variant = vary(cell, data)
    reading = scale_named(scale).read(variant)
    assert reading is not None and reading.value is row[2], variant


@given(SCALES, st.data())
def test_builtin_word_variants_read_the_same(scale: str, data: st.DataObject) -> None:
    word, status = data.draw(st.sampled_from(sorted(BUILTIN_SCALES[scale].items())))
    variant = vary(word, data)
    reading = scale_named(scale).read(variant + data.draw(st.sampled_from(["", " ", " (note)"])))
    assert reading is not None and reading.value is status, variant
    assert reading.word is not None
    assert re.sub(r"[\s\-–—_]+", " ", reading.word).lower().strip() == word


@pytest.mark.parametrize(
    ("scale", "cell", "expected"),
    [
        ("rag", "G", Status.ON_TRACK),
        ("rag", "a", Status.AT_RISK),
        ("rag", "R.", Status.DELAYED),
        ("rag", " B ", Status.COMPLETE),
        ("brag", "A", Status.DELAYED),  # each scale's own colours
        ("bragg", "R", Status.DELAYED),
        ("rag", "A review of the panel is under way", None),  # a letter starting a sentence
        ("words", "G", None),  # a scale with no colours
        ("rag", "X", None),
    ],
)
def test_a_colour_s_initial_alone_is_the_colour(
    scale: str, cell: str, expected: Status | None
) -> None:
    reading = scale_named(scale).read(cell)
    assert reading is not None and reading.value is expected
    if expected is not None:
        assert reading.word == cell.strip() and reading.note == ""


@pytest.mark.parametrize("scale", ["rag", "bragg", "brag"])
def test_a_cell_of_two_colours_reads_as_the_worse_whichever_comes_first(scale: str) -> None:
    # "Green/Amber" read as Green (on track) hid the amber half: the status lint and the
    # RAG counts took it for a clean green, while "Amber/Green" read as amber
    s = scale_named(scale)
    for first, second, worse in (("Green", "Amber", "Amber"), ("Amber", "Red", "Red")):
        expected = s.read(worse)
        for cell in (f"{first}/{second}", f"{second}/{first}", f"{first} - {second}"):
            got = s.read(cell)
            assert got is not None and expected is not None
            assert (got.value, got.word, got.note) == (expected.value, cell, ""), cell
    one = s.read("Amber - Sept 2024")  # a colour and a date is still one colour, dated
    assert one is not None and one.word == "Amber" and one.date is not None
    dated = s.read("Green/Amber 12/05/2025")  # BRAG + date: the date follows the pair
    amber = s.read("Amber")
    assert dated is not None and amber is not None and dated.value == amber.value
    assert (dated.word, dated.note) == ("Green/Amber", "") and dated.date is not None
    noted = s.read("Red/Amber - slipped")
    red = s.read("Red")
    assert noted is not None and red is not None
    assert (noted.value, noted.word, noted.note) == (red.value, "Red/Amber", "slipped")
