"""Scoring (mentee, mentor) pairs and assigning the whole waiting list at once.

Pure functions: plain data in, plain data out; no printing, no database. Scores are
computed with numpy in blocks of rows (a 10,000 x 10,000 problem is a hundred million
pairs; a block is about a million), kept packed in two bytes a pair, and the assignment
is solved exactly: with scipy's ``linear_sum_assignment`` on a dense cost matrix while
that fits ``DENSE_COST_LIMIT``, beyond it with the sparse
``min_weight_full_bipartite_matching`` on the eligible pairs only.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mentorcli.core.reference import fold
from mentorcli.core.vocabulary import label
from mentorcli.matching import sectors

NEUTRAL = 0.5  # an empty field neither helps nor excludes a pair
BLOCK_PAIRS = 1 << 20  # pairs scored (or costed) at a time: a few MB of temporaries
# Past this size the dense cost matrix (8 bytes per mentee and place) gives way to a
# sparse one holding the eligible pairs only: 10,000 mentees and 14,000 places would
# take 1.1 GB dense, about 200 MB sparse with the default minimum score.
DENSE_COST_LIMIT = 512 * 2**20
_NOT_ALLOWED = -1  # packed score of an excluded pair is -1 - score


def _row_blocks(n: int, m: int) -> list[tuple[int, int]]:
    step = max(1, BLOCK_PAIRS // max(m, 1))
    return [(r0, min(r0 + step, n)) for r0 in range(0, n, step)]


def _unpack(packed: np.ndarray) -> np.ndarray:
    """Packed hundredths to scores, bit for bit what ``np.round(total, 2)`` gave."""
    centi = np.where(packed >= 0, packed, _NOT_ALLOWED - packed)
    return centi / 100.0


def _centi_threshold(min_score: float) -> int:
    """The lowest packed value whose score passes ``score >= min_score``, decided by the
    same float comparison as on the unpacked scores."""
    passing = np.flatnonzero(np.arange(2**15) / 100.0 >= min_score)
    return int(passing[0]) if len(passing) else 2**15


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
    def from_settings(cls, values: Mapping[str, Any]) -> Rules:
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
    """All pairs of one problem, packed two bytes a pair.

    ``packed[i, j]`` is mentee i and mentor j's score (0–100) in hundredths, or
    ``-1 - hundredths`` when a hard rule excludes the pair: 200 MB for 10,000 x 10,000,
    where float64 scores and a boolean mask took 900 MB. ``score`` and ``allowed`` unpack
    the whole matrix (for small problems and tests); the matcher reads rows.
    """

    mentees: list[Mentee]
    mentors: list[Mentor]
    packed: np.ndarray
    parts: dict[str, Any]
    weights: dict[str, float]
    section_of: dict[str, str | None]
    rule_inputs: dict[str, Any] = field(default_factory=dict)
    as_of: dt.date = field(default_factory=dt.date.today)

    @property
    def shape(self) -> tuple[int, int]:
        return self.packed.shape

    @functools.cached_property
    def score(self) -> np.ndarray:
        """Every pair's score, ``score[i, j]`` for mentee i and mentor j, 0–100."""
        return _unpack(self.packed)

    @functools.cached_property
    def allowed(self) -> np.ndarray:
        """Which pairs the hard rules allow."""
        return self.packed >= 0

    def score_row(self, i: int) -> np.ndarray:
        return _unpack(self.packed[i])

    def score_of(self, i: int, j: int) -> float:
        centi = int(self.packed[i, j])
        return (centi if centi >= 0 else _NOT_ALLOWED - centi) / 100.0

    @functools.cached_property
    def mentor_ids(self) -> np.ndarray:
        """Mentor ids by column, for the tie-break on the lower id."""
        return np.array([m.id for m in self.mentors], dtype=np.int64)

    def exclusion(self, i: int) -> dict[str, np.ndarray]:
        """Which hard rule excludes each mentor for mentee i (one row, computed on demand:
        five full masks of a 5,000 x 5,000 problem would cost 125 MB for a few sentences)."""
        r = self.rule_inputs
        m = len(self.mentors)
        shared, city = r["shared"], r["city"]
        together = np.zeros(m, dtype=bool)
        together[r["together"].get(i, [])] = True
        pref = r["pref"][i]
        no_language = shared.table[shared.rows[i]][shared.cols] == 0
        other_city = city.table[city.rows[i]][city.cols] == 0
        return {
            "no shared language": no_language,
            "another city": other_city if r["same_city"] else np.zeros(m, dtype=bool),
            "not the preferred gender": (r["gender_m"] != pref) if pref else np.zeros(m, bool),
            "no free place": ~r["free"],
            "forbidden or together before": together,
        }


