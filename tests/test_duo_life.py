"""A duo's whole life (issue 13): close --amend, reopen, follow-up --amend and unreachable,
extend, close --requeue, requeue, withdraw with duos, and what stats and remind make of
them. Every refusal is one line on stderr, its exit code, and a file left as it was."""

from __future__ import annotations

from typing import Any

import pytest
from test_all_or_nothing import dump_file, enrol


def duo(cli: Any, mentee: int = 1, mentor: int = 2, start: str = "2025-02-01") -> int:
    """Start one duo: the pinned pair, and no other (a pin passes any --min-score)."""
    pin = f"{mentee}:{mentor}"
    [pair] = cli.json(
        "match", "--apply", "--start-date", start, "--pin", pin, "--min-score", "100"
    )["pairs"]
    return pair["trajectory_id"]


@pytest.fixture
def world(cli: Any) -> dict[str, int]:
    """Amina (1) with Sofie (2) since 2025-02-01; Jan (3) is a free mentor; Omar (4) waits."""
    enrol(cli, "mentee", "Amina Benali")
    enrol(cli, "mentor", "Sofie Maes")
    enrol(cli, "mentor", "Jan Peeters")
    enrol(cli, "mentee", "Omar Haddad", on="2025-03-01")
    return {"trajectory": duo(cli), "amina": 1, "sofie": 2, "jan": 3, "omar": 4}


def refused(cli: Any, db_path: Any, *args: Any, code: int = 1) -> str:
    """Run a command that must be refused: its exit code, one line, nothing changed."""
    before = dump_file(db_path)
    result = cli(*args, code=code)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert dump_file(db_path) == before
    return result.stderr


def trajectory(cli: Any, person: int, index: int = 0) -> dict[str, Any]:
    return cli.json("show", person)["trajectories"][index]


def status(cli: Any, person: int) -> str:
    return cli.json("show", person)["status"]


def stats(cli: Any, *extra: str) -> list[dict[str, Any]]:
    return cli.json("stats", "--year", "2025", *extra)


def reminders(cli: Any, kind: str, *extra: str) -> list[dict[str, Any]]:
    return [r for r in cli.json("remind", *extra) if r["kind"] == kind]


# --- close --amend ---------------------------------------------------------------------


