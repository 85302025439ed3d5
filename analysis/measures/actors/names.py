"""Names within an article: one actor per person however the text writes the name
("Mr Blair", "Blair", "Tony Blair"), one per organisation however it is abbreviated
("BA", "British Airways"; "Lib Dems", "Liberal Democrats"), and a name read as a thing
made a person when the article writes of it as of one."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from ...nlp.parsing import NON_ACTOR_LABELS
from .gazetteer import POSSESSIVES, Lexicon

__all__ = [
    "Mention",
    "People",
    "HONORIFICS",
    "name_key",
    "fold",
    "surname_keys",
    "known_name_ending",
    "determined",
    "trim_entity",
    "could_be_name",
    "cluster_names",
    "people_by_usage",
    "one_person",
    "short_media_names",
    "one_spelling",
]

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof"})


# ---------------------------------------------------------------------- detection
@dataclass
class Mention:
    pos: int  # position of the sentence in the article's table
    actor: str
    kind: str
    role: str
    affiliation: str | None
    start: int  # token span [start, end) in the sentence's doc
    end: int
    method: str


def could_be_name(tok, lex: Lexicon, any_entity: bool = False) -> bool:
    """A proper noun written as a name: capitalised, not a weekday, demonym or title,
    nor (unless ``any_entity``) part of an entity that is not an actor (a date)."""
    return (
        tok.tag_ in ("NNP", "NNPS")
        and (tok.is_title or (tok.is_upper and len(tok) > 1))
        and tok.text not in lex.not_names
        and tok.text.title() not in lex.not_names
        and tok.text not in lex.things
        and tok.text not in lex.demonyms
        and (tok.lower_,) not in lex.titles
        and (any_entity or tok.ent_type_ not in NON_ACTOR_LABELS)
    )


def trim_entity(doc, start: int, end: int, person: bool) -> tuple[int, int]:
    """Without a leading article, honorific (people) or trailing possessive/punctuation."""
    while start < end and (
        doc[start].lower_ in ("the", "a", "an")
        or (person and doc[start].lower_.rstrip(".") in HONORIFICS)
        or doc[start].is_punct
    ):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct):
        end -= 1
    return start, end


def name_key(text: str) -> str:
    return " ".join(text.split())


def surname_keys(name: str, lex: Lexicon) -> list[str]:
    """'Bashar al-Assad' -> ['al-Assad', 'Assad']; 'Ursula von der Leyen' -> ['Leyen',
    'von der Leyen', 'der Leyen']."""
    parts = name.split()
    keys = [parts[-1]]
    if "-" in parts[-1] and parts[-1].split("-", 1)[0].lower() in lex.particles:
        keys.append(parts[-1].split("-", 1)[1])
    j = len(parts) - 1
    while j > 1 and parts[j - 1].lower() in lex.particles:
        j -= 1
        keys.append(" ".join(parts[j:]))
    return keys


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def fold(name: str, lex: Lexicon) -> str:
    """A name as compared: one apostrophe ("O'Neill", "O\u2019Neill") and particles in
    lower case ("De Blasio" opening a sentence is "de Blasio")."""
    words = name.translate(_APOSTROPHES).split()
    return " ".join(w.lower() if w.lower() in lex.particles else w for w in words)


class People:
    """Full names of the article and the short forms that refer to them; names are
    compared folded (:func:`fold`)."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.full: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        self.short: dict[str, list[str]] = {}
        self.recent: dict[str, str] = {}
        for name in lex.people:
            self.add(name)

    def add(self, name: str) -> None:
        folded = fold(name, self.lex)
        if name in self.full or folded in self.folded:
            return
        self.full[name] = name
        self.folded[folded] = name
        if len(name.split()) < 2:
            return
        for key in surname_keys(folded, self.lex):
            self.short.setdefault(key, []).append(name)

    def seen(self, name: str) -> None:
        for key in surname_keys(fold(name, self.lex), self.lex):
            self.recent[key] = name

    def resolve(self, text: str) -> str | None:
        """The full name a name or surname refers to, or None when it is unknown."""
        if text in self.full:
            return text
        folded = fold(text, self.lex)
        names = self.short.get(folded)
        if not names:  # a longer name first: "bin Laden" is Osama bin Laden
            return self.folded.get(folded)
        return self.recent.get(folded) or names[0]


def known_name_ending(
    doc, end: int, people: People, *, floor: int, covered: list[bool] | None = None
) -> int | None:
    """Where the longest known full name of two to four capitalised words ending at
    token ``end`` starts (not before ``floor`` nor on a covered token), or None."""
    for start in range(max(floor, end - 4), end - 1):
        tokens = doc[start:end]
        if covered is not None and any(covered[start:end]):
            continue
        if all(t.is_title or t.text == "-" for t in tokens) and (
            name_key(tokens.text) in people.full
        ):
            return start
    return None


