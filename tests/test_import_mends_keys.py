"""One table of cadence words and one set of colour words: a governance sentence reads every
cadence a governance table does (``meets every quarter``), and a colour key line reads every
colour a status cell may be written in (Smartsheet's ``Yellow``, ``Gray``)."""

from __future__ import annotations

import pytest

from graphmodel.model import Cadence
from loaders.documents.governance import CADENCES, cadence_of, read_governance
from loaders.documents.sections import COLOURS, is_key_line


def test_a_sentence_reads_a_multi_word_cadence() -> None:
    said = read_governance(
        "The SEND Board meets every quarter and reports to the Health and Wellbeing Board."
    )
    assert said is not None
    assert said.reports_to == [("SEND Board", "Health and Wellbeing Board")]
    assert said.cadences == {"SEND Board": Cadence.QUARTERLY}


@pytest.mark.parametrize(
    ("phrase", "cadence"),
    [
        ("six monthly", Cadence.SIX_MONTHLY),
        ("twice a year", Cadence.SIX_MONTHLY),
        ("twice yearly", Cadence.SIX_MONTHLY),
        ("every month", Cadence.MONTHLY),
        ("every two months", Cadence.BI_MONTHLY),
    ],
)
def test_sentences_read_the_tables_phrases(phrase: str, cadence: Cadence) -> None:
    meets = read_governance(f"The SEND Board meets {phrase}.")
    assert meets is not None
    assert meets.cadences == {"SEND Board": cadence}
    # the cadence of a reporting clause is the parent's: how often it hears
    reports = read_governance(f"The SEND Board reports {phrase} to the Health and Wellbeing Board.")
    assert reports is not None
    assert reports.cadences == {"Health and Wellbeing Board": cadence}


@pytest.mark.parametrize(
    ("word", "cadence"),
    [
        ("monthly", Cadence.MONTHLY),
        ("bi-monthly", Cadence.BI_MONTHLY),
        ("Bimonthly", Cadence.BI_MONTHLY),
        ("six-monthly", Cadence.SIX_MONTHLY),
        ("biannually", Cadence.SIX_MONTHLY),
        ("yearly", Cadence.ANNUALLY),
        ("termly", Cadence.TERMLY),
        ("fortnightly", Cadence.FORTNIGHTLY),
    ],
)
def test_governance_still_reads_its_words(word: str, cadence: Cadence) -> None:
    if "-" not in word:  # a hyphenated word is not read between "reported" and "to"
        said = read_governance(f"Progress will be reported {word} to the SEND Improvement Board.")
        assert said is not None
        assert said.cadences == {"SEND Improvement Board": cadence}
    meets = read_governance(f"The SEND Improvement Board meets {word}.")
    assert meets is not None
    assert meets.cadences == {"SEND Improvement Board": cadence}


def test_one_table_reads_cells_and_words() -> None:
    assert all(cadence_of(c.value) is c for c in Cadence)
    assert cadence_of("Every  Quarter") is Cadence.QUARTERLY
    assert cadence_of("Twice-a-year") is Cadence.SIX_MONTHLY
    assert cadence_of("every six weeks") is Cadence.SIX_WEEKLY
    assert cadence_of("every three weeks") is None
    assert all(key == " ".join(key.split()) and "-" not in key for key in CADENCES)
    said = read_governance("The SEND Board meets every three weeks.")
    assert said is not None
    assert not said.cadences
    said = read_governance("The SEND Board meets every six weeks.")
    assert said is not None and said.cadences == {"SEND Board": Cadence.SIX_WEEKLY}


@pytest.mark.parametrize(
    "line",
    [
        "Yellow = some slippage; Gray = not started",
        "Key: Yellow - some slippage, Gray - on hold",
        "BRAGG key: Blue complete",
        "Blue = done; Red = late",
    ],
)
def test_a_key_line_in_any_colour_is_a_key(line: str) -> None:
    assert is_key_line(line)
    assert {"yellow", "gray"} <= COLOURS


def test_a_line_of_no_colours_is_no_key() -> None:
    assert not is_key_line("Section A - Governance, Section B - Finance")
    assert not is_key_line("Purple = done; Pink = late")