def test_close_amend_changes_only_what_is_given_and_logs_from_to(cli, world):
    t = world["trajectory"]
    cli("close", t, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")
    result = cli("close", t, "--amend", "--outcome", "job", "--contract", "permanent")
    assert result.stderr == (
        f"Corrected the close of trajectory {t}: outcome no result yet → job; "
        "contract – → permanent.\n"
    )
    after = trajectory(cli, 1)
    assert (after["outcome"], after["contract"], after["close_reason"], after["closed_on"]) == (
        "job",
        "permanent",
        "moved",
        "2025-03-01",
    )
    [event] = cli.json("log", "--action", "close-amend")
    assert event["trajectory_id"] == t
    assert "outcome" in str(event["details"]) and "permanent" in str(event["details"])
    # an outcome that is no longer a job drops its contract
    cli("close", t, "--amend", "--outcome", "training")
    assert trajectory(cli, 1)["contract"] is None


def test_close_amend_json_shows_what_changed(cli, world):
    t = world["trajectory"]
    cli("close", t, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")
    out = cli.json("close", t, "--amend", "--date", "2025-03-03")
    assert out["closed_on"] == "2025-03-03"
    assert out["changed"] == {"closed_on": ["2025-03-01", "2025-03-03"]}


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["--outcome", "job"], 2, "needs --contract"),
        ([], 2, "nothing to change"),
        (["--outcome", "none"], 2, "nothing to change"),
        (["--date", "2025-05-01", "--reason", "completed"], 2, "--reason completed is for"),
        (["--date", "2025-01-15"], 1, "before the trajectory started"),
        (["--date", "2025-02-09"], 1, "before the last session"),
        (["--date", "2025-06-02"], 2, "future"),
        (["--date", "2025-04-02"], 1, "after the follow-up"),
        (["--note", "x", "--outcome", "job"], 2, "not --note"),
        (["--requeue", "--outcome", "job"], 2, "not --requeue"),
        (["--mentor-leaves", "--outcome", "job"], 2, "not --mentor-available/--mentor-leaves"),
    ],
)
def test_close_amend_refusals(cli, db_path, world, args, code, words):
    t = world["trajectory"]
    cli("log-session", t, "--minutes", "60", "--date", "2025-02-10")
    cli("close", t, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")
    cli("follow-up", t, "--outcome", "none", "--situation", "job-searching", "--date", "2025-04-01")
    assert words in refused(cli, db_path, "close", t, "--amend", *args, code=code)


def test_close_amend_of_an_active_duo_is_refused(cli, db_path, world):
    stderr = refused(cli, db_path, "close", world["trajectory"], "--amend", "--outcome", "job")
    assert "no closed trajectory" in stderr or "is active" in stderr


def test_close_without_outcome_is_a_usage_error(cli, db_path, world):
    assert "missing --outcome" in refused(cli, db_path, "close", 1, code=2)


# --- reopen ----------------------------------------------------------------------------


def test_reopen_undoes_a_close_and_what_it_did(cli, world):
    t = world["trajectory"]
    cli("close", t, "--outcome", "none", "--reason", "mismatch", "--date", "2025-03-01",
        "--mentor-leaves", "--requeue")  # fmt: skip
    assert status(cli, world["sofie"]) == "inactive"
    assert status(cli, world["amina"]) == "waiting"
    result = cli("reopen", t)
    assert "active again" in result.stderr
    assert "Sofie Maes is a mentor again" in result.stderr
    assert "no longer on the waiting list" in result.stderr
    after = trajectory(cli, 1)
    assert after["status"] == "active" and after["closed_on"] is None
    assert after["outcome"] is None and after["close_reason"] is None
    assert status(cli, world["sofie"]) == "full"
    assert status(cli, world["amina"]) == "matched"
    [event] = cli.json("log", "--action", "reopen")
    assert event["trajectory_id"] == t


def test_reopen_refuses_a_duo_with_a_follow_up(cli, db_path, world):
    t = world["trajectory"]
    cli("close", t, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")
    cli("follow-up", t, "--outcome", "none", "--situation", "job-searching", "--date", "2025-04-01")
    assert "has a follow-up" in refused(cli, db_path, "reopen", t)


def test_reopen_refuses_when_the_mentor_has_no_free_place(cli, db_path, world):
    t = world["trajectory"]
    cli("close", t, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")
    duo(cli, mentee=world["omar"], mentor=world["sofie"], start="2025-03-02")
    assert "has no free place" in refused(cli, db_path, "reopen", t)


def test_reopen_refuses_when_the_mentee_was_matched_again(cli, db_path, world):
    t = world["trajectory"]
    cli("close", t, "--outcome", "none", "--reason", "mismatch", "--date", "2025-03-01",
        "--requeue")  # fmt: skip
    duo(cli, mentee=world["amina"], mentor=world["jan"], start="2025-03-02")
    assert "later duo" in refused(cli, db_path, "reopen", t)


def test_reopen_refuses_a_mentee_who_withdrew(cli, db_path, world):
    t = world["trajectory"]
    cli("close", t, "--outcome", "none", "--reason", "mentee-withdrew", "--date", "2025-03-01")
    cli("withdraw", world["amina"], "--date", "2025-03-01")
    assert "withdrew on 2025-03-01: the duo cannot run again" in refused(cli, db_path, "reopen", t)


def test_reopen_refuses_a_mentor_who_withdrew_later(cli, db_path, world):
    t = world["trajectory"]
    cli("close", t, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")
    cli("withdraw", world["sofie"], "--date", "2025-03-05")
    assert "withdrew on 2025-03-05" in refused(cli, db_path, "reopen", t)


def test_reopen_refuses_an_active_duo_an_erased_one_and_a_part_of_a_name(cli, db_path, world):
    t = world["trajectory"]
    assert "no closed trajectory" in refused(cli, db_path, "reopen", "Amina Benali")
    assert "active" in refused(cli, db_path, "reopen", t)
    cli("close", t, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")
    assert "exactly" in refused(cli, db_path, "reopen", "amina")
    cli("forget", world["amina"], "--yes")
    assert "erased" in refused(cli, db_path, "reopen", t)


# --- follow-up --amend and unreachable ------------------------------------------------------


def closed(cli: Any, world: dict[str, int]) -> int:
    t = world["trajectory"]
    cli("close", t, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")
    return t


def test_an_unreachable_follow_up_stops_the_reminder_and_is_not_positive(cli, world, monkeypatch):
    t = closed(cli, world)
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-02-10")
    assert [r["trajectory_id"] for r in reminders(cli, "follow-up")] == [t]
    result = cli("follow-up", t, "--outcome", "unreachable", "--date", "2026-02-05")
    assert "could not be reached" in result.stderr
    assert reminders(cli, "follow-up") == []
    [row] = stats(cli)
    assert row["followups_recorded"] == 0  # recorded in 2026
    [row] = cli.json("stats", "--year", "2026")
    assert row["followups_recorded"] == 1
    assert row["followup_outcomes"]["unreachable"] == 1
    assert row["followup_positive_rate"] == {"numerator": 0, "denominator": 1, "rate": 0.0}
    [row] = stats(cli)
    assert row["latest_outcomes"]["unreachable"] == 1
    assert row["latest_positive_rate"]["numerator"] == 0


def test_follow_up_amend_corrects_and_logs(cli, world):
    t = closed(cli, world)
    cli("follow-up", t, "--outcome", "unreachable", "--date", "2025-05-01")
    out = cli.json("follow-up", t, "--amend", "--outcome", "job", "--contract", "interim")
    assert (out["outcome"], out["contract"], out["recorded_on"]) == ("job", "interim", "2025-05-01")
    [event] = cli.json("log", "--action", "follow-up-amend")
    assert "unreachable" in str(event["details"])
    cli("follow-up", t, "--amend", "--outcome", "none", "--situation", "inactive")
    [row] = stats(cli)
    assert row["followup_outcomes"]["job"] == 0 and row["followup_outcomes"]["none"] == 1


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["--outcome", "job"], 2, "needs --contract"),
        (["--contract", "permanent"], 2, "--contract goes with --outcome job"),
        ([], 2, "nothing to change"),
        (["--outcome", "none"], 2, "nothing to change"),
        (["--date", "2025-02-15"], 1, "before the close"),
    ],
)
def test_follow_up_amend_refusals(cli, db_path, world, args, code, words):
    t = closed(cli, world)
    cli("follow-up", t, "--outcome", "none", "--situation", "job-searching", "--date", "2025-05-01")
    assert words in refused(cli, db_path, "follow-up", t, "--amend", *args, code=code)


def test_follow_up_amend_without_a_follow_up_and_a_second_follow_up_are_refused(
    cli, db_path, world
):
    t = closed(cli, world)
    stderr = refused(cli, db_path, "follow-up", t, "--amend", "--outcome", "job", "--contract",
                     "permanent")  # fmt: skip
    assert "no follow-up yet" in stderr
    cli("follow-up", t, "--outcome", "none", "--situation", "job-searching")
    assert "--amend" in refused(cli, db_path, "follow-up", t, "--outcome", "training")
    assert "missing --outcome" in refused(cli, db_path, "follow-up", t, code=2)


# --- extend ----------------------------------------------------------------------------


def test_extend_moves_the_planned_end_and_remind_follows(cli, world, monkeypatch):
    t = world["trajectory"]
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-07-25")
    assert [r["trajectory_id"] for r in reminders(cli, "ending")] == [t]  # ends 2025-08-01
    out = cli.json("extend", t, "--months", "2")
    assert out == {"trajectory_id": t, "planned_end": "2025-10-01", "was": "2025-08-01"}
    assert reminders(cli, "ending") == []
    result = cli("extend", "amina", "--until", "2025-09-15")
    assert result.stderr == f"Trajectory {t}: planned end 2025-10-01 → 2025-09-15.\n"
    [event, _] = cli.json("log", "--action", "extend")
    assert "2025-10-01" in str(event["details"]) and "2025-09-15" in str(event["details"])
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-09-10")
    [ending] = reminders(cli, "ending")
    assert ending["due"] == "2025-09-15"
    # a close on or after the new planned end is not early: completed needs no reason
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-09-20")
    refused_early = cli("close", t, "--outcome", "training", "--date", "2025-09-14", code=2)
    assert "before its planned end (2025-09-15)" in refused_early.stderr
    out = cli.json("close", t, "--outcome", "training", "--date", "2025-09-15")
    assert (out["early"], out["reason"]) == (False, "completed")


@pytest.mark.parametrize(
    "args, code, words",
    [
        ([], 2, "--until D or --months N"),
        (["--until", "2025-09-01", "--months", "1"], 2, "--until D or --months N"),
        (["--until", "2025-01-15"], 1, "not after the start"),
        (["--until", "2025-08-01"], 2, "nothing to change"),
        (["--months", "0"], 2, "--months"),
        (["--until", "2025-13-01"], 2, "--until"),
    ],
)
def test_extend_refusals(cli, db_path, world, args, code, words):
    assert words in refused(cli, db_path, "extend", world["trajectory"], *args, code=code)


def test_extend_of_a_closed_duo_is_refused(cli, db_path, world):
    t = closed(cli, world)
    assert "closed" in refused(cli, db_path, "extend", t, "--months", "1")


# --- close --requeue and requeue ------------------------------------------------------------


def test_close_requeue_puts_the_mentee_back_and_the_waiting_time_counts_from_then(
    cli, world, monkeypatch
):
    t = world["trajectory"]
    cli("close", t, "--outcome", "none", "--reason", "mentor-withdrew", "--date", "2025-03-01",
        "--requeue")  # fmt: skip
    assert status(cli, world["amina"]) == "waiting"
    assert [p["name"] for p in cli.json("list", "mentees", "--status", "waiting")] == [
        "Amina Benali",
        "Omar Haddad",
    ]
    [overview] = stats(cli)
    assert overview["mentees_waiting_at_end"] == 2
    # remind: waiting since the requeue (2025-03-01), not the enrolment (2025-01-01)
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-04-15")
    waiting = {r["person_id"]: r["days"] for r in reminders(cli, "waiting")}
    assert waiting == {world["amina"]: 45, world["omar"]: 45}
    # matching: never again with Sofie; the waiting bonus from the requeue
    ranked = cli.json("match", "--mentee", "Amina Benali", "--top", "0", "--min-score", "0")
    assert [m["mentor_id"] for m in ranked["candidates"]] == [world["jan"]]
    assert any("waited 45 days" in reason for reason in ranked["candidates"][0]["reasons"])
    duo(cli, world["amina"], world["jan"], "2025-04-15")
    assert status(cli, world["amina"]) == "matched"
    [row] = stats(cli)
    assert row["median_days_to_match"] == pytest.approx((31 + 45) / 2)  # 31: the first duo


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["--reason", "mentee-withdrew"], 2, "--requeue goes with --reason"),
        (["--reason", "lost-contact"], 2, "--requeue goes with --reason"),
        ([], 2, "say why"),
    ],
)
def test_close_requeue_refusals(cli, db_path, world, args, code, words):
    stderr = refused(cli, db_path, "close", world["trajectory"], "--outcome", "none", "--date",
                     "2025-03-01", "--requeue", *args, code=code)  # fmt: skip
    assert words in stderr


