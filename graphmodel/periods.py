"""Periods: the dates of an improvement plan, kept as the period written, never a made-up day.

Deadlines in a Written Statement of Action are periods written many ways (``Dec-23``,
``Jan-Jul 24``, ``Autumn term 2024/25``, ``Complete by Aug 18``, ``Ongoing``). A
:class:`Period` keeps the text exactly as written (surrounding whitespace stripped) together
with the first day of the earliest period mentioned (``start``), the last day of the latest
(``end``) and the granularity of those bounds (``precision``). Text that is not a period
keeps ``start = end = precision = None``; nothing is ever guessed.

Conventions (England):

* Two-digit years are 20xx: ``Dec-23`` is December 2023, ``Aug 18`` is August 2018.
* Numeric dates are day first: ``31/03/2024``, ``31.3.23``; ISO ``2024-03-31`` is accepted,
  and ISO year-month ``2020-09`` is September 2020 (precision ``MONTH``), as is ``09/2020``
  (a month, then a four-digit year).
* A whole number from 36526 to 73050 alone (``45627``) is read as what Excel stores for a
  date, days since 30 December 1899: ``45627`` is 1 December 2024 (precision ``DAY``);
  :func:`excel_serial_note` gives the reading to show the user ("looks like an Excel date
  serial (45627 = 2024-12-01)").
* ``w/c 19th June 2023`` (also ``week commencing``, ``w/b``, ``week beginning``) is the
  seven days from that day (precision ``WEEK``).
* ``before September 2023`` ends the day before the period named begins (31 August 2023,
  at that period's precision); the start is open.
* Year ranges: ``2017-19`` and ``2017-2019`` are 1 Jan 2017 - 31 Dec 2019 (precision
  ``YEAR``) -- but two consecutive years ``2017-18`` are an academic year, as below.
* Relative deadlines, ``within 3 months`` (weeks, months or years, in figures or words), have
  no dates of their own; :func:`relative_period` dates them from the plan's publication (or
  inspection) period, and :class:`graphmodel.model.Plan` does so when the plan gives one.
* A split year ``2024/25`` (also ``2024-25``, ``2024/2025``; the years must be consecutive)
  is an *academic* year, 1 Sep 2024 - 31 Aug 2025, unless written ``FY 2024/25`` or
  ``financial year 2024/25``: the UK financial year, 1 Apr 2024 - 31 Mar 2025. A plan that
  counts in financial quarters (``Q3 2024/25``) and names no term reads its bare split years
  as financial years, as its readers do (:func:`financial_split_years`; the plan model does
  this when it is built).
* School terms (precision ``TERM``): autumn 1 Sep - 31 Dec, spring 1 Jan - 31 Mar,
  summer 1 Apr - 31 Jul. These are fixed months, not a school's term dates: ``end of spring
  term 2025`` is 31 March 2025 although most schools broke up for Easter on 4 April 2025 (and
  on 28 March in 2024). Term dates differ between authorities and move with Easter; fixed
  months tile the year, so a term never overlaps the next and spring is the last quarter of
  the financial year boards report on. ``--as-of`` in the first days of April may therefore
  call a spring-term action overdue a few days before the school would. A bare season in
  these plans is the school term, so ``spring 2025`` is 1 Jan - 31 Mar 2025. With an
  academic year, autumn falls in its first calendar year and spring and summer in its
  second: ``Autumn term 2024/25`` is Sep - Dec 2024.
* Half terms (precision ``MONTH``, the months they fall in): ``Autumn 1 2024`` is Sep - Oct
  2024, ``Autumn 2`` Nov - Dec, ``Spring 1`` Jan - Feb, ``Spring 2`` Feb - Mar, ``Summer 1``
  Apr - May, ``Summer 2`` Jun - Jul (with an academic year, as terms are). A half-term
  holiday is the month it falls in: ``October half term 2024`` (also ``autumn half term``),
  ``February half term 2025`` (``spring``), ``May half term 2025`` (``summer``, ``Whitsun``).
  Terms joined by ``/``, ``and`` or ``-`` share the year written after them: ``Spring/Summer
  2025`` is Jan - Jul 2025.
* ``Easter 2025`` (also ``Easter holidays 2025``) is the Easter bank holidays, Good Friday to
  Easter Monday (18 - 21 April 2025; precision ``DAY``).
* ``winter`` is not a term; only ``winter 2024/25`` is read, as 1 Dec 2024 - 28 Feb 2025
  (precision ``SEASON``); a bare ``winter 2024`` is ambiguous and stays undated.
* Quarters: ``Q3 2024`` is a calendar quarter (Jul - Sep 2024); ``Q3 2024/25`` (also
  ``Q3 24/25`` and ``2024/25 Q3``) is a quarter of the financial year (Q1 = Apr - Jun), so
  Oct - Dec 2024, and ``Q4 23/24`` is Jan - Mar 2024.
* A month written before its day, as American dates are, is that day too: ``March 31, 2025``
  and ``March 31st 2025`` are 31 March 2025 (the year must have four digits).
* A weekday before a day (``Mon 02/09/24``, as MS Project writes dates; ``Friday 13th
  September 2024``) is that day when it falls on that weekday; a weekday it does not fall on
  (``Fri 02/09/24``: 2 September 2024 was a Monday) leaves the text undated, so the
  contradiction is reported, not guessed away.
* ``w/e 14/03/2025`` (also ``week ending``) is the seven days to that day (precision
  ``WEEK``).
* A month or season with no year (``Complete by September``) is undated.
* ``mid-March 2025`` (also ``early``, ``late``) is the month it falls in, March 2025; ``mid
  2025`` and ``early 2025`` name no period and stay undated.
* A term written after its academic year, ``2025/26 Spring term``, is that term (Jan - Mar
  2026), as ``Spring term 2025/26`` is.
* Ranges: ``Jan-Jul 24``, ``Dec 2023 - Mar 2024``, ``June 2020 to April 2021`` span both
  ends; a reversed range is undated. A trailing ``-``, ``to`` or ``onwards`` and a leading
  ``From``/``Ongoing from``/``since``/``will start`` leave the end open (``None``); a
  leading ``by``/``end of``/``end``/``complete by``/``due`` leaves the start open (``end
  March 2025``, ``by end Q2 2025/26``). Status words (``Completed``, ``In progress``,
  ``Completed and in place -``) are skipped, and so is a remark in brackets after the period
  that has no figure in it (``January 2025 (complete)``, ``Mar 2025 (tbc)``). A list of
  periods (one per paragraph of a merged cell) spans the earliest to the latest.
* ``precision`` is that of the end bound, or of the start bound when the end is open.
* Matching ignores case, HTML tags and enclosing brackets left by extraction, and takes
  ``Sep=23`` as ``Sep-23``; the whole text must be read, so prose stays undated.

Validation of a ``Period`` field accepts a string (parsed), a ``date``/``datetime`` (a day),
an ``int`` year as YAML reads ``2019``, or a mapping with ``text`` and optionally explicit
``start``/``end``/``precision`` that win over what the text would give. An empty string
gives an undated ``Period(text="")``; plan models should turn empty cells into ``None``
before they reach this type. Serialisation gives back the bare text when parsing it
reproduces the period, else a mapping of ``text`` and the known fields; it is plain data in
both modes (ISO date strings, the precision's value) so it can be written as JSON or YAML.
"""

