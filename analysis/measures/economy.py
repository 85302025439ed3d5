"""Economic language read from the parse: which way each indicator moves, and whether
that is good or bad news.

A general sentiment lexicon scores the words of business news by themselves. VADER
gives "profits" +1.9 and "unemployment" -1.9 whatever they do, so "Profits fell
sharply" reads as positive, "Unemployment fell" as negative, and "High fuel prices hit
BA's profits" as +0.44. In news the tone is in the movement: an indicator
(``data/economic_terms.csv``: profits, sales, jobs are good news when they go up;
prices, costs, unemployment, debt when they go down) and what the parse says happens
to it:

- it is the subject of a verb of movement ("profits fell", "costs were cut"), or its
  object ("cut jobs", "boost sales");
- it follows a noun of movement ("a rise in prices", "job cuts", "the fall of sales");
- an adjective or participle sets its level or direction ("high unemployment",
  "rising prices", "record profits", "weak demand"), also as a predicate ("profits
  were higher");
- something harms it ("fuel prices hit profits", "a blow to sales", "profits were
  dented"); reaching a level is not harm ("profits hit a record").

Beyond indicators, a *fortune* noun tells how things went for whatever follows its
"to" or "for": "a blow to the government's policy", "a setback for the minister", "a
backlash against the plan" are bad news, "a boon for exporters", "a victory for Obama"
good news (a "boost to prices" bad, as prices are better down). VADER has none of
"blow", "setback", "backlash" or "victory", and reads "a blow to press freedom" as
+0.46 from "freedom". Without someone it befalls ("struck the decisive blow") the
noun is left to VADER.

Each such event is +1 (good news) or -1 (bad), reversed under negation ("sales did
not fall"), and weighed as VADER weighs words: half in a conceded clause ("despite job
growth, ...") and before a "but", one and a half after it. :func:`economic_events`
lists them with their words and offsets so a reader can check each one;
:func:`news_compound` turns them into the adjusted tone.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer, normalize

from ..errors import FramingError
from ..lexicons import CLASS, ENTRY, lexicon_path, read_rows
from ..nlp.parsing import Parse, require_parse

__all__ = [
    "economic_events",
    "news_compound",
    "news_scores",
    "EVENT_COLUMNS",
    "EVENT_VALENCE",
    "load_terms",
]

#: Columns of :func:`economic_events`.
EVENT_COLUMNS = [
    "article_id",
    "sentence_id",
    "indicator",
    "trigger",
    "pattern",
    "direction",
    "good_when",
    "negated",
    "polarity",
    "weight",
    "text",
    "char_start",
    "char_end",
]
#: Valence of one event on VADER's word scale (-4 to +4): about that of "good" (+1.9)
#: or "bad" (-2.5), so one event weighs like one clear evaluative word.
EVENT_VALENCE = 2.0


@dataclass(frozen=True)
class Terms:
    indicators: dict[str, str]  # lemma -> good_when (up/down)
    directions: dict[str, str]
    adjectives: dict[str, str]
    harms: frozenset[str]
    levels: dict[str, str]
    assets: frozenset[str]
    fortunes: dict[str, str]  # noun -> up (good news for its target) / down (bad)
    #: nouns that are bad news for whoever takes, books or issues them ("a one-time
    #: charge", "a write-down", "a profit warning")
    setbacks: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def load_terms(path: str | None = None) -> Terms:
    """The economic terms (``data/economic_terms.csv`` or your CSV with the columns
    ``entry,class,value``: the lemma, its class and the direction that is good news)."""
    target = path or str(lexicon_path("economic_terms"))
    tables: dict[str, dict[str, str]] = {
        k: {}
        for k in (
            "indicator",
            "direction",
            "adjective",
            "harm",
            "level",
            "asset",
            "fortune",
            "setback",
        )
    }
    for row in read_rows(target, required=(ENTRY, CLASS)):
        kind = row[CLASS].strip()
        if kind not in tables:
            raise FramingError(
                f"{target}: class must be one of {sorted(tables)}, not {kind!r} "
                f"(row {row[ENTRY]!r})."
            )
        tables[kind][row[ENTRY].strip().lower()] = (row.get("value") or "").strip()
    return Terms(
        tables["indicator"],
        tables["direction"],
        tables["adjective"],
        frozenset(tables["harm"]),
        tables["level"],
        frozenset(tables["asset"]),
        tables["fortune"],
        frozenset(tables["setback"]),
    )


#: Words that concede a point the main clause outweighs ("Despite job growth,
#: unemployment rose"): an event under them counts half.
_CONCESSIVE = frozenset({"despite", "although", "though", "notwithstanding", "while"})


def _conceded(tok) -> bool:
    node = tok
    while node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ in _CONCESSIVE:
            return True
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _CONCESSIVE for c in node.children
        ):
            return True
        node = node.head
    return False


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _lemma(tok) -> str:
    return tok.lemma_.lower()


#: The prepositions that name whom a fortune noun concerns; "against" only for bad ones
#: ("a backlash against the plan"; "a victory against cancer" is the winner's).
_FORTUNE_PREPOSITIONS = {"up": ("to", "for"), "down": ("to", "for", "against")}
_PHRASE_HEAD_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nummod"})


def _fortune_target(noun, prepositions):
    """The noun phrase head a fortune noun is about: the object of its own "to"/"for"
    ("a blow to the policy"), or of its verb's when the parse attaches it there ("dealt a
    blow to his hopes"); when the parse breaks the phrase ("a blow to press freedom", with
    "press" read as a verb), the first noun after the preposition word."""
    doc = noun.doc
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in prepositions]
    if not preps and noun.dep_ in ("dobj", "attr", "oprd"):
        preps = [
            c
            for c in noun.head.children
            if c.dep_ in ("prep", "dative") and c.lower_ in prepositions and c.i > noun.i
        ]
    for prep in preps:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    following = noun.i + 1
    if following < len(doc) and doc[following].lower_ in prepositions:
        for tok in doc[following + 1 : following + 6]:
            if tok.is_punct:
                break
            if tok.pos_ in ("NOUN", "PROPN", "PRON"):
                while tok.dep_ in _PHRASE_HEAD_DEPS and tok.head.i > tok.i:
                    tok = tok.head
                return tok
    return None


_PHRASE_TAIL_DEPS = frozenset({"appos", "compound", "flat", "nmod"})


def _phrase_end(tok):
    """The last token of the noun phrase ``tok`` heads: its name, title and apposition
    ("the governor Olaf Berg", "Secretary of State Jon Husted"), not its clauses."""
    end = tok
    for c in tok.rights:
        if c.dep_ in _PHRASE_TAIL_DEPS or (c.dep_ == "prep" and c.lower_ == "of"):
            end = max(end, c.right_edge, key=lambda t: t.i)
    return end


def _fortunes_in(doc, terms: Terms):
    """Fortune events of one sentence: (target token, fortune noun, "fortune", up or
    harm, negated); a bad fortune is harm to anything, as "hit profits" is. "A blow to
    profits" is left to the harm pattern."""
    for noun in doc:
        direction = terms.fortunes.get(_lemma(noun))
        if direction is None or noun.pos_ != "NOUN" or noun.ent_type_:
            continue
        target = _fortune_target(noun, _FORTUNE_PREPOSITIONS[direction])
        if target is None:
            continue
        if _lemma(noun) in terms.harms and _lemma(target) in terms.indicators:
            continue  # "a blow to profits": the harm pattern reads it
        negated = _negated(noun.head) if noun.dep_ in ("dobj", "attr", "oprd") else False
        negated = negated or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)
        yield target, noun, "fortune", "up" if direction == "up" else "harm", negated


