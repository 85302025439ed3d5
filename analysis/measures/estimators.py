"""What the package's scikit-learn estimators share."""

from __future__ import annotations

from sklearn.exceptions import NotFittedError as _SklearnNotFitted

from ..errors import FramingError

__all__ = ["NotFittedError"]


class NotFittedError(FramingError, _SklearnNotFitted):
    """The estimator is used before ``fit`` (or ``load``): scikit-learn's own
    ``NotFittedError``, so ``check_is_fitted``-style code and pipelines recognise it,
    and the project's error, so one ``except FramingError`` catches everything."""
