"""The benchmark harness at its smallest size, so it cannot rot (CI does not time it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def test_benchmark_smoke_run_produces_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(BENCH), "--smoke", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    figures = {row["figure"]: row for row in report["rows"]}
    for name in (
        "mentorcli --help",
        "list mentees (city of 25)",
        "remind (city of 25)",
        "enrol",
        "log-session",
        "close",
        "import 50 rows",
        "backup",
        "match, a city of 25 (command)",
        "match --apply, 250 x 250 (command)",
        "  table of the proposal (in-process), 250 x 250",
        "growth 1x -> 10x: applying the pairs",
        "growth 1x -> 10x: proposal peak memory",
        "import 500 rows, duplicate check on",
        "  peak memory, 500 rows",
        "growth 1x -> 10x: import (command)",
        "stats --by city, 10 years x 10 cities, 600 people",
        "growth 1x -> 10x: stats --by city (command)",
        "list mentees, 400 people",
        "  its own work (in process), 400 people",
        "growth 1x -> 10x: list, its own work (in process)",
    ):
        assert name in figures, name
        assert figures[name]["value"] > 0
    assert figures["mentorcli --help"]["reference"] > 0
    assert "figures in" in result.stdout
