"""Attributions whose cue is in one sentence: a reporting verb and its subject, "according
to", an attributing noun, or a name and a colon opening the sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...lexicons import read_yaml
from ...nlp.lemmas import is_noun_plural
from ...nlp.vectors import context_vector, context_words, text_vectors
from ..actors import label_key
from .content import noun_attribution, object_phrase, span_of
from .cues import ADDRESSEE_VERBS, Verb, cue_of, gap_ok, noun_table, subject_of
from .quote_marks import Quote, quote_at
from .records import Attribution, Source
from .speakers import resolve_source

__all__ = ["SentenceView", "sentence_attributions"]

#: Words that set two sides against each other in a fixture ("India v Sri Lanka:").
_VERSUS = frozenset({"v", "v.", "vs", "vs."})
#: A line of contact details after a name and a colon ("Andy Vuong: 303-954-1209,
#: avuong@...", "Tel: 0845 250 7170"): a telephone number or an e-mail address.
_CONTACT = re.compile(r"\s*(?:\+?\(?\d[\d ().-]{6,}\d|\S+@\S+\.\w+)")
#: What may stand between a cue and the quote it introduces.
_QUOTE_GAP = " ,:\u201c\u201d\"'\u2018\u00ab`"


@dataclass
class SentenceView:
    """One parsed sentence and what its attributions are read against: the article's
    quotes and text, its actor mentions, the attributions of the sentences just
    before (``recent``) and the actor lexicon. In a Title Case line (a headline:
    "Obama Says ...", "Pence: ...") only a source named by a known actor counts."""

    doc: object
    offset: int
    sid: int
    quotes: list[Quote]
    mention_rows: list[dict]
    recent: list[Attribution]
    text: object  # the article's text (article.ArticleText)
    lex: object
    titled: bool = False
    end: int = field(init=False)
    local_quotes: list[Quote] = field(init=False)

    def __post_init__(self) -> None:
        self.end = self.offset + len(self.doc.text.rstrip())
        self.local_quotes = [q for q in self.quotes if q.end > self.offset and q.start < self.end]

    def in_quote(self, tok) -> bool:
        return quote_at(self.local_quotes, self.offset + tok.idx) is not None

    def extend(self, start: int, end: int) -> tuple[int, int]:
        """Grow a content span to the whole of any quote it cuts."""
        for q in self.local_quotes:
            if q.start < end and start < q.end:
                start, end = min(start, q.start), max(end, q.end)
        return self.text.trim(start, end)


def sentence_attributions(view: SentenceView, verb_table) -> list[Attribution]:
    """Attributions whose cue is in this sentence."""
    out: list[Attribution] = []
    cues = []
    doc = view.doc
    for tok in doc:
        if view.in_quote(tok):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            cues.append(("according", tok))
            continue
        verb = cue_of(tok, verb_table)
        if verb is not None:
            cues.append((verb, tok))
        elif tok.pos_ == "NOUN" and not view.titled:
            noun = noun_table().get(tok.lemma_.lower())
            if noun is not None:
                out.extend(
                    noun_attribution(
                        doc,
                        view.offset,
                        view.sid,
                        tok,
                        noun,
                        view.mention_rows,
                        view.recent,
                        view.text,
                        view.lex,
                    )
                )
    colon = _colon_attribution(view)
    if colon is not None:
        out.append(colon)
    for verb, tok in cues:
        recent = view.recent + out
        if verb == "according":
            found = _according_to(view, tok, recent)
        else:
            found = _verb_attribution(view, verb, tok, recent)
        if found is not None:
            out.append(found)
    return out


# ---------------------------------------------------------------- a name and a colon
def _is_place(mention: dict) -> bool:
    """A town or region rather than a state or a body: where a line is from, not who
    speaks ("GLENDALE, Ariz.:", "Middle East: ...")."""
    return mention.get("kind") in ("place", "region")


def _list_label(lead) -> bool:
    """A capitals lead that labels an item of a list rather than naming a transcript's
    speaker: a common noun in the plural ("TROUSERS:", "NOTES:") or two things joined
    ("CONTENT AND CAPABILITIES:")."""
    return is_noun_plural(lead[-1].text) or any(t.lower_ in ("and", "&") for t in lead)


def _colon_attribution(view: SentenceView) -> Attribution | None:
    """ "Cornish: That's ...": a name and a colon open the sentence."""
    doc, offset = view.doc, view.offset
    colon = next((t for t in doc[:8] if t.text == ":" and not view.in_quote(t)), None)
    if (
        colon is None
        or any(  # a capitals name is often tagged a verb ("CORNISH")
            t.pos_ in ("VERB", "AUX") and not (t.is_upper and len(t) > 1) for t in doc[: colon.i]
        )
    ):
        return None
    c_start = offset + colon.idx
    names = _colon_names(view, colon)
    if not names or view.text.slice(offset, int(names[0]["char_start"])).strip() != "":
        return None
    m = names[-1]
    start, end = view.extend(c_start + 1, view.end)
    said = view.text.slice(start, end) if end > start else ""
    if not said or label_key(said) in view.lex.labels or _CONTACT.match(said):
        return None
    first = int(names[0]["char_start"])
    source = Source(
        view.text.slice(first, int(m["char_end"])),
        m["actor"],
        m["kind"],
        m["role"] or "",
        first,
        int(m["char_end"]),
        "mention",
    )
    return Attribution(
        view.sid,
        source,
        ":",
        ":",
        "neutral",
        "statement",
        "colon",
        start,
        end,
        c_start,
        c_start + 1,
    )


def _colon_names(view: SentenceView, colon) -> list[dict]:
    """The mentions before a sentence's colon that name who speaks; none for a label
    ("Correction:"), a score or fixture, a place, or a list's item."""
    doc, offset = view.doc, view.offset
    c_start = offset + colon.idx
    names = [
        m
        for m in view.mention_rows
        if offset <= int(m["char_start"]) and int(m["char_end"]) <= c_start
    ]
    lead = [t for t in doc[: colon.i] if not t.is_punct]
    written = doc[lead[0].i : colon.i].text if lead else ""
    if label_key(written) in view.lex.labels:
        return []  # "Correction: ...", "The Latest: ...": no one speaks
    if any(t.like_num or t.lower_ in _VERSUS for t in lead):
        return []  # a score or a fixture: "Birmingham City 2 Bolton 1:", "India v Sri Lanka:"
    if names and all(_is_place(m) for m in names):
        return []  # where, not who: "GLENDALE: Fans stayed ..."
    if (
        lead
        and all(t.is_upper for t in lead)
        and _list_label(lead)
        and not any(m["kind"] == "person" for m in names)
    ):
        return []  # an item of a list, even where the model took it for a name
    if not names and 0 < len(lead) <= 4 and all(t.is_title or t.is_upper for t in lead):
        return _transcript_speaker(view, lead, written, colon)
    return names