def _setbacks_in(doc, terms: Terms):
    """Setback events: a charge, write-down or profit warning is harm to the subject of
    the verb that takes it ("Unilever took a one-time charge", "issued a profit
    warning") or to its possessor ("Unilever's write-down"). "Warning" counts only as
    a warning about an indicator ("a profit warning")."""
    for noun in doc:
        lemma = _lemma(noun)
        if noun.pos_ != "NOUN":
            continue
        if lemma == "warning":
            if not any(
                c.dep_ == "compound" and _lemma(c) in terms.indicators for c in noun.children
            ):
                continue
        elif lemma not in terms.setbacks:
            continue
        target = next((c for c in noun.children if c.dep_ == "poss"), None)
        if target is None and noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
            target = next(
                (
                    c
                    for c in noun.head.children
                    if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")
                ),
                None,
            )
        if target is not None:
            yield target, noun, "fortune", "harm", _negated(noun.head)


def _events_in(doc, terms: Terms):
    """(indicator token, trigger token, pattern, direction, negated) of one sentence."""
    yield from _fortunes_in(doc, terms)
    yield from _setbacks_in(doc, terms)
    for tok in doc:
        if _indicator(tok, terms):
            found = _by_dependency(tok, terms)
            yield from found or _by_modifier(doc, tok, terms)


