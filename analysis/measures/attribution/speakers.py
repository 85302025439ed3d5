"""Who a cue's subject refers to: a named actor, a pronoun's antecedent, a described
group or document (:func:`resolve_source`)."""

from __future__ import annotations

from ...nlp.parsing import NON_ACTOR_LABELS
from ..actors import POSSESSIVES
from .records import Source

__all__ = ["resolve_source", "mark_subjects", "phrase", "phrase_core", "PRONOUN_KINDS"]

#: What a pronoun source can refer to.
PRONOUN_KINDS = {
    "he": ("person",),
    "she": ("person",),
    "they": ("group", "country", "bloc", "organisation", "institution", "media", "place"),
    "it": ("institution", "organisation", "country", "media", "document", "bloc"),
}
#: Entity types that never speak: a TV show, a ship, a prison, a date.
_NOT_SPEAKERS = NON_ACTOR_LABELS | {"FAC", "PRODUCT", "LOC"}

#: Heads of "a number of experts", "most of the officials": the source is after "of".
_QUANTITIES = frozenset(
    "number group majority minority lot dozen dozens handful couple most many some few all "
    "half third quarter percent share bunch series host".split()
)

_SUBJECT_CUT = frozenset({"relcl", "acl", "appos", "punct", "advcl", "cc", "conj"})


def phrase(token) -> tuple[int, int]:
    """Token span [start, end) of a noun phrase without trailing clauses."""
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in _SUBJECT_CUT:
            break
        right = child.right_edge.i
    return left, right + 1


def _predicate_subject(noun):
    """The subject a predicate noun describes, or the noun itself: in "Trump ... is a
    serial liar, xenophobe and birther who has pledged ...", who pledged is Trump."""
    top = noun
    while top.dep_ == "conj" and top.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        top = top.head
    if top.dep_ != "attr" or top.head.lemma_ != "be":
        return noun
    verb = top.head
    while True:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            # "it's certain parents who worry": a cleft's "it" stands for no one
            return noun if subject.lower_ in ("it", "this", "that", "there", "what") else subject
        if verb.dep_ != "conj":
            return noun
        verb = verb.head


