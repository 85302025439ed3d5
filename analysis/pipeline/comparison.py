"""Comparing articles: how two or more articles on one event frame it differently, read
from their analyses (:func:`compare`).

For each measure a statement says the difference and points at the sentences of each
article that show it: the words one stresses and the others do not (keyness), the tone
of each with its interval, the leading frame of each, the actors they share and those
only one names (matched by the one name each article resolves its mentions to), and who
speaks in each.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

import pandas as pd

from ..measures.keyness import keyness
from ..text.markup import markdown as md
from .statements import Statement, names_list, plural, quote

__all__ = ["Comparison", "compare", "short_title"]


@dataclass
class Comparison:
    """What :func:`compare` finds: the tables behind the comparison page and its
    statements (``summary``: one a measure; ``by_measure``: all of them)."""

    ids: list[str]
    titles: dict[str, str]
    keyness: pd.DataFrame
    tone: pd.DataFrame
    frames: pd.DataFrame
    actors: pd.DataFrame
    sources: pd.DataFrame
    by_measure: dict[str, list[Statement]] = field(default_factory=dict)
    #: the sentences that show each measure's difference: (article id, sentence id, text)
    evidence: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)

    @property
    def summary(self) -> list[Statement]:
        return [s for statements in self.by_measure.values() for s in statements[:1]][:8]

    def tables(self) -> dict[str, pd.DataFrame]:
        return {
            "keyness_between": self.keyness,
            "tone_compare": self.tone,
            "frames_compare": self.frames,
            "actors_compare": self.actors,
            "sources_compare": self.sources,
        }


def short_title(article, width: int = 40) -> str:
    """The headline cut at a word boundary to ``width`` characters (for chart labels),
    or the id when there is no headline. Plain text: escape it where it meets a page."""

    title = " ".join(str(article.title or "").split()) or article.article_id
    return textwrap.shorten(title, width=width, placeholder="…")


def compare(results, ids: list[str] | None = None) -> Comparison:
    """Compare analysed articles (:class:`ArticleAnalysis`), the first against the rest.

    ``ids`` names the articles (their report folders); their article ids by default.
    """
    ids = list(ids or [r.article.article_id for r in results])
    titles = {i: short_title(r.article) for i, r in zip(ids, results, strict=True)}
    target, rest = results[0], results[1:]
    between = keyness(target.sentences, pd.concat([r.sentences for r in rest]), min_count=2)
    tone = pd.concat(
        [r.article_tone.assign(article_id=i) for i, r in zip(ids, results, strict=True)],
        ignore_index=True,
    )
    frames = pd.concat(
        [r.frame_profile.assign(article_id=i) for i, r in zip(ids, results, strict=True)],
        ignore_index=True,
    )
    actors = _matched_actors(results, ids)
    sources = _source_kinds(results, ids)
    found = Comparison(ids, titles, between, tone, frames, actors, sources)
    measures = {
        "keywords": _stresses(found, results),
        "tone": _tone(found, results),
        "frames": _frames(found, results),
        "actors": (_actors(found), ()),
        "sources": _sources(found, results),
    }
    texts = {
        i: dict(zip(r.sentences["sentence_id"].astype(int), r.sentences["text"], strict=True))
        for i, r in zip(ids, results, strict=True)
    }
    for name, (statements, pairs) in measures.items():
        found.by_measure[name] = statements
        found.evidence[name] = [(i, s, str(texts[i].get(s, ""))) for i, s in pairs]
    return found


def _matched_actors(results, ids) -> pd.DataFrame:
    """One row an actor and article: its mentions there (0 when it does not appear),
    matched across articles by the name each resolves its mentions to."""
    rows = []
    names = sorted({a for r in results for a in r.actors["actor"]})
    for i, r in zip(ids, results, strict=True):
        counts = dict(zip(r.actors["actor"], r.actors["n_mentions"], strict=True))
        kinds = dict(zip(r.actors["actor"], r.actors["kind"], strict=True))
        tone = dict(zip(r.actor_tone["actor"], r.actor_tone["mean"], strict=True))
        for name in names:
            rows.append(
                {
                    "actor": name,
                    "article_id": i,
                    "kind": kinds.get(name),
                    "n_mentions": int(counts.get(name, 0)),
                    "tone_toward": tone.get(name),
                }
            )
    return pd.DataFrame(rows, columns=["actor", "article_id", "kind", "n_mentions", "tone_toward"])


def _source_kinds(results, ids) -> pd.DataFrame:
    rows = []
    for i, r in zip(ids, results, strict=True):
        said = r.quotes
        total = max(int(said["n_words"].sum()), 1)
        for kind, words in said.groupby("source_type")["n_words"].sum().items():
            rows.append({"article_id": i, "source_type": kind, "share_of_words": words / total})
    return pd.DataFrame(rows, columns=["article_id", "source_type", "share_of_words"])


def _sentences_with(result, words: list[str], limit: int = 2) -> tuple[int, ...]:
    found = []
    for row in result.sentences.itertuples():
        text = str(row.text).lower()
        if any(w.lower() in text for w in words):
            found.append(int(row.sentence_id))
        if len(found) >= limit:
            break
    return tuple(found)


def _stresses(c: Comparison, results) -> list[Statement]:
    between = c.keyness
    if not len(between):
        return [], []
    more = between[between["statistic"] > 0].head(4)["display"].tolist()
    less = between[between["statistic"] < 0].tail(4)["display"].tolist()
    if not more and not less:
        return [], []
    target, rest = c.ids[0], c.ids[1:]
    text = f"{quote(c.titles[target])} stresses " + (
        ", ".join(quote(m) for m in more) if more else "no word more than the others"
    )
    if less:
        text += (
            f"; {names_list([quote(c.titles[r]) for r in rest])} "
            f"{'say' if len(rest) > 1 else 'says'} more about "
            + ", ".join(quote(x) for x in reversed(less))
        )
    pairs = [(c.ids[0], s) for s in _sentences_with(results[0], more)]
    pairs += [(c.ids[1], s) for s in _sentences_with(results[1], less)]
    return [Statement("keywords", text + ".", "compare-keywords")], pairs


def _tone(c: Comparison, results) -> list[Statement]:
    tone = c.tone
    if len(tone) < 2:
        return [], []
    parts = []
    for row in tone.itertuples():
        parts.append(
            f"{quote(c.titles[row.article_id])} {row.news_mean:+.2f} "
            f"({row.news_ci_low:+.2f} to {row.news_ci_high:+.2f})"
        )
    ordered = tone.sort_values("news_mean", kind="mergesort")
    low, high = ordered.iloc[0], ordered.iloc[-1]
    apart = low["news_ci_high"] < high["news_ci_low"]
    verdict = (
        f"{quote(c.titles[low['article_id']])} is clearly more negative than "
        f"{quote(c.titles[high['article_id']])} (their intervals do not overlap)"
        if apart
        else "their intervals overlap, so the tones are not clearly different"
    )
    pairs = []
    for i, r in zip(c.ids, results, strict=True):
        scores = r.tone[r.tone["role"].isin(("headline", "standfirst", "body"))]
        if len(scores):
            pairs.append((i, int(scores.loc[scores["news_compound"].idxmin(), "sentence_id"])))
    text = f"Mean tone (VADER read for news, 95% interval): {'; '.join(parts)}; {verdict}."
    return [Statement("tone", text, "compare-tone")], pairs


def _frames(c: Comparison, results) -> list[Statement]:
    frames = c.frames[(c.frames["scheme"] == "policy") & (c.frames["n_cues"] > 0)]
    if not len(frames):
        return [], []
    parts, pairs = [], []
    for i, r in zip(c.ids, results, strict=True):
        mine = frames[frames["article_id"] == i]
        if not len(mine):
            parts.append(f"{quote(c.titles[i])}: no policy frame")
            continue
        lead = mine.iloc[0]
        parts.append(
            f"{quote(c.titles[i])} leads with {md(lead['label'].lower())} "
            f"({lead['cues_per_1k']:.0f} cues per 1,000 words, such as "
            f"{quote(str(lead['top_cues']).split('; ')[0])})"
        )
        scores = r.policy_frames
        hit = scores[(scores["frame"] == lead["frame"]) & (scores["score"] > 0)]
        pairs += [(i, s) for s in hit["sentence_id"].head(1).astype(int)]
    return [Statement("frames", "; ".join(parts) + ".", "compare-frames")], pairs


def _actors(c: Comparison) -> list[Statement]:
    table = c.actors
    if not len(table):
        return []
    present = table[table["n_mentions"] > 0]
    by_actor = present.groupby("actor")["article_id"].nunique()
    shared = by_actor[by_actor == len(c.ids)].index.tolist()
    out = []
    if shared:
        top = (
            present[present["actor"].isin(shared)]
            .groupby("actor")["n_mentions"]
            .sum()
            .sort_values(ascending=False, kind="mergesort")
            .head(4)
        )
        out.append(
            Statement(
                "actors",
                f"{'Both' if len(c.ids) == 2 else 'All'} name "
                f"{names_list([md(a) for a in top.index])}"
                + (f" ({plural(len(shared), 'shared actor')} in all)" if len(shared) > 4 else "")
                + ".",
                "compare-actors",
            )
        )
    for i in c.ids:
        only = present[
            (present["article_id"] == i) & present["actor"].map(lambda a: by_actor[a] == 1)
        ]
        only = only.sort_values("n_mentions", ascending=False, kind="mergesort").head(3)
        if len(only):
            out.append(
                Statement(
                    "actors",
                    f"Only {quote(c.titles[i])} names "
                    + names_list(
                        [
                            f"{md(a)} ({n})"
                            for a, n in zip(only["actor"], only["n_mentions"], strict=True)
                        ]
                    )
                    + ".",
                    "compare-actors",
                )
            )
    return out


def _sources(c: Comparison, results) -> list[Statement]:
    parts, pairs = [], []
    for i, r in zip(c.ids, results, strict=True):
        said = r.quotes
        if not len(said):
            parts.append(f"{quote(c.titles[i])} quotes nobody")
            continue
        words = said.groupby(said["actor"].fillna("(unattributed)"))["n_words"].sum()
        top = words.sort_values(ascending=False, kind="mergesort").index[0]
        kinds = said.groupby("source_type")["n_words"].sum().sort_values(ascending=False)
        parts.append(
            f"{quote(c.titles[i])} gives most words to {md(top)}, and most to "
            f"{md(kinds.index[0])} sources ({kinds.iloc[0] / max(kinds.sum(), 1):.0%})"
        )
        first = said[said["actor"].fillna("(unattributed)") == top]["sentence_id"]
        pairs += [(i, s) for s in first.head(1).astype(int)]
    return [Statement("sources", "; ".join(parts) + ".", "compare-sources")], pairs