@functools.cache
def fold_city(city: str) -> str:
    """``fold`` once per distinct city: a programme has a few cities and thousands of people."""
    return fold(city)


def _occupation_key(text: str | None) -> str:
    return " ".join(sorted(sectors.words(text or "")))


class Factored:
    """A pair criterion held as a table over distinct values and an index for each side.

    Criteria depend on few distinct values (language sets, sector labels, occupations,
    education levels), so each is computed once per distinct pair of values; the full
    (mentees x mentors) matrix is only gathered while adding up the total. ``f[i, j]``
    reads one pair, for the explanations.
    """

    def __init__(self, table: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> None:
        self.table = table.astype(np.float32)
        self.rows = rows
        self.cols = cols

    def __getitem__(self, ij: tuple[int, int]) -> np.float32:
        i, j = ij
        value: np.float32 = self.table[self.rows[i], self.cols[j]]
        return value

    def full(self) -> np.ndarray:
        full: np.ndarray = self.table[self.rows][:, self.cols]
        return full


def _index(values: Sequence[Any]) -> tuple[list[Any], np.ndarray]:
    """The distinct values, in first-seen order, and each item's position among them."""
    position: dict[Any, int] = {}
    codes = np.fromiter(
        (position.setdefault(v, len(position)) for v in values), np.int64, len(values)
    )
    return list(position), codes


def _factor(values_e: Sequence[Any], values_m: Sequence[Any], fn: Any) -> Factored:
    """``fn(value_e, value_m)`` for every distinct pair of values, as a Factored criterion."""
    unique_e, rows = _index(values_e)
    unique_m, cols = _index(values_m)
    table = np.array([[fn(a, b) for b in unique_m] for a in unique_e], dtype=np.float32)
    return Factored(table.reshape(len(unique_e), len(unique_m)), rows, cols)


def _similarity_table(keys_a: list[str], keys_b: list[str]) -> np.ndarray:
    """fuzz.ratio / 100 between two lists of distinct keys, computed with cdist."""
    from rapidfuzz import fuzz, process

    if not keys_a or not keys_b:
        return np.zeros((len(keys_a), len(keys_b)), dtype=np.float32)
    return process.cdist(keys_a, keys_b, scorer=fuzz.ratio, dtype=np.float32, workers=-1) / 100


def _sector_criterion(
    mentees: Sequence[Mentee], mentors: Sequence[Mentor], section_of: dict[str, str | None]
) -> Factored:
    """1 for the same NACE section, 0 for another; the labels' own similarity when a
    label maps to no section (so an unknown label is never worse than neutral if alike)."""
    labels_e, rows = _index([p.sector for p in mentees])
    labels_m, cols = _index([p.sector for p in mentors])
    sec_e = np.array([section_of.get(x) or "" for x in labels_e], dtype=object)
    sec_m = np.array([section_of.get(x) or "" for x in labels_m], dtype=object)
    known = (sec_e != "")[:, None] & (sec_m != "")[None, :]
    table = ((sec_e[:, None] == sec_m[None, :]) & known).astype(np.float32)
    if not known.all():
        fallback = _similarity_table(
            [_occupation_key(x) for x in labels_e], [_occupation_key(x) for x in labels_m]
        )
        table = np.where(known, table, np.maximum(fallback, NEUTRAL * (fallback > 0)))
    return Factored(table, rows, cols)


def _occupation_criterion(mentees: Sequence[Mentee], mentors: Sequence[Mentor]) -> Factored:
    """Similar words (word order and generic words ignored), or at least 0.6 for two
    occupations of the same sector; neutral when either side has nothing to compare."""
    occ_e, rows = _index([p.occupation or "" for p in mentees])
    occ_m, cols = _index([p.occupation or "" for p in mentors])
    keys_e = [_occupation_key(x) for x in occ_e]
    keys_m = [_occupation_key(x) for x in occ_m]
    table = _similarity_table(keys_e, keys_m)
    table = np.where(table >= 0.6, table, 0.0)
    section = sectors.map_labels([*occ_e, *occ_m])
    sec_e = np.array([section.get(x) or "" for x in occ_e], dtype=object)
    sec_m = np.array([section.get(x) or "" for x in occ_m], dtype=object)
    same = (sec_e[:, None] == sec_m[None, :]) & (sec_e != "")[:, None] & (sec_m != "")[None, :]
    table = np.where(same, np.maximum(table, 0.6), table)
    empty = (
        np.array([not k for k in keys_e], dtype=bool)[:, None]
        | np.array([not k for k in keys_m], dtype=bool)[None, :]
    )
    table = np.where(empty, NEUTRAL, table)
    return Factored(table, rows, cols)


# Where each ISCED level sits on the scale the matcher used before ISCED (primary 0,
# secondary 1, bachelor 2, master 3, doctorate 4): the levels the old values migrated to
# (m020_esf_people) keep their place, so a database from before scores every pair as it
# did; the levels in between fall in between.
EDUCATION_RANK = {
    "isced0": 0.0,
    "isced1": 0.0,
    "isced2": 0.5,
    "isced3": 1.0,
    "isced4": 1.25,
    "isced5": 1.75,
    "isced6": 2.0,
    "isced7": 3.0,
    "isced8": 4.0,
}
_EDUCATION_SPAN = 4.0


def _background(
    education_e: str | None, recognised: bool | None, education_m: str | None, knows: bool | None
) -> float:
    """Education levels close to each other; for a mentee whose diploma is not recognised,
    also a mentor who knows the recognition route."""
    rank = EDUCATION_RANK
    if education_e in rank and education_m in rank:
        education = 1.0 - abs(rank[education_e] - rank[education_m]) / _EDUCATION_SPAN
    else:
        education = NEUTRAL
    if recognised is False:
        route = NEUTRAL if knows is None else float(knows)
        return (education + route) / 2
    return education


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
    everyone: list[Mentee | Mentor] = [*mentees, *mentors]
    section_of = sectors.map_labels([p.sector for p in everyone])
    shared = _factor(
        [p.languages for p in mentees], [p.languages for p in mentors], lambda a, b: len(a & b)
    )
    city = _factor(
        [fold_city(p.city) for p in mentees],
        [fold_city(p.city) for p in mentors],
        lambda a, b: float(a == b),
    )
    asked = np.array([p.prefers_similar_background for p in mentees], dtype=bool)
    parts: dict[str, Any] = {
        "sector": _sector_criterion(mentees, mentors, section_of),
        "occupation": _occupation_criterion(mentees, mentors),
        # languages beyond the first: 1 shared = 1/3, 3 or more = 1
        "languages": Factored(np.minimum(shared.table, 3) / 3.0, shared.rows, shared.cols),
        "background": _factor(
            [(p.education, p.diploma_recognised) for p in mentees],
            [(p.education, p.knows_diploma_recognition) for p in mentors],
            lambda a, b: _background(a[0], a[1], b[0], b[1]),
        ),
    }
    # Availability: the mentor's (and the mentee's) hours against the programme minimum
    fit_m = np.array(
        [
            NEUTRAL if p.hours_per_week is None else min(p.hours_per_week / rules.hours_min, 1.0)
            for p in mentors
        ]
    )
    fit_e = np.array(
        [
            1.0 if p.hours_per_week is None else min(p.hours_per_week / rules.hours_min, 1.0)
            for p in mentees
        ]
    )
    parts["availability"] = _factor(list(fit_e), list(fit_m), min)
    # Waiting: grows with the days since enrolment, full after full_bonus_days
    days = np.array([(as_of - p.enrolled_on).days for p in mentees], dtype=np.float64)
    waiting = np.clip(days / rules.full_bonus_days, 0.0, 1.0)
    parts["waiting"] = Factored(waiting[:, None], np.arange(n), np.zeros(m, dtype=np.int64))
    if not rules.same_city:  # relaxed: the city becomes a criterion of its own
        parts["city"] = city
        weights.setdefault("city", 10.0)

    # Each criterion becomes a term added in the same order and float32 arithmetic as a
    # whole-matrix sum would, so the blocks give the very same scores.
    terms: list[tuple[str, Any, Any]] = []
    weight_sum = np.zeros((n, 1), dtype=np.float32)
    for name, criterion in parts.items():
        w = np.float32(weights.get(name, 0.0))
        if w == 0:
            continue
        if name == "background":  # counts only for mentees who asked for it
            if asked.any():
                w_rows = np.where(asked, w, np.float32(0))[:, None].astype(np.float32)
                terms.append(("scaled", w_rows, _Rows(criterion.table, criterion)))
                weight_sum += w_rows
        elif name == "waiting":
            terms.append(("row", (w * waiting.astype(np.float32))[:, None], None))
            weight_sum += w
        elif name == "availability" and (fit_e >= 1.0).all():  # only the mentors vary
            terms.append(("column", (w * fit_m.astype(np.float32))[None, :], None))
            weight_sum += w
        else:
            terms.append(("pair", None, _Rows(w * criterion.table, criterion)))
            weight_sum += w
    scale = np.float32(100.0) / np.maximum(weight_sum, np.float32(1e-9))

    # Hard rules: the per-rule masks are rebuilt row by row when an explanation needs
    # them (Scores.exclusion).
    gender_m = np.array([p.gender or "" for p in mentors], dtype=object)
    pref = np.array([p.prefers_gender or "" for p in mentees], dtype=object)
    free = np.array([p.free_places > 0 for p in mentors], dtype=bool)
    _, gender_codes = _index(["", *pref, *gender_m])
    pref_code = gender_codes[1 : n + 1][:, None]
    gender_code = gender_codes[n + 1 :][None, :]
    shared_ok = _Rows((shared.table > 0), shared)
    city_ok = _Rows((city.table > 0), city)
    together: dict[int, list[int]] = {}
    if forbidden:
        row = {p.id: i for i, p in enumerate(mentees)}
        col = {p.id: j for j, p in enumerate(mentors)}
        for mentee_id, mentor_id in forbidden:
            if mentee_id in row and mentor_id in col:
                together.setdefault(row[mentee_id], []).append(col[mentor_id])

    packed = np.empty((n, m), dtype=np.int16)
    for r0, r1 in _row_blocks(n, m):
        total = np.zeros((r1 - r0, m), dtype=np.float32)
        for kind, values, criterion in terms:
            if kind == "pair":
                total += criterion.rows(r0, r1)
            elif kind == "scaled":
                total += values[r0:r1] * criterion.rows(r0, r1)
            elif kind == "row":
                total += values[r0:r1]
            else:
                total += values
        total *= scale[r0:r1]
        # np.round(x, 2) is rint(x * 100) / 100 in float64: keep the hundredths
        centi = np.multiply(total, 100.0, dtype=np.float64)
        del total
        np.rint(centi, out=centi)
        block = packed[r0:r1]
        block[...] = centi
        del centi
        allowed = shared_ok.rows(r0, r1)
        if rules.same_city:
            allowed &= city_ok.rows(r0, r1)
        if (pref_code[r0:r1] != 0).any():
            allowed &= (pref_code[r0:r1] == 0) | (gender_code == pref_code[r0:r1])
        allowed &= free[None, :]
        for i in range(r0, r1):
            if i in together:
                allowed[i - r0, together[i]] = False
        np.subtract(_NOT_ALLOWED, block, out=block, where=~allowed)
    rule_inputs = {
        "shared": shared,
        "city": city,
        "pref": pref,
        "gender_m": gender_m,
        "free": free,
        "together": together,
        "same_city": rules.same_city,
    }
    return Scores(
        list(mentees), list(mentors), packed, parts, weights, section_of, rule_inputs, as_of
    )


class _Rows:
    """Rows of a factored table gathered to full width, one block at a time.

    When the table has few distinct mentee values its columns are spread to every
    mentor once, so a block is a plain row gather.
    """

    def __init__(self, table: np.ndarray, factored: Factored) -> None:
        self.table, self.rows_of, self.cols = table, factored.rows, factored.cols
        small = table.shape[0] * len(factored.cols) <= 4 * BLOCK_PAIRS
        self.wide = table[:, factored.cols] if small else None

    def rows(self, r0: int, r1: int) -> np.ndarray:
        codes = self.rows_of[r0:r1]
        block: np.ndarray = (
            self.wide[codes] if self.wide is not None else self.table[codes][:, self.cols]
        )
        return block


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
                f"{word} background, as asked ({label('education', mentee.education) or '?'}"
                f" / {label('education', mentor.education) or '?'})",
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
    return [name for name, mask in scores.exclusion(i).items() if mask[j]]


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
    timings: dict[str, float] | None = None,
) -> Proposal:
    """Match as many mentees as possible, then maximise the total score.

    Each mentor gets one column per free place. An allowed pair at or above
    ``min_score`` costs ``-(BIG + score)``; BIG exceeds any possible total score, so the
    solver first maximises the number of pairs, then their total. Remaining ties go to
    the earlier enrolled mentee, then the lower id, through a bonus too small to change
    any total. Pins (indices) are kept and take a place before the rest is solved.

    The cost matrix is built block by block from the packed scores. Past
    ``DENSE_COST_LIMIT`` the same problem goes to the sparse solver, with one extra
    "stays waiting" column per mentee so that a full matching always exists: the same
    optimum (number of pairs, then total score), though among equally good assignments
    it may pick another one than the dense solver would.
    """
    started = time.perf_counter()
    n, m = scores.shape
    threshold = _centi_threshold(min_score)
    places = np.array([p.free_places for p in scores.mentors], dtype=np.int64)
    pairs: list[tuple[int, int]] = []
    free_row = np.ones(n, dtype=bool)
    for i, j in pins:
        pairs.append((i, j))
        free_row[i] = False
        places[j] -= 1
    # One pass over the rows: how many mentors each mentee could take, and how many
    # unpinned mentees could take each mentor. Only those rows and mentors enter the solver.
    eligible_count = np.zeros(n, dtype=np.int64)
    takers = np.zeros(m, dtype=np.int64)
    for r0, r1 in _row_blocks(n, m):
        eligible = scores.packed[r0:r1] >= threshold
        eligible_count[r0:r1] = np.count_nonzero(eligible, axis=1)
        if not free_row[r0:r1].all():
            eligible = eligible[free_row[r0:r1]]
        takers += eligible.sum(axis=0)
    rows = np.flatnonzero(free_row & (eligible_count > 0))
    mentor_cols = np.flatnonzero((takers > 0) & (places > 0))
    if len(rows) and len(mentor_cols):
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
        problem = _Problem(scores.packed, rows, mentor_cols, places[mentor_cols], threshold)
        problem.entries = int(takers[mentor_cols] @ places[mentor_cols])
        # (row, place) indices: the two solvers type them differently
        r_idx: np.ndarray
        c_idx: np.ndarray
        if problem.dense_fits():
            cost = problem.dense_cost(big, bonus)
            built = time.perf_counter()
            from scipy.optimize import linear_sum_assignment

            r_idx, c_idx = linear_sum_assignment(cost)
            del cost
            owner = mentor_cols[expand[c_idx]]
            keep = scores.packed[rows[r_idx], owner] >= threshold
            r_idx, owner = r_idx[keep], owner[keep]
        else:
            graph = problem.sparse_cost(big, bonus)
            built = time.perf_counter()
            from scipy.sparse.csgraph import min_weight_full_bipartite_matching

            r_idx, c_idx = min_weight_full_bipartite_matching(graph)
            del graph
            real = c_idx < len(expand)
            r_idx, owner = r_idx[real], mentor_cols[expand[c_idx[real]]]
        pairs += [(int(i), int(j)) for i, j in zip(rows[r_idx], owner, strict=True)]
        if timings is not None:
            timings["build"] = built - started
            timings["solve"] = time.perf_counter() - built
    matched = {i for i, _ in pairs}
    unmatched = [
        (i, _why_unmatched(scores, i, int(eligible_count[i]), min_score))
        for i in range(n)
        if i not in matched
    ]
    pairs.sort(key=lambda p: (scores.mentees[p[0]].city, scores.mentees[p[0]].id))
    return Proposal(pairs, unmatched, {(i, j) for i, j in pins})


