"""Frames: cue profiles with evidence, loaded language, and the trainable classifier."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import Article, FramingError, sentences
from analysis.measures import (
    FRAME_SCORE_COLUMNS,
    PROFILE_COLUMNS,
    dominant_frames,
    frame_profile,
    frame_scores,
    load_scheme,
    loaded_language,
)
from analysis.report.explore import cue_sentences_html as highlight_cues
from analysis.report.plots import plot_frame_heatmap, plot_frame_profile, plot_frame_strip

from .helpers import P


def table_of(text: str, article_id: str = "t"):
    return sentences(Article.from_text(text, article_id=article_id))


def top_frame(text: str, scheme: str = "policy") -> str:
    scores = frame_scores(P(table_of(text)), scheme=scheme)
    best = scores.sort_values(["score", "frame"], ascending=[False, True], kind="mergesort").iloc[0]
    assert best.score > 0, text
    return best.frame


def test_synthetic_sentences_score_the_right_frames():
    assert top_frame("New tariffs on steel imports will raise prices for businesses.") == "economic"
    assert (
        top_frame("Troops and missiles were moved to the border overnight.")
        == "security_and_defense"
    )
    assert (
        top_frame("The supreme court ruling struck down the law as unconstitutional.") == "legality"
    )
    assert (
        top_frame(
            "The two parties clashed bitterly, and each side accused the other.", scheme="generic"
        )
        == "conflict"
    )


def test_stem_matching_finds_inflections():
    scores = frame_scores(
        P(table_of("Washington sanctioned the bank; more sanctions followed.")), scheme="policy"
    )
    cues = scores.set_index("frame").at["external_regulation_and_reputation", "cues"]
    assert cues == ["sanctioned", "sanctions"]


def test_evidence_cues_are_substrings_of_their_sentence(seed_sentences):
    scores = frame_scores(P(seed_sentences), scheme="policy")
    assert list(scores.columns) == FRAME_SCORE_COLUMNS
    texts = seed_sentences.set_index("sentence_id")["text_norm"]
    checked = 0
    for row in scores.itertuples():
        assert row.score == len(row.cues)
        for cue in row.cues:
            assert cue in texts[row.sentence_id]
            checked += 1
    assert checked > 30


def test_seed_profile_is_face_valid(seed_sentences):
    policy = frame_profile(frame_scores(P(seed_sentences), scheme="policy"))
    assert list(policy.columns) == PROFILE_COLUMNS
    leading = set(policy[policy["rank"] <= 5]["frame"])
    assert {
        "security_and_defense",
        "external_regulation_and_reputation",
        "political",
        "economic",
    } <= leading
    assert policy.iloc[0]["frame"] in {"security_and_defense", "external_regulation_and_reputation"}
    for absent in ("health_and_safety", "morality", "quality_of_life"):
        assert policy.set_index("frame").at[absent, "n_cues"] == 0
    generic = frame_profile(frame_scores(P(seed_sentences), scheme="generic"))
    assert generic.iloc[0]["frame"] == "conflict"
    assert "economic" in set(generic[generic["rank"] <= 2]["frame"])
    dominant = dominant_frames(policy, top_n=3)
    assert 1 <= len(dominant) <= 3 and (dominant["share_of_sentences"] >= 0.1).all()


def test_profile_numbers_add_up():
    table = table_of("Tariffs hit trade. Prices rose. The weather was mild.")
    profile = frame_profile(frame_scores(P(table), scheme="policy")).set_index("frame")
    economic = profile.loc["economic"]
    assert economic.n_cues == 3 and economic.n_sentences == 2
    assert economic.share_of_sentences == pytest.approx(2 / 3)
    assert economic.cues_per_1k == pytest.approx(1000 * 3 / table["n_words"].sum())
    assert economic.first_sentence_id == 0


def test_user_lexicon_replaces_the_built_in_one(tmp_path, seed_sentences):
    path = tmp_path / "frames.yaml"
    path.write_text(
        "scheme: mine\nframes:\n  drones:\n    label: Drone warfare\n    cues: [drone, shahed]\n",
        encoding="utf-8",
    )
    scores = frame_scores(P(seed_sentences), scheme=path)
    assert set(scores["frame"]) == {"drones"}
    assert scores["score"].sum() == 2  # "Shahed drones"
    mapping = frame_scores(P(seed_sentences), scheme={"frames": {"treaty": {"cues": ["treaty"]}}})
    assert mapping["score"].sum() == 6


def test_bad_schemes(tmp_path, seed_sentences):
    with pytest.raises(FramingError, match="no such frame scheme"):
        frame_scores(P(seed_sentences), scheme="nonsense")
    bad = tmp_path / "bad.yaml"
    bad.write_text("frames: [a, b]\n", encoding="utf-8")
    with pytest.raises(FramingError, match="frames"):
        load_scheme(bad)


def test_empty_inputs():
    assert frame_scores(P(sentences([]))).empty
    assert frame_profile(frame_scores(P(sentences([])))).empty
    assert loaded_language(sentences([])).empty


def test_loaded_language_on_the_seed(seed_article, seed_sentences):
    loaded = loaded_language(seed_sentences)
    found = {(r.term.lower(), r.category) for r in loaded.itertuples()}
    assert ("destabilizing", "negative") in found
    assert ("breakthrough", "positive") in found
    for row in loaded.itertuples():
        assert seed_article.text[row.char_start : row.char_end] == row.term


def test_highlight_cues(seed_sentences):
    scores = frame_scores(P(seed_sentences), scheme="policy")
    html = highlight_cues(scores, seed_sentences, frames=["security_and_defense"])
    assert "<mark>drones</mark>" in html and "<table" in html
    assert "No sentence" in highlight_cues(scores, seed_sentences, frames=["morality"])


def test_frame_plots(seed_sentences):
    fig, axes = plt.subplots(1, 3)
    scores = frame_scores(P(seed_sentences), scheme="policy")
    profile = frame_profile(scores)
    assert plot_frame_profile(profile, ax=axes[0], top_n=6) is axes[0]
    assert len(axes[0].patches) == 6
    other = frame_profile(
        frame_scores(P(table_of("Tariffs rose. Prices rose.", "grain")), scheme="policy")
    )
    fig2, ax2 = plt.subplots()
    plot_frame_profile(pd.concat([profile, other]), ax=ax2, top_n=4)
    assert len(ax2.patches) == 8 and ax2.get_legend() is not None
    assert plot_frame_heatmap(scores, ax=axes[1]) is axes[1]
    assert plot_frame_strip(scores, ax=axes[2]) is axes[2]


# ------------------------------------------------------- cue senses (issue 16)
def cues_of(text: str, scheme: str = "policy") -> dict[str, list[str]]:
    """Frame -> matched cues of a one-paragraph article's body."""
    scores = frame_scores(P(table_of(f"A headline\n\n{text}")), scheme=scheme)
    body = scores[(scores["role"] == "body") & (scores["score"] > 0)]
    return {f: list(c) for f, c in zip(body["frame"], body["cues"], strict=True)}


