"""The matcher itself: sector labels, scores, and an assignment proved optimal on small cases."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorcli import matching
from mentorcli.matching import sectors
from mentorcli.store.settings import SETTINGS

RULES = matching.Rules.from_settings({k: s.default for k, s in SETTINGS.items()})
AS_OF = dt.date(2025, 6, 1)


@pytest.mark.parametrize(
    ("label", "section"),
    [
        ("Logistiek medewerker", "H"),
        ("medewerker logistiek", "H"),
        ("magasinier", "H"),
        ("port logistics", "H"),
        ("haven", "H"),
        ("Vervoer en opslag", "H"),
        ("transport et logistique", "H"),
        ("logistik", "H"),
        ("IT", "J"),
        ("ICT", "J"),
        ("informatique", "J"),
        ("informatik", "J"),
        ("arts and entertainment", "R"),
        ("openbaar bestuur", "O"),
        ("administration publique", "O"),
        ("horeca", "I"),
        ("restauration", "I"),
        ("bouw", "F"),
        ("bouwsector", "F"),
        ("schoonmaak", "N"),
        ("nettoyage", "N"),
        ("soins", "Q"),
        ("gezondheidszorg", "Q"),
        ("social work", "Q"),
        ("maatschappelijk werk", "Q"),
        ("boekhouding", "M"),
        ("comptabilité", "M"),
        ("juridisch", "M"),
        ("banque", "K"),
        ("enseignement", "P"),
        ("Landbouw", "A"),
        ("Santé humaine et action sociale", "Q"),
        ("Kunst, amusement en recreatie", "R"),
    ],
)
def test_sector_labels_land_in_their_nace_section(label, section):
    assert sectors.map_labels([label])[label] == section


def test_a_generic_word_alone_maps_to_no_sector():
    assert sectors.map_labels(["medewerker"])["medewerker"] is None


def person(kind, id_, **kw):
    base = {
        "id": id_,
        "name": f"{kind} {id_}",
        "city": "Gent",
        "languages": frozenset({"nl"}),
        "sector": "logistiek",
        "enrolled_on": dt.date(2025, 1, 1),
    }
    base.update(kw)
    if kind == "mentor":
        base.setdefault("free_places", 1)
        return matching.Mentor(**base)
    return matching.Mentee(**base)


def test_occupation_word_order_and_generic_words():
    e1 = person("mentee", 1, occupation="Logistiek medewerker")
    e2 = person("mentee", 2, occupation="medewerker")
    m = person("mentor", 3, occupation="medewerker logistiek")
    other = person("mentor", 4, occupation="verpleegkundige", sector="zorg")
    scores = matching.score_pairs([e1, e2], [m, other], RULES, as_of=AS_OF)
    assert scores.parts["occupation"][0, 0] == 1.0  # same words, other order
    assert scores.parts["occupation"][1, 0] == matching.NEUTRAL  # nothing to compare
    assert scores.parts["occupation"][0, 1] == 0.0
    assert scores.score[0, 0] > scores.score[0, 1]


def test_hard_rules_exclude_pairs():
    mentees = [
        person("mentee", 1, languages=frozenset({"ar"})),
        person("mentee", 2, city="Antwerpen"),
        person("mentee", 3, prefers_gender="f"),
    ]
    mentors = [person("mentor", 10, gender="m"), person("mentor", 11, gender="f", free_places=0)]
    scores = matching.score_pairs(mentees, mentors, RULES, as_of=AS_OF, forbidden={(3, 10)})
    assert not scores.allowed.any()
    assert matching.why_excluded(scores, 0, 0) == ["no shared language"]
    assert matching.why_excluded(scores, 1, 0) == ["another city"]
    assert "not the preferred gender" in matching.why_excluded(scores, 2, 0)
    assert "no free place" in matching.why_excluded(scores, 2, 1)


def test_empty_fields_are_neutral_not_excluding():
    e = person("mentee", 1)
    m = person("mentor", 2)  # no occupation, education or hours anywhere
    scores = matching.score_pairs([e], [m], RULES, as_of=AS_OF)
    assert scores.allowed[0, 0]
    assert scores.parts["occupation"][0, 0] == matching.NEUTRAL
    assert scores.parts["availability"][0, 0] == matching.NEUTRAL


def test_waiting_longer_scores_higher_and_wins_a_scarce_mentor():
    early = person("mentee", 1, enrolled_on=dt.date(2024, 12, 1))
    late = person("mentee", 2, enrolled_on=dt.date(2025, 5, 20))
    mentor = person("mentor", 3)
    scores = matching.score_pairs([late, early], [mentor], RULES, as_of=AS_OF)
    assert scores.score[1, 0] > scores.score[0, 0]
    proposal = matching.assign(scores, min_score=0)
    assert proposal.pairs == [(1, 0)]


def test_ties_go_to_the_earlier_enrolment_then_the_lower_id():
    a = person("mentee", 5, enrolled_on=dt.date(2025, 5, 1))
    b = person("mentee", 4, enrolled_on=dt.date(2025, 5, 1))
    mentor = person("mentor", 9)
    weights = {**RULES.weights, "waiting": 0.0}
    rules = matching.Rules(weights=weights)
    scores = matching.score_pairs([a, b], [mentor], rules, as_of=AS_OF)
    assert scores.score[0, 0] == scores.score[1, 0]
    assert matching.assign(scores, min_score=0).pairs == [(1, 0)]  # id 4 before id 5


def brute_force(eligible, score, places):
    """Best (matched count, total) over every assignment respecting the places."""
    n, m = eligible.shape
    best = (0, 0.0)
    for choice in itertools.product(range(-1, m), repeat=n):
        used = np.zeros(m, dtype=int)
        total, count, ok = 0.0, 0, True
        for i, j in enumerate(choice):
            if j < 0:
                continue
            if not eligible[i, j]:
                ok = False
                break
            used[j] += 1
            count += 1
            total += score[i, j]
        if ok and (used <= places).all() and (count, total) > (best[0], best[1] + 1e-9):
            best = (count, total)
    return best


LANGS = st.frozensets(st.sampled_from(["nl", "fr", "en", "ar"]), min_size=1, max_size=2)
LABELS = st.sampled_from(["logistiek", "haven", "zorg", "soins", "ICT", "bouw", "horeca"])
OCCUPATIONS = st.sampled_from(
    [None, "kok", "verpleegkundige", "magasinier", "logistiek medewerker", "software developer"]
)


@st.composite
def problems(draw):
    n = draw(st.integers(1, 5))
    m = draw(st.integers(1, 4))
    mentees = [
        person(
            "mentee",
            i + 1,
            languages=draw(LANGS),
            sector=draw(LABELS),
            occupation=draw(OCCUPATIONS),
            city=draw(st.sampled_from(["Gent", "Liège"])),
            enrolled_on=dt.date(2025, 1, 1) + dt.timedelta(days=draw(st.integers(0, 150))),
            prefers_gender=draw(st.sampled_from([None, None, "f"])),
            education=draw(st.sampled_from([None, "master", "secondary"])),
            prefers_similar_background=draw(st.booleans()),
        )
        for i in range(n)
    ]
    mentors = [
        person(
            "mentor",
            100 + j,
            languages=draw(LANGS),
            sector=draw(LABELS),
            occupation=draw(OCCUPATIONS),
            city=draw(st.sampled_from(["Gent", "Liège"])),
            free_places=draw(st.integers(1, 2)),
            gender=draw(st.sampled_from(["f", "m"])),
            hours_per_week=draw(st.sampled_from([None, 1.0, 3.0])),
            education=draw(st.sampled_from([None, "master", "doctorate"])),
        )
        for j in range(m)
    ]
    forbidden = {(e.id, r.id) for e in mentees for r in mentors if draw(st.integers(0, 9)) == 0}
    return mentees, mentors, forbidden, draw(st.sampled_from([0.0, 30.0, 50.0]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_assignment_is_optimal_and_respects_every_rule(problem):
    mentees, mentors, forbidden, min_score = problem
    scores = matching.score_pairs(mentees, mentors, RULES, as_of=AS_OF, forbidden=forbidden)
    proposal = matching.assign(scores, min_score=min_score)
    eligible = scores.allowed & (scores.score >= min_score)
    places = np.array([m.free_places for m in mentors])
    used = np.zeros(len(mentors), dtype=int)
    for i, j in proposal.pairs:
        assert eligible[i, j]
        assert (mentees[i].id, mentors[j].id) not in forbidden
        assert mentees[i].languages & mentors[j].languages
        assert mentees[i].city == mentors[j].city
        assert mentees[i].prefers_gender in (None, mentors[j].gender)
        used[j] += 1
    assert (used <= places).all()
    assert len({i for i, _ in proposal.pairs}) == len(proposal.pairs)
    total = sum(scores.score[i, j] for i, j in proposal.pairs)
    best_count, best_total = brute_force(eligible, scores.score, places)
    assert len(proposal.pairs) == best_count
    assert total == pytest.approx(best_total, abs=1e-6)
    assert {i for i, _ in proposal.unmatched} | {i for i, _ in proposal.pairs} == set(
        range(len(mentees))
    )


@settings(max_examples=60, deadline=None)
@given(problems())
def test_pins_are_kept_and_the_rest_stays_optimal(problem):
    mentees, mentors, forbidden, min_score = problem
    scores = matching.score_pairs(mentees, mentors, RULES, as_of=AS_OF, forbidden=forbidden)
    allowed = np.argwhere(scores.allowed)
    if not len(allowed):
        return
    i, j = (int(x) for x in allowed[0])
    proposal = matching.assign(scores, min_score=min_score, pins=[(i, j)])
    assert (i, j) in proposal.pairs
    places = np.array([m.free_places for m in mentors])
    places[j] -= 1
    eligible = scores.allowed & (scores.score >= min_score)
    eligible[i, :] = False
    rest = [(a, b) for a, b in proposal.pairs if (a, b) != (i, j)]
    best_count, best_total = brute_force(eligible, scores.score, places)
    assert len(rest) == best_count
    assert sum(scores.score[a, b] for a, b in rest) == pytest.approx(best_total, abs=1e-6)


def test_same_inputs_same_scores():
    mentees = [person("mentee", i, sector=s) for i, s in enumerate(["haven", "zorg", "IT"])]
    mentors = [person("mentor", 10 + i, sector=s) for i, s in enumerate(["soins", "ICT"])]
    a = matching.score_pairs(mentees, mentors, RULES, as_of=AS_OF)
    b = matching.score_pairs(mentees, mentors, RULES, as_of=AS_OF)
    assert (a.score == b.score).all()
    assert sum(matching.breakdown(a, 0, 0).values()) == pytest.approx(a.score[0, 0], abs=0.5)
