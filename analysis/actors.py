"""Actors: who appears in an article, resolved to one name each, with role and affiliation.

Mentions are found offline, without downloaded models, by four rules applied to each
sentence (normalised text, offsets mapped back to the article):

1. **Titled names**: an optional affiliation (demonym, country or organisation), a title
   from ``data/roles.yaml`` and a capitalised name: "Russian Foreign Minister Sergei
   Lavrov" -> person "Sergei Lavrov", role "foreign minister", affiliation "Russia";
   "Iranian Ambassador to Russia Kazem Jalali" -> affiliation "Iran".
2. **Gazetteer**: countries, blocs and regions with their aliases and capitals
   (``data/countries.csv``: "the U.S." -> United States; "Moscow" -> Russia, read as a
   metonym for its government) and organisations and institutions
   (``data/organisations.csv``: "the Kremlin", "Hezbollah").
3. **Names**: other runs of two or more capitalised words (name particles such as "al-"
   allowed) are people, or organisations when they contain an organisation word
   ("Ministry", "Council", ...). A surname alone ("Putin") is linked to the full name
   seen anywhere in the article. Title Case lines (headline, headings) only take names
   already known from the running text.
4. **Unnamed groups** ("analysts", "Western and Ukrainian officials") and **definite
   descriptions** ("the Russian president", "the president-elect") resolved to the
   person last mentioned with that role (or the only person in the sentence before).

Users extend or override all of this with a YAML file (see :func:`load_aliases`).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .article import is_title_case
from .errors import FramingError
from .paths import DATA_DIR
from .preprocess import normalize_with_offsets
from .sentences import require_sentence_table
from .tokens import WORD_PATTERN, Token, word_tokens

__all__ = [
    "actor_mentions",
    "actor_summary",
    "cooccurrence",
    "load_aliases",
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
_ORG_WORDS = frozenset(
    "ministry council party bank agency committee organization organisation union corporation "
    "company group institute university court parliament army navy forces force guard guards front "
    "movement association foundation commission office department service services news times post "
    "press radio tv television network federation authority fund assembly senate house".split()
)
_PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "org"}


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
    return [m.group() for m in WORD_PATTERN.finditer(text)]


def _split_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _read_csv(path: Path) -> list[dict[str, str]]:
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


@lru_cache(maxsize=1)
def _base_lexicon() -> Lexicon:
    lex = Lexicon()
    for row in _read_csv(DATA_DIR / "countries.csv"):
        actor, kind = row["actor"], row["kind"]
        lex.add(actor, Entry(actor, kind, None, "name"))
        for alias in _split_list(row["aliases"]):
            lex.add(alias, Entry(actor, kind, None, "alias"))
        for capital in _split_list(row["capitals"]):
            lex.add(capital, Entry(actor, kind, None, "capital"))
        for demonym in _split_list(row["demonyms"]):
            lex.demonyms[demonym] = actor
    for row in _read_csv(DATA_DIR / "organisations.csv"):
        actor = row["actor"]
        entry = Entry(actor, row["kind"], row["affiliation"] or None, "name")
        lex.add(actor, entry)
        for alias in _split_list(row["aliases"]):
            lex.add(alias, Entry(actor, row["kind"], row["affiliation"] or None, "alias"))
    roles = yaml.safe_load((DATA_DIR / "roles.yaml").read_text(encoding="utf-8"))
    for item in roles["titles"]:
        words = tuple(w.lower() for w in _words(item["title"]))
        lex.titles[words] = item["role"]
        lex.title_starts.add(words[0])
        lex.max_title = max(lex.max_title, len(words))
    lex.groups = {tuple(w.lower() for w in _words(g)) for g in roles["groups"]}
    lex.group_qualifiers = {q.lower() for q in roles["group_qualifiers"]}
    lex.particles = {p.lower() for p in roles["name_particles"]}
    lex.not_names = set(roles["not_names"])
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


def _is_name_token(tok: Token, lex: Lexicon) -> bool:
    if tok.cap and tok.text[0].isalpha() and tok.text not in lex.not_names:
        # demonyms ("Russian") and titles ("President") introduce names, they are not names
        return tok.text not in lex.demonyms and (tok.low,) not in lex.titles
    head = tok.low.split("-", 1)[0]
    return "-" in tok.text and head in lex.particles and tok.text.split("-", 1)[1][:1].isupper()


def _name_run(tokens: Sequence[Token], i: int, lex: Lexicon, limit: int = 4) -> int:
    """End index (exclusive) of a personal name starting at i, or i if none."""
    j = i
    while j < len(tokens) and j - i < limit:
        tok = tokens[j]
        if _is_name_token(tok, lex) and _match_entry(tokens, j, lex)[0] == j:
            j += 1
        elif (
            j > i
            and tok.low in lex.particles
            and j + 1 < len(tokens)
            and _is_name_token(tokens[j + 1], lex)
        ):
            j += 1
        else:
            break
    while j > i and tokens[j - 1].low in lex.particles:
        j -= 1
    return j


def _match_entry(tokens: Sequence[Token], i: int, lex: Lexicon) -> tuple[int, Entry | None]:
    lengths = lex.by_first.get(tokens[i].text) if i < len(tokens) else None
    if not lengths:
        return i, None
    for n in lengths:  # longest first
        if i + n > len(tokens):
            continue
        entry = lex.entries.get(tuple(t.text for t in tokens[i : i + n]))
        if entry is not None:
            return i + n, entry
    return i, None


def _match_title(tokens: Sequence[Token], i: int, lex: Lexicon) -> tuple[int, str | None]:
    if i >= len(tokens) or tokens[i].low not in lex.title_starts:
        return i, None
    for n in range(min(lex.max_title, len(tokens) - i), 0, -1):
        key = tuple(t.low for t in tokens[i : i + n])
        if key in lex.titles:
            return i + n, lex.titles[key]
    return i, None


def _affiliation_words(tokens: Sequence[Token], i: int, lex: Lexicon) -> tuple[int, str | None]:
    """A demonym, country or organisation right before a title: (start index, affiliation).

    Capitalised words between them belong to the title ("Brazilian Agriculture Minister").
    """
    j = i - 1
    while (
        j >= 0
        and i - j <= 3
        and tokens[j].cap
        and tokens[j].text not in lex.demonyms
        and _match_entry(tokens, j, lex)[1] is None
    ):
        j -= 1
    if j < 0 or not (tokens[j].text in lex.demonyms or _match_entry(tokens, j, lex)[1] is not None):
        j = i - 1
    if j >= 0 and tokens[j].text in lex.demonyms:
        return j, lex.demonyms[tokens[j].text]
    if j >= 0 and tokens[j].text == "'s" and j - 1 >= 0:
        j -= 1
    for n in range(1, 4):
        start = j - n + 1
        if start < 0:
            break
        end, entry = _match_entry(tokens, start, lex)
        if (
            entry is not None
            and end == j + 1
            and entry.kind in ("country", "bloc", "organisation", "institution")
        ):
            return start, entry.actor if entry.kind in ("country", "bloc") else (
                entry.affiliation or entry.actor
            )
    return i, None


# ---------------------------------------------------------------------- detection
@dataclass
class _Mention:
    sentence_pos: int
    actor: str
    kind: str
    surface: str
    role: str
    affiliation: str | None
    start: int  # into the normalised sentence
    end: int
    method: str


def _detect_sentence(
    text: str, pos: int, lex: Lexicon, known: dict, titled: bool
) -> list[_Mention]:
    tokens = word_tokens(text)
    found: list[_Mention] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        # 1. [affiliation] title name
        t_end, role = _match_title(tokens, i, lex)
        if role is not None and t_end < len(tokens):
            k = t_end
            title_to = None
            if k + 1 < len(tokens) and tokens[k].low in ("to", "of", "for") and tokens[k + 1].cap:
                e_end, entry = _match_entry(tokens, k + 1, lex)
                if entry is not None and entry.kind in (
                    "country",
                    "bloc",
                    "organisation",
                    "institution",
                ):
                    title_to = (k + 1, e_end, entry)
                    k = e_end
            n_end = _name_run(tokens, k, lex)
            if n_end > k and not (titled and not _known_name(tokens[k:n_end], known)):
                a_start, affiliation = _affiliation_words(tokens, i, lex)
                if title_to is not None:
                    s, e, entry = title_to
                    found.append(
                        _mk(
                            pos,
                            entry.actor,
                            entry.kind,
                            tokens,
                            s,
                            e,
                            text,
                            "",
                            entry.affiliation,
                            "gazetteer",
                        )
                    )
                name = " ".join(t.text for t in tokens[k:n_end])
                found.append(
                    _mk(pos, name, "person", tokens, k, n_end, text, role, affiliation, "title")
                )
                i = n_end
                continue
        # 2. gazetteer
        e_end, entry = _match_entry(tokens, i, lex)
        if entry is not None and not (
            entry.kind in ("country", "bloc", "region") and _followed_by_group(tokens, e_end, lex)
        ):
            role = "capital" if entry.how == "capital" else ""
            kind = entry.kind if entry.how != "user" or entry.kind != "person" else "person"
            found.append(
                _mk(
                    pos,
                    entry.actor,
                    kind,
                    tokens,
                    i,
                    e_end,
                    text,
                    role,
                    entry.affiliation,
                    "gazetteer",
                )
            )
            i = e_end
            continue
        # 3. groups: [qualifiers] group-noun
        g_end, qualifiers = _match_group(tokens, i, lex) if not titled else (i, [])
        if g_end > i:
            surface = text[tokens[i].start : tokens[g_end - 1].end]
            affiliation = "; ".join(dict.fromkeys(qualifiers)) or None
            first = tokens[i].text
            # "Analysts suggest" at the start of a sentence is the group "analysts"
            actor = (
                surface
                if first in lex.demonyms or first[:1].islower() or first in ("US", "UK", "EU", "UN")
                else first.lower() + surface[len(first) :]
            )
            found.append(_mk(pos, actor, "group", tokens, i, g_end, text, "", affiliation, "group"))
            i = g_end
            continue
        # 4. names
        if _is_name_token(tok, lex) and (i == 0 or tokens[i - 1].text != "'s" or True):
            n_end = _name_run(tokens, i, lex)
            words = tokens[i:n_end]
            if n_end > i:
                name = " ".join(t.text for t in words)
                person = _known_name(words, known)
                if person is not None:
                    found.append(
                        _mk(pos, person, "person", tokens, i, n_end, text, "", None, "name")
                    )
                    i = n_end
                    continue
                if not titled and len(words) >= 2 and i + len(words) <= len(tokens):
                    kind = "organisation" if any(w.low in _ORG_WORDS for w in words) else "person"
                    found.append(_mk(pos, name, kind, tokens, i, n_end, text, "", None, "name"))
                    i = n_end
                    continue
        i += 1
    return found


def _followed_by_group(tokens: Sequence[Token], i: int, lex: Lexicon) -> bool:
    """'US officials': the country is a qualifier of an unnamed group, not a mention."""
    j = i
    while j < len(tokens) and tokens[j].low in lex.group_qualifiers:
        j += 1
    return j < len(tokens) and (tokens[j].low,) in lex.groups and j > i - 1 and j <= i + 2


def _match_group(tokens: Sequence[Token], i: int, lex: Lexicon) -> tuple[int, list[str]]:
    qualifiers: list[str] = []
    j = i
    while j < len(tokens):
        tok = tokens[j]
        if tok.text in lex.demonyms:
            qualifiers.append(lex.demonyms[tok.text])
            j += 1
        elif tok.low in lex.group_qualifiers and (tok.low,) not in lex.groups:
            if tok.text == "Western":
                qualifiers.append("the West")
            j += 1
        elif tok.low in ("and", ",") and j > i and j + 1 < len(tokens):
            j += 1
        else:
            e_end, entry = _match_entry(tokens, j, lex)
            if entry is not None and entry.kind in ("country", "bloc") and e_end < len(tokens):
                qualifiers.append(entry.actor)
                j = e_end
            else:
                break
    for n in (3, 2, 1):
        key = tuple(t.low for t in tokens[j : j + n])
        if len(key) == n and key in lex.groups:
            if j > i and tokens[j - 1].low in ("and", ","):
                return i, []
            return j + n, qualifiers
    # a group noun alone, without qualifiers
    return i, []


def _known_name(words: Sequence[Token], known: dict) -> str | None:
    name = " ".join(t.text for t in words)
    if name in known:
        return known[name]
    return None


def _mk(pos, actor, kind, tokens, i, end, text, role, affiliation, method) -> _Mention:
    start, stop = tokens[i].start, tokens[end - 1].end
    return _Mention(pos, actor, kind, text[start:stop], role, affiliation, start, stop, method)


def _collect_names(texts: list[str], titled: list[bool], lex: Lexicon) -> dict[str, str]:
    """Full names seen in running text, and the surnames that point to them."""
    known: dict[str, str] = {}
    for name in lex.people:
        known[name] = name
        known.setdefault(name.split()[-1], name)
    full: list[str] = []
    for text, is_titled in zip(texts, titled, strict=True):
        if is_titled:
            continue
        for m in _detect_sentence(text, 0, lex, {}, False):
            if m.kind == "person" and " " in m.actor:
                full.append(m.actor)
    for name in full:
        known.setdefault(name, name)
    for name in full:
        parts = name.split()
        last = parts[-1]
        known.setdefault(last, name)
        if "-" in last and last.split("-", 1)[0].lower() in lex.particles:
            known.setdefault(last.split("-", 1)[1], name)
        if len(parts) >= 3 and parts[-2].lower() in lex.particles:
            known.setdefault(" ".join(parts[-2:]), name)
    return known


def _resolve_descriptions(
    text: str, pos: int, lex: Lexicon, history: list[_Mention], previous: list[_Mention]
) -> list[_Mention]:
    """'the Russian president', 'the president-elect' -> a person already mentioned."""
    tokens = word_tokens(text)
    out = []
    for i, tok in enumerate(tokens):
        if tok.low != "the":
            continue
        j = i + 1
        affiliation = None
        if j < len(tokens) and tokens[j].text in lex.demonyms:
            affiliation = lex.demonyms[tokens[j].text]
            j += 1
        t_end, role = _match_title(tokens, j, lex)
        if role in (None, "") or t_end == j:
            continue
        if t_end < len(tokens) and (
            _is_name_token(tokens[t_end], lex) or tokens[t_end].low in ("of", "to")
        ):
            continue  # "the President Vladimir Putin" / "the president of X": handled elsewhere
        people = [m for m in history if m.kind == "person"]
        match = [
            m
            for m in reversed(people)
            if role in (m.role or "") and (affiliation is None or m.affiliation == affiliation)
        ]
        if not match and affiliation is not None:
            match = [m for m in reversed(people) if m.affiliation == affiliation and m.role]
        if not match:
            prev_people = {m.actor: m for m in previous if m.kind == "person"}
            if len(prev_people) == 1:
                match = list(prev_people.values())
        if match:
            target = match[0]
            start, stop = tok.start, tokens[t_end - 1].end
            out.append(
                _Mention(
                    pos,
                    target.actor,
                    "person",
                    text[start:stop],
                    role,
                    affiliation or target.affiliation,
                    start,
                    stop,
                    "description",
                )
            )
    return out


def _affiliation_from_context(
    text: str, m: _Mention, lex: Lexicon, sentence: list[_Mention]
) -> str | None:
    """'Bashar al-Assad's government in Syria', 'return to the U.S. presidency'."""
    countries = [x for x in sentence if x.kind == "country"]
    after = text[m.end : m.end + 60]
    g = re.match(r"(?:'s)?\s+(?:government|regime|administration|forces|army)\s+in\s+", after)
    if g:
        for c in countries:
            if c.start == m.end + g.end():
                return c.actor
    for c in countries:
        tail = text[c.end : c.end + 20]
        if (
            re.match(r"\s+(?:presidency|government|administration|leadership)\b", tail)
            and abs(c.start - m.end) < 80
        ):
            return c.actor
    return None


