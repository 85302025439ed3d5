"""Findings: the sentences each notebook ends with, computed from the analysis tables.

Every function returns Markdown in which each value taken from the article (headline,
section names, sentence text, actor names, cue words) has passed through
:func:`analysis.markup.markdown`, so the text can be displayed or written into a page
as it is. Thresholds come from the analysis modules, not retyped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import pandas as pd

from ..paths import DATA_DIR
from ..text.article import Article
from .markup import markdown as md

__all__ = [
    "plural",
    "title_line",
    "metadata_list",
    "overview",
    "keywords",
    "economy",
    "tone",
    "sources",
    "frames",
    "topics",
    "compare",
    "method_cards",
    "trust",
    "CARD_FIELDS",
    "summary",
    "compare_summary",
    "short_title",
    "SUMMARY_MIN_MENTIONS",
]

#: The fields of every method card (``data/method_cards.yaml``).
CARD_FIELDS = ("name", "method", "assumes", "measured", "command", "trust")

_METADATA_FIELDS = ("title", "subtitle", "dateline", "date", "outlet", "url", "author")


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 section"``, ``"2 sections"``; ``many`` for irregular plurals."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def _quote(text: object) -> str:
    return f"“{md(text)}”"


def title_line(article: Article, extra: str = "") -> str:
    """The headline (or id) in bold, with an optional trusted suffix."""
    return f"**{md(article.title or article.article_id)}**{extra}"


def metadata_list(article: Article) -> str:
    """One Markdown bullet per metadata field; missing fields as an en dash."""
    return "\n".join(
        f"- **{name}**: {md(getattr(article, name)) if getattr(article, name) else '–'}"
        for name in _METADATA_FIELDS
    )


def overview(article: Article, table: pd.DataFrame) -> str:
    """Size, sections, the longest section and sentence, the dateline."""
    body = table[table["role"] == "body"]
    n_sections = int(table["section_id"].nunique()) if len(table) else 0
    lines = [
        f"The article has {plural(len(body), 'body sentence')} "
        f"({plural(int(body['n_words'].sum()), 'word')}) in {plural(n_sections, 'section')}."
    ]
    by_section = body.groupby("section", sort=False)["n_words"].sum()
    if len(by_section) > 1:
        lines.append(
            f"The longest section is {_quote(by_section.idxmax())} with "
            f"{plural(int(by_section.max()), 'word')} "
            f"({by_section.max() / by_section.sum():.0%} of the body)."
        )
    if len(body):
        longest = body.loc[body["n_words"].idxmax()]
        lines.append(
            f"The longest sentence ({plural(int(longest['n_words']), 'word')}) is: "
            f"{_quote(longest['text'])}"
        )
    if article.dateline:
        lines.append(f"It is datelined {md(article.dateline)}.")
    return " ".join(lines)


def keywords(terms: pd.DataFrame, phrases: pd.DataFrame, general: pd.DataFrame) -> str:
    """Top keywords, the leading multi-word phrase, words unknown to general English."""
    lines = []
    if len(terms):
        lines.append(
            "The words the article leans on most are "
            + ", ".join(md(t) for t in terms["display"].head(5))
            + "."
        )
    multi = phrases[phrases["n_words"] > 1] if len(phrases) else phrases
    if len(multi):
        lead = multi.iloc[0]
        lines.append(
            f"Its leading multi-word phrase is {_quote(lead['display'])} "
            f"({plural(int(lead['count']), 'time')}, first in sentence {int(lead['first_sentence_id'])})."
        )
    if len(general):
        unseen = general[(general["per_1k_reference"] == 0) & (general["statistic"] > 0)]
        if len(unseen):
            lines.append(
                "Words absent from general English word lists, mostly names: "
                + ", ".join(md(t) for t in unseen["display"].head(6))
                + "."
            )
    return " ".join(lines) or "The article has too few content words for keywords."


def _lean(value: float) -> str:
    from ..measures.tone import NEUTRAL_BAND

    return (
        "negative" if value < -NEUTRAL_BAND else "positive" if value > NEUTRAL_BAND else "neutral"
    )


def economy(scores: pd.DataFrame, events: pd.DataFrame) -> str:
    """What reading economic language as movements changes in the sentence tone."""
    if not len(events):
        return (
            "No economic indicator moves in this article's parse (profits, prices, jobs "
            "rising or falling), so VADER read for news is VADER's own score here."
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
        ids = ", ".join(str(int(i)) for i in changed["sentence_id"].head(6))
        text += (
            f"Reading them changes the tone of {plural(len(changed), 'sentence')} from VADER's "
            f"own (sentence {ids})."
        )
    else:
        text += "Reading them changes no sentence's tone label."
    return text


def tone(
    overall: pd.DataFrame, by_section: pd.DataFrame, scores: pd.DataFrame, per_actor: pd.DataFrame
) -> str:
    """Overall lean with its interval, the extreme sections, sentences and actors."""
    lines = []
    if len(overall):
        row = overall.iloc[0]
        interval = (
            f", 95% interval {row['news_ci_low']:+.2f} to {row['news_ci_high']:+.2f}"
            if pd.notna(row["news_ci_low"])
            else ""
        )
        lines.append(
            f"Overall the article reads {_lean(row['news_mean'])} by VADER read for news "
            f"(mean {row['news_mean']:+.2f}{interval}); {row['share_negative']:.0%} of its "
            f"sentences are negative and {row['share_positive']:.0%} positive."
        )
    if len(by_section) > 1:
        low = by_section.loc[by_section["news_mean"].idxmin()]
        high = by_section.loc[by_section["news_mean"].idxmax()]
        lines.append(
            f"The section with the lowest tone is {_quote(low['section'])} ({low['news_mean']:+.2f}); "
            f"the highest is {_quote(high['section'])} ({high['news_mean']:+.2f})."
        )
    if len(scores) > 1:
        best = scores.loc[scores["news_compound"].idxmax()]
        worst = scores.loc[scores["news_compound"].idxmin()]

        def words(row) -> str:
            names = [w.lower() for w in row.get("name_words", None) or []]
            read = []
            for word, valence in row["vader_evidence"]:
                if word.lower() in names:
                    names.remove(word.lower())  # part of a name: not read as tone
                else:
                    read.append((word, valence))
            found = [*read, *row["news_evidence"]]
            return ", ".join(md(w) for w, _ in found) or "no lexicon words"

        lines.append(
            f"The most positive sentence ({best['sentence_id']}) carries {words(best)}; "
            f"the most negative ({worst['sentence_id']}) carries {words(worst)}."
        )
    if len(per_actor) > 1:
        warm = per_actor.loc[per_actor["mean"].idxmax()]
        cold = per_actor.loc[per_actor["mean"].idxmin()]
        lines.append(
            f"Of the actors, the text is warmest around {md(warm['actor'])} ({warm['mean']:+.2f}) "
            f"and coldest around {md(cold['actor'])} ({cold['mean']:+.2f})."
        )
    return " ".join(lines) or "No sentences to score."


#: What is attributed (``quotes``' ``act``), as the findings name it.
_ACTS = (
    ("statement", "statement", "statements"),
    ("belief", "belief", "beliefs"),
    ("intention", "intention", "intentions"),
    ("evidence", "piece of evidence", "pieces of evidence"),
)


def _words_by_source(said: pd.DataFrame) -> pd.Series:
    """Attributed words per source, most first (unresolved sources as one group)."""
    return (
        said.groupby(said["actor"].fillna("(unattributed)"))["n_words"]
        .sum()
        .sort_values(ascending=False, kind="mergesort")
    )


def sources(summary: pd.DataFrame, said: pd.DataFrame, hedging_overall: pd.DataFrame) -> str:
    """Who appears, who is quoted and how much, unnamed sources, hedging density."""
    lines = []
    if len(summary):
        top = summary.iloc[0]
        lines.append(
            f"{plural(len(summary), 'actor')} appear; the most mentioned is {md(top['actor'])} "
            f"({plural(int(top['n_mentions']), 'mention')})."
        )
        people = summary[summary["kind"] == "person"]
        if len(people):
            named = []
            for p in people.itertuples():
                detail = md(p.roles) if isinstance(p.roles, str) and p.roles else "no title"
                if isinstance(p.affiliation, str) and p.affiliation:
                    detail += ", " + md(p.affiliation)
                named.append(f"{md(p.actor)} ({detail})")
            lines.append("People named: " + ", ".join(named) + ".")
    if len(said):
        words = _words_by_source(said)
        direct = float((said["kind"] == "direct").mean())
        acts = said["act"].value_counts() if "act" in said.columns else pd.Series(dtype=int)
        others = [
            plural(int(acts[a]), one, many) for a, one, many in _ACTS if a in acts.index and acts[a]
        ]
        lines.append(
            f"{plural(len(said), 'attribution')} {'is' if len(said) == 1 else 'are'} found"
            + (f" ({', '.join(others)})" if others else "")
            + f"; {direct:.0%} {'is a direct quote' if len(said) == 1 else 'are direct quotes'}. "
            f"{md(words.index[0])} gets the most attributed words "
            f"({words.iloc[0] / max(words.sum(), 1):.0%})."
        )
        groups = said.loc[said["source_type"] == "unnamed source", "actor"].dropna().unique()
        if len(groups):
            lines.append("Unnamed sources: " + ", ".join(md(g) for g in groups) + ".")
    if len(hedging_overall):
        row = hedging_overall.iloc[0]
        lines.append(
            f"The text uses {row['hedges_per_1k']:.1f} hedges and {row['boosters_per_1k']:.1f} "
            f"boosters per 1,000 words; {row['share_attributed']:.0%} of its sentences are "
            "attributed to a source."
        )
    return " ".join(lines) or "No actors found."


def frames(
    profile: pd.DataFrame,
    leading: pd.DataFrame,
    generic: pd.DataFrame,
    loaded: pd.DataFrame,
    *,
    min_share: float,
) -> str:
    """The leading frames with a cue each, the leading generic frame, absent frames and
    loaded language. ``min_share`` is the share of sentences ``dominant_frames`` used."""
    lines = []
    used = profile[profile["n_cues"] > 0] if len(profile) else profile
    if len(leading):
        names = [
            f"{md(r.label)} ({r.share_of_sentences:.0%} of sentences; cues such as "
            f"{md(str(r.top_cues).split('; ')[0])})"
            for r in leading.itertuples()
        ]
        lines.append("The leading frames are " + "; ".join(names) + ".")
    elif len(used):
        lines.append(
            f"No frame reaches {min_share:.0%} of sentences; the most present is "
            f"{md(used.iloc[0]['label'])}."
        )
    else:
        lines.append("No frame cue of this scheme occurs in the article.")
    if len(generic) and generic.iloc[0]["n_cues"] > 0:
        lines.append(
            f"Among the generic news frames, {md(generic.iloc[0]['label'].lower())} leads "
            f"({generic.iloc[0]['cues_per_1k']:.0f} cues per 1,000 words)."
        )
    if len(profile):
        absent = profile[(profile["n_cues"] == 0) & (profile["frame"] != "other")]["label"].tolist()
        if absent:
            lines.append(
                "Absent: "
                + ", ".join(md(a.lower()) for a in absent[:6])
                + ("…" if len(absent) > 6 else "")
                + "."
            )
    if len(loaded):
        counts = loaded["category"].value_counts()
        lines.append(
            "Loaded language: "
            + ", ".join(f"{n} {md(c)}" for c, n in counts.items())
            + " ("
            + ", ".join(md(t) for t in loaded["term"].head(5))
            + ")."
        )
    return " ".join(lines)


def topics(labels: Sequence[str], dominant: pd.DataFrame, unit: str) -> str:
    """How many topics, which dominates, and where each comes in the article."""
    labels = list(labels)
    lines = [
        f"The model finds {plural(len(labels), 'topic')}: "
        + "; ".join(_quote(label) for label in labels)
        + "."
    ]
    if len(labels) > 1 and len(dominant):
        share = dominant.groupby("label").size().sort_values(ascending=False, kind="mergesort")
        lines.append(
            f"{_quote(share.index[0])} dominates {share.iloc[0]} of {plural(len(dominant), unit)}."
        )
        if "position" in dominant:
            where = dominant.groupby("label")["position"].mean().sort_values(kind="mergesort")
            lines.append(
                f"{_quote(where.index[0])} comes earliest in the article and "
                f"{_quote(where.index[-1])} latest."
            )
    return " ".join(lines)


def article_list(articles: Sequence[Article]) -> str:
    """One bullet per compared article: id, headline and outlet."""
    return "\n".join(
        f"- **{md(a.article_id)}**: {md(a.title or '–')} ({md(a.outlet or 'outlet unknown')})"
        for a in articles
    )


def compare(
    ids: Sequence[str],
    between: pd.DataFrame,
    tone: pd.DataFrame,
    profiles: pd.DataFrame,
    said: pd.DataFrame,
) -> str:
    """What the first article stresses against the rest, tone range, frames, sources."""
    ids = list(ids)
    target, rest = ids[0], ids[1:]
    lines = []
    more = between[between["statistic"] > 0].head(4)["display"].tolist() if len(between) else []
    less = between[between["statistic"] < 0].tail(4)["display"].tolist() if len(between) else []
    if more:
        sentence = (
            f"Compared with {', '.join(md(r) for r in rest)}, {md(target)} stresses "
            + ", ".join(md(m) for m in more)
        )
        if less:
            sentence += " and says less about " + ", ".join(md(x) for x in reversed(less))
        lines.append(sentence + ".")
    if len(tone) > 1:
        ordered = tone.sort_values("news_mean", kind="mergesort")
        low, high = ordered.iloc[0], ordered.iloc[-1]
        lines.append(
            f"The lowest mean tone is {md(low['article_id'])}'s ({low['news_mean']:+.2f}); "
            f"the highest {md(high['article_id'])}'s ({high['news_mean']:+.2f})."
        )
    if len(profiles):
        leads = profiles[profiles["rank"] == 1].set_index("article_id")["label"]
        lines.append(
            "Leading policy frame: "
            + "; ".join(f"{md(a)}: {md(leads.get(a, 'none'))}" for a in ids)
            + "."
        )
    if len(said):
        kinds = said.groupby("article_id")["source_type"].agg(lambda s: s.value_counts().index[0])
        lines.append(
            "Most frequent kind of source: "
            + "; ".join(f"{md(a)}: {md(kinds.get(a, 'nobody quoted'))}" for a in ids)
            + "."
        )
    return " ".join(lines)


# ---------------------------------------------------------------------- method cards
@lru_cache(maxsize=1)
def _cards() -> dict[str, dict[str, str]]:
    import yaml

    data = yaml.safe_load((DATA_DIR / "method_cards.yaml").read_text(encoding="utf-8"))
    return {k: {f: str(v[f]) for f in CARD_FIELDS} for k, v in data.items()}


def method_cards() -> pd.DataFrame:
    """Every analysis with its method, assumptions and quality measured on public news.

    Returns
    -------
    DataFrame
        One row an analysis: ``key``, ``name``, ``method``, ``assumes``, ``measured``
        (the figures, on which public data), ``command`` (the benchmark that measures
        it) and ``trust`` (the line that ends its report section).
    """
    cards = _cards()
    return pd.DataFrame([{"key": k, **v} for k, v in cards.items()], columns=["key", *CARD_FIELDS])


def trust(*keys: str) -> str:
    """The line that ends a report section: how far to trust each named analysis, from
    its method card (:func:`method_cards`). ``trust("attribution")``."""
    cards = _cards()
    unknown = [k for k in keys if k not in cards]
    if unknown:
        raise ValueError(f"no method card for {unknown}; the cards are {sorted(cards)}")
    return "\n\n".join(
        f"**How far to trust this** ({cards[k]['name'].lower()}): {cards[k]['trust']}" for k in keys
    )


# --------------------------------------------------------------------------- summary
#: Actors need at least this many mentions before the summary names the tone toward them.
SUMMARY_MIN_MENTIONS = 2


def _names(values: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c" (values already escaped)."""
    values = list(values)
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


