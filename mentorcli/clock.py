"""Today's date, in one place, so that tests and demos can pin it.

``MENTORCLI_TODAY=2025-03-01`` makes every default date that day (like faketime, but
portable); it is meant for reproducing a report or a test, not for daily use.
"""

from __future__ import annotations

import datetime as dt
import os
import re

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def today() -> dt.date:
    pinned = os.environ.get("MENTORCLI_TODAY")
    if pinned:
        return dt.date.fromisoformat(pinned)
    return dt.date.today()


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, clamped to the month's last day (2025-08-31 + 6 = 2026-02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last_day))


def parse_date(text: str, what: str = "date") -> dt.date:
    """Strict ISO dates only: a coordinator's 03/04 is ambiguous between countries."""
    text = str(text).strip()
    if _ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"{what} {text!r} is not a date in the form YYYY-MM-DD")
