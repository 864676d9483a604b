"""Today's date and the time, in one place, so that tests and demos can pin them.

``MENTORCLI_TODAY=2025-03-01`` makes every default date that day (like faketime, but
portable); ``MENTORCLI_TODAY=2025-03-01T07:00`` also stops the clock at that time, for
the names of backups and the times in the event log, so a replayed transcript (the
README's) prints the same every time. It is meant for reproducing a report, a test or
the README, not for daily use.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from mentorcli.core.errors import UsageError

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PINNED = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?")


def _pinned() -> tuple[dt.date, dt.time | None] | None:
    """The pinned date and, when given, time; None when nothing is pinned."""
    text = os.environ.get("MENTORCLI_TODAY")
    if not text:
        return None
    if _PINNED.fullmatch(text):
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            return moment.date(), moment.time() if "T" in text else None
    raise UsageError(f"MENTORCLI_TODAY={text!r} is not a date YYYY-MM-DD (or YYYY-MM-DDTHH:MM)")


def today() -> dt.date:
    pinned = _pinned()
    return pinned[0] if pinned else dt.date.today()


def now() -> dt.datetime:
    """The local date and time. A pinned date alone keeps the real time of day, so two
    backups a minute apart still get two names; a pinned time stops the clock."""
    pinned = _pinned()
    real = dt.datetime.now()
    if pinned is None:
        return real
    day, time = pinned
    return dt.datetime.combine(day, time if time is not None else real.time())


def utc_stamp() -> str:
    """``now()`` in UTC as the event log writes it: ``2025-03-01T07:00:00Z``."""
    return now().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, clamped to the month's last day (2025-08-31 + 6 = 2026-02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last_day))


EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 12, 31)


# The forms a date is typed in: ISO, and the Belgian day first with one separator
# (15/03/2025, 15-03-2025, 15.03.2025). A two-digit year is refused: 15/03/25 could be
# 1925 for a birth and 2025 for a session.
_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_DATE_FORMS = "write YYYY-MM-DD or DD/MM/YYYY, day first (also DD-MM-YYYY, DD.MM.YYYY)"


def _calendar_day(year: int, month: int, day: int, what: str, text: str) -> dt.date:
    """The day, or why those numbers are no day of the calendar (one line)."""
    if not 1 <= month <= 12:
        raise ValueError(f"{what} {text!r} has no month {month}: {_DATE_FORMS}")
    last = (add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)).day
    if not 1 <= day <= last:
        raise ValueError(f"{what} {text!r} does not exist: month {month} of {year} has {last} days")
    return dt.date(year, month, day)


def parse_date(text: str, what: str = "date", *, past: bool = False) -> dt.date:
    """ISO (2025-03-15) or the Belgian day first (15/03/2025, 15-03-2025, 15.03.2025).

    03/04/2025 is the 3rd of April, as everywhere in Belgium; a month above 12 is refused
    rather than read the American way. Every date is from 1900 to 2200 (nothing here
    happened earlier, and date arithmetic stays far from Python's year 1 and 9999).
    ``past`` is for the date of something that has happened (an enrolment, a consent, a
    session, a close): it cannot be after today, or a typo like 2062 would block the
    programme for years.
    """
    text = str(text).strip()
    if _ISO_DATE.fullmatch(text):
        year, month, day_of_month = (int(part) for part in text.split("-"))
    elif match := _DAY_FIRST.fullmatch(text):
        day_of_month, month, year = int(match[1]), int(match[3]), int(match[4])
    else:
        raise ValueError(f"{what} {text!r} is not a date: {_DATE_FORMS}")
    iso = f"{year:04d}-{month:02d}-{day_of_month:02d}"
    if year < EARLIEST.year:
        raise ValueError(f"{what} {iso} is before {EARLIEST.year}")
    if year > LATEST.year:
        raise ValueError(f"{what} {iso} is after {LATEST.year}")
    day = _calendar_day(year, month, day_of_month, what, text)
    if past and day > today():
        raise ValueError(f"{what} {day} is in the future (today is {today()})")
    return day
