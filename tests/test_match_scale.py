"""Matching at scale: blocked scoring, the sparse solver, bulk apply and a cut table.

What a coordinator sees must not change with the size of the programme: the same scores
whatever the block size, the same optimum from either solver, the same refusals when
many pairs are applied at once, and a table that says how to see what it leaves out.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import numpy as np
import pytest
from conftest import count
from hypothesis import HealthCheck, given, settings
from test_match_cli import enrol, small_programme
from test_matching import AS_OF, RULES, brute_force, person, problems

from mentorcli.matching import engine as matching


def solved_sparse(scores, **kw):
    """``assign`` with the sparse solver, whatever the size of the problem."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matching._Problem, "dense_fits", lambda self: False)
        return matching.assign(scores, **kw)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_sparse_solver_is_optimal_and_respects_every_rule(problem):
    mentees, mentors, forbidden, min_score = problem
    scores = matching.score_pairs(mentees, mentors, RULES, as_of=AS_OF, forbidden=forbidden)
    proposal = solved_sparse(scores, min_score=min_score)
    eligible = scores.allowed & (scores.score >= min_score)
    places = np.array([m.free_places for m in mentors])
    used = np.zeros(len(mentors), dtype=int)
    for i, j in proposal.pairs:
        assert eligible[i, j]
        used[j] += 1
    assert (used <= places).all()
    assert len({i for i, _ in proposal.pairs}) == len(proposal.pairs)
    best_count, best_total = brute_force(eligible, scores.score, places)
    assert len(proposal.pairs) == best_count
    assert sum(scores.score[i, j] for i, j in proposal.pairs) == pytest.approx(best_total, abs=1e-6)
    assert {i for i, _ in proposal.unmatched} | {i for i, _ in proposal.pairs} == set(
        range(len(mentees))
    )


@settings(max_examples=60, deadline=None)
@given(problems())
def test_sparse_solver_keeps_pins_and_the_rest_optimal(problem):
    mentees, mentors, forbidden, min_score = problem
    scores = matching.score_pairs(mentees, mentors, RULES, as_of=AS_OF, forbidden=forbidden)
    allowed = np.argwhere(scores.allowed)
    if not len(allowed):
        return
    i, j = (int(x) for x in allowed[0])
    proposal = solved_sparse(scores, min_score=min_score, pins=[(i, j)])
    assert (i, j) in proposal.pairs
    places = np.array([m.free_places for m in mentors])
    places[j] -= 1
    eligible = scores.allowed & (scores.score >= min_score)
    eligible[i, :] = False
    rest = [(a, b) for a, b in proposal.pairs if (a, b) != (i, j)]
    best_count, best_total = brute_force(eligible, scores.score, places)
    assert len(rest) == best_count
    assert sum(scores.score[a, b] for a, b in rest) == pytest.approx(best_total, abs=1e-6)


def a_city(n_mentees: int, n_mentors: int, seed: int = 7):
    """Invented people of one city with varied sectors, occupations and languages."""
    rng = np.random.default_rng(seed)
    sectors = ["logistiek", "haven", "zorg", "soins", "ICT", "bouw", "horeca", "onderwijs"]
    jobs = [None, "kok", "verpleegkundige", "magasinier", "logistiek medewerker", "developer"]
    langs = [frozenset(x) for x in (["nl"], ["fr"], ["nl", "en"], ["ar", "fr"], ["nl", "ar"])]
    mentees = [
        person(
            "mentee",
            i + 1,
            sector=sectors[rng.integers(len(sectors))],
            occupation=jobs[rng.integers(len(jobs))],
            languages=langs[rng.integers(len(langs))],
            enrolled_on=dt.date(2025, 1, 1) + dt.timedelta(days=int(rng.integers(150))),
            prefers_gender=[None, None, None, "f"][rng.integers(4)],
            education=[None, "master", "secondary"][rng.integers(3)],
            prefers_similar_background=bool(rng.integers(2)),
        )
        for i in range(n_mentees)
    ]
    mentors = [
        person(
            "mentor",
            1000 + j,
            sector=sectors[rng.integers(len(sectors))],
            occupation=jobs[rng.integers(len(jobs))],
            languages=langs[rng.integers(len(langs))],
            free_places=int(rng.integers(0, 3)),
            gender=["f", "m"][rng.integers(2)],
            hours_per_week=[None, 1.0, 3.0][rng.integers(3)],
            education=[None, "master", "doctorate"][rng.integers(3)],
        )
        for j in range(n_mentors)
    ]
    forbidden = {(1, 1000), (2, 1001), (3, 1003)}
    return mentees, mentors, forbidden


