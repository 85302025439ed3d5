"""What a cue attributes when no clause or quote gives it: the object a verb takes
("described the deal as ..."), and what an attributing noun holds ("his claim that ...")."""

from __future__ import annotations

from .cues import ADDRESSEE_VERBS, Verb
from .quote_marks import MARK_CHARS
from .records import Attribution
from .speakers import resolve_source

__all__ = ["object_phrase", "noun_attribution", "span_of"]


#: What a verb's object phrase keeps: the object, a predicate ("as ..."), particles.
_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd", "attr", "acomp"})

#: Nouns of the occasion of a statement: "in a statement", "at a rally", "on Twitter".
_OCCASIONS = frozenset(
    "statement interview speech letter ruling email tweet post conference meeting hearing "
    "rally debate briefing video broadcast press radio television tv twitter facebook "
    "program show appearance call visit event campaign trail op-ed column".split()
)

#: Prepositions of where a statement is made, never of what it says ("spoke at a
#: gathering", "speaking from a cottage", "campaigned in the state").
_VENUE_PREPS = frozenset(
    "at from in into inside outside near across throughout through among under".split()
)

#: Prepositions whose object may be who is spoken to ("spoke to reporters") rather
#: than what is said ("objected to the plan"); "agreed with X", "called for talks" and
#: "campaigned for X" are what the source backs.
_PARTY_PREPS = frozenset({"to"})

#: Nouns of an audience: "spoke to a gathering of industry leaders".
_AUDIENCES = frozenset(
    "gathering crowd audience group delegation meeting assembly congregation convention "
    "reporter journalist press mother father family voter supporter student".split()
)


def _is_party(tok) -> bool:
    """Whether a preposition's object names people rather than a matter: a pronoun,
    a person, body or place, a plural noun ("reporters", "requests"), an audience."""
    return (
        tok.pos_ == "PRON"
        or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or tok.tag_ in ("NNS", "NNPS")
        or tok.lemma_.lower() in _AUDIENCES
    )


def _adverbial(prep) -> bool:
    """'on Thursday', 'in a statement', 'at a rally in Ohio': when and where, not what."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    return any(
        g.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") or g.lemma_.lower() in _OCCASIONS
        for g in objects
    )


def object_phrase(cue, subject, subject_span: set[int], act: str = "statement") -> list:
    """The words a cue verb takes as its content when it has no clause: the direct
    object with an "as ..." predicate, else the object of its first preposition, else
    (passive, source in a by-phrase) the passive subject; adverbials of time and place
    ("in a statement on Thursday") are left out. An adjective is what is said only
    after a verb of speech ("said sorry"); after one of belief it is a state of mind
    ("felt betrayed", "without feeling guilty"), no content."""
    rights = [c for c in cue.rights if c.i not in subject_span]
    objects = [
        c for c in rights if c.dep_ in _OBJECT_DEPS and (c.dep_ != "acomp" or act == "statement")
    ]
    if cue.lemma_.lower() in ADDRESSEE_VERBS:
        # "told a dispatcher", "urged Congress to act": the object is who is addressed
        objects = [
            c
            for c in objects
            if not (
                c.pos_ == "PRON"
                or c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                or c.tag_ in ("NNS", "NNPS")
            )
        ]
        xcomps = [
            c
            for c in rights
            if c.dep_ == "xcomp"
            # "tells his supporters to 'go and vote'", parsed as an adverbial clause
            or (c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
        ]
        if not objects and xcomps:
            return [t for c in xcomps for t in c.subtree]
        # "tell the truth (about ...)", "telling the story": what is told is no statement
        if cue.lemma_.lower() == "tell" and any(c.dep_ == "dobj" for c in objects):
            return []
    if objects:
        tokens = [t for c in objects for t in c.subtree]
        for c in rights:
            if c.dep_ == "prep" and c.i > objects[0].i and not _adverbial(c):
                tokens += list(c.subtree)  # "... as 'crazy'", "its role in ensuring ..."
        return tokens
    for c in rights:
        if (
            c.dep_ == "prep"
            and c.lower_ not in ("during", "after", "before", "since")
            and c.lower_ not in _VENUE_PREPS
            and not _adverbial(c)
        ):
            inner = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if c.lower_ in _PARTY_PREPS and any(_is_party(g) for g in inner):
                continue  # "spoke to reporters": who is addressed, not what is said
            if inner and all(g.pos_ == "ADV" for g in inner):
                continue  # "for now", "until then": when, not what
            if inner:
                return [t for g in inner for t in g.subtree]
    if subject is not None and subject.dep_ == "pobj" and subject.head.dep_ == "agent":
        passive = [c for c in cue.children if c.dep_ == "nsubjpass"]
        return [t for c in passive for t in c.subtree]
    return []


def span_of(doc, offset, tokens) -> tuple[int, int]:
    tokens = [t for t in tokens if not t.is_punct or t.text in MARK_CHARS]
    if not tokens:
        return 0, 0
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return offset + first.idx, offset + last.idx + len(last)


#: Verbs that carry an attributing noun: "he made the claim that ...".
_LIGHT_VERBS = frozenset(
    "make issue express voice repeat offer give raise have share deliver".split()
)


def noun_attribution(doc, offset, sid, tok, noun: Verb, mention_rows, recent, text, lex):
    """'his claim that ...', 'reports of an explosion', 'Trump's criticism of the deal'."""
    content = [
        c
        for c in tok.children
        if c.dep_ in ("acl", "ccomp")
        and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
    ]
    if noun.proposition_only and not content:
        return []  # "an attack on a journalist by miners": an act, not a statement
    if content:
        tokens = [
            t
            for c in content
            for t in c.subtree
            if not (t.dep_ == "mark" and t.head.i == c.i and t.lower_ == "that")
        ]
    else:
        preps = [
            c
            for c in tok.rights
            if c.dep_ == "prep" and c.lower_ in ("of", "about", "on", "over", "against")
        ]
        tokens = [
            t
            for c in preps[:1]
            for g in c.children
            if g.dep_ in ("pobj", "pcomp")
            for t in g.subtree
        ]
    if not [t for t in tokens if not t.is_punct]:
        return []
    start, end = text.trim(*span_of(doc, offset, tokens), " ,;:\u2014\u2013-")
    if end <= start:
        return []
    holder = next((c for c in tok.children if c.dep_ == "poss"), None)
    if holder is None:
        by = [
            g
            for c in tok.rights
            if c.dep_ == "prep" and c.lower_ in ("by", "from")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        holder = by[0] if by else None
    if holder is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _LIGHT_VERBS:
        holder = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    source = None
    if holder is not None:
        source = resolve_source(doc, offset, holder, mention_rows, recent, lex)
    if source is None:
        return []  # "reports of an explosion": nobody to attribute it to
    cue_start = offset + tok.idx
    return [
        Attribution(
            sid,
            source,
            tok.text,
            noun.lemma,
            noun.group,
            noun.act,
            "said",
            start,
            end,
            cue_start,
            cue_start + len(tok),
            None,
            bool(content),  # "his claim that ..." says; "criticism of the deal" names
        )
    ]
