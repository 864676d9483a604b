"""The README is a transcript the tool keeps: every console example replays as shown.

tests/readme_replay.py runs the README's ```console blocks in order against a fresh
database; these tests run it on the README, and check the runner itself on small
READMEs, so a runner that compared nothing could not pass.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import readme_replay as replay  # noqa: E402

from mentorcli.cli import COMMANDS  # noqa: E402

README = Path(__file__).resolve().parent.parent / "README.md"


# The README itself ---------------------------------------------------------------------


def test_every_readme_example_replays_as_shown():
    """The whole story, in order, on a fresh database; on failure, a diff per command.

    After a change in output: `python tests/readme_replay.py --update`, then read the diff.
    """
    timings: list[tuple[float, str]] = []
    reports = replay.replay(README, timings=timings)
    assert not reports, "\n\n".join(reports)
    assert len(timings) >= 40  # the story really ran


def _console_commands(text: str) -> list[str]:
    return [c.text for block in replay.parse(text) for c in block.commands]


def test_every_command_has_a_real_example_in_the_readme():
    commands = " ; ".join(_console_commands(README.read_text(encoding="utf-8")))
    shown = set(re.findall(r"(?<![\w/.-])mentorcli ([a-z-]+)", commands))
    assert set(COMMANDS) <= shown, sorted(set(COMMANDS) - shown)
    assert {"show", "set", "reset"} <= set(re.findall(r"mentorcli config ([a-z]+)", commands))


def test_the_quick_start_commands_stay_exactly_as_they_are():
    text = README.read_text(encoding="utf-8")
    quick = text[text.index("## Quick start") : text.index("## Install for daily use")]
    assert (
        "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/mentorcli demo\n" in quick
    )
    assert (
        "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/pytest -q\n"
        in quick
    )


def test_the_readme_keeps_its_order():
    headings = re.findall(r"^## (.+)$", README.read_text(encoding="utf-8"), re.M)
    assert headings == [
        "Quick start",
        "Install for daily use",
        "Commands",
        "When something changes",
        "In your own words (Dutch and French)",
        "Your data",
        "Design notes",
        "Speed",
        "Development",
    ]


def test_the_layout_names_every_room_and_the_import_contracts_cover_them():
    import tomllib

    text = README.read_text(encoding="utf-8")
    layout = text[text.index("### Layout") :]
    package = README.parent / "mentorcli"
    rooms = sorted(p.parent.name for p in package.glob("*/__init__.py"))
    assert rooms, "no subpackages found"
    for room in rooms:
        assert f"`mentorcli/{room}`" in layout, room
    assert "`mentorcli/cli.py`" in layout and "import-linter" in layout
    config = tomllib.loads((README.parent / "pyproject.toml").read_text(encoding="utf-8"))
    [layers] = [
        c["layers"] for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"
    ]
    layered = {name.strip() for layer in layers for name in layer.split(":")}
    assert {f"mentorcli.{room}" for room in rooms} <= layered


# The runner, on small READMEs ----------------------------------------------------------


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "README.md"
    path.write_text(body, encoding="utf-8")
    return path


FENCE = "```"


def test_a_drifted_output_is_reported_with_a_diff(tmp_path):
    readme = _write(
        tmp_path,
        f"<!-- replay: today=2025-01-06T09:00 -->\n{FENCE}console\n"
        "$ mentorcli enrol mentee --name 'Nour El Amrani' --city Gent --languages nl \\\n"
        "    --sector logistiek\n"
        "1\n"
        "Enrolled mentee 1: Nour El Amrani (Antwerpen).\n"
        f"{FENCE}\n",
    )
    [report] = replay.replay(readme)
    assert "README.md:3: $ mentorcli enrol mentee" in report
    assert "-Enrolled mentee 1: Nour El Amrani (Antwerpen)." in report
    assert "+Enrolled mentee 1: Nour El Amrani (Gent)." in report


def test_update_rewrites_the_outputs_and_then_the_readme_replays(tmp_path):
    readme = _write(
        tmp_path,
        "Intro.\n\n"
        f"<!-- replay: today=2025-01-06T09:00 -->\n{FENCE}console\n"
        "$ mentorcli enrol mentee --name 'Nour El Amrani' --city Gent --languages nl \\\n"
        "    --sector logistiek   # a comment\n"
        "stale\n"
        "$ mentorcli list mentees --format json\n"
        "[\n"
        "...\n"
        "]\n"
        f"{FENCE}\n\nAfter.\n",
    )
    assert replay.replay(readme)  # stale output
    assert replay.replay(readme, update=True) == []
    text = readme.read_text(encoding="utf-8")
    assert "stale" not in text and "1\nEnrolled mentee 1: Nour El Amrani (Gent).\n" in text
    assert text.startswith("Intro.\n") and text.endswith(f"{FENCE}\n\nAfter.\n")
    assert "json\n[\n...\n]\n" in text  # the excerpt keeps its shape: first line, ..., last
    assert replay.replay(readme) == []


def test_the_pinned_date_moves_on_from_block_to_block(tmp_path):
    readme = _write(
        tmp_path,
        f"<!-- replay: today=2025-01-06T09:00 -->\n{FENCE}console\n"
        "$ mentorcli enrol mentee --name 'Nour El Amrani' --city Gent --languages nl "
        "--sector logistiek\n"
        "1\n"
        "Enrolled mentee 1: Nour El Amrani (Gent).\n"
        f"{FENCE}\n"
        f"<!-- replay: today=2025-03-01T09:00 -->\n{FENCE}console\n"
        "$ mentorcli remind\n"
        "mentorcli reminders for 2025-03-01: 1 item(s)\n"
        "\n"
        "waiting for a mentor (1)\n"
        "  mentee 1: Nour El Amrani: waiting for a mentor for 54 days (Gent)\n"
        f"{FENCE}\n",
    )
    assert replay.replay(readme) == []


def test_exit_codes_must_match_what_the_readme_shows(tmp_path):
    no_database = (
        "$ mentorcli list mentees\n"
        "Error: no database at /home/coord/.local/share/mentorcli/mentorcli.db: enrol "
        "someone first, or run `mentorcli demo`\n"
    )
    start = f"<!-- replay: today=2025-01-06 -->\n{FENCE}console\n"
    assert replay.replay(_write(tmp_path, f"{start}{no_database}{FENCE}\n")) == []
    [report] = replay.replay(_write(tmp_path, f"{start}$ false\n{FENCE}\n"))
    assert "exit code 1" in report
    marked = f"<!-- replay: today=2025-01-06 exit=1 -->\n{FENCE}console\n$ false\n{FENCE}\n"
    assert replay.replay(_write(tmp_path, marked)) == []
    [report] = replay.replay(_write(tmp_path, f"{start}$ echo 'Error: no'\nError: no\n{FENCE}\n"))
    assert "exit code 0, but the README shows an Error: line" in report


def test_stdout_and_stderr_are_one_stream_in_the_order_written(tmp_path):
    readme = _write(
        tmp_path,
        f"<!-- replay: today=2025-01-06 -->\n{FENCE}console\n"
        "$ echo one; echo two >&2; echo three\none\ntwo\nthree\n"
        f"{FENCE}\n",
    )
    assert replay.replay(readme) == []


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        (f"{FENCE}console\n$ true\n{FENCE}\n", "no `today=` marker"),
        (
            f"<!-- replay: today=2025-01-06 colour=red -->\n{FENCE}console\n$ true\n{FENCE}\n",
            "unknown replay marker",
        ),
        (
            f"<!-- replay: today=2025-13-06 -->\n{FENCE}console\n$ true\n{FENCE}\n",
            "is not YYYY-MM-DD",
        ),
        (
            f"<!-- replay: today=2025-01-06 -->\n\nSome text.\n{FENCE}console\n$ true\n{FENCE}\n",
            "not followed by a block",
        ),
        (
            f"<!-- replay: today=2025-01-06 -->\n{FENCE}bash\nls\n{FENCE}\n",
            "before a non-console block",
        ),
        (
            f"<!-- replay: today=2025-01-06 -->\n{FENCE}console\noutput first\n{FENCE}\n",
            "output before the first",
        ),
        (
            f"<!-- replay: today=2025-03-01 -->\n{FENCE}console\n$ true\n{FENCE}\n"
            f"<!-- replay: today=2025-02-01 -->\n{FENCE}console\n$ true\n{FENCE}\n",
            "goes back in time",
        ),
    ],
)
def test_a_readme_the_runner_cannot_follow_is_refused(tmp_path, body, complaint):
    with pytest.raises(replay.ReplayError, match=re.escape(complaint)):
        replay.replay(_write(tmp_path, body))


@pytest.mark.parametrize(
    ("expected", "actual", "same"),
    [
        (["a", "b"], ["a", "b"], True),
        (["a", "b"], ["a", "c"], False),
        (["a", "..."], ["a", "b", "c"], True),
        (["a", "..."], ["a"], True),
        (["...", "c"], ["a", "b", "c"], True),
        (["a", "...", "c", "...", "e"], ["a", "b", "c", "d", "e"], True),
        (["a", "...", "d", "...", "e"], ["a", "b", "c", "e"], False),
        (["a", "...", "c"], ["a", "b", "c", "d"], False),
        (["..."], [], True),
    ],
)
def test_an_omitted_lines_marker_matches_any_run_of_lines(expected, actual, same):
    assert replay.matches(expected, actual) is same


def test_an_excerpt_is_refreshed_around_its_omitted_lines():
    real = ["head", "x", "y", "title B", "b1", "b2", "z", "end"]
    shown = ["head", "...", "title b", "b1", "...", "end"]
    assert replay.excerpt(shown, real) == ["head", "...", "title B", "b1", "...", "end"]
    assert replay.excerpt(["a", "b"], real) == real
