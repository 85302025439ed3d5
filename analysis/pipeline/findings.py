"""Findings: what each report section says, and the Summary, computed from the tables.

Each statement is a :class:`Statement`: Markdown text in which every value from the
article has passed through :func:`analysis.text.markup.markdown`, the section whose
evidence it sums up, and the sentence ids that carry it. The Summary says only what the
evidence carries: each kind of statement has a minimum of evidence
(:data:`EVIDENCE_MINIMUM`), below which it is left out, or said as uncertain where the
uncertainty is itself the finding (a tone whose interval includes zero).
"""

from __future__ import annotations

import pandas as pd

from ..measures.frames import LEADING_SHARE
from ..measures.tone import NEUTRAL_BAND
from ..text.markup import markdown as md
from .statements import Statement, names_list, plural, quote, words_by_source

__all__ = ["EVIDENCE_MINIMUM", "summary_statements", "section_findings"]

#: The least evidence each kind of Summary statement needs.
EVIDENCE_MINIMUM = {
    # the coldest or warmest actor: mentions, and an interval that excludes zero
    "actor_tone_mentions": 3,
    # a leading frame: its cues in at least this many sentences (and LEADING_SHARE of them)
    "frame_sentences": 3,
    # the article's tone: at least this many sentences scored
    "tone_sentences": 3,
    # who is given the most words: at least this many attributions
    "source_attributions": 2,
    # hedging: at least this many sentences with a hedge (or with a booster)
    "hedged_sentences": 3,
    # the most mentioned actors: the first of them mentioned at least this often
    "actor_mentions": 2,
    # topics: at least this many topics, fitted on at least this many sentences
    "topics": 2,
    "topic_sentences": 12,
}


def _lean(value: float) -> str:
    if value < -NEUTRAL_BAND:
        return "negative"
    return "positive" if value > NEUTRAL_BAND else "neutral"


def _some(n: int, word: str) -> str:
    """ "3 sentences", "1 sentence", "none"."""
    return plural(n, word) if n else "none"


def _ids(values) -> tuple[int, ...]:
    return tuple(sorted({int(v) for v in values}))


# ---------------------------------------------------------------------- the Summary
def summary_statements(result) -> list[Statement]:
    """The Summary: at most eight statements, each carried by its evidence
    (:data:`EVIDENCE_MINIMUM`), most telling first."""
    makers = (
        _size,
        _lead_keyphrases,
        _overall_tone,
        _actor_tone,
        _most_mentioned,
        _who_speaks,
        _leading_frames,
        _hedging,
        _topics,
    )
    out = [s for make in makers if (s := make(result)) is not None][:8]
    corrected = _corrections(result)
    return out if corrected is None else [*out, corrected]


#: What a correction changed, for the Summary's line on corrections by hand.
_CHANGED = {
    "merge": "mention",
    "rename": "mention",
    "retype": "mention",
    "drop attribution": "attribution",
    "reassign attribution": "attribution",
    "add attribution": "attribution",
    "drop cue": "frame cue",
}


def _corrections(result) -> Statement | None:
    """What was corrected by hand: how many corrections, the rows they changed, the
    frame set by hand, and those that no longer match (always said when there are any)."""
    table = result.corrections_applied
    if not len(table):
        return None
    applied = table[table["status"] == "applied"]
    changed: dict[str, int] = {}
    for action, n in zip(applied["action"], applied["rows_changed"], strict=True):
        if action in _CHANGED:
            changed[_CHANGED[action]] = changed.get(_CHANGED[action], 0) + int(n)
    parts = [plural(n, what) for what, n in changed.items() if n]
    text = f"Corrected by hand: {plural(len(applied), 'correction')}"
    if parts:
        text += f" changed {names_list(parts)}"
    label = result.frame_label
    if label["set_by"] == "hand":
        text += f"{',' if parts else ''} and the article's frame is set to {md(label['label'])}"
    missed = len(table) - len(applied)
    if missed:
        text += f"; {plural(missed, 'correction')} no longer {'matches' if missed == 1 else 'match'} the article and {'was' if missed == 1 else 'were'} left out"
    return Statement("corrections", text + ".", "corrections")


