"""The saved FrameClassifier's file format, checked before anything is built from it.

:func:`check_model` reads a parsed JSON payload and returns the constructor parameters,
or raises :class:`~analysis.errors.FramingError` naming the first problem: every type,
length, shape and allowed value is checked, so a damaged or crafted file cannot reach
scikit-learn. No field can name a file to read or code to import (a custom lexicon is
stored in the file itself).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from ...errors import FramingError
from .scheme import load_scheme

__all__ = ["check_model", "MODEL_FORMAT", "MAX_MODEL_BYTES", "GLOVE_DIMENSIONS"]

MODEL_FORMAT = "news-framing FrameClassifier 1"
MAX_MODEL_BYTES = 500_000_000
GLOVE_DIMENSIONS = 50
_REQUIRED = {"params", "multilabel", "classes", "vectorizers", "models"}
_ALLOWED = _REQUIRED | {"format", "embedding_standardisation", "temperature"}


def check_model(payload: Any, source: Path, known_params: set[str]) -> dict[str, Any]:
    """The constructor parameters of a saved model (``known_params``: the estimator's
    parameter names), once every part of ``payload`` has been checked."""
    return _Check(source).run(payload, known_params)


def _number(value: Any) -> bool:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:  # JSON allows integers of any size: 10**400 is no float
        return math.isfinite(float(value))
    except OverflowError:
        return False


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _short(value: Any) -> bool:
    return isinstance(value, str) and len(value) < 200


def stored_cue(entry: Any) -> bool:
    """A cue of a stored lexicon: a short word or phrase, or a mapping with ``cue`` and
    the constraints ``pos`` (tags), ``unless`` (words) and ``in_names`` (bool)."""
    if _short(entry):
        return True
    if not isinstance(entry, dict) or not set(entry) <= {"cue", "pos", "unless", "in_names"}:
        return False
    pos, unless = entry.get("pos") or [], entry.get("unless") or []
    return (
        _short(entry.get("cue"))
        and (_short(pos) or (isinstance(pos, list) and len(pos) < 20 and all(map(_short, pos))))
        and (
            _short(unless)
            or (isinstance(unless, list) and len(unless) < 200 and all(map(_short, unless)))
        )
        and isinstance(entry.get("in_names", False), bool)
    )


def _stored_frame(key: Any, value: Any) -> bool:
    return (
        isinstance(key, str)
        and isinstance(value, dict)
        and set(value) <= {"label", "cues", "definition"}
        and isinstance(value.get("label", ""), str)
        and isinstance(value.get("definition", ""), str)
        and isinstance(value.get("cues", []), list)
        and all(stored_cue(c) for c in value.get("cues", []))
    )


class _Check:
    def __init__(self, source: Path):
        self.source = source

    def bad(self, what: str) -> FramingError:
        return FramingError(
            f"{self.source}: not a valid saved FrameClassifier: {what}. "
            "Save the model again with FrameClassifier.save, or retrain it."
        )

    def run(self, payload: Any, known: set[str]) -> dict[str, Any]:
        self.top(payload)
        params = self.params(payload["params"], known)
        multilabel, classes = self.classes(payload)
        n_features = self.vectorizers(payload["vectorizers"], params)
        if params["scheme"] is not None:
            n_features += len(load_scheme(params["scheme"]).frames)
        n_features += self.embeddings(payload.get("embedding_standardisation"), params)
        self.models(payload["models"], multilabel, classes, n_features)
        return params

    def numbers(self, value: Any, n: int | None, what: str) -> None:
        if not isinstance(value, list) or (n is not None and len(value) != n):
            raise self.bad(f"{what} must be a list of {n if n is not None else 'some'} numbers")
        if not all(_number(v) for v in value):
            raise self.bad(f"{what} holds something that is not a finite number")

    def ngram(self, value: Any, what: str, top: int) -> tuple[int, int]:
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(_whole(v) for v in value)
            or not 1 <= value[0] <= value[1] <= top
        ):
            raise self.bad(f"params.{what} must be two whole numbers 1 <= low <= high <= {top}")
        return (value[0], value[1])

    def top(self, payload: Any) -> None:
        if not isinstance(payload, dict):
            raise self.bad("the file is not a JSON object")
        if payload.get("format") != MODEL_FORMAT:
            raise self.bad(f"its format is not {MODEL_FORMAT!r}")
        if missing := _REQUIRED - payload.keys():
            raise self.bad(f"missing {', '.join(sorted(missing))}")
        if extra := payload.keys() - _ALLOWED:
            raise self.bad(f"unknown keys {', '.join(sorted(extra))}")
        temperature = payload.get("temperature", 1.0)
        if not _number(temperature) or not 0 < temperature < 1e6:
            raise self.bad("temperature must be a positive number")

    def params(self, params: Any, known: set[str]) -> dict[str, Any]:
        if not isinstance(params, dict) or not set(params) <= known:
            raise self.bad(f"params must be a mapping of {', '.join(sorted(known))}")
        params = dict(params)
        params.setdefault("embeddings", None)  # files saved before word vectors existed
        params["scheme"] = self.scheme(params.get("scheme", "policy"))
        for name in ("C", "cue_weight", "embedding_weight"):
            if (
                name in params
                and not _number(params[name])
                and not (name == "C" and params[name] is None)
            ):
                raise self.bad(f"params.{name} must be a number")
        if params.get("C") is not None and params["C"] <= 0:
            raise self.bad("params.C must be positive")
        params.setdefault("model", "logistic")  # files saved before the SVM was the default
        if params["model"] not in ("svm", "logistic"):
            raise self.bad("params.model must be 'svm' or 'logistic'")
        params["word_ngrams"] = self.ngram(params.get("word_ngrams", [1, 2]), "word_ngrams", 6)
        if params.get("char_ngrams") is not None:
            params["char_ngrams"] = self.ngram(params["char_ngrams"], "char_ngrams", 10)
        elif "char_ngrams" in params:
            params["char_ngrams"] = None
        if params["embeddings"] not in (None, "glove"):
            raise self.bad("params.embeddings must be 'glove' or null")
        self.training(params)
        return params

    def scheme(self, scheme: Any) -> Any:
        if isinstance(scheme, dict):
            frames, units = scheme.get("frames"), scheme.get("units", [])
            if (
                not set(scheme) <= {"frames", "units"}
                or not isinstance(units, list)
                or not all(_short(u) for u in units)
                or not isinstance(frames, dict)
                or not frames
                or not all(_stored_frame(k, v) for k, v in frames.items())
            ):
                raise self.bad(
                    "params.scheme must be 'generic', 'policy', null or a stored lexicon"
                )
        elif scheme not in (None, "generic", "policy"):
            raise self.bad("params.scheme must be 'generic', 'policy', null or a stored lexicon")
        return scheme

    def training(self, params: dict[str, Any]) -> None:
        min_df = params.get("min_df", 1)
        if not _number(min_df) or min_df <= 0:
            raise self.bad("params.min_df must be a positive number")
        weight = params.get("class_weight", "balanced")
        if not (
            weight in (None, "balanced")
            or (isinstance(weight, dict) and all(_number(v) for v in weight.values()))
        ):
            raise self.bad("params.class_weight must be 'balanced', null or a mapping of numbers")
        state = params.get("random_state", 0)
        if state is not None and not _whole(state):
            raise self.bad("params.random_state must be a whole number or null")

    def classes(self, payload: dict) -> tuple[bool, list]:
        multilabel = payload["multilabel"]
        if not isinstance(multilabel, bool):
            raise self.bad("multilabel must be true or false")
        classes = payload["classes"]
        if (
            not isinstance(classes, list)
            or len(classes) < (1 if multilabel else 2)
            or not all(isinstance(c, str) for c in classes)
            or len(set(classes)) != len(classes)
        ):
            raise self.bad("classes must be a list of distinct frame names")
        return multilabel, classes

    def vectorizers(self, vectorizers: Any, params: dict[str, Any]) -> int:
        """Checks the stored vectorizers; returns how many features they make."""
        expected = 1 if params.get("char_ngrams") is None else 2
        if not isinstance(vectorizers, list) or len(vectorizers) != expected:
            raise self.bad(f"vectorizers must be a list of {expected}")
        n_features = 0
        for k, stored in enumerate(vectorizers):
            if not isinstance(stored, dict) or set(stored) != {"vocabulary", "idf"}:
                raise self.bad(f"vectorizers[{k}] must hold a vocabulary and idf weights")
            vocabulary = stored["vocabulary"]
            if not isinstance(vocabulary, dict) or not vocabulary:
                raise self.bad(f"vectorizers[{k}].vocabulary must be a non-empty mapping")
            n = len(vocabulary)
            indexes = vocabulary.values()
            if not all(_whole(i) for i in indexes) or sorted(indexes) != list(range(n)):
                raise self.bad(f"vectorizers[{k}].vocabulary must number its terms 0 to {n - 1}")
            self.numbers(stored["idf"], n, f"vectorizers[{k}].idf")
            n_features += n
        return n_features

    def embeddings(self, standardisation: Any, params: dict[str, Any]) -> int:
        """Checks the word vectors' standardisation; returns how many features they add."""
        if params["embeddings"] is None:
            if standardisation is not None:
                raise self.bad("embedding_standardisation is given but params.embeddings is null")
            return 0
        if not isinstance(standardisation, dict) or set(standardisation) != {"mean", "scale"}:
            raise self.bad("embedding_standardisation must hold the word vectors' mean and scale")
        self.numbers(standardisation["mean"], GLOVE_DIMENSIONS, "embedding_standardisation.mean")
        self.numbers(standardisation["scale"], GLOVE_DIMENSIONS, "embedding_standardisation.scale")
        if any(v == 0 for v in standardisation["scale"]):
            raise self.bad("embedding_standardisation.scale holds a zero")
        return GLOVE_DIMENSIONS

    def models(self, models: Any, multilabel: bool, classes: list, n_features: int) -> None:
        if not isinstance(models, list) or len(models) != (len(classes) if multilabel else 1):
            raise self.bad("models must hold one model per frame (multi-label) or one model")
        for k, stored in enumerate(models):
            if not isinstance(stored, dict) or set(stored) != {"classes", "coef", "intercept"}:
                raise self.bad(f"models[{k}] must hold classes, coef and intercept")
            model_classes = stored["classes"]
            if multilabel:
                if model_classes != [False, True]:
                    raise self.bad(f"models[{k}].classes must be [false, true]")
            elif model_classes != sorted(classes) or model_classes != classes:
                raise self.bad(f"models[{k}].classes must be the classes, in order")
            rows = 1 if len(model_classes) == 2 else len(model_classes)
            coef = stored["coef"]
            if not isinstance(coef, list) or len(coef) != rows:
                raise self.bad(f"models[{k}].coef must have {rows} row(s)")
            for row in coef:
                self.numbers(row, n_features, f"models[{k}].coef row")
            self.numbers(stored["intercept"], rows, f"models[{k}].intercept")
