"""How sure the text is: hedges, boosters and attribution markers per sentence.

:func:`hedging` marks the lexicon's hedges, boosters and attribution markers
(``hedges.csv``, after Hyland 2005), each checked on the parse for its other senses, and,
given the quotes, which sentences are attributed to someone and which stand on the
text's own authority; :func:`hedging_summary` gives densities per 1,000 words.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import FramingError
from ..lexicons import CLASS, ENTRY, lexicon_path, read_rows
from ..nlp.parsing import Parse, require_parse
from ..text.article import is_title_case
from ..text.sentences import ANALYSED_ROLES, article_spans, table_rows
from ..text.tokens import word_tokens
from .attribution.cues import load_reporting_verbs, noun_table

__all__ = ["hedging", "hedging_summary", "HEDGING_COLUMNS", "HEDGING_SUMMARY_COLUMNS"]

HEDGING_COLUMNS = [
    "article_id",
    "sentence_id",
    "section",
    "role",
    "n_words",
    "hedges",
    "boosters",
    "attribution_markers",
    "n_hedges",
    "n_boosters",
    "attributed",
    "speakers",
    "hedge_spans",
    "booster_spans",
    "readings",
]

HEDGING_SUMMARY_COLUMNS = [
    "article_id",
    "section",
    "n_sentences",
    "n_words",
    "hedges_per_1k",
    "boosters_per_1k",
    "attribution_per_1k",
    "share_hedged",
    "share_attributed",
]


@lru_cache(maxsize=8)
def _hedge_table(path: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    table: dict[tuple[str, ...], list[str]] = {}
    for row in read_rows(path, required=(ENTRY, CLASS)):
        table.setdefault(tuple(row[ENTRY].lower().split()), []).append(row[CLASS].strip())
    return {k: tuple(v) for k, v in table.items()}


# ---------------------------------------------------------------------- hedging
def hedging(
    parsed: Parse,
    quotes: pd.DataFrame | None = None,
    *,
    lexicon: str | PathLike | None = None,
    roles: Sequence[str] | None = ANALYSED_ROLES,
    senses: bool = True,
) -> pd.DataFrame:
    """Hedges, boosters and attribution markers in each sentence, each read in its
    sense on the parse.

    A modal's sense decides (:func:`modal_sense`): "would" and "could" in reported
    speech ("said it would cut jobs", "said they could not reach the village") are the
    source's future or ability, told in the past, not the writer's hedge; "could" of
    ability ("could not find", "could barely walk") and "must" of obligation ("must
    pay") are neither hedge nor booster; "could" and "might" of possibility and
    "would" of a hypothesis ("a ban would be hard to enforce") are hedges; epistemic
    "must" ("must have known") is a booster. A verb of thinking in the first person
    ("I think", "I don't think", "we believe") is a hedge. Every word read says how
    (``readings``).

    Parameters
    ----------
    parsed : Parse
        The parse of a sentence table (:func:`analysis.nlp.parse`): a modal entry
        ("may", "might", "could", ...) counts only where the tagger reads a modal verb,
        so the month ("in May") and the noun ("with all its might") are not hedges, and
        entries with a second sense are checked on it.
    quotes : DataFrame, optional
        Output of :func:`analysis.measures.attribution.quotes`; marks which sentences
        are attributed to a speaker.
    lexicon : path, optional
        A CSV with columns ``entry,class`` (class: hedge, booster, attribution) replacing
        ``hedges.csv``.
    roles : sequence of str or None
        Sentences to include.
    senses : bool
        Read each entry's sense on the parse (the default); False counts every
        lexicon entry as its class (the plain reading, for comparison).

    Returns
    -------
    DataFrame
        One row a sentence: ``article_id``, ``sentence_id``, ``section``, ``role``,
        ``n_words`` (the sentence table's), ``hedges``, ``boosters``,
        ``attribution_markers`` (lists of the matched words or phrases, as written),
        ``n_hedges``, ``n_boosters``, ``attributed`` (True when a quote or reported
        speech covers the sentence, or it has an attribution marker; None when no
        quotes were given and no marker is present), ``speakers`` (resolved actors,
        "; "-joined), ``hedge_spans`` and ``booster_spans`` (``(start, end)`` offsets
        of each in the article's text), ``readings`` (each word read: ``(words,
        counted as, why)``, "none" for a word in another sense, e.g. ``("would", "none",
        "reported future: under 'said'")``).
    """
    parsed = require_parse(parsed, "hedging()")
    sentences = parsed.sentences
    target = Path(lexicon) if lexicon is not None else lexicon_path("hedges")
    if not target.is_file():
        raise FramingError(
            f"{target}: hedge lexicon not found. Pass a CSV with columns entry,class."
        )
    table = _hedge_table(str(target))
    data = (
        sentences
        if roles is None or "role" not in sentences.columns
        else sentences[sentences["role"].isin(list(roles))]
    )
    if data.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in HEDGING_COLUMNS})
    speakers = _speakers_by_sentence(quotes)
    rows = []
    for row in table_rows(data):
        doc, offset = parsed.sentence(row.article_id, row.sentence_id)
        tokens = {offset + t.idx: t for t in doc} if doc is not None else {}
        found, where, readings = _matches(row, table, tokens, senses)
        who = speakers.get((row.article_id, row.sentence_id), [])
        attributed = bool(who) or bool(found["attribution"]) or (None if quotes is None else False)
        if quotes is None and not found["attribution"]:
            attributed = None
        rows.append(
            {
                "article_id": row.article_id,
                "sentence_id": row.sentence_id,
                "section": getattr(row, "section", None),
                "role": getattr(row, "role", "body"),
                "n_words": int(row.n_words),
                "hedges": found["hedge"],
                "boosters": found["booster"],
                "attribution_markers": found["attribution"],
                "n_hedges": len(found["hedge"]),
                "n_boosters": len(found["booster"]),
                "attributed": attributed,
                "speakers": "; ".join(dict.fromkeys(who)),
                "hedge_spans": article_spans(row.text, row.char_start, where["hedge"]),
                "booster_spans": article_spans(row.text, row.char_start, where["booster"]),
                "readings": readings,
            }
        )
    return pd.DataFrame(rows, columns=HEDGING_COLUMNS)


def _speakers_by_sentence(quotes: pd.DataFrame | None) -> dict[tuple, list[str]]:
    speakers: dict[tuple, list[str]] = {}
    if quotes is not None and len(quotes):
        for q in table_rows(quotes):
            for sid in q.sentence_ids:
                speakers.setdefault((q.article_id, sid), []).append(
                    q.actor if isinstance(q.actor, str) else "(unattributed)"
                )
    return speakers


def _matches(row, table: dict, tokens: dict, senses: bool = True) -> tuple[dict, dict, list]:
    """The lexicon's entries in one sentence (longest first), each read in its sense on
    the parse, and the verbs of thinking in the first person: what was found by kind,
    where, and how each word was read."""
    words = [t for t in word_tokens(row.text_norm) if t.text[:1].isalnum()]
    lows = [t.low for t in words]
    max_len = max(len(k) for k in table)
    titled = is_title_case(str(row.text))
    found: dict[str, list[str]] = {"hedge": [], "booster": [], "attribution": []}
    where: dict[str, list[tuple[int, int]]] = {"hedge": [], "booster": [], "attribution": []}
    readings: list[tuple[str, str, str]] = []

    def add(kinds, span, why) -> None:
        text = row.text_norm[span[0] : span[1]]
        readings.append((text, "+".join(kinds) or "none", why))
        for kind in kinds:
            found[kind].append(text)
            where[kind].append(span)

    i = 0
    while i < len(words):
        for n in range(min(max_len, len(words) - i), 0, -1):
            key = tuple(lows[i : i + n])
            if key not in table:
                continue
            if senses:
                kinds, why = _reading(key, words, i, row, tokens, titled, table[key])
            else:
                kinds, why = table[key], "lexicon entry"
            add(kinds, (words[i].start, words[i + n - 1].end), why)
            if kinds:
                i += n - 1
            break
        i += 1
    if senses:
        taken = [s for spans in where.values() for s in spans]
        for span in _first_person_thinking(words, row, tokens):
            if not any(a < span[1] and span[0] < b for a, b in taken):
                add(("hedge",), span, "a verb of thinking in the first person")
    return found, where, readings


def _reading(key, words, i, row, tokens, titled, kinds) -> tuple[tuple[str, ...], str]:
    """What a matched entry counts as here, and why: its kinds, "hedge" for a negated
    booster ("it is not clear whether", "not sure"), or nothing in another sense."""
    if len(key) > 1:
        return kinds, "lexicon phrase"
    word = key[0]
    if word in _MODALS:
        tok = _token_at(words, i, row, tokens)
        if not _is_modal(words, i, row, tokens):
            return (), "not a modal verb here (a month, a noun)"
        if tok is not None:
            return modal_sense(tok, row.text_norm, words[i].start)
    if not titled and _in_a_name(words, i, row.text_norm):
        return (), "part of a name"  # PolitiFact's "Mostly True"
    if word in _SENSED and _other_sense(words, i, row, tokens):
        return (), "another sense"  # "appeared in court", "certain people", "make sure"
    if word in _DENIABLE and _denied(words, i, row, tokens):
        return ("hedge",), "a booster negated"  # "it is not clear whether", "not sure"
    if word in _SHOWING and not _shows_a_claim(words, i, row, tokens):
        return (), "not showing a claim"  # "the show", "showed the way"
    return kinds, "lexicon entry"


#: Lexicon entries that are hedges or boosters only as modal verbs.
_MODALS = frozenset("may might could would should must can".split())
#: Entries with a second sense the parse tells apart (see :func:`_other_sense`).
_APPEAR = frozenset({"appear", "appears", "appeared"})
_SENSED = _APPEAR | {"clear", "certain", "sure"}


#: Verbs that introduce what a source said or thought: a modal below one, outside
#: quotation marks, is told in the past ("said it would", "said they could").
_REPORTING_ACTS = ("statement", "belief", "intention")
#: Verbs of thinking that hedge in the first person ("I think", "we believe").
_THINKING_FORMS = frozenset({"think", "believe", "guess", "suppose", "reckon", "suspect", "doubt"})
#: Words that make "could" one of ability: a limit on what was done.
_LIMITS = frozenset({"only", "barely", "hardly", "scarcely", "never", "little", "nothing"})
_NOBODY = frozenset({"nobody", "no one", "none", "neither", "few"})
#: Verbs of perception and skill: "could see", "could speak" tell an ability.
_ABILITY_VERBS = frozenset(
    {"see", "hear", "feel", "smell", "speak", "read", "write", "walk", "swim", "drive",
     "remember", "afford", "understand", "recognise", "recognize", "cope", "manage"}
)  # fmt: skip
#: Time words that make "would" the future seen from the past ("years later ... would").
_LATER = frozenset({"later", "eventually", "afterwards", "subsequently", "soon"})
#: Pronoun subjects of an epistemic "must be" ("it must be hard", "you must be proud").
_PRONOUNS = frozenset({"it", "there", "you", "he", "she", "they", "this", "that", "i", "we"})


@lru_cache(maxsize=1)
def _reporting_set() -> frozenset[str]:
    verbs = load_reporting_verbs()
    return frozenset(
        [k for k, v in verbs.items() if v.act in _REPORTING_ACTS]
        + [k for k, v in noun_table().items() if v.act in _REPORTING_ACTS]
    )


def _reported(verb) -> str | None:
    """The reporting verb (or noun) in the past that a clause is told under, climbing
    through clausal complements and conjuncts: "said (that) there would be ..." ->
    "said"; "critics argue" (present) tells nothing in the past."""
    lemmas = _reporting_set()
    node = verb
    for _ in range(4):
        if node.dep_ not in ("ccomp", "xcomp", "conj", "acl", "advcl", "parataxis"):
            return None
        head = node.head
        if head is node:
            return None
        if head.lemma_.lower() in lemmas and node.dep_ != "advcl":
            # told in the past: a present "critics argue" keeps "would" hypothetical
            return head.text if head.tag_ in ("VBD", "VBN") or head.pos_ == "NOUN" else None
        node = head
    return None


def _inside_quotes(text: str, at: int) -> bool:
    """Whether offset ``at`` of a sentence lies inside quotation marks (the source's
    own words, not told in the past)."""
    before = text[:at]
    straight = before.count('"') % 2 == 1
    curly = before.count("\u201c") > before.count("\u201d")
    return straight or curly


def modal_sense(tok, text: str, at: int) -> tuple[tuple[str, ...], str]:
    """What a modal verb counts as, read from the parse: ``(kinds, why)``."""
    word = tok.lower_
    verb = tok.head if tok.head is not tok else tok
    quoted = _inside_quotes(text, at)
    told = None if quoted else _reported(verb)
    if word in ("may", "might"):
        return ("hedge",), "possibility" + (f", reported under {told!r}" if told else "")
    if word == "would":
        return _would(verb, told)
    if word == "could":
        return _could(tok, verb, told)
    if word == "must":
        return _must(tok, verb)
    return ("hedge",), "modal"


def _would(verb, told) -> tuple[tuple[str, ...], str]:
    if told:
        return (), f"reported future: under {told!r}"
    if verb.dep_ == "relcl" or any(c.lower_ in _LATER for c in verb.subtree):
        return (), "future seen from the past"
    return ("hedge",), "hypothesis"


def _could(tok, verb, told) -> tuple[tuple[str, ...], str]:
    if told:
        return (), f"reported ability or possibility: under {told!r}"
    children = list(verb.children)
    negated = any(c.dep_ == "neg" for c in children) or any(
        c.lower_ in _NOBODY for c in children if c.dep_ in ("nsubj", "nsubjpass")
    )
    perfect = any(c.lower_ == "have" and c.i > tok.i for c in children)
    if (
        perfect
        or verb.lemma_ == "be"
        or any(c.lower_ == "be" and c.dep_ == "auxpass" for c in children)
    ):
        return ("hedge",), "possibility"  # "could be", "could have been avoided"
    if any(c.dep_ == "expl" for c in children):
        return ("hedge",), "possibility"  # "there could be"
    limited = any(t.lower_ in _LIMITS for t in verb.subtree if t.i > tok.i)
    if negated or limited:
        return (), "ability"  # "could not find", "could barely walk", "carry only twelve"
    if verb.lemma_.lower() in _ABILITY_VERBS:
        return (), "ability"  # "could see", "could speak three languages"
    return ("hedge",), "possibility"


def _must(tok, verb) -> tuple[tuple[str, ...], str]:
    children = list(verb.children)
    perfect = any(c.lower_ == "have" and c.i > tok.i for c in children)
    if perfect:
        return ("booster",), "inference: 'must have'"
    subjects = [c for c in children if c.dep_ in ("nsubj", "expl")]
    copula = verb.lemma_ == "be" and not any(c.dep_ == "auxpass" for c in children)
    if copula and subjects and all(c.lower_ in _PRONOUNS for c in subjects):
        return ("booster",), "inference: 'must be'"
    return (), "obligation"


def _first_person_thinking(words, row, tokens: dict) -> list[tuple[int, int]]:
    """Spans of a verb of thinking whose subject is "I" or "we" ("I think", "I don't
    think", "we believe"), in the sentence's normalised text."""
    out = []
    for i, word in enumerate(words):
        if word.low not in _THINKING_FORMS:
            continue
        tok = _token_at(words, i, row, tokens)
        if tok is None or tok.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in tok.children):
            out.append((word.start, word.end))
    return out


#: Boosters that show a claim only as a verb with a clause ("the figures show that").
_SHOWING = frozenset({"show", "shows", "showed", "prove", "proves", "proved"})


def _shows_a_claim(words, i: int, row, tokens: dict | None) -> bool:
    tok = _token_at(words, i, row, tokens)
    if tok is None:
        return False
    return tok.pos_ == "VERB" and any(c.dep_ in ("ccomp", "advcl") for c in tok.children)


def _other_sense(words, i: int, row, tokens: dict | None) -> bool:
    """Whether the parse reads ``words[i]`` in a sense that is no hedge or booster:
    "appear" followed by where ("appeared in court", "appeared on television") and not
    by what seems ("appears to be", "appeared tired", "it appears that"); "clear" as a
    verb or a distance ("clear the way", "seven points clear"); "certain" choosing
    rather than sure ("certain people"); "sure" in "make sure"."""
    tok = _token_at(words, i, row, tokens)
    if tok is None:
        return False
    low = tok.lower_
    if low in _APPEAR:
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        seeming = {"xcomp", "acomp", "attr", "oprd", "ccomp", "expl"}
        kids = list(tok.children)
        return any(c.dep_ == "prep" for c in kids) and not any(c.dep_ in seeming for c in kids)
    if low == "clear":  # "clear the way", "seven points clear"; "a clear message" stays
        measured = any(c.dep_ == "npadvmod" for c in tok.children)
        return tok.pos_ == "VERB" or tok.dep_ in ("advmod", "npadvmod") or measured
    if low == "certain":  # "certain people", "a certain number": which, not how sure
        return tok.dep_ in ("amod", "det")
    return tok.head is not tok and tok.head.lemma_.lower() == "make"  # "make sure"


#: Boosters that say the opposite when negated ("not clear", "not sure": a hedge).
_DENIABLE = frozenset({"clear", "certain", "sure"})


def _denied(words, i: int, row, tokens: dict | None) -> bool:
    """Whether the parse negates ``words[i]`` or the verb it is the predicate of ("it
    is not clear", "we are not sure", "never certain")."""
    tok = _token_at(words, i, row, tokens)
    if tok is None:
        return False

    def negated(t) -> bool:
        return any(c.dep_ == "neg" or c.lower_ in ("never", "hardly") for c in t.children)

    if negated(tok):
        return True
    head = tok.head
    return head is not tok and tok.dep_ in ("acomp", "attr", "oprd") and negated(head)


def _token_at(words, i: int, row, tokens: dict):
    """The parse's token at ``words[i]``, or None."""
    if not tokens:
        return None
    start = article_spans(row.text, row.char_start, [(words[i].start, words[i].end)])[0][0]
    return tokens.get(start)


def _in_a_name(words, i: int, text: str) -> bool:
    """Whether ``words[i]``, inside a sentence and not opening a quote or a clause after
    a colon or dash, is capitalised and followed by another capitalised word: part of a
    Title Case name ("rated Mostly True"), not "said: Perhaps Putin ..."."""
    before = text[: words[i].start].rstrip()
    return (
        i > 0
        and i + 1 < len(words)
        and words[i].text[:1].isupper()
        and not words[i].text.isupper()
        and words[i + 1].text[:1].isupper()
        and not before.endswith(
            (":", '"', "\u201c", "\u2018", "'", "(", "\u2014", "\u2013", "-", ".", "?", "!")
        )
    )


def _is_modal(words, i: int, row, tokens: dict) -> bool:
    """Whether ``words[i]`` is a modal verb by the parse's tag (where the tokens do not
    line up, not a capitalised "May" inside the sentence)."""
    tok = _token_at(words, i, row, tokens)
    if tok is not None:
        return tok.tag_ == "MD"
    return not (words[i].text == "May" and i > 0)


def hedging_summary(
    hedges: pd.DataFrame, *, by: Literal["article", "section"] = "article"
) -> pd.DataFrame:
    """Densities per 1,000 words and shares of hedged and attributed sentences.

    Returns
    -------
    DataFrame
        ``article_id``, ``section`` ("(all)" by article), ``n_sentences``,
        ``n_words``, ``hedges_per_1k``, ``boosters_per_1k``, ``attribution_per_1k``,
        ``share_hedged`` (sentences with at least one hedge), ``share_attributed``.
    """
    if by not in ("article", "section"):
        raise ValueError(f"by must be 'article' or 'section', not {by!r}")
    if hedges.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in HEDGING_SUMMARY_COLUMNS})
    keys = ["article_id"] if by == "article" else ["article_id", "section"]
    rows = []
    for key, group in hedges.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        words = int(group["n_words"].sum())
        per_1k = 1000 / words if words else np.nan
        attributed = group["attributed"].map(lambda v: bool(v))
        rows.append(
            {
                "article_id": key[0],
                "section": key[1] if by == "section" else "(all)",
                "n_sentences": len(group),
                "n_words": words,
                "hedges_per_1k": group["n_hedges"].sum() * per_1k,
                "boosters_per_1k": group["n_boosters"].sum() * per_1k,
                "attribution_per_1k": group["attribution_markers"].map(len).sum() * per_1k,
                "share_hedged": float((group["n_hedges"] > 0).mean()),
                "share_attributed": float(attributed.mean()),
            }
        )
    return pd.DataFrame(rows, columns=HEDGING_SUMMARY_COLUMNS)