def _size(result) -> Statement:
    c = result.counts
    return Statement(
        "size",
        f"The article has {plural(c.n_words, 'word')} in {plural(c.n_sentences, 'sentence')} "
        f"(headline, standfirst and body) and {plural(c.n_sections, 'section')}.",
        "overview",
    )


def _lead_keyphrases(result) -> Statement | None:
    phrases = result.keyphrases
    if not len(phrases):
        return None
    top = phrases.head(3)
    lead = [f"{quote(p.display)} ({plural(int(p.count), 'time')})" for p in top.itertuples()]
    return Statement(
        "keyphrases",
        f"Its leading keyphrases are {names_list(lead)}.",
        "keywords",
        _ids(s for ids in top["sentence_ids"] for s in ids),
    )


def _overall_tone(result) -> Statement | None:
    tone = result.article_tone
    if not len(tone) or tone.iloc[0]["n_sentences"] < EVIDENCE_MINIMUM["tone_sentences"]:
        return None
    row = tone.iloc[0]
    low, high = row["news_ci_low"], row["news_ci_high"]
    interval = f"mean {row['news_mean']:+.2f}, 95% interval {low:+.2f} to {high:+.2f}"
    shares = (
        f"{row['share_negative']:.0%} of its sentences read negative and "
        f"{row['share_positive']:.0%} positive"
    )
    if low > NEUTRAL_BAND or high < -NEUTRAL_BAND:
        verdict = f"Its tone is {_lean(row['news_mean'])} ({interval})"
    else:
        verdict = f"Its tone is neither clearly negative nor clearly positive ({interval})"
    scores = result.tone
    extreme = scores[scores["role"].isin(("headline", "standfirst", "body"))]
    ids = _ids(extreme.loc[extreme["tone"] != "neutral", "sentence_id"])
    return Statement("tone", f"{verdict}: {shares} (VADER read for news).", "tone", ids)


def _actor_tone(result) -> Statement | None:
    """The actor the text is coldest (or warmest) around, when at least three
    mentions and an interval that excludes zero carry it."""
    per_actor = result.actor_tone
    if not len(per_actor):
        return None
    sure = per_actor[
        (per_actor["n"] >= EVIDENCE_MINIMUM["actor_tone_mentions"])
        & ((per_actor["ci_high"] < 0) | (per_actor["ci_low"] > 0))
    ]
    if not len(sure):
        return None
    parts = []
    ids: list[int] = []
    cold = sure[sure["mean"] < 0]
    warm = sure[sure["mean"] > 0]
    if len(cold):
        c = cold.loc[cold["mean"].idxmin()]
        parts.append(
            f"cold around {md(c['actor'])} ({c['mean']:+.2f} over {plural(int(c['n']), 'mention')})"
        )
        ids += list(c["sentence_ids"])
    if len(warm):
        w = warm.loc[warm["mean"].idxmax()]
        parts.append(
            f"warm around {md(w['actor'])} ({w['mean']:+.2f} over {plural(int(w['n']), 'mention')})"
        )
        ids += list(w["sentence_ids"])
    return Statement(
        "actor_tone",
        f"The text is {' and '.join(parts)}; intervals exclude zero.",
        "tone",
        _ids(ids),
    )


def _most_mentioned(result) -> Statement | None:
    actors = result.actors
    if not len(actors) or actors.iloc[0]["n_mentions"] < EVIDENCE_MINIMUM["actor_mentions"]:
        return None
    top = actors[actors["n_mentions"] >= EVIDENCE_MINIMUM["actor_mentions"]].head(3)
    named = [f"{md(r.actor)} ({int(r.n_mentions)})" for r in top.itertuples()]
    ids = result.mentions.loc[result.mentions["actor"].isin(top["actor"]), "sentence_id"]
    return Statement(
        "actors",
        f"Of {plural(len(actors), 'actor')}, the most mentioned "
        f"{'is' if len(named) == 1 else 'are'} {names_list(named)}.",
        "actors",
        _ids(ids),
    )