def actor_mentions(
    sentences: pd.DataFrame,
    *,
    aliases: str | PathLike | Mapping | Lexicon | None = None,
) -> pd.DataFrame:
    """Find every mention of a person, country, organisation or unnamed group.

    Parameters
    ----------
    sentences : DataFrame
        A sentence table (:func:`analysis.sentences`), one article or many.
    aliases : path, mapping or Lexicon, optional
        A user YAML file (or the same structure as a dict) that adds actors and
        redirects one actor to another; see :func:`load_aliases`.

    Returns
    -------
    DataFrame
        One row a mention, in reading order: ``article_id``, ``sentence_id``, ``actor``
        (resolved name: "Vladimir Putin" for "Putin", "Russia" for "Moscow"), ``kind``
        (person, country, bloc, region, organisation, institution, media, group),
        ``surface`` (as written), ``role`` ("president", "capital" for a capital used
        for its country, ...), ``affiliation`` (a country, bloc or organisation, or
        several joined by "; " for groups), ``char_start``/``char_end`` (offsets into
        the article's text), ``method`` (title, gazetteer, name, group, description).
    """
    require_sentence_table(
        sentences, "actor_mentions()", ("article_id", "sentence_id", "text", "char_start")
    )
    lex = aliases if isinstance(aliases, Lexicon) else load_aliases(aliases)
    rows = []
    for article_id, table in sentences.groupby("article_id", sort=False):
        rows.extend(_article_mentions(article_id, table, lex))
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return (
        frame.astype({"sentence_id": "int64", "char_start": "int64", "char_end": "int64"})
        if len(frame)
        else frame
    )


