"""The typed results are what scripts read: every `--format json` output has exactly the
keys of its TypedDict, in its order, with values of its types.

mypy checks the code against the TypedDicts; a row read from SQL is only *declared* to
have their shape (``cast``), so these tests hold the declarations to what the commands
really print. A column added to a query without its key in the TypedDict fails here.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Any, NotRequired, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from mentorcli.core.vocabulary import REMINDER_KINDS
from mentorcli.lifecycle.check_ins import CheckIn
from mentorcli.lifecycle.pairing import MatchProposal, MentorsFor
from mentorcli.lifecycle.reminders import Reminder
from mentorcli.lifecycle.session_corrections import DeletedSession, EditedSession
from mentorcli.lifecycle.story import Story
from mentorcli.lifecycle.trajectories import Closed, FollowUp, LoggedSession, Session, Totals
from mentorcli.people import Person
from mentorcli.privacy.records import PersonRecord
from mentorcli.reports.listings import ForbiddenPair, TrajectoryRow
from mentorcli.reports.stats import Cohort
from mentorcli.store.settings import SETTINGS, SettingRow, Settings

DEMO = "demo.db"


def problems(value: Any, hint: Any, path: str = "$") -> list[str]:
    """Where ``value`` (parsed JSON) departs from the type ``hint``; empty when it fits."""
    if hint is Any:
        return []
    if is_typeddict(hint):
        if not isinstance(value, dict):
            return [f"{path}: {value!r} is not an object"]
        hints = get_type_hints(hint, include_extras=True)
        # NotRequired is read from the hints: with postponed annotations Python 3.11's
        # __required_keys__ does not see it.
        required = {k for k, h in hints.items() if get_origin(h) is not NotRequired}
        found = [f"{path}: missing {k}" for k in hints if k in required and k not in value]
        found += [f"{path}: unknown key {k}" for k in value if k not in hints]
        if not found and list(value) != [k for k in hints if k in value]:
            found.append(f"{path}: keys in the order {list(value)}, not as declared")
        for key, item in value.items():
            if key in hints:
                found += problems(item, hints[key], f"{path}.{key}")
        return found
    origin, args = get_origin(hint), get_args(hint)
    if origin is NotRequired:
        return problems(value, args[0], path)
    if origin in (Union, types.UnionType):
        fits = [problems(value, arg, path) for arg in args]
        return [] if [] in fits else [f"{path}: {value!r} is none of {hint}"]
    if hint is type(None):
        return [] if value is None else [f"{path}: {value!r} is not null"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{path}: {value!r} is not a list"]
        return [p for i, item in enumerate(value) for p in problems(item, args[0], f"{path}[{i}]")]
    if origin in (dict, Mapping):
        if not isinstance(value, dict):
            return [f"{path}: {value!r} is not an object"]
        return [p for k, item in value.items() for p in problems(item, args[1], f"{path}.{k}")]
    if hint is float:  # JSON writes 2.0 as 2.0 and 2 as 2; an int is a float to mypy too
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, hint)
    return [] if ok else [f"{path}: {value!r} is not {hint.__name__}"]


def assert_fits(value: Any, hint: Any) -> None:
    found = problems(value, hint)
    assert not found, "\n".join(found[:20])


@pytest.fixture
def demo(cli, monkeypatch):
    """An invented programme with history: closed duos, follow-ups, a waiting list."""
    cli("demo", "--db", DEMO, "--people", "60", "--seed", "4", "--cities", "2", "--years", "2")

    def run(*args: Any) -> Any:
        return cli.json("--db", DEMO, *args)

    return run


def test_the_checker_sees_a_missing_an_extra_a_misplaced_and_a_mistyped_key():
    good = {"id": 1, "date": "2025-01-01", "minutes": 60, "topics": ["cv"], "note": None}
    assert problems(good, Session) == []
    assert problems({k: v for k, v in good.items() if k != "note"}, Session) == ["$: missing note"]
    assert problems({**good, "extra": 1}, Session) == ["$: unknown key extra"]
    assert "not as declared" in problems({"date": "2025-01-01", **good}, Session)[0]
    assert problems({**good, "minutes": "60"}, Session) == ["$.minutes: '60' is not int"]
    assert problems({**good, "topics": [1]}, Session) == ["$.topics[0]: 1 is not str"]


def test_people_as_listed_shown_enrolled_and_edited(demo, cli):
    mentors, mentees = demo("list", "mentors"), demo("list", "mentees")
    assert mentors and mentees
    for person in mentors + mentees:
        assert_fits(person, Person)
    assert "free_places" in mentors[0] and "origin_country" not in mentors[0]
    assert "origin_country" in mentees[0] and "capacity" not in mentees[0]
    cli("--db", DEMO, "forget", mentees[0]["id"], "--yes")
    for person in mentors[:3] + mentees[:3]:
        record = demo("show", person["id"])
        assert_fits(record, PersonRecord)
    assert any(demo("show", p["id"])["trajectories"] for p in mentees)
    assert_fits(demo("edit", mentors[1]["id"], "--phone", "+32 470 11 22 33"), Person)
    enrolled = demo(
        "enrol", "mentee", "--name", "Lina Haddad", "--city", mentees[1]["city"],
        "--languages", "nl", "--sector", "zorg", "--allow-duplicate",
    )  # fmt: skip
    assert_fits(enrolled, Person)


def test_a_duo_from_match_to_follow_up(demo, monkeypatch):
    proposal = demo("match")
    assert proposal["pairs"] and proposal["unmatched"]
    # `match --format json` prints the proposal without its two totals
    assert_fits({**proposal, "min_score": 40.0, "waiting": 1}, MatchProposal)
    waiting = proposal["pairs"][0]["mentee_id"]
    assert_fits(demo("match", "--mentee", waiting, "--top", "0"), MentorsFor)
    [pair, *_] = demo("match", "--apply")["pairs"]
    trajectory = pair["trajectory_id"]
    assert isinstance(trajectory, int)
    logged = demo("log-session", trajectory, "--minutes", "90", "--topic", "cv")
    assert_fits(logged, LoggedSession)
    assert_fits(demo("check-in", trajectory, "--status", "concern", "--note", "late"), CheckIn)
    assert_fits(demo("trajectory", trajectory), Story)
    shown = demo("sessions", trajectory)
    log = shown.pop("session_log")
    assert_fits(shown, Totals)
    assert log and all(not problems(s, Session) for s in log)
    closed = demo("close", trajectory, "--outcome", "job", "--contract", "interim",
                  "--reason", "job-found", "--yes")  # fmt: skip
    assert_fits(closed, Closed)
    assert_fits(demo("follow-up", trajectory, "--outcome", "job", "--contract", "permanent"),
                FollowUp)  # fmt: skip


def test_duos_and_forbidden_pairs_as_listed_and_sessions_corrected(demo):
    duos = demo("list", "trajectories", "--status", "all")
    assert {d["status"] for d in duos} == {"active", "closed"}
    for duo in duos:
        assert_fits(duo, TrajectoryRow)
    duo = next(d for d in duos if d["sessions"] > 1 and d["status"] == "active")
    first, second, *_ = demo("sessions", duo["id"])["session_log"]
    assert_fits(demo("edit-session", first["id"], "--minutes", "61", "--note", ""), EditedSession)
    assert_fits(demo("delete-session", second["id"], "--yes"), DeletedSession)
    demo("match", "--forbid", f"{duo['mentee_id']}:{duo['mentor_id']}")
    [pair] = demo("list", "forbidden")
    assert_fits(pair, ForbiddenPair)


def test_reminders(demo):
    reminders = demo("remind", "--silent-days", "1", "--ending-days", "365", "--waiting-days", "0")
    assert {r["kind"] for r in reminders} == set(REMINDER_KINDS)
    for reminder in reminders:
        assert_fits(reminder, Reminder)


@pytest.mark.parametrize(
    "changes",
    [
        [],
        [("age.mentee.max", "33"), ("trajectory.months", "7"), ("match.min_score", "45")],
        [("match.same_city", "no"), ("smtp.host", "mail.example.org"), ("age.mentor.min", "off")],
    ],
)
def test_settings_have_the_type_of_their_kind(cli, changes):
    for key, value in changes:
        cli("config", "set", key, value)
    rows = cli.json("config", "show")
    hints = get_type_hints(Settings)
    assert [r["key"] for r in rows] == list(hints) == list(SETTINGS)
    kinds = {"int": int, "optional_int": int | None, "float": float, "bool": bool, "str": str}
    assert hints == {key: kinds[s.kind] for key, s in SETTINGS.items()}
    for row in rows:
        assert_fits(row, SettingRow)
        assert problems(row["value"], hints[row["key"]]) == [], row
        assert problems(row["default"], hints[row["key"]]) == [], row


@pytest.mark.parametrize("suppress", [[], ["--suppress-below", "3"]])
def test_the_yearly_report(demo, suppress):
    rows = demo("stats", "--from", "2023", "--to", "2025", "--by", "city", *suppress)
    assert len(rows) == 9
    for row in rows:
        assert_fits(row, Cohort)
    assert ("suppressed" in rows[0]) == bool(suppress)
