"""Frames: explainable frame profiles from cue lexicons, and loaded language.

Two typologies ship as data files: the five generic news frames of Semetko &
Valkenburg (2000) (``data/frames_generic.yaml``) and the fifteen frames of the Policy
Frames Codebook (Boydstun et al. 2014; ``data/frames_policy.yaml``). Each frame has a
definition and cue words and phrases written for this project from it; matching is on
Porter stems, so "sanction" finds "sanctions" and "sanctioned", and with the parse a
match must be the cue's own word inflected ("response" shares the stem of
"responsible" but is another word). Every score keeps the
cues that produced it. Users pass their own lexicon (same YAML shape) as ``scheme``.

:class:`FrameClassifier`, trained on your own labelled texts, lives in
:mod:`analysis.frame_classifier` (importable from here too; scikit-learn is only
imported when it is used).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import yaml
from scipy import sparse

from ..errors import FramingError
from ..nlp.parse import NAME_LABELS
from ..paths import DATA_DIR
from ..text.normalize import normalize
from ..text.sentences import ANALYSED_ROLES, article_spans, table_rows
from ..text.tokens import token_spans

__all__ = [
    "LEADING_SHARE",
    "load_scheme",
    "frame_scores",
    "frame_profile",
    "dominant_frames",
    "loaded_language",
    "highlight_cues",
    "cue_matrix",
    "FRAME_SCORE_COLUMNS",
    "PROFILE_COLUMNS",
    "LOADED_COLUMNS",
]

FRAME_SCORE_COLUMNS = [
    "article_id",
    "sentence_id",
    "section",
    "role",
    "n_words",
    "frame",
    "label",
    "score",
    "cues",
    "cue_spans",
    "negated",
]
PROFILE_COLUMNS = [
    "article_id",
    "frame",
    "label",
    "n_sentences",
    "share_of_sentences",
    "n_cues",
    "cues_per_1k",
    "share_of_cues",
    "first_sentence_id",
    "top_cues",
    "rank",
]
LOADED_COLUMNS = ["article_id", "sentence_id", "term", "category", "text", "char_start", "char_end"]
Scheme = Literal["generic", "policy"] | str | PathLike | Mapping


# ---------------------------------------------------------------------- lexicons
@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return lru_cache(maxsize=200_000)(PorterStemmer().stem)


def _stems(text: str) -> list[tuple[str, int, int]]:
    stem = _stemmer()
    return [(stem(key.lower()), start, end) for key, _, start, end in token_spans(text)]


@dataclass(frozen=True)
class CueRule:
    """When a cue counts, beyond its words (the optional keys of a lexicon entry).

    ``pos``: the Universal part-of-speech tags its first word may have ("strike" as a
    noun, not the verb); ``unless``: words (lower case, any form) whose presence in the
    sentence marks another sense ("strike" near "union" or "pay"); ``governed_by``:
    lemmas of the word that governs the cue's last word in the parse that mark another
    sense ("job" as the object of "do": "did a fine job" is praise, not employment);
    ``in_names``: also count it inside a longer name or a title ("Home Office", "Home
    Secretary"); ``unless_in_phrase``: lemmas that mark another sense when they are
    words of the cue's own noun phrase, not merely of the sentence (the "president" of
    a company or a club, a birthday "party", a marketing "campaign": "The president
    praised the company" still counts).
    ``words``: the cue's own words in lower case, against which a match is checked on
    the parse (the same word, inflected: "sanctions" for "sanction", not "response"
    for "responsible", although the two share a Porter stem).
    """

    pos: frozenset[str] | None = None
    unless: frozenset[str] = frozenset()
    governed_by: frozenset[str] = frozenset()
    in_names: bool = False
    unless_in_phrase: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class FrameScheme:
    """A frame lexicon: frame keys in order, labels, definitions and stemmed cues.

    ``index`` maps a cue's first stem to ``((stems, frame, rule), ...)``, longest cue
    first; ``units`` are multi-word expressions read as one unit, inside which no
    shorter cue counts ("oil" inside "oil spill", "live" inside "live up to").
    """

    name: str
    frames: tuple[str, ...]
    labels: Mapping[str, str]
    definitions: Mapping[str, str]
    cues: Mapping[str, tuple[str, ...]]
    index: Mapping[str, tuple[tuple[tuple[str, ...], str, CueRule], ...]]
    units: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    #: the lexicon as written (cue entries with their constraints, units), so that it
    #: can be stored whole, e.g. inside a saved FrameClassifier
    source: Mapping = field(default_factory=dict)

    def to_mapping(self) -> dict:
        """The lexicon as a mapping :func:`load_scheme` reads back to the same scheme."""
        return json.loads(json.dumps(self.source))


def load_scheme(scheme: Scheme = "generic") -> FrameScheme:
    """Load a frame lexicon: "generic", "policy", a YAML path, or a mapping of the same shape::

    scheme: my-scheme
    units: [oil spill]          # read as one unit: no shorter cue counts inside
    frames:
      economic:
        label: Economic
        definition: ...
        cues:
          - tariff
          - trade war
          - {cue: strike, pos: [NOUN], unless: [union, pay]}
          - {cue: job, governed_by: [do]}
          - {cue: treasury, in_names: true}
          - {cue: party, unless_in_phrase: [birthday, dinner]}

    A cue is a word or phrase (matched on Porter stems, so "sanction" finds
    "sanctions"; on the parse, only its own word inflected: list derivations such as
    "critics" beside "criticism"), or a mapping with ``cue`` and the constraints of :class:`CueRule`.
    """
    if isinstance(scheme, Mapping):
        return _build_scheme(json.dumps(scheme, sort_keys=True, default=str), "<mapping>")
    if scheme in ("generic", "policy"):
        return _scheme_file(str(DATA_DIR / f"frames_{scheme}.yaml"))
    path = Path(scheme)
    if not path.is_file():
        raise FramingError(
            f"{scheme}: no such frame scheme. Use 'generic', 'policy', or the path of a YAML file (see analysis/data/frames_generic.yaml)."
        )
    return _scheme_file(str(path))


@lru_cache(maxsize=16)
def _scheme_file(path: str) -> FrameScheme:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FramingError(f"{path}: not valid YAML ({exc}).") from None
    return _build_scheme(json.dumps(data, sort_keys=False, default=str), path)


def _cue_entry(entry, where: str, frame: str) -> tuple[str, CueRule]:
    """A lexicon entry as (cue text, rule); a plain string has no constraints."""
    if isinstance(entry, str):
        return entry, CueRule(words=_cue_words(entry))
    if not isinstance(entry, dict) or not isinstance(entry.get("cue"), str):
        raise FramingError(
            f"{where}: frame {frame!r} has a cue that is neither a word nor a mapping "
            f"with a 'cue' key: {entry!r}."
        )
    allowed = ("cue", "pos", "unless", "governed_by", "in_names", "unless_in_phrase")
    unknown = set(entry) - set(allowed)
    if unknown:
        raise FramingError(
            f"{where}: cue {entry['cue']!r} of frame {frame!r} has unknown keys "
            f"{sorted(unknown)}; allowed: {', '.join(allowed)}."
        )
    pos = entry.get("pos")
    if isinstance(pos, str):
        pos = [pos]
    unless = entry.get("unless") or []
    if isinstance(unless, str):
        unless = [unless]
    governed_by = entry.get("governed_by") or []
    if isinstance(governed_by, str):
        governed_by = [governed_by]
    in_phrase = entry.get("unless_in_phrase") or []
    if isinstance(in_phrase, str):
        in_phrase = [in_phrase]
    if (
        (pos is not None and not isinstance(pos, list))
        or not isinstance(unless, list)
        or not isinstance(governed_by, list)
        or not isinstance(in_phrase, list)
    ):
        raise FramingError(
            f"{where}: cue {entry['cue']!r} of frame {frame!r}: 'pos', 'unless', "
            "'governed_by' and 'unless_in_phrase' are lists of words."
        )
    return entry["cue"], CueRule(
        pos=frozenset(str(p).upper() for p in pos) if pos is not None else None,
        unless=frozenset(str(u).lower() for u in unless),
        governed_by=frozenset(str(g).lower() for g in governed_by),
        in_names=bool(entry.get("in_names", False)),
        unless_in_phrase=frozenset(str(u).lower() for u in in_phrase),
        words=_cue_words(entry["cue"]),
    )


def _cue_words(text: str) -> tuple[str, ...]:
    return tuple(key.lower() for key, *_ in token_spans(normalize(text)))


def _stem_tuple(text: str) -> tuple[str, ...]:
    return tuple(s for s, _, _ in _stems(normalize(text)))


@lru_cache(maxsize=16)
def _build_scheme(serialised: str, where: str) -> FrameScheme:
    data = json.loads(serialised)
    frames = data.get("frames") if isinstance(data, dict) else None
    if not isinstance(frames, dict) or not frames:
        raise FramingError(
            f"{where}: a frame scheme needs a 'frames' mapping of frame keys to label, definition and cues."
        )
    labels, definitions, cues, index = {}, {}, {}, {}
    for key, spec in frames.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("cues", []) or [], list):
            raise FramingError(
                f"{where}: frame {key!r} needs 'cues' as a list of words or phrases."
            )
        labels[key] = str(spec.get("label", key))
        definitions[key] = str(spec.get("definition", ""))
        entries = [_cue_entry(e, where, key) for e in spec.get("cues", []) or []]
        cues[key] = tuple(text for text, _ in entries)
        for text, rule in entries:
            stems = _stem_tuple(text)
            if stems:
                index.setdefault(stems[0], []).append((stems, key, rule))
    ordered = {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in index.items()}
    raw_units = data.get("units", []) or []
    if not isinstance(raw_units, list) or not all(isinstance(u, str) for u in raw_units):
        raise FramingError(f"{where}: 'units' is a list of multi-word expressions.")
    units: dict[str, list] = {}
    for unit in raw_units:
        stems = _stem_tuple(unit)
        if len(stems) > 1:
            units.setdefault(stems[0], []).append(stems)
    source = {
        "units": list(raw_units),
        "frames": {
            key: {
                "label": labels[key],
                "definition": definitions[key],
                "cues": list(spec.get("cues", []) or []),
            }
            for key, spec in frames.items()
        },
    }
    return FrameScheme(
        str(data.get("scheme", where)),
        tuple(frames),
        labels,
        definitions,
        cues,
        ordered,
        {k: tuple(sorted(v, key=len, reverse=True)) for k, v in units.items()},
        source,
    )


def _unit_spans(words: list[str], scheme: FrameScheme) -> list[tuple[int, int]]:
    """Word ranges ``[i, j)`` of the scheme's units in a sentence."""
    out = []
    for i, word in enumerate(words):
        for unit in scheme.units.get(word, ()):
            if tuple(words[i : i + len(unit)]) == unit:
                out.append((i, i + len(unit)))
                break
    return out


def _match_rules(
    text: str, scheme: FrameScheme, accept=None
) -> list[tuple[str, int, int, CueRule]]:
    """Cue matches in ``text`` as (frame, start, end, rule): the longest cue of each
    frame at each word that ``accept(frame, start, end, rule)`` (if given) lets count,
    no overlaps within a frame, none strictly inside a unit. Cues that share a stem
    are tried in turn, so that a rejected one ("commit" read on "commitment") leaves
    the word to the next ("commitment")."""
    stems = _stems(text)
    words = [s for s, _, _ in stems]
    units = _unit_spans(words, scheme) if scheme.units else []
    found = []
    covered: dict[str, int] = {}
    for i, word in enumerate(words):
        for cue, frame, rule in scheme.index.get(word, ()):
            if covered.get(frame, -1) >= i:
                continue
            n = len(cue)
            if tuple(words[i : i + n]) != cue:
                continue
            if any(a <= i and i + n <= b and b - a > n for a, b in units):
                continue
            start, end = stems[i][1], stems[i + n - 1][2]
            if accept is not None and not accept(frame, start, end, rule):
                continue
            found.append((frame, start, end, rule))
            covered[frame] = i + n - 1
    return found


def _match(text: str, scheme: FrameScheme) -> dict[str, list[tuple[int, int]]]:
    """Cue spans per frame in ``text``, from the words alone (no parse: stems and
    ``unless`` lists only)."""
    keys = {k.lower() for k, *_ in token_spans(text)}
    found: dict[str, list[tuple[int, int]]] = {}
    for frame, start, end, _ in _match_rules(
        text, scheme, lambda f, a, b, rule: not (rule.unless and rule.unless & keys)
    ):
        found.setdefault(frame, []).append((start, end))
    return found


@lru_cache(maxsize=1)
def _roles():
    """The package's roles lexicon, built once (``load_aliases`` copies it per call)."""
    from .actors import load_aliases

    return load_aliases()


def _in_title(doc) -> list[tuple[int, int]]:
    """Token ranges ``[start, head)`` of the words that modify a title's head word
    ("Home" in "Home Secretary", "foreign" in "foreign minister"): they name an office,
    not a frame. A cue that takes in the head ("president-elect") is not among them."""
    from .actors import title_starting

    lex = _roles()
    low = [t.lower_ for t in doc]
    out: list[tuple[int, int]] = []
    for i in range(len(low)):
        end, role = title_starting(low, i, lex)
        if role is not None and end - i > 1:
            out.append((i, end - 1))
    return out


def _negated(tok) -> bool:
    """Is this word negated in its clause: "no threat", "not a threat", "did not attack"?"""
    node = tok
    while node.dep_ in ("amod", "compound", "nmod") and node.head is not node:
        node = node.head
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in node.children):
        return True
    if node.dep_ in ("attr", "dobj", "acomp", "xcomp", "oprd") and node.head is not node:
        return any(c.dep_ == "neg" for c in node.head.children)
    return False