from __future__ import annotations

import calendar
import html
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from enum import Enum
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, model_serializer, model_validator


class Precision(str, Enum):
    """Granularity of a period's bounds."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    TERM = "term"
    SEASON = "season"
    YEAR = "year"
    ACADEMIC_YEAR = "academic_year"
    FINANCIAL_YEAR = "financial_year"


Bound = tuple[date, date, Precision]
Parsed = tuple[date | None, date | None, Precision | None]
_UNDATED: Parsed = (None, None, None)


class Period(BaseModel):
    """A period as written in a plan, with its bounds when the text says them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    start: date | None = None
    end: date | None = None
    precision: Precision | None = None

    @property
    def is_dated(self) -> bool:
        """Whether the start or the end is known."""
        return self.start is not None or self.end is not None

    def __str__(self) -> str:
        return self.text

    @model_validator(mode="before")
    @classmethod
    def _coerce(cls, data: Any) -> Any:
        if isinstance(data, datetime):
            data = data.date()
        if isinstance(data, date):
            return {"text": data.isoformat(), "start": data, "end": data, "precision": "day"}
        if isinstance(data, int) and not isinstance(data, bool):
            data = str(data)
        if isinstance(data, str):
            data = {"text": data}
        if isinstance(data, Mapping) and isinstance(data.get("text"), str):
            text = data["text"].strip()
            parsed = dict(zip(("start", "end", "precision"), _parse(text), strict=True))
            return {**parsed, **data, "text": text}
        return data

    @model_serializer(mode="plain")
    def _serialise(self) -> str | dict[str, str | None]:
        mine, auto = _plain(self.start, self.end, self.precision), _plain(*_parse(self.text))
        if mine == auto:
            return self.text
        # an explicit None that overrides a parsed value must be written out to round-trip
        kept = {k: v for k, v in mine.items() if v is not None or auto[k] is not None}
        return {"text": self.text, **kept}


@lru_cache(maxsize=8192)  # plans repeat the same few dozen date texts thousands of times
def period_of_text(text: str) -> Period:
    """The :class:`Period` a date cell's text validates to, one immutable value per text.

    The same as ``Period.model_validate(text)`` (the text is stripped and parsed once; a
    period is frozen, so every cell that says ``Dec-23`` can share one), which the plan
    model's period fields use for text instead of validating a new period per cell.

    >>> period_of_text(" Dec-23") is period_of_text(" Dec-23"), period_of_text("Dec-23").end
    (True, datetime.date(2023, 12, 31))
    """
    return Period.model_validate(text)


def _plain(start: date | None, end: date | None, precision: Precision | None) -> dict[str, Any]:
    return {
        "start": start and start.isoformat(),
        "end": end and end.isoformat(),
        "precision": precision and precision.value,
    }


