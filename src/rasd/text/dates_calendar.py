"""Calendar arithmetic for the date finder: resolving partial and relative dates against a reference day.

Conventions (shared with dates.py's docstring):
- A week is the ISO week (Monday to Sunday) and is written as the date of its Monday.
- A date written without a year is placed in the reference year, or the year before when that
  would put it after the reference day; "الماضي" moves it strictly before, "المقبل" strictly after.
- Hijri dates are converted with hijridate (Umm al-Qura tables, years 1343-1500 AH). A Hijri month
  is written as the Gregorian month of its 15th day, a Hijri year as the Gregorian year of its
  1 Rajab (the middle of the year); day 30 of a 29-day month is the day after its 29th.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from hijridate import Gregorian, Hijri

Date = dt.date


def iso_day(d: Date) -> str:
    return d.isoformat()


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def monday_of(d: Date) -> Date:
    return d - dt.timedelta(days=d.weekday())


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def valid_day(year: int, month: int, day: int) -> Optional[Date]:
    try:
        return Date(year, month, day)
    except ValueError:
        return None


def weekday_near(reference: Date, weekday: int, direction: Optional[int]) -> Date:
    """The day with `weekday` nearest `reference`: on or before it (None/0), strictly before (-1,
    -2 for 'قبل الماضي') or strictly after (1)."""
    back = (reference.weekday() - weekday) % 7
    if direction is None or direction == 0:
        return reference - dt.timedelta(days=back)
    if direction < 0:
        back = back or 7
        return reference - dt.timedelta(days=back + 7 * (-direction - 1))
    ahead = (weekday - reference.weekday()) % 7 or 7
    return reference + dt.timedelta(days=ahead + 7 * (direction - 1))


def weekday_upcoming(reference: Date, weekday: int) -> Date:
    """The day with `weekday` on or after `reference` (the reference itself when it is that day)."""
    return reference + dt.timedelta(days=(weekday - reference.weekday()) % 7)


def place_month(ref_year: int, ref_month: int, month: int, direction: Optional[int]) -> tuple[int, int]:
    """The year of a month named without one (ref_* are the reference's year and month)."""
    if direction == 0:
        return ref_year, month
    if direction is not None and direction > 0:
        return (ref_year, month) if month > ref_month else (ref_year + 1, month)
    if direction is not None and direction < 0:
        return (ref_year, month) if month < ref_month else (ref_year - 1, month)
    return (ref_year, month) if month <= ref_month else (ref_year - 1, month)


def place_day(ref: tuple[int, int, int], month: int, day: int, direction: Optional[int]) -> tuple[int, int, int]:
    """The year of a (month, day) named without one, in the calendar of `ref` (year, month, day)."""
    ref_year = ref[0]
    this_year = (ref_year, month, day)
    if direction == 0:
        return this_year
    if direction is not None and direction > 0:
        return this_year if (month, day) > ref[1:] else (ref_year + 1, month, day)
    if direction is not None and direction < 0:
        return this_year if (month, day) < ref[1:] else (ref_year - 1, month, day)
    return this_year if (month, day) <= ref[1:] else (ref_year - 1, month, day)


# --- Hijri --------------------------------------------------------------------------------------

def hijri_of(d: Date) -> Optional[tuple[int, int, int]]:
    try:
        h = Gregorian.fromdate(d).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def hijri_to_date(year: int, month: int, day: int) -> Optional[Date]:
    if not (1 <= month <= 12 and 1 <= day <= 30):
        return None
    try:
        if day == 30:
            last = Hijri(year, month, 1).month_length()
            if last < 30:
                return Hijri(year, month, 29).to_gregorian() + dt.timedelta(days=1)
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_month_iso(year: int, month: int) -> Optional[str]:
    d = hijri_to_date(year, month, 15)
    return iso_month(d.year, d.month) if d else None


def hijri_year_iso(year: int) -> Optional[str]:
    d = hijri_to_date(year, 7, 1)
    return f"{d.year:04d}" if d else None
