"""mentorcli's benchmark: every command's time beside its reference and target, in one table.

    python bench/run.py            # the full run (a few minutes on a 2-core machine)
    python bench/run.py --smoke    # the smallest size only: checks the harness still works

Data comes from `mentorcli demo` at several sizes. Each figure is the median of several
runs of the installed `mentorcli` in a subprocess (so start-up counts, as it does for a
coordinator), or of the in-process step named. Results are printed as a table and
written as JSON (bench/results/latest.json by default) so runs can be compared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
MENTORCLI = shutil.which("mentorcli", path=str(BIN)) or shutil.which("mentorcli")
IMPORT_REF = [sys.executable, "-c", "import typer, rich.table, sqlite_utils"]
HELP_REF = [sys.executable, str(HERE / "reference_app.py"), "--help"]


def run(cmd: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Wall time, peak memory (KiB) and stdout of one subprocess run."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    out, err = proc.communicate()
    status = proc.returncode
    elapsed = time.perf_counter() - start
    if status not in (0,):
        raise RuntimeError(f"{' '.join(cmd)} failed ({status}): {err.decode()[-500:]}")
    return elapsed, 0, out.decode()


def timed(cmd: list[str], repeat: int, env: dict | None = None) -> float:
    return statistics.median(run(cmd, env)[0] for _ in range(repeat))


def peak_kib(cmd: list[str]) -> int:
    """Peak resident memory of one run of the command, from the kernel's accounting."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        raise RuntimeError(f"{' '.join(cmd)} failed")
    return usage.ru_maxrss


def mcli(db: Path, *args: str) -> list[str]:
    return [MENTORCLI, "--db", str(db), *args]


def demo(folder: Path, name: str, **kw: int) -> Path:
    path = folder / f"{name}.db"
    args = [MENTORCLI, "demo", "--db", str(path)]
    for key, value in kw.items():
        args += [f"--{key}", str(value)]
    run(args)
    return path


class Table:
    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(
        self,
        figure: str,
        seconds: float | None,
        *,
        reference: float | None = None,
        ratio_target: float | None = None,
        target: float | None = None,
        unit: str = "s",
        note: str = "",
    ) -> None:
        ratio = seconds / reference if reference and seconds is not None else None
        ok = True
        if ratio_target is not None and ratio is not None:
            ok = ratio <= ratio_target
        if target is not None and seconds is not None:
            ok = ok and seconds <= target
        wanted = (
            f"≤ {ratio_target:g}× ref"
            if ratio_target is not None
            else f"≤ {target:g} {unit}"
            if target is not None
            else ""
        )
        self.rows.append(
            {
                "figure": figure,
                "value": seconds,
                "unit": unit,
                "reference": reference,
                "ratio": ratio,
                "target": wanted,
                "pass": ok if wanted else None,
                "note": note,
            }
        )
        mark = "" if not wanted else "pass" if ok else "FAIL"
        ref = f"{reference:.3f}" if reference else ""
        rat = f"{ratio:.2f}" if ratio else ""
        val = f"{seconds:.3f}" if isinstance(seconds, float) else str(seconds)
        print(
            f"{figure:<52} {val:>10} {unit:<3} {ref:>8} {rat:>6} {wanted:<14} {mark:<4} {note}",
            flush=True,
        )