def test_a_cue_inside_a_title_or_a_name_does_not_count():
    text = "Home Secretary Jane Doe said the South West would get more police officers."
    assert "human_interest" not in cues_of(text, "generic")  # "home" in Home Secretary
    assert "external_regulation_and_reputation" not in cues_of(text)  # "west" in South West
    text = "The foreign secretary visited Leeds on Monday."
    assert "external_regulation_and_reputation" not in cues_of(text)
    # a cue that is a whole title or a whole name still counts
    assert cues_of("The president-elect spoke in Ohio.")["political"] == ["president-elect"]
    assert cues_of("NATO and the West imposed new sanctions.")[
        "external_regulation_and_reputation"
    ] == ["NATO", "West", "sanctions"]


def test_a_cue_counts_only_in_the_part_of_speech_its_entry_names():
    assert "security_and_defense" not in cues_of("The company secured a contract in May.")
    assert cues_of("Security forces guarded the border.")["security_and_defense"] == [
        "Security",
        "forces",
        "border",
    ]


def test_labour_strikes_are_not_military_strikes():
    labour = "Rail workers began strikes over pay, and the union said more strikes would follow."
    assert "security_and_defense" not in cues_of(labour)
    assert cues_of("Air strikes hit the city overnight.")["security_and_defense"] == ["strikes"]


def test_a_phrasal_verb_is_not_its_verb():
    assert "quality_of_life" not in cues_of("The new stadium failed to live up to its promise.")
    assert "quality_of_life" in cues_of("The cost of living rose again for poor families.")


def test_multi_word_units_hide_their_words():
    assert "economic" not in cues_of("The oil spill fouled forty miles of beaches.")
    assert "economic" not in cues_of("The oil spill fouled forty miles of beaches.", "generic")
    assert cues_of("The oil spill fouled beaches.")["health_and_safety"] == ["oil spill"]
    assert "economic" in cues_of("Oil prices rose sharply.")


def test_unfair_treatment_scores_fairness():
    text = "Migrants say they are treated as second-class citizens and unfairly denied jobs."
    assert cues_of(text)["fairness_and_equality"] == ["second-class", "unfairly"]


