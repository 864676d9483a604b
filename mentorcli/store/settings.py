"""Programme rules and matching weights, stored in the database's ``settings`` table.

Defaults live here; the table holds only what a coordinator changed, so a newer mentorcli
can improve a default without overwriting a deliberate choice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict, cast

from mentorcli.core.numbers import parse_number
from mentorcli.core.vocabulary import yes_no

if TYPE_CHECKING:
    from sqlite_utils import Database


SettingValue = int | float | bool | str | None


@dataclass(frozen=True)
class Setting:
    key: str
    kind: str  # "int", "optional_int", "float", "bool", "str": the types in Settings
    default: SettingValue
    help: str
    minimum: float | None = None
    maximum: float | None = None


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in [
        Setting(
            "age.mentee.min", "optional_int", None, "youngest mentee (DUO for a JOB: 18)", 0, 120
        ),
        Setting(
            "age.mentee.max", "optional_int", None, "oldest mentee (DUO for a JOB: 33)", 0, 120
        ),
        Setting(
            "age.mentor.min", "optional_int", None, "youngest mentor (DUO for a JOB: 50)", 0, 120
        ),
        Setting("age.mentor.max", "optional_int", None, "oldest mentor", 0, 120),
        Setting(
            "trajectory.months", "int", 6, "planned length of a trajectory, calendar months", 1, 36
        ),
        Setting("followup.months", "int", 12, "follow-up this many months after the start", 1, 60),
        Setting(
            "programme.hours_min", "float", 2.0, "hours a week a duo should meet, at least", 0, 40
        ),
        Setting(
            "programme.hours_max", "float", 3.0, "hours a week a duo should meet, at most", 0, 40
        ),
        Setting("match.same_city", "bool", True, "only pair people of the same programme city"),
        Setting("match.min_score", "float", 40.0, "lowest score `match` proposes", 0, 100),
        Setting("weight.sector", "float", 40.0, "weight of the same sector", 0, 1000),
        Setting("weight.occupation", "float", 15.0, "weight of a similar occupation", 0, 1000),
        Setting(
            "weight.languages",
            "float",
            10.0,
            "weight of shared languages beyond the first",
            0,
            1000,
        ),
        Setting(
            "weight.background",
            "float",
            10.0,
            "weight of a similar background, when asked",
            0,
            1000,
        ),
        Setting(
            "weight.availability", "float", 10.0, "weight of the mentor's hours a week", 0, 1000
        ),
        Setting("weight.waiting", "float", 10.0, "weight of the days a mentee has waited", 0, 1000),
        Setting(
            "waiting.full_bonus_days",
            "int",
            180,
            "days of waiting that earn the full waiting weight",
            1,
            3650,
        ),
        Setting(
            "stable_job.min_months",
            "int",
            3,
            "a fixed-term or interim job this many months or more is a stable job",
            1,
            120,
        ),
        Setting(
            "retention.years",
            "int",
            7,
            "years after the last trajectory before `purge` forgets",
            1,
            100,
        ),
        Setting(
            "report.suppress_below",
            "int",
            5,
            "`report` blanks counts below this (0: off)",
            0,
            1000,
        ),
        Setting("smtp.host", "str", "", "SMTP server for `remind --mail-to`"),
        Setting("smtp.port", "int", 25, "SMTP port", 1, 65535),
        Setting("smtp.sender", "str", "", "From: address of reminder mails"),
        Setting(
            "smtp.user",
            "str",
            "",
            "SMTP user name (the password only from MENTORCLI_SMTP_PASSWORD)",
        ),
        Setting(
            "language",
            "str",
            "",
            "en, nl or fr; empty: MENTORCLI_LANG or the locale (LANG) decides",
        ),
    ]
}

# Every setting's value by key, as ``load`` returns them (the keys have dots, hence the
# functional syntax); a test keeps it in step with SETTINGS.
Settings = TypedDict(
    "Settings",
    {
        "age.mentee.min": int | None,
        "age.mentee.max": int | None,
        "age.mentor.min": int | None,
        "age.mentor.max": int | None,
        "trajectory.months": int,
        "followup.months": int,
        "programme.hours_min": float,
        "programme.hours_max": float,
        "match.same_city": bool,
        "match.min_score": float,
        "weight.sector": float,
        "weight.occupation": float,
        "weight.languages": float,
        "weight.background": float,
        "weight.availability": float,
        "weight.waiting": float,
        "waiting.full_bonus_days": int,
        "stable_job.min_months": int,
        "retention.years": int,
        "report.suppress_below": int,
        "smtp.host": str,
        "smtp.port": int,
        "smtp.sender": str,
        "smtp.user": str,
        "language": str,
    },
)


class SettingRow(TypedDict):
    """One line of `config show`."""

    key: str
    value: SettingValue
    default: SettingValue
    changed: bool
    help: str


def parse_value(key: str, raw: str) -> SettingValue:
    """Turn a typed string into the setting's value, or say why it cannot be."""
    setting = SETTINGS.get(key)
    if setting is None:
        raise ValueError(f"unknown setting {key!r} (see `mentorcli config show`)")
    text = raw.strip()
    if setting.kind == "str":
        from mentorcli.core.reference import one_line_problem

        problem = one_line_problem(text)
        if problem:  # smtp.sender goes into a mail header
            raise ValueError(f"{key}: {problem}")
        if key == "language":  # read at start-up, before the app exists (core/i18n.py)
            return _language(text)
        return text
    if setting.kind == "bool":
        answer = yes_no(text)
        if answer is None:
            raise ValueError(f"{key} takes true or false, not {raw!r}")
        return answer
    if setting.kind == "optional_int" and text.casefold() in {"", "off", "none"}:
        return None
    whole = setting.kind in {"int", "optional_int"}
    try:
        return parse_number(
            text,
            low=-math.inf if setting.minimum is None else setting.minimum,
            high=math.inf if setting.maximum is None else setting.maximum,
            whole=whole,
        )
    except ValueError as e:
        raise ValueError(f"{key}: {e}") from None


