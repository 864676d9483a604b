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


def parse_date(text: str, what: str = "date", *, past: bool = False) -> dt.date:
    """Strict ISO dates only: a coordinator's 03/04 is ambiguous between countries.

    Every date is from 1900 to 2200 (nothing here happened earlier, and date arithmetic
    stays far from Python's year 1 and 9999). ``past`` is for the date of something that
    has happened (an enrolment, a consent, a session, a close): it cannot be after today,
    or a typo like 2062 would block the programme for years.
    """
    text = str(text).strip()
    day = None
    if _ISO_DATE.fullmatch(text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            pass
    if day is None:
        raise ValueError(f"{what} {text!r} is not a date in the form YYYY-MM-DD")
    if day < EARLIEST:
        raise ValueError(f"{what} {day} is before {EARLIEST.year}")
    if day > LATEST:
        raise ValueError(f"{what} {day} is after {LATEST.year}")
    if past and day > today():
        raise ValueError(f"{what} {day} is in the future (today is {today()})")
    return day