class _Problem:
    """The rows and mentor columns that enter the solver, read from the packed scores."""

    def __init__(
        self,
        packed: np.ndarray,
        rows: np.ndarray,
        mentor_cols: np.ndarray,
        places: np.ndarray,
        threshold: int,
    ) -> None:
        self.packed, self.rows, self.mentor_cols = packed, rows, mentor_cols
        self.places, self.threshold = places, threshold
        self.entries = 0  # eligible (row, place) pairs: the sparse matrix's size
        self.width = int(places.sum())
        self.blocks = _row_blocks(len(rows), len(mentor_cols))
        self.all_cols = len(mentor_cols) == packed.shape[1]

    def block(self, k0: int, k1: int) -> np.ndarray:
        rows = self.rows[k0:k1]
        if rows[-1] - rows[0] == k1 - k0 - 1:  # consecutive rows: a view, not a copy
            block = self.packed[rows[0] : rows[-1] + 1]
        else:
            block = self.packed[rows]
        return block if self.all_cols else block[:, self.mentor_cols]

    def dense_fits(self) -> bool:
        dense = len(self.rows) * self.width * 8
        if dense <= DENSE_COST_LIMIT:
            return True
        return (self.entries + len(self.rows)) * 12 >= dense  # a float64 and an int32 each

    def dense_cost(self, big: float, bonus: np.ndarray) -> np.ndarray:
        """Rows x places, the arithmetic of the whole-matrix version element for element."""
        expand = np.repeat(np.arange(len(self.mentor_cols)), self.places)
        cost = np.empty((len(self.rows), self.width))
        for k0, k1 in self.blocks:
            packed = self.block(k0, k1)
            base = _unpack(packed)
            base += (big + bonus[k0:k1])[:, None]
            base *= packed >= self.threshold
            np.negative(base, out=base)
            cost[k0:k1] = base if len(expand) == len(self.mentor_cols) else base[:, expand]
        return cost

    def sparse_cost(self, big: float, bonus: np.ndarray) -> Any:
        """The eligible (row, place) pairs plus one "stays waiting" column per row.

        Every full matching has one entry per row, so adding a constant to every cost
        keeps the optimum: a pair costs ``101 - score - bonus`` (always positive, as the
        sparse solver wants) and staying waiting ``BIG + 101``, so the count comes first.
        """
        from scipy.sparse import csr_matrix

        first = np.concatenate(([0], np.cumsum(self.places)[:-1]))
        n = len(self.rows)
        size = self.entries + n
        index_type: type[np.signedinteger[Any]] = (
            np.int32 if max(size, self.width + n) < 2**31 else np.int64
        )
        indptr = np.zeros(n + 1, dtype=index_type)
        indices = np.empty(size, dtype=index_type)
        data = np.empty(size)
        filled = 0
        for k0, k1 in self.blocks:
            packed = self.block(k0, k1)
            at = np.flatnonzero(packed >= self.threshold)  # row by row, columns ascending
            r, c = np.divmod(at, packed.shape[1])
            values = 101.0 - (_unpack(packed.reshape(-1)[at]) + bonus[k0:k1][r])
            reps = self.places[c]
            if not (reps == 1).all():  # a mentor with several places: one column each
                copy = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
                r, c, values = (
                    np.repeat(r, reps),
                    np.repeat(first[c], reps) + copy,
                    np.repeat(values, reps),
                )
            else:
                c = first[c]
            # each row ends with its "stays waiting" entry
            ends = filled + np.cumsum(np.bincount(r, minlength=k1 - k0)) + np.arange(k1 - k0)
            at = filled + np.arange(len(r)) + r
            indices[at], data[at] = c, values
            indices[ends], data[ends] = self.width + np.arange(k0, k1), big + 101.0
            indptr[k0 + 1 : k1 + 1] = ends + 1
            filled = int(ends[-1]) + 1
        return csr_matrix((data, indices, indptr), shape=(n, self.width + n))