def _indicator(tok, terms: Terms) -> bool:
    """Is ``tok`` an indicator that moves here, not one describing another noun
    ("low-income families", "price war") nor a price paid ("paid a high price")?"""
    if _lemma(tok) not in terms.indicators:
        return False
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in ("ORG", "PERSON"):
        return False
    head = tok.head
    if tok.dep_ == "dobj" and _lemma(head) == "pay":
        return False  # "paid a high price for democracy": a price paid, not a movement
    return not (
        tok.dep_ in ("amod", "compound", "npadvmod", "nmod")
        and head.pos_ in ("NOUN", "PROPN")
        and _lemma(head) not in terms.directions
        and _lemma(head) not in terms.harms
    )


def _by_dependency(tok, terms: Terms) -> list:
    """An indicator's movement read from what it depends on: the verb it is the subject
    or object of, the noun of movement it follows, or the noun it names."""
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return _as_subject(tok, head, terms)
    if tok.dep_ == "dobj" and head.pos_ == "VERB":
        # object of a movement or a harm: "cut jobs", "boost sales", "hit profits"
        lemma = _lemma(head)
        if lemma in terms.harms:
            return [(tok, head, "harmed", "harm", _negated(head))]
        if lemma in terms.directions and lemma not in ("gain", "lose", "record"):
            return [(tok, head, "object", terms.directions[lemma], _negated(head))]
        if lemma == "lose" and _lemma(tok) in ("share", "customer", "subscriber", "market"):
            # "lost market share", "lost customers": what a company loses falls
            return [(tok, head, "object", "down", _negated(head))]
        return []
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "of", "to", "on"):
        # after a noun of movement or harm: "a rise in prices", "a blow to profits"
        noun = head.head
        lemma = _lemma(noun)
        if noun.pos_ == "NOUN" and lemma in terms.harms and head.lower_ in ("to", "on"):
            return [(tok, noun, "harmed", "harm", False)]
        if noun.pos_ == "NOUN" and lemma in terms.directions and head.lower_ in ("in", "of"):
            return [(tok, noun, "noun", terms.directions[lemma], False)]
        return []
    if tok.dep_ == "compound" and head.pos_ == "NOUN" and _lemma(head) in terms.directions:
        # "job cuts", "price rises": the indicator names what the movement is of
        return [(tok, head, "noun", terms.directions[_lemma(head)], False)]
    return []


def _as_subject(tok, head, terms: Terms) -> list:
    """Subject of a movement or a harm: "profits fell", "costs were cut", "sales hit a
    record"; or of a predicate adjective of level: "profits were higher"."""
    lemma = _lemma(head)
    objects = [c for c in head.children if c.dep_ in ("dobj", "attr")]
    level = next((terms.levels[_lemma(o)] for o in objects if _lemma(o) in terms.levels), None)
    if lemma in ("hit", "reach", "touch") and level:
        return [(tok, head, "reached", level, _negated(head))]
    if lemma in terms.directions and not (tok.dep_ == "nsubjpass" and lemma == "lose"):
        return [(tok, head, "subject", terms.directions[lemma], _negated(head))]
    if lemma in terms.harms and tok.dep_ == "nsubjpass":
        return [(tok, head, "harmed", "harm", _negated(head))]
    return [
        (tok, c, "predicate", terms.adjectives[_lemma(c)], _negated(head))
        for c in head.children
        if c.dep_ in ("acomp", "attr") and _lemma(c) in terms.adjectives
    ]


