"""Which actors appear together: co-occurrence within a sentence, a paragraph or a
window of sentences, as an edge table and a networkx graph."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx
import pandas as pd

from ...errors import FramingError

__all__ = ["cooccurrence"]


def _units(data: pd.DataFrame, window: str | int) -> tuple[pd.DataFrame, int]:
    """The mentions with the unit they share (``_unit``), and how many units apart
    still count as together."""
    if window == "sentence":
        return data.assign(_unit=data["sentence_id"]), 0
    if window == "paragraph":
        if "paragraph_id" not in data.columns:
            raise FramingError(
                "window='paragraph' needs a paragraph_id column: mentions.merge(sentences[['article_id','sentence_id','paragraph_id']])."
            )
        return data.assign(_unit=data["paragraph_id"]), 0
    if isinstance(window, int) and not isinstance(window, bool) and window >= 0:
        return data.assign(_unit=data["sentence_id"]), window
    raise ValueError(f"window must be 'sentence', 'paragraph' or an int >= 0, not {window!r}")


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
    columns = ["article_id", "source", "target", "weight", "sentence_ids"]
    data = mentions if kinds is None else mentions[mentions["kind"].isin(list(kinds))]
    graph = nx.Graph()
    if data.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns}), graph
    units, span = _units(data, window)
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