def _words_and_lemmas(doc):
    """A function giving the sentence's words and lemmas in lower case, worked out on
    first call (only cues with an ``unless`` list need them)."""
    found: list[set[str]] = []

    def get() -> set[str]:
        if not found:
            found.append({t.lower_ for t in doc} | {t.lemma_.lower() for t in doc})
        return found[0]

    return get


def _entity(doc, tok):
    """The named entity a token is part of, from the tokens' IOB tags (cheaper than
    ``doc.ents``, which builds every span anew on each call)."""
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


#: Dependents that belong to a noun's own phrase: its modifiers and possessor, and the
#: object of a preposition attached to it ("president of the club", "leader in chips").
_PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod", "nummod"})


def _phrase_lemmas(tok) -> set[str]:
    """Lower-case words and lemmas of ``tok``'s noun phrase: its modifiers, its
    possessor and the nouns of a preposition's object attached to it; when ``tok`` is
    itself a modifier ("party" in "party leaders", "company" before "president"), also
    its head noun's phrase."""

    def words_of(noun) -> list:
        out = [noun]
        for child in noun.children:
            if child.dep_ in _PHRASE_DEPS:
                out.extend(child.subtree)
            elif child.dep_ == "prep":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        out.append(obj)
                        out.extend(c for c in obj.children if c.dep_ in _PHRASE_DEPS)
        return out

    found = words_of(tok)
    node = tok
    while node.dep_ in ("compound", "amod", "nmod", "appos") and node.head is not node:
        node = node.head
        found.extend(words_of(node))
    return {t.lower_ for t in found if t is not tok} | {
        t.lemma_.lower() for t in found if t is not tok
    }


