"""Scoring (mentee, mentor) pairs and assigning the whole waiting list at once.

Pure functions: plain data in, plain data out; no printing, no database. Scores are
computed for all pairs at once with numpy (a 2,000 x 2,000 problem is four million
pairs), and the assignment is solved exactly with scipy's ``linear_sum_assignment``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mentorcli import sectors
from mentorcli.reference import EDUCATION_LEVELS, fold

NEUTRAL = 0.5  # an empty field neither helps nor excludes a pair


@dataclass(frozen=True)
class Mentee:
    id: int
    name: str
    city: str
    languages: frozenset[str]
    sector: str
    enrolled_on: dt.date
    occupation: str | None = None
    education: str | None = None
    hours_per_week: float | None = None
    diploma_recognised: bool | None = None
    prefers_gender: str | None = None
    prefers_similar_background: bool = False


@dataclass(frozen=True)
class Mentor:
    id: int
    name: str
    city: str
    languages: frozenset[str]
    sector: str
    free_places: int
    enrolled_on: dt.date
    occupation: str | None = None
    education: str | None = None
    hours_per_week: float | None = None
    gender: str | None = None
    knows_diploma_recognition: bool | None = None


@dataclass(frozen=True)
class Rules:
    """Settings that shape the score; see ``settings.SETTINGS`` for their meaning."""

    weights: dict[str, float]
    same_city: bool = True
    hours_min: float = 2.0
    full_bonus_days: int = 180

    @classmethod
    def from_settings(cls, values: dict[str, Any]) -> Rules:
        weights = {
            key.removeprefix("weight."): float(value)
            for key, value in values.items()
            if key.startswith("weight.")
        }
        return cls(
            weights=weights,
            same_city=bool(values["match.same_city"]),
            hours_min=float(values["programme.hours_min"]),
            full_bonus_days=int(values["waiting.full_bonus_days"]),
        )


@dataclass
class Scores:
    """All pairs of one problem: ``score[i, j]`` for mentee i and mentor j, 0–100."""

    mentees: list[Mentee]
    mentors: list[Mentor]
    score: np.ndarray
    allowed: np.ndarray
    parts: dict[str, np.ndarray]
    weights: dict[str, float]
    section_of: dict[str, str | None]
    shared_languages: np.ndarray
    exclusion: dict[str, np.ndarray] = field(default_factory=dict)
    as_of: dt.date = field(default_factory=dt.date.today)


def _occupation_key(text: str | None) -> str:
    return " ".join(sorted(sectors.words(text or "")))


def _label_similarity(labels_a: Sequence[str], labels_b: Sequence[str]) -> np.ndarray:
    """Similarity 0–1 of two lists of labels, computed once per distinct label."""
    from rapidfuzz import fuzz, process

    keys_a = [_occupation_key(x) for x in labels_a]
    keys_b = [_occupation_key(x) for x in labels_b]
    unique_a = sorted(set(keys_a))
    unique_b = sorted(set(keys_b))
    matrix = process.cdist(unique_a, unique_b, scorer=fuzz.ratio, dtype=np.float32, workers=-1)
    index_a = np.array([unique_a.index(k) for k in keys_a]) if keys_a else np.zeros(0, int)
    position_b = {k: i for i, k in enumerate(unique_b)}
    index_b = np.array([position_b[k] for k in keys_b]) if keys_b else np.zeros(0, int)
    return matrix[np.ix_(index_a, index_b)] / 100.0


def _codes(values: Iterable[Any]) -> tuple[np.ndarray, dict[Any, int]]:
    table: dict[Any, int] = {}
    codes = np.array([table.setdefault(v, len(table)) for v in values], dtype=np.int32)
    return codes, table


def score_pairs(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    rules: Rules,
    *,
    as_of: dt.date,
    forbidden: set[tuple[int, int]] = frozenset(),  # type: ignore[assignment]
) -> Scores:
    """Score every pair and mark which pairs the hard rules allow.

    Hard rules: a shared language, the same city (unless relaxed), the mentee's gender
    preference, a free place with the mentor, and not a forbidden or former pair
    (``forbidden`` holds both).
    """
    n, m = len(mentees), len(mentors)
    weights = dict(rules.weights)

    # Languages: boolean membership matrices, shared = A @ B.T
    language_codes, language_table = _codes(
        sorted({lang for p in [*mentees, *mentors] for lang in p.languages})
    )
    a = np.zeros((n, len(language_table)), dtype=np.int16)
    b = np.zeros((m, len(language_table)), dtype=np.int16)
    for i, p in enumerate(mentees):
        a[i, [language_table[x] for x in p.languages]] = 1
    for j, p in enumerate(mentors):
        b[j, [language_table[x] for x in p.languages]] = 1
    shared = a @ b.T

    # Sector: same NACE section, else the labels' own similarity when one is unknown
    section_of = sectors.map_labels([p.sector for p in [*mentees, *mentors]])
    sec_e = np.array([section_of[p.sector] or "" for p in mentees], dtype=object)
    sec_m = np.array([section_of[p.sector] or "" for p in mentors], dtype=object)
    sec_codes, _ = _codes([*sec_e, *sec_m])
    ce, cm = sec_codes[:n], sec_codes[n:]
    known_e = sec_e != ""
    known_m = sec_m != ""
    same_section = (ce[:, None] == cm[None, :]) & known_e[:, None] & known_m[None, :]
    sector = same_section.astype(np.float32)
    unknown = ~(known_e[:, None] & known_m[None, :])
    if unknown.any():
        fallback = _label_similarity([p.sector for p in mentees], [p.sector for p in mentors])
        sector = np.where(unknown, np.maximum(fallback, NEUTRAL * (fallback > 0)), sector)

    # Occupation: similarity of the words that say something; empty is neutral
    occ_e = [p.occupation or "" for p in mentees]
    occ_m = [p.occupation or "" for p in mentors]
    empty_e = np.array([not _occupation_key(x) for x in occ_e], dtype=bool)
    empty_m = np.array([not _occupation_key(x) for x in occ_m], dtype=bool)
    occupation = _label_similarity(occ_e, occ_m)
    occupation = np.where(occupation >= 0.6, occupation, 0.0)
    occ_section = sectors.map_labels([*occ_e, *occ_m])
    os_e = np.array([occ_section.get(x) or "" for x in occ_e], dtype=object)
    os_m = np.array([occ_section.get(x) or "" for x in occ_m], dtype=object)
    os_codes, _ = _codes([*os_e, *os_m])
    same_occ_section = (
        (os_codes[:n, None] == os_codes[None, n:]) & (os_e != "")[:, None] & (os_m != "")[None, :]
    )
    occupation = np.where(same_occ_section, np.maximum(occupation, 0.6), occupation)
    occupation = np.where(empty_e[:, None] | empty_m[None, :], NEUTRAL, occupation)

    # Languages beyond the first: 1 shared = 1/3, 3 or more = 1
    languages = np.minimum(shared, 3).astype(np.float32) / np.float32(3.0)

    # Background, only when the mentee asked for it: education level and diploma route
    asked = np.array([p.prefers_similar_background for p in mentees], dtype=bool)
    if asked.any():
        level = {name: i for i, name in enumerate(EDUCATION_LEVELS)}
        edu_e = np.array([level.get(p.education or "", -1) for p in mentees], dtype=np.float32)
        edu_m = np.array([level.get(p.education or "", -1) for p in mentors], dtype=np.float32)
        education = 1.0 - np.abs(edu_e[:, None] - edu_m[None, :]) / (len(EDUCATION_LEVELS) - 1)
        education = np.where((edu_e[:, None] < 0) | (edu_m[None, :] < 0), NEUTRAL, education)
        not_recognised = np.array([p.diploma_recognised is False for p in mentees], dtype=bool)
        knows = np.array(
            [
                NEUTRAL
                if p.knows_diploma_recognition is None
                else float(p.knows_diploma_recognition)
                for p in mentors
            ],
            dtype=np.float32,
        )
        route = np.where(not_recognised[:, None], knows[None, :], NEUTRAL)
        background = np.where(not_recognised[:, None], (education + route) / 2, education).astype(
            np.float32
        )
    else:
        background = np.broadcast_to(np.float32(NEUTRAL), (n, m))

    # Availability: the mentor's (and mentee's) hours against the programme's minimum
    hours_m = np.array(
        [np.nan if p.hours_per_week is None else p.hours_per_week for p in mentors],
        dtype=np.float32,
    )
    hours_e = np.array(
        [np.nan if p.hours_per_week is None else p.hours_per_week for p in mentees],
        dtype=np.float32,
    )
    fit_m = np.where(np.isnan(hours_m), NEUTRAL, np.minimum(hours_m / rules.hours_min, 1.0))
    fit_e = np.where(np.isnan(hours_e), 1.0, np.minimum(hours_e / rules.hours_min, 1.0))
    if (fit_e < 1.0).any():
        availability = np.minimum(fit_m[None, :], fit_e[:, None]).astype(np.float32)
    else:  # the usual case: only the mentor's hours vary
        availability = np.broadcast_to(fit_m.astype(np.float32)[None, :], (n, m))

    # Waiting: grows with the days since enrolment, full after full_bonus_days
    days = np.array([(as_of - p.enrolled_on).days for p in mentees], dtype=np.float32)
    waiting_rows = np.clip(days / rules.full_bonus_days, 0.0, 1.0).astype(np.float32)
    waiting = np.broadcast_to(waiting_rows[:, None], (n, m))

    parts = {
        "sector": sector,
        "occupation": occupation,
        "languages": languages,
        "background": background,
        "availability": availability,
        "waiting": waiting,
    }
    # City: a hard rule by default; when relaxed, a criterion of its own
    city_e, city_m = _city_codes(mentees, mentors)
    same_city = city_e[:, None] == city_m[None, :]
    if not rules.same_city:
        parts["city"] = same_city.astype(np.float32)
        weights.setdefault("city", 10.0)
    total = np.zeros((n, m), dtype=np.float32)
    weight_sum = np.zeros((n, 1), dtype=np.float32)
    for name, values in parts.items():
        w = np.float32(weights.get(name, 0.0))
        if w == 0:
            continue
        if name == "background":
            w_rows = np.where(asked, w, np.float32(0.0)).astype(np.float32)[:, None]
            if asked.any():
                total += w_rows * values
            weight_sum += w_rows
        elif name == "waiting":
            total += (w * waiting_rows)[:, None]
            weight_sum += w
        elif name == "availability" and values.strides[0] == 0:
            total += (w * values[0])[None, :]
            weight_sum += w
        else:
            total += w * values
            weight_sum += w
    total *= np.float32(100.0) / np.maximum(weight_sum, np.float32(1e-9))
    score = np.round(total.astype(np.float64), 2)

    # Hard rules
    gender_m = np.array([p.gender or "" for p in mentors], dtype=object)
    pref = np.array([p.prefers_gender or "" for p in mentees], dtype=object)
    gender_ok = (pref[:, None] == "") | (pref[:, None] == gender_m[None, :])
    free = np.array([p.free_places > 0 for p in mentors], dtype=bool)
    together = np.zeros((n, m), dtype=bool)
    if forbidden:
        row = {p.id: i for i, p in enumerate(mentees)}
        col = {p.id: j for j, p in enumerate(mentors)}
        for mentee_id, mentor_id in forbidden:
            if mentee_id in row and mentor_id in col:
                together[row[mentee_id], col[mentor_id]] = True
    exclusion = {
        "no shared language": shared == 0,
        "another city": ~same_city if rules.same_city else np.zeros((n, m), dtype=bool),
        "not the preferred gender": ~gender_ok,
        "no free place": np.broadcast_to(~free[None, :], (n, m)),
        "forbidden or together before": together,
    }
    allowed = np.ones((n, m), dtype=bool)
    for mask in exclusion.values():
        allowed &= ~mask
    return Scores(
        list(mentees),
        list(mentors),
        score,
        allowed,
        parts,
        weights,
        section_of,
        shared,
        exclusion,
        as_of,
    )


def _city_codes(mentees: Sequence[Mentee], mentors: Sequence[Mentor]) -> tuple[np.ndarray, ...]:
    codes, _ = _codes([fold(p.city) for p in [*mentees, *mentors]])
    return codes[: len(mentees)], codes[len(mentees) :]


# --- explaining one pair ----------------------------------------------------------------


def reasons(scores: Scores, i: int, j: int) -> list[str]:
    """Short sentences a coordinator reads next to the score, strongest first."""
    mentee, mentor = scores.mentees[i], scores.mentors[j]
    parts = scores.parts
    out: list[tuple[float, str]] = []
    names = sectors.section_names()
    sec = scores.section_of.get(mentee.sector)
    if parts["sector"][i, j] >= 1.0 and sec:
        out.append((3, f"same sector: {names[sec].lower()} ({mentee.sector} ~ {mentor.sector})"))
    elif parts["sector"][i, j] > NEUTRAL:
        out.append((2, f"similar sector ({mentee.sector} ~ {mentor.sector})"))
    else:
        out.append((0, f"other sector ({mentee.sector} / {mentor.sector})"))
    occ = parts["occupation"][i, j]
    if mentee.occupation and mentor.occupation and occ > NEUTRAL:
        word = "similar" if occ >= 0.8 else "related"
        out.append((2, f"{word} occupation ({mentee.occupation} ~ {mentor.occupation})"))
    shared = sorted(mentee.languages & mentor.languages)
    if shared:
        out.append((1, f"speaks {', '.join(shared)}"))
    if mentee.prefers_similar_background:
        value = parts["background"][i, j]
        word = "similar" if value >= 0.75 else "partly similar" if value > NEUTRAL else "other"
        out.append(
            (
                1.5,
                f"{word} background, as asked ({mentee.education or '?'} / "
                f"{mentor.education or '?'})",
            )
        )
    if mentee.prefers_gender:
        out.append((1.5, "the mentor gender asked for"))
    if mentor.hours_per_week is not None:
        enough = "enough" if parts["availability"][i, j] >= 1 else "few"
        out.append((0.5, f"{enough} hours: mentor has {mentor.hours_per_week:g} h a week"))
    waited = (scores.as_of - mentee.enrolled_on).days
    if waited >= 30:
        out.append((0.8, f"waited {waited} days"))
    if "city" in parts and parts["city"][i, j] < 1:
        out.append((0.2, f"another city ({mentee.city} / {mentor.city})"))
    return [text for _, text in sorted(out, key=lambda x: -x[0])]


def breakdown(scores: Scores, i: int, j: int) -> dict[str, float]:
    """Each criterion's contribution in points, summing to the score."""
    mentee = scores.mentees[i]
    used = {
        k: w
        for k, w in scores.weights.items()
        if k in scores.parts and (k != "background" or mentee.prefers_similar_background)
    }
    total = sum(used.values()) or 1.0
    return {k: round(100 * w * float(scores.parts[k][i, j]) / total, 1) for k, w in used.items()}