def _why_unmatched(scores: Scores, i: int, eligible_count: int, min_score: float) -> str:
    mentee = scores.mentees[i]
    if eligible_count:
        return (
            f"mentors ran out: the {eligible_count} who fit went to mentees they suit better"
            if eligible_count > 1
            else "mentors ran out: the one who fits went to another mentee"
        )
    allowed = scores.packed[i] >= 0
    if allowed.any():
        best = float(scores.score_row(i)[allowed].max())
        count = int(allowed.sum())
        who = (
            "the one possible mentor scores"
            if count == 1
            else f"all {count} possible mentors score"
        )
        return f"{who} below {min_score:g} (best {best:g})"
    ex = scores.exclusion(i)
    free = ~ex["no free place"]
    in_city = free & ~ex["another city"]
    if not in_city.any():
        return f"no mentor with a free place in {mentee.city}"
    speaks = in_city & ~ex["no shared language"]
    if not speaks.any():
        return f"no free mentor in {mentee.city} speaks {', '.join(sorted(mentee.languages))}"
    gender = speaks & ~ex["not the preferred gender"]
    if not gender.any():
        return f"no free mentor of the preferred gender ({label('gender', mentee.prefers_gender)})"
    return "the only mentors who fit were forbidden or together before"


def rank_for_mentee(scores: Scores, i: int) -> list[int]:
    """Mentor indices the hard rules allow for mentee i, best score first (ties: lower id)."""
    allowed = np.flatnonzero(scores.packed[i] >= 0)
    order = np.lexsort((scores.mentor_ids[allowed], -scores.score_row(i)[allowed]))
    ranked: list[int] = allowed[order].tolist()
    return ranked


