"""The frame classifier: learns frames from labelled texts, works in scikit-learn
pipelines, saves to JSON that is checked before it is used."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline

from analysis import FramingError
from analysis.measures.frames import FrameClassifier

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


def test_a_saved_custom_lexicon_keeps_its_constraints_and_units(tmp_path):
    # "strike" near "union" is labour, not war; "oil" inside "oil price" is no cue
    scheme = {
        "units": ["oil price"],
        "frames": {
            "war": {"label": "War", "cues": [{"cue": "strike", "unless": ["union"]}, "troops"]},
            "energy": {"label": "Energy", "cues": ["oil"]},
        },
    }
    texts, labels = TRADE + WAR, ["economic"] * 10 + ["security"] * 10
    clf = FrameClassifier(scheme=scheme, cue_weight=5.0).fit(texts, labels)
    loaded = FrameClassifier.load(clf.save(tmp_path / "custom.json"))
    new = ["Union strike shuts the port", "Air strike on the base", "The oil price climbs"]
    from analysis.measures.frames import cue_matrix, load_scheme

    lexicon = load_scheme(clf.scheme)
    before = cue_matrix(new, lexicon).toarray()
    after = cue_matrix(new, load_scheme(loaded.scheme)).toarray()
    assert before.tolist() == after.tolist()
    war, energy = lexicon.frames.index("war"), lexicon.frames.index("energy")
    assert before[0, war] == 0 and before[1, war] > 0 and before[2, energy] == 0
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
    "stored cue with an unknown key": lambda p: p["params"].update(
        scheme={"frames": {"x": {"cues": [{"cue": "a", "exec": "os.system"}]}}}
    ),
    "stored cue constraint not words": lambda p: p["params"].update(
        scheme={"frames": {"x": {"cues": [{"cue": "a", "unless": {"b": 1}}]}}}
    ),
    "stored units not words": lambda p: p["params"].update(
        scheme={"units": [["a", "b"]], "frames": {"x": {"cues": ["a"]}}}
    ),
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


# ------------------------------------------------- scikit-learn conventions (issue 17)
def test_unfitted_use_raises_scikit_learns_not_fitted_error():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError, match="not fitted"):
        FrameClassifier().predict(["x"])
    with pytest.raises(FramingError):  # and the project's own error
        FrameClassifier().predict_proba(["x"])


def test_scikit_learns_api_checks_that_need_no_numeric_data():
    """check_estimator feeds numeric 2-D arrays, which a text classifier cannot take:
    the estimator declares string input (its tags), so check_estimator skips it with a
    SkipTestWarning; the API checks that do not depend on numeric input run here, and
    the behaviour the numeric checks test (fit returns self, parameters untouched,
    idempotent fit, clone) is tested on texts below."""
    from sklearn.exceptions import SkipTestWarning
    from sklearn.utils import estimator_checks as checks

    clf = FrameClassifier(embeddings=None)
    for check in (
        checks.check_no_attributes_set_in_init,
        checks.check_estimator_cloneable,
        checks.check_estimator_repr,
        checks.check_get_params_invariance,
        checks.check_set_params,
        checks.check_parameters_default_constructible,
        checks.check_do_not_raise_errors_in_init_or_set_params,
        checks.check_estimator_tags_renamed,
        checks.check_valid_tag_types,
        checks.check_mixin_order,
    ):
        check("FrameClassifier", clf)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        checks.check_estimator(clf)
    assert any(issubclass(w.category, SkipTestWarning) for w in caught)


def test_fit_returns_self_leaves_params_and_is_idempotent():
    from sklearn.base import clone

    texts, labels = TRADE + WAR, ["economic"] * 10 + ["security"] * 10
    clf = FrameClassifier(char_ngrams=None, embeddings=None)
    before = clf.get_params()
    assert clf.fit(texts, labels) is clf
    assert clf.get_params() == before
    first = clf.predict_proba(texts)
    assert np.array_equal(clf.fit(texts, labels).predict_proba(texts), first)
    twin = clone(clf)
    assert not hasattr(twin, "models_") and twin.get_params() == before
    assert np.array_equal(twin.fit(texts, labels).predict_proba(texts), first)


def test_the_svm_s_probabilities_agree_with_its_predictions_and_are_calibrated():
    texts, labels = TRADE + WAR, ["economic"] * 10 + ["security"] * 10
    clf = FrameClassifier().fit(texts, labels)
    assert clf.model == "svm" and clf.temperature_ > 0
    new = ["Prices of grain climb", "Soldiers patrol the capital", "Shares slide as rates rise"]
    proba = clf.predict_proba(new)
    assert np.allclose(proba.sum(axis=1), 1)
    assert list(clf.classes_[proba.argmax(axis=1)]) == list(clf.predict(new))
    # a clear headline is more probable in its frame than an unclear one
    clear = clf.predict_proba(["Troops and tanks shell the border town"])[0, 1]
    unclear = clf.predict_proba(["A quiet day"])[0].max()
    assert clear > unclear


def test_c_defaults_to_the_models_own_and_a_given_one_is_kept():
    texts, labels = TRADE + WAR, ["economic"] * 10 + ["security"] * 10
    assert FrameClassifier().fit(texts, labels).C_ == 0.3
    assert FrameClassifier(model="logistic").fit(texts, labels).C_ == 10.0
    given = FrameClassifier(C=2.0).fit(texts, labels)
    assert given.C_ == 2.0 and given.get_params()["C"] == 2.0
    assert FrameClassifier().fit(texts, labels).get_params()["C"] is None


def test_the_logistic_model_and_files_saved_before_the_svm_still_work(tmp_path):
    texts, labels = TRADE + WAR, ["economic"] * 10 + ["security"] * 10
    logistic = FrameClassifier(model="logistic").fit(texts, labels)
    assert list(logistic.predict(["Tariffs hit exports", "Missiles hit the base"])) == [
        "economic",
        "security",
    ]
    path = logistic.save(tmp_path / "old.json")
    stored = json.loads(path.read_text())
    del stored["params"]["model"], stored["temperature"]  # as written by version 0.2
    path.write_text(json.dumps(stored))
    again = FrameClassifier.load(path)
    assert again.model == "logistic"
    assert np.allclose(again.predict_proba(texts), logistic.predict_proba(texts))
    with pytest.raises(FramingError, match="model"):
        FrameClassifier(model="forest").fit(texts, labels)