def why_excluded(scores: Scores, i: int, j: int) -> list[str]:
    return [name for name, mask in scores.exclusion.items() if mask[i, j]]


# --- the whole waiting list -----------------------------------------------------------------


@dataclass
class Proposal:
    pairs: list[tuple[int, int]]  # (mentee index, mentor index) in the Scores' lists
    unmatched: list[tuple[int, str]]  # (mentee index, why)
    pinned: set[tuple[int, int]] = field(default_factory=set)


def assign(
    scores: Scores,
    *,
    min_score: float,
    pins: Sequence[tuple[int, int]] = (),
) -> Proposal:
    """Match as many mentees as possible, then maximise the total score.

    Each mentor gets one column per free place. An allowed pair at or above
    ``min_score`` costs ``-(BIG + score)``; BIG exceeds any possible total score, so the
    solver first maximises the number of pairs, then their total. Remaining ties go to
    the earlier enrolled mentee, then the lower id, through a bonus too small to change
    any total. Pins (indices) are kept and take a place before the rest is solved.
    """
    from scipy.optimize import linear_sum_assignment

    n, m = scores.score.shape
    eligible = scores.allowed & (scores.score >= min_score)
    places = np.array([p.free_places for p in scores.mentors], dtype=np.int64)
    pairs: list[tuple[int, int]] = []
    pinned_rows = set()
    for i, j in pins:
        pairs.append((i, j))
        pinned_rows.add(i)
        places[j] -= 1
    rows = np.array([i for i in range(n) if i not in pinned_rows], dtype=np.int64)
    # Only rows and mentors with at least one eligible pair enter the solver.
    sub = eligible if len(rows) == n else eligible[rows]
    any_row = sub.any(axis=1)
    if not any_row.all():
        rows, sub = rows[any_row], sub[any_row]
    mentor_cols = np.flatnonzero(sub.any(axis=0) & (places > 0))
    if len(rows) and len(mentor_cols):
        if len(mentor_cols) < m:
            sub = sub[:, mentor_cols]
        expand = np.repeat(np.arange(len(mentor_cols)), places[mentor_cols])
        big = 100.0 * min(len(rows), len(expand)) + 1.0
        order = np.lexsort(
            (
                np.fromiter((scores.mentees[r].id for r in rows), np.int64, len(rows)),
                np.fromiter(
                    (scores.mentees[r].enrolled_on.toordinal() for r in rows), np.int64, len(rows)
                ),
            )
        )
        seniority = np.empty(len(rows))
        seniority[order] = np.arange(len(rows), 0, -1)
        # Bonus sum stays below 0.005, less than the 0.01 step of a rounded score.
        bonus = seniority / (len(rows) * len(rows) + 1) * 0.005
        cost = (
            scores.score[rows][:, mentor_cols]
            if len(mentor_cols) < m or len(rows) < n
            else scores.score.copy()
        )
        cost += (big + bonus)[:, None]
        cost[~sub] = 0.0
        np.negative(cost, out=cost)
        if len(expand) != len(mentor_cols):
            cost = np.take(cost, expand, axis=1)
        r_idx, c_idx = linear_sum_assignment(cost)
        for r, c in zip(r_idx, c_idx, strict=True):
            j = int(mentor_cols[expand[c]])
            if eligible[rows[r], j]:
                pairs.append((int(rows[r]), j))
    matched = {i for i, _ in pairs}
    unmatched = [
        (i, _why_unmatched(scores, i, eligible, min_score)) for i in range(n) if i not in matched
    ]
    pairs.sort(key=lambda p: (scores.mentees[p[0]].city, scores.mentees[p[0]].id))
    return Proposal(pairs, unmatched, {tuple(p) for p in pins})


