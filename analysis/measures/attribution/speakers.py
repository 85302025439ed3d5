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
    """A pronoun: its nearest fitting antecedent (:func:`_antecedent`), else unresolved."""
    pos = offset + head.idx
    kinds = PRONOUN_KINDS.get(head.lower_)
    if kinds is None:
        return Source(head.text, None, "unresolved", "", pos, pos + len(head), "unresolved")
    found = _antecedent(mention_rows, recent, pos, kinds, _GENDER_OF_PRONOUN.get(head.lower_))
    if found is not None:
        actor, kind, role = found
        return Source(head.text, actor, kind, role, pos, pos + len(head), "pronoun")
    return Source(head.text, None, "unresolved", "", pos, pos + len(head), "unresolved")


#: "he" and "she" refer to people of that gender where the article shows it.
_GENDER_OF_PRONOUN = {"he": "male", "she": "female"}
#: Words before a name or a role that show a person's gender.
_GENDER_WORDS = {
    **dict.fromkeys(
        "mr mr. sir lord king prince duke father brother son husband spokesman chairman "
        "congressman businessman".split(),
        "male",
    ),
    **dict.fromkeys(
        "mrs mrs. ms ms. miss lady dame queen princess duchess mother sister daughter wife "
        "spokeswoman chairwoman congresswoman businesswoman".split(),
        "female",
    ),
}


def _antecedent(mention_rows, recent, pos: int, kinds, gender: str | None):
    """The actor a pronoun at ``pos`` refers to: the nearest sentence before it (or its
    own, before it) with a fitting actor (a kind the pronoun can stand for, not of the
    other gender where the article shows it), and in that sentence its grammatical
    subject, else the speaker of its attribution, else the last fitting actor named.
    Returns (actor, kind, role) or None."""
    genders = _genders(mention_rows)

    def fits(actor, kind) -> bool:
        return (
            actor is not None
            and kind in kinds
            and not (gender and genders.get(actor) not in (None, gender))
        )

    before = [m for m in mention_rows if int(m["char_end"]) <= pos and fits(m["actor"], m["kind"])]
    speakers = [
        a
        for a in recent
        if a.cue_start is not None and a.cue_start < pos and fits(a.source.actor, a.source.kind)
    ]
    sentence_ids = sorted(
        {int(m["sentence_id"]) for m in before} | {a.sentence_id for a in speakers}, reverse=True
    )
    for sid in sentence_ids:
        here = [m for m in before if int(m["sentence_id"]) == sid]
        subjects = [m for m in here if m.get("_subject")]
        if subjects:
            m = subjects[0]
            return m["actor"], m["kind"], m["role"] or ""
        said = [a for a in speakers if a.sentence_id == sid]
        if said:
            src = said[-1].source
            return src.actor, src.kind, src.role
        m = here[-1]
        return m["actor"], m["kind"], m["role"] or ""
    return None


def _genders(mention_rows) -> dict[str, str]:
    """Each person's gender where a word before one of their mentions shows it ("Mr",
    "Mrs", "Queen", "spokeswoman"): noted on the mentions by :func:`mark_subjects`."""
    out: dict[str, str] = {}
    for m in mention_rows:
        if m.get("_gender") and m["kind"] == "person":
            out.setdefault(m["actor"], m["_gender"])
    return out


def _named_source(doc, offset, head, span, inside, mention_rows, lex) -> Source | None:
    """A source whose words name an actor: a mention on its head, a person named
    with a title, or a person in an apposition ("a spokesman, John Smith")."""
    a_start, a_end = offset + span.start_char, offset + span.end_char

    def found(m) -> Source:
        how = "back-reference" if m.get("method") == "description" else "mention"
        return Source(span.text, m["actor"], m["kind"], m["role"] or "", a_start, a_end, how)

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
    """Mark each mention that is the grammatical subject of its clause (``_subject``),
    and the gender a word before it shows (``_gender``: "Mr", "Mrs", "Queen" ...)."""
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
        m["_gender"] = None
        if span is not None and span.start > 0:
            m["_gender"] = _GENDER_WORDS.get(doc[span.start - 1].lower_)
            if m["_gender"] is None and doc[span.start].lower_ in _GENDER_WORDS:
                m["_gender"] = _GENDER_WORDS[doc[span.start].lower_]  # "Mr Blunkett" as one span


def phrase_core(head) -> int:
    """Start of 'the Russian foreign ministry' / 'an analyst' (determiner, modifiers)."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("det", "amod", "compound", "nummod", "nmod", "quantmod", "poss", "case"):
            start = min(start, child.left_edge.i)
    return start
