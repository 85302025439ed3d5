"""Cues of attribution: reporting verbs and nouns (by lemma, from the lexicons), and
the grammatical subject of a cue verb, read from spaCy's parse."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from os import PathLike
from pathlib import Path

from ...errors import FramingError
from ...lexicons import CLASS, ENTRY, lexicon_path, read_rows
from .quote_marks import MARK_CHARS

__all__ = [
    "Verb",
    "load_reporting_verbs",
    "noun_table",
    "cue_of",
    "subject_of",
    "gap_ok",
    "ADDRESSEE_VERBS",
]


# ---------------------------------------------------------------------- cues
@dataclass(frozen=True)
class Verb:
    lemma: str
    group: str
    act: str
    #: a cue only with a quote or a clause after it ("she continued: '...'"), never
    #: with an object ("the violence continued for days")
    quote_only: bool = False
    #: a verb whose first sense is an act ("attack", "defend", "refuse", "report"): a
    #: cue only with a clause, a quote, an object described "as ...", or an object
    #: that is a statement ("defended his remarks"), never with a plain object
    #: ("attacked a journalist", "refused the offer")
    proposition_only: bool = False


@lru_cache(maxsize=8)
def _verb_table(path: str) -> dict[str, Verb]:
    table: dict[str, Verb] = {}
    for row in read_rows(path, required=(ENTRY, CLASS)):
        lemma = " ".join(row[ENTRY].lower().split())
        if not lemma or not row[CLASS]:
            raise FramingError(
                f"{path}: every row needs an entry (the lemma) and a class (its stance); "
                "columns entry,class,act."
            )
        table[lemma] = Verb(
            lemma,
            row[CLASS].strip(),
            (row.get("act") or "statement").strip(),
            (row.get("content") or "").strip().lower() == "quote",
            (row.get("content") or "").strip().lower() == "proposition",
        )
    return table


def load_reporting_verbs(path: str | PathLike | None = None) -> dict[str, Verb]:
    """Reporting-verb lemmas ("say", "point out") -> lemma, stance group and act.

    Default ``data/reporting_verbs.csv``; pass your own CSV with the columns
    ``entry,class,act`` (the lemma, its stance and ``act`` one of statement, belief, intention, evidence;
    statement when missing) and optionally ``content`` ("quote": the verb is a cue
    only with a quote or a clause, as "continue" is; "proposition": also with an object
    described "as ..." or one that is a statement, as "attack" is)."""
    target = Path(path) if path is not None else lexicon_path("reporting_verbs")
    if not target.is_file():
        raise FramingError(
            f"{target}: reporting-verb file not found. Pass a CSV with columns entry,class,act."
        )
    return _verb_table(str(target))


def noun_table() -> dict[str, Verb]:
    return _verb_table(str(lexicon_path("reporting_nouns")))  # cached there


#: Particles that make a reporting verb another verb, unless the lexicon lists the pair.
_SENSE_PARTICLES = frozenset({"off", "up", "down", "away", "around"})


def cue_of(tok, verb_table) -> Verb | None:
    if tok.pos_ not in ("VERB", "AUX") and not (tok.tag_.startswith("VB")):
        return None
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ == "prt":
            verb = verb_table.get(f"{lemma} {child.lower_}")
            if verb is not None:
                return verb
            if child.lower_ in _SENSE_PARTICLES:
                return None  # "shows off", "gave up", "turned down": another verb
    if tok.pos_ == "AUX":
        return None
    return verb_table.get(lemma)


def subject_of(tok, depth: int = 0, quoted=lambda t: False):
    """The grammatical subject of a cue verb, through 'and', participles and relative
    clauses: 'X said and added', '..., saying', 'officials who said', 'before asking'.
    A subject inside a quote is the quoted speaker's words ('"One of the best," Smith
    said' has two subjects in the parse), never the source."""
    # a passive subject is the source only of a verb the cue hangs from ("after
    # saying ..., she was taken to hospital"), never of the cue ("she was told")
    subjects = ("nsubj", "csubj", "nsubjpass") if depth else ("nsubj", "csubj")
    for child in tok.children:
        if child.dep_ in subjects and child.lower_ not in ("there",) and not quoted(child):
            return child  # a relative pronoun ("officials, who said") is resolved later
    for child in tok.children:
        if child.dep_ == "agent":  # "was told by officials"
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if depth >= 3 or tok.head.i == tok.i:
        return None
    if tok.dep_ == "conj" or (tok.dep_ in ("advcl", "xcomp") and tok.tag_ == "VBG"):
        return subject_of(tok.head, depth + 1, quoted)
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return tok.head
    if tok.dep_ == "xcomp":  # "vowed to warn"
        return subject_of(tok.head, depth + 1, quoted)
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.dep_ == "prep":
        return subject_of(tok.head.head, depth + 1, quoted)  # "... before asking her"
    return None


#: Verbs whose object is the person addressed, not what is said.
ADDRESSEE_VERBS = frozenset(
    "tell ask urge warn inform remind assure accuse encourage advise".split()
)


def gap_ok(doc, offset, pos: int, cue, subject_span: set[int]) -> bool:
    """Only punctuation, the subject and adverbs between a quote's end and its cue:
    '"...," he said', '"...," said Putin', '"...," Kamau later added'."""
    depth = 0
    for t in doc:
        if offset + t.idx < pos or t.i >= cue.i:
            continue
        depth += t.text == "("
        if (
            depth
            or t.is_punct
            or t.text in MARK_CHARS
            or t.i in subject_span
            or t.pos_ in ("ADV", "AUX", "PART", "PROPN")  # "Rep. Cummings (D-Md.) said"
        ):
            depth -= t.text == ")"
            continue
        return False
    return True