def _why_unmatched(scores: Scores, i: int, eligible: np.ndarray, min_score: float) -> str:
    mentee = scores.mentees[i]
    if eligible[i].any():
        count = int(eligible[i].sum())
        return (
            f"mentors ran out: the {count} who fit went to mentees they suit better"
            if count > 1
            else "mentors ran out: the one who fits went to another mentee"
        )
    allowed = scores.allowed[i]
    if allowed.any():
        best = float(scores.score[i][allowed].max())
        count = int(allowed.sum())
        who = (
            "the one possible mentor scores"
            if count == 1
            else f"all {count} possible mentors score"
        )
        return f"{who} below {min_score:g} (best {best:g})"
    ex = scores.exclusion
    free = ~ex["no free place"][i]
    in_city = free & ~ex["another city"][i]
    if not in_city.any():
        return f"no mentor with a free place in {mentee.city}"
    speaks = in_city & ~ex["no shared language"][i]
    if not speaks.any():
        return f"no free mentor in {mentee.city} speaks {', '.join(sorted(mentee.languages))}"
    gender = speaks & ~ex["not the preferred gender"][i]
    if not gender.any():
        return f"no free mentor of the preferred gender ({mentee.prefers_gender})"
    return "the only mentors who fit were forbidden or together before"


def rank_for_mentee(scores: Scores, i: int) -> list[int]:
    """Mentor indices the hard rules allow for mentee i, best score first (ties: lower id)."""
    allowed = np.flatnonzero(scores.allowed[i])
    ids = np.array([scores.mentors[j].id for j in allowed], dtype=np.int64)
    order = np.lexsort((ids, -scores.score[i, allowed]))
    return allowed[order].tolist()


def rank_of(scores: Scores, i: int, j: int) -> tuple[int, int]:
    """Where mentor j stands in mentee i's own list (1 = first), and who stands first."""
    allowed = scores.allowed[i]
    row = scores.score[i]
    ids = _mentor_ids(scores)
    better = allowed & ((row > row[j]) | ((row == row[j]) & (ids < ids[j])))
    candidates = np.flatnonzero(allowed)
    top = candidates[np.lexsort((ids[candidates], -row[candidates]))[0]]
    return int(better.sum()) + 1, int(top)


def _mentor_ids(scores: Scores) -> np.ndarray:
    cached = scores.__dict__.get("_mentor_ids")
    if cached is None:
        cached = np.array([m.id for m in scores.mentors], dtype=np.int64)
        scores.__dict__["_mentor_ids"] = cached
    return cached