def test_negated_cues_are_noted():
    scores = frame_scores(
        P(table_of("A headline\n\nOfficials said there was no threat to the public.")),
        scheme="generic",
    )
    row = scores[(scores["frame"] == "conflict") & (scores["score"] > 0)].iloc[0]
    assert row["cues"] == ["threat"] and row["negated"] == ["threat"]
    plain = frame_scores(P(table_of("A headline\n\nThe threat grew.")), scheme="generic")
    assert all(n == [] for n in plain["negated"])


def test_lexicon_entries_can_carry_constraints():
    scheme = {
        "frames": {
            "labour": {"cues": [{"cue": "strike", "pos": ["NOUN"], "unless": ["air"]}]},
            "names": {"cues": [{"cue": "home", "in_names": True}]},
        }
    }
    text = "A headline\n\nThe strike closed schools. Air strikes followed. They strike back. Home Secretary Jo Bloggs spoke."
    scores = frame_scores(P(table_of(text)), scheme=scheme)
    found = scores[scores["score"] > 0].groupby("frame")["cues"].sum().to_dict()
    assert found == {"labour": ["strike"], "names": ["Home"]}
    with pytest.raises(FramingError, match="unknown keys"):
        load_scheme({"frames": {"x": {"cues": [{"cue": "a", "sense": "b"}]}}})
    with pytest.raises(FramingError, match="neither a word nor a mapping"):
        load_scheme({"frames": {"x": {"cues": [["a"]]}}})


def test_committing_a_crime_is_no_pledge():
    text = "About 20 veterans commit suicide every day, and few who commit crimes are caught."
    assert "responsibility" not in cues_of(text, "generic")
    pledge = "The government must commit to a plan and keep its commitment."
    assert cues_of(pledge, "generic")["responsibility"] == ["commit", "commitment"]


def test_a_cue_is_its_own_word_not_another_of_the_same_stem():
    # Porter gives "response"/"responsible", "internal"/"international",
    # "related"/"relations", "customers"/"customs", "important"/"import" one stem each
    generic = cues_of(
        "In response to the report, it is important that accounts are kept; the minister demanded an inquiry.",
        "generic",
    )
    assert generic.get("responsibility") == ["demanded"]
    assert "economic" not in generic
    policy = cues_of("Internal rules related to customers were changed.")
    assert "external_regulation_and_reputation" not in policy
    assert "cultural_identity" not in policy
    # an inflection is the same word; a derivation counts where the lexicon lists it
    assert cues_of("The minister was sanctioned.")["external_regulation_and_reputation"] == [
        "sanctioned"
    ]
    found = cues_of("Investigators said the attackers were known to police.")
    assert found["crime_and_punishment"] == ["Investigators", "police"]
    assert found["security_and_defense"] == ["attackers"]


def test_fees_and_charges_and_the_world_of_cinema_are_other_senses():
    fees = cues_of("Customers complained about fees and charges on their accounts.")
    assert "crime_and_punishment" not in fees
    assert cues_of("He was charged with fraud.")["crime_and_punishment"] == ["charged", "fraud"]
    film = cues_of("A guide to the world of cinema: the film has its world premiere in London.")
    assert "external_regulation_and_reputation" not in film
    leaders = cues_of("World leaders met in Geneva.")
    assert leaders["external_regulation_and_reputation"] == ["World leaders"]
    conflict = cues_of("The senator has been critical of the plan.", "generic")
    assert conflict["conflict"] == ["critical of"]
    assert "conflict" not in cues_of("The victim is in critical condition.", "generic")


def test_a_job_well_done_is_praise_not_employment():
    assert "economic" not in cues_of("The bowlers did a fantastic job on Saturday.", "generic")
    assert "economic" not in cues_of("They are doing their jobs well, the coach said.", "generic")
    lost = cues_of("The factory will create 300 jobs, and she lost her job in May.", "generic")
    assert lost["economic"] == ["jobs", "job"]


def test_a_cue_constraint_must_be_a_list_of_words(tmp_path):
    bad = {
        "scheme": "x",
        "frames": {"e": {"label": "E", "cues": [{"cue": "job", "governed_by": 3}]}},
    }
    with pytest.raises(FramingError, match="governed_by"):
        frame_scores(P(sentences(Article.from_text("She found a job."))), scheme=bad)


def test_a_company_president_a_birthday_party_and_a_marketing_campaign_are_not_politics():
    for text in (
        "The company's president resigned on Monday.",
        "The president of the tennis club said members were pleased.",
        "She threw a birthday party for her son.",
        "The marketing campaign for the phone starts in May.",
        "Apple is the market leader in phones.",
        "The company's growth strategy worked.",
    ):
        assert "political" not in cues_of(text), text
    # the sense the frame means still counts, even with such a word elsewhere in the sentence
    assert cues_of("The president praised the company.")["political"] == ["president"]
    assert cues_of("The party won the election.")["political"] == ["party", "election"]
    assert "party" in cues_of("Tea party supporters backed the senator.")["political"]
    assert "strategy" in cues_of("Labour's election strategy worked.")["political"]


