"""remind: exactly what is due on a date; silent for cron when nothing is; mail via SMTP."""

from __future__ import annotations

import json
import os
import time

import pytest
from conftest import MENTEE
from test_cli import run_installed


def at(monkeypatch, day):
    monkeypatch.setenv("MENTORCLI_TODAY", day)


def due(cli, day, *extra):
    """The kinds this file is about; check-ins are tested in test_check_ins.py."""
    return [
        (i["kind"], i["trajectory_id"] or i["person_id"])
        for i in cli.json("remind", "--as-of", day, *extra)
        if i["kind"] != "check-in"
    ]


def weekly(cli, monkeypatch, trajectory, first, last):
    import datetime as dt

    day = dt.date.fromisoformat(first)
    while day <= dt.date.fromisoformat(last):
        at(monkeypatch, day.isoformat())
        cli("log-session", str(trajectory), "--hours", "2.5", "--topic", "cv")
        day += dt.timedelta(days=7)


def test_a_whole_invented_year(cli, monkeypatch):
    at(monkeypatch, "2025-01-06")
    sectors = ["zorg", "haven", "ICT", "bouw"]
    mentors, mentees = [], []
    for n, (first, sector) in enumerate(
        zip(["Sofie Maes", "Jan Peeters", "Els Claes", "Luc Wouters"], sectors, strict=True)
    ):
        mentors.append(
            cli.json(
                "enrol",
                "mentor",
                "--name",
                first,
                "--city",
                "Gent",
                "--languages",
                "nl",
                "--sector",
                sector,
            )["id"]
        )
        name = ["Amina Benali", "Omar Haddad", "Hiba Rahimi", "Yonas Haile"][n]
        mentees.append(
            cli.json(
                "enrol",
                "mentee",
                "--name",
                name,
                "--city",
                "Gent",
                "--languages",
                "nl",
                "--sector",
                sector,
            )["id"]
        )
    lonely = cli.json(
        "enrol",
        "mentee",
        "--name",
        "Dawit Tesfaye",
        "--city",
        "Gent",
        "--languages",
        "ti",
        "--sector",
        "bouw",
    )["id"]
    at(monkeypatch, "2025-01-13")
    pairs = cli.json("match", "--apply")["pairs"]
    t = {p["mentee_id"]: p["trajectory_id"] for p in pairs}
    t1, t2, t3, t4 = (t[m] for m in mentees)
    assert due(cli, "2025-01-20") == []  # a week in: nothing to say
    weekly(cli, monkeypatch, t1, "2025-01-20", "2025-07-07")
    weekly(cli, monkeypatch, t2, "2025-01-20", "2025-03-24")
    weekly(cli, monkeypatch, t3, "2025-01-20", "2025-04-28")
    weekly(cli, monkeypatch, t4, "2025-01-20", "2025-07-07")
    assert due(cli, "2025-02-10") == [("waiting", lonely)]
    assert due(cli, "2025-04-15") == [("no-session", t2), ("waiting", lonely)]
    at(monkeypatch, "2025-04-20")
    cli("close", str(t2), "--outcome", "none", "--reason", "lost-contact")
    at(monkeypatch, "2025-05-05")
    cli("close", str(t3), "--outcome", "job", "--contract", "permanent", "--reason", "job-found")
    assert due(cli, "2025-05-06") == [("waiting", lonely)]
    assert due(cli, "2025-07-01") == [("ending", t1), ("ending", t4), ("waiting", lonely)]
    at(monkeypatch, "2025-07-14")
    cli("close", str(t1), "--outcome", "training")
    assert due(cli, "2025-07-25") == [("no-session", t4), ("ending", t4), ("waiting", lonely)]
    at(monkeypatch, "2025-07-25")
    cli("close", str(t4), "--outcome", "internship", "--mentor-leaves")
    at(monkeypatch, "2025-07-26")
    cli("withdraw", str(lonely))
    assert due(cli, "2025-08-01") == []
    assert due(cli, "2026-01-13") == [
        ("follow-up", t1),
        ("follow-up", t2),
        ("follow-up", t3),
        ("follow-up", t4),
    ]
    at(monkeypatch, "2026-01-15")
    cli("follow-up", str(t1), "--outcome", "job", "--contract", "fixed-term")
    cli("follow-up", str(t3), "--outcome", "job", "--contract", "permanent")
    assert due(cli, "2026-01-20") == [("follow-up", t2), ("follow-up", t4)]
    outcomes = sorted(
        tr["outcome"] for m in mentees for tr in cli.json("show", str(m))["trajectories"]
    )
    assert outcomes == ["internship", "job", "none", "training"]
    item = cli.json("remind", "--as-of", "2026-01-20")[0]
    assert set(item) == {"kind", "trajectory_id", "person_id", "name", "due", "days", "message"}
    assert item["due"] == "2026-01-13" and item["days"] == 7


def test_nothing_due_prints_nothing_at_all(cli):
    cli(*MENTEE)
    result = cli("remind")
    assert result.stdout == "" and result.stderr == ""
    assert cli("remind", "--format", "json").stdout.strip() == "[]"


def test_text_output_is_plain(cli):
    cli(*MENTEE, "--enrolled-on", "2025-01-01")
    text = cli("remind").stdout
    assert "waiting for a mentor for 151 days" in text
    assert "\x1b[" not in text and "┃" not in text and "│" not in text


