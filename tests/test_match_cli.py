"""match, match --mentee, unmatch, as a coordinator and a script use them."""

from __future__ import annotations

from conftest import count


def enrol(cli, role, name, city="Gent", languages="nl", sector="logistiek", *extra):
    return int(
        cli(
            "enrol",
            role,
            "--name",
            name,
            "--city",
            city,
            "--languages",
            languages,
            "--sector",
            sector,
            "--enrolled-on",
            "2025-03-01",
            *extra,
        ).stdout
    )


def small_programme(cli):
    ids = {}
    ids["amina"] = enrol(cli, "mentee", "Amina Benali", "Gent", "nl,ar", "zorg")
    ids["omar"] = enrol(
        cli, "mentee", "Omar Haddad", "Gent", "nl", "haven", "--occupation", "logistiek medewerker"
    )
    ids["dawit"] = enrol(cli, "mentee", "Dawit Tesfaye", "Gent", "ti", "bouw")
    ids["sofie"] = enrol(cli, "mentor", "Sofie Maes", "Gent", "nl,en", "verpleegkundige zorg")
    ids["jan"] = enrol(
        cli,
        "mentor",
        "Jan Peeters",
        "Gent",
        "nl",
        "port logistics",
        "--occupation",
        "medewerker logistiek",
    )
    ids["luc"] = enrol(cli, "mentor", "Luc Dubois", "Liège", "fr", "bouw")
    return ids


def test_whole_list_json_shape_and_reasons(cli):
    ids = small_programme(cli)
    result = cli.json("match")
    pairs = {(p["mentee_id"], p["mentor_id"]) for p in result["pairs"]}
    assert pairs == {(ids["amina"], ids["sofie"]), (ids["omar"], ids["jan"])}
    for pair in result["pairs"]:
        assert {
            "mentee_id",
            "mentee_name",
            "mentor_id",
            "mentor_name",
            "score",
            "reasons",
            "trajectory_id",
        } <= set(pair)
        assert pair["trajectory_id"] is None and 0 <= pair["score"] <= 100
    omar = next(p for p in result["pairs"] if p["mentee_id"] == ids["omar"])
    assert any("transportation and storage" in r for r in omar["reasons"])
    assert any("similar occupation" in r for r in omar["reasons"])
    [left] = result["unmatched"]
    assert left == {
        "mentee_id": ids["dawit"],
        "mentee_name": "Dawit Tesfaye",
        "city": "Gent",
        "why": "no free mentor in Gent speaks ti",
    }
    assert count_trajectories(cli) == 0  # without --apply nothing is written


def count_trajectories(cli):
    return sum(
        len(cli.json("show", str(m["id"]))["trajectories"]) for m in cli.json("list", "mentees")
    )


def test_apply_creates_trajectories_with_planned_end(cli, db_path):
    ids = small_programme(cli)
    result = cli.json("match", "--apply", "--start-date", "2025-05-31")
    assert all(isinstance(p["trajectory_id"], int) for p in result["pairs"])
    record = cli.json("show", str(ids["amina"]))
    [trajectory] = record["trajectories"]
    assert trajectory["started_on"] == "2025-05-31"
    assert trajectory["planned_end"] == "2025-11-30"
    assert record["status"] == "matched"
    assert cli.json("show", str(ids["sofie"]))["status"] == "full"
    assert count(db_path, "trajectories") == 2
    again = cli.json("match", "--apply")
    assert again["pairs"] == []  # nobody left to pair


def test_table_output_without_terminal_only_prints(cli, db_path):
    small_programme(cli)
    result = cli("match")
    assert "Amina Benali" in result.stdout and "left waiting" in result.stdout
    assert "Nothing was changed" in result.stderr
    assert count(db_path, "trajectories") == 0


def test_forbid_is_remembered_and_pin_is_kept(cli):
    ids = small_programme(cli)
    cli("match", "--forbid", f"{ids['amina']}:{ids['sofie']}", "--format", "json")
    result = cli.json("match")
    assert (ids["amina"], ids["sofie"]) not in {
        (p["mentee_id"], p["mentor_id"]) for p in result["pairs"]
    }
    pinned = cli.json("match", "--pin", "Omar Haddad:Sofie Maes")
    assert (ids["omar"], ids["sofie"]) in {
        (p["mentee_id"], p["mentor_id"]) for p in pinned["pairs"]
    }
    assert next(p for p in pinned["pairs"] if p["mentee_id"] == ids["omar"])["pinned"] is True


def test_bad_pins_are_refused(cli):
    ids = small_programme(cli)
    assert (
        "no shared language" in cli("match", "--pin", f"{ids['dawit']}:{ids['jan']}", code=1).stderr
    )
    assert "another city" in cli("match", "--pin", f"{ids['amina']}:{ids['luc']}", code=1).stderr
    assert "not MENTEE:MENTOR" in cli("match", "--pin", "1-4", code=1).stderr
    assert (
        "is a mentor, not a mentee"
        in cli("match", "--pin", f"{ids['jan']}:{ids['jan']}", code=1).stderr
    )