def test_requeue_after_an_early_end_and_after_a_withdrawal(cli, world):
    t = world["trajectory"]
    cli("close", t, "--outcome", "none", "--reason", "mismatch", "--date", "2025-03-01")
    assert status(cli, world["amina"]) == "done"
    out = cli.json("requeue", "Amina Benali", "--date", "2025-03-10")
    assert out == {
        "mentee_id": 1,
        "requeued_on": "2025-03-10",
        "after_trajectory": t,
        "was_withdrawn_on": None,
    }
    assert status(cli, world["amina"]) == "waiting"
    cli("withdraw", world["omar"], "--date", "2025-03-05")
    result = cli("requeue", world["omar"], "--date", "2025-04-01")
    assert "had withdrawn on 2025-03-05" in result.stderr
    omar = cli.json("show", world["omar"])
    assert (omar["status"], omar["withdrawn_on"]) == ("waiting", None)
    assert len(cli.json("log", "--action", "requeue")) == 2


def test_requeue_refusals(cli, db_path, world):
    t = world["trajectory"]
    assert "in an active duo" in refused(cli, db_path, "requeue", world["amina"])
    assert "already waiting" in refused(cli, db_path, "requeue", world["omar"])
    assert "is a mentor" in refused(cli, db_path, "requeue", world["jan"])
    assert "exactly" in refused(cli, db_path, "requeue", "amina")
    cli("close", t, "--outcome", "job", "--contract", "permanent", "--reason", "job-found",
        "--date", "2025-03-01")  # fmt: skip
    assert "--force" in refused(cli, db_path, "requeue", world["amina"])
    stderr = refused(cli, db_path, "requeue", world["amina"], "--force", "--date", "2025-02-20")
    assert "before the last close" in stderr
    assert "future" in refused(cli, db_path, "requeue", 1, "--date", "2025-07-01", code=2)
    cli("forget", world["omar"], "--yes")
    assert "erased" in refused(cli, db_path, "requeue", world["omar"])


