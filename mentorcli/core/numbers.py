"""Numbers typed by a coordinator, read in one place: durations, weights, limits and ids.

Python's ``float`` happily reads ``nan``, ``inf`` and ``1E307``, and SQLite stores whole
numbers only up to 2**63 - 1: either, let through, ends in arithmetic or a query that
fails far from the option that caused it. Every number that arrives as text goes
through :func:`parse_number` (or :func:`parse_id`), so it is finite and in range or it
is refused with the option's name.
"""

from __future__ import annotations

import math
import re

from mentorcli.core.i18n import _

MAX_ID = 2**63 - 1  # SQLite's largest integer: no row can have a larger id

_ID = re.compile(r"#?[0-9]+")


def _quoted(text: object) -> str:
    shown = str(text)
    return repr(shown if len(shown) <= 30 else shown[:30] + "…")


def _exact_integer(text: str) -> int | None:
    """Whole numbers exactly, however long: no detour through a float."""
    try:
        return int(text)
    except ValueError:
        return None


def _finite_float(text: str) -> float | None:
    """None for what is not a number, and for nan and the infinities."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_number(
    text: object, *, low: float, high: float, whole: bool = False, unit: str = ""
) -> float:
    """A finite number from ``low`` to ``high``; ``whole`` for counts. A decimal comma
    is a decimal point (Belgian spreadsheets write 1,5). Raises ValueError saying why,
    in the user's language (``unit``, such as ``" hours"``, comes translated).

    Returns an ``int`` when ``whole`` (an ``int`` is a ``float`` to type checkers).
    """
    cleaned = " ".join(str(text).split())
    value: float | None = _exact_integer(cleaned)
    if value is None:
        value = _finite_float(cleaned if whole else cleaned.replace(",", "."))
        if value is None or (whole and not value.is_integer()):
            problem = _("{text} is not a whole number") if whole else _("{text} is not a number")
            raise ValueError(problem.format(text=_quoted(text)))
        if whole:
            value = int(value)
    if not low <= value <= high:
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        if len(shown) > 20:
            shown = _("that number")
        raise ValueError(
            _("{number}{unit} is not between {low} and {high}").format(
                number=shown, unit=unit, low=f"{low:g}", high=f"{high:g}"
            )
        )
    if whole:
        return value
    try:
        return float(value)
    except OverflowError:  # an integer of hundreds of digits, with an open range
        raise ValueError(_("that number{unit} is too large").format(unit=unit)) from None


def parse_id(text: str, not_found: str) -> int | None:
    """The id in ``12`` or ``#12``; None when the text is not an id (then it is a name).

    An id beyond SQLite's range cannot belong to anything: it is refused with
    ``not_found`` (a format string for the id, the caller's usual words) before it
    reaches a query.
    """
    from mentorcli.core.errors import MentorError

    cleaned = str(text).strip()
    if not _ID.fullmatch(cleaned):
        return None
    number = int(cleaned.lstrip("#"))
    if number > MAX_ID:
        raise MentorError(not_found.format(number))
    return number
