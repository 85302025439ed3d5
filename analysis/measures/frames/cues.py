"""Where a frame's cues are in a sentence, and whether each counts: matched on Porter
stems, the longest first, then checked on spaCy's parse (:func:`check_cue`)."""

from __future__ import annotations

from functools import lru_cache

from ...nlp.lemmas import same_word
from ...nlp.parsing import NAME_LABELS
from ...text.tokens import token_spans
from ..actors import load_aliases, title_starting
from .scheme import CueRule, FrameScheme, stems

__all__ = ["match_rules", "match_words", "check_cue", "in_title", "words_and_lemmas"]


def _unit_spans(words: list[str], scheme: FrameScheme) -> list[tuple[int, int]]:
    """Word ranges ``[i, j)`` of the scheme's units in a sentence."""
    out = []
    for i, word in enumerate(words):
        for unit in scheme.units.get(word, ()):
            if tuple(words[i : i + len(unit)]) == unit:
                out.append((i, i + len(unit)))
                break
    return out


def match_rules(text: str, scheme: FrameScheme, accept=None) -> list[tuple[str, int, int, CueRule]]:
    """Cue matches in ``text`` as (frame, start, end, rule): the longest cue of each
    frame at each word that ``accept(frame, start, end, rule)`` (if given) lets count,
    no overlaps within a frame, none strictly inside a unit. Cues that share a stem
    are tried in turn, so that a rejected one ("commit" read on "commitment") leaves
    the word to the next ("commitment")."""
    spans = stems(text)
    words = [s for s, _, _ in spans]
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
            start, end = spans[i][1], spans[i + n - 1][2]
            if accept is not None and not accept(frame, start, end, rule):
                continue
            found.append((frame, start, end, rule))
            covered[frame] = i + n - 1
    return found


def match_words(text: str, scheme: FrameScheme) -> dict[str, list[tuple[int, int]]]:
    """Cue spans per frame in ``text``, from the words alone (no parse: stems and
    ``unless`` lists only)."""
    keys = {k.lower() for k, *_ in token_spans(text)}
    found: dict[str, list[tuple[int, int]]] = {}
    for frame, start, end, _ in match_rules(
        text, scheme, lambda f, a, b, rule: not (rule.unless and rule.unless & keys)
    ):
        found.setdefault(frame, []).append((start, end))
    return found


@lru_cache(maxsize=1)
def _roles():
    """The package's roles lexicon, built once (``load_aliases`` copies it per call)."""
    return load_aliases()


def in_title(doc) -> list[tuple[int, int]]:
    """Token ranges ``[start, head)`` of the words that modify a title's head word
    ("Home" in "Home Secretary", "foreign" in "foreign minister"): they name an office,
    not a frame. A cue that takes in the head ("president-elect") is not among them.
    Kept in the doc's ``user_data`` (both frame schemes read the same sentences)."""
    kept = doc.user_data.get("framing.in_title")
    if kept is not None:
        return kept
    lex = _roles()
    low = [t.lower_ for t in doc]
    out: list[tuple[int, int]] = []
    for i in range(len(low)):
        end, role = title_starting(low, i, lex)
        if role is not None and end - i > 1:
            out.append((i, end - 1))
    doc.user_data["framing.in_title"] = out
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


def words_and_lemmas(doc):
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
    toks = [t for t in span if not (t.is_punct or t.is_space)]
    if not words or len(toks) != len(words):
        return True
    return all(same_word(t, w) for t, w in zip(toks, words, strict=True))


def check_cue(
    doc, start: int, end: int, rule: CueRule, titled: list[tuple[int, int]], lemmas
) -> tuple[bool, bool, str]:
    """Whether a cue at sentence offsets ``[start, end)`` counts on the parse, whether
    it is negated, and why it does not count ("" when it does)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return True, False, ""
    first = span[0]
    if rule.pos is not None and first.pos_ not in rule.pos:
        return False, False, f"another part of speech ({first.pos_})"
    if rule.unless and (hit := rule.unless & lemmas()):
        return False, False, f"another sense: '{sorted(hit)[0]}' in the sentence"
    last = span[-1]
    if rule.unless_in_phrase and (hit := rule.unless_in_phrase & _phrase_lemmas(last)):
        return False, False, f"another sense: '{sorted(hit)[0]}' in its phrase"
    if rule.governed_by and last.head is not last and last.head.lemma_.lower() in rule.governed_by:
        return False, False, f"another sense: governed by '{last.head.lemma_.lower()}'"
    exact = span.start_char == start and span.end_char == end
    if exact and not _same_words(span, rule.words):
        return False, False, f"another word of the same stem ('{span.text}')"
    if not rule.in_names:
        if any(a <= span.start and span.end <= head for a, head in titled):
            return False, False, "part of a title"
        for tok in span:
            if tok.ent_type_ in NAME_LABELS:  # a name hides a cue's sense: "Home Office"
                core = [t for t in _entity(doc, tok) if not (t.is_stop or t.is_punct)]
                if core and (core[0].i < span.start or core[-1].i >= span.end):
                    return False, False, f"part of a name ('{_entity(doc, tok).text}')"
    if len(span) == 1 and first.pos_ == "VERB" and any(c.dep_ == "prt" for c in first.children):
        return False, False, "part of a phrasal verb"  # "live up to", "back down"
    return True, any(_negated(t) for t in span), ""