def parse_period(text: str) -> Period:
    """Read a period from text as written in a plan; undated when the text is not a period.

    Never raises; see the module docstring for the conventions.

    >>> p = parse_period("Jan-Jul 24")
    >>> p.start, p.end, p.precision.value
    (datetime.date(2024, 1, 1), datetime.date(2024, 7, 31), 'month')
    >>> parse_period("Autumn term 2024/25").end
    datetime.date(2024, 12, 31)
    >>> p = parse_period("From Oct-23")
    >>> p.start, p.end
    (datetime.date(2023, 10, 1), None)
    >>> parse_period("Complete by Aug 18").end
    datetime.date(2018, 8, 31)
    >>> parse_period("Q3 2024/25").start
    datetime.date(2024, 10, 1)
    >>> parse_period("In progress Complete by September").is_dated
    False
    >>> str(parse_period("  Sep=23 "))
    'Sep=23'
    >>> parse_period("2025-03-31T00:00:00Z").end, parse_period("31/03/2025 09:30").end
    (datetime.date(2025, 3, 31), datetime.date(2025, 3, 31))
    >>> parse_period("Mar 2025 (revised from Dec 2024)").end, parse_period(
    ...     "Nov 2024 - revised to Feb 2025").end
    (datetime.date(2025, 3, 31), datetime.date(2025, 2, 28))
    """
    text = text.strip()
    start, end, precision = _parse(text)
    return Period(text=text, start=start, end=end, precision=precision)