def _by_modifier(doc, tok, terms: Terms):
    """Its own modifiers: "high unemployment", "rising prices", "record profits"."""
    for c in tok.children:
        if c.dep_ not in ("amod", "compound") or c.i > tok.i:
            continue
        lemma = _lemma(c)
        if c.i + 1 < tok.i and doc[c.i + 1].text == "-":
            continue  # "low-income", "high-cost": one hyphenated adjective
        if c.pos_ == "ADJ" and lemma in terms.adjectives:
            yield tok, c, "modifier", terms.adjectives[lemma], False
        elif c.dep_ == "compound" and lemma == "record":
            yield tok, c, "modifier", "up", False
        elif c.tag_ in ("VBG", "VBN") and lemma in terms.directions:
            yield tok, c, "modifier", terms.directions[lemma], False


def economic_events(parsed: Parse, *, terms: str | None = None) -> pd.DataFrame:
    """Every movement of an economic indicator the parse shows, with its reading.

    Parameters
    ----------
    parsed : Parse
        The parse of a sentence table (:func:`analysis.nlp.parse`).
    terms : path, optional
        A CSV replacing ``data/economic_terms.csv`` (columns ``lemma,kind,value``).

    Returns
    -------
    DataFrame
        One row an event (:data:`EVENT_COLUMNS`): ``indicator`` and ``trigger`` (the
        words as written: "profits", "fell"; for a fortune, its target and noun:
        "policy", "blow"), ``pattern`` (subject, object, noun, modifier, predicate,
        harmed, reached, fortune), ``direction`` (up, down, harm),
        ``good_when`` (up or down: the indicator's entry; up for any other target),
        ``negated``, ``polarity`` (+1 good news, -1 bad news), ``weight`` (0.5 in a
        conceded clause: "despite job growth, ..."; as VADER weighs words, 0.5 before a
        "but" and 1.5 after it; else 1), ``text`` (the words from the first to the last
        of the two), ``char_start``/``char_end`` (offsets of that span in the article).
    """
    parsed = require_parse(parsed, "economic_events()")
    sentences = parsed.sentences
    vocabulary = load_terms(terms)
    rows: list[dict] = []
    for article_id, sentence_id in zip(
        sentences["article_id"].tolist(), sentences["sentence_id"].tolist(), strict=True
    ):
        doc, offset = parsed.sentence(article_id, sentence_id)
        if doc is None:
            continue
        but = next((t.i for t in doc if t.lower_ == "but" and t.dep_ == "cc"), None)
        for tok, trigger, pattern, direction, negated in _events_in(doc, vocabulary):
            good = vocabulary.indicators.get(_lemma(tok), "up")  # a fortune's target
            if any(c.dep_ == "compound" and _lemma(c) in vocabulary.assets for c in tok.children):
                good = "up"  # "share prices rose": an asset's price
            if direction == "harm":
                sign = -1
            else:
                sign = 1 if direction == good else -1
            if negated:
                sign = -sign
            weight = 0.5 if _conceded(tok) else 1.0
            if but is not None:  # VADER's own rule: before "but" counts half, after 1.5x
                weight *= 0.5 if tok.i < but else 1.5
            first, last = min(tok.i, trigger.i), max(tok.i, trigger.i)
            if pattern == "fortune":  # to the end of its target: whom it befalls
                last = max(last, _phrase_end(tok).i)
            start = offset + doc[first].idx
            end = offset + doc[last].idx + len(doc[last])
            rows.append(
                {
                    "article_id": article_id,
                    "sentence_id": int(sentence_id),
                    "indicator": tok.text,
                    "trigger": trigger.text,
                    "pattern": pattern,
                    "direction": direction,
                    "good_when": good,
                    "negated": bool(negated),
                    "polarity": sign,
                    "weight": weight,
                    "text": doc[first : last + 1].text,
                    "char_start": start,
                    "char_end": end,
                }
            )
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)


