"""A writer process for the crash and concurrency tests: runs write commands in a loop.

Each command goes through the real CLI (CliRunner, in this process, so no start-up cost
per command). After a command reports success, a line is appended to the log and fsynced:
a kill can lose a command that did not report yet, never one that did.

    python writer.py

is a fork server: it imports everything once, then reads lines from stdin. ``start DB
LOG TRAJECTORY_ID SEED`` forks a writer and answers its pid; ``reap PID`` waits for that
(killed) writer and answers ``dead``. A kill test then pays for the imports once, not
fifty times, and every kill lands on writes rather than on imports.
"""

from __future__ import annotations

import os
import random
import sys

from typer.testing import CliRunner

from mentorcli.cli import app


def warm_up() -> None:
    """Import what the write commands use, so "ready" means ready to write."""
    import rapidfuzz.process  # noqa: F401
    import sqlite_utils  # noqa: F401

    from mentorcli.cli import load_command
    from mentorcli.lifecycle import trajectories  # noqa: F401
    from mentorcli.people import enrolment  # noqa: F401
    from mentorcli.store import migrations  # noqa: F401

    load_command("enrol")
    load_command("log-session")


def main() -> None:
    warm_up()
    while line := sys.stdin.readline():
        command, *args = line.split()
        if command == "start":
            pid = os.fork()
            if pid == 0:
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                try:
                    write(args[0], args[1], args[2], int(args[3]))
                finally:
                    os._exit(1)
            print(pid, flush=True)
        elif command == "reap":
            os.waitpid(int(args[0]), 0)
            print("dead", flush=True)


def write(db: str, log: str, trajectory: str, seed: int) -> None:
    os.environ["MENTORCLI_DB"] = db
    rng = random.Random(seed)
    runner = CliRunner()
    with open(log, "a", encoding="utf-8") as out:
        out.write("ready\n")
        out.flush()
        os.fsync(out.fileno())
        n = 0
        while True:
            n += 1
            if rng.random() < 0.5:
                args = [
                    "enrol",
                    "mentee",
                    "--name",
                    f"Writer {seed} Person {n}",
                    "--city",
                    "Gent",
                    "--languages",
                    "nl",
                    "--sector",
                    "zorg",
                    "--allow-duplicate",
                    "--format",
                    "json",
                ]
            else:
                args = [
                    "log-session",
                    trajectory,
                    "--minutes",
                    str(rng.randint(30, 180)),
                    "--topic",
                    "cv",
                    "--note",
                    f"note {seed}-{n}",
                    "--format",
                    "json",
                ]
            result = runner.invoke(app, args)
            if result.exit_code == 0:
                import json

                record = json.loads(result.stdout)
                kind = "person" if args[0] == "enrol" else "session"
                out.write(f"{kind} {record['id']}\n")
                out.flush()
                os.fsync(out.fileno())
            elif result.exit_code != 75:
                out.write(f"error {result.exit_code} {result.stderr.strip()}\n")
                out.flush()


if __name__ == "__main__":
    main()
