"""The actor lexicon: countries, organisations, titles, groups and the user's own
actors and aliases (:func:`load_aliases`), and the look-ups actor detection makes in it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Any

from ...errors import FramingError
from ...lexicons import CLASS, ENTRY, read_rows, read_yaml
from ...nlp.parsing import pipeline

__all__ = [
    "Entry",
    "Lexicon",
    "load_aliases",
    "match_entry",
    "entry_ending",
    "title_starting",
    "title_ending",
    "affiliation_of_entry",
    "label_key",
    "lexicon_words",
    "POSSESSIVES",
]

#: The tokens that mark a possessive after a name ("Putin's", "Jones'").
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


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
    back_references: dict[str, tuple[str, ...]] = field(default_factory=dict)
    institution_groups: set[str] = field(default_factory=set)
    company_evidence: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    redirects: dict[str, str] = field(default_factory=dict)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    max_entry: int = 1
    max_title: int = 1
    title_starts: set[str] = field(default_factory=set)

    by_first: dict[str, list[int]] = field(default_factory=dict)

    def add(self, surface: str, entry: Entry) -> None:
        words = tuple(lexicon_words(surface))
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


def lexicon_words(text: str) -> list[str]:
    """Words as the parser splits them, so that lexicon keys match parsed tokens."""
    return [t.text for t in pipeline().tokenizer(text)]


def _split_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


@lru_cache(maxsize=1)
def _base_lexicon() -> Lexicon:
    lex = Lexicon()
    for row in read_rows("countries", required=(ENTRY, CLASS)):
        actor, kind = row[ENTRY], row[CLASS]
        lex.add(actor, Entry(actor, kind, None, "name"))
        for alias in _split_list(row["aliases"]):
            lex.add(alias, Entry(actor, kind, None, "alias"))
        for capital in _split_list(row["capitals"]):
            lex.add(capital, Entry(actor, kind, None, "capital"))
        for demonym in _split_list(row["demonyms"]):
            lex.demonyms[demonym] = actor
    for row in read_rows("organisations", required=(ENTRY, CLASS)):
        actor, kind, affiliation = row[ENTRY], row[CLASS], row.get("affiliation") or None
        lex.add(actor, Entry(actor, kind, affiliation, "name"))
        for alias in _split_list(row.get("aliases")):
            lex.add(alias, Entry(actor, kind, affiliation, "alias"))
    roles = read_yaml("roles")
    for item in roles["titles"]:
        title = item["title"]
        # "gov." is split as "gov" + "." but "Gov." before a name stays one token: the
        # title is looked up in both spellings
        capitalised = " ".join(w[:1].upper() + w[1:] for w in title.split())
        for spelling in (title, capitalised):
            words = tuple(w.lower() for w in lexicon_words(spelling))
            lex.titles[words] = item["role"]
            lex.title_starts.add(words[0])
            lex.max_title = max(lex.max_title, len(words))
    lex.groups = {tuple(w.lower() for w in lexicon_words(g)) for g in roles["groups"]}
    lex.group_qualifiers = {q.lower() for q in roles["group_qualifiers"]}
    lex.particles = {p.lower() for p in roles["name_particles"]}
    lex.not_names = set(roles["not_names"])
    lex.things = set(roles.get("things") or []) | set(roles.get("postnominals") or [])
    lex.institution_groups = {w.lower() for w in roles.get("institution_groups") or []}
    lex.company_evidence = {w.lower() for w in roles.get("company_evidence") or []}
    lex.organisation_heads = {w.lower() for w in roles.get("organisation_heads") or []}
    lex.documents = {d.lower() for d in roles.get("documents") or []}
    lex.speakers = {d.lower() for d in roles.get("speakers") or []}
    lex.back_references = {
        str(k).lower(): tuple(str(x) for x in v)
        for k, v in (roles.get("back_references") or {}).items()
    }
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
        back_references=dict(base.back_references),
        institution_groups=set(base.institution_groups),
        company_evidence=set(base.company_evidence),
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
                f"{path}: alias file not found. Pass the path of a YAML file (see analysis.measures.actors.load_aliases)."
            )
        data = read_yaml(path)
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


def match_entry(words: Sequence[str], i: int, lex: Lexicon) -> tuple[int, Entry | None]:
    lengths = lex.by_first.get(words[i]) if i < len(words) else None
    if not lengths:
        return i, None
    for n in lengths:  # longest first
        if i + n <= len(words):
            entry = lex.entries.get(tuple(words[i : i + n]))
            if entry is not None:
                return i + n, entry
    return i, None


def entry_ending(words: Sequence[str], end: int, lex: Lexicon) -> tuple[int, Entry | None]:
    """A gazetteer entry whose last word is ``words[end - 1]``: (start, entry)."""
    for n in range(min(lex.max_entry, end), 0, -1):
        stop, entry = match_entry(words, end - n, lex)
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


def title_ending(low: Sequence[str], end: int, lex: Lexicon) -> tuple[int, str | None]:
    """The longest title whose last word is ``low[end - 1]``: (start, role)."""
    for n in range(min(lex.max_title, end), 0, -1):
        role = lex.titles.get(tuple(low[end - n : end]))
        if role is not None:
            return end - n, role
    return end, None


def affiliation_of_entry(entry: Entry) -> str | None:
    if entry.kind in ("country", "bloc", "region"):
        return entry.actor
    if entry.kind in ("organisation", "institution", "media"):
        return entry.affiliation or entry.actor
    return None


def label_key(written: str) -> str:
    """A line's lead, or all that follows a colon, as :attr:`Lexicon.labels` holds it:
    lower case, single spaces, a straight apostrophe, no closing punctuation ("Editor’s
    note" -> "editor's note")."""
    return " ".join(written.replace("’", "'").lower().split()).strip(" .!?:;,")