def csv_people(path: Path, count: int) -> None:
    """Invented people, names recombined from the demo's lists so none look alike."""
    from mentorcli.lifecycle.demo import FIRST_NAMES, LAST_NAMES

    firsts = FIRST_NAMES["f"] + FIRST_NAMES["m"]
    lines = ["name,city,languages,sector,birth_year,origin_country,referral"]
    for i in range(count):
        first = firsts[i % len(firsts)]
        last = LAST_NAMES[(i // len(firsts)) % len(LAST_NAMES)]
        lines.append(
            f'{first} {last},Gent,"nl,en",zorg,{1960 + i % 45},'
            f"{['MA', 'SY', 'AF', 'ER'][i % 4]},VDAB"
        )
    path.write_text("\n".join(lines) + "\n")


def in_process_match(db: Path, repeat: int) -> dict:
    """Scoring, solving and the bare solver on the same matrix, in a fresh process."""
    code = f"""
import json, time, statistics, resource, datetime as dt, numpy as np
from mentorcli.store.db import open_db
from mentorcli import matching
from mentorcli.lifecycle import pairing
import scipy.optimize as so
db = open_db({str(db)!r})
mentees = pairing.load_mentees(db); mentors = pairing.load_mentors(db)
excluded = pairing.excluded_pairs(db); rules, values = pairing.rules(db)
today = dt.date.today()
score_t, build_t, solve_t, bare_t = [], [], [], []
captured = {{}}
original = so.linear_sum_assignment
def spy(cost):
    captured['cost'] = cost  # a reference: the solver does not change its input
    return original(cost)
so.linear_sum_assignment = spy
for _ in range({repeat}):
    t = time.perf_counter()
    scores = matching.score_pairs(mentees, mentors, rules, as_of=today, forbidden=excluded)
    t1 = time.perf_counter()
    timings = {{}}
    proposal = matching.assign(scores, min_score=values['match.min_score'], timings=timings)
    cost = captured.pop('cost')
    t3 = time.perf_counter(); original(cost); t4 = time.perf_counter()
    del cost
    score_t.append(t1 - t); build_t.append(timings['build']); solve_t.append(timings['solve'])
    bare_t.append(t4 - t3)
# split by city: the same people, one problem per city
groups = pairing._groups(mentees, mentors, True)
t = time.perf_counter()
for g_mentees, g_mentors in groups:
    s = matching.score_pairs(g_mentees, g_mentors, rules, as_of=today, forbidden=excluded)
    matching.assign(s, min_score=values['match.min_score'])
split = time.perf_counter() - t
# greedy baseline: mentees in enrolment order take their best free eligible mentor
eligible = scores.allowed & (scores.score >= values['match.min_score'])
places = np.array([m.free_places for m in mentors])
greedy_total = 0.0; greedy_count = 0
for i in range(len(mentees)):
    options = np.flatnonzero(eligible[i] & (places > 0))
    if len(options):
        j = options[np.argmax(scores.score[i, options])]
        places[j] -= 1; greedy_total += scores.score[i, j]; greedy_count += 1
total = float(sum(scores.score[i, j] for i, j in proposal.pairs))
print(json.dumps({{"score": statistics.median(score_t), "solve": statistics.median(solve_t),
    "build": statistics.median(build_t),
    "bare": statistics.median(bare_t), "split": split, "matched": len(proposal.pairs),
    "total": total, "greedy_matched": greedy_count, "greedy_total": greedy_total,
    "mentees": len(mentees), "mentors": len(mentors),
    "places": int(sum(m.free_places for m in mentors)),
    "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)


MATCH_SCALE_CODE = """
import contextlib, datetime as dt, json, os, statistics, sys, time
from mentorcli.store.db import open_db, transaction
from mentorcli.lifecycle import pairing
from mentorcli.store import settings
from mentorcli.ui.match_view import render_proposal
import rich.console, rich.table  # imported before the clock starts, as for any table
db = open_db(sys.argv[1])
today = dt.date.today()
clock = time.perf_counter
t = clock(); proposal = pairing.propose(db, as_of=today); propose = clock() - t
render, render_all = [], None
with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
    with contextlib.redirect_stderr(sink):
        for _ in range(3):
            t = clock(); render_proposal(proposal); render.append(clock() - t)
        if sys.argv[2] == "all":
            t = clock(); render_proposal(proposal, limit=0); render_all = clock() - t
pairs = [(p["mentee_id"], p["mentor_id"], p["score"]) for p in proposal["pairs"]]
months = settings.load(db)["trajectory.months"]
class Undo(Exception):
    pass
apply = []
for _ in range(3):  # each run rolled back, so each applies the same pairs
    try:
        with transaction(db):
            t = clock()
            pairing.create_trajectories(db, pairs, start=today, months=months)
            apply.append(clock() - t)
            raise Undo
    except Undo:
        pass
print(json.dumps({"propose": propose, "render": statistics.median(render),
                  "render_all": render_all, "apply": statistics.median(apply),
                  "pairs": len(pairs)}))
"""


def cpu_seconds(cmd: list[str]) -> float:
    """Processor time (user + system) of one run: what a loaded machine inflates least."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        raise RuntimeError(f"{' '.join(cmd)} failed")
    return usage.ru_utime + usage.ru_stime


def copy_db(source: Path, target: Path) -> Path:
    """A fresh copy to apply pairs to (SQLite's backup, so the WAL comes along)."""
    import sqlite3

    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def match_at_scale(table: Table, folder: Path, smoke: bool) -> None:
    """Issue 12's matching rows: `match --apply`, the proposal and its table, each at 1x,
    2x and 10x the people waiting (one city), with its target and growth from 1x to 10x.

    Linear growth is 10 from 1x to 10x; the proposal scores every mentee x mentor pair,
    so it has 100 times the pairs at 10x.
    """
    sizes = (25, 50, 250) if smoke else (1000, 2000, 10000)
    print("\nMatching at scale (one city, everyone waiting; 1x, 2x, 10x):", flush=True)
    runs: dict[int, dict] = {}
    for n in sizes:
        waiting = demo(folder, f"scale{n}", people=2 * n, cities=1, years=0)
        repeat = 1 if smoke or n == sizes[-1] else 3
        apply_s = statistics.median(
            run(mcli(copy_db(waiting, folder / f"apply{n}-{k}.db"), "match", "--apply"))[0]
            for k in range(repeat)
        )
        propose_s = timed(mcli(waiting, "match", "--format", "json"), repeat)
        apply_cpu = cpu_seconds(mcli(copy_db(waiting, folder / f"cpu{n}.db"), "match", "--apply"))
        propose_cpu = cpu_seconds(mcli(waiting, "match", "--format", "json"))
        peak = peak_kib(mcli(waiting, "match", "--format", "json")) / 1024
        inside = json.loads(
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    MATCH_SCALE_CODE,
                    str(copy_db(waiting, folder / f"steps{n}.db")),
                    "all" if n == sizes[-1] else "cut",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        runs[n] = {
            "apply_cmd": apply_s,
            "apply_cpu": apply_cpu,
            "propose_cmd": propose_s,
            "propose_cpu": propose_cpu,
            "peak": peak,
            **inside,
        }
        at_target = n == sizes[-1] and not smoke  # targets are for 10,000 x 10,000
        label = f"{n:,} x {n:,}"
        table.add(
            f"match --apply, {label} (command)",
            apply_s,
            target=5.0 if at_target else None,
            note=f"{inside['pairs']} pairs; cpu {apply_cpu:.2f} s",
        )
        table.add(f"  applying the pairs (in-process), {label}", inside["apply"])
        table.add(
            f"match --format json, {label} (command)",
            propose_s,
            target=8.0 if at_target else None,
            note=f"cpu {propose_cpu:.2f} s",
        )
        table.add(
            "  peak memory of that command", peak, unit="MiB", target=1024 if at_target else None
        )
        table.add(
            f"  table of the proposal (in-process), {label}",
            inside["render"],
            target=1.0 if at_target else None,
            note="first 200 rows and a note",
        )
        if inside["render_all"] is not None:
            table.add("  the same table with --limit 0 (every pair)", inside["render_all"])
    first, last = runs[sizes[0]], runs[sizes[-1]]
    for figure, key, wanted, note in (
        ("growth 1x -> 10x: match --apply (command)", "apply_cmd", None, "start-up included"),
        ("growth 1x -> 10x: match --apply, cpu", "apply_cpu", None, "start-up included"),
        ("growth 1x -> 10x: applying the pairs", "apply", 15.0, "linear = 10"),
        ("growth 1x -> 10x: match proposal (command)", "propose_cmd", None, "pairs x 100"),
        ("growth 1x -> 10x: match proposal, cpu", "propose_cpu", None, "pairs x 100"),
        ("growth 1x -> 10x: proposal peak memory", "peak", None, "pairs x 100"),
        ("growth 1x -> 10x: proposal table", "render", 2.0, "cut to 200 rows"),
    ):
        table.add(
            figure,
            last[key] / first[key],
            unit="x",
            target=None if smoke else wanted,
            note=note,
        )


# --- data growth: import, stats and list at 1x, 5x and 10x the work (issue 12) ----------

FIRST_NAMES = ["Amina", "Bilal", "Chantal", "Dawit", "Esther", "Farid", "Griet", "Hamid"]
FIRST_NAMES += ["Ingrid", "Jonas", "Koen", "Leyla", "Moussa", "Nathalie", "Olena", "Pieter"]
FIRST_NAMES += ["Rahul", "Sofie", "Thiago", "Wim"]
SYLLABLES = ["ba", "de", "fi", "go", "ku", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo"]
SYLLABLES += ["ha", "je"]


def invented_people(path: Path, count: int) -> None:
    """Invented people of whom no two look alike, so the duplicate check runs in full and
    every row is imported: surnames differ in two syllables or more (the closest two of
    the first 20,000 names score 89, a likely duplicate 90). Twenty first names make
    blocks as crowded as a real programme's most common names, or more."""
    lines = ["name,city,languages,sector,birth_year,origin_country,referral"]
    for i in range(count):
        code, first = divmod(i, len(FIRST_NAMES))
        x, y, z = code // 256, code // 16 % 16, code % 16
        surname = SYLLABLES[z] + SYLLABLES[y] + SYLLABLES[x] + SYLLABLES[(x + y + z) % 16]
        lines.append(
            f'{FIRST_NAMES[first]} {surname.capitalize()},Gent,"nl,en",zorg,{1960 + i % 45},'
            f"{['MA', 'SY', 'AF', 'ER'][i % 4]},VDAB"
        )
    path.write_text("\n".join(lines) + "\n")


def growth(table: Table, what: str, first: float, last: float, smoke: bool) -> None:
    """How a figure grows from 1x to 10x the work: 10 is linear, 100 quadratic."""
    table.add(
        f"growth 1x -> 10x: {what}",
        last / first,
        unit="x",
        target=None if smoke else 15,
        note="linear = 10",
    )


def bench_import_growth(table: Table, folder: Path, repeat: int, smoke: bool) -> None:
    """`import` of invented people into a new database, duplicate check included."""
    sizes = (50, 250, 500) if smoke else (1000, 5000, 10000)
    times = []
    for rows in sizes:
        csv = folder / f"invented{rows}.csv"
        invented_people(csv, rows)
        times.append(
            statistics.median(
                run(
                    mcli(
                        folder / f"grow_import{rows}_{k}.db", "import", str(csv), "--role", "mentee"
                    )
                )[0]
                for k in range(max(1, repeat // 2))
            )
        )
        table.add(
            f"import {rows:,} rows, duplicate check on",
            times[-1],
            target=2.0 if rows == sizes[-1] and not smoke else None,
            note="issue 12: 24 s for 10,000" if rows == sizes[-1] else "",
        )
    csv = folder / f"invented{sizes[-1]}.csv"
    table.add(
        f"  peak memory, {sizes[-1]:,} rows",
        peak_kib(mcli(folder / "grow_import_peak.db", "import", str(csv), "--role", "mentee"))
        / 1024,
        unit="MiB",
        target=None if smoke else 300,
        note="issue 12: 1.8 GB",
    )
    growth(table, "import (command)", times[0], times[-1], smoke)


def bench_stats_growth(table: Table, folder: Path, repeat: int, smoke: bool) -> None:
    """`stats` of ten years by city, ten cities, on programmes of three sizes."""
    sizes = (60, 300, 600) if smoke else (1200, 6000, 12000)
    year = dt.date.today().year
    times = []
    for people in sizes:
        db = demo(folder, f"grow_stats{people}", people=people, cities=10, years=10)
        command = mcli(db, "stats", "--from", str(year - 9), "--to", str(year), "--by", "city")
        times.append(timed([*command, "--format", "json"], repeat))
        table.add(
            f"stats --by city, 10 years x 10 cities, {people:,} people",
            times[-1],
            target=1.0 if people == sizes[-1] and not smoke else None,
            note="issue 12: 3.5-4.2 s" if people == sizes[-1] else "",
        )
    growth(table, "stats --by city (command)", times[0], times[-1], smoke)


def list_in_process(db: Path, repeat: int) -> float:
    """`list mentees` run again in a process that has imported everything: its own work."""
    code = f"""
import os, statistics, sys, time
import typer, rich.table, sqlite_utils
from mentorcli.cli import app
def once():
    out, sys.stdout = sys.stdout, open(os.devnull, "w")
    start = time.perf_counter()
    try:
        app(["--db", {str(db)!r}, "list", "mentees"], standalone_mode=False)
    finally:
        sys.stdout.close()
        sys.stdout = out
    return time.perf_counter() - start
once()  # the first run also imports mentorcli's modules
print(statistics.median(once() for _ in range({max(3, repeat)})))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout)


def bench_list_growth(table: Table, folder: Path, repeat: int, smoke: bool, ref: float) -> None:
    """`list mentees`: the command against its imports, and what it adds in process."""
    sizes = (40, 200, 400) if smoke else (400, 2000, 4000)
    inside = []
    for people in sizes:
        db = demo(folder, f"grow_list{people}", people=people, cities=5, years=2)
        table.add(
            f"list mentees, {people:,} people",
            timed(mcli(db, "list", "mentees"), repeat),
            reference=ref,
            ratio_target=1.2 if people == sizes[-1] and not smoke else None,
            note="issue 12: 1.39x" if people == sizes[-1] else "",
        )
        inside.append(list_in_process(db, repeat))
        table.add(f"  its own work (in process), {people:,} people", inside[-1])
    growth(table, "list, its own work (in process)", inside[0], inside[-1], smoke)


def bytecode_like_an_install(folder: Path) -> None:
    """Let every timed process keep compiled bytecode, as an installed mentorcli does.

    With PYTHONDONTWRITEBYTECODE set (as in some shells and CI), mentorcli's own modules
    were compiled again on each run while the reference's came compiled from
    site-packages: 20-40 ms charged to mentorcli alone. The cache lives in the run's
    temporary folder and is filled before anything is timed.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    package = Path(__import__("mentorcli").__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    heavy = "import numpy, scipy.optimize, rapidfuzz.fuzz, rapidfuzz.process, csv, statistics"
    for warm_up in (IMPORT_REF, HELP_REF, [MENTORCLI, "--help"], [sys.executable, "-c", heavy]):
        run(warm_up)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="smallest size, one run each")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json")
    args = parser.parse_args()
    if MENTORCLI is None:
        sys.exit("mentorcli is not installed next to this Python: pip install -e .")
    repeat = 1 if args.smoke else 5
    started = time.perf_counter()
    table = Table()
    print(f"{'figure':<52} {'value':>10} {'':<3} {'ref':>8} {'ratio':>6} {'target':<14}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bytecode_like_an_install(folder)
        env = {"MENTORCLI_DB": str(folder / "unused.db")}
        import_ref = timed(IMPORT_REF, repeat)
        help_ref = timed(HELP_REF, repeat)
        table.add("reference: python -c 'import typer, rich.table, sqlite_utils'", import_ref)
        table.add("reference: bare Typer app --help", help_ref)
        table.add(
            "mentorcli --help",
            timed([MENTORCLI, "--help"], repeat, env),
            reference=help_ref,
            ratio_target=1.2,
        )
        table.add(
            "mentorcli --version",
            timed([MENTORCLI, "--version"], repeat, env),
            reference=help_ref,
            ratio_target=1.2,
        )

        city = demo(folder, "city25", people=50, cities=1, years=1)
        table.add(
            "match, a city of 25 (command)",
            timed(mcli(city, "match", "--format", "json"), repeat),
            target=1.0,
            note="'instantly'",
        )
        sizes = [(50, "city25")] if args.smoke else [(500, "org500"), (4000, "p4000")]
        dbs = {"city25": city}
        for people, name in sizes:
            if name not in dbs:
                dbs[name] = demo(folder, name, people=people, cities=5, years=2)
        big = dbs["p4000" if not args.smoke else "city25"]
        label = "4,000 people" if not args.smoke else "city of 25"
        table.add(
            f"list mentees ({label})",
            timed(mcli(big, "list", "mentees"), repeat),
            reference=import_ref,
            ratio_target=1.2,
        )
        table.add(
            f"remind ({label})",
            timed(mcli(big, "remind"), repeat),
            reference=import_ref,
            ratio_target=1.3,
        )
        org = dbs["org500" if not args.smoke else "city25"]
        n = [0]

        def enrol_args() -> list[str]:
            n[0] += 1
            return mcli(
                org,
                "enrol",
                "mentee",
                "--name",
                f"Bench Enrol {n[0]}",
                "--city",
                "Gent",
                "--languages",
                "nl",
                "--sector",
                "zorg",
                "--allow-duplicate",
            )

        table.add(
            "enrol",
            statistics.median(run(enrol_args())[0] for _ in range(repeat)),
            reference=import_ref,
            ratio_target=1.5,
            note="target set by us",
        )
        active = json.loads(
            run(mcli(org, "list", "mentees", "--status", "matched", "--format", "json"))[2]
        )
        ids = [
            str(t["id"])
            for p in active[: repeat * 2]
            for t in json.loads(run(mcli(org, "show", str(p["id"]), "--format", "json"))[2])[
                "trajectories"
            ]
            if t["status"] == "active"
        ]
        if len(ids) >= repeat + 1:
            table.add(
                "log-session",
                statistics.median(
                    run(mcli(org, "log-session", ids[0], "--minutes", "120"))[0]
                    for _ in range(repeat)
                ),
                reference=import_ref,
                ratio_target=1.5,
                note="target set by us",
            )
            table.add(
                "close",
                statistics.median(
                    run(mcli(org, "close", ids[1 + k], "--outcome", "none", "--reason", "other"))[0]
                    for k in range(repeat)
                ),
                reference=import_ref,
                ratio_target=1.5,
                note="target set by us",
            )
        csv = folder / "people.csv"
        csv_people(csv, 1000 if not args.smoke else 50)
        table.add(
            f"import {'1,000' if not args.smoke else '50'} rows",
            statistics.median(
                run(mcli(folder / f"imp{k}.db", "import", str(csv), "--role", "mentee"))[0]
                for k in range(repeat)
            ),
            target=3.0,
            note="target set by us",
        )
        (folder / "backups").mkdir()  # backup writes only into a folder that exists
        table.add(
            "backup",
            timed(mcli(big, "backup", str(folder / "backups")), repeat),
            target=2.0,
            note="target set by us",
        )

        if not args.smoke:
            m2000 = demo(folder, "m2000", people=4000, cities=1, years=0)
            r = in_process_match(m2000, 3)
            table.add(
                f"score {r['mentees']} x {r['mentors']} pairs ({r['places']} places)", r["score"]
            )
            table.add("  build the cost matrix (one column per place)", r["build"])
            table.add("  score + build + solve", r["score"] + r["build"] + r["solve"], target=1.0)
            table.add(
                "  solve step vs bare linear_sum_assignment, same matrix",
                r["solve"],
                reference=r["bare"],
                ratio_target=1.2,
            )
            table.add(
                "  optimal: matched / total score",
                r["matched"],
                unit="",
                note=f"total {r['total']:.1f}",
            )
            table.add(
                "  greedy baseline: matched / total score",
                r["greedy_matched"],
                unit="",
                note=f"total {r['greedy_total']:.1f} "
                f"({100 * (r['total'] / max(r['greedy_total'], 1) - 1):+.2f} % "
                "for the optimum)",
            )
            table.add(
                "match --format json, 2,000 x 2,000 (command)",
                timed(mcli(m2000, "match", "--format", "json"), 3),
                target=3.0,
            )
            waiting = json.loads(run(mcli(m2000, "list", "mentees", "--format", "json"))[2])
            table.add(
                "match --mentee, 2,000 mentors (command)",
                timed(mcli(m2000, "match", "--mentee", str(waiting[0]["id"])), repeat),
                target=1.0,
            )
            table.add(
                "match peak memory, 2,000 x 2,000 (command)",
                peak_kib(mcli(m2000, "match", "--format", "json")) / 1024,
                unit="MiB",
            )
            m5000 = demo(folder, "m5000", people=10000, cities=1, years=0)
            r5 = in_process_match(m5000, 1)
            table.add(
                "score + build + solve 5,000 x 5,000",
                r5["score"] + r5["build"] + r5["solve"],
                target=5.0,
            )
            table.add(
                "match --format json, 5,000 x 5,000 (command)",
                timed(mcli(m5000, "match", "--format", "json"), 1),
            )
            table.add(
                "  peak memory of that command",
                peak_kib(mcli(m5000, "match", "--format", "json")) / 1024,
                unit="MiB",
                target=2048,
            )
            split = demo(folder, "m5000split", people=10000, cities=10, years=0)
            table.add(
                "score + solve 5,000 x 5,000 split by city",
                in_process_match(split, 1)["split"],
                target=0.5,
            )
            history = demo(folder, "history", people=12000, cities=10, years=10)
            this_year = dt.date.today().year
            table.add(
                "stats, one year (10 years x 10 cities)",
                timed(mcli(history, "stats", "--format", "json"), repeat),
                target=1.0,
            )
            table.add(
                "stats, ten years side by side",
                timed(
                    mcli(
                        history,
                        "stats",
                        "--from",
                        str(this_year - 9),
                        "--to",
                        str(this_year),
                        "--format",
                        "json",
                    ),
                    repeat,
                ),
                target=2.0,
            )
            table.add(
                "stats peak memory (ten years)",
                peak_kib(
                    mcli(
                        history,
                        "stats",
                        "--from",
                        str(this_year - 9),
                        "--to",
                        str(this_year),
                        "--format",
                        "json",
                    )
                )
                / 1024,
                unit="MiB",
            )
            table.add(
                "list trajectories --status all, ten years (every duo, its sessions)",
                timed(
                    mcli(history, "list", "trajectories", "--status", "all", "--format", "json"),
                    repeat,
                ),
                target=1.0,
            )
            print("\nHow cost grows (seconds, command in a subprocess):", flush=True)
            for people in (25, 100, 500, 1000, 2500, 5000):
                # match on a full waiting list (one city); stats and remind on a year of life
                waiting = demo(folder, f"wait{people}", people=2 * people, cities=1, years=0)
                lived = demo(folder, f"grow{people}", people=2 * people, cities=1, years=1)
                for what, db, cmd in (
                    ("match", waiting, ["match", "--format", "json"]),
                    ("stats", lived, ["stats", "--format", "json"]),
                    ("remind", lived, ["remind", "--format", "json"]),
                ):
                    table.add(
                        f"  {what:<6} {people:>5} mentees + {people} mentors",
                        timed(mcli(db, *cmd), 3 if people < 2500 else 1),
                    )
        match_at_scale(table, folder, args.smoke)
        print("\nImport, stats and list at 1x, 5x and 10x the work:", flush=True)
        bench_import_growth(table, folder, repeat, args.smoke)
        bench_stats_growth(table, folder, repeat, args.smoke)
        bench_list_growth(table, folder, repeat, args.smoke, import_ref)
    elapsed = time.perf_counter() - started
    failed = [r["figure"] for r in table.rows if r["pass"] is False]
    print(
        f"\n{len(table.rows)} figures in {elapsed:.0f} s; "
        f"{'all targets met' if not failed else 'missed: ' + '; '.join(failed)}"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "when": dt.datetime.now().isoformat(timespec="seconds"),
                "machine": {
                    "python": platform.python_version(),
                    "cpus": os.cpu_count(),
                    "platform": platform.platform(),
                },
                "smoke": args.smoke,
                "seconds": elapsed,
                "rows": table.rows,
            },
            indent=2,
        )
    )
    print(f"Wrote {args.json}")


if __name__ == "__main__":
    main()
