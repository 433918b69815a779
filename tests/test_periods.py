"""Tests for graphmodel.periods: the forms plans use, the seed documents, pydantic round trips."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from graphmodel.periods import (
    Period,
    Precision,
    excel_serial_note,
    parse_period,
    relative_period,
)

D, M, Q, T = Precision.DAY, Precision.MONTH, Precision.QUARTER, Precision.TERM
S, Y, AY, FY = Precision.SEASON, Precision.YEAR, Precision.ACADEMIC_YEAR, Precision.FINANCIAL_YEAR

Row = tuple[str, "str | None", "str | None", "Precision | None"]

# The forms the brief requires, and a few more; (text, start, end, precision).
FORMS: list[Row] = [
    ("Dec-23", "2023-12-01", "2023-12-31", M),
    ("July-23", "2023-07-01", "2023-07-31", M),
    ("Jan-Jul 24", "2024-01-01", "2024-07-31", M),
    ("Jun-Aug 23", "2023-06-01", "2023-08-31", M),
    ("From Oct-23", "2023-10-01", None, M),
    ("Sep=23", "2023-09-01", "2023-09-30", M),
    ("March 2019", "2019-03-01", "2019-03-31", M),
    ("Sept 2019", "2019-09-01", "2019-09-30", M),
    ("Nov 2019-", "2019-11-01", None, M),
    ("Ongoing from March 2020", "2020-03-01", None, M),
    ("June 2020 to April 2021", "2020-06-01", "2021-04-30", M),
    ("Autumn term 2024/25", "2024-09-01", "2024-12-31", T),
    ("Spring term 2024/25", "2025-01-01", "2025-03-31", T),
    ("summer term 2024/25", "2025-04-01", "2025-07-31", T),
    ("2024/25", "2024-09-01", "2025-08-31", AY),
    ("2024/2025", "2024-09-01", "2025-08-31", AY),
    ("2024-25", "2024-09-01", "2025-08-31", AY),
    ("academic year 2024/25", "2024-09-01", "2025-08-31", AY),
    ("spring 2025", "2025-01-01", "2025-03-31", T),
    ("Summer 2025", "2025-04-01", "2025-07-31", T),
    ("autumn 2024", "2024-09-01", "2024-12-31", T),
    ("winter 2024/25", "2024-12-01", "2025-02-28", S),
    ("by the end of October 2024", None, "2024-10-31", M),
    ("Complete by Aug 18", None, "2018-08-31", M),
    ("Q3 2024", "2024-07-01", "2024-09-30", Q),
    ("Q1 2024", "2024-01-01", "2024-03-31", Q),
    ("Q3 2024/25", "2024-10-01", "2024-12-31", Q),
    ("Q1 2024/25", "2024-04-01", "2024-06-30", Q),
    ("Q4 2024/25", "2025-01-01", "2025-03-31", Q),
    ("2024-03-31", "2024-03-31", "2024-03-31", D),
    ("31/03/2024", "2024-03-31", "2024-03-31", D),
    ("31.3.23", "2023-03-31", "2023-03-31", D),
    ("13th August 2019", "2019-08-13", "2019-08-13", D),
    ("10 February 2023", "2023-02-10", "2023-02-10", D),
    ("2019", "2019-01-01", "2019-12-31", Y),
    ("FY 2024/25", "2024-04-01", "2025-03-31", FY),
    ("FY24/25", "2024-04-01", "2025-03-31", FY),
    ("financial year 2024/25", "2024-04-01", "2025-03-31", FY),
    ("2024/25 financial year", "2024-04-01", "2025-03-31", FY),
    ("Dec 2023 - Mar 2024", "2023-12-01", "2024-03-31", M),
    ("Jan – Mar 2024", "2024-01-01", "2024-03-31", M),
    ("January to March 2024", "2024-01-01", "2024-03-31", M),
    ("end of March 2024", None, "2024-03-31", M),
    ("by March 2024", None, "2024-03-31", M),
    ("September 2018 onwards", "2018-09-01", None, M),
    ("SEPT 2019", "2019-09-01", "2019-09-30", M),
    ("dec '23", "2023-12-01", "2023-12-31", M),
    ("1 April 2024 to 31 March 2025", "2024-04-01", "2025-03-31", D),
    ("13th August 2019 - March 2020", "2019-08-13", "2020-03-31", M),
    ("from 2021 to 2022", "2021-01-01", "2022-12-31", Y),
    ("between Jan 2024 and Mar 2024", "2024-01-01", "2024-03-31", M),
    ("Nov 2019 - ongoing", "2019-11-01", None, M),
    ("due 30/06/2024", None, "2024-06-30", D),
    ("  Dec-23  ", "2023-12-01", "2023-12-31", M),
    # not periods: kept, undated, never guessed
    ("Actions have commenced", None, None, None),
    ("Ongoing", None, None, None),
    ("Completed", None, None, None),
    ("TBC", None, None, None),
    ("In progress Complete by September", None, None, None),
    ("Immediate", None, None, None),
    ("", None, None, None),
    ("   ", None, None, None),
    ("September", None, None, None),
    ("Q3", None, None, None),
    ("winter 2024", None, None, None),
    ("31/02/2024", None, None, None),
    ("2024-13-01", None, None, None),
    ("Mar 2024 - Jan 2024", None, None, None),
    ("Nov-Feb 24", None, None, None),
    ("2024/26", None, None, None),
    ("from Jan 2024 by Mar 2024", None, None, None),
    ("24/25", None, None, None),
    ("150", None, None, None),
]

# Every distinct date-like string found in the five seed documents (/work/shared/seeds), with
# the values checked by reading them; (seed, text, start, end, precision). Table cells are as
# extracted (some keep <p> tags); prose fragments are cut at the period they mention.
_LOCUM = "Completed and in place (plus 1 locum officer, and 1 part-time officer)"
SEED_STRINGS: list[tuple[str, str, str | None, str | None, Precision | None]] = [
    # 000 Warrington: the "Timescale" column, then dates in other cells
    ("000", "Apr-23", "2023-04-01", "2023-04-30", M),
    ("000", "Apr-24", "2024-04-01", "2024-04-30", M),
    ("000", "Aug-23", "2023-08-01", "2023-08-31", M),
    ("000", "Aug-24", "2024-08-01", "2024-08-31", M),
    ("000", "Dec-23", "2023-12-01", "2023-12-31", M),
    ("000", "Feb-23", "2023-02-01", "2023-02-28", M),
    ("000", "Feb-24", "2024-02-01", "2024-02-29", M),
    ("000", "Jan-24", "2024-01-01", "2024-01-31", M),
    ("000", "Jul-23", "2023-07-01", "2023-07-31", M),
    ("000", "Jul-24", "2024-07-01", "2024-07-31", M),
    ("000", "July-23", "2023-07-01", "2023-07-31", M),
    ("000", "Jun-23", "2023-06-01", "2023-06-30", M),
    ("000", "Jun-24", "2024-06-01", "2024-06-30", M),
    ("000", "Mar-23", "2023-03-01", "2023-03-31", M),
    ("000", "May-23", "2023-05-01", "2023-05-31", M),
    ("000", "May-25", "2025-05-01", "2025-05-31", M),
    ("000", "Nov-23", "2023-11-01", "2023-11-30", M),
    ("000", "Oct-23", "2023-10-01", "2023-10-31", M),
    ("000", "Sep-23", "2023-09-01", "2023-09-30", M),
    ("000", "Sep-24", "2024-09-01", "2024-09-30", M),
    ("000", "Sep-25", "2025-09-01", "2025-09-30", M),
    ("000", "Jan-Jul 24", "2024-01-01", "2024-07-31", M),
    ("000", "Jun-Aug 23", "2023-06-01", "2023-08-31", M),
    ("000", "From Oct-23", "2023-10-01", None, M),
    ("000", "From Sep-23", "2023-09-01", None, M),
    ("000", "Sep=23", "2023-09-01", "2023-09-30", M),
    ("000", "Apr-24 Baseline: 100% (2022 Actual) Target: 100%", None, None, None),
    ("000", "Apr-24 Baseline: 54% (2022 Actual) Target: 75% (2023 EOY)", None, None, None),
    ("000", "Apr-24 Baseline: 98% (2022 Actual) Target: 100% (2023 EOY)", None, None, None),
    ("000", "Sep-23 to Jul-24", "2023-09-01", "2024-07-31", M),
    ("000", "(Sep-23 to Jul-24)", "2023-09-01", "2024-07-31", M),
    ("000", "academic year 2023/24", "2023-09-01", "2024-08-31", AY),
    ("000", "2023/24", "2023-09-01", "2024-08-31", AY),
    ("000", "2024/25 academic year", "2024-09-01", "2025-08-31", AY),
    ("000", "summer term of 2023", "2023-04-01", "2023-07-31", T),
    ("000", "autumn terms of 2023/24", "2023-09-01", "2023-12-31", T),
    ("000", "August / September 2023", "2023-08-01", "2023-09-30", M),
    ("000", "May 2024", "2024-05-01", "2024-05-31", M),
    ("000", "April 2023", "2023-04-01", "2023-04-30", M),
    ("000", "(April 24)", "2024-04-01", "2024-04-30", M),
    ("000", "31.3.23", "2023-03-31", "2023-03-31", D),
    ("000", "4.4.23", "2023-04-04", "2023-04-04", D),
    ("000", "March 23", "2023-03-01", "2023-03-31", M),
    ("000", "live Dec 22", None, None, None),
    ("000", "Schools Mental Health Link Worker Team (live Dec 22).", None, None, None),
    ("000", "2022-23", "2022-09-01", "2023-08-31", AY),
    ("000", "2023-24", "2023-09-01", "2024-08-31", AY),
    ("000", "(2023-23)", None, None, None),
    ("000", "EOY 2023", None, None, None),
    ("000", "2023 EOY", None, None, None),
    ("000", "15 February", None, None, None),
    ("000", "31 March", None, None, None),
    ("000", "2024 admissions", None, None, None),
    # 001 Cheshire East: "When will this be completed?", then the appendix progress cells
    ("001", "March 2019", "2019-03-01", "2019-03-31", M),
    ("001", "November 2018", "2018-11-01", "2018-11-30", M),
    ("001", "September 2018", "2018-09-01", "2018-09-30", M),
    ("001", "October 2018", "2018-10-01", "2018-10-31", M),
    ("001", "July 2018", "2018-07-01", "2018-07-31", M),
    ("001", "May 2018", "2018-05-01", "2018-05-31", M),
    ("001", "December 2018", "2018-12-01", "2018-12-31", M),
    ("001", "December 2019", "2019-12-01", "2019-12-31", M),
    ("001", "February 2019", "2019-02-01", "2019-02-28", M),
    ("001", "July 2019", "2019-07-01", "2019-07-31", M),
    ("001", "June 2018", "2018-06-01", "2018-06-30", M),
    ("001", "August 2018", "2018-08-01", "2018-08-31", M),
    ("001", "April 2019", "2019-04-01", "2019-04-30", M),
    ("001", "(July 2018)", "2018-07-01", "2018-07-31", M),
    ("001", "In March 2018", "2018-03-01", "2018-03-31", M),
    ("001", "since January 2018", "2018-01-01", None, M),
    ("001", "since May 2018", "2018-05-01", None, M),
    ("001", "2017/18", "2017-09-01", "2018-08-31", AY),
    ("001", "2017–19", "2017-01-01", "2019-12-31", Y),
    ("001", "Completed Oct 17", "2017-10-01", "2017-10-31", M),
    ("001", "Completed and in place – Jan 18", "2018-01-01", "2018-01-31", M),
    ("001", "Completed and in place Jan 18", "2018-01-01", "2018-01-31", M),
    ("001", "Completed May 18", "2018-05-01", "2018-05-31", M),
    ("001", "Completed June 18", "2018-06-01", "2018-06-30", M),
    ("001", "Completed November 2017", "2017-11-01", "2017-11-30", M),
    ("001", "In progress Complete by Aug 18", None, "2018-08-31", M),
    ("001", "Complete by Dec 18", None, "2018-12-31", M),
    ("001", "Complete by Mar 2019", None, "2019-03-31", M),
    ("001", "In progress Implement in June", None, None, None),
    ("001", "In progress Commence in April", None, None, None),
    ("001", "In progress Complete by September", None, None, None),
    ("001", "Completed and in place", None, None, None),
    ("001", "Completed and in post", None, None, None),
    ("001", _LOCUM, None, None, None),
    ("001", "Completed", None, None, None),
    ("001", "In progress", None, None, None),
    ("001", "Not started", None, None, None),
    ("001", "Pending", None, None, None),
    ("001", "Ongoing", None, None, None),
    ("001", "Q1", None, None, None),
    ("001", "Q4", None, None, None),
    ("001", "- May", None, None, None),
    ("001", "Current performance - 2018", None, None, None),
    ("001", "Cumulative Target for October 2018 (since May 2018)", None, None, None),
    # 002 Wirral: dates in prose, as fragments and as whole sentences
    ("002", "June 2023", "2023-06-01", "2023-06-30", M),
    ("002", "In April 2022", "2022-04-01", "2022-04-30", M),
    ("002", "September 2021", "2021-09-01", "2021-09-30", M),
    ("002", "(September 2021)", "2021-09-01", "2021-09-30", M),
    ("002", "December 2023", "2023-12-01", "2023-12-31", M),
    ("002", "in December 2023", "2023-12-01", "2023-12-31", M),
    ("002", "summer 2023", "2023-04-01", "2023-07-31", T),
    ("002", "in summer 2023", "2023-04-01", "2023-07-31", T),
    ("002", "since September 2022", "2022-09-01", None, M),
    ("002", "since October 2022", "2022-10-01", None, M),
    ("002", "from 2021 to 2022", "2021-01-01", "2022-12-31", Y),
    ("002", "by December 2023", None, "2023-12-31", M),
    ("002", "in May 2023", "2023-05-01", "2023-05-31", M),
    ("002", "in April 2023", "2023-04-01", "2023-04-30", M),
    ("002", "September 2023", "2023-09-01", "2023-09-30", M),
    ("002", "in September 2023", "2023-09-01", "2023-09-30", M),
    ("002", "before September 2023", None, "2023-08-31", M),
    ("002", "6th, 7th, and 8th June 2023", None, None, None),
    ("002", "week commencing 19th June 2023", "2023-06-19", "2023-06-25", Precision.WEEK),
    ("002", "Written Statement of Action Position Statement June 2023", None, None, None),
    ("002", "We will re-assess our position in December 2023.", None, None, None),
    # 003 Peterborough: "Deadline" and "BRAG + date" columns
    ("003", "Nov 2019", "2019-11-01", "2019-11-30", M),
    ("003", "Jan 2020", "2020-01-01", "2020-01-31", M),
    ("003", "April 2020", "2020-04-01", "2020-04-30", M),
    ("003", "June 2020", "2020-06-01", "2020-06-30", M),
    ("003", "June 2020 to", "2020-06-01", None, M),
    ("003", "April 2021", "2021-04-01", "2021-04-30", M),
    ("003", "July 2021", "2021-07-01", "2021-07-31", M),
    ("003", "Feb 2020", "2020-02-01", "2020-02-29", M),
    ("003", "Oct 2020", "2020-10-01", "2020-10-31", M),
    ("003", "Dec 2019", "2019-12-01", "2019-12-31", M),
    ("003", "May 2020", "2020-05-01", "2020-05-31", M),
    ("003", "Dec 2020", "2020-12-01", "2020-12-31", M),
    ("003", "Sept 2019", "2019-09-01", "2019-09-30", M),
    ("003", "From Feb 2020", "2020-02-01", None, M),
    ("003", "Oct 2019", "2019-10-01", "2019-10-31", M),
    ("003", "Aug 2019", "2019-08-01", "2019-08-31", M),
    ("003", "Nov 2019-", "2019-11-01", None, M),
    ("003", "March 2020", "2020-03-01", "2020-03-31", M),
    ("003", "August 2020", "2020-08-01", "2020-08-31", M),
    ("003", "Sept 2020", "2020-09-01", "2020-09-30", M),
    ("003", "Aug 2020", "2020-08-01", "2020-08-31", M),
    ("003", "July 2020", "2020-07-01", "2020-07-31", M),
    ("003", "January 2020", "2020-01-01", "2020-01-31", M),
    ("003", "<p>April 2020</p>", "2020-04-01", "2020-04-30", M),
    ("003", "<p>Dec 2019</p>", "2019-12-01", "2019-12-31", M),
    ("003", "<p>Sept 2019</p>", "2019-09-01", "2019-09-30", M),
    (
        "003",
        "<p>Sept 2019</p> <p>Feb 2020</p> <p>Feb 2020</p> <p>July 2020</p> <p>July 2020</p>",
        "2019-09-01",
        "2020-07-31",
        M,
    ),
    ("003", "Ongoing from March 2020", "2020-03-01", None, M),
    ("003", "ongoing in 2020", "2020-01-01", "2020-12-31", Y),
    ("003", "Monitor KPIS via monthly contract meetings – ongoing in 2020", None, None, None),
    ("003", "Finalise initial set of KPIS by March 2020 – contractual round", None, None, None),
    # 004 Worcestershire: "Timescales" column, then dates in other cells
    ("004", "Autumn term 2024/25", "2024-09-01", "2024-12-31", T),
    ("004", "Autumn Term 2024/25", "2024-09-01", "2024-12-31", T),
    ("004", "2024/25", "2024-09-01", "2025-08-31", AY),
    ("004", "2025/26", "2025-09-01", "2026-08-31", AY),
    ("004", "Action will start autumn term 2024/25", "2024-09-01", None, T),
    ("004", "spring 2025", "2025-01-01", "2025-03-31", T),
    ("004", "by the end of October 2024", None, "2024-10-31", M),
    ("004", "from October 2024", "2024-10-01", None, M),
    ("004", "by December 2024", None, "2024-12-31", M),
    ("004", "Autumn 2024", "2024-09-01", "2024-12-31", T),
    ("004", "September 2024", "2024-09-01", "2024-09-30", M),
    ("004", "Sept 2024", "2024-09-01", "2024-09-30", M),
    ("004", "from April 2025", "2025-04-01", None, M),
    ("004", "from 19 August 2024", "2024-08-19", None, D),
    ("004", "from 19th August 2024", "2024-08-19", None, D),
    ("004", "1st October 2024", "2024-10-01", "2024-10-01", D),
    ("004", "As of 1st October 2024", None, None, None),
    ("004", "22 to 26 April 2024", None, None, None),
    ("004", "Actions have commenced", None, None, None),
    ("004", "<p>Actions have commenced</p>", None, None, None),
    ("004", "<p>Actions in progress</p>", None, None, None),
    ("004", "Action has commenced Monitor impact 2024/25", None, None, None),
    ("004", "Increases from Sept 2024", None, None, None),
    ("004", "Increases from Sept 2024.", None, None, None),
    ("004", "Priority Action Plan - September 2024", None, None, None),
    (
        "004",
        "Actions have commenced and will be completed for set up over Autumn Term 2024/25",
        None,
        None,
        None,
    ),
    (
        "004",
        "Within 12 months 70-80% of EHCPs will be finalised within the 20 week statutory timescale",
        None,
        None,
        None,
    ),
    ("004", "within 3 months", None, None, None),
    ("004", "--", None, None, None),
]


# Issue 14: dates as people write them, each with the period it means.
WRITTEN_FORMS: list[tuple[str, str | None, str | None, Precision | None]] = [
    ("2020-09", "2020-09-01", "2020-09-30", M),  # ISO year-month
    ("by 2021-03", None, "2021-03-31", M),
    ("2011-12", "2011-09-01", "2012-08-31", AY),  # consecutive years: an academic year
    ("before September 2023", None, "2023-08-31", M),
    ("Before Sep-23", None, "2023-08-31", M),
    ("before 2024", None, "2023-12-31", Y),
    ("prior to Q2 2024", None, "2024-03-31", Precision.QUARTER),
    ("w/c 19th June 2023", "2023-06-19", "2023-06-25", Precision.WEEK),
    ("W/C 19/06/2023", "2023-06-19", "2023-06-25", Precision.WEEK),
    ("w/b 3 July 2023", "2023-07-03", "2023-07-09", Precision.WEEK),
    ("week beginning 1st May 2023", "2023-05-01", "2023-05-07", Precision.WEEK),
    ("2017–19", "2017-01-01", "2019-12-31", Y),
    ("2017-2019", "2017-01-01", "2019-12-31", Y),
    ("2017-18", "2017-09-01", "2018-08-31", AY),
    ("Q4 23/24", "2024-01-01", "2024-03-31", Precision.QUARTER),
    ("Q1 24/25", "2024-04-01", "2024-06-30", Precision.QUARTER),
    ("Q4 2023/24", "2024-01-01", "2024-03-31", Precision.QUARTER),
    ("Q4 23/25", None, None, None),  # not consecutive: not a financial year
    ("45627", "2024-12-01", "2024-12-01", Precision.DAY),  # an Excel date serial
    ("45627.0", "2024-12-01", "2024-12-01", Precision.DAY),
    ("12345", None, None, None),  # 1933: not a plausible serial
    ("within 3 months", None, None, None),  # dated only against the plan's publication
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), WRITTEN_FORMS)
def test_written_forms(
    text: str, start: str | None, end: str | None, precision: Precision | None
) -> None:
    _check(text, start, end, precision)


@pytest.mark.parametrize(
    ("text", "anchor", "end", "precision"),
    [
        ("within 3 months", "March 2023", "2023-06-30", M),
        ("Within three months", "2023-03-15", "2023-06-15", Precision.DAY),
        ("within 6 weeks", "2023-03-15", "2023-04-26", Precision.DAY),
        ("within 1 year", "Nov 2019", "2020-11-30", M),
        ("within 12 months", "2019", "2020-12-31", M),
    ],
)
def test_relative_periods(text: str, anchor: str, end: str, precision: Precision) -> None:
    p = relative_period(text, parse_period(anchor))
    assert p is not None and (p.start, p.end, p.precision) == (None, _d(end), precision)
    assert p.text == text
    assert relative_period("Dec-23", parse_period(anchor)) is None


def test_excel_serial_reading() -> None:
    assert excel_serial_note("45627") == (
        "looks like an Excel date serial (45627 = 2024-12-01); read as that day"
    )
    assert excel_serial_note("Dec-24") is None


def _d(iso: str | None) -> date | None:
    return None if iso is None else date.fromisoformat(iso)


def _check(text: str, start: str | None, end: str | None, precision: Precision | None) -> None:
    p = parse_period(text)
    assert (p.start, p.end, p.precision) == (_d(start), _d(end), precision), text
    assert p.text == text.strip()
    assert p.is_dated == (start is not None or end is not None)


@pytest.mark.parametrize(("text", "start", "end", "precision"), FORMS)
def test_forms(text: str, start: str | None, end: str | None, precision: Precision | None) -> None:
    _check(text, start, end, precision)


@pytest.mark.parametrize(("seed", "text", "start", "end", "precision"), SEED_STRINGS)
def test_seed_strings(
    seed: str, text: str, start: str | None, end: str | None, precision: Precision | None
) -> None:
    _check(text, start, end, precision)


def test_seed_table_is_distinct() -> None:
    texts = [(seed, text) for seed, text, *_ in SEED_STRINGS]
    assert len(texts) == len(set(texts))
    assert {seed for seed, _ in texts} == {"000", "001", "002", "003", "004"}


def test_period_basics() -> None:
    p = parse_period(" Jan-Jul 24 ")
    assert str(p) == "Jan-Jul 24"
    assert p.end == date(2024, 7, 31)
    assert hash(p) == hash(parse_period("Jan-Jul 24"))
    with pytest.raises(ValidationError):
        p.text = "other"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Period.model_validate({"text": "Dec-23", "due": "2023-12-31"})
    assert not parse_period("Ongoing").is_dated
    assert parse_period("From Oct-23").end is None


# --- pydantic integration ----------------------------------------------------------------


def _dump(p: Period, mode: str = "python") -> object:
    """model_dump is typed as returning a dict, but a Period can dump to its text, a str."""
    return p.model_dump(mode=mode)


class Holder(BaseModel):
    due: Period | None = None
    history: list[Period] = []


@pytest.mark.parametrize(
    ("value", "text", "start", "end", "precision"),
    [
        ("Dec-23", "Dec-23", "2023-12-01", "2023-12-31", M),
        (date(2024, 3, 31), "2024-03-31", "2024-03-31", "2024-03-31", D),
        (datetime(2024, 3, 31, 17, 30), "2024-03-31", "2024-03-31", "2024-03-31", D),
        (2019, "2019", "2019-01-01", "2019-12-31", Y),
        ({"text": "Ongoing", "start": "2020-03-01"}, "Ongoing", "2020-03-01", None, None),
        ({"text": "Ongoing", "start": date(2020, 3, 1)}, "Ongoing", "2020-03-01", None, None),
        ({"text": "Dec-23", "precision": "year"}, "Dec-23", "2023-12-01", "2023-12-31", Y),
        ({"text": "Dec-23", "start": None}, "Dec-23", None, "2023-12-31", M),
        ({"text": " TBC ", "end": "2024-07-31", "precision": M}, "TBC", None, "2024-07-31", M),
        ("", "", None, None, None),
    ],
)
def test_validation(
    value: object, text: str, start: str | None, end: str | None, precision: Precision | None
) -> None:
    p = Period.model_validate(value)
    assert (p.text, p.start, p.end, p.precision) == (text, _d(start), _d(end), precision)
    assert Holder(due=value).due == p


@pytest.mark.parametrize("value", [1.5, True, ["Dec-23"], {"start": "2020-01-01"}, {"text": 3}])
def test_validation_rejects(value: object) -> None:
    with pytest.raises(ValidationError):
        Period.model_validate(value)


def test_serialises_plain_text_when_the_text_says_it_all() -> None:
    p = parse_period("Jan-Jul 24")
    assert _dump(p) == "Jan-Jul 24"
    assert _dump(p, "json") == "Jan-Jul 24"
    assert p.model_dump_json() == '"Jan-Jul 24"'
    assert _dump(Period.model_validate(date(2024, 3, 31)), "json") == "2024-03-31"


def test_serialises_overrides_as_a_mapping() -> None:
    p = Period.model_validate({"text": "Ongoing", "start": "2020-03-01"})
    assert p.model_dump() == {"text": "Ongoing", "start": "2020-03-01"}
    assert p.model_dump(mode="json") == {"text": "Ongoing", "start": "2020-03-01"}
    # an explicit None that hides a parsed bound has to be written to survive a round trip
    q = Period.model_validate({"text": "Dec-23", "start": None})
    assert q.model_dump(mode="json") == {
        "text": "Dec-23",
        "start": None,
        "end": "2023-12-31",
        "precision": "month",
    }


ROUND_TRIP = [
    parse_period("Dec-23"),
    parse_period("From Oct-23"),
    parse_period("Ongoing"),
    parse_period(""),
    Period.model_validate({"text": "Ongoing", "start": "2020-03-01"}),
    Period.model_validate({"text": "Dec-23", "start": None}),
    Period.model_validate({"text": "Dec-23", "precision": "year"}),
    Period(text="whenever", start=date(2024, 1, 1), end=date(2024, 2, 1), precision=D),
]


@pytest.mark.parametrize("p", ROUND_TRIP, ids=lambda p: repr(p.text))
def test_round_trip(p: Period) -> None:
    assert Period.model_validate(p.model_dump()) == p
    assert Period.model_validate(p.model_dump(mode="json")) == p
    assert Period.model_validate_json(p.model_dump_json()) == p
    h = Holder(due=p, history=[p, parse_period("Q3 2024/25")])
    assert Holder.model_validate(h.model_dump()) == h
    assert Holder.model_validate(h.model_dump(mode="json")) == h
    assert Holder.model_validate_json(h.model_dump_json()) == h


def test_nested_dump_shape() -> None:
    h = Holder.model_validate(
        {"due": "Jan-Jul 24", "history": [{"text": "Ongoing", "start": "2020-03-01"}]}
    )
    assert h.model_dump(mode="json") == {
        "due": "Jan-Jul 24",
        "history": [{"text": "Ongoing", "start": "2020-03-01"}],
    }
    assert Holder(due=None).model_dump() == {"due": None, "history": []}


# --- properties --------------------------------------------------------------------------

MONTH_FORMATS = [
    lambda m, y: f"{calendar.month_abbr[m]}-{y % 100:02d}",  # Mon-YY
    lambda m, y: f"{calendar.month_name[m]} {y}",  # Month YYYY
    lambda m, y: f"{calendar.month_abbr[m]} {y % 100:02d}",  # Mon YY
    lambda m, y: f"{calendar.month_abbr[m].upper()} {y}",
    lambda m, y: f"{calendar.month_name[m].lower()}-{y % 100:02d}",
]


@given(
    month=st.integers(1, 12),
    year=st.integers(2000, 2099),
    fmt=st.sampled_from(MONTH_FORMATS),
)
def test_month_year_forms(month: int, year: int, fmt: object) -> None:
    text = fmt(month, year)  # type: ignore[operator]
    p = parse_period(text)
    last = calendar.monthrange(year, month)[1]
    assert (p.start, p.end, p.precision) == (date(year, month, 1), date(year, month, last), M)
    assert _dump(p, "json") == text


def _assert_sane(text: str) -> None:
    p = parse_period(text)  # never raises
    assert p.text == text.strip()
    if p.start is not None and p.end is not None:
        assert p.start <= p.end
    assert (p.precision is None) == (not p.is_dated)
    assert Period.model_validate(p.model_dump(mode="json")) == p


@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    _assert_sane(text)


VOCAB = [
    "jan", "Feb", "march", "Sept", "dec", "spring", "Autumn", "term", "winter", "Q3", "FY",
    "2019", "2024", "2024/25", "23", "24", "31", "13th", "-", "–", "to", "and", ",", "/", ".",
    "=", "from", "by", "the end of", "Complete by", "Completed and in place", "onwards",
    "ongoing", "in", "<p>", "</p>", "0", "99", "2099", "1900",
]  # fmt: skip


@given(st.lists(st.sampled_from(VOCAB), max_size=8), st.sampled_from(["", " "]))
def test_sane_on_date_like_noise(words: list[str], joiner: str) -> None:
    _assert_sane(joiner.join(words))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Mar 2025 (revised from Dec 2024)", date(2025, 3, 1), date(2025, 3, 31)),
        ("March 2025 (was Jan 2025)", date(2025, 3, 1), date(2025, 3, 31)),
        ("Nov 2024 - revised to Feb 2025", date(2025, 2, 1), date(2025, 2, 28)),
        ("Dec 2024, now March 2025", date(2025, 3, 1), date(2025, 3, 31)),
        ("2025-03-31T00:00:00Z", date(2025, 3, 31), date(2025, 3, 31)),
        ("31/03/2025 09:30", date(2025, 3, 31), date(2025, 3, 31)),
        ("Ongoing (review March 2025)", None, None),  # a review date is no due date
    ],
)
def test_a_revised_date_is_the_date_now_and_a_time_is_dropped(
    text: str, start: date | None, end: date | None
) -> None:
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)
    assert str(period) == text  # the text as written is kept


W = Precision.WEEK


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        # school half terms, half-term holidays, terms joined, Easter
        ("Autumn 1 2024", "2024-09-01", "2024-10-31", M),
        ("Autumn 2 2024/25", "2024-11-01", "2024-12-31", M),
        ("Spring 1 2025", "2025-01-01", "2025-02-28", M),
        ("Spring 2 2024/25", "2025-02-01", "2025-03-31", M),
        ("Summer term 1 2025", "2025-04-01", "2025-05-31", M),
        ("by end of Summer 2, 2025", None, "2025-07-31", M),
        ("October half term 2024", "2024-10-01", "2024-10-31", M),
        ("by Feb half-term 2025", None, "2025-02-28", M),
        ("spring half term 2024/25", "2025-02-01", "2025-02-28", M),
        ("Whitsun half term 2025", "2025-05-01", "2025-05-31", M),
        ("Spring/Summer 2025", "2025-01-01", "2025-07-31", T),
        ("Spring and Summer terms 2024/25", "2025-01-01", "2025-07-31", T),
        ("Autumn 2024 / Spring 2025", "2024-09-01", "2025-03-31", T),
        ("Easter 2025", "2025-04-18", "2025-04-21", D),
        ("By Easter 2024", None, "2024-04-01", D),
        ("Easter holidays 2026", "2026-04-03", "2026-04-06", D),
        # a month before its day (American order), week ending, quarters after the year
        ("March 31, 2025", "2025-03-31", "2025-03-31", D),
        ("March 31st 2025", "2025-03-31", "2025-03-31", D),
        ("by Sept 5, 2024", None, "2024-09-05", D),
        ("w/e 14/03/2025", "2025-03-08", "2025-03-14", W),
        ("week ending 14th March 2025", "2025-03-08", "2025-03-14", W),
        ("2025/26 Q2", "2025-07-01", "2025-09-30", Q),
        ("AY24/25", "2024-09-01", "2025-08-31", AY),
        ("03/2025", "2025-03-01", "2025-03-31", M),  # a month and a four-digit year
        ("by 3/2025", None, "2025-03-31", M),
        ("01/2024 - 03/2024", "2024-01-01", "2024-03-31", M),
        ("13/2025", None, None, None),
        # "end" without "of", a remark in brackets with no figure
        ("end March 2025", None, "2025-03-31", M),
        ("end-March 2025", None, "2025-03-31", M),
        ("by end Q2 2025/26", None, "2025-09-30", Q),
        ("January 2025 (complete)", "2025-01-01", "2025-01-31", M),
        ("Mar 2025 (tbc)", "2025-03-01", "2025-03-31", M),
        # still not periods: vague, or no year
        ("Easter", None, None, None),
        ("by Easter", None, None, None),
        ("early 2025", None, None, None),
        ("Mid-2025", None, None, None),
        ("Summer 3 2025", None, None, None),
        ("Summer/Spring 2025", None, None, None),
        ("Ongoing (monthly)", None, None, None),
        ("October half term", None, None, None),
    ],
)
def test_school_year_and_other_written_forms(
    text: str, start: str | None, end: str | None, precision: Precision | None
) -> None:
    """Forms met in councils' plans beyond the seeds. ``March 31, 2025`` was read as a list of
    March 2031 and the year 2025 (1 Jan 2025 - 31 Mar 2031) before the month-first day."""
    p = parse_period(text)
    assert (p.start, p.end, p.precision) == (
        start and date.fromisoformat(start),
        end and date.fromisoformat(end),
        precision,
    )
    assert str(p) == text


def _plan_with(start: str, due: str) -> Any:
    from graphmodel.model import Plan

    return Plan.model_validate(
        {
            "area": "X",
            "title": "T",
            "findings": [{"ref": "F1", "kind": "area_for_improvement", "text": "Late plans"}],
            "actions": [
                {"ref": "A1", "text": "Recruit", "start": start, "due": due, "addresses": ["F1"]}
            ],
        }
    )


@pytest.mark.parametrize(
    ("start", "due", "warned"),
    [
        ("Sep-25", "Mar-25", True),  # written the wrong way round
        ("Apr-25", "Mar-25", True),
        ("Mar-25", "Mar-25", False),  # the same month: starts and ends in it
        ("Q1 2025", "Feb-25", False),  # the quarter begins before the due month ends
        ("Sep-25", "Ongoing", False),  # an undated due has nothing to compare
    ],
)
def test_an_action_starting_after_its_due_period_is_warned(
    start: str, due: str, warned: bool
) -> None:
    """A start after the due period ended was valid and silent; the schedule then finished
    the action a day before it started."""
    from graphmodel.integrity import plan_problems

    codes = [p.code for p in plan_problems(_plan_with(start, due))]
    assert ("date.start_after_due" in codes) is warned