def test_a_missing_database_is_one_line_and_non_zero(cli, db_path):
    result = cli("remind", code=1)
    assert "no database" in result.stderr and result.stderr.count("\n") == 1
    assert not db_path.exists()


def test_installed_remind_under_cron(db_path):
    # cron: no terminal, no stdin; silent and 0 when nothing is due
    assert run_installed(*MENTEE).returncode == 0
    quiet = run_installed("remind")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    busy = run_installed("remind", "--as-of", "2025-09-01")
    assert busy.returncode == 0 and "waiting for a mentor" in busy.stdout
    assert "\x1b[" not in busy.stdout
    as_json = run_installed("remind", "--as-of", "2025-09-01", "--format", "json")
    assert json.loads(as_json.stdout)[0]["kind"] == "waiting"


# --- SMTP ------------------------------------------------------------------------------


class Collect:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append((envelope, session))
        return "250 OK"


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    controllers = []

    def start(**kwargs):
        handler = Collect()
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
        controller.start()
        controllers.append(controller)
        return handler, port

    yield start
    for controller in controllers:
        controller.stop()


def due_programme(cli):
    cli(*MENTEE, "--enrolled-on", "2025-01-01")


def test_mail_is_sent_to_a_real_smtp_server(cli, smtp_server, monkeypatch):
    handler, port = smtp_server()
    monkeypatch.setenv("MENTORCLI_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MENTORCLI_SMTP_PORT", str(port))
    monkeypatch.setenv("MENTORCLI_SMTP_SENDER", "mentorcli@example.org")
    due_programme(cli)
    result = cli("remind", "--mail-to", "coordinator@example.org")
    assert result.stdout == ""
    [(envelope, _)] = handler.messages
    assert envelope.rcpt_tos == ["coordinator@example.org"]
    body = envelope.content.decode()
    assert "Subject: mentorcli: 1 reminder(s) for 2025-06-01" in body
    assert "Nour El Amrani: waiting for a mentor" in body


def test_no_mail_when_nothing_is_due(cli, smtp_server, monkeypatch):
    handler, port = smtp_server()
    monkeypatch.setenv("MENTORCLI_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MENTORCLI_SMTP_PORT", str(port))
    cli(*MENTEE)
    assert cli("remind", "--mail-to", "c@example.org").stdout == ""
    time.sleep(0.1)
    assert handler.messages == []


def test_a_password_is_never_sent_without_tls(cli, smtp_server, monkeypatch):
    handler, port = smtp_server()
    monkeypatch.setenv("MENTORCLI_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MENTORCLI_SMTP_PORT", str(port))
    monkeypatch.setenv("MENTORCLI_SMTP_USER", "coord")
    monkeypatch.setenv("MENTORCLI_SMTP_PASSWORD", "s3cret")
    due_programme(cli)
    result = cli("remind", "--mail-to", "c@example.org", code=1)
    assert "never sent in clear" in result.stderr
    assert handler.messages == []


def test_starttls_then_login(cli, smtp_server, monkeypatch, tmp_path):
    import ssl

    import trustme
    from aiosmtpd.smtp import AuthResult

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(server_context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    seen = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        seen.append((auth_data.login, auth_data.password, session.ssl is not None))
        ok = auth_data.login == b"coord" and auth_data.password == b"s3cret"
        return AuthResult(success=ok)

    handler, port = smtp_server(
        tls_context=server_context,
        require_starttls=True,
        authenticator=authenticator,
        auth_require_tls=True,
    )
    for key, value in {
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "USER": "coord",
        "PASSWORD": "s3cret",
        "CAFILE": str(ca_file),
    }.items():
        monkeypatch.setenv(f"MENTORCLI_SMTP_{key}", value)
    due_programme(cli)
    cli("remind", "--mail-to", "c@example.org")
    assert seen == [(b"coord", b"s3cret", True)]
    assert len(handler.messages) == 1


def test_an_unreachable_server_exits_75(cli, monkeypatch):
    monkeypatch.setenv("MENTORCLI_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MENTORCLI_SMTP_PORT", str(free_port()))
    due_programme(cli)
    result = cli("remind", "--mail-to", "c@example.org", code=75)
    assert "cannot reach SMTP server" in result.stderr and result.stderr.count("\n") == 1


def test_no_smtp_host_is_a_clear_error(cli):
    due_programme(cli)
    assert "MENTORCLI_SMTP_HOST" in cli("remind", "--mail-to", "c@example.org", code=1).stderr


def test_the_readme_crontab_line_sends_the_mail(db_path, smtp_server):
    import shlex

    readme = open(os.path.join(os.path.dirname(__file__), "..", "README.md")).read()
    line = next(x for x in readme.splitlines() if x.startswith("0 7 * * 1 "))
    words = shlex.split(line)[5:]  # drop the five time fields
    env = {}
    while "=" in words[0]:
        key, value = words.pop(0).split("=", 1)
        env[key] = value
    assert words[:2] == ["mentorcli", "remind"] and "--mail-to" in words
    handler, port = smtp_server()
    env.update(MENTORCLI_SMTP_HOST="127.0.0.1", MENTORCLI_SMTP_PORT=str(port))
    env.pop("MENTORCLI_SMTP_PASSWORD", None)
    env.pop("MENTORCLI_SMTP_USER", None)
    assert run_installed(*MENTEE, "--enrolled-on", "2025-01-01").returncode == 0
    result = run_installed(*words[1:], env_extra=env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    [(envelope, _)] = handler.messages
    assert envelope.rcpt_tos == [words[words.index("--mail-to") + 1]]