def _who_speaks(result) -> Statement | None:
    said = result.quotes
    if len(said) < EVIDENCE_MINIMUM["source_attributions"]:
        if len(said) == 0 and result.counts.n_sentences:
            return Statement("sources", "No statement is attributed to a source.", "sources")
        return None
    words = words_by_source(said)
    top = words.index[0]
    share = words.iloc[0] / max(words.sum(), 1)
    text = (
        f"{plural(len(said), 'attribution')} give the sources' words; {md(top)} has the most "
        f"({share:.0%} of attributed words)"
    )
    unnamed = said[said["source_type"] == "unnamed source"]
    if len(unnamed):
        text += f", and {plural(len(unnamed), 'attribution')} go to unnamed sources"
    ids = said.loc[said["actor"].fillna("(unattributed)") == top, "sentence_id"]
    return Statement("sources", text + ".", "sources", _ids(ids))


def _leading_frames(result) -> Statement | None:
    """The leading policy frames: cues in at least three sentences and in at least
    :data:`LEADING_SHARE` of them."""
    profile = result.frame_profile
    policy = profile[profile["scheme"] == "policy"]
    leading = policy[
        (policy["n_sentences"] >= EVIDENCE_MINIMUM["frame_sentences"])
        & (policy["share_of_sentences"] >= LEADING_SHARE)
    ].head(2)
    label = result.frame_label
    if not len(leading):
        if label["set_by"] == "hand":
            return Statement(
                "frames", f"Its frame, coded by hand, is {md(label['label'].lower())}.", "frames"
            )
        return None
    names = [
        f"{md(r.label.lower())} (cues in {plural(int(r.n_sentences), 'sentence')}, such as "
        f"{quote(str(r.top_cues).split('; ')[0])})"
        for r in leading.itertuples()
    ]
    scores = result.policy_frames
    ids = scores.loc[scores["frame"].isin(leading["frame"]) & (scores["score"] > 0), "sentence_id"]
    text = (
        f"The leading policy {'frame is' if len(names) == 1 else 'frames are'} {names_list(names)}."
    )
    if label["set_by"] == "hand":
        text = (
            f"Its frame, coded by hand, is {md(label['label'].lower())}; by their cues, "
            + text[0].lower()
            + text[1:]
        )
    return Statement("frames", text, "frames", _ids(ids))


def _hedging(result) -> Statement | None:
    hedges = result.hedging
    rates = result.hedging_rates
    if not len(rates):
        return None
    hedged = int((hedges["n_hedges"] > 0).sum())
    boosted = int((hedges["n_boosters"] > 0).sum())
    minimum = EVIDENCE_MINIMUM["hedged_sentences"]
    if hedged < minimum and boosted < minimum:
        return None
    row = rates.iloc[0]
    ids = hedges.loc[(hedges["n_hedges"] > 0) | (hedges["n_boosters"] > 0), "sentence_id"]
    return Statement(
        "hedging",
        f"It hedges {_some(hedged, 'sentence')} and boosts {_some(boosted, 'sentence')} "
        f"({row['hedges_per_1k']:.1f} hedges and {row['boosters_per_1k']:.1f} boosters "
        "per 1,000 words).",
        "sources",
        _ids(ids),
    )


def _topics(result) -> Statement | None:
    terms = result.topic_terms
    labels = terms.drop_duplicates("topic")["label"].tolist() if len(terms) else []
    if (
        len(labels) < EVIDENCE_MINIMUM["topics"]
        or result.counts.n_sentences < EVIDENCE_MINIMUM["topic_sentences"]
    ):
        return None
    return Statement(
        "topics",
        f"The topic model finds {plural(len(labels), 'topic')}: "
        + "; ".join(quote(label) for label in labels)
        + ".",
        "topics",
    )