def test_one_mentee_ranking_matches_the_whole_list_scores(cli):
    ids = small_programme(cli)
    whole = {(p["mentee_id"], p["mentor_id"]): p["score"] for p in cli.json("match")["pairs"]}
    for mentee in ("amina", "omar"):
        ranked = cli.json("match", "--mentee", str(ids[mentee]), "--top", "0")
        assert ranked["mentee_id"] == ids[mentee]
        scores = [c["score"] for c in ranked["candidates"]]
        assert scores == sorted(scores, reverse=True)
        for candidate in ranked["candidates"]:
            key = (ids[mentee], candidate["mentor_id"])
            if key in whole:
                assert whole[key] == candidate["score"]
    amina = cli.json("match", "--mentee", "amina", "--top", "0")
    assert [c["mentor_id"] for c in amina["candidates"]] == [ids["sofie"], ids["jan"]]
    assert len(cli.json("match", "--mentee", "amina", "--top", "1")["candidates"]) == 1
    high = cli.json("match", "--mentee", "amina", "--top", "0", "--min-score", "99")
    assert high["candidates"] == []


def test_min_score_leaves_mentees_waiting_with_the_reason(cli):
    small_programme(cli)
    result = cli.json("match", "--min-score", "99")
    assert result["pairs"] == []
    assert any("below 99" in u["why"] for u in result["unmatched"])


def test_unmatch_only_before_any_session(cli, db_path):
    ids = small_programme(cli)
    result = cli.json("match", "--apply")
    trajectory = result["pairs"][0]["trajectory_id"]
    cli("unmatch", str(trajectory))
    assert count(db_path, "trajectories") == 1
    mentee = result["pairs"][0]["mentee_id"]
    assert cli.json("show", str(mentee))["status"] == "waiting"
    actions = [e["action"] for e in cli.json("show", str(mentee))["events"]]
    assert actions[-2:] == ["match", "unmatch"]
    assert "no trajectory 99" in cli("unmatch", "99", code=1).stderr
    assert ids  # the programme was built


def test_ticking_pairs_on_a_terminal(cli, monkeypatch, db_path):
    from mentorcli.ui import prompts

    small_programme(cli)
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "checkbox", lambda label, options: [options[0][1]])
    result = cli("match")
    assert "Started 1 trajectory" in result.stderr
    assert count(db_path, "trajectories") == 1


def test_a_city_with_many_mentees_and_few_mentors(cli):
    for n in range(4):
        enrol(
            cli,
            "mentee",
            ["Amina Benali", "Omar Haddad", "Dawit Tesfaye", "Leyla Rahimi"][n],
            "Gent",
            "nl",
            "zorg",
        )
    enrol(cli, "mentor", "Only Mentor", "Gent", "nl", "zorg", "--capacity", "2")
    result = cli.json("match", "--city", "gent")
    assert len(result["pairs"]) == 2
    assert all("mentors ran out" in u["why"] for u in result["unmatched"])


def test_relaxing_the_city_rule_allows_other_cities(cli):
    ids = small_programme(cli)
    strict = cli.json("match", "--mentee", str(ids["dawit"]), "--top", "0")
    assert strict["candidates"] == []
    cli(
        "enrol",
        "mentor",
        "--name",
        "Abebe Girma",
        "--city",
        "Liège",
        "--languages",
        "ti,fr",
        "--sector",
        "bouw",
    )
    assert cli.json("match", "--mentee", str(ids["dawit"]), "--top", "0")["candidates"] == []
    cli("config", "set", "match.same_city", "false")
    relaxed = cli.json("match", "--mentee", str(ids["dawit"]), "--top", "0")
    [candidate] = relaxed["candidates"]
    assert candidate["mentor_name"] == "Abebe Girma"
    assert any("another city" in r for r in candidate["reasons"])


def test_weights_from_config_change_the_scores(cli):
    ids = small_programme(cli)
    before = cli.json("match", "--mentee", str(ids["omar"]), "--top", "0")["candidates"]
    cli("config", "set", "weight.sector", "0")
    after = cli.json("match", "--mentee", str(ids["omar"]), "--top", "0")["candidates"]
    jan_before = next(c["score"] for c in before if c["mentor_id"] == ids["jan"])
    jan_after = next(c["score"] for c in after if c["mentor_id"] == ids["jan"])
    assert jan_after < jan_before
    assert (
        "sector" not in next(c for c in after if c["mentor_id"] == ids["jan"])["breakdown"]
        or next(c for c in after if c["mentor_id"] == ids["jan"])["breakdown"]["sector"] == 0
    )


def test_who_took_the_first_choice_is_explained(cli):
    # Both mentees fit Sofie best; only one gets her, the other is told who did.
    first = enrol(
        cli, "mentee", "Amina Benali", "Gent", "nl", "zorg", "--occupation", "verpleegkundige"
    )
    second = enrol(
        cli, "mentee", "Hiba Rahimi", "Gent", "nl", "zorg", "--occupation", "zorgkundige"
    )
    sofie = enrol(
        cli, "mentor", "Sofie Maes", "Gent", "nl", "zorg", "--occupation", "verpleegkundige"
    )
    enrol(cli, "mentor", "Jan Peeters", "Gent", "nl", "bouw")
    pairs = {p["mentee_id"]: p for p in cli.json("match", "--min-score", "0")["pairs"]}
    assert pairs[first]["mentor_id"] == sofie and pairs[first]["rank"] == 1
    other = pairs[second]
    assert other["rank"] == 2
    assert other["first_choice"]["mentor_id"] == sofie
    assert other["first_choice"]["taken_by"] == ["Amina Benali"]
    table = " ".join(cli("match", "--min-score", "0").stdout.split())  # the reason may wrap
    assert "went to Amina Benali" in table