def _transcript_speaker(view: SentenceView, lead, written: str, colon) -> list[dict]:
    """ "PENCE: Well, ...": a transcript's speaker, matched to a person by surname; a
    Title Case lead that names nobody is a heading ("Stealth Over Health:")."""
    last = lead[-1].text.lower()
    person = next(
        (
            m
            for m in reversed(view.mention_rows)
            if m["kind"] == "person" and m["actor"].split()[-1].lower() == last
        ),
        None,
    )
    if person is None and not all(t.is_upper for t in lead):
        return []
    return [
        {
            "char_start": view.offset + lead[0].idx,
            "char_end": view.offset + colon.idx,
            "actor": person["actor"] if person else written,
            "kind": person["kind"] if person else "unresolved",
            "role": person["role"] if person else "",
        }
    ]


# ---------------------------------------------------------------- according to
def _according_to(view: SentenceView, tok, recent) -> Attribution | None:
    doc, offset = view.doc, view.offset
    to = doc[tok.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = resolve_source(doc, offset, objects[0], view.mention_rows, recent, view.lex)
    if source is None:
        return None
    p_end = objects[0].right_edge.i + 1
    if tok.i <= 2:
        start = offset + (doc[p_end].idx if p_end < len(doc) else len(doc.text))
        end = view.end
    else:
        start, end = offset, offset + tok.idx
    start, end = view.extend(start, end)
    start, end = view.text.trim(start, end, " ,;:.\u2014\u2013-")
    if end <= start:
        return None
    return Attribution(
        view.sid,
        source,
        "according to",
        "according to",
        "neutral",
        "statement",
        "according-to",
        start,
        end,
        offset + tok.idx,
        offset + to.idx + len(to),
    )


# ---------------------------------------------------------------- a reporting verb
def _verb_attribution(view: SentenceView, verb: Verb, tok, recent) -> Attribution | None:
    subject = subject_of(tok, quoted=view.in_quote)
    if subject is None:
        return None
    source = resolve_source(
        view.doc, view.offset, subject, view.mention_rows, recent, view.lex, verb.lemma
    )
    if source is None or (view.titled and source.resolved_by != "mention"):
        return None
    act = "evidence" if source.kind == "document" else verb.act
    subject_span = set(range(subject.left_edge.i, subject.right_edge.i + 1))
    content = _verb_content(view, verb, tok, subject, subject_span, act)
    if content is None:
        return None
    start, end, fragments, clause = content
    start, end = view.text.trim(start, end, " ,;:\u2014\u2013-")
    if end <= start:
        return None
    cue_tokens = [tok, *[c for c in tok.children if c.dep_ == "prt"]]
    cue_start = view.offset + min(t.idx for t in cue_tokens)
    cue_end = view.offset + max(t.idx + len(t) for t in cue_tokens)
    return Attribution(
        view.sid,
        source,
        view.text.slice(cue_start, cue_end),
        verb.lemma,
        verb.group,
        act,
        "said",
        start,
        end,
        cue_start,
        cue_end,
        fragments,
        clause,
    )


def _states_something(cue, tokens) -> bool:
    """Whether the words a verb of act ("attack", "defend", "refuse", "report") takes
    are something said or a stance: an object described "as ..." ("attacked the plan as
    reckless"), a statement noun ("defended his remarks"), or any object in a sentence
    nearer to the words of public speech than to those of physical acts ("attacked
    Machado in early-morning tweets", not "attacked a journalist outside the court")."""
    if any(t.lower_ == "as" and t.dep_ == "prep" for t in tokens):
        return True
    nouns = noun_table()
    objects = [t for t in tokens if t.head.i == cue.i and t.dep_ in ("dobj", "nsubjpass")]
    if any(t.lemma_.lower() in nouns for t in objects):
        return True
    return bool(objects) and _speech_context(cue)


@lru_cache(maxsize=1)
def _speech_direction():
    """The direction from the words of physical acts to those of public speech."""
    senses = read_yaml("verb_senses")
    speech, act = text_vectors([" ".join(senses["speech"]), " ".join(senses["act"])])
    return speech - act, (speech + act) / 2


def _speech_context(cue) -> bool:
    """Is the cue's sentence nearer to public speech than to physical acts?"""
    vector = context_vector(context_words(cue.doc, cue.i, cue.i + 1), decay=4.0)
    if not vector.any():
        return False
    direction, middle = _speech_direction()
    return float((vector - middle) @ direction) >= 0


def _verb_content(view: SentenceView, verb: Verb, tok, subject, subject_span, act):
    """What a cue verb attributes: ``(start, end, fragments, clause)`` or None. The
    clausal complement; else, for a cue set into the clause ("The museum, Mr. Obama
    said, would ..."), the clause around it; else the quotes around the cue; else what
    the verb takes (its object, the object of its preposition, a passive subject)."""
    doc, offset = view.doc, view.offset
    comps = [
        c
        for c in tok.children
        if c.dep_ == "ccomp"
        or (
            c.dep_ == "xcomp"
            and (act == "intention" or (c.i > tok.i and verb.group in ("endorsing", "directive")))
        )
    ]
    if (
        not comps
        and tok.dep_ == "parataxis"
        and not any(q.start <= offset + tok.head.idx < q.end for q in view.local_quotes)
    ):
        return _parataxis_content(view, tok)
    if comps:
        tokens = [t for c in comps for t in c.subtree if t.i not in subject_span]
        while tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether", "if"):
            tokens = tokens[1:]
        return (*view.extend(*span_of(doc, offset, tokens)), None, True)
    quoted = _quote_content(view, tok, subject, subject_span)
    if quoted is not None:
        return (*quoted, True)
    if verb.quote_only:
        return None
    tokens = object_phrase(tok, subject, subject_span, act)
    if not [t for t in tokens if not t.is_punct]:
        return None
    if verb.proposition_only and not _states_something(tok, tokens):
        return None  # "attacked a journalist", "refused the offer": an act, not speech
    # "urged Congress to act" says something; "rejected Hart's claim" names it
    clause = any(t.head.i == tok.i and t.dep_ in ("xcomp", "ccomp", "advcl") for t in tokens)
    return (*view.extend(*span_of(doc, offset, tokens)), None, clause)


def _parataxis_content(view: SentenceView, tok):
    """ "The museum, Mr. Obama said, would make ...": the clause around the cue."""
    inner = {t.i for t in tok.subtree}
    outer = [t for t in tok.head.subtree if t.i not in inner]
    left = [t for t in outer if t.i < tok.left_edge.i]
    right = [t for t in outer if t.i > tok.right_edge.i]
    fragments = [
        view.text.trim(*span_of(view.doc, view.offset, part), " ,;:\u2014\u2013-.")
        for part in (left, right)
        if [t for t in part if not t.is_punct]
    ]
    fragments = [f for f in fragments if f[1] > f[0]]
    if not fragments:
        return None
    start, end = fragments[0][0], fragments[-1][1]
    return start, end, (fragments if len(fragments) > 1 else None), True


def _cue_last(view: SentenceView, tok, subject, subject_span) -> int:
    """The last token of the cue: its particle, a subject after it ('said Putin'), or
    who is addressed ("asking her, '...'", "told reporters: '...'")."""
    addressed = [
        c.right_edge.i
        for c in tok.rights
        if c.dep_ in ("dobj", "dative", "npadvmod")
        and tok.lemma_.lower() in ADDRESSEE_VERBS
        and (c.pos_ in ("PRON", "PROPN") or c.ent_type_ or c.tag_ == "NNS")
        and not view.in_quote(c)
    ]
    return max(
        [
            tok.i,
            *[t.i for t in tok.children if t.dep_ == "prt"],
            *(subject_span if subject.i > tok.i else []),
            *addressed,
        ]
    )


def _quote_content(view: SentenceView, tok, subject, subject_span):
    """The quotes around a cue ('"...," he said, "..."'): ``(start, end, fragments)``."""
    doc, offset = view.doc, view.offset
    cue_pos = offset + tok.idx
    before = [
        q
        for q in view.local_quotes
        if tok.tag_ != "VBG"  # a participle (", emphasizing ...") takes no quote before it
        and q.end <= cue_pos
        and gap_ok(doc, offset, q.end, tok, subject_span)
    ]
    last = doc[_cue_last(view, tok, subject, subject_span)]
    after_pos = offset + last.idx + len(last)
    after = [
        q
        for q in view.local_quotes
        if q.start >= after_pos and view.text.slice(after_pos, q.start).strip(_QUOTE_GAP) == ""
    ]
    if not after:
        after = [
            q
            for q in view.quotes
            if q.start >= after_pos
            and q.start - after_pos < 8  # 'He said:' and the quote below it
            and view.text.slice(after_pos, q.start).strip(_QUOTE_GAP) == ""
        ]
    chosen = ([before[-1]] if before else []) + ([after[0]] if after else [])
    if not chosen:
        return None
    fragments = [view.text.trim(q.start, q.end) for q in chosen]
    return fragments[0][0], fragments[-1][1], (fragments if len(fragments) > 1 else None)
