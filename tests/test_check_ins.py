"""check-in: how a duo is doing; remind flags duos at risk first and asks for a check-in
after a month; forget clears the notes; every refusal leaves the file as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_all_or_nothing import dump_file, enrol

NOTE = "mentee worried about her residence permit"


def at(monkeypatch, day: str) -> None:
    monkeypatch.setenv("MENTORCLI_TODAY", day)


def duo(cli, mentee: str = "Amina Benali", mentor: str = "Sofie Maes", start="2025-02-01") -> int:
    enrol(cli, "mentee", mentee)
    enrol(cli, "mentor", mentor)
    return cli.json("match", "--apply", "--start-date", start)["pairs"][0]["trajectory_id"]


def kinds(cli, day: str, *extra: str) -> list[tuple[str, int]]:
    return [
        (i["kind"], i["trajectory_id"] or i["person_id"])
        for i in cli.json("remind", "--as-of", day, *extra)
    ]


# --- recording ------------------------------------------------------------------------


def test_a_check_in_is_recorded_and_logged_without_its_note(cli):
    trajectory = duo(cli)
    result = cli(
        "check-in", trajectory, "--status", "concern", "--with", "mentee", "--note", NOTE,
        "--date", "2025-03-03",
    )  # fmt: skip
    assert result.stdout == ""
    assert result.stderr == (
        f"Check-in 1 of trajectory {trajectory} on 2025-03-03 (with the mentee): concern.\n"
    )
    recorded = cli.json("check-in", "Amina Benali", "--status", "good")
    assert recorded == {
        "id": 2,
        "trajectory_id": trajectory,
        "date": "2025-06-01",
        "status": "good",
        "with_whom": "both",
        "note": None,
    }
    events = [e for e in cli.json("log", "--limit", "0") if e["action"] == "check-in"]
    assert [e["details"] for e in reversed(events)] == [
        {"check_in_id": 1, "status": "concern", "with": "mentee", "date": "2025-03-03"},
        {"check_in_id": 2, "status": "good", "with": "both", "date": "2025-06-01"},
    ]
    assert all(e["trajectory_id"] == trajectory for e in events)
    assert NOTE not in cli("log", "--limit", "0", "--format", "json").stdout


def test_a_closed_duo_takes_a_late_check_in_dated_within_its_dates(cli):
    trajectory = duo(cli)
    cli("close", trajectory, "--outcome", "none", "--reason", "moved", "--date", "2025-04-01")
    cli("check-in", trajectory, "--status", "at-risk", "--date", "2025-03-15")
    cli("check-in", trajectory, "--status", "good", "--date", "2025-04-01")
    assert cli.json("export")["check_ins"][0]["held_on"] == "2025-03-15"
    # a closed duo is never reminded, flagged or not
    assert not {k for k, _ in kinds(cli, "2025-06-01")} & {"flagged", "check-in"}


def refused(cli, db_path: Path, args: list, code: int, words: str) -> None:
    before = dump_file(db_path)
    result = cli(*args, code=code)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert words in result.stderr, result.stderr
    assert result.stdout == ""
    assert dump_file(db_path) == before


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--status", "good", "--date", "2025-06-02"], 2, "in the future"),
        (["--status", "good", "--date", "2025-01-31"], 1, "before the trajectory started"),
        (["--status", "good", "--date", "2025-02-30"], 2, "--date"),
        (["--status", "fine"], 2, "'fine' is not one of"),
        (["--status", "good", "--with", "family"], 2, "'family' is not one of"),
        ([], 2, "Missing option '--status'"),
    ],
)
def test_a_bad_check_in_is_refused_in_one_line_and_changes_nothing(cli, db_path, args, code, words):
    trajectory = duo(cli)
    refused(cli, db_path, ["check-in", trajectory, *args], code, words)


def test_a_check_in_after_the_close_is_refused(cli, db_path):
    trajectory = duo(cli)
    cli("close", trajectory, "--outcome", "none", "--reason", "moved", "--date", "2025-04-01")
    refused(
        cli,
        db_path,
        ["check-in", trajectory, "--status", "good", "--date", "2025-04-02"],
        1,
        "was closed on 2025-04-01",
    )


def test_a_check_in_of_an_unknown_duo_or_an_erased_person_is_refused(cli, db_path):
    trajectory = duo(cli)
    refused(cli, db_path, ["check-in", "99", "--status", "good"], 1, "no trajectory 99")
    refused(cli, db_path, ["check-in", "Nobody Known", "--status", "good"], 1, "no person named")
    cli("forget", "2", "--yes")  # the mentor: the duo ends with reason erased
    refused(
        cli,
        db_path,
        ["check-in", trajectory, "--status", "good", "--date", "2025-05-01"],
        1,
        "was erased",
    )


# --- remind ---------------------------------------------------------------------------


def test_flagged_duos_come_first_until_a_later_good_check_in(cli, monkeypatch):
    first = duo(cli)
    second = duo(cli, "Omar Haddad", "Jan Peeters")
    cli("log-session", second, "--hours", "2", "--date", "2025-05-30")
    cli("check-in", first, "--status", "good", "--date", "2025-05-20")
    cli("check-in", second, "--status", "at-risk", "--with", "mentor", "--date", "2025-05-25")
    due = kinds(cli, "2025-06-01")
    assert due[0] == ("flagged", second)
    assert ("flagged", first) not in due
    [item] = [i for i in cli.json("remind") if i["kind"] == "flagged"]
    assert item["due"] == "2025-05-25" and item["days"] == 7
    assert "at risk" in item["message"] and "the mentor" in item["message"]
    text = cli("remind").stdout.splitlines()
    assert text[2] == "flagged at the last check-in (1)"
    assert text[3].startswith(f"  trajectory {second}: Omar Haddad + Jan Peeters: last check-in")
    # every time, not once: still there a week later
    assert kinds(cli, "2025-06-08")[0] == ("flagged", second)
    # a concern after the at-risk keeps it flagged; a good one ends it
    cli("check-in", second, "--status", "concern", "--date", "2025-05-28")
    assert kinds(cli, "2025-06-01")[0] == ("flagged", second)
    cli("check-in", second, "--status", "good", "--date", "2025-05-31")
    assert all(k != "flagged" for k, _ in kinds(cli, "2025-06-01"))
    # as of a day before the good check-in, it was still flagged
    assert kinds(cli, "2025-05-30")[0] == ("flagged", second)


def test_a_flagged_duo_that_closes_is_no_longer_flagged(cli):
    trajectory = duo(cli)
    cli("check-in", trajectory, "--status", "concern", "--date", "2025-05-01")
    assert kinds(cli, "2025-06-01")[0] == ("flagged", trajectory)
    cli("close", trajectory, "--outcome", "none", "--reason", "mismatch", "--date", "2025-05-15")
    assert all(k != "flagged" for k, _ in kinds(cli, "2025-06-01"))


def test_a_check_in_is_due_a_month_after_the_start_or_the_last_one(cli):
    trajectory = duo(cli, start="2025-05-01")
    cli("log-session", trajectory, "--hours", "2", "--date", "2025-05-29")
    assert kinds(cli, "2025-05-30") == []  # 29 days: nothing, and so not a word
    assert cli("remind", "--as-of", "2025-05-30").stdout == ""
    assert kinds(cli, "2025-05-31") == [("check-in", trajectory)]
    [item] = cli.json("remind", "--as-of", "2025-05-31")
    assert item["days"] == 30 and item["due"] == "2025-05-31"
    assert item["message"] == "no check-in for 30 days (none since the start on 2025-05-01)"
    assert kinds(cli, "2025-05-31", "--check-in-days", "45") == []
    early = kinds(cli, "2025-05-21", "--check-in-days", "20", "--silent-days", "99")
    assert early == [("check-in", trajectory)]
    cli("check-in", trajectory, "--status", "good", "--date", "2025-05-30")
    assert kinds(cli, "2025-05-31") == []
    assert ("check-in", trajectory) in kinds(cli, "2025-06-29")
    [item] = [i for i in cli.json("remind", "--as-of", "2025-06-29") if i["kind"] == "check-in"]
    assert item["message"] == "no check-in for 30 days (last check-in 2025-05-30)"


def test_check_in_days_must_be_a_day_or_more(cli):
    duo(cli)
    result = cli("remind", "--check-in-days", "0", code=2)
    assert result.stderr.count("\n") == 1 and "--check-in-days" in result.stderr


def test_a_flagged_duo_is_mailed_first(cli, monkeypatch):
    from mentorcli.lifecycle import mail as smtp

    trajectory = duo(cli)
    cli("check-in", trajectory, "--status", "at-risk", "--date", "2025-05-01")
    sent: list[str] = []
    monkeypatch.setattr(smtp, "send", lambda config, to, subject, body: sent.append(body))
    monkeypatch.setenv("MENTORCLI_SMTP_HOST", "localhost")
    cli("remind", "--mail-to", "coordinator@example.org")
    lines = sent[0].splitlines()
    assert lines[2] == "flagged at the last check-in (1)"
    assert lines[3].startswith(f"  trajectory {trajectory}: Amina Benali + Sofie Maes")


# --- privacy --------------------------------------------------------------------------


def test_forget_erases_check_in_notes_and_export_holds_them_before(cli, db_path):
    trajectory = duo(cli)
    cli("check-in", trajectory, "--status", "concern", "--note", NOTE, "--date", "2025-03-01")
    exported = cli.json("export")
    assert exported["check_ins"][0]["note"] == NOTE
    assert cli.json("show", "1")["trajectories"][0]["check_ins"][0]["note"] == NOTE
    cli("forget", "1", "--yes")
    assert cli.json("export")["check_ins"][0]["note"] is None
    assert cli.json("export")["check_ins"][0]["status"] == "concern"  # the figure stays
    for name in (db_path.name, db_path.name + "-wal"):
        path = db_path.with_name(name)
        assert not path.exists() or NOTE.encode() not in path.read_bytes()


def test_a_backup_holds_the_check_ins_and_a_restore_brings_them_back(cli, tmp_path):
    trajectory = duo(cli)
    cli("check-in", trajectory, "--status", "good", "--date", "2025-03-01")
    cli("backup", tmp_path / "b.db")
    cli("check-in", trajectory, "--status", "concern", "--date", "2025-03-02")
    cli("restore", tmp_path / "b.db", "--yes")
    assert [c["status"] for c in cli.json("export")["check_ins"]] == ["good"]


# --- stats ----------------------------------------------------------------------------


def pair(cli, mentee: str, mentor: str, city: str, start: str) -> int:
    for role, name, extra in (("mentee", mentee, []), ("mentor", mentor, ["--capacity", "1"])):
        cli(
            "enrol", role, "--name", name, "--city", city, "--languages", "nl",
            "--sector", "zorg", "--enrolled-on", "2024-01-01", *extra,
        )  # fmt: skip
    return cli.json("match", "--apply", "--start-date", start)["pairs"][0]["trajectory_id"]


@pytest.fixture
def flagged_programme(cli):
    """A: flagged in 2024, good in 2025, closed early in 2025 (mismatch); B: good, closed
    early in 2025 (moved); C (Antwerpen): at risk in 2024, completed in 2025; D: active,
    at risk in 2025."""
    a = pair(cli, "Amina Benali", "Sofie Maes", "Gent", "2024-09-01")
    cli("check-in", a, "--status", "concern", "--date", "2024-10-01")
    cli("check-in", a, "--status", "good", "--date", "2025-01-10")
    cli("close", a, "--outcome", "none", "--reason", "mismatch", "--date", "2025-02-01")
    b = pair(cli, "Omar Haddad", "Jan Peeters", "Gent", "2024-09-01")
    cli("check-in", b, "--status", "good", "--date", "2025-03-01")
    cli("close", b, "--outcome", "none", "--reason", "moved", "--date", "2025-03-15")
    c = pair(cli, "Hiba Rahimi", "Els Claes", "Antwerpen", "2024-06-01")
    cli("check-in", c, "--status", "at-risk", "--date", "2024-11-01")
    cli("close", c, "--outcome", "training", "--date", "2025-01-05")
    d = pair(cli, "Yonas Haile", "Luc Wouters", "Gent", "2025-01-15")
    cli("check-in", d, "--status", "at-risk", "--date", "2025-04-01")
    return a, b, c, d


def rate_of(figure: dict) -> tuple:
    return figure["numerator"], figure["denominator"], figure["rate"]


def test_stats_count_check_ins_flagged_duos_and_their_early_closures(cli, flagged_programme):
    y2024, y2025 = cli.json("stats", "--from", "2024", "--to", "2025")
    assert (y2024["check_ins"], y2024["duos_flagged"]) == (2, 2)
    assert rate_of(y2024["early_closure_rate_flagged"]) == (0, 0, None)
    assert (y2025["check_ins"], y2025["duos_flagged"]) == (3, 1)
    # closed in 2025: A (flagged in 2024, early), C (flagged, completed), B (not, early)
    assert rate_of(y2025["early_closure_rate_flagged"]) == (1, 2, 0.5)
    assert rate_of(y2025["early_closure_rate_unflagged"]) == (1, 1, 1.0)
    flagged, unflagged = y2025["early_closure_rate_flagged"], y2025["early_closure_rate_unflagged"]
    assert flagged["denominator"] + unflagged["denominator"] == y2025["trajectories_closed"]
    assert flagged["numerator"] + unflagged["numerator"] == y2025["early_closures"]
    everyone, antwerpen, gent = cli.json("stats", "--year", "2025", "--by", "city")
    assert (antwerpen["city"], gent["city"]) == ("Antwerpen", "Gent")
    assert (gent["check_ins"], gent["duos_flagged"]) == (3, 1)
    assert rate_of(antwerpen["early_closure_rate_flagged"]) == (0, 1, 0.0)
    assert rate_of(gent["early_closure_rate_flagged"]) == (1, 1, 1.0)
    for key in ("check_ins", "duos_flagged"):
        assert everyone[key] == antwerpen[key] + gent[key]
    flat = cli("stats", "--year", "2025", "--format", "csv").stdout.splitlines()
    columns = dict(zip(flat[0].split(","), flat[1].split(","), strict=True))
    assert columns["early_closure_rate_flagged"] == "0.5"
    assert columns["early_closure_rate_flagged_denominator"] == "2"
    assert columns["duos_flagged"] == "1"


def test_a_good_check_in_after_the_close_date_does_not_unflag(cli, flagged_programme):
    """A flag counts for the early-closure rate when it came on or before the close."""
    a, *_ = flagged_programme
    before = cli.json("stats", "--year", "2025")[0]
    cli("check-in", a, "--status", "good", "--date", "2025-02-01")  # the day it closed
    after = cli.json("stats", "--year", "2025")[0]
    assert after["check_ins"] == before["check_ins"] + 1
    assert after["early_closure_rate_flagged"] == before["early_closure_rate_flagged"]


def test_stats_table_shows_the_check_in_lines(cli, flagged_programme):
    text = cli("stats", "--year", "2025").stdout
    assert "Check-ins" in text
    for line in (
        "check-ins  3",
        "duos flagged  1",
        "closed early, flagged  50.0% (1/2)",
        "closed early, not flagged  100.0% (1/1)",
    ):
        label, value = line.split("  ", 1)
        assert any(label in row and row.rstrip(" │").endswith(value) for row in text.splitlines())


def test_suppression_blanks_a_small_flagged_count_and_both_rates(cli, flagged_programme):
    [row] = cli.json("stats", "--year", "2025", "--suppress-below", "2")
    assert row["duos_flagged"] is None and "duos_flagged" in row["suppressed"]
    for name in ("early_closure_rate_flagged", "early_closure_rate_unflagged"):
        assert rate_of(row[name]) == (None, None, None) and name in row["suppressed"]
    [row] = cli.json("stats", "--year", "2024", "--suppress-below", "2")
    assert row["duos_flagged"] == 2
    text = cli("stats", "--year", "2025", "--suppress-below", "2").stdout
    assert "suppressed (<2)" in text


def test_one_rate_of_the_two_is_never_shown_beside_a_blanked_twin(cli, flagged_programme):
    from mentorcli.reports.suppression import suppress

    def row_with(flagged: tuple[int, int], unflagged: tuple[int, int]) -> dict:
        [row] = cli.json("stats", "--year", "2025")
        for name, (n, d) in (
            ("early_closure_rate_flagged", flagged),
            ("early_closure_rate_unflagged", unflagged),
        ):
            row[name] = {"numerator": n, "denominator": d, "rate": n / d}
        return row

    row = row_with((6, 12), (2, 12))  # the unflagged numerator is small
    suppress([row], 5, by_city=False)
    assert row["early_closure_rate_flagged"]["rate"] is None
    assert row["early_closure_rate_unflagged"]["rate"] is None
    row = row_with((6, 12), (5, 12))
    suppress([row], 5, by_city=False)
    assert row["early_closure_rate_flagged"]["rate"] == 0.5
    row = row_with((6, 9), (5, 12))  # 3 flagged duos closed, not early: a small rest
    suppress([row], 5, by_city=False)
    assert row["early_closure_rate_flagged"]["rate"] is None
    assert row["early_closure_rate_unflagged"]["rate"] is None


# --- trajectory: one duo's story --------------------------------------------------------


def test_trajectory_tells_the_whole_story_as_json(cli, monkeypatch):
    trajectory = duo(cli)
    cli("log-session", trajectory, "--minutes", "90", "--topic", "cv", "--note", NOTE,
        "--date", "2025-02-10")  # fmt: skip
    cli("log-session", trajectory, "--hours", "2", "--topic", "network,cv", "--date", "2025-03-10")
    cli("check-in", trajectory, "--status", "concern", "--with", "mentee", "--note", "late twice",
        "--date", "2025-03-01")  # fmt: skip
    cli("close", trajectory, "--outcome", "job", "--contract", "interim", "--reason", "job-found",
        "--date", "2025-04-01")  # fmt: skip
    at(monkeypatch, "2026-02-01")
    cli("follow-up", trajectory, "--outcome", "job", "--contract", "permanent")
    enrol(cli, "mentee", "Omar Haddad")  # another person's events stay out
    story = cli.json("trajectory", trajectory)
    assert list(story) == [
        "id", "status", "mentee", "mentor", "city", "started_on", "planned_end", "closed_on",
        "score", "sessions", "hours", "session_log", "check_ins", "close", "follow_up", "events",
    ]  # fmt: skip
    assert story["mentee"] == {"id": 1, "name": "Amina Benali"}
    assert story["mentor"] == {"id": 2, "name": "Sofie Maes"}
    assert (story["city"], story["status"]) == ("Gent", "closed")
    assert (story["started_on"], story["planned_end"], story["closed_on"]) == (
        "2025-02-01",
        "2025-08-01",
        "2025-04-01",
    )
    assert isinstance(story["score"], float)
    assert (story["sessions"], story["hours"]) == (2, 3.5)
    assert story["session_log"] == [
        {"id": 1, "date": "2025-02-10", "hours": 1.5, "topics": ["cv"]},
        {"id": 2, "date": "2025-03-10", "hours": 2.0, "topics": ["network", "cv"]},
    ]
    assert story["check_ins"] == [
        {
            "id": 1,
            "trajectory_id": trajectory,
            "date": "2025-03-01",
            "status": "concern",
            "with_whom": "mentee",
            "note": "late twice",
        }
    ]
    assert story["close"] == {
        "closed_on": "2025-04-01",
        "outcome": "job",
        "contract": "interim",
        "reason": "job-found",
        "early": True,
        "mentor_leaves": False,
    }
    assert story["follow_up"] == {
        "recorded_on": "2026-02-01",
        "outcome": "job",
        "contract": "permanent",
    }
    actions = [e["action"] for e in story["events"]]
    assert actions == ["match", "match", "session", "session", "check-in", "close", "follow-up"]
    assert [e["id"] for e in story["events"]] == sorted(e["id"] for e in story["events"])
    assert story["events"][4]["details"]["status"] == "concern"
    assert NOTE not in json.dumps(story)  # session notes stay in `sessions`


def test_trajectory_at_a_terminal_shows_each_part(cli):
    trajectory = duo(cli)
    cli("log-session", trajectory, "--hours", "2", "--topic", "cv", "--date", "2025-02-10")
    cli("check-in", trajectory, "--status", "at-risk", "--note", "no show", "--date", "2025-03-01")
    text = cli("trajectory", "Amina Benali").stdout
    for words in (
        "trajectory   1 (active)",
        "mentee       1 Amina Benali",
        "mentor       2 Sofie Maes",
        "city         Gent",
        "planned end  2025-08-01",
        "sessions     1 (2 h)",
        "Sessions",
        "2025-02-10",
        "Check-ins",
        "at risk",
        "no show",
        "Event log",
        "check-in",
    ):
        assert words in text, words
    assert "closed on" not in text and "follow-up" not in text


def test_trajectory_of_a_duo_with_nothing_yet(cli):
    trajectory = duo(cli)
    text = cli("trajectory", trajectory).stdout
    assert "Sessions: no session logged." in text
    assert "Check-ins: no check-in yet." in text
    story = cli.json("trajectory", trajectory)
    assert story["session_log"] == [] and story["close"] is None and story["follow_up"] is None


def test_trajectory_by_name_finds_a_closed_duo_and_refuses_an_unknown_one(cli, db_path):
    trajectory = duo(cli)
    cli("close", trajectory, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")
    assert cli.json("trajectory", "amina")["id"] == trajectory
    result = cli("trajectory", "99", code=1)
    assert result.stderr == "Error: no trajectory 99\n" and result.stdout == ""
    result = cli("trajectory", "Nobody Known", code=1)
    assert result.stderr.count("\n") == 1 and "no person named" in result.stderr


# --- demo -----------------------------------------------------------------------------


def test_the_demo_has_check_ins_to_show_and_the_same_seed_gives_the_same(cli, tmp_path):
    def demo(name: str) -> dict:
        path = tmp_path / name
        cli("demo", "--db", path, "--people", "80", "--seed", "1", "--years", "2")
        return cli.json("--db", path, "export")

    first, second = demo("a.db"), demo("b.db")

    def typed(data: dict) -> list:  # created_at is the clock's, not the seed's
        return [{k: v for k, v in c.items() if k != "created_at"} for c in data["check_ins"]]

    assert typed(first) == typed(second)
    check_ins, trajectories = first["check_ins"], first["trajectories"]
    assert {c["status"] for c in check_ins} == {"good", "concern", "at-risk"}
    assert sum(c["status"] == "good" for c in check_ins) > len(check_ins) / 2
    by_id = {t["id"]: t for t in trajectories}
    for c in check_ins:  # every one within its duo's dates, none in the future
        t = by_id[c["trajectory_id"]]
        assert t["started_on"] <= c["held_on"] <= (t["closed_on"] or "2025-06-01")
    early = {t["id"] for t in trajectories if t["close_reason"] not in (None, "completed")}
    flagged_early = {
        c["trajectory_id"]
        for c in check_ins
        if c["status"] != "good" and c["trajectory_id"] in early
    }
    assert flagged_early
    path = tmp_path / "a.db"
    reminders = cli.json("--db", path, "remind")
    assert reminders[0]["kind"] == "flagged"
    story = cli.json("--db", path, "trajectory", min(flagged_early))
    assert story["close"]["early"] and any(c["status"] != "good" for c in story["check_ins"])
    assert cli.json("--db", path, "stats")[0]["check_ins"] > 0


def test_a_name_with_two_duos_asks_for_the_id(cli, db_path):
    enrol(cli, "mentor", "Sofie Maes", "--capacity", "2")
    enrol(cli, "mentee", "Amina Benali")
    enrol(cli, "mentee", "Omar Haddad")
    pairs = cli.json("match", "--apply", "--start-date", "2025-02-01")["pairs"]
    assert len(pairs) == 2
    refused(cli, db_path, ["check-in", "Sofie Maes", "--status", "good"], 1, "Use the id")
    result = cli("trajectory", "Sofie Maes", code=1)
    assert result.stderr.count("\n") == 1 and "fits 2" in result.stderr
    assert cli.json("trajectory", "Omar Haddad")["mentee"]["name"] == "Omar Haddad"


def test_a_duo_with_a_check_in_cannot_be_unmatched(cli, db_path):
    trajectory = duo(cli)
    cli("check-in", trajectory, "--status", "concern", "--date", "2025-02-15")
    refused(cli, db_path, ["unmatch", trajectory, "--yes"], 1, "has 1 check-in(s): close it")


def test_a_close_or_its_correction_is_never_dated_before_the_last_check_in(cli, db_path):
    trajectory = duo(cli)
    cli("check-in", trajectory, "--status", "concern", "--date", "2025-04-10")
    close = ["close", trajectory, "--outcome", "none", "--reason", "mismatch", "--yes"]
    refused(cli, db_path, [*close, "--date", "2025-04-09"], 1, "before the last check-in")
    cli(*close, "--date", "2025-04-10")
    refused(
        cli,
        db_path,
        ["close", trajectory, "--amend", "--date", "2025-04-01", "--yes"],
        1,
        "before the last check-in (2025-04-10)",
    )