def test_requeue_force_after_a_job_keeps_that_outcome_in_the_rates(cli, world):
    t = world["trajectory"]
    cli("close", t, "--outcome", "job", "--contract", "permanent", "--reason", "job-found",
        "--date", "2025-03-01")  # fmt: skip
    cli("requeue", world["amina"], "--force", "--date", "2025-05-01")
    [row] = stats(cli)
    assert row["requeued_closures"] == 1 and row["closures_rated"] == 1
    assert row["positive_outcome_rate"]["numerator"] == 1


def test_unmatch_of_a_second_duo_puts_the_mentee_back_as_requeued(cli, world):
    t = world["trajectory"]
    cli("close", t, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01", "--requeue")
    second = duo(cli, mentee=world["amina"], mentor=world["jan"], start="2025-03-10")
    cli("unmatch", second)
    amina = cli.json("list", "mentees", "--format", "json")[0]
    assert amina["status"] == "waiting"
    again = duo(cli, mentee=world["amina"], mentor=world["jan"], start="2025-03-12")
    assert again
    [row] = stats(cli)
    assert row["median_days_to_match"] == pytest.approx((31 + 11) / 2)


# --- withdraw with duos ------------------------------------------------------------------


@pytest.fixture
def busy_mentor(cli: Any, world: dict[str, int]) -> dict[str, int]:
    """Sofie (capacity 2) mentors Amina (trajectory 1) and Omar (trajectory 2)."""
    cli("edit", world["sofie"], "--capacity", "2")
    world["second"] = duo(cli, mentee=world["omar"], mentor=world["sofie"], start="2025-03-05")
    return world


def test_withdraw_a_mentor_in_a_script_needs_a_choice(cli, db_path, busy_mentor):
    stderr = refused(cli, db_path, "withdraw", "Sofie Maes", code=2)
    assert "active trajectory 1, 2" in stderr and "--requeue" in stderr
    stderr = refused(cli, db_path, "withdraw", "Sofie Maes", "--requeue", "--close-duos", code=2)
    assert "exclude each other" in stderr
    stderr = refused(cli, db_path, "withdraw", "Sofie Maes", "--requeue", "--date", "2025-03-01")
    assert "before the trajectory started" in stderr  # Omar's duo started 2025-03-05


def test_withdraw_requeue_closes_every_duo_and_requeues_the_mentees(cli, busy_mentor):
    result = cli("withdraw", "Sofie Maes", "--requeue", "--date", "2025-04-01")
    assert "Trajectory 1, 2: closed on 2025-04-01" in result.stderr
    for person in (busy_mentor["amina"], busy_mentor["omar"]):
        assert status(cli, person) == "waiting"
    assert status(cli, busy_mentor["sofie"]) == "inactive"
    for person in (busy_mentor["amina"], busy_mentor["omar"]):
        t = trajectory(cli, person)
        assert (t["close_reason"], t["outcome"]) == ("mentor-withdrew", "none")
        assert t["status"] == "closed"
    [row] = stats(cli)
    assert row["requeued_closures"] == 2 and row["closures_rated"] == 0
    assert row["early_closure_reasons"]["mentor-withdrew"] == 2
    assert row["positive_outcome_rate"]["denominator"] == 0


def test_withdraw_close_duos_only_closes(cli, busy_mentor):
    cli("withdraw", "Sofie Maes", "--close-duos", "--date", "2025-04-01")
    for person in (busy_mentor["amina"], busy_mentor["omar"]):
        assert status(cli, person) == "done"
    [row] = stats(cli)
    assert row["requeued_closures"] == 0 and row["closures_rated"] == 2
    # the mentor who left at this close comes back with a reopen
    cli("reopen", busy_mentor["trajectory"])
    assert status(cli, busy_mentor["sofie"]) == "available"


def test_withdraw_at_a_terminal_asks_what_becomes_of_the_duos(cli, busy_mentor, monkeypatch):
    from mentorcli.ui import prompts

    asked: list[str] = []
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(
        prompts, "choose", lambda label, options: asked.append(label) or options[0][1]
    )
    monkeypatch.setattr(prompts, "confirm", lambda label, default=False: True)
    cli("withdraw", "Sofie Maes", "--date", "2025-04-01")
    assert "active duo(s) 1, 2" in asked[0]
    assert status(cli, busy_mentor["amina"]) == "waiting"


def test_withdraw_of_a_mentee_in_a_duo_is_still_refused(cli, db_path, world):
    assert "close it first" in refused(cli, db_path, "withdraw", world["amina"], "--requeue")


# --- statistics: corrections give the figures of the right thing typed first --------------


def corrected(cli: Any) -> None:
    """Every correction of issue 13, each after a mistake."""
    enrol(cli, "mentee", "Amina Benali")
    enrol(cli, "mentor", "Sofie Maes")
    enrol(cli, "mentor", "Jan Peeters")
    enrol(cli, "mentee", "Omar Haddad", on="2025-01-15")
    enrol(cli, "mentor", "Griet Claes")
    duo(cli, 1, 2, "2025-02-01")  # 1: Amina + Sofie
    duo(cli, 4, 5, "2025-02-01")  # 2: Omar + Griet
    cli("log-session", 1, "--minutes", "90", "--date", "2025-02-10")
    cli("log-session", 2, "--minutes", "120", "--date", "2025-02-12")
    # a close with the wrong outcome, then --amend
    cli("close", 1, "--outcome", "job", "--contract", "interim", "--reason", "moved",
        "--date", "2025-02-20")  # fmt: skip
    cli("close", 1, "--amend", "--outcome", "none", "--reason", "mismatch", "--date", "2025-03-01")
    # the requeue afterwards, on the close day
    cli("requeue", "Amina Benali", "--date", "2025-03-01")
    duo(cli, 1, 3, "2025-03-20")  # 3: Amina + Jan
    # extended twice, then to the right date
    cli("extend", 3, "--months", "2")
    cli("extend", 3, "--until", "2025-10-20")
    cli("log-session", 3, "--minutes", "60", "--date", "2025-04-01")
    # a close of the wrong duo, reopened, then closed right
    cli("close", 2, "--outcome", "none", "--reason", "other", "--date", "2025-03-15")
    cli("reopen", 2)
    cli("close", 2, "--outcome", "training", "--date", "2025-05-30", "--reason", "job-found")
    cli("close", 2, "--amend", "--reason", "other")
    # a follow-up, then --amend
    cli("follow-up", 2, "--outcome", "unreachable", "--date", "2025-05-31")
    cli("follow-up", 2, "--amend", "--outcome", "job", "--contract", "permanent")


def typed_right(cli: Any) -> None:
    """The same programme typed right the first time: the same two duos for Amina (the
    first closed with --requeue on the day she went back on the list)."""
    enrol(cli, "mentee", "Amina Benali")
    enrol(cli, "mentor", "Sofie Maes")
    enrol(cli, "mentor", "Jan Peeters")
    enrol(cli, "mentee", "Omar Haddad", on="2025-01-15")
    enrol(cli, "mentor", "Griet Claes")
    duo(cli, 1, 2, "2025-02-01")
    duo(cli, 4, 5, "2025-02-01")
    cli("log-session", 1, "--minutes", "90", "--date", "2025-02-10")
    cli("log-session", 2, "--minutes", "120", "--date", "2025-02-12")
    cli("close", 1, "--outcome", "none", "--reason", "mismatch", "--date", "2025-03-01",
        "--requeue")  # fmt: skip
    cli("extend", duo(cli, 1, 3, "2025-03-20"), "--until", "2025-10-20")
    cli("log-session", 3, "--minutes", "60", "--date", "2025-04-01")
    cli("close", 2, "--outcome", "training", "--date", "2025-05-30", "--reason", "other")
    cli("follow-up", 2, "--outcome", "job", "--contract", "permanent", "--date", "2025-05-31")


def test_stats_after_corrections_equal_stats_typed_right_first_time(cli, tmp_path, monkeypatch):
    figures = []
    for name, build in (("corrected", corrected), ("right", typed_right)):
        monkeypatch.setenv("MENTORCLI_DB", str(tmp_path / f"{name}.db"))
        build(cli)
        figures.append(cli.json("stats", "--from", "2025", "--to", "2026", "--by", "city"))
        figures.append(cli.json("remind", "--as-of", "2026-03-01"))
    corrected_stats, corrected_remind, right_stats, right_remind = figures
    assert corrected_stats == right_stats
    assert corrected_remind == right_remind
    [row] = [r for r in right_stats if r["year"] == 2025 and r["city"] is None]
    # Amina: one person served, two trajectories; her first duo an early closure with its
    # reason, left out of the outcome rates
    assert row["mentees_served"] == 2 and row["trajectories_started"] == 3
    assert row["early_closure_reasons"]["mismatch"] == 1
    assert row["requeued_closures"] == 1 and row["closures_rated"] == 1
    assert row["outcomes"]["training"] == 1 and row["outcomes"]["none"] == 0
    assert row["positive_outcome_rate"] == {"numerator": 1, "denominator": 1, "rate": 1.0}
    assert row["latest_outcomes"]["job"] == 1
    assert row["median_days_to_match"] == 19  # 31, 17 and 19 days (Amina back on 1 March)


def test_a_requeued_duo_is_left_out_of_the_headline_rate(cli, world, monkeypatch):
    cli("close", 1, "--outcome", "none", "--reason", "health", "--date", "2025-03-01", "--requeue")
    second = duo(cli, world["amina"], world["jan"], "2025-03-10")
    cli("close", second, "--outcome", "job", "--contract", "permanent", "--reason", "job-found",
        "--date", "2025-06-01")  # fmt: skip
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-06-01")
    [row] = stats(cli)
    assert row["positive_within_12_months_rate"] == {"numerator": 1, "denominator": 1, "rate": 1.0}
    assert row["completed_rate"]["denominator"] == 2  # how long duos last: both count


def test_a_corrected_close_date_moves_the_requeue_and_the_leaving_mentor_with_it(cli, world):
    t = world["trajectory"]
    cli("close", t, "--outcome", "none", "--reason", "health", "--date", "2025-03-01",
        "--requeue", "--mentor-leaves")  # fmt: skip
    out = cli.json("close", t, "--amend", "--date", "2025-03-04")
    assert out["changed"] == {
        "closed_on": ["2025-03-01", "2025-03-04"],
        "mentor_withdrawn_on": ["2025-03-01", "2025-03-04"],
        "requeued_on": ["2025-03-01", "2025-03-04"],
    }
    assert cli.json("show", world["sofie"])["withdrawn_on"] == "2025-03-04"
    waiting = {
        r["person_id"]: r["days"]
        for r in cli.json("remind", "--as-of", "2025-04-10")
        if r["kind"] == "waiting"
    }
    assert waiting[world["amina"]] == 37  # since 4 March


def test_a_close_date_after_a_later_requeue_or_the_next_start_is_refused(cli, db_path, world):
    t = world["trajectory"]
    cli("close", t, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")
    cli("requeue", world["amina"], "--date", "2025-03-10")
    stderr = refused(cli, db_path, "close", t, "--amend", "--date", "2025-03-12")
    assert "after the mentee was requeued (2025-03-10)" in stderr
    duo(cli, world["amina"], world["jan"], "2025-03-20")
    assert "requeued" in refused(cli, db_path, "close", t, "--amend", "--date", "2025-03-21")
    # on the close day of a close --requeue, the next duo's start is the limit
    cli("close", 2, "--outcome", "none", "--reason", "mismatch", "--date", "2025-04-01",
        "--requeue")  # fmt: skip
    enrol(cli, "mentor", "Griet Claes", on="2025-01-01")
    duo(cli, world["amina"], 5, "2025-04-05")
    stderr = refused(cli, db_path, "close", 2, "--amend", "--date", "2025-04-06")
    assert "after the mentee's next duo started (2025-04-05)" in stderr


def test_the_overview_counts_a_requeued_mentee_as_waiting(cli, db_path, world):
    from mentorcli.reports.overview import per_city
    from mentorcli.store.db import close_all, open_db

    cli("close", 1, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01", "--requeue")
    db = open_db(str(db_path))
    try:
        [gent] = per_city(db)
    finally:
        close_all()
    assert gent["mentees_waiting"] == 2  # Amina, requeued, and Omar
    assert gent["mentees_done"] == 0


@pytest.mark.parametrize("word", ["onbereikbaar", "injoignable", "could not be reached"])
def test_unreachable_in_dutch_french_or_words(cli, world, word):
    t = closed(cli, world)
    assert cli.json("follow-up", t, "--outcome", word)["outcome"] == "unreachable"
    assert "unknown outcome" in cli("close", 1, "--amend", "--outcome", word, code=2).stderr
