"""Frames: cue profiles with evidence, loaded language, and the trainable classifier."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline

from analysis import Article, FramingError, sentences
from analysis.frames import (
    FRAME_SCORE_COLUMNS,
    PROFILE_COLUMNS,
    FrameClassifier,
    dominant_frames,
    frame_profile,
    frame_scores,
    highlight_cues,
    load_scheme,
    loaded_language,
)
from analysis.plotting import plot_frame_heatmap, plot_frame_profile, plot_frame_strip


def table_of(text: str, article_id: str = "t"):
    return sentences(Article.from_text(text, article_id=article_id))


def top_frame(text: str, scheme: str = "policy") -> str:
    scores = frame_scores(table_of(text), scheme=scheme)
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
        table_of("Washington sanctioned the bank; more sanctions followed."), scheme="policy"
    )
    cues = scores.set_index("frame").at["external_regulation_and_reputation", "cues"]
    assert cues == ["sanctioned", "sanctions"]


def test_evidence_cues_are_substrings_of_their_sentence(seed_sentences):
    scores = frame_scores(seed_sentences, scheme="policy")
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
    policy = frame_profile(frame_scores(seed_sentences, scheme="policy"))
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
    generic = frame_profile(frame_scores(seed_sentences, scheme="generic"))
    assert generic.iloc[0]["frame"] == "conflict"
    assert "economic" in set(generic[generic["rank"] <= 2]["frame"])
    dominant = dominant_frames(policy, top_n=3)
    assert 1 <= len(dominant) <= 3 and (dominant["share_of_sentences"] >= 0.1).all()


def test_profile_numbers_add_up():
    table = table_of("Tariffs hit trade. Prices rose. The weather was mild.")
    profile = frame_profile(frame_scores(table, scheme="policy")).set_index("frame")
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
    scores = frame_scores(seed_sentences, scheme=path)
    assert set(scores["frame"]) == {"drones"}
    assert scores["score"].sum() == 2  # "Shahed drones"
    mapping = frame_scores(seed_sentences, scheme={"frames": {"treaty": {"cues": ["treaty"]}}})
    assert mapping["score"].sum() == 6


def test_bad_schemes(tmp_path, seed_sentences):
    with pytest.raises(FramingError, match="no such frame scheme"):
        frame_scores(seed_sentences, scheme="nonsense")
    bad = tmp_path / "bad.yaml"
    bad.write_text("frames: [a, b]\n", encoding="utf-8")
    with pytest.raises(FramingError, match="frames"):
        load_scheme(bad)


def test_empty_inputs():
    assert frame_scores(sentences([])).empty
    assert frame_profile(frame_scores(sentences([]))).empty
    assert loaded_language(sentences([])).empty


def test_loaded_language_on_the_seed(seed_article, seed_sentences):
    loaded = loaded_language(seed_sentences)
    found = {(r.term.lower(), r.category) for r in loaded.itertuples()}
    assert ("destabilizing", "negative") in found
    assert ("breakthrough", "positive") in found
    for row in loaded.itertuples():
        assert seed_article.text[row.char_start : row.char_end] == row.term


def test_highlight_cues(seed_sentences):
    scores = frame_scores(seed_sentences, scheme="policy")
    html = highlight_cues(scores, seed_sentences, frames=["security_and_defense"])
    assert "<mark>drones</mark>" in html and "<table" in html
    assert "No sentence" in highlight_cues(scores, seed_sentences, frames=["morality"])


def test_frame_plots(seed_sentences):
    fig, axes = plt.subplots(1, 3)
    scores = frame_scores(seed_sentences, scheme="policy")
    profile = frame_profile(scores)
    assert plot_frame_profile(profile, ax=axes[0], top_n=6) is axes[0]
    assert len(axes[0].patches) == 6
    other = frame_profile(
        frame_scores(table_of("Tariffs rose. Prices rose.", "grain"), scheme="policy")
    )
    fig2, ax2 = plt.subplots()
    plot_frame_profile(pd.concat([profile, other]), ax=ax2, top_n=4)
    assert len(ax2.patches) == 8 and ax2.get_legend() is not None
    assert plot_frame_heatmap(scores, ax=axes[1]) is axes[1]
    assert plot_frame_strip(scores, ax=axes[2]) is axes[2]


# ------------------------------------------------------------------ classifier
TRADE = [
    "Tariffs on steel imports rise again",
    "Exporters warn of higher costs from new duties",
    "Trade talks stall over farm subsidies",
    "Currency slide lifts export prices",
    "Budget deficit widens as tax revenue falls",
    "Central bank raises interest rates to curb inflation",
    "Markets tumble on fears of a trade war",
    "Factory output slows as demand weakens",
    "Oil prices jump after supply cut",
    "Retail sales beat forecasts in December",
]
WAR = [
    "Troops advance on the northern front",
    "Missile strikes hit an air base overnight",
    "Army deploys tanks near the border",
    "Drone attack kills two soldiers",
    "Navy intercepts an armed vessel at sea",
    "Rebels shell the city for a third day",
    "Air defences shoot down incoming rockets",
    "Commander vows to retake the captured town",
    "Ceasefire collapses as fighting resumes",
    "Artillery fire pounds the eastern villages",
]


def test_classifier_learns_a_two_frame_task():
    texts, labels = TRADE + WAR, ["economic"] * 10 + ["security"] * 10
    clf = FrameClassifier().fit(texts, labels)
    assert list(clf.classes_) == ["economic", "security"]
    assert list(
        clf.predict(["Steel tariffs raise import prices", "Tanks and troops cross the border"])
    ) == ["economic", "security"]
    proba = clf.predict_proba(["Steel tariffs raise import prices"])
    assert proba.shape == (1, 2) and proba[0, 0] > 0.5 and np.isclose(proba.sum(), 1)
    evaluation = FrameClassifier().evaluate(texts, labels, cv=5)
    assert evaluation.accuracy >= 0.8
    assert set(evaluation.report["frame"]) >= {"economic", "security", "macro avg"}
    assert evaluation.confusion.loc["economic"].sum() == 10


def test_classifier_round_trips_through_save_and_load(tmp_path):
    texts, labels = TRADE + WAR, ["economic"] * 10 + ["security"] * 10
    clf = FrameClassifier().fit(texts, labels)
    path = clf.save(tmp_path / "model.json")
    json.loads(path.read_text())  # plain JSON, no pickle
    loaded = FrameClassifier.load(path)
    new = ["Prices of grain climb", "Soldiers patrol the capital", "A quiet day"]
    assert list(loaded.predict(new)) == list(clf.predict(new))
    assert np.allclose(loaded.predict_proba(new), clf.predict_proba(new))


def test_classifier_multilabel():
    texts = (
        TRADE + WAR + ["Sanctions and missile tests rattle markets", "War drives up fuel prices"]
    )
    labels = [["economic"]] * 10 + [["security"]] * 10 + [["economic", "security"]] * 2
    clf = FrameClassifier().fit(texts, labels)
    assert clf.multilabel_
    predicted = clf.predict(["Tariffs rise", "Troops advance"])
    assert predicted[0] == ["economic"] and predicted[1] == ["security"]
    assert clf.predict_proba(["Tariffs rise"]).shape == (1, 2)


def test_classifier_in_pipeline_and_grid_search():
    texts, labels = TRADE + WAR, ["economic"] * 10 + ["security"] * 10
    search = GridSearchCV(
        Pipeline([("frames", FrameClassifier(char_ngrams=None))]), {"frames__C": [0.5, 5.0]}, cv=2
    )
    search.fit(texts, labels)
    assert search.best_params_["frames__C"] in (0.5, 5.0)


def test_classifier_errors():
    with pytest.raises(FramingError, match="at least two"):
        FrameClassifier().fit(["a text", "another"], ["economic", "economic"])
    with pytest.raises(FramingError, match="no texts"):
        FrameClassifier().fit([], [])
    with pytest.raises(FramingError, match="not fitted"):
        FrameClassifier().predict(["x"])
    with pytest.raises(FramingError, match="pair up"):
        FrameClassifier().fit(["a", "b"], ["x"])
    with pytest.raises(FramingError, match="not a single string"):
        FrameClassifier().fit("a text", ["x"])


# ------------------------------------------------------- model files (issue 14)
@pytest.fixture(scope="module")
def saved_model(tmp_path_factory):
    texts = TRADE + WAR + ["Sanctions and missile tests rattle markets"]
    multi = [["economic"]] * 10 + [["security"]] * 10 + [["economic", "security"]]
    folder = tmp_path_factory.mktemp("models")
    single = FrameClassifier(char_ngrams=None).fit(
        TRADE + WAR, ["economic"] * 10 + ["security"] * 10
    )
    both = FrameClassifier(char_ngrams=None, embeddings=None, scheme=None).fit(texts, multi)
    return {
        "single": json.loads(single.save(folder / "single.json").read_text()),
        "multi": json.loads(both.save(folder / "multi.json").read_text()),
    }


def _crafted(payload, change):
    import copy

    payload = copy.deepcopy(payload)
    change(payload)
    return payload


CRAFTED = {
    "not an object": lambda p: p.clear() or p.update({"format": ["x"]}),
    "scheme is a path": lambda p: p["params"].update(scheme="/etc/passwd"),
    "scheme is a relative path": lambda p: p["params"].update(scheme="../secrets.yaml"),
    "unknown param": lambda p: p["params"].update(evil="os.system"),
    "C is a string": lambda p: p["params"].update(C="1"),
    "C is negative": lambda p: p["params"].update(C=-1),
    "ngrams of three": lambda p: p["params"].update(word_ngrams=[1, 2, 3]),
    "ngrams reversed": lambda p: p["params"].update(word_ngrams=[3, 1]),
    "embeddings unknown": lambda p: p["params"].update(embeddings="bert"),
    "classes missing": lambda p: p.pop("classes"),
    "classes not strings": lambda p: p.update(classes=[1, 2]),
    "multilabel a string": lambda p: p.update(multilabel="yes"),
    "vocabulary a list": lambda p: p["vectorizers"][0].update(vocabulary=["a"]),
    "vocabulary index out of range": lambda p: p["vectorizers"][0]["vocabulary"].update(
        {"zzz": 10**9}
    ),
    "idf too short": lambda p: p["vectorizers"][0].update(idf=p["vectorizers"][0]["idf"][:-1]),
    "idf not numbers": lambda p: p["vectorizers"][0]["idf"].__setitem__(0, "x"),
    "idf infinite": lambda p: p["vectorizers"][0]["idf"].__setitem__(0, float("inf")),
    "coef wrong width": lambda p: p["models"][0]["coef"][0].append(0.0),
    "coef not a list": lambda p: p["models"][0].update(coef="[[0]]"),
    "intercept missing": lambda p: p["models"][0].pop("intercept"),
    "two models for one label": lambda p: p["models"].append(p["models"][0]),
    "scaling missing": lambda p: p.update(embedding_standardisation=None),
    "scaling short": lambda p: p["embedding_standardisation"].update(mean=[0.0]),
    "extra key": lambda p: p.update(code="__import__('os')"),
    "nested scheme bad": lambda p: p["params"].update(scheme={"frames": {"x": {"cues": "a"}}}),
}


@pytest.mark.parametrize("name", list(CRAFTED))
def test_crafted_model_files_are_refused_at_load(tmp_path, saved_model, name):
    path = tmp_path / "model.json"
    path.write_text(json.dumps(_crafted(saved_model["single"], CRAFTED[name])), encoding="utf-8")
    with pytest.raises(FramingError, match="not a valid saved FrameClassifier|not a saved"):
        FrameClassifier.load(path)


@pytest.mark.parametrize(
    "content",
    ["", "null", "[]", '"text"', "{", "\xff\xfe", "[" * 100000 + "]" * 100000],
    ids=["empty", "null", "list", "string", "truncated", "binary", "deep"],
)
def test_damaged_model_files_are_refused(tmp_path, content):
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8", errors="surrogateescape")
    with pytest.raises(FramingError, match="not a (valid )?saved FrameClassifier"):
        FrameClassifier.load(path)


def test_multilabel_model_files_are_checked_too(tmp_path, saved_model):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(saved_model["multi"]))
    assert FrameClassifier.load(good).predict(["Tariffs rise"]) == [["economic"]]
    bad = _crafted(saved_model["multi"], lambda p: p["models"][0].update(classes=["a", "b"]))
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    with pytest.raises(FramingError, match=r"models\[0\]\.classes"):
        FrameClassifier.load(path)