def _same_words(span, words: tuple[str, ...]) -> bool:
    """Are the matched words the cue's own words, inflected or not? A Porter stem is
    shared by other words: "responsible" and "response", "international" and
    "internal", "relations" and "related", "customs" and "customers". A match whose
    words do not line up one to one with the parse's tokens ("$3million", a hyphen
    split) is kept."""
    from ..nlp.parse import same_word

    toks = [t for t in span if not (t.is_punct or t.is_space)]
    if not words or len(toks) != len(words):
        return True
    return all(same_word(t, w) for t, w in zip(toks, words, strict=True))


def _check(doc, start: int, end: int, rule: CueRule, titled: list[tuple[int, int]], lemmas):
    """Whether a cue at sentence offsets ``[start, end)`` counts, and whether it is negated."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return True, False
    first = span[0]
    if rule.pos is not None and first.pos_ not in rule.pos:
        return False, False
    if rule.unless and rule.unless & lemmas():
        return False, False
    last = span[-1]
    if rule.unless_in_phrase and rule.unless_in_phrase & _phrase_lemmas(last):
        return False, False
    if rule.governed_by and last.head is not last and last.head.lemma_.lower() in rule.governed_by:
        return False, False
    exact = span.start_char == start and span.end_char == end
    if exact and not _same_words(span, rule.words):
        return False, False
    if not rule.in_names:
        if any(a <= span.start and span.end <= head for a, head in titled):
            return False, False
        for tok in span:
            if tok.ent_type_ in NAME_LABELS:  # a name hides a cue's sense: "Home Office"
                core = [t for t in _entity(doc, tok) if not (t.is_stop or t.is_punct)]
                if core and (core[0].i < span.start or core[-1].i >= span.end):
                    return False, False
    if len(span) == 1 and first.pos_ == "VERB" and any(c.dep_ == "prt" for c in first.children):
        return False, False  # a phrasal verb is another verb: "live up to", "back down"
    return True, any(_negated(t) for t in span)


# ---------------------------------------------------------------------- scores
def frame_scores(
    sentences: pd.DataFrame,
    parse=None,
    *,
    scheme: Scheme = "generic",
    roles: Sequence[str] | None = ANALYSED_ROLES,
) -> pd.DataFrame:
    """Score every sentence for every frame of a scheme, keeping the cues as evidence.

    Cues are matched on Porter stems, the longest first, and then checked on spaCy's
    parse (:func:`analysis.nlp.parse`), so that a cue counts only in the sense its frame
    means:

    - the cue's own words, inflected or not ("sanctioned" for "sanction"), not other
      words of the same stem ("response" for "responsible", "internal" for
      "international", "customers" for "customs");
    - not inside a longer name (a named entity it does not cover whole: "Home Office",
      "the South West"; "NATO" and "the West" still count) or as the modifier of a
      title from the roles lexicon ("Home Secretary", "foreign minister");
    - with the part of speech its lexicon entry names (``pos``: the noun "strike", not
      the verb), and not when a word of its ``unless`` list is in the sentence ("strike"
      next to "union" or "pay"), nor with a word of its ``unless_in_phrase`` list in
      its own noun phrase (the "president" of a company, a birthday "party"), nor
      governed by a word of its ``governed_by`` list ("did a fine job");
    - not as a phrasal verb ("live up to") and not inside a multi-word unit of the
      lexicon ("oil" inside "oil spill").

    A negated cue ("no threat", "was not an attack") still counts (the frame is
    invoked) and is listed in ``negated``.

    Parameters
    ----------
    sentences : DataFrame
        A sentence table.
    parse : analysis.nlp.Parse, optional
        Its parse; made here when not given.
    scheme : "generic", "policy", path or mapping
        The frame lexicon (see :func:`load_scheme`).
    roles : sequence of str or None
        Sentences to score; headline, standfirst and body by default.

    Returns
    -------
    DataFrame
        One row per sentence and frame (zeros included, so the table pivots cleanly):
        ``article_id``, ``sentence_id``, ``section``, ``role``, ``n_words``, ``frame``
        (key), ``label``, ``score`` (number of cue matches), ``cues`` (the matched
        words as written in the normalised sentence, each a substring of it),
        ``cue_spans`` (their ``(start, end)`` offsets in the article's text),
        ``negated`` (the cues among them that are negated).
    """
    from ..nlp.parse import require_parse

    lexicon = load_scheme(scheme)
    data = (
        sentences
        if roles is None or "role" not in sentences.columns
        else sentences[sentences["role"].isin(list(roles))]
    )
    if data.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in FRAME_SCORE_COLUMNS})
    parsed = require_parse(parse, data, "frame_scores()")
    rows = []
    for row in table_rows(data):
        text = row.text_norm
        negated: dict[str, list[str]] = {}
        state: list = []

        def accept(frame, a, b, rule, row=row, text=text, negated=negated, state=state):
            if not state:  # the parse of the sentence, fetched at its first candidate
                doc, _ = parsed.sentence(row.article_id, row.sentence_id)
                state.extend(
                    (doc, _in_title(doc) if doc is not None else [], _words_and_lemmas(doc))
                )
            doc, titled, lemmas = state
            if doc is None:
                return True
            ((start, end),) = article_spans(row.text, row.char_start, [(a, b)])
            ok, negative = _check(
                doc, start - row.char_start, end - row.char_start, rule, titled, lemmas
            )
            if ok and negative:
                negated.setdefault(frame, []).append(text[a:b])
            return ok

        found: dict[str, list[tuple[int, int]]] = {}
        for frame, a, b, _ in _match_rules(text, lexicon, accept):
            found.setdefault(frame, []).append((a, b))
        n_words = getattr(row, "n_words", len(text.split()))
        for frame in lexicon.frames:
            spans = found.get(frame, [])
            rows.append(
                {
                    "article_id": row.article_id,
                    "sentence_id": row.sentence_id,
                    "section": getattr(row, "section", None),
                    "role": getattr(row, "role", "body"),
                    "n_words": n_words,
                    "frame": frame,
                    "label": lexicon.labels[frame],
                    "score": len(spans),
                    "cues": [text[a:b] for a, b in spans],
                    "cue_spans": article_spans(row.text, row.char_start, spans) if spans else [],
                    "negated": negated.get(frame, []),
                }
            )
    return pd.DataFrame(rows, columns=FRAME_SCORE_COLUMNS)


def frame_profile(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per article and frame: how much of the article uses the frame.

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`frame_scores`.

    Returns
    -------
    DataFrame
        ``article_id``, ``frame``, ``label``, ``n_sentences`` (with at least one cue),
        ``share_of_sentences``, ``n_cues``, ``cues_per_1k`` (cues per 1,000 words of the
        scored sentences), ``share_of_cues`` (of all cues of the article),
        ``first_sentence_id`` (NaN if unused), ``top_cues`` (most frequent cues,
        lower-cased, "; "-joined), ``rank`` (1 = most cues per 1,000 words). Frames
        are in rank order.
    """
    if scores.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PROFILE_COLUMNS})
    sentences_ = scores.drop_duplicates(["article_id", "sentence_id"])
    words = sentences_.groupby("article_id", sort=False)["n_words"].sum()
    n_sent = sentences_.groupby("article_id", sort=False).size()
    data = scores.assign(
        used=scores["score"] > 0, first=scores["sentence_id"].where(scores["score"] > 0)
    )
    out = (
        data.groupby(["article_id", "frame"], sort=False)
        .agg(
            label=("label", "first"),
            n_sentences=("used", "sum"),
            n_cues=("score", "sum"),
            first_sentence_id=("first", "min"),
        )
        .reset_index()
    )
    article_words = out["article_id"].map(words).to_numpy(dtype=float)
    article_sentences = out["article_id"].map(n_sent).to_numpy(dtype=float)
    total_cues = (
        out.groupby("article_id", sort=False)["n_cues"].transform("sum").to_numpy(dtype=float)
    )
    out["n_sentences"] = out["n_sentences"].astype(int)
    out["n_cues"] = out["n_cues"].astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["share_of_sentences"] = np.where(
            article_sentences > 0, out["n_sentences"] / article_sentences, 0.0
        )
        out["cues_per_1k"] = np.where(article_words > 0, 1000 * out["n_cues"] / article_words, 0.0)
        out["share_of_cues"] = np.where(total_cues > 0, out["n_cues"] / total_cues, 0.0)
    top = {}
    for key, group in data[data["used"]].groupby(["article_id", "frame"], sort=False)["cues"]:
        counter = Counter(c.lower() for cues in group for c in cues)
        top[key] = "; ".join(c for c, _ in sorted(counter.items(), key=lambda x: (-x[1], x[0]))[:5])
    out["top_cues"] = [
        top.get((a, f), "") for a, f in zip(out["article_id"], out["frame"], strict=True)
    ]
    out = out.sort_values(
        ["article_id", "cues_per_1k", "n_sentences", "frame"],
        ascending=[True, False, False, True],
        kind="mergesort",
    )
    out["rank"] = out.groupby("article_id").cumcount() + 1
    return out.reset_index(drop=True)[PROFILE_COLUMNS]


