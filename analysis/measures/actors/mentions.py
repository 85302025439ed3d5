"""Every mention of a person, country, organisation or unnamed source in an article,
resolved to one name each (:func:`actor_mentions`)."""

from __future__ import annotations

from collections.abc import Mapping
from os import PathLike

import pandas as pd

from ...nlp.parsing import Parse, require_parse
from ...text.article import is_title_case
from .gazetteer import POSSESSIVES, Lexicon, load_aliases, title_starting
from .names import (
    HONORIFICS,
    Mention,
    People,
    cluster_names,
    name_key,
    one_person,
    one_spelling,
    people_by_usage,
    short_media_names,
    trim_entity,
)
from .sentence import affiliation_from_context, descriptions, sentence_mentions

__all__ = ["actor_mentions", "MENTION_COLUMNS"]

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


def actor_mentions(
    parsed: Parse,
    *,
    aliases: str | PathLike | Mapping | Lexicon | None = None,
) -> pd.DataFrame:
    """Find every mention of a person, country, organisation or unnamed source.

    Parameters
    ----------
    parsed : Parse
        The parse of a sentence table (:func:`analysis.nlp.parse`), one article or
        many.
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
        (entity, gazetteer, name, title, parse, group, description).
    """
    parsed = require_parse(parsed, "actor_mentions()")
    lex = aliases if isinstance(aliases, Lexicon) else load_aliases(aliases)
    rows = []
    for article_id, table in parsed.sentences.groupby("article_id", sort=False):
        rows.extend(_article_mentions(article_id, table, parsed, lex))
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return (
        frame.astype({"sentence_id": "int64", "char_start": "int64", "char_end": "int64"})
        if len(frame)
        else frame
    )


class _Sentences:
    """An article's parsed sentences in order, with their ids, offsets and whether
    each is a titled line (a headline or heading in Title Case)."""

    def __init__(self, article_id, table: pd.DataFrame, parsed: Parse) -> None:
        self.roles = table["role"].tolist() if "role" in table.columns else ["body"] * len(table)
        self.sids = [int(s) for s in table["sentence_id"].tolist()]
        self.docs, self.offsets, self.titled = [], [], []
        for sid, role, text in zip(self.sids, self.roles, table["text"].astype(str), strict=True):
            doc, offset = parsed.sentence(article_id, sid)
            self.docs.append(doc)
            self.offsets.append(offset)
            self.titled.append(
                role in ("headline", "heading") or (role == "standfirst" and is_title_case(text))
            )


def _article_mentions(article_id, table: pd.DataFrame, parsed: Parse, lex: Lexicon) -> list[dict]:
    article = _Sentences(article_id, table, parsed)
    people = _full_names(article, lex)
    per_sentence, info = _find(article, lex, people)
    people_by_usage(per_sentence, article.docs)
    rows = _rows(article_id, article, per_sentence, info, lex)
    return _short_forms(short_media_names(one_person(one_spelling(rows))))


def _short_forms(rows: list[dict]) -> list[dict]:
    """One actor for an organisation's name and its first word alone ("Baikal" after
    "Baikal Finance Group"), when exactly one organisation of the article starts so."""
    long_names: dict[str, set[str]] = {}
    for r in rows:
        words = str(r["actor"]).split()
        if r["kind"] in ("organisation", "institution", "media") and len(words) > 1:
            long_names.setdefault(words[0], set()).add(r["actor"])
    for r in rows:
        full = long_names.get(str(r["actor"]))
        if full and len(full) == 1 and r["kind"] in ("person", "organisation"):
            (name,) = full
            kind = next(x["kind"] for x in rows if x["actor"] == name)
            r["actor"], r["kind"], r["role"] = name, kind, ""
    return rows


def _full_names(article: _Sentences, lex: Lexicon) -> People:
    """Pass 1: the full names of the running text, so that a surname before its full
    name and a mislabelled surname still resolve."""
    people = People(lex)
    for doc, is_titled, role in zip(article.docs, article.titled, article.roles, strict=True):
        if is_titled or role == "notice":
            continue
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            start, end = trim_entity(doc, ent.start, ent.end, True)
            name = name_key(doc[start:end].text) if start < end else ""
            if len(name.split()) >= 2 and name[:1].isupper() and not any(c.isdigit() for c in name):
                people.add(name)
    return people