def resolve_source(
    doc, offset, head, mention_rows, recent, lex, verb_lemma: str = "say"
) -> Source | None:
    """Who the subject (or object of 'according to') ``head`` refers to."""
    if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
        return _relative_source(doc, offset, head, mention_rows, recent, lex, verb_lemma)
    s, e = phrase(head)
    span = doc[s:e]
    a_start, a_end = offset + span.start_char, offset + span.end_char
    if head.pos_ == "PRON" or head.lower_ in PRONOUN_KINDS:
        return _pronoun_source(head, offset, mention_rows, recent)
    inside = [
        m for m in mention_rows if int(m["char_start"]) >= a_start and int(m["char_end"]) <= a_end
    ]
    named = _named_source(doc, offset, head, span, inside, mention_rows, lex)
    if named is not None:
        return named
    if head.lemma_.lower() in _QUANTITIES and head.pos_ in ("NOUN", "NUM", "PRON", "ADJ"):
        of = [
            g
            for c in head.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if of:  # "a number of tax experts": the experts
            source = resolve_source(doc, offset, of[0], mention_rows, recent, lex, verb_lemma)
            if source is not None:
                source.speaker, source.start, source.end = span.text, a_start, a_end
            return source
    if head.ent_type_ in _NOT_SPEAKERS:
        return None  # a TV show, a ship or a prison does not speak
    return _described_source(doc, head, span, (a_start, a_end), inside, lex, verb_lemma)


def _relative_source(doc, offset, head, mention_rows, recent, lex, verb_lemma) -> Source | None:
    """ "officials, who said ...": the speaker is the noun the clause describes; the
    source as written is the relative pronoun."""
    described = head.head.head
    if head.lower_ == "who":  # a person; "that" and "which" also describe things
        described = _predicate_subject(described)
    source = resolve_source(doc, offset, described, mention_rows, recent, lex, verb_lemma)
    if source is not None:
        source.speaker = head.text
        source.start, source.end = offset + head.idx, offset + head.idx + len(head)
    return source


def _pronoun_source(head, offset, mention_rows, recent) -> Source:
    """A pronoun: the last fitting speaker of the sentences before, else the most
    salient fitting actor (:func:`_salient`), else unresolved."""
    pos = offset + head.idx
    kinds = PRONOUN_KINDS.get(head.lower_)
    if kinds is None:
        return Source(head.text, None, "unresolved", "", pos, pos + len(head), "unresolved")
    for a in reversed(recent):
        if a.source.actor and a.source.kind in kinds and (a.cue_start or 0) < pos:
            src = a.source
            return Source(head.text, src.actor, src.kind, src.role, pos, pos + len(head), "pronoun")
    m = _salient(mention_rows, pos, kinds)
    if m is not None:
        return Source(
            head.text, m["actor"], m["kind"], m["role"] or "", pos, pos + len(head), "pronoun"
        )
    return Source(head.text, None, "unresolved", "", pos, pos + len(head), "unresolved")


def _named_source(doc, offset, head, span, inside, mention_rows, lex) -> Source | None:
    """A source whose words name an actor: a mention on its head, a person named
    with a title, or a person in an apposition ("a spokesman, John Smith")."""
    a_start, a_end = offset + span.start_char, offset + span.end_char

    def found(m) -> Source:
        return Source(span.text, m["actor"], m["kind"], m["role"] or "", a_start, a_end, "mention")

    h_start = offset + head.idx
    h_end = h_start + len(head)
    on_head = [m for m in inside if int(m["char_start"]) <= h_start and h_end <= int(m["char_end"])]
    if on_head:
        return found(on_head[0])
    if head.pos_ == "PROPN" or (head.lower_,) in lex.titles:
        # "Iranian Ambassador to Russia Kazem Jalali"; a possessor is not the holder of
        # the title ("Laurent Gbagbo's military spokesman, Col. Alphonse Guano")
        people = [m for m in inside if m["kind"] == "person" and not _possessor(doc, offset, m)]
        if people:
            return found(people[-1])
    for c in (c for c in head.children if c.dep_ == "appos"):
        c_start, c_end = offset + c.left_edge.idx, offset + c.right_edge.idx + len(c.right_edge)
        people = [
            m
            for m in mention_rows
            if int(m["char_start"]) >= c_start
            and int(m["char_end"]) <= c_end
            and m["kind"] == "person"
        ]
        if people:
            return found(people[0])
    return None


def _described_source(doc, head, span, bounds, inside, lex, verb_lemma) -> Source | None:
    """A source no name gives: a proper name the actors missed, a document ("the
    report found"), or a described group ("analysts", "officials")."""
    a_start, a_end = bounds
    if head.pos_ == "PROPN":
        name = doc[phrase_core(head) : head.i + 1].text
        return Source(span.text, name, "unresolved", "", a_start, a_end, "unresolved")
    if head.pos_ != "NOUN":
        return None
    first = phrase_core(head)
    core = doc[first : head.i + 1].text
    label = (  # "Prosecutors" at a sentence's start is "prosecutors"; "Luis ... attorneys" stays
        core[:1].lower() + core[1:]
        if core[:1].isupper() and not core[1:2].isupper() and doc[first].pos_ != "PROPN"
        else core
    )
    if head.lemma_.lower() in lex.documents or head.lower_ in lex.documents:
        owners = [m for m in inside if m["kind"] not in ("person", "group")]
        actor = owners[0]["actor"] if owners else label
        return Source(span.text, actor, "document", "", a_start, a_end, "description")
    known_noun = (
        head.lower_ in lex.speakers
        or head.lemma_.lower() in lex.speakers
        or (head.lower_,) in lex.groups
        or (head.lower_,) in lex.titles
    )
    if not known_noun and verb_lemma not in ("say", "tell"):
        return None  # "sweeping crackdowns add fuel": not a source
    return Source(span.text, label, "group", "", a_start, a_end, "description")


def _possessor(doc, offset, mention: dict) -> bool:
    """Whether a possessive marker ("'s", "'") follows the mention in its sentence."""
    end = doc.char_span(int(mention["char_start"]) - offset, int(mention["char_end"]) - offset)
    return end is not None and end.end < len(doc) and doc[end.end].text in POSSESSIVES


def mark_subjects(article_id, mention_rows: list[dict], parsed) -> None:
    """Mark each mention that is the grammatical subject of its clause (``_subject``)."""
    docs: dict[int, tuple] = {}
    for m in mention_rows:
        sid = int(m["sentence_id"])
        if sid not in docs:
            docs[sid] = parsed.sentence(article_id, sid)
        doc, offset = docs[sid]
        span = None
        if doc is not None:
            span = doc.char_span(
                int(m["char_start"]) - offset, int(m["char_end"]) - offset, alignment_mode="expand"
            )
        m["_subject"] = span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def _salient(mention_rows: list[dict], pos: int, kinds) -> dict | None:
    """The actor a pronoun at ``pos`` refers to, among those mentioned before it: in the
    last sentence with one of the fitting kinds, its last subject ("Suu Kyi ...
    established a commission, overseen by Kofi Annan. She said": Suu Kyi), else the
    last one mentioned."""
    fitting = [m for m in mention_rows if int(m["char_end"]) <= pos and m["kind"] in kinds]
    if not fitting:
        return None
    last = fitting[-1]
    subjects = [m for m in fitting if m["sentence_id"] == last["sentence_id"] and m.get("_subject")]
    return subjects[-1] if subjects else last


def phrase_core(head) -> int:
    """Start of 'the Russian foreign ministry' / 'an analyst' (determiner, modifiers)."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("det", "amod", "compound", "nummod", "nmod", "quantmod", "poss", "case"):
            start = min(start, child.left_edge.i)
    return start
