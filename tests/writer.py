"""A writer process for the crash and concurrency tests: runs write commands in a loop.

Each command goes through the real CLI (CliRunner, in this process, so no start-up cost
per command). After a command reports success, a line is appended to the log and fsynced:
a kill can lose a command that did not report yet, never one that did.

    python writer.py DB LOG TRAJECTORY_ID SEED
"""

from __future__ import annotations

import os
import random
import sys

from typer.testing import CliRunner

from mentorcli.cli import app


def main() -> None:
    db, log, trajectory, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    os.environ["MENTORCLI_DB"] = db
    rng = random.Random(seed)
    runner = CliRunner()
    import rapidfuzz.process  # noqa: F401  (loaded before "ready": kills hit writes,
    import sqlite_utils  # noqa: F401        not imports)

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