def _find(article: _Sentences, lex: Lexicon, people: People):
    """Pass 2: the running text, then titled lines limited to what the running text
    knows; what is learnt of each person (role, affiliation) on the way."""
    per_sentence: list[list[Mention]] = [[] for _ in article.docs]
    history: list[Mention] = []
    info: dict[str, dict] = {name: dict(v) for name, v in lex.people.items()}
    for stage in ("body", "titled"):
        known = None
        if stage == "titled":
            known = {m.actor for found in per_sentence for m in found} | set(people.full)
        for pos, doc in enumerate(article.docs):
            if article.titled[pos] != (stage == "titled") or article.roles[pos] == "notice":
                continue  # a rights notice names its publisher, no actor of the story
            found = sentence_mentions(doc, pos, lex, people, article.titled[pos], known)
            if stage == "body":
                previous = per_sentence[pos - 1] if pos else []
                found += descriptions(doc, pos, lex, history + found, previous, found)
                found.sort(key=lambda m: m.start)
            for m in found:
                if m.kind == "person":
                    _learn(info, m, doc, found, lex)
            per_sentence[pos] = found
            history.extend(found)
    return per_sentence, info


def _learn(info: dict, m: Mention, doc, found: list[Mention], lex: Lexicon) -> None:
    person = info.setdefault(m.actor, {"role": "", "affiliation": None})
    role = m.role or _role_as(doc, m, lex)
    if role and not person.get("role"):
        person["role"] = role
    if m.affiliation and not person.get("affiliation"):
        person["affiliation"] = m.affiliation
    if not m.affiliation and not person.get("affiliation"):
        person["affiliation"] = affiliation_from_context(doc, m, found)


def _role_as(doc, m: Mention, lex: Lexicon) -> str:
    """A role given in the predicate: "Blunkett resigned as home secretary", "Clarke,
    who was appointed as education secretary", "she served as foreign minister"."""
    head = doc[m.start : m.end].root
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return ""
    verb = head.head
    low = [t.lower_ for t in doc]
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "as":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            start = obj.left_edge.i
            while start < obj.i and doc[start].dep_ in ("det", "poss", "case"):
                start += 1
            for k in range(start, obj.i + 1):  # "transport secretary": a title's head
                end, role = title_starting(low, k, lex)
                if role and end == obj.i + 1:
                    return role
    return ""


def _companies(article: _Sentences, per_sentence, info: dict, lex: Lexicon) -> set[str]:
    """One-word "people" (or places) the text shows to be companies: "Yukos shares", "shares in
    Yukos", "Slimfast's sales", "Slimfast, the diet drinks maker" (and never a person's
    role or honorific)."""
    found: set[str] = set()
    for pos, mentions in enumerate(per_sentence):
        doc = article.docs[pos]
        for m in mentions:
            if (
                m.kind not in ("person", "place")
                or m.method == "gazetteer"
                or len(m.actor.split()) != 1
                or info.get(m.actor, {}).get("role")
            ):
                continue
            if m.start > 0 and doc[m.start - 1].lower_.rstrip(".") in _PERSONAL_TITLES:
                continue
            if _company_evidence(doc, m, lex):
                found.add(m.actor)
    return found


#: Words before a name that make it a person's.
_PERSONAL_TITLES = HONORIFICS | {"sir", "lady", "lord", "dame"}


def _company_evidence(doc, m: Mention, lex: Lexicon) -> bool:
    root = doc[m.start : m.end].root
    evidence = lex.company_evidence
    after = doc[m.end : m.end + 3]
    if len(after) >= 2 and after[0].text in POSSESSIVES and after[1].lower_ in evidence:
        return True  # "Slimfast's sales"
    if root.dep_ in ("compound", "nmod") and root.head.lower_ in evidence:
        return True  # "Yukos shares"
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in ("in", "of")
        and root.head.head.lower_ in evidence
    ):
        return True  # "shares in Yukos", "the auction of Yukos"
    return any(  # "Slimfast, the diet drinks maker"
        c.dep_ == "appos" and "organisation" in lex.back_references.get(c.lower_, ())
        for c in root.children
    )


def _rows(article_id, article: _Sentences, per_sentence, info: dict, lex: Lexicon) -> list[dict]:
    companies = _companies(article, per_sentence, info, lex)
    merged = cluster_names([m for found in per_sentence for m in found])
    kinds: dict[str, str] = {}
    for found in per_sentence:
        for m in found:
            if m.actor in merged.values() and m.actor not in merged:
                kinds.setdefault(m.actor, m.kind)
    rows = []
    for pos, found in enumerate(per_sentence):
        doc, offset = article.docs[pos], article.offsets[pos]
        for m in found:
            actor, kind, role, affiliation = m.actor, m.kind, m.role, m.affiliation
            if actor in merged:
                actor = merged[actor]
                kind = kinds.get(actor, kind)
            if actor in companies:
                kind, role = "organisation", ""
            if kind == "person":
                person = info.get(actor, {})
                role = role or person.get("role") or ""
                affiliation = affiliation or person.get("affiliation")
            span = doc[m.start : m.end]
            actor = lex.redirects.get(actor) or lex.redirects.get(span.text) or actor
            rows.append(
                {
                    "article_id": article_id,
                    "sentence_id": article.sids[pos],
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
    return rows