# --- building blocks -----------------------------------------------------------------------

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MON = (
    r"(?P<{0}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_Y4 = r"(?P<y>(?:19|20)\d\d)"
_YEAR = r"(?P<y>(?:19|20)\d\d|\d\d)"  # two-digit years are 20xx
_AY = r"(?P<a>(?:19|20)\d\d)\s*[/-]\s*(?P<b>(?:19|20)\d\d|\d\d)"  # split year 2024/25
_AY_FY = _AY.replace("(?P<a>(?:19|20)", "(?P<a>(?:19|20)?")  # after "FY", 24/25 too
_TERMS = {"autumn": (9, 4, 0), "spring": (1, 3, 1), "summer": (4, 4, 1)}  # month, length, +year
_HALF_TERMS = {"autumn": ((9, 2), (11, 2)), "spring": ((1, 2), (2, 2)), "summer": ((4, 2), (6, 2))}
_HALF_TERM_HOLIDAYS = {
    "autumn": "autumn",
    "october": "autumn",
    "oct": "autumn",
    "spring": "spring",
    "february": "spring",
    "feb": "spring",
    "summer": "summer",
    "may": "summer",
    "whitsun": "summer",
}  # the term whose half-term holiday it is
_HALF_TERM_MONTHS = {"autumn": 10, "spring": 2, "summer": 5}
_TERM = r"(?P<{0}>autumn|spring|summer)"


def _year(digits: str) -> int:
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _month(name: str) -> int:
    return _MONTHS[name[:3]]


def _months(year: int, month: int, count: int, precision: Precision) -> Bound:
    """``count`` whole months from ``month`` of ``year`` (months past December roll over)."""
    first_y, first_m = divmod(year * 12 + month - 1, 12)
    last_y, last_m = divmod(year * 12 + month + count - 2, 12)
    last = date(last_y, last_m + 1, calendar.monthrange(last_y, last_m + 1)[1])
    return date(first_y, first_m + 1, 1), last, precision


def _split_year(m: re.Match[str]) -> int | None:
    """First calendar year of a split year like ``2024/25``; None unless consecutive."""
    first, nxt = _year(m["a"]), m["b"]
    if len(nxt) == 2 and len(m["a"]) == 2:
        return first if int(nxt) == (first + 1) % 100 else None
    return first if nxt in (str(first + 1), f"{(first + 1) % 100:02d}") else None


def _day(m: re.Match[str]) -> Bound:
    month = int(m["m"]) if m["m"].isdigit() else _month(m["m"])
    day = date(_year(m["y"]), month, int(m["d"]))
    return day, day, Precision.DAY


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY = (
    r"(?:(?P<wd>mon(?:day)?|tues?(?:day)?|wed(?:nesday)?|thu(?:rs?)?(?:day)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)\.?,?\s+)?"
)
"""A weekday written before a day (``Mon 02/09/24``, MS Project's default; ``Friday 13th
September 2024``)."""


def _day_of_week(m: re.Match[str]) -> Bound | None:
    """The day ``m`` names, when the weekday written before it (if any) is that day's: a
    weekday that is not (``Fri 02/09/24``, 2 September 2024 being a Monday) leaves the text
    undated rather than guess which of the two is wrong."""
    day = _day(m)
    if m["wd"] and day[0].weekday() != _WEEKDAYS.index(m["wd"][:3]):
        return None
    return day


def _month_range(m: re.Match[str]) -> list[Bound | None]:
    """``Jan-Jul 24``: two months sharing one year, as range tokens (None marks the range)."""
    year = _year(m["y"])
    return [
        _months(year, _month(m["m"]), 1, Precision.MONTH),
        None,
        _months(year, _month(m["m2"]), 1, Precision.MONTH),
    ]


def _term_year(m: re.Match[str], term: str) -> int | None:
    """The calendar year of ``term`` written with the year of ``m``: a calendar year as it is,
    an academic year's first for autumn and second for spring and summer."""
    if m["y"]:
        return int(m["y"])
    first = _split_year(m)
    return None if first is None else first + _TERMS[term][2]


def _term_of(m: re.Match[str], term: str) -> Bound | None:
    month, count, _ = _TERMS[term]
    year = _term_year(m, term)
    return None if year is None else _months(year, month, count, Precision.TERM)


def _term(m: re.Match[str]) -> Bound | None:
    return _term_of(m, m["t"])


def _term_after_year(m: re.Match[str]) -> Bound | None:
    """``2025/26 Spring term``: the term of the academic year written before it."""
    first = _split_year(m)
    if first is None:
        return None
    month, count, later = _TERMS[m["t"]]
    return _months(first + later, month, count, Precision.TERM)


def _terms(m: re.Match[str]) -> list[Bound | None] | None:
    """``Spring/Summer 2025``: two terms sharing one year, as range tokens, in order."""
    first, last = _term_of(m, m["t"]), _term_of(m, m["t2"])
    if first is None or last is None or last[0] < first[0]:
        return None
    return [first, None, last]


def _half_term(m: re.Match[str]) -> Bound | None:
    """``Autumn 2 2024``: the months the half of the term falls in."""
    year = _term_year(m, m["t"])
    month, count = _HALF_TERMS[m["t"]][int(m["h"]) - 1]
    return None if year is None else _months(year, month, count, Precision.MONTH)


def _half_term_holiday(m: re.Match[str]) -> Bound | None:
    """``October half term 2024``: the month the holiday falls in."""
    term = _HALF_TERM_HOLIDAYS[m["t"]]
    year = _term_year(m, term)
    return None if year is None else _months(year, _HALF_TERM_MONTHS[term], 1, Precision.MONTH)


def easter_sunday(year: int) -> date:
    """Easter Day of ``year`` in the Gregorian calendar (the anonymous algorithm in Meeus,
    *Astronomical Algorithms*, ch. 8; a dependency for these few lines was not worth it).

    >>> [easter_sunday(y).isoformat() for y in (2019, 2024, 2025, 2038)]
    ['2019-04-21', '2024-03-31', '2025-04-20', '2038-04-25']
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lent = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lent) // 451
    month, day = divmod(h + lent - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _easter(m: re.Match[str]) -> Bound:
    """``Easter 2025``: the Easter bank holidays, Good Friday to Easter Monday."""
    sunday = easter_sunday(int(m["y"]))
    return sunday - timedelta(days=2), sunday + timedelta(days=1), Precision.DAY


def _from_split(month: int, count: int, precision: Precision) -> Callable[..., Bound | None]:
    def build(m: re.Match[str]) -> Bound | None:
        first = _split_year(m)
        return None if first is None else _months(first, month, count, precision)

    return build


def _iso_month(m: re.Match[str]) -> Bound | None:
    """``2020-09``; but ``2011-12`` (consecutive years) is left to the academic year."""
    year, month = int(m["y"]), int(m["m"])
    if month == (year + 1) % 100:
        return None
    return _months(year, month, 1, Precision.MONTH)


def _year_range(m: re.Match[str]) -> Bound | None:
    """``2017-19``: whole years, first to last (a later year that is not the next one)."""
    first, last = int(m["a"]), _year(m["b"]) if len(m["b"]) == 4 else 100 * (int(m["a"]) // 100)
    if len(m["b"]) == 2:
        last += int(m["b"])
    if last <= first + (1 if len(m["b"]) == 2 else 0):
        return None
    return date(first, 1, 1), date(last, 12, 31), Precision.YEAR


def _week(m: re.Match[str]) -> Bound:
    month = int(m["m"]) if m["m"].isdigit() else _month(m["m"])
    day = date(_year(m["y"]), month, int(m["d"]))
    return day, day + timedelta(days=6), Precision.WEEK


def _week_ending(m: re.Match[str]) -> Bound:
    day = _day(m)[0]
    return day - timedelta(days=6), day, Precision.WEEK


def _fin_quarter(m: re.Match[str]) -> Bound | None:
    first = _split_year(m)
    q = int(m["q"])
    return None if first is None else _months(first, 1 + 3 * q, 3, Precision.QUARTER)


# Each atom is one period; tried in order at the current position, first success wins.
_Build = Callable[[re.Match[str]], "Bound | list[Bound | None] | None"]
_WC = r"(?:w\s*/\s*[cb]|w\.?c\.?|week\s+(?:commencing|beginning|starting)(?:\s+on)?)[\s:]*"
_WE = r"(?:w\s*/\s*e|w\.?e\.?|week\s+ending(?:\s+on)?)[\s:]*"
_YEAR_OF_TERM = r"\s*,?\s*(?:of\s+)?(?:" + _AY + "|" + _Y4 + ")"
_ATOMS: list[tuple[str, _Build]] = [
    (_WC + r"(?P<d>\d\d?)[/.-](?P<m>\d\d?)[/.-](?P<y>\d{4}|\d\d)", _week),
    (
        _WC + r"(?P<d>\d\d?)(?:st|nd|rd|th)?\s*(?:of\s+)?" + _MON.format("m") + r"[\s,'-]*" + _YEAR,
        _week,
    ),
    (_WE + r"(?P<d>\d\d?)[/.-](?P<m>\d\d?)[/.-](?P<y>\d{4}|\d\d)", _week_ending),
    (
        _WE + r"(?P<d>\d\d?)(?:st|nd|rd|th)?\s*(?:of\s+)?" + _MON.format("m") + r"[\s,'-]*" + _YEAR,
        _week_ending,
    ),
    (r"(?P<y>\d{4})-(?P<m>\d\d?)-(?P<d>\d\d?)", _day),
    (r"(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])", _iso_month),
    (
        r"(?P<m>0?[1-9]|1[0-2])[/.-](?P<y>(?:19|20)\d\d)",
        lambda m: _months(int(m["y"]), int(m["m"]), 1, Precision.MONTH),
    ),
    (_WEEKDAY + r"(?P<d>\d\d?)[/.-](?P<m>\d\d?)[/.-](?P<y>\d{4}|\d\d)", _day_of_week),
    (
        _WEEKDAY
        + r"(?P<d>\d\d?)(?:st|nd|rd|th)?\s*(?:of\s+)?"
        + _MON.format("m")
        + r"[\s,'-]*"
        + _YEAR,
        _day_of_week,
    ),
    (_WEEKDAY + _MON.format("m") + r"\s+(?P<d>\d\d?)(?:st|nd|rd|th)?\s*,?\s+" + _Y4, _day_of_week),
    (
        _MON.format("m") + r"\s*(?:-|/|to)\s*" + _MON.format("m2") + r"[\s,'-]*" + _YEAR,
        _month_range,
    ),
    (
        r"(?:(?:early|mid|late)[\s-]*)?" + _MON.format("m") + r"[\s,'/-]*" + _YEAR,
        lambda m: _months(_year(m["y"]), _month(m["m"]), 1, Precision.MONTH),
    ),
    (
        _TERM.format("t") + r"(?:\s+term)?\s*(?P<h>[12])(?:st|nd)?(?:\s+half)?" + _YEAR_OF_TERM,
        _half_term,
    ),
    (
        r"(?P<t>autumn|october|oct|spring|february|feb|summer|may|whitsun)\s+half[\s-]*terms?"
        + _YEAR_OF_TERM,
        _half_term_holiday,
    ),
    (
        _TERM.format("t")
        + r"(?:\s+terms?)?\s*(?:/|&|and|-|to)\s*"
        + _TERM.format("t2")
        + r"(?:\s+terms?)?"
        + _YEAR_OF_TERM,
        _terms,
    ),
    (_TERM.format("t") + r"(?:\s+terms?)?" + _YEAR_OF_TERM, _term),
    (_AY + r"\s*,?\s+" + _TERM.format("t") + r"(?:\s+terms?)?", _term_after_year),
    (r"easter(?:\s+(?:holidays?|break|weekend))?\s*" + _Y4, _easter),
    (r"winter\s*" + _AY, _from_split(12, 3, Precision.SEASON)),
    (r"(?:q|quarter\s*)(?P<q>[1-4])\s*(?:fy\s*)?" + _AY_FY, _fin_quarter),
    (r"(?:fy\s*|financial\s+year\s+)?" + _AY_FY + r"\s*(?:q|quarter\s*)(?P<q>[1-4])", _fin_quarter),
    (
        r"(?:q|quarter\s*)(?P<q>[1-4])\s*" + _Y4,
        lambda m: _months(int(m["y"]), 3 * int(m["q"]) - 2, 3, Precision.QUARTER),
    ),
    (
        r"(?:fy\s*|financial\s+year\s+)" + _AY_FY,
        _from_split(4, 12, Precision.FINANCIAL_YEAR),
    ),
    (_AY + r"\s+financial\s+year", _from_split(4, 12, Precision.FINANCIAL_YEAR)),
    (
        r"(?:academic\s+year\s+)?" + _AY + r"(?:\s+academic\s+year)?",
        _from_split(9, 12, Precision.ACADEMIC_YEAR),
    ),
    (r"ay\s*" + _AY_FY, _from_split(9, 12, Precision.ACADEMIC_YEAR)),
    (r"(?P<a>(?:19|20)\d\d)\s*-\s*(?P<b>(?:19|20)?\d\d)", _year_range),
    (_Y4, lambda m: _months(int(m["y"]), 1, 12, Precision.YEAR)),
]
_ATOM_RES = [(re.compile(p + r"(?![a-z0-9])", re.ASCII), f) for p, f in _ATOMS]
_RANGE = re.compile(r"\s*(?:-+|\bto\b|\buntil\b|\btill\b|\bthrough\b)\s*", re.ASCII)
_LIST = re.compile(r"\s*(?:[,;&/]|\band\b)?\s*", re.ASCII)
_LEAD = re.compile(
    r"(?:(?P<start>(?:ongoing\s+)?from|since|(?:(?:actions?\s+)?will\s+)?"
    r"(?:start(?:s|ed|ing)?|commenc(?:e|es|ed|ing))(?:\s+(?:in|from|on))?)"
    r"|(?P<before>before|prior\s+to)"
    r"|(?P<end>(?:to\s+be\s+)?complete[ds]?\s+by|by(?:\s+the)?(?:\s+end(?:\s+of(?:\s+the)?)?)?"
    r"|(?:the\s+)?end(?:\s+of(?:\s+the)?)?|due(?:\s+by)?|no\s+later\s+than|deadline|until)"
    r"|(?P<neutral>completed?(?:\s+and\s+in\s+(?:place|post))?|in\s+progress|ongoing|in"
    r"|done|achieved|delivered"
    r"|during|between|(?:half[\s-]*)?termly|weekly|fortnightly|monthly|bi-?monthly|quarterly"
    r"|six[\s-]*monthly|annually|yearly|every\s+(?:\w+\s+)?(?:weeks?|months?|terms?)))"
    r"\b[\s:,(-]*",
    re.ASCII,
)
_OPEN_END = re.compile(r"\s*-?\s*\b(?:onwards?|and\s+beyond|ongoing)$", re.ASCII)
_DONE_AFTER = re.compile(r"\s*[-,:;]?\s*\b(?:complete[ds]?|done|achieved|in\s+progress)$", re.ASCII)
"""A status word after the period: ``Nov 2024 - complete``."""
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−="} | {"’": "'", "‘": "'"})


def _normalise(text: str) -> str:
    text = re.sub(r"<[^>]*>", " ", html.unescape(text))  # HTML left by PDF/Word extraction
    return " ".join(text.translate(_DASHES).split()).lower().strip(" .,;()[]")


def _atoms(s: str, pos: int) -> tuple[list[Bound | None], int] | None:
    """The period at ``pos`` as tokens (``Jan-Jul 24`` gives two and a range mark)."""
    for rx, build in _ATOM_RES:
        m = rx.match(s, pos)
        try:
            found = build(m) if m else None
        except ValueError:  # 31/02/2024 and the like
            found = None
        if m and found is not None:
            return (found if isinstance(found, list) else [found]), m.end()
    return None


def _body(s: str) -> tuple[date | None, date | None, Precision, bool] | None:
    """Periods joined by range or list separators -> (start, end, precision, single)."""
    tokens: list[Bound | None] = []  # None marks a range separator
    pos = 0
    while pos < len(s):
        if tokens and tokens[-1] and (m := _RANGE.match(s, pos)) and m.end() > pos:
            tokens.append(None)
            pos = m.end()
        elif tokens and (m := _LIST.match(s, pos)) and m.end() > pos:
            pos = m.end()
        elif found := _atoms(s, pos):
            tokens.extend(found[0])
            pos = found[1]
        else:
            return None
    bounds = [t for t in tokens if t is not None]
    if not bounds:
        return None
    if None not in tokens:  # one period, or a list: earliest start to latest end
        last = max(bounds, key=lambda b: b[1])
        return min(b[0] for b in bounds), last[1], last[2], len(bounds) == 1
    if len(tokens) == 2 and tokens[0] is not None:  # "Nov 2019-", "June 2020 to"
        return tokens[0][0], None, tokens[0][2], False
    if len(tokens) != 3 or tokens[0] is None or tokens[2] is None:
        return None
    first, second = tokens[0], tokens[2]
    if first[0] > second[0] or first[1] > second[1]:  # reversed: never guess which is meant
        return None
    return first[0], second[1], second[2], False


_SERIAL = re.compile(r"(?P<n>\d{5})(?:\.0+)?")
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIALS = range(36526, 73051)  # 2000-01-01 to 2099-12-31


def excel_serial(text: str) -> date | None:
    """The day an Excel date serial stands for, when ``text`` is one (see the module).

    >>> excel_serial("45627"), excel_serial("2024"), excel_serial("12")
    (datetime.date(2024, 12, 1), None, None)
    """
    m = _SERIAL.fullmatch(text.strip())
    if m is None or int(m["n"]) not in _SERIALS:
        return None
    return _EXCEL_EPOCH + timedelta(days=int(m["n"]))


@lru_cache(maxsize=8192)  # asked of every date cell by the integrity checks
def excel_serial_note(text: str) -> str | None:
    """The reading to show for a number in a date cell, or None when it is not a serial.

    >>> excel_serial_note("45627")
    'looks like an Excel date serial (45627 = 2024-12-01); read as that day'
    """
    day = excel_serial(text)
    if day is None:
        return None
    return f"looks like an Excel date serial ({text.strip()} = {day.isoformat()}); read as that day"


_WITHIN = re.compile(
    r"(?:to\s+be\s+completed\s+|complete[d]?\s+)?within\s+(?:the\s+next\s+|the\s+first\s+)?"
    r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a)\s+"
    r"(?P<unit>weeks?|months?|years?)(?:\s+of\s+(?:publication|the\s+\w+))?",
    re.ASCII,
)
_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_NUMBERS = {w: i for i, w in enumerate((*_WORDS, "eleven", "twelve"), start=1)} | {"a": 1}


@lru_cache(maxsize=4096)
def is_relative(text: str) -> bool:
    """Whether ``text`` is a deadline relative to the plan (``within 3 months``).

    >>> is_relative("Within 3 months"), is_relative("within six weeks"), is_relative("Dec-23")
    (True, True, False)
    """
    return _WITHIN.fullmatch(_normalise(text)) is not None


def relative_period(text: str, anchor: Period) -> Period | None:
    """``within N weeks|months|years`` dated from ``anchor`` (the plan's publication or
    inspection period): the end is N weeks, months or years after the anchor's end, at the
    anchor's precision (a month-precision anchor gives the last day of the month reached); the
    start is open. None when ``text`` is not relative or the anchor has no end.

    >>> p = relative_period("within 3 months", parse_period("March 2023"))
    >>> p.start, p.end, p.precision.value
    (None, datetime.date(2023, 6, 30), 'month')
    >>> relative_period("within 6 weeks", parse_period("2023-03-15")).end
    datetime.date(2023, 4, 26)
    """
    m = _WITHIN.fullmatch(_normalise(text))
    end = anchor.end
    if m is None or end is None:
        return None
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"]]
    unit = m["unit"].rstrip("s")
    precision = anchor.precision or Precision.DAY
    if unit == "week":
        return Period(text=text.strip(), end=end + timedelta(weeks=n), precision=Precision.DAY)
    months = n * (12 if unit == "year" else 1)
    year, month = divmod(end.year * 12 + end.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    if precision is Precision.DAY or precision is Precision.WEEK:
        day = date(year, month + 1, min(end.day, last))
        return Period(text=text.strip(), end=day, precision=Precision.DAY)
    return Period(text=text.strip(), end=date(year, month + 1, last), precision=Precision.MONTH)


_NUMERIC_DAY = re.compile(r"(?P<m>\d\d?)[/.-](?P<d>\d\d?)[/.-](?P<y>\d{4}|\d\d)")


def month_first(text: str) -> date | None:
    """The day ``text`` is when read month first, as American dates are written, and only
    when it is no day read day first (the convention here): ``3/31/25`` is 31 March 2025.
    Never used to date a period; it is the suggestion shown for a day that does not exist.

    >>> month_first("3/31/25"), month_first("31/3/25"), month_first("4/5/25")
    (datetime.date(2025, 3, 31), None, None)
    """
    m = _NUMERIC_DAY.fullmatch(text.strip())
    if m is None or parse_period(text).is_dated:
        return None
    try:
        return _day(m)[0]
    except ValueError:
        return None


_FINANCIAL = re.compile(
    r"\bfy\b|\bfy\d|financial\s+year|\bq(?:uarter\s*)?[1-4]\s*(?:fy\s*)?(?:\d\d)?\d\d\s*[/-]\s*\d\d"
    r"|\d\d\s*[/-]\s*\d\d\s*q(?:uarter\s*)?[1-4]\b",
    re.ASCII,
)
_SCHOOL = re.compile(
    r"\b(?:autumn|spring|summer|terms?|academic|ay|half[\s-]*term|school)\b", re.ASCII
)


def financial_split_years(texts: Iterable[str]) -> bool:
    """Whether a plan whose date cells say ``texts`` counts in financial years, so that its
    bare split years (``2024/25``) are financial years, as a reader of the plan takes them:
    it writes financial quarters of split years (``Q3 2024/25``, ``2024/25 Q4``) or ``FY``,
    and no school term or academic year anywhere.

    >>> financial_split_years(["Q1 2024/25", "Q3 2024/25", "2024/25"])
    True
    >>> financial_split_years(["Q1 2024/25", "Autumn term 2024", "2024/25"])
    False
    >>> financial_split_years(["Dec 2024", "2024/25"])
    False
    """
    seen = [_normalise(t) for t in texts]
    return any(_FINANCIAL.search(t) for t in seen) and not any(_SCHOOL.search(t) for t in seen)


def as_financial_year(period: Period) -> Period:
    """``period`` with a bare split year (``2024/25``, ``by end of 2024/25``) read as the
    financial year (1 Apr 2024 - 31 Mar 2025) instead of the academic year; any other period
    as it is, and so is one whose bounds were given explicitly.

    >>> p = as_financial_year(parse_period("by end of 2024/25"))
    >>> p.text, p.end, p.precision.value
    ('by end of 2024/25', datetime.date(2025, 3, 31), 'financial_year')
    >>> as_financial_year(parse_period("Academic year 2024/25")).end
    datetime.date(2025, 8, 31)
    """
    text = period.text
    if (
        period.precision is not Precision.ACADEMIC_YEAR
        or (period.start, period.end, period.precision) != _parse(text)
        or _SCHOOL.search(_normalise(text))
    ):
        return period
    start, end, precision = _parse(re.sub(_AY, lambda m: f"FY {m[0]}", text, count=0))
    if precision is not Precision.FINANCIAL_YEAR:
        return period
    return Period(text=text, start=start, end=end, precision=precision)


_TIME = re.compile(r"(?<=\d)(?:T|\s+)\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?$")
"""A time after a date, as exports write dates (``2025-03-31T00:00:00Z``): the day is the date
as written (a list kept in another time zone may show the day before)."""


_REVISED = (
    re.compile(
        r"^(?P<now>.+?)\s*\(\s*(?:(?:revised|moved|changed|updated|extended)\s+)?"
        r"(?:from|was|originally|previously)\b[^()]*\)\s*$",
        re.I,
    ),
    re.compile(
        r"^.+?[\s,;:-]+(?:revised|moved|changed|extended|slipped|updated|deferred|now)"
        r"(?:\s+(?:to|until|till))?\s*:?\s+(?P<now>\S.*)$",
        re.I,
    ),
    re.compile(
        r"^(?:revised|new|amended|updated|extended|moved|deferred)"
        r"(?:\s+(?:date|deadline|due|due\s+date|timescale|to|until|till))*\s*[:-]?\s*"
        r"(?P<now>\S.*)$",
        re.I,
    ),
    re.compile(
        r"^[^()]+?\s*\(\s*(?:revised|moved|changed|extended|slipped|updated|deferred|now)"
        r"(?:\s+(?:to|until|till))?\s*:?\s*(?P<now>[^()]+)\)\s*$",
        re.I,
    ),
)
"""A date revised in the cell: ``Mar 2025 (revised from Dec 2024)``, ``Nov 2024 - revised to
Feb 2025``, ``Revised: June 2025 (was March 2025)``, ``March 2025 (revised June 2025)``: the
period is the date it is now."""


_UNYEARED = (
    r"(?:q|quarter\s*)[1-4]|(?:autumn|spring|summer)(?:\s+term)?(?:\s*[12])?"
    r"|[a-z]{3,9}|complete[ds]?|done|tbc|to\s+be\s+confirmed"
)
_GLOSSED = re.compile(rf"^(?P<label>{_UNYEARED})\s*\((?P<inner>[^()]+)\)$", re.I)
"""A quarter, term, month or status word without a year, then its period in brackets: ``Q4
(Jan-Mar 2025)``, ``Completed (Nov 2024)``: the period is the one in brackets."""
_SPELT_OUT = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
"""A period, then in brackets what it spans or a name without a year: ``2024/25 Q4 (Jan-Mar
25)``, ``March 2025 (Q4)``: the period written first, when the one in brackets lies within
it."""


_REMARK = re.compile(r"(?<=\S)\s*\([^()\d]*\)\s*$")
"""A remark in brackets after a period, with no figure in it: ``January 2025 (complete)``."""


@lru_cache(maxsize=8192)  # plans repeat the same few dozen date texts thousands of times
def _parse(text: str) -> Parsed:
    if (day := excel_serial(text)) is not None:
        return day, day, Precision.DAY
    for revised in _REVISED:
        match = revised.match(text.strip())
        if match is not None and (now := _parse(match.group("now"))) != _UNDATED:
            return now
    glossed = _GLOSSED.match(text.strip())
    if glossed is not None and _parse(glossed["label"]) == _UNDATED:
        return _parse(glossed["inner"])
    spelt = _SPELT_OUT.match(text.strip())
    if spelt is not None and (outer := _parse(spelt["outer"])) != _UNDATED:
        (a, b, _), (c, d, _) = outer, _parse(spelt["inner"])
        if a is not None and b is not None and c is not None and d is not None:
            if a <= c <= d <= b:
                return outer
        elif re.fullmatch(_UNYEARED, spelt["inner"].strip(), re.I):
            return outer
    s = _normalise(_REMARK.sub("", _TIME.sub("", text)))
    markers: set[str] = set()
    while (lead := _LEAD.match(s)) is not None and lead.end() > 0:
        markers.add(next(k for k, v in lead.groupdict().items() if v))
        s = s[lead.end() :]
    s = _DONE_AFTER.sub("", s)
    if _OPEN_END.search(s):
        s, _ = _OPEN_END.subn("", s)
        markers.add("start")
    body = _body(s)
    if body is None or {"start", "end"} <= markers or ("before" in markers and len(markers) > 1):
        return _UNDATED
    start, end, precision, single = body
    if "before" in markers:  # "before September 2023": up to the day before it begins
        return (None, start - timedelta(days=1), precision) if start is not None else _UNDATED
    if single and "start" in markers:
        end = None
    elif single and "end" in markers:
        start = None
    return start, end, precision