def _language(text: str) -> str:
    from mentorcli.core.i18n import LANGUAGES

    code = text.casefold()
    if code not in LANGUAGES:
        raise ValueError(f"language takes {', '.join(LANGUAGES)}, not {text!r}")
    return code


def _stored(db: Database) -> dict[str, str]:
    return {row[0]: row[1] for row in db.execute("SELECT key, value FROM settings")}


def load(db: Database) -> Settings:
    """Every setting's current value; a stored value that no longer parses falls back."""
    return cast(Settings, _current(db))  # parse_value gives each key its kind's type


def _current(db: Database) -> dict[str, SettingValue]:
    values = {key: s.default for key, s in SETTINGS.items()}
    for key, raw in _stored(db).items():
        if key in SETTINGS:
            try:
                values[key] = parse_value(key, raw)
            except ValueError:
                pass
    return values


def describe(db: Database) -> list[SettingRow]:
    stored = _stored(db)
    current = _current(db)
    return [
        {
            "key": key,
            "value": current[key],
            "default": s.default,
            "changed": key in stored,
            "help": s.help,
        }
        for key, s in SETTINGS.items()
    ]


def set_value(db: Database, key: str, raw: str) -> SettingValue:
    value = parse_value(key, raw)
    stored = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, stored],
    )
    return value


def reset(db: Database, key: str) -> None:
    if key not in SETTINGS:
        raise ValueError(f"unknown setting {key!r} (see `mentorcli config show`)")
    db.execute("DELETE FROM settings WHERE key = ?", [key])


# A lower and an upper bound: a minimum above its maximum would refuse everyone.
_BOUNDS = [
    ("age.mentee.min", "age.mentee.max"),
    ("age.mentor.min", "age.mentor.max"),
    ("programme.hours_min", "programme.hours_max"),
]


def _refuse_contradictions(db: Database) -> None:
    values = _current(db)
    for low, high in _BOUNDS:
        a, b = values[low], values[high]
        if isinstance(a, int | float) and isinstance(b, int | float) and a > b:
            raise ValueError(f"{low} ({a:g}) would be above {high} ({b:g}); change that first")


def change(db: Database, key: str, raw: str | None) -> SettingValue:
    """Set a setting from what was typed (``None``: back to its default) and log it, in one
    transaction; an unknown key or a bad value is a usage error. Returns the new value."""
    from mentorcli.core.errors import UsageError
    from mentorcli.store.db import log_event, transaction

    with transaction(db):
        try:
            if raw is None:
                reset(db, key)
                value = SETTINGS[key].default
            else:
                value = set_value(db, key, raw)
            _refuse_contradictions(db)
        except ValueError as e:
            raise UsageError(str(e)) from None
        details = {"key": key, "reset": True} if raw is None else {"key": key}
        log_event(db, "config", details=details)
    return value
