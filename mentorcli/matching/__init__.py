"""Scoring (mentee, mentor) pairs, mapping sectors, solving the assignment and
explaining it.

Pure: plain data in, plain data out; no database, no printing. ``mentorcli.lifecycle``
loads the candidates from the store and hands them here. The package re-exports the
engine's API so callers write ``matching.score_pairs``.
"""

from __future__ import annotations

from mentorcli.matching.engine import (
    BLOCK_PAIRS,
    DENSE_COST_LIMIT,
    NEUTRAL,
    Factored,
    Mentee,
    Mentor,
    Proposal,
    Rules,
    Scores,
    assign,
    breakdown,
    fold_city,
    rank_for_mentee,
    rank_of,
    ranks,
    reasons,
    score_pairs,
    why_excluded,
)

__all__ = [
    "BLOCK_PAIRS",
    "DENSE_COST_LIMIT",
    "Factored",
    "Mentee",
    "Mentor",
    "NEUTRAL",
    "Proposal",
    "Rules",
    "Scores",
    "assign",
    "breakdown",
    "fold_city",
    "rank_for_mentee",
    "rank_of",
    "ranks",
    "reasons",
    "score_pairs",
    "why_excluded",
]