# ---------------------------------------------------------------------- sections
def section_findings(result) -> dict[str, list[Statement]]:
    """What each section of the report states, from the tables: overview, keywords,
    tone, actors, sources, frames and topics."""
    return {
        "overview": _overview(result),
        "keywords": _keywords(result),
        "tone": _tone(result),
        "actors": _actors(result),
        "sources": _sources(result),
        "frames": _frames(result),
        "topics": _topic_findings(result),
    }


def _overview(result) -> list[Statement]:
    table, article = result.sentences, result.article
    body = table[table["role"] == "body"]
    out = [_size(result)]
    by_section = body.groupby("section", sort=False)["n_words"].sum()
    if len(by_section) > 1:
        out.append(
            Statement(
                "overview",
                f"The longest section is {quote(by_section.idxmax())} with "
                f"{plural(int(by_section.max()), 'word')} "
                f"({by_section.max() / by_section.sum():.0%} of the body).",
                "overview",
            )
        )
    if len(body):
        longest = body.loc[body["n_words"].idxmax()]
        out.append(
            Statement(
                "overview",
                f"The longest sentence ({plural(int(longest['n_words']), 'word')}) is "
                f"{quote(longest['text'])}",
                "overview",
                (int(longest["sentence_id"]),),
            )
        )
    if article.dateline:
        out.append(Statement("overview", f"It is datelined {md(article.dateline)}.", "overview"))
    return out


def _keywords(result) -> list[Statement]:
    out = []
    terms, phrases, general = result.keywords, result.keyphrases, result.keyness
    if len(terms):
        top = terms.head(5)
        out.append(
            Statement(
                "keywords",
                "The words the article leans on most are "
                + ", ".join(md(t) for t in top["display"])
                + ".",
                "keywords",
                _ids(s for ids in top["sentence_ids"] for s in ids),
            )
        )
    multi = phrases[phrases["n_words"] > 1] if len(phrases) else phrases
    if len(multi):
        lead = multi.iloc[0]
        out.append(
            Statement(
                "keywords",
                f"Its leading multi-word phrase is {quote(lead['display'])} "
                f"({plural(int(lead['count']), 'time')}, first in sentence "
                f"{int(lead['first_sentence_id'])}).",
                "keywords",
                _ids(lead["sentence_ids"]),
            )
        )
    if len(general):
        unseen = general[(general["per_1k_reference"] == 0) & (general["statistic"] > 0)]
        if len(unseen):
            out.append(
                Statement(
                    "keywords",
                    "Words absent from general English word lists, mostly names: "
                    + ", ".join(md(t) for t in unseen["display"].head(6))
                    + ".",
                    "keywords",
                )
            )
    return out or [
        Statement("keywords", "The article has too few content words for keywords.", "keywords")
    ]


def _tone(result) -> list[Statement]:
    out = []
    overall = _overall_tone(result)
    if overall is not None:
        out.append(overall)
    sections = result.section_tone
    if len(sections) > 1:
        low = sections.loc[sections["news_mean"].idxmin()]
        high = sections.loc[sections["news_mean"].idxmax()]
        out.append(
            Statement(
                "tone",
                f"The section with the lowest tone is {quote(low['section'])} "
                f"({low['news_mean']:+.2f}); the highest is {quote(high['section'])} "
                f"({high['news_mean']:+.2f}).",
                "tone",
            )
        )
    extremes = _extremes(result.tone)
    if extremes is not None:
        out.append(extremes)
    out.append(_economy(result))
    actor = _actor_tone(result)
    if actor is not None:
        out.append(actor)
    return out or [Statement("tone", "No sentences to score.", "tone")]