#: Past forms of movement verbs that do not begin like their lemma.
_IRREGULAR = (
    "rose",
    "risen",
    "fell",
    "fallen",
    "grew",
    "grown",
    "sank",
    "sunk",
    "shrank",
    "shrunk",
    "slid",
    "lost",
    "dove",
    "swollen",
    "sprang",
)


def may_have_events(sentences: pd.DataFrame, terms: str | None = None) -> pd.Series:
    """Which sentences may hold an economic event: a word that may be an indicator and
    one that may move it, or a fortune noun ("a setback for"). Only these need the
    parse."""
    vocabulary = load_terms(terms)
    indicator, trigger = _candidates(vocabulary)
    texts = sentences["text"].astype(str)
    found = texts.str.contains(indicator) & texts.str.contains(trigger)
    if vocabulary.fortunes:
        found |= texts.str.contains(_stem_pattern(tuple(sorted(vocabulary.fortunes))))
    if vocabulary.setbacks:
        found |= texts.str.contains(_stem_pattern(tuple(sorted(vocabulary.setbacks | {"warning"}))))
    return found


def _candidates(vocabulary: Terms) -> tuple[re.Pattern, re.Pattern]:
    """Words that may be an indicator (its lemma and any ending: "profit", "losses"), and
    words that may move one ("rising", "fell", "cuts", "high")."""

    def stem(word: str) -> str:  # "rise" -> "ris" (rising), "economy" -> "econom" (economies)
        return word[:-1] if word[-1:] in ("e", "y") and len(word) > 3 else word

    triggers = {
        stem(w)
        for w in (
            *vocabulary.directions,
            *vocabulary.adjectives,
            *vocabulary.harms,
            *vocabulary.levels,
        )
    }
    return (
        _stem_pattern(
            tuple(sorted({stem(w) for w in vocabulary.indicators}, key=len, reverse=True))
        ),
        _stem_pattern(tuple(sorted(triggers | set(_IRREGULAR), key=len, reverse=True))),
    )


@lru_cache(maxsize=4)
def _stem_pattern(stems: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?i)\b(?:" + "|".join(map(re.escape, stems)) + r")")


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _analyzer():
    """A VADER of our own whose lexicon we can change for one sentence (the shared one in
    :func:`analysis.sentiment.vader` stays untouched)."""

    return SentimentIntensityAnalyzer()


def _unnormalise(compound: float, alpha: float = 15.0) -> float:
    """The valence sum behind a compound score: the inverse of VADER's ``normalize``."""
    compound = max(-0.9999, min(0.9999, compound))
    return compound * (alpha / (1 - compound * compound)) ** 0.5


def news_compound(text: str, events: list[tuple[str, str, float]]) -> float:
    """VADER's compound score of ``text`` with its economic language read as events.

    ``events`` are ``(indicator, trigger, polarity × weight)`` of the sentence
    (:func:`economic_events`). The indicator and trigger words lose their own VADER
    valence (in "profits fell" neither "profits" +1.9 nor anything else of the event
    is evidence of tone by itself), each event adds ``EVENT_VALENCE`` times its
    polarity to VADER's valence sum, and the sum is squashed as VADER does. With no
    events the result is VADER's compound exactly."""
    return news_scores(text, events)["compound"]


def news_scores(text: str, events: list[tuple[str, str, float]]) -> dict[str, float]:
    """VADER's four scores of ``text`` with its economic events read: ``compound`` as
    :func:`news_compound`; ``pos``, ``neu`` and ``neg`` with the events' indicator and
    trigger words left out (the events have no share of the words)."""

    analyzer = _analyzer()
    if not events:
        return {k: float(v) for k, v in analyzer.polarity_scores(text).items()}
    words = {w.lower() for indicator, trigger, _ in events for w in (indicator, trigger)}
    with _LOCK:
        removed = {w: analyzer.lexicon.pop(w) for w in list(words) if w in analyzer.lexicon}
        try:
            scores = {k: float(v) for k, v in analyzer.polarity_scores(text).items()}
        finally:
            analyzer.lexicon.update(removed)
    base = scores["compound"]
    total = _unnormalise(base) if base else 0.0
    total += EVENT_VALENCE * sum(polarity for _, _, polarity in events)
    scores["compound"] = round(normalize(total), 4)
    return scores
