"""What ESF+ (Regulation (EU) 2021/1057, Annex I) asks about a mentee at entry, beyond what
is typed: long-term unemployment and third-country nationality are derived here, once, so
`stats --preset esf`, the report and `show` count them the same way.

Every function takes a person as a mapping of the people table's columns (a ``Person``,
a row of ``people``, or a dict in the making) and answers None when the facts it needs
were not recorded: an unknown is counted as unknown, never as a no.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from mentorcli.core import reference
from mentorcli.core.clock import add_months
from mentorcli.core.vocabulary import SPECIAL_FIELDS

# ESF+: unemployed for 12 months or more, or 6 months or more under 25, at entry.
LONG_TERM_MONTHS = 12
LONG_TERM_MONTHS_YOUNG = 6
YOUNG_BELOW_AGE = 25


def _day(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def long_term_unemployed(person: Mapping[str, Any]) -> bool | None:
    """Whether the mentee was long-term unemployed when they enrolled.

    False for any labour status other than unemployed; None when the status is not
    recorded, or when an unemployed mentee's start of unemployment is not (or, for six
    to twelve months, the birth year is not: the age rule decides then). The age is
    the age in the year of enrolment, as the programme's age rules count it.
    """
    status = person.get("labour_status")
    if status is None:
        return None
    if status != "unemployed":
        return False
    since, enrolled = _day(person.get("unemployed_since")), _day(person.get("enrolled_on"))
    if since is None or enrolled is None:
        return None
    if add_months(since, LONG_TERM_MONTHS) <= enrolled:
        return True
    if add_months(since, LONG_TERM_MONTHS_YOUNG) > enrolled:
        return False
    birth_year = person.get("birth_year")
    if birth_year is None:
        return None
    return enrolled.year - int(birth_year) < YOUNG_BELOW_AGE


def third_country_national(person: Mapping[str, Any]) -> bool | None:
    """Whether the mentee's nationality is of a country outside the EU; None if unknown.

    An erased mentee's nationality is gone, but whether it was an EU one is kept
    (``nationality_eu``, as ``forget`` leaves it), so the yearly figure stays.
    """
    code = person.get("nationality")
    if code:
        return not reference.country(str(code)).eu
    eu = person.get("nationality_eu")
    return None if eu is None else not eu


def problems(person: Mapping[str, Any]) -> list[str]:
    """What does not fit together in a mentee's ESF+ fields, one message each (empty if
    all is well); the values are already parsed. ``enrol``, ``import`` and ``edit`` refuse
    the same things in the same words."""
    found = [
        f"--{name}: special-category data is recorded only with its own consent: "
        "give --special-consent-on DATE"
        for name in SPECIAL_FIELDS
        if person.get(name) is not None and not person.get("special_consent_on")
    ]
    since = person.get("unemployed_since")
    if since is not None:
        if person.get("labour_status") != "unemployed":
            found.append(
                "--unemployed-since: only for an unemployed mentee (--labour-status unemployed)"
            )
        enrolled = person.get("enrolled_on")
        if enrolled and str(since) > str(enrolled):
            found.append(f"--unemployed-since {since} is after the enrolment on {enrolled}")
    return found