def _evidence_words(row) -> str:
    names = [w.lower() for w in row.get("name_words", None) or []]
    read = []
    for word, valence in row["vader_evidence"]:
        if word.lower() in names:
            names.remove(word.lower())  # part of a name: not read as tone
        else:
            read.append((word, valence))
    found = [*read, *row["news_evidence"]]
    return ", ".join(md(w) for w, _ in found) or "no lexicon words"


def _extremes(scores: pd.DataFrame) -> Statement | None:
    scores = scores[scores["role"].isin(("headline", "standfirst", "body"))]
    if len(scores) < 2:
        return None
    best = scores.loc[scores["news_compound"].idxmax()]
    worst = scores.loc[scores["news_compound"].idxmin()]
    return Statement(
        "tone",
        f"The most positive sentence ({best['sentence_id']}) carries {_evidence_words(best)}; "
        f"the most negative ({worst['sentence_id']}) carries {_evidence_words(worst)}.",
        "tone",
        (int(best["sentence_id"]), int(worst["sentence_id"])),
    )


def _economy(result) -> Statement:
    events, scores = result.economic_events, result.tone
    if not len(events):
        return Statement(
            "economy",
            "No economic indicator moves in this article (profits, prices, jobs rising or "
            "falling), so VADER read for news is VADER's own score here.",
            "tone",
        )
    n_sentences = events[["article_id", "sentence_id"]].drop_duplicates().shape[0]
    good = int((events["polarity"] > 0).sum())
    bad = int((events["polarity"] < 0).sum())
    changed = scores[
        [
            _lean(a) != _lean(b)
            for a, b in zip(scores["vader_compound"], scores["news_compound"], strict=True)
        ]
    ]
    text = (
        f"{plural(len(events), 'economic movement')} in {plural(n_sentences, 'sentence')} "
        f"({good} good news, {bad} bad news: "
        + ", ".join(md(t) for t in events["text"].head(4))
        + ("…" if len(events) > 4 else "")
        + "). "
    )
    if len(changed):
        text += (
            f"Reading them changes the tone of {plural(len(changed), 'sentence')} from VADER's own."
        )
    else:
        text += "Reading them changes no sentence's tone label."
    return Statement("economy", text, "tone", _ids(events["sentence_id"]))


def _actors(result) -> list[Statement]:
    actors = result.actors
    if not len(actors):
        return [Statement("actors", "No actors found.", "actors")]
    top = actors.iloc[0]
    out = [
        Statement(
            "actors",
            f"{plural(len(actors), 'actor')} appear; the most mentioned is {md(top['actor'])} "
            f"({plural(int(top['n_mentions']), 'mention')}).",
            "actors",
        )
    ]
    people = actors[actors["kind"] == "person"]
    if len(people):
        named = []
        for p in people.itertuples():
            detail = md(p.roles) if isinstance(p.roles, str) and p.roles else "no title"
            if isinstance(p.affiliation, str) and p.affiliation:
                detail += ", " + md(p.affiliation)
            named.append(f"{md(p.actor)} ({detail})")
        out.append(Statement("actors", "People named: " + ", ".join(named) + ".", "actors"))
    return out


#: What is attributed (the quotes' ``act``), as the findings name it.
_ACTS = (
    ("statement", "statement", "statements"),
    ("belief", "belief", "beliefs"),
    ("intention", "intention", "intentions"),
    ("evidence", "piece of evidence", "pieces of evidence"),
)


