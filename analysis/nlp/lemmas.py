"""Words out of context and in it: lemmas from spaCy's English lemmatiser.

What tells two words that share a Porter stem apart ("response", "responsible"), a
plural from a name that ends in "s" ("notes", "Evans"), and a lemma from a slip of the
small model's lemmatiser ("taxes" -> "taxis").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from ..text.normalize import normalize
from .parsing import Parse, pipeline

__all__ = [
    "inflection_lemma",
    "word_lemmas",
    "noun_singulars",
    "is_noun_plural",
    "same_word",
    "lemma_texts",
]


def inflection_lemma(tok) -> str | None:
    """A token's lemma in lower case when it is the word less an inflection
    ("sanctions" -> "sanction"), else None: the small model's lemmatiser slips on some
    words ("taxes" -> "taxis"), and a lemma that does not begin like its word is one."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    if lemma and len(lemma) <= len(low) and low.startswith(lemma[:-1]):
        return lemma
    return None


@lru_cache(maxsize=50_000)
def word_lemmas(word: str) -> frozenset[str]:
    """The lemmas a word out of context can have, as a noun, a verb or an adjective,
    with the word itself ("charges" -> charge, charges; "better" -> better, good, well):
    what tells two words that share a Porter stem ("response", "responsible") apart."""
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


#: Word classes counted by their lemma; names and function words stay as written.
_LEMMA_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "AUX"})


def lemma_texts(parsed: Parse) -> dict[tuple, str]:
    """Each parsed sentence with its nouns, verbs, adjectives and adverbs replaced by
    their lemma, spacing kept and normalised as ``text_norm`` is ("Bloggers blogged
    about blogs" reads "blogger blog about blog"), by ``(article_id, sentence_id)``.
    Lemmas that do not begin like their word ("taxes" -> "taxis") are not taken, and a
    word that is not inflected keeps its form ("Iranian")."""
    out = {}
    for (article_id, sentence_id, _), doc in zip(parsed.keys, parsed.docs, strict=True):
        parts = []
        for tok in doc:
            lemma = tok.lemma_.lower()
            keep = (
                tok.pos_ in _LEMMA_POS
                and lemma
                and lemma != tok.lower_  # only inflected words change: "Iranian" stays
                and (tok.pos_ in ("VERB", "AUX") or inflection_lemma(tok) is not None)
            )
            parts.append((lemma if keep else tok.text) + tok.whitespace_)
        out[(article_id, int(sentence_id))] = normalize("".join(parts))
    return out