def rank_of(scores: Scores, i: int, j: int) -> tuple[int, int]:
    """Where mentor j stands in mentee i's own list (1 = first), and who stands first."""
    return ranks(scores, [(i, j)])[0]


def ranks(scores: Scores, pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``rank_of`` for many allowed pairs at once, a block of mentees at a time.

    Packed scores order as the scores do, and an allowed pair's is never negative, so
    "allowed and better" is "packed higher" (or equal from a lower mentor id).
    """
    if not pairs:
        return []
    ids = scores.mentor_ids
    wide = np.iinfo(np.int64).max
    out: list[tuple[int, int]] = []
    for k0, k1 in _row_blocks(len(pairs), scores.shape[1]):
        i = np.fromiter((p[0] for p in pairs[k0:k1]), np.int64, k1 - k0)
        j = np.fromiter((p[1] for p in pairs[k0:k1]), np.int64, k1 - k0)
        block = scores.packed[i]
        own = block[np.arange(k1 - k0), j][:, None]
        better = (block > own) | ((block == own) & (ids[None, :] < ids[j][:, None]))
        rank = better.sum(axis=1) + 1
        best = block.max(axis=1)[:, None]
        top = np.where(block == best, ids[None, :], wide).argmin(axis=1)
        out += [(int(a), int(b)) for a, b in zip(rank, top, strict=True)]
    return out
