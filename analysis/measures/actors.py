"""Actors: who appears in an article, resolved to one name each, with role and affiliation.

Mentions come from spaCy's named-entity recogniser and dependency parse
(:mod:`analysis.nlp`, Explosion's ``en_core_web_sm``), with small data files only for what
a recogniser cannot know:

1. **Entities**: PERSON, ORG and GPE spans (and NORP nouns such as "Democrats") are
   mentions; a leading "the", a possessive "'s" and honorifics ("Mr", "Dr") are trimmed.
2. **Gazetteer** (``data/countries.csv``, ``data/organisations.csv``): canonical names and
   metonyms: "the U.S." -> United States, "Moscow" -> Russia (a capital read as its
   government, role "capital"), "the Kremlin", party words ("Tory" -> Conservative
   Party). Where a gazetteer entry and an entity cover the same words, the entry names
   the actor; a longer entity ("Bank of Russia") wins over a shorter entry inside it.
3. **Titles and roles** (``data/roles.yaml``) before a name or in an apposition give the
   person's role and affiliation: "Russian Foreign Minister Sergei Lavrov", "Iran's
   ambassador Kazem Jalali", "Tory leader Michael Howard", "Sergei Lavrov, Russia's
   foreign minister".
4. **One actor per referent**, within an article: a surname or "Mr Blair" is the full
   name seen in the running text (the most recent one when two people share it, so
   different people are never merged); an acronym is the organisation whose initials it
   spells ("BA" -> British Airways); word-by-word prefixes are one name ("Lib Dems",
   "Lib Dem" -> Liberal Democrats). A capitalised word that is a known surname is that
   person even where the recogniser missed it or called it something else.
5. **Unnamed groups** ("analysts", "Western and Ukrainian officials") and **definite
   descriptions** ("the Russian president", "the president-elect", resolved to the person
   last mentioned with that role).

Headlines and headings in Title Case only take actors already known from the running
text or the gazetteer: a recogniser reads capitalised headline words as names. Users
extend or override all of this with a YAML file (see :func:`load_aliases`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ..errors import FramingError
from ..nlp.parse import NON_ACTOR_LABELS, Parse, pipeline, require_parse
from ..paths import DATA_DIR, read_lexicon_csv
from ..text.article import is_title_case
from ..text.sentences import require_sentence_table

__all__ = [
    "actor_mentions",
    "actor_summary",
    "cooccurrence",
    "load_aliases",
    "title_starting",
    "Lexicon",
    "MENTION_COLUMNS",
    "SUMMARY_COLUMNS",
]

MENTION_COLUMNS = [
    "article_id",
    "sentence_id",
    "actor",
    "kind",
    "surface",
    "role",
    "affiliation",
    "char_start",
    "char_end",
    "method",
]
SUMMARY_COLUMNS = [
    "article_id",
    "actor",
    "kind",
    "affiliation",
    "n_mentions",
    "n_sentences",
    "share_of_sentences",
    "first_sentence_id",
    "roles",
    "surfaces",
]
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof"})
#: The tokens that mark a possessive after a name ("Putin's", "Jones'").
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
#: Entity labels that are actors (others, like dates, works of art or products, are not).
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Where in the parse a proper noun the recogniser missed is still read as a name.
_NAME_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})


# ---------------------------------------------------------------------- lexicon
@dataclass(frozen=True)
class Entry:
    actor: str
    kind: str
    affiliation: str | None
    how: str  # name, alias, capital


@dataclass
class Lexicon:
    """Everything actor detection looks up; build with :func:`load_aliases`."""

    entries: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    titles: dict[tuple[str, ...], str] = field(default_factory=dict)
    groups: set[tuple[str, ...]] = field(default_factory=set)
    group_qualifiers: set[str] = field(default_factory=set)
    particles: set[str] = field(default_factory=set)
    not_names: set[str] = field(default_factory=set)
    things: set[str] = field(default_factory=set)
    organisation_heads: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    speakers: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    redirects: dict[str, str] = field(default_factory=dict)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    max_entry: int = 1
    max_title: int = 1
    title_starts: set[str] = field(default_factory=set)

    by_first: dict[str, list[int]] = field(default_factory=dict)

    def add(self, surface: str, entry: Entry) -> None:
        words = tuple(_words(surface))
        if not words:
            return
        variants = (
            [words, ("The", *words[1:])] if words[0] == "the" else [words]
        )  # "The Kremlin said"
        for key in variants:
            self.entries[key] = entry
            lengths = self.by_first.setdefault(key[0], [])
            if len(key) not in lengths:
                lengths.append(len(key))
                lengths.sort(reverse=True)
        self.max_entry = max(self.max_entry, len(words))


def _words(text: str) -> list[str]:
    """Words as the parser splits them, so that lexicon keys match parsed tokens."""
    return [t.text for t in pipeline().tokenizer(text)]


def _split_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


@lru_cache(maxsize=1)
def _base_lexicon() -> Lexicon:
    lex = Lexicon()
    for row in read_lexicon_csv(DATA_DIR / "countries.csv"):
        actor, kind = row["actor"], row["kind"]
        lex.add(actor, Entry(actor, kind, None, "name"))
        for alias in _split_list(row["aliases"]):
            lex.add(alias, Entry(actor, kind, None, "alias"))
        for capital in _split_list(row["capitals"]):
            lex.add(capital, Entry(actor, kind, None, "capital"))
        for demonym in _split_list(row["demonyms"]):
            lex.demonyms[demonym] = actor
    for row in read_lexicon_csv(DATA_DIR / "organisations.csv"):
        actor = row["actor"]
        entry = Entry(actor, row["kind"], row["affiliation"] or None, "name")
        lex.add(actor, entry)
        for alias in _split_list(row["aliases"]):
            lex.add(alias, Entry(actor, row["kind"], row["affiliation"] or None, "alias"))
    roles = yaml.safe_load((DATA_DIR / "roles.yaml").read_text(encoding="utf-8"))
    for item in roles["titles"]:
        title = item["title"]
        # "gov." is split as "gov" + "." but "Gov." before a name stays one token: the
        # title is looked up in both spellings
        capitalised = " ".join(w[:1].upper() + w[1:] for w in title.split())
        for spelling in (title, capitalised):
            words = tuple(w.lower() for w in _words(spelling))
            lex.titles[words] = item["role"]
            lex.title_starts.add(words[0])
            lex.max_title = max(lex.max_title, len(words))
    lex.groups = {tuple(w.lower() for w in _words(g)) for g in roles["groups"]}
    lex.group_qualifiers = {q.lower() for q in roles["group_qualifiers"]}
    lex.particles = {p.lower() for p in roles["name_particles"]}
    lex.not_names = set(roles["not_names"])
    lex.things = set(roles.get("things") or [])
    lex.organisation_heads = {w.lower() for w in roles.get("organisation_heads") or []}
    lex.documents = {d.lower() for d in roles.get("documents") or []}
    lex.speakers = {d.lower() for d in roles.get("speakers") or []}
    lex.labels = {d.lower() for d in roles.get("editorial_labels") or []}
    return lex


def load_aliases(path_or_mapping: str | PathLike | Mapping | None = None) -> Lexicon:
    """The actor lexicon, extended or overridden by a user's YAML file or mapping.

    The YAML file has two optional sections::

        actors:                     # add actors, or change what a name means
          - name: Vladimir Putin
            kind: person            # person, country, bloc, region, organisation,
            role: president         #   institution, media
            affiliation: Russia
            aliases: [Putin, V. Putin]
          - name: Rosatom
            kind: organisation
            affiliation: Russia
        aliases:                    # resolve one actor to another
          Kremlin: Russia           # "the Kremlin" counts as Russia
          Moscow: Russia

    Returns
    -------
    Lexicon
        A fresh lexicon (the package's built-in one is not modified).
    """
    base = _base_lexicon()
    lex = Lexicon(
        entries=dict(base.entries),
        by_first={k: list(v) for k, v in base.by_first.items()},
        demonyms=dict(base.demonyms),
        titles=dict(base.titles),
        title_starts=set(base.title_starts),
        groups=set(base.groups),
        group_qualifiers=set(base.group_qualifiers),
        particles=set(base.particles),
        not_names=set(base.not_names),
        things=set(base.things),
        organisation_heads=set(base.organisation_heads),
        documents=set(base.documents),
        speakers=set(base.speakers),
        labels=set(base.labels),
        max_entry=base.max_entry,
        max_title=base.max_title,
    )
    if path_or_mapping is None:
        return lex
    if isinstance(path_or_mapping, Mapping):
        data = path_or_mapping
        where = "the aliases mapping"
    else:
        path = Path(path_or_mapping)
        if not path.is_file():
            raise FramingError(
                f"{path}: alias file not found. Pass the path of a YAML file (see analysis.actors.load_aliases)."
            )
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise FramingError(f"{path}: not valid YAML ({exc}).") from None
        where = str(path)
    if not isinstance(data, Mapping):
        raise FramingError(f"{where}: expected sections 'actors' and/or 'aliases'.")
    for item in data.get("actors") or []:
        if not isinstance(item, Mapping) or "name" not in item:
            raise FramingError(
                f"{where}: every entry under 'actors' needs a name, e.g. '- name: Vladimir Putin'."
            )
        name = str(item["name"])
        kind = str(item.get("kind", "person"))
        affiliation = item.get("affiliation")
        if kind == "person":
            lex.people[name] = {"role": item.get("role") or "", "affiliation": affiliation}
        for surface in [name, *[str(a) for a in item.get("aliases") or []]]:
            lex.add(surface, Entry(name, kind, affiliation, "user"))
    for source, target in (data.get("aliases") or {}).items():
        lex.redirects[str(source)] = str(target)
    return lex


# ---------------------------------------------------------------------- detection
@dataclass
class _Mention:
    pos: int  # position of the sentence in the article's table
    actor: str
    kind: str
    role: str
    affiliation: str | None
    start: int  # token span [start, end) in the sentence's doc
    end: int
    method: str


def _could_be_name(tok, lex: Lexicon, any_entity: bool = False) -> bool:
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


def _trim_entity(doc, start: int, end: int, person: bool) -> tuple[int, int]:
    """Without a leading article, honorific (people) or trailing possessive/punctuation."""
    while start < end and (
        doc[start].lower_ in ("the", "a", "an")
        or (person and doc[start].lower_.rstrip(".") in _HONORIFICS)
        or doc[start].is_punct
    ):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _match_entry(words: Sequence[str], i: int, lex: Lexicon) -> tuple[int, Entry | None]:
    lengths = lex.by_first.get(words[i]) if i < len(words) else None
    if not lengths:
        return i, None
    for n in lengths:  # longest first
        if i + n <= len(words):
            entry = lex.entries.get(tuple(words[i : i + n]))
            if entry is not None:
                return i + n, entry
    return i, None


def _entry_ending(words: Sequence[str], end: int, lex: Lexicon) -> tuple[int, Entry | None]:
    """A gazetteer entry whose last word is ``words[end - 1]``: (start, entry)."""
    for n in range(min(lex.max_entry, end), 0, -1):
        stop, entry = _match_entry(words, end - n, lex)
        if entry is not None and stop == end:
            return end - n, entry
    return end, None


def title_starting(
    low: Sequence[str], start: int, lex: Lexicon, stop: int | None = None
) -> tuple[int, str | None]:
    """The longest title whose first word is ``low[start]`` and that ends by ``stop``:
    (end, role), or (start, None)."""
    stop = len(low) if stop is None else stop
    for n in range(min(lex.max_title, stop - start), 0, -1):
        role = lex.titles.get(tuple(low[start : start + n]))
        if role is not None:
            return start + n, role
    return start, None


def _title_ending(low: Sequence[str], end: int, lex: Lexicon) -> tuple[int, str | None]:
    """The longest title whose last word is ``low[end - 1]``: (start, role)."""
    for n in range(min(lex.max_title, end), 0, -1):
        role = lex.titles.get(tuple(low[end - n : end]))
        if role is not None:
            return end - n, role
    return end, None


def _affiliation_of_entry(entry: Entry) -> str | None:
    if entry.kind in ("country", "bloc", "region"):
        return entry.actor
    if entry.kind in ("organisation", "institution", "media"):
        return entry.affiliation or entry.actor
    return None


def _affiliation_before(doc, words, start: int, floor: int, lex: Lexicon) -> str | None:
    """A demonym, country, party or organisation right before a title starting at
    ``start`` ("Russian", "Iran's", "Tory"); up to three capitalised words between them
    belong to the title ("Brazilian Agriculture Minister")."""
    j = start - 1
    skipped = 0
    while (
        j >= floor
        and skipped < 3
        and doc[j].is_title
        and words[j] not in lex.demonyms
        and _entry_ending(words, j + 1, lex)[1] is None
    ):
        j -= 1
        skipped += 1
    if j < floor:
        return None
    if words[j] in lex.demonyms:
        return lex.demonyms[words[j]]
    if words[j] in POSSESSIVES:
        j -= 1
    if j < floor:
        return None
    begin, entry = _entry_ending(words, j + 1, lex)
    if entry is not None and begin >= floor:
        return _affiliation_of_entry(entry)
    return None


def _person_title(doc, words, low, start: int, end: int, lex: Lexicon) -> tuple[str, str | None]:
    """Role and affiliation of the person named by ``doc[start:end]``, from a title right
    before the name ("Foreign Minister Sergei Lavrov", "Ambassador to Russia Kazem
    Jalali") or in an apposition ("Sergei Lavrov, Russia's foreign minister")."""
    k = start
    # "Ambassador to Russia Kazem Jalali": a country or organisation between title and name
    for m in range(max(0, start - lex.max_entry - 1), start - 1):
        if low[m] in ("to", "of", "for"):
            e_start, entry = _entry_ending(words, start, lex)
            if entry is not None and e_start == m + 1:
                k = m
                break
    t_start, role = _title_ending(low, k, lex)
    if role == "":  # an honorific: "study author Dr. Gabriel Sandblom"
        t_start, role = _title_ending(low, t_start, lex)
    if role:  # else the apposition says the role ("Mr. Weiner, a writer")
        return role, _affiliation_before(doc, words, t_start, 0, lex)
    root = doc[start:end].root
    heads = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        heads.append(root.head)
    for head in heads:
        t_start, role = _title_ending(low, head.i + 1, lex)
        if role:
            return role, _affiliation_before(doc, words, t_start, head.left_edge.i, lex)
    return "", None


def _group_at(doc, words, low, i: int, lex: Lexicon) -> tuple[int, list[str]] | None:
    """An unnamed source whose noun ends at token i ("Western and Ukrainian officials"):
    (start token, affiliations of its qualifiers), or None."""
    for n in (3, 2, 1):
        if i - n + 1 < 0 or tuple(low[i - n + 1 : i + 1]) not in lex.groups:
            continue
        j = i - n + 1
        qualifiers: list[str] = []
        while j > 0:
            prev = j - 1
            if words[prev] in lex.demonyms:
                qualifiers.append(lex.demonyms[words[prev]])
                j = prev
            elif low[prev] in lex.group_qualifiers and (low[prev],) not in lex.groups:
                if words[prev] == "Western":
                    qualifiers.append("the West")
                j = prev
            elif low[prev] in ("and", ",") and qualifiers:
                j = prev
            else:
                e_start, entry = _entry_ending(words, j, lex)
                if entry is not None and entry.kind in ("country", "bloc"):
                    qualifiers.append(entry.actor)
                    j = e_start
                else:
                    break
        while j < i and low[j] in ("and", ","):
            j += 1
        return j, list(reversed(qualifiers))
    return None


def _name_key(text: str) -> str:
    return " ".join(text.split())


def _surname_keys(name: str, lex: Lexicon) -> list[str]:
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


def _fold(name: str, lex: Lexicon) -> str:
    """A name as compared: one apostrophe ("O'Neill", "O\u2019Neill") and particles in
    lower case ("De Blasio" opening a sentence is "de Blasio")."""
    words = name.translate(_APOSTROPHES).split()
    return " ".join(w.lower() if w.lower() in lex.particles else w for w in words)


class _People:
    """Full names of the article and the short forms that refer to them; names are
    compared folded (:func:`_fold`)."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.full: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        self.short: dict[str, list[str]] = {}
        self.recent: dict[str, str] = {}
        for name in lex.people:
            self.add(name)

    def add(self, name: str) -> None:
        folded = _fold(name, self.lex)
        if name in self.full or folded in self.folded:
            return
        self.full[name] = name
        self.folded[folded] = name
        if len(name.split()) < 2:
            return
        for key in _surname_keys(folded, self.lex):
            self.short.setdefault(key, []).append(name)

    def seen(self, name: str) -> None:
        for key in _surname_keys(_fold(name, self.lex), self.lex):
            self.recent[key] = name

    def resolve(self, text: str) -> str | None:
        """The full name a name or surname refers to, or None when it is unknown."""
        if text in self.full:
            return text
        folded = _fold(text, self.lex)
        names = self.short.get(folded)
        if not names:  # a longer name first: "bin Laden" is Osama bin Laden
            return self.folded.get(folded)
        return self.recent.get(folded) or names[0]


def _known_name_ending(
    doc, end: int, people: _People, *, floor: int, covered: list[bool] | None = None
) -> int | None:
    """Where the longest known full name of two to four capitalised words ending at
    token ``end`` starts (not before ``floor`` nor on a covered token), or None."""
    for start in range(max(floor, end - 4), end - 1):
        tokens = doc[start:end]
        if covered is not None and any(covered[start:end]):
            continue
        if all(t.is_title or t.text == "-" for t in tokens) and (
            _name_key(tokens.text) in people.full
        ):
            return start
    return None


def _determined(doc, start: int, end: int) -> bool:
    """Whether the one-word span is the head of a phrase with "the" ("the Dodgers"),
    not a modifier in one ("the Clinton campaign")."""
    return (
        end - start == 1
        and start > 0
        and doc[start - 1].lower_ == "the"
        and doc[start - 1].dep_ == "det"
        and doc[start - 1].head.i == start
    )


def label_key(written: str) -> str:
    """A line's lead, or all that follows a colon, as :attr:`Lexicon.labels` holds it:
    lower case, single spaces, a straight apostrophe, no closing punctuation ("Editor’s
    note" -> "editor's note")."""
    return " ".join(written.replace("’", "'").lower().split()).strip(" .!?:;,")


def _sentence_mentions(
    doc, pos: int, lex: Lexicon, people: _People, titled: bool, known: set[str] | None
) -> list[_Mention]:
    """Mentions in one parsed sentence. ``known`` (titled lines) limits names to actors
    already seen in the running text."""
    words = [t.text for t in doc]
    low = [t.lower_ for t in doc]
    n = len(doc)
    spans: list[tuple[int, int, int, _Mention]] = []  # (start, end, priority, mention)

    # gazetteer entries
    i = 0
    while i < n:
        end, entry = _match_entry(words, i, lex)
        if entry is None:
            i += 1
            continue
        if (
            end - i == 1
            and entry.kind != "person"
            and any("," not in name for name in people.short.get(_fold(words[i], lex), ()))
        ):
            # the surname of a person the article names ("Nikola Tesla ... Tesla", "Rep.
            # Jim Jordan ... Jordan said"); not of a misread vocative ("April Fools, America")
            i += 1
            continue
        kind = entry.kind
        role = "capital" if entry.how == "capital" else ""
        if entry.how == "user" and kind == "person":
            people.seen(entry.actor)
        spans.append(
            (
                i,
                end,
                2,
                _Mention(pos, entry.actor, kind, role, entry.affiliation, i, end, "gazetteer"),
            )
        )
        i = end

    # named entities
    for ent in doc.ents:
        label = ent.label_
        if label not in _ENTITY_LABELS:
            continue
        start, end = _trim_entity(doc, ent.start, ent.end, label == "PERSON")
        if label == "PERSON":
            # "Historian Mary Beard": the recogniser's span can start with a title,
            # and a page's "Advertisement" can run into the name that follows it
            start = title_starting(low, start, lex, stop=end - 1)[0]
            while start < end - 1 and words[start] in lex.not_names:
                start += 1
        if start >= end:
            continue
        tail = None
        if _name_key(doc[start:end].text) not in people.full:
            tail = _known_name_ending(doc, end, people, floor=start + 1)
        if tail is not None:
            start = tail  # "Star Emily Deschanel" (ORG): the known person it ends with
        text = _name_key(doc[start:end].text)
        if text in lex.things or text in lex.not_names:
            continue  # "the IPO", "LTE": an abbreviation of a thing; "Eastern" alone
        person = people.resolve(text)
        if label == "PERSON" and person is None and _determined(doc, start, end):
            # "the Dodgers" (a group), "the Googleplex": a person's name takes no article
            if doc[end - 1].tag_ == "NNPS":
                if known is None or text in known:
                    mention = _Mention(pos, text, "group", "", None, start, end, "entity")
                    spans.append((start, end, 1, mention))
                continue
            label = "ORG"
        if label == "PERSON" or person is not None:
            if person is None and (
                text in lex.not_names
                or not text[:1].isupper()
                or text in lex.demonyms
                or any(c.isdigit() for c in text)  # "House Bill 477" is no person
            ):
                continue
            name = person or text
            if known is not None and name not in known and len(name.split()) < 2:
                continue  # a headline's lone capitalised word is not a name unless known
            role, affiliation = _person_title(doc, words, low, start, end, lex)
            people.seen(name)
            mention = _Mention(pos, name, "person", role, affiliation, start, end, "entity")
        elif label == "NORP":
            if any(t.pos_ == "ADJ" for t in doc[start:end]) or text in lex.demonyms:
                continue  # "Russian officials": a qualifier, not an actor
            mention = _Mention(pos, text, "group", "", None, start, end, "entity")
        else:
            kind = "organisation" if label == "ORG" else "place"
            mention = _Mention(pos, text, kind, "", None, start, end, "entity")
        if known is not None and mention.actor not in known and mention.kind != "person":
            continue
        spans.append((start, end, 1, mention))

    # a title is a name's strongest cue: "Ambassador to Russia Kazem Jalali" where the
    # recogniser saw no person
    i = 0
    while i < n:
        t_end = title_starting(low, i, lex)[0]
        if t_end == i:
            i += 1
            continue
        k = t_end
        if k + 1 < n and low[k] in ("to", "of", "for"):
            e_end, entry = _match_entry(words, k + 1, lex)
            if entry is not None:
                k = e_end
        j = k
        while (
            j < n
            and j - k < 5
            and (
                (doc[j].pos_ == "PROPN" and doc[j].is_title and words[j] not in lex.not_names)
                or (
                    j > k
                    and (low[j] in lex.particles or words[j] == "-")
                    and j + 1 < n
                    and doc[j + 1].is_title
                )
            )
        ):
            if _match_entry(words, j, lex)[1] is not None or (
                j == k and title_starting(low, j, lex)[0] > j
            ):
                break  # "Mr. President" names no one
            j += 1
        other = [
            x
            for x in (*range(i, t_end), *range(k, j))
            if doc[x].ent_type_ and doc[x].ent_type_ not in ("PERSON", "NORP")
        ]
        if j > k and not other:  # "Prince William Sound" is a place, not Prince William
            text = _name_key(doc[k:j].text)
            name = people.resolve(text) or text
            if known is None or name in known:
                role, affiliation = _person_title(doc, words, low, k, j, lex)
                people.seen(name)
                spans.append(
                    (k, j, 1, _Mention(pos, name, "person", role, affiliation, k, j, "title"))
                )
        i = max(i + 1, j)

    # surnames the recogniser missed ("Odhiambo hailed ...") or mislabelled
    covered = [False] * n
    for start, end, _, _m in spans:
        for k in range(start, end):
            covered[k] = True
    for i, tok in enumerate(doc):
        if covered[i] or not tok.is_title or words[i] in lex.not_names:
            continue
        # "actress Emily Deschanel" where the recogniser saw none: the given name with
        # the surname is the known full name, which a bare surname might not pick
        start = _known_name_ending(doc, i + 1, people, floor=0, covered=covered)
        if start is None:
            start = i
            given = doc[i - 1] if i else None
            if (
                given is not None
                and people.resolve(words[i]) is not None
                and not covered[i - 1]
                and given.dep_ == "compound"
                and given.head.i == i
                and given.is_title
                and given.lower_.rstrip(".") not in _HONORIFICS
                and (  # or inside the same misread entity ("April 1 - actress Emily ...")
                    _could_be_name(given, lex)
                    or (given.ent_type_ == tok.ent_type_ and _could_be_name(given, lex, True))
                )
                and people.resolve(given.text) is None
            ):
                # "Emily Deschanel" is not the "Zooey Deschanel" of the same surname
                start = i - 1
                people.add(_name_key(doc[start : i + 1].text))
        name = people.resolve(_name_key(doc[start : i + 1].text))
        if name is not None and (known is None or name in known):
            role, affiliation = _person_title(doc, words, low, start, i + 1, lex)
            people.seen(name)
            spans.append(
                (
                    start,
                    i + 1,
                    1,
                    _Mention(pos, name, "person", role, affiliation, start, i + 1, "name"),
                )
            )

    # names the recogniser missed, read from their place in the parse: a proper noun
    # that is a subject or possessor ("Rubio responded", "Pence and el-Sissi are ..."),
    # and a speaker's name before a colon ("CORNISH: That's ...")
    if known is None:
        for i, tok in enumerate(doc):
            if covered[i] or not _could_be_name(tok, lex) or tok.tag_ != "NNP":
                continue  # a plural ("Strikes") is rarely a name
            if i + 1 < n and doc[i + 1].like_num:
                continue  # "Bill 477", "Route 66", "Apollo 11": a numbered thing
            colon = (
                i + 1 < n and words[i + 1] == ":" and all(_could_be_name(t, lex) for t in doc[:i])
            )
            if not (
                colon
                or tok.dep_ in _NAME_DEPS
                or (tok.dep_ == "conj" and tok.head.dep_ in _NAME_DEPS)
            ):
                continue
            start = i
            while (
                start > 0
                and not covered[start - 1]
                and _could_be_name(doc[start - 1], lex)
                and doc[start - 1].dep_ == "compound"
            ):
                start -= 1
            if colon:
                start = 0
            if any(covered[start : i + 1]):
                continue
            text = _name_key(doc[start : i + 1].text)
            name = people.resolve(text) or text
            kind = (
                "organisation"
                if (len(text) <= 6 and text.isupper() and start == i)
                or low[i] in lex.organisation_heads  # "the ... Coalition wants"
                else "person"
            )
            role, affiliation = (
                _person_title(doc, words, low, start, i + 1, lex)
                if kind == "person"
                else ("", None)
            )
            for k in range(start, i + 1):
                covered[k] = True
            spans.append(
                (
                    start,
                    i + 1,
                    0,
                    _Mention(pos, name, kind, role, affiliation, start, i + 1, "parse"),
                )
            )

    # unnamed sources
    groups: list[_Mention] = []
    if not titled:
        for i in range(n):
            if doc[i].pos_ not in ("NOUN", "PROPN"):
                continue
            found = _group_at(doc, words, low, i, lex)
            if found is None:
                continue
            start, qualifiers = found
            surface = doc[start : i + 1].text
            first = words[start]
            # "Analysts suggest": a capital that only opens the sentence is lowered; a
            # demonym, country or acronym keeps it ("Western and Ukrainian officials")
            proper = (
                first in lex.demonyms
                or first == "Western"
                or not first[:1].isupper()
                or first.isupper()
                or _match_entry(words, start, lex)[1] is not None
            )
            actor = surface if proper else first.lower() + surface[len(first) :]
            affiliation = "; ".join(dict.fromkeys(qualifiers)) or None
            groups.append(_Mention(pos, actor, "group", "", affiliation, start, i + 1, "group"))

    # choose: groups first (their qualifiers are not actors), then longer spans, then
    # the gazetteer over the recogniser
    chosen: list[_Mention] = []
    used = [False] * n
    colon = next((t.i for t in doc[:8] if t.text == ":"), None)
    if colon and label_key(doc[:colon].text) in lex.labels:
        used[:colon] = [True] * colon  # "Editor’s note:", "Grade:": a label names no one
    for m in groups:
        if any(used[m.start : m.end]):
            continue
        inside = [s for s in spans if s[0] < m.end and m.start < s[1]]
        if any(s[1] > m.end or s[0] < m.start or s[3].kind == "person" for s in inside):
            continue  # the group noun is part of a name ("Friends of the Earth activists")
        chosen.append(m)
        for k in range(m.start, m.end):
            used[k] = True
    for start, end, _, m in sorted(spans, key=lambda s: (-(s[1] - s[0]), -s[2], s[0])):
        if any(used[start:end]):
            continue
        chosen.append(m)
        for k in range(start, end):
            used[k] = True
    chosen.sort(key=lambda m: m.start)
    return chosen


def _descriptions(
    doc,
    pos: int,
    lex: Lexicon,
    history: list[_Mention],
    previous: list[_Mention],
    taken: list[_Mention],
) -> list[_Mention]:
    """'the Russian president', 'the president-elect' -> the person last mentioned with
    that role (or the only person of the sentence before)."""
    words = [t.text for t in doc]
    low = [t.lower_ for t in doc]
    used = set()
    for m in taken:
        used.update(range(m.start, m.end))
    out = []
    for i, word in enumerate(low):
        if word != "the" or i in used:
            continue
        j = i + 1
        affiliation = None
        if j < len(doc) and words[j] in lex.demonyms:
            affiliation = lex.demonyms[words[j]]
            j += 1
        t_end, role = title_starting(low, j, lex)
        if not role or any(k in used for k in range(i, t_end)):
            continue
        if t_end < len(doc) and (doc[t_end].is_title or low[t_end] in ("of", "to")):
            continue  # "the President Vladimir Putin", "the president of X": not a back-reference
        people = [m for m in history if m.kind == "person"]
        match = [
            m
            for m in reversed(people)
            if role in (m.role or "") and (affiliation is None or m.affiliation == affiliation)
        ]
        if not match and affiliation is not None:
            match = [m for m in reversed(people) if m.affiliation == affiliation and m.role]
        if not match:
            before = {m.actor: m for m in previous if m.kind == "person"}
            if len(before) == 1:
                match = list(before.values())
        if match:
            target = match[0]
            out.append(
                _Mention(
                    pos,
                    target.actor,
                    "person",
                    role,
                    affiliation or target.affiliation,
                    i,
                    t_end,
                    "description",
                )
            )
    return out


def _affiliation_from_context(doc, m: _Mention, sentence: list[_Mention]) -> str | None:
    """'Bashar al-Assad's government in Syria', 'return to the U.S. presidency'."""
    text = doc.text
    m_end = doc[m.end - 1].idx + len(doc[m.end - 1])
    countries = [
        (doc[x.start].idx, doc[x.end - 1].idx + len(doc[x.end - 1]), x)
        for x in sentence
        if x.kind == "country"
    ]
    after = text[m_end : m_end + 60]
    g = re.match(r"(?:['’]s)?\s+(?:government|regime|administration|forces|army)\s+in\s+", after)
    if g:
        for c_start, _, c in countries:
            if c_start == m_end + g.end():
                return c.actor
    for c_start, c_end, c in countries:
        tail = text[c_end : c_end + 20]
        if (
            re.match(r"\s+(?:presidency|government|administration|leadership)\b", tail)
            and abs(c_start - m_end) < 80
        ):
            return c.actor
    return None


#: Pronouns that stand for a person, and for a thing or a body.
_PERSONAL = frozenset({"he", "she"})
_IMPERSONAL = frozenset({"it", "they"})
#: Things done to people, not to firms or places: "Posada was arrested", "charged Posada".
_DONE_TO_PEOPLE = frozenset(
    "arrest imprison jail convict sentence bear kill wound injure indict charge detain "
    "extradite deport interview question elect appoint nominate marry".split()
)


def _people_by_usage(per_sentence: list[list[_Mention]], docs: list) -> None:
    """Names the recogniser read as organisations or places although the article
    writes of them as of a person: "Posada said he masterminded the blasts", "Posada
    was arrested in Panama", "charged Posada with 11 counts". An actor of two such
    sentences or more, and more of them than sentences that write of it as of a thing
    ("Google said it ..."), becomes a person (in place), and so does a misread
    name of two to four capitalised words that holds it after its first word ("Luis
    Posada Carriles"), which then names them all. Gazetteer entries keep their kind."""
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
    people = {a for a in person if person[a] >= 2 and person[a] > thing[a]}
    if not people:
        return
    # the full name the recogniser misread too: "Luis Posada Carriles" for "Posada"
    full: dict[str, str] = {}
    for found in per_sentence:
        for m in found:
            words = m.actor.split()
            if m.kind in ("organisation", "place") and 2 <= len(words) <= 4:
                if all(w[:1].isupper() and w.isalpha() for w in words):
                    for w in words[1:]:
                        if w in people:
                            full.setdefault(w, m.actor)
    names = set(full.values())
    for found in per_sentence:
        for k, m in enumerate(found):
            if m.method == "entity" and m.kind in ("organisation", "place"):
                if m.actor in people or m.actor in names:
                    found[k] = replace(m, actor=full.get(m.actor, m.actor), kind="person")


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


def _cluster_names(mentions: list[_Mention]) -> dict[str, str]:
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


def actor_mentions(
    sentences: pd.DataFrame,
    parse: Parse | None = None,
    *,
    aliases: str | PathLike | Mapping | Lexicon | None = None,
) -> pd.DataFrame:
    """Find every mention of a person, country, organisation or unnamed source.

    Parameters
    ----------
    sentences : DataFrame
        A sentence table (:func:`analysis.sentences`), one article or many.
    parse : Parse, optional
        The spaCy parse of the same table (:func:`analysis.nlp.parse`); made when
        missing. Pass it when other analyses use it too: it is the costly step.
    aliases : path, mapping or Lexicon, optional
        A user YAML file (or the same structure as a dict) that adds actors and
        redirects one actor to another; see :func:`load_aliases`.

    Returns
    -------
    DataFrame
        One row a mention, in reading order: ``article_id``, ``sentence_id``, ``actor``
        (resolved name: "Vladimir Putin" for "Putin" or "Mr Putin", "Russia" for
        "Moscow"), ``kind`` (person, country, bloc, region, place, organisation,
        institution, media, group), ``surface`` (as written), ``role`` ("president",
        "capital" for a capital used for its country, ...), ``affiliation`` (a country,
        bloc or organisation, or several joined by "; " for groups),
        ``char_start``/``char_end`` (offsets into the article's text), ``method``
        (entity, gazetteer, name, group, description).
    """
    require_sentence_table(
        sentences, "actor_mentions()", ("article_id", "sentence_id", "text", "char_start")
    )
    lex = aliases if isinstance(aliases, Lexicon) else load_aliases(aliases)
    parsed = require_parse(parse, sentences, "actor_mentions()")
    rows = []
    for article_id, table in sentences.groupby("article_id", sort=False):
        rows.extend(_article_mentions(article_id, table, parsed, lex))
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return (
        frame.astype({"sentence_id": "int64", "char_start": "int64", "char_end": "int64"})
        if len(frame)
        else frame
    )


def _article_mentions(article_id, table: pd.DataFrame, parsed: Parse, lex: Lexicon) -> list[dict]:
    roles = table["role"].tolist() if "role" in table.columns else ["body"] * len(table)
    sids = [int(s) for s in table["sentence_id"].tolist()]
    docs, offsets, titled = [], [], []
    for sid, role, text in zip(sids, roles, table["text"].astype(str), strict=True):
        doc, offset = parsed.sentence(article_id, sid)
        docs.append(doc)
        offsets.append(offset)
        titled.append(
            role in ("headline", "heading") or (role == "standfirst" and is_title_case(text))
        )
    # pass 1: the full names of the running text, so that a surname before its full name
    # and a mislabelled surname still resolve
    people = _People(lex)
    for doc, is_titled, role in zip(docs, titled, roles, strict=True):
        if is_titled or role == "notice":
            continue
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                start, end = _trim_entity(doc, ent.start, ent.end, True)
                name = _name_key(doc[start:end].text) if start < end else ""
                if (
                    len(name.split()) >= 2
                    and name[:1].isupper()
                    and not any(c.isdigit() for c in name)
                ):
                    people.add(name)
    # pass 2: running text, then titled lines limited to what the running text knows
    per_sentence: list[list[_Mention]] = [[] for _ in docs]
    history: list[_Mention] = []
    info: dict[str, dict] = {name: dict(v) for name, v in lex.people.items()}
    for stage in ("body", "titled"):
        known = None
        if stage == "titled":
            known = {m.actor for found in per_sentence for m in found} | set(people.full)
        for pos, doc in enumerate(docs):
            if titled[pos] != (stage == "titled") or roles[pos] == "notice":
                continue  # a rights notice names its publisher, no actor of the story
            found = _sentence_mentions(doc, pos, lex, people, titled[pos], known)
            if stage == "body":
                found += _descriptions(
                    doc, pos, lex, history + found, per_sentence[pos - 1] if pos else [], found
                )
                found.sort(key=lambda m: m.start)
            for m in found:
                if m.kind != "person":
                    continue
                person = info.setdefault(m.actor, {"role": "", "affiliation": None})
                if m.role and not person.get("role"):
                    person["role"] = m.role
                if m.affiliation and not person.get("affiliation"):
                    person["affiliation"] = m.affiliation
                if not m.affiliation and not person.get("affiliation"):
                    person["affiliation"] = _affiliation_from_context(doc, m, found)
            per_sentence[pos] = found
            history.extend(found)
    _people_by_usage(per_sentence, docs)
    merged = _cluster_names([m for found in per_sentence for m in found])
    kinds = {}
    for found in per_sentence:
        for m in found:
            if m.actor in merged.values() and m.actor not in merged:
                kinds.setdefault(m.actor, m.kind)
    rows = []
    for pos, found in enumerate(per_sentence):
        doc, offset = docs[pos], offsets[pos]
        for m in found:
            actor, kind, role, affiliation = m.actor, m.kind, m.role, m.affiliation
            if actor in merged:
                actor = merged[actor]
                kind = kinds.get(actor, kind)
            if kind == "person":
                person = info.get(actor, {})
                role = role or person.get("role") or ""
                affiliation = affiliation or person.get("affiliation")
            span = doc[m.start : m.end]
            redirected = lex.redirects.get(actor) or lex.redirects.get(span.text)
            if redirected:
                actor = redirected
            rows.append(
                {
                    "article_id": article_id,
                    "sentence_id": sids[pos],
                    "actor": actor,
                    "kind": kind,
                    "surface": span.text,
                    "role": role,
                    "affiliation": affiliation,
                    "char_start": offset + span.start_char,
                    "char_end": offset + span.end_char,
                    "method": m.method,
                }
            )
    return _short_media_names(_one_person(_one_spelling(rows)))


def _one_person(rows: list[dict]) -> list[dict]:
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


def _short_media_names(rows: list[dict]) -> list[dict]:
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


def _one_spelling(rows: list[dict]) -> list[dict]:
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


# ---------------------------------------------------------------------- summaries
def actor_summary(mentions: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row an actor: how often and how early it appears, and in what roles.

    Parameters
    ----------
    mentions : DataFrame
        Output of :func:`actor_mentions`.
    sentences : DataFrame, optional
        The sentence table, to compute the share of sentences (otherwise the share is
        of the sentences up to the last one with a mention).

    Returns
    -------
    DataFrame
        ``article_id``, ``actor``, ``kind``, ``affiliation`` (most frequent),
        ``n_mentions``, ``n_sentences``, ``share_of_sentences``, ``first_sentence_id``,
        ``roles`` and ``surfaces`` (distinct values joined by "; "). Sorted by
        mentions, then first appearance.
    """
    if mentions.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SUMMARY_COLUMNS})
    totals = (
        sentences.groupby("article_id")["sentence_id"].nunique()
        if sentences is not None
        else mentions.groupby("article_id")["sentence_id"].max() + 1
    )

    def most_common(values) -> object:
        counts = Counter(v for v in values if isinstance(v, str))
        if not counts:
            return None
        best = max(counts.values())
        return min(
            v for v, n in counts.items() if n == best
        )  # ties as pandas' mode(): the smallest

    grouped = mentions.groupby(["article_id", "actor"], sort=False)
    table = grouped.agg(
        kind=("kind", most_common),
        affiliation=("affiliation", most_common),
        n_mentions=("sentence_id", "size"),
        n_sentences=("sentence_id", "nunique"),
        first_sentence_id=("sentence_id", "min"),
        roles=("role", lambda s: "; ".join(dict.fromkeys(r for r in s if r))),
        surfaces=("surface", lambda s: "; ".join(dict.fromkeys(s))),
    ).reset_index()
    table["share_of_sentences"] = table["n_sentences"] / table["article_id"].map(
        lambda a: int(totals.get(a, 1))
    )
    table["first_sentence_id"] = table["first_sentence_id"].astype(int)
    rows = table.to_dict("records")
    out = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return out.sort_values(
        ["article_id", "n_mentions", "first_sentence_id", "actor"],
        ascending=[True, False, True, True],
        kind="mergesort",
    ).reset_index(drop=True)


def cooccurrence(
    mentions: pd.DataFrame, *, window: str | int = "sentence", kinds: Iterable[str] | None = None
):
    """Which actors appear together.

    Parameters
    ----------
    mentions : DataFrame
        Output of :func:`actor_mentions`.
    window : "sentence", "paragraph" or int
        Actors co-occur when they are in the same sentence, or within ``window``
        sentences of each other (an int, e.g. 1 for neighbouring sentences).
        "paragraph" needs a ``paragraph_id`` column (merge it from the sentence table).
    kinds : iterable of str, optional
        Keep only these kinds of actor (e.g. ``["person", "country"]``).

    Returns
    -------
    (DataFrame, networkx.Graph)
        Edges ``source``, ``target`` (alphabetical within a pair), ``weight`` (number of
        windows shared) and ``sentence_ids``; and an undirected graph with node
        attributes ``kind`` and ``mentions`` and edge attribute ``weight``.
    """
    import networkx as nx

    columns = ["article_id", "source", "target", "weight", "sentence_ids"]
    data = mentions if kinds is None else mentions[mentions["kind"].isin(list(kinds))]
    graph = nx.Graph()
    if data.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns}), graph
    if window == "sentence":
        units = data.assign(_unit=data["sentence_id"])
        span = 0
    elif window == "paragraph":
        if "paragraph_id" not in data.columns:
            raise FramingError(
                "window='paragraph' needs a paragraph_id column: mentions.merge(sentences[['article_id','sentence_id','paragraph_id']])."
            )
        units = data.assign(_unit=data["paragraph_id"])
        span = 0
    elif isinstance(window, int) and window >= 0:
        units = data.assign(_unit=data["sentence_id"])
        span = window
    else:
        raise ValueError(f"window must be 'sentence', 'paragraph' or an int >= 0, not {window!r}")
    edges: dict[tuple, set] = defaultdict(set)
    for article_id, group in units.groupby("article_id", sort=False):
        by_unit = group.groupby("_unit")["actor"].apply(lambda s: sorted(set(s))).to_dict()
        sids = group.groupby("_unit")["sentence_id"].min().to_dict()
        keys = sorted(by_unit)
        for u in keys:
            near = set(by_unit[u])
            for v in keys:
                if u < v <= u + span:
                    near |= set(by_unit[v])
            for a in sorted(near):
                for b in sorted(near):
                    if a < b and (a in by_unit[u] or b in by_unit[u]):
                        edges[(article_id, a, b)].add(int(sids[u]))
    rows = [
        {
            "article_id": k[0],
            "source": k[1],
            "target": k[2],
            "weight": len(v),
            "sentence_ids": sorted(v),
        }
        for k, v in sorted(edges.items())
    ]
    frame = pd.DataFrame(rows, columns=columns)
    counts = Counter(data["actor"])
    kinds_of = data.groupby("actor")["kind"].agg(lambda s: s.mode().iloc[0]).to_dict()
    for actor in sorted(counts):
        graph.add_node(actor, kind=kinds_of[actor], mentions=int(counts[actor]))
    for row in rows:
        if graph.has_edge(row["source"], row["target"]):
            graph[row["source"]][row["target"]]["weight"] += row["weight"]
        else:
            graph.add_edge(row["source"], row["target"], weight=row["weight"])
    return frame, graph