#: A frame leads an article when its cues are in at least this share of its sentences.
LEADING_SHARE = 0.1


def dominant_frames(
    profile: pd.DataFrame, *, top_n: int = 3, min_share: float = LEADING_SHARE
) -> pd.DataFrame:
    """The leading frames of each article: the ``top_n`` best-ranked frames used in at
    least ``min_share`` of its sentences. Same columns as :func:`frame_profile`."""
    if profile.empty:
        return profile.copy()
    keep = profile[(profile["rank"] <= top_n) & (profile["share_of_sentences"] >= min_share)]
    return keep.reset_index(drop=True)


# ---------------------------------------------------------------------- loaded language
@lru_cache(maxsize=8)
def _loaded_table(path: str) -> dict[tuple[str, ...], str]:
    lines = [
        line
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    table = {}
    for line in lines[1:]:
        term, category = line.rsplit(",", 1)
        table[tuple(term.lower().split())] = category.strip()
    return table


def loaded_language(
    sentences: pd.DataFrame,
    *,
    lexicon: str | PathLike | None = None,
    roles: Sequence[str] | None = ANALYSED_ROLES,
) -> pd.DataFrame:
    """Evaluative and loaded words: negative and positive evaluations, judging labels
    ("regime", "dictator") and intensifiers (Recasens et al. 2013; SemEval-2020 Task 11).

    Parameters
    ----------
    sentences : DataFrame
        A sentence table.
    lexicon : path, optional
        A CSV with columns ``term,category`` replacing ``data/loaded_language.csv``.

    Returns
    -------
    DataFrame
        One row a match: ``article_id``, ``sentence_id``, ``term`` (as written),
        ``category``, ``text`` (the sentence), ``char_start``/``char_end`` (offsets
        of the term in the article's text).
    """
    path = Path(lexicon) if lexicon is not None else DATA_DIR / "loaded_language.csv"
    if not path.is_file():
        raise FramingError(
            f"{path}: loaded-language lexicon not found. Pass a CSV with columns term,category."
        )
    table = _loaded_table(str(path))
    longest = max((len(k) for k in table), default=1)
    data = (
        sentences
        if roles is None or "role" not in sentences.columns
        else sentences[sentences["role"].isin(list(roles))]
    )
    rows = []
    from ..text.normalize import normalize_with_offsets

    for row in table_rows(data):
        norm, offsets = normalize_with_offsets(row.text)
        spans = token_spans(norm)
        lows = [k.lower() for k, *_ in spans]
        i = 0
        while i < len(spans):
            for n in range(min(longest, len(spans) - i), 0, -1):
                category = table.get(tuple(lows[i : i + n]))
                if category:
                    a, b = spans[i][2], spans[i + n - 1][3]
                    if offsets is not None:
                        a, b = int(offsets[a]), int(offsets[b])
                    rows.append(
                        {
                            "article_id": row.article_id,
                            "sentence_id": row.sentence_id,
                            "term": row.text[a:b],
                            "category": category,
                            "text": row.text,
                            "char_start": row.char_start + a,
                            "char_end": row.char_start + b,
                        }
                    )
                    i += n - 1
                    break
            i += 1
    return pd.DataFrame(rows, columns=LOADED_COLUMNS)


def highlight_cues(
    scores: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    frames: Sequence[str] | None = None,
    min_score: int = 1,
) -> str:
    """An HTML table of the sentences that carry frames, with each cue marked.

    For the notebook (``IPython.display.HTML``) and the HTML report: one row per
    sentence with at least ``min_score`` cues of the chosen ``frames`` (all by
    default), the frames it carries, and its normalised text with the cues in
    ``<mark>``.
    """
    import html
    import re

    data = scores[scores["score"] >= min_score]
    if frames is not None:
        data = data[data["frame"].isin(list(frames))]
    if data.empty:
        return "<p>No sentence carries these frames.</p>"
    texts = sentences.set_index(["article_id", "sentence_id"])["text_norm"]
    rows = []
    for (article_id, sentence_id), group in data.groupby(["article_id", "sentence_id"], sort=False):
        cues = sorted({c for cs in group["cues"] for c in cs}, key=len, reverse=True)
        text = html.escape(str(texts.loc[(article_id, sentence_id)]))
        if cues:
            pattern = re.compile(
                r"\b(?:" + "|".join(re.escape(html.escape(c)) for c in cues) + r")\b"
            )
            text = pattern.sub(lambda m: f"<mark>{m.group()}</mark>", text)
        labels = ", ".join(
            f"{lab} ({n})" for lab, n in zip(group["label"], group["score"], strict=True)
        )
        rows.append(
            f"<tr><td>{html.escape(str(sentence_id))}</td><td>{html.escape(labels)}</td><td>{text}</td></tr>"
        )
    return (
        '<table class="frame-cues"><thead><tr><th>sentence</th><th>frames (cues)</th><th>text</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


# ---------------------------------------------------------------------- features
def cue_matrix(texts: Sequence[str], scheme: FrameScheme) -> sparse.csr_matrix:
    """Cue counts per frame (columns in ``scheme.frames`` order), divided by the square
    root of each text's length in words: the lexicon features of :class:`FrameClassifier`."""
    data = np.zeros((len(texts), len(scheme.frames)))
    position = {f: j for j, f in enumerate(scheme.frames)}
    for i, text in enumerate(texts):
        norm = normalize(text)
        found = _match(norm, scheme)
        length = max(1, len(norm.split())) ** 0.5
        for frame, spans in found.items():
            data[i, position[frame]] = len(spans) / length
    return sparse.csr_matrix(data)


def __getattr__(name: str):
    """``FrameClassifier`` and ``Evaluation`` are imported on first use, so reading
    frame profiles does not pay for importing scikit-learn."""
    if name in ("FrameClassifier", "Evaluation"):
        from . import frame_classifier

        return getattr(frame_classifier, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