def test_scores_and_ranks_do_not_depend_on_the_block_size(monkeypatch):
    mentees, mentors, forbidden = a_city(70, 50)
    whole = matching.score_pairs(mentees, mentors, RULES, as_of=AS_OF, forbidden=forbidden)
    monkeypatch.setattr(matching, "BLOCK_PAIRS", 7)  # a few rows at a time
    blocked = matching.score_pairs(mentees, mentors, RULES, as_of=AS_OF, forbidden=forbidden)
    assert (whole.packed == blocked.packed).all()
    # Each score is the weighted mean of its criteria, rounded to hundredths.
    for i, j in [(0, 0), (5, 7), (69, 49), (33, 20)]:
        points = sum(matching.breakdown(whole, i, j).values())
        assert whole.score[i, j] == pytest.approx(points, abs=0.5)
    pairs = [(int(i), int(j)) for i, j in np.argwhere(whole.allowed)[::11]]
    ids = whole.mentor_ids
    expected = []
    for i, j in pairs:  # a mentee's own list: allowed mentors, best score, then lower id
        row, allowed = whole.score[i], whole.allowed[i]
        better = allowed & ((row > row[j]) | ((row == row[j]) & (ids < ids[j])))
        ranked = matching.rank_for_mentee(whole, i)
        expected.append((int(better.sum()) + 1, ranked[0]))
        assert ranked[int(better.sum())] == j
    assert matching.ranks(blocked, pairs) == expected


def test_both_solvers_reach_the_same_optimum(monkeypatch):
    mentees, mentors, forbidden = a_city(120, 90, seed=3)
    scores = matching.score_pairs(mentees, mentors, RULES, as_of=AS_OF, forbidden=forbidden)
    dense = matching.assign(scores, min_score=30)
    monkeypatch.setattr(matching, "BLOCK_PAIRS", 100)
    sparse = solved_sparse(scores, min_score=30)
    assert len(dense.pairs) == len(sparse.pairs) > 50
    assert sum(scores.score[i, j] for i, j in dense.pairs) == pytest.approx(
        sum(scores.score[i, j] for i, j in sparse.pairs), abs=1e-6
    )
    assert dense.unmatched == sparse.unmatched


def test_a_large_sparse_problem_goes_to_the_sparse_solver(monkeypatch):
    import scipy.optimize

    mentees, mentors, forbidden = a_city(60, 40)
    scores = matching.score_pairs(mentees, mentors, RULES, as_of=AS_OF, forbidden=forbidden)
    dense = matching.assign(scores, min_score=40)
    monkeypatch.setattr(matching, "DENSE_COST_LIMIT", 0)

    def refuse(cost):
        raise AssertionError("the dense solver got a problem over the limit")

    monkeypatch.setattr(scipy.optimize, "linear_sum_assignment", refuse)
    sparse = matching.assign(scores, min_score=40)
    assert len(sparse.pairs) == len(dense.pairs)


def test_apply_reads_each_person_once_however_many_pairs(cli, monkeypatch):
    from mentorcli.store import db as database

    statements: list[str] = []
    opened = database.open_db

    def traced(*args, **kw):
        handle = opened(*args, **kw)
        handle.conn.set_trace_callback(statements.append)
        return handle

    monkeypatch.setattr("mentorcli.commands._common.open_db", traced, raising=False)
    monkeypatch.setattr(database, "open_db", traced)

    def applied(pairs: int) -> int:
        statements.clear()
        for k in range(pairs):
            for role in ("mentee", "mentor"):
                enrol(cli, role, f"{role} {k}", "Gent", "nl", "zorg", "--allow-duplicate")
        statements.clear()
        result = cli.json("match", "--apply", "--min-score", "0")
        assert len(result["pairs"]) == pairs
        return sum("people_status" in s for s in statements)

    few = applied(2)
    many = applied(6)
    assert few and many == few


def other_coordinator(db_path, mentee_id: int, mentor_id: int) -> None:
    """A second process starts a trajectory between our proposal and our apply."""
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO trajectories (mentee_id, mentor_id, started_on, planned_end) "
        "VALUES (?, ?, '2025-05-01', '2025-11-01')",
        [mentee_id, mentor_id],
    )
    conn.commit()
    conn.close()