def test_a_phrase_constraint_must_be_a_list_of_words():
    scheme = {
        "scheme": "x",
        "frames": {"f": {"label": "F", "cues": [{"cue": "party", "unless_in_phrase": 3}]}},
    }
    with pytest.raises(FramingError, match="unless_in_phrase"):
        load_scheme(scheme)


def _body_rows(text: str, scheme: str = "policy"):
    scores = frame_scores(P(table_of(f"A headline\n\n{text}")), scheme=scheme)
    return scores[scores["role"] == "body"].set_index("frame")


@pytest.mark.parametrize(
    ("text", "frame", "cue", "other"),
    [
        # the same word in its frame's sense and in another: the sentence decides
        (
            "Lawmakers voted to raise the minimum wage after a long debate in parliament.",
            "political",
            "voted",
            None,
        ),
        (
            "Viewers voted by phone to evict the housemate from the reality television show.",
            "political",
            "voted",
            "arts and entertainment|private life",
        ),
        (
            "The appeals court upheld the conviction and the sentence imposed by the judge.",
            "legality",
            "court",
            None,
        ),
        (
            "The champion walked off the court after losing the final set of the tennis match.",
            "legality",
            "court",
            "sport",
        ),
        (
            "The virus has spread to three more hospitals, health officials said.",
            "health_and_safety",
            "virus",
            None,
        ),
        (
            "A computer virus spread through email attachments and crashed the software on the network.",
            "health_and_safety",
            "virus",
            "technology",
        ),
        (
            "World leaders arrived for the summit on sanctions and trade.",
            "external_regulation_and_reputation",
            "summit",
            None,
        ),
        (
            "The climbers reached the summit of the mountain after a storm of wind and snow.",
            "external_regulation_and_reputation",
            "summit",
            "weather and nature",
        ),
    ],
)
def test_a_cue_counts_only_where_its_sentence_fits_its_frame(text, frame, cue, other):
    row = _body_rows(text).loc[frame]
    if other is None:
        assert cue in row["cues"], (text, row["dropped"])
        reason = row["reasons"][row["cues"].index(cue)]
        assert reason.startswith("counted")
    else:
        assert cue not in row["cues"], text
        ((word, why),) = [d for d in row["dropped"] if d[0] == cue]
        assert why.startswith("another sense") and any(d in why for d in other.split("|"))


def test_every_counted_cue_keeps_its_reason_and_every_dropped_one_says_why():
    text = (
        "The army said the attack on the base killed twelve soldiers, while the home "
        "secretary's proposal for the strike was dismissed by the Home Office."
    )
    for scheme in ("policy", "generic"):
        scores = frame_scores(P(table_of(f"A headline\n\n{text}")), scheme=scheme)
        for row in scores.itertuples():
            assert len(row.reasons) == len(row.cues)
            assert all(r.startswith("counted") for r in row.reasons)
            assert all(len(d) == 2 and d[1] for d in row.dropped)
    rows = _body_rows(text)
    assert "attack" in rows.loc["security_and_defense", "cues"]
    # a phrase of the lexicon names its own sense and is not checked against the context
    spill = _body_rows("The oil spill fouled forty miles of sandy beaches and rocky coast.")
    assert spill.loc["health_and_safety", "reasons"] == [
        "counted: a phrase of the lexicon, one sense"
    ]


def test_a_scheme_without_a_context_check_counts_cues_in_any_context():
    mapping = load_scheme("policy").to_mapping()
    assert mapping["context_check"] == {"margin": 0.3}
    mapping.pop("context_check")
    text = (
        "A computer virus spread through email attachments and crashed the software on the network."
    )
    scores = frame_scores(P(table_of(f"A headline\n\n{text}")), scheme=mapping)
    row = scores[(scores["role"] == "body")].set_index("frame").loc["health_and_safety"]
    assert row["cues"] == ["virus"] and row["dropped"] == []


@pytest.mark.parametrize(
    "check",
    [{"margin": 0}, {"margin": "wide"}, {"margin": 3}, {"width": 0.3}, [0.3], {"margin": True}],
)
def test_a_bad_context_check_is_a_clear_error(check):
    mapping = load_scheme("policy").to_mapping()
    mapping["context_check"] = check
    with pytest.raises(FramingError, match="context_check"):
        load_scheme(mapping)