def _sources(result) -> list[Statement]:
    said = result.quotes
    out = []
    if len(said):
        words = words_by_source(said)
        direct = float((said["kind"] == "direct").mean())
        acts = said["act"].value_counts()
        others = [
            plural(int(acts[a]), one, many) for a, one, many in _ACTS if a in acts.index and acts[a]
        ]
        out.append(
            Statement(
                "sources",
                f"{plural(len(said), 'attribution')} {'is' if len(said) == 1 else 'are'} found"
                + (f" ({', '.join(others)})" if others else "")
                + f"; {direct:.0%} {'is a direct quote' if len(said) == 1 else 'are direct quotes'}. "
                f"{md(words.index[0])} gets the most attributed words "
                f"({words.iloc[0] / max(words.sum(), 1):.0%}).",
                "sources",
                _ids(said["sentence_id"]),
            )
        )
        groups = said.loc[said["source_type"] == "unnamed source", "actor"].dropna().unique()
        if len(groups):
            out.append(
                Statement(
                    "sources",
                    "Unnamed sources: " + ", ".join(md(g) for g in groups) + ".",
                    "sources",
                )
            )
    else:
        out.append(Statement("sources", "No statement is attributed to a source.", "sources"))
    hedging = _hedging(result)
    if hedging is not None:
        out.append(hedging)
    return out


def _frames(result) -> list[Statement]:
    profile = result.frame_profile
    policy = profile[profile["scheme"] == "policy"]
    generic = profile[profile["scheme"] == "generic"]
    out = []
    leading = _leading_frames(result)
    used = policy[policy["n_cues"] > 0]
    if leading is not None:
        out.append(leading)
    elif len(used):
        first = used.iloc[0]
        out.append(
            Statement(
                "frames",
                f"No policy frame has cues in {EVIDENCE_MINIMUM['frame_sentences']} sentences and "
                f"{LEADING_SHARE:.0%} of them; the most present is {md(first['label'])} "
                f"({plural(int(first['n_sentences']), 'sentence')}).",
                "frames",
            )
        )
    else:
        out.append(
            Statement("frames", "No frame cue of this scheme occurs in the article.", "frames")
        )
    if len(generic) and generic.iloc[0]["n_cues"] > 0:
        g = generic.iloc[0]
        out.append(
            Statement(
                "frames",
                f"Among the generic news frames, {md(g['label'].lower())} leads "
                f"({g['cues_per_1k']:.0f} cues per 1,000 words, in "
                f"{plural(int(g['n_sentences']), 'sentence')}).",
                "frames",
            )
        )
    loaded = result.loaded_language
    if len(loaded):
        counts = loaded["category"].value_counts()
        out.append(
            Statement(
                "frames",
                "Loaded language: "
                + ", ".join(f"{n} {md(c)}" for c, n in counts.items())
                + " ("
                + ", ".join(md(t) for t in loaded["term"].head(5))
                + ").",
                "frames",
                _ids(loaded["sentence_id"]),
            )
        )
    return out


def _topic_findings(result) -> list[Statement]:
    terms = result.topic_terms
    if not len(terms):
        return [Statement("topics", "The article has too few sentences for topics.", "topics")]
    labels = terms.drop_duplicates("topic").sort_values("topic")["label"].tolist()
    out = [
        Statement(
            "topics",
            f"The model finds {plural(len(labels), 'topic')}: "
            + "; ".join(quote(label) for label in labels)
            + ".",
            "topics",
        )
    ]
    weights = result.sentence_topics
    if len(labels) > 1 and len(weights):
        best = weights.sort_values(
            ["sentence_id", "weight"], ascending=[True, False]
        ).drop_duplicates("sentence_id")
        best = best[best["weight"] > 0]
        label_of = dict(zip(terms["topic"], terms["label"], strict=False))
        share = best["topic"].map(label_of).value_counts()
        if len(share):
            out.append(
                Statement(
                    "topics",
                    f"{quote(share.index[0])} dominates {share.iloc[0]} of "
                    f"{plural(len(best), 'sentence')}.",
                    "topics",
                )
            )
        where = best.assign(label=best["topic"].map(label_of)).groupby("label")["position"].mean()
        if len(where) > 1:
            where = where.sort_values(kind="mergesort")
            out.append(
                Statement(
                    "topics",
                    f"{quote(where.index[0])} comes earliest in the article and "
                    f"{quote(where.index[-1])} latest.",
                    "topics",
                )
            )
    return out
