"""The linguistic backbone: spaCy's English pipeline, parsed once per text.

:func:`parse` makes the one parse of a sentence table that every measure reading the
parse takes (:class:`Parse`); :mod:`analysis.nlp.lemmas` reads words out of context;
:mod:`analysis.nlp.vectors` holds the GloVe word vectors.
"""

from .parsing import (
    ENTITY_COLUMNS,
    MODEL,
    NAME_LABELS,
    NON_ACTOR_LABELS,
    TOKEN_COLUMNS,
    Parse,
    parse,
    pipeline,
    require_parse,
)

__all__ = [
    "ENTITY_COLUMNS",
    "MODEL",
    "NAME_LABELS",
    "NON_ACTOR_LABELS",
    "TOKEN_COLUMNS",
    "Parse",
    "parse",
    "pipeline",
    "require_parse",
]