def summary(result, topic_labels: Sequence[str] | None = None) -> list:
    """The report's summary: five to eight sentences on the article's framing, each
    with the anchor of the report section that shows the evidence.

    Parameters
    ----------
    result : ArticleAnalysis
        The article's analyses (:func:`analysis.analyse`).
    topic_labels : sequence of str, optional
        The labels of the topics found (the topics section's model), if any.

    Returns
    -------
    list of analysis.document.SummaryItem
        Markdown sentences in which article text is escaped.
    """
    from ..measures.frames import LEADING_SHARE, dominant_frames, frame_profile
    from ..measures.sources import hedging_summary
    from ..measures.target_tone import actor_tone
    from ..measures.tone import article_tone
    from .document import SummaryItem

    items: list[SummaryItem] = []
    table = result.sentences
    body = table[table["role"] == "body"]
    n_sections = int(table["section_id"].nunique()) if len(table) else 0
    items.append(
        SummaryItem(
            f"The article has {plural(int(body['n_words'].sum()), 'word')} in "
            f"{plural(len(body), 'body sentence')} and {plural(n_sections, 'section')}.",
            "overview",
        )
    )
    phrases = result.keyphrases
    if len(phrases):
        lead = [_quote(p) for p in phrases["display"].head(3)]
        items.append(SummaryItem(f"Its leading keyphrases are {_names(lead)}.", "keywords"))
    scores = result.tone
    if len(scores):
        row = article_tone(scores).iloc[0]
        interval = (
            f", 95% interval {row['news_ci_low']:+.2f} to {row['news_ci_high']:+.2f}"
            if pd.notna(row["news_ci_low"])
            else ""
        )
        lean = _lean(row["news_mean"])
        spans_zero = pd.notna(row["news_ci_low"]) and row["news_ci_low"] < 0 < row["news_ci_high"]
        verdict = (
            f"leans {lean}, though its 95% interval includes zero"
            if spans_zero and lean != "neutral"
            else f"is {lean} overall"
        )
        items.append(
            SummaryItem(
                f"Its tone {verdict} (VADER read for news, mean {row['news_mean']:+.2f}{interval}): "
                f"{row['share_negative']:.0%} of sentences read negative and "
                f"{row['share_positive']:.0%} positive.",
                "tone",
            )
        )
    per_actor = actor_tone(result.actor_tone) if len(result.actor_tone) else pd.DataFrame()
    if len(per_actor):
        often = per_actor[per_actor["n"] >= SUMMARY_MIN_MENTIONS]
        if len(often) > 1:
            warm = often.loc[often["mean"].idxmax()]
            cold = often.loc[often["mean"].idxmin()]
            items.append(
                SummaryItem(
                    f"Among actors mentioned at least {SUMMARY_MIN_MENTIONS} times, the text "
                    f"is warmest around {md(warm['actor'])} ({warm['mean']:+.2f}) and coldest "
                    f"around {md(cold['actor'])} ({cold['mean']:+.2f}).",
                    "tone",
                )
            )
    actors = result.actors
    if len(actors):
        top = [f"{md(r.actor)} ({int(r.n_mentions)})" for r in actors.head(3).itertuples()]
        items.append(
            SummaryItem(
                f"Of {plural(len(actors), 'actor')}, the most mentioned "
                f"{'is' if len(top) == 1 else 'are'} {_names(top)}.",
                "actors-and-sources",
            )
        )
    said = result.quotes
    hedges = hedging_summary(result.hedging) if len(result.hedging) else pd.DataFrame()
    if len(said):
        words = _words_by_source(said)
        unnamed = int((said["source_type"] == "unnamed source").sum())
        text = (
            f"{plural(len(said), 'attribution')} {'gives' if len(said) == 1 else 'give'} "
            f"the sources' words; {md(words.index[0])} has the most "
            f"({words.iloc[0] / max(words.sum(), 1):.0%} of attributed words)"
        )
        if unnamed:
            text += f", and {plural(unnamed, 'attribution')} {'goes' if unnamed == 1 else 'go'} to unnamed sources"
        items.append(SummaryItem(text + ".", "actors-and-sources"))
    elif len(table):
        items.append(SummaryItem("No statement is attributed to a source.", "actors-and-sources"))
    hedging_item = None
    if len(hedges):
        row = hedges.iloc[0]

        def rate(value: float, word: str) -> str:
            return f"{value:.1f} {word}s" if value > 0 else f"no {word}s"

        hedging_item = SummaryItem(
            f"It uses {rate(row['hedges_per_1k'], 'hedge')} and "
            f"{rate(row['boosters_per_1k'], 'booster')} per 1,000 words.",
            "actors-and-sources",
        )
        items.append(hedging_item)
    profile = frame_profile(result.policy_frames)
    leading = dominant_frames(profile, top_n=2) if len(profile) else profile
    generic = frame_profile(result.generic_frames)
    if len(leading):
        names = [
            f"{md(r.label.lower())} ({r.share_of_sentences:.0%} of sentences)"
            for r in leading.itertuples()
        ]
        text = (
            f"The leading policy {'frame is' if len(names) == 1 else 'frames are'} {_names(names)}"
        )
        if len(generic) and generic.iloc[0]["n_cues"] > 0:
            text += f"; of the generic news frames, {md(generic.iloc[0]['label'].lower())} leads"
        items.append(SummaryItem(text + ".", "frames"))
    elif len(table):
        items.append(
            SummaryItem(f"No policy frame reaches {LEADING_SHARE:.0%} of the sentences.", "frames")
        )
    if topic_labels:
        labels = [_quote(label) for label in topic_labels]
        items.append(
            SummaryItem(
                f"The topic model finds {plural(len(labels), 'topic')}: {'; '.join(labels)}.",
                "topics",
            )
        )
    if len(items) > 8 and hedging_item is not None:  # the least telling sentence goes first
        items.remove(hedging_item)
    return items[:8]


def compare_summary(results: Sequence) -> list:
    """The comparison report's summary: one sentence per article (at most eight), its
    tone and most mentioned actor, linked to the comparison section.

    Parameters
    ----------
    results : sequence of ArticleAnalysis
        The compared articles' analyses, target first.
    """
    from ..measures.tone import article_tone
    from .document import SummaryItem

    items = []
    for result in results:
        scores = result.tone
        if not len(scores):
            continue
        row = article_tone(scores).iloc[0]
        top = result.actors["actor"].head(1).tolist()
        items.append(
            SummaryItem(
                f"{_quote(result.article.title or result.article.article_id)}: tone (VADER read for news) "
                f"{row['news_mean']:+.2f}, {row['share_negative']:.0%} of sentences negative"
                + (f"; most mentioned actor {md(top[0])}" if top else "")
                + ".",
                "compare",
            )
        )
    return items[:8]


def short_title(article: Article, width: int = 40) -> str:
    """The headline cut at a word boundary to ``width`` characters (for chart labels),
    or the id when there is no headline. Plain text: escape it where it meets a page."""
    import textwrap

    title = " ".join(str(article.title or "").split()) or article.article_id
    return textwrap.shorten(title, width=width, placeholder="…")