def _article_mentions(article_id, table: pd.DataFrame, lex: Lexicon) -> list[dict]:
    texts, maps, titled = [], [], []
    roles = table["role"].tolist() if "role" in table.columns else ["body"] * len(table)
    for text, role in zip(table["text"].astype(str), roles, strict=True):
        norm, offsets = normalize_with_offsets(text)
        texts.append(norm)
        maps.append(offsets)
        titled.append(
            role in ("headline", "heading") or (role == "standfirst" and is_title_case(norm))
        )
    known = _collect_names(texts, titled, lex)
    people_info: dict[str, dict] = {name: dict(info) for name, info in lex.people.items()}
    per_sentence: list[list[_Mention]] = []
    history: list[_Mention] = []
    for pos, text in enumerate(texts):
        found = _detect_sentence(text, pos, lex, known, titled[pos])
        for m in found:
            if m.kind == "person":
                info = people_info.setdefault(m.actor, {"role": "", "affiliation": None})
                if m.role and not info["role"]:
                    info["role"] = m.role
                if m.affiliation and not info["affiliation"]:
                    info["affiliation"] = m.affiliation
                if not m.affiliation and not info["affiliation"]:
                    guess = _affiliation_from_context(text, m, lex, found)
                    if guess:
                        info["affiliation"] = guess
        described = _resolve_descriptions(
            text, pos, lex, history + found, per_sentence[-1] if per_sentence else []
        )
        for m in described:
            info = people_info.setdefault(m.actor, {"role": "", "affiliation": None})
            info["role"] = info["role"] or m.role
        found += described
        found.sort(key=lambda m: m.start)
        per_sentence.append(found)
        history.extend(found)
    rows = []
    sids = table["sentence_id"].tolist()
    starts = table["char_start"].tolist()
    for pos, found in enumerate(per_sentence):
        offsets = maps[pos]
        for m in found:
            actor, kind, role, affiliation = m.actor, m.kind, m.role, m.affiliation
            if kind == "person":
                info = people_info.get(actor, {})
                role = role or info.get("role") or ""
                affiliation = affiliation or info.get("affiliation")
            redirected = lex.redirects.get(actor) or lex.redirects.get(m.surface)
            if redirected:
                actor = redirected
            a, b = (
                (m.start, m.end)
                if offsets is None
                else (int(offsets[m.start]), int(offsets[m.end]))
            )
            rows.append(
                {
                    "article_id": article_id,
                    "sentence_id": sids[pos],
                    "actor": actor,
                    "kind": kind,
                    "surface": m.surface,
                    "role": role,
                    "affiliation": affiliation,
                    "char_start": starts[pos] + a,
                    "char_end": starts[pos] + b,
                    "method": m.method,
                }
            )
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
