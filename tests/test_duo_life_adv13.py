"""Defects found by a hostile run of issue 13's commands (adv13): each test failed first."""

from __future__ import annotations

from typing import Any

import pytest
from test_all_or_nothing import enrol
from test_duo_life import duo, refused, trajectory


@pytest.fixture
def world(cli: Any) -> dict[str, int]:
    """As test_duo_life's: Amina (1) with Sofie (2) since 2025-02-01; Jan (3) is free."""
    enrol(cli, "mentee", "Amina Benali")
    enrol(cli, "mentor", "Sofie Maes")
    enrol(cli, "mentor", "Jan Peeters")
    enrol(cli, "mentee", "Omar Haddad", on="2025-03-01")
    return {"trajectory": duo(cli), "amina": 1, "sofie": 2, "jan": 3, "omar": 4}


def test_close_before_a_check_in_is_refused_as_a_check_in_after_the_close_is(
    cli: Any, db_path: Any, world: dict[str, int]
) -> None:
    """`check-in` refuses a day after the close; so a close (first or corrected) may not
    fall before a check-in already recorded, or the duo is checked in after it ended."""
    t = world["trajectory"]
    cli("check-in", t, "--status", "at-risk", "--date", "2025-04-10")
    error = refused(
        cli, db_path, "close", t, "--outcome", "none", "--reason", "moved", "--date", "2025-04-09"
    )
    assert error == "Error: close date 2025-04-09 is before the last check-in (2025-04-10)\n"
    cli("close", t, "--outcome", "none", "--reason", "moved", "--date", "2025-04-10")
    error = refused(cli, db_path, "close", t, "--amend", "--date", "2025-04-01")
    assert error == "Error: close date 2025-04-01 is before the last check-in (2025-04-10)\n"
    assert trajectory(cli, 1)["closed_on"] == "2025-04-10"


def test_log_shows_a_correction_as_from_to_not_as_two_values(
    cli: Any, world: dict[str, int]
) -> None:
    """close --amend, reopen, extend, follow-up --amend and requeue keep [from, to]: the
    log and `trajectory` read them as "from → to" (an empty side as "none")."""
    t = world["trajectory"]
    cli("extend", t, "--until", "2025-09-01")
    cli("close", t, "--outcome", "none", "--reason", "moved", "--date", "2025-04-01")
    cli("close", t, "--amend", "--date", "2025-04-02")
    cli("follow-up", t, "--outcome", "unreachable", "--date", "2025-05-01")
    cli("follow-up", t, "--amend", "--outcome", "job", "--contract", "interim")
    text = " ".join(cli("log").stdout.split())
    assert "planned end: 2025-08-01 → 2025-09-01" in text
    assert "closed on: 2025-04-01 → 2025-04-02" in text
    assert "contract: none → interim" in text
    story = " ".join(cli("trajectory", t).stdout.split())
    assert "closed on: 2025-04-01 → 2025-04-02" in story
    # json keeps the stored pairs
    [event] = cli.json("log", "--action", "extend")
    assert event["details"] == {"planned_end": ["2025-08-01", "2025-09-01"]}


def test_a_follow_up_is_refused_for_an_erased_mentee_and_amendable_after_a_mentors_erasure(
    cli: Any, db_path: Any, world: dict[str, int]
) -> None:
    """`remind` asks for the follow-up of a duo whose mentor was erased (never of an
    erased mentee): so `follow-up` and `follow-up --amend` take it then, and both refuse
    it for an erased mentee, whose data never changes again."""
    t = world["trajectory"]
    cli("forget", world["sofie"], "--yes")  # the mentor: the duo ends with reason erased
    cli("follow-up", t, "--outcome", "unreachable")
    cli("follow-up", t, "--amend", "--outcome", "job", "--contract", "interim")
    assert cli.json("trajectory", t)["follow_up"]["outcome"] == "job"
    # an erased mentee: neither a first follow-up nor a correction
    enrol(cli, "mentee", "Lina Saleh")
    second = duo(cli, mentee=5, mentor=3)
    cli("close", second, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")
    cli("forget", 5, "--yes")
    error = refused(cli, db_path, "follow-up", second, "--outcome", "unreachable")
    assert error == "Error: person 5 was erased on 2025-06-01: nothing about them changes\n"


def test_unmatch_of_a_duo_with_a_check_in_is_refused_in_one_line(
    cli: Any, db_path: Any, world: dict[str, int]
) -> None:
    """A check-in, like a session, means the duo ran: `unmatch` refuses it with one line
    (it failed on the database's foreign key) and the file stays as it was."""
    t = world["trajectory"]
    cli("check-in", t, "--status", "concern", "--date", "2025-02-10")
    error = refused(cli, db_path, "unmatch", t, "--yes")
    assert error == (
        f"Error: trajectory {t} has 1 check-in(s): close it instead "
        "(mentorcli close … --reason mismatch)\n"
    )