def determined(doc, start: int, end: int) -> bool:
    """Whether the one-word span is the head of a phrase with "the" ("the Dodgers"),
    not a modifier in one ("the Clinton campaign")."""
    return (
        end - start == 1
        and start > 0
        and doc[start - 1].lower_ == "the"
        and doc[start - 1].dep_ == "det"
        and doc[start - 1].head.i == start
    )


#: Pronouns that stand for a person, and for a thing or a body.
_PERSONAL = frozenset({"he", "she"})

_IMPERSONAL = frozenset({"it", "they"})

#: Things done to people, not to firms or places: "Posada was arrested", "charged Posada".
_DONE_TO_PEOPLE = frozenset(
    "arrest imprison jail convict sentence bear kill wound injure indict charge detain "
    "extradite deport interview question elect appoint nominate marry".split()
)


def people_by_usage(per_sentence: list[list[Mention]], docs: list) -> None:
    """Names the recogniser read as organisations or places although the article
    writes of them as of a person: "Posada said he masterminded the blasts", "Posada
    was arrested in Panama", "charged Posada with 11 counts". An actor of two such
    sentences or more, and more of them than sentences that write of it as of a thing
    ("Google said it ..."), becomes a person (in place), and so does a misread
    name of two to four capitalised words that holds it after its first word ("Luis
    Posada Carriles"), which then names them all. Gazetteer entries keep their kind."""
    person, thing = _usage(per_sentence, docs)
    people = {a for a in person if person[a] >= 2 and person[a] > thing[a]}
    if not people:
        return
    full = _misread_full_names(per_sentence, people)
    names = set(full.values())
    for found in per_sentence:
        for k, m in enumerate(found):
            if m.method == "entity" and m.kind in ("organisation", "place"):
                if m.actor in people or m.actor in names:
                    found[k] = replace(m, actor=full.get(m.actor, m.actor), kind="person")


def _usage(per_sentence: list[list[Mention]], docs: list) -> tuple[Counter, Counter]:
    """How often each misread name is written of as of a person, and as of a thing."""
    person: Counter = Counter()
    thing: Counter = Counter()
    for found, doc in zip(per_sentence, docs, strict=True):
        for m in found:
            if m.kind not in ("organisation", "place") or m.method != "entity":
                continue
            head = doc[m.end - 1]
            verb = head.head
            if head.dep_ in ("nsubj", "nsubjpass"):
                said = {
                    g.lower_
                    for c in verb.children
                    if c.dep_ in ("ccomp", "conj", "xcomp")
                    for g in c.children
                    if g.dep_ in ("nsubj", "nsubjpass")
                }
                if said & _PERSONAL:
                    person[m.actor] += 1
                    continue
                if said & _IMPERSONAL:
                    thing[m.actor] += 1
                    continue
            if head.dep_ in ("nsubjpass", "dobj") and verb.lemma_.lower() in _DONE_TO_PEOPLE:
                person[m.actor] += 1
    return person, thing


def _misread_full_names(per_sentence: list[list[Mention]], people: set[str]) -> dict[str, str]:
    """The full name the recogniser misread too: "Luis Posada Carriles" for "Posada"."""
    full: dict[str, str] = {}
    for found in per_sentence:
        for m in found:
            words = m.actor.split()
            if m.kind in ("organisation", "place") and 2 <= len(words) <= 4:
                if all(w[:1].isupper() and w.isalpha() for w in words):
                    for w in words[1:]:
                        if w in people:
                            full.setdefault(w, m.actor)
    return full


#: First words of a body's name that its acronym often leaves out ("Department of
#: Veterans Affairs" is "VA").
_BODY_WORDS = frozenset({"Department", "Ministry", "Office", "Bureau", "Agency"})


def _acronyms(letters: str, name: str) -> set[str]:
    """The acronyms a name's initials give: all of them, and without the first when the
    name starts with a word like "Department"."""
    out = {letters}
    if name.split()[0] in _BODY_WORDS and len(letters) >= 3:
        out.add(letters[1:])
    return out