def test_a_pair_taken_meanwhile_refuses_the_whole_apply(cli, monkeypatch, db_path):
    from mentorcli.ui import prompts

    ids = small_programme(cli)
    monkeypatch.setattr(prompts, "interactive", lambda: True)

    def tick_all_after_another_match(label, options):
        other_coordinator(db_path, ids["omar"], ids["luc"])
        return [value for _, value in options]

    monkeypatch.setattr(prompts, "checkbox", tick_all_after_another_match)
    events = count(db_path, "events")
    result = cli("match", code=1)
    assert "Error: Omar Haddad is no longer waiting" in result.stderr
    assert count(db_path, "trajectories") == 1  # only the other coordinator's
    assert count(db_path, "events") == events


def test_a_mentor_filled_meanwhile_refuses_the_second_pair_of_the_batch(cli, monkeypatch, db_path):
    from mentorcli.ui import prompts

    first = enrol(cli, "mentee", "Amina Benali", "Gent", "nl", "zorg")
    second = enrol(cli, "mentee", "Hiba Rahimi", "Gent", "nl", "zorg")
    third = enrol(cli, "mentee", "Leyla Rahimi", "Gent", "nl", "zorg")
    sofie = enrol(cli, "mentor", "Sofie Maes", "Gent", "nl", "zorg", "--capacity", "2")
    proposal = cli.json("match", "--min-score", "0")
    assert [(p["mentee_id"], p["mentor_id"]) for p in proposal["pairs"]] == [
        (first, sofie),
        (second, sofie),
    ]
    monkeypatch.setattr(prompts, "interactive", lambda: True)

    def tick_both_after_another_match(label, options):
        other_coordinator(db_path, third, sofie)  # Sofie now has one place left
        return [value for _, value in options]

    monkeypatch.setattr(prompts, "checkbox", tick_both_after_another_match)
    result = cli("match", "--min-score", "0", code=1)
    assert "Error: Sofie Maes has no free place" in result.stderr
    assert count(db_path, "trajectories") == 1  # the first pair of the batch is undone too


def test_a_long_proposal_table_shows_the_first_rows_and_says_how_to_see_all(cli):
    small_programme(cli)
    enrol(cli, "mentee", "Hiba Rahimi", "Gent", "ti", "bouw")
    enrol(cli, "mentee", "Leyla Rahimi", "Gent", "ti", "bouw")
    full = cli("match")
    assert "Amina Benali" in full.stdout and "Omar Haddad" in full.stdout
    assert "Showing" not in full.stderr
    cut = cli("match", "--limit", "1")
    assert "2 proposed pair(s)" in cut.stdout  # the titles still count every row
    assert "3 mentee(s) left waiting" in cut.stdout
    assert len([n for n in ("Amina Benali", "Omar Haddad") if n in cut.stdout]) == 1
    assert len([n for n in ("Dawit", "Hiba", "Leyla") if n in cut.stdout]) == 1
    assert "Showing 1 of 2 proposed pairs: --limit 0 shows all" in cut.stderr
    assert "Showing 1 of 3 mentees left waiting" in cut.stderr
    assert "--format json lists them all" in cut.stderr
    everything = cli("match", "--limit", "0")
    assert all(n in everything.stdout for n in ("Amina", "Omar", "Dawit", "Hiba", "Leyla"))
    assert "Showing" not in everything.stderr
    assert len(cli.json("match", "--limit", "1")["pairs"]) == 2  # json always has all


def test_a_person_erased_meanwhile_refuses_the_whole_apply(cli, monkeypatch, db_path):
    from mentorcli.ui import prompts

    ids = small_programme(cli)
    monkeypatch.setattr(prompts, "interactive", lambda: True)

    def tick_all_after_an_erasure(label, options):
        conn = sqlite3.connect(db_path)  # `forget` in another process
        conn.execute("UPDATE people SET erased_on = '2025-05-20' WHERE id = ?", [ids["jan"]])
        conn.commit()
        conn.close()
        return [value for _, value in options]

    monkeypatch.setattr(prompts, "checkbox", tick_all_after_an_erasure)
    result = cli("match", code=1)
    assert f"Error: person {ids['jan']} was erased on 2025-05-20" in result.stderr
    assert count(db_path, "trajectories") == 0