def cluster_names(mentions: list[Mention]) -> dict[str, str]:
    """Organisation and group variants of one article -> one name: acronyms
    ("BA" -> "British Airways") and word-by-word prefixes ("Lib Dems" -> "Liberal
    Democrats"). The longest form names the cluster."""
    names = sorted(
        {m.actor for m in mentions if m.method == "entity" and m.kind in ("organisation", "group")}
        # an acronym read as a place can stand for a body the article names ("VA")
        | {
            m.actor
            for m in mentions
            if m.method == "entity" and m.kind == "place" and re.fullmatch(r"[A-Z]{2,6}", m.actor)
        }
    )
    parent = {name: name for name in names}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            keep = max(ra, rb, key=lambda x: (len(x), x))
            parent[ra] = parent[rb] = keep

    def initials(name: str) -> str:
        return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())

    def words(name: str) -> list[str]:
        return [re.sub(r"(?:['’]s|s)$", "", w.lower()) for w in name.split()]

    for a in names:
        if re.fullmatch(r"[A-Z]{2,6}s?", a):
            acronym = a.rstrip("s") if len(a) > 2 and a.endswith("s") else a
            for b in names:
                if b != a and len(b.split()) >= 2 and acronym in _acronyms(initials(b), b):
                    union(a, b)
    for x, a in enumerate(names):
        wa = words(a)
        for b in names[x + 1 :]:
            wb = words(b)
            if len(wa) == len(wb) >= 2 and all(
                len(p) >= 3 and len(q) >= 3 and (p.startswith(q) or q.startswith(p))
                for p, q in zip(wa, wb, strict=True)
            ):
                union(a, b)
    return {name: find(name) for name in names if find(name) != name}


def one_person(rows: list[dict]) -> list[dict]:
    """A full name written with and without middle names or initials ("Donald J.
    Trump", "Donald Trump"; "Hillary Rodham Clinton") is one person, named by its most
    frequent form. Not when the short form fits two different longer ones ("George
    Bush" beside "George W. Bush" and "George H. W. Bush"), which may be two people."""
    people = Counter(r["actor"] for r in rows if r["kind"] == "person")
    longer: dict[str, set[str]] = defaultdict(set)  # "Donald Trump" -> {"Donald J. Trump"}
    for name in people:
        words = name.split()
        if 3 <= len(words) <= 4:
            short = f"{words[0]} {words[-1]}"
            if short in people:
                longer[short].add(name)
    merged: dict[str, str] = {}
    for short, forms in longer.items():
        if len(forms) != 1:
            continue
        (full,) = forms
        best = max((short, full), key=lambda a: (people[a], len(a)))
        merged[short if best == full else full] = best
    if not merged:
        return rows
    filled: dict[str, dict] = defaultdict(dict)  # role and affiliation of a merged person
    joined = set(merged.values())
    for row in rows:
        row["actor"] = merged.get(row["actor"], row["actor"])
        for column in ("role", "affiliation"):
            if row["actor"] in joined and row["kind"] == "person" and row[column]:
                filled[row["actor"]].setdefault(column, row[column])
    for row in rows:
        for column, value in filled.get(row["actor"], {}).items():
            row[column] = row[column] or value
    return rows


def short_media_names(rows: list[dict]) -> list[dict]:
    """A newspaper named by its last word after its full name ("the Times" after
    "The New York Times", "the Post", "the Journal") is that newspaper, when the
    article names only one whose name ends with that word."""
    media = {r["actor"] for r in rows if r["kind"] == "media" and " " in r["actor"]}
    if not media:
        return rows
    by_last: dict[str, list[str]] = defaultdict(list)
    for name in sorted(media):
        by_last[name.split()[-1]].append(name)
    for row in rows:
        full = by_last.get(row["actor"])
        if row["kind"] in ("organisation", "media") and full and len(full) == 1:
            row["actor"], row["kind"] = full[0], "media"
    return rows


def one_spelling(rows: list[dict]) -> list[dict]:
    """Actors whose names differ only in case are one ("Republican party", "Republican
    Party"): the form found by the gazetteer wins, then the most frequent, then the
    first; the kind is that form's."""
    forms: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, int] = {}
    for k, row in enumerate(rows):
        forms[row["actor"].casefold()][row["actor"]] += 1
        first.setdefault(row["actor"], k)
    gazetteer = {r["actor"] for r in rows if r["method"] == "gazetteer"}
    chosen: dict[str, tuple[str, str]] = {}
    for key, counts in forms.items():
        if len(counts) < 2:
            continue
        best = max(counts, key=lambda a: (a in gazetteer, counts[a], -first[a]))
        kind = next(r["kind"] for r in rows if r["actor"] == best)
        chosen[key] = (best, kind)
    if not chosen:
        return rows
    for row in rows:
        hit = chosen.get(row["actor"].casefold())
        if hit is not None:
            row["actor"], row["kind"] = hit
    return rows
