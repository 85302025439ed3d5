"""Corrections by hand: a YAML file that merges, renames or retypes actors, drops,
reassigns or adds attributions, drops frame-cue occurrences and sets an article's
frame, applied every time the article is analysed.

A file holds the corrections of one article::

    article: russia-iran-treaty      # optional; checked against the article's id
    corrections:
      - do: merge                    # these actors are one; their mentions become `into`
        actors: [Putin, President Putin]
        into: Vladimir Putin
      - do: rename
        actor: Pezeshkian
        to: Masoud Pezeshkian
      - do: retype                   # person, organisation, institution, country, ...
        actor: Rosatom
        kind: organisation
      - do: drop attribution         # words of its content, and where they start
        text: real breakthrough
        at: 666
      - do: reassign attribution
        text: real breakthrough
        to: Sergei Lavrov            # an actor of the article, or give source_type
      - do: add attribution
        text: the treaty is not aimed at third countries
        speaker: Sergei Lavrov
      - do: drop cue
        cue: security
        at: 99                       # without `at`, every occurrence of the cue
      - do: set frame
        frame: security_and_defense  # a frame of the scheme (key or label)

or of a corpus, by article id (``articles: {id: [corrections...]}``). Every
correction may say ``why``. Units of the text (attributions, cues) are keyed by their
words and, optionally, their character offset in the article (``at``), not by row
numbers, so a correction still finds its unit when a newer version of the tool splits
or numbers things differently; one that no longer matches anything is reported with a
warning and left out. Actors are keyed by name: naming an actor the article does not
have is an error, as is a malformed file; both name the line, and nothing is written.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ..errors import FramingError
from ..measures.attribution.records import source_type
from .summary import SOURCE_TYPES

__all__ = [
    "Correction",
    "Corrections",
    "CorrectionsError",
    "load_corrections",
    "ACTIONS",
    "ACTOR_KINDS",
    "CORRECTION_COLUMNS",
    "BY_HAND",
    "log_row",
    "correct_mentions",
    "correct_quotes",
    "correct_frames",
    "frame_label",
]

#: What a correction may do: its required and optional keys.
ACTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "merge": (("actors", "into"), ()),
    "rename": (("actor", "to"), ()),
    "retype": (("actor", "kind"), ()),
    "drop attribution": (("text",), ("at", "speaker")),
    "reassign attribution": (("text", "to"), ("at", "speaker", "source_type")),
    "add attribution": (("text", "speaker"), ("at", "verb", "source_type")),
    "drop cue": (("cue",), ("at", "scheme")),
    "set frame": (("frame",), ()),
}
#: Kinds an actor may be given (``retype``).
ACTOR_KINDS = (
    "person",
    "organisation",
    "institution",
    "country",
    "bloc",
    "region",
    "place",
    "group",
    "media",
    "document",
)
_SOURCE_TYPES = tuple(t for t in SOURCE_TYPES if t != "unattributed")
#: The mark a unit corrected by hand carries (``method`` of a mention, ``resolved_by``
#: of an attribution).
BY_HAND = "by hand"
#: The columns of the ``corrections`` table.
CORRECTION_COLUMNS = ["line", "action", "target", "rows_changed", "status", "why"]
#: The largest corrections file read.
_MAX_BYTES = 5 * 2**20
#: How far (characters) a unit may have moved and still be the one an ``at`` names.
_NEAR = 300


class CorrectionsError(FramingError):
    """A corrections file that cannot be applied; the message names the file and line."""


@dataclass(frozen=True)
class Correction:
    """One correction: its action (a key of :data:`ACTIONS`), its values, and where it
    is written (file and line)."""

    action: str
    values: dict
    file: str
    line: int

    def where(self) -> str:
        return f"{self.file} line {self.line}"

    def actors(self) -> list[str]:
        """The actors a merge, rename or retype names."""
        return self.values["actors"] if self.action == "merge" else [self.values["actor"]]

    def new_name(self) -> str:
        """The name a merge or rename gives its actors."""
        return self.values["into"] if self.action == "merge" else self.values["to"]

    def target(self) -> str:
        v = self.values
        if self.action in ("merge", "rename"):
            return f"{', '.join(self.actors())} -> {self.new_name()}"
        if self.action == "retype":
            return f"{v['actor']}: {v['kind']}"
        if self.action == "drop cue":
            return str(v["cue"]) + (f" at {v['at']}" if "at" in v else "")
        if self.action == "set frame":
            return str(v["frame"])
        text = str(v["text"])
        short = text if len(text) <= 60 else text[:57] + "..."
        to = v.get("to") or v.get("speaker")
        return f"“{short}”" + (f" -> {to}" if to else "")


@dataclass
class Corrections:
    """The corrections of a file, by article id (``None``: the one article of the file)."""

    file: str
    by_article: dict[str | None, list[Correction]] = field(default_factory=dict)
    #: the article a one-article file names (``article:``), if it names one
    article: str | None = None

    def for_article(self, article_id: str) -> list[Correction]:
        """The corrections of one article. A one-article file that names another
        article is an error (its corrections would not find their units)."""
        if None in self.by_article:
            if self.article is not None and self.article != str(article_id):
                raise CorrectionsError(
                    f"{self.file}: these corrections are for the article {self.article!r}, "
                    f"not {article_id!r}; give the article's own corrections file."
                )
            return self.by_article[None]
        return self.by_article.get(str(article_id), [])


# ---------------------------------------------------------------------- reading
class _Loader(yaml.SafeLoader):
    """A safe loader that keeps the line of every mapping (as ``__line__``)."""


def _mapping_with_line(loader, node):
    out = loader.construct_mapping(node, deep=True)
    out["__line__"] = node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load_corrections(source: str | Path | dict | list | Corrections) -> Corrections:
    """Read and check a corrections file (or the same as a mapping or list).

    Raises
    ------
    CorrectionsError
        The file cannot be read, is not YAML, or a correction is malformed (an unknown
        action, a missing or unknown key, a value of the wrong kind); the message names
        the line. Actors are checked against the article when the corrections are applied.
    """
    if isinstance(source, Corrections):
        return source
    if isinstance(source, dict | list):
        name, data = "<corrections>", source
    else:
        path = Path(source)
        name = str(path)
        try:
            if path.stat().st_size > _MAX_BYTES:
                raise CorrectionsError(
                    f"{name}: larger than {_MAX_BYTES // 2**20} MB; a corrections file lists "
                    "corrections, not data. Check the path."
                )
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CorrectionsError(f"{name}: no such corrections file.") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CorrectionsError(
                f"{name}: cannot be read as a UTF-8 text file ({exc})."
            ) from None
        try:
            data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" line {mark.line + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise CorrectionsError(
                f"{name}{line}: not valid YAML ({problem}); see the corrections format in the README."
            ) from None
    return _parse(data, name)


def _parse(data: Any, name: str) -> Corrections:
    out = Corrections(name)
    if data is None:
        return out
    if isinstance(data, list):
        out.by_article[None] = _items(data, name, 1)
        return out
    if not isinstance(data, dict):
        raise CorrectionsError(
            f"{name}: a corrections file is a mapping with `corrections:` (one article) or "
            "`articles:` (a corpus), not a single value."
        )
    line = data.pop("__line__", 1)
    unknown = set(data) - {"article", "corrections", "articles"}
    if unknown:
        raise CorrectionsError(
            f"{name} line {line}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; "
            "a corrections file has `article` and `corrections`, or `articles`."
        )
    if "articles" in data:
        articles = data["articles"]
        if not isinstance(articles, dict):
            raise CorrectionsError(
                f"{name} line {line}: `articles` maps each article id to its list of corrections."
            )
        inner = articles.pop("__line__", line)
        for key, items in articles.items():
            out.by_article[str(key)] = _items(items, name, inner)
        return out
    if data.get("article") is not None:
        out.article = str(data["article"])
    out.by_article[None] = _items(data.get("corrections") or [], name, line)
    return out


def _items(items: Any, name: str, line: int) -> list[Correction]:
    if not isinstance(items, list):
        raise CorrectionsError(
            f"{name} line {line}: the corrections are a list, each item starting `- do: ...`."
        )
    return [_item(item, name, line) for item in items]


def _item(item: Any, name: str, line: int) -> Correction:
    if not isinstance(item, dict):
        raise CorrectionsError(
            f"{name} line {line}: each correction is a mapping starting `- do: ...` "
            f"(one of: {', '.join(ACTIONS)}), not {item!r}."
        )
    item = dict(item)
    line = item.pop("__line__", line)
    where = f"{name} line {line}"
    action = item.pop("do", None)
    if action not in ACTIONS:
        raise CorrectionsError(
            f"{where}: `do: {action}` is not a correction; use one of: {', '.join(ACTIONS)}."
        )
    required, optional = ACTIONS[action]
    why = item.pop("why", None)
    missing = [k for k in required if item.get(k) in (None, "", [])]
    if missing:
        raise CorrectionsError(f"{where}: `{action}` needs {', '.join(missing)}.")
    unknown = set(item) - set(required) - set(optional)
    if unknown:
        allowed = ", ".join([*required, *optional, "why"])
        raise CorrectionsError(
            f"{where}: `{action}` takes {allowed}, not {', '.join(sorted(map(str, unknown)))}."
        )
    values = _checked(action, item, where)
    if why is not None:
        values["why"] = str(why)
    return Correction(action, values, name, line)


def _checked(action: str, item: dict, where: str) -> dict:
    values = {}
    for key, value in item.items():
        if key == "actors":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
                raise CorrectionsError(f"{where}: `actors` is a list of actor names.")
            values[key] = [str(v).strip() for v in value]
        elif key == "at":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise CorrectionsError(
                    f"{where}: `at` is a character offset in the article (a whole number, "
                    f"as in char_start of the tables), not {value!r}."
                )
            values[key] = value
        elif isinstance(value, dict | list):
            raise CorrectionsError(f"{where}: `{key}` is a single value, not {value!r}.")
        else:
            values[key] = str(value).strip()
    if action == "retype" and values["kind"] not in ACTOR_KINDS:
        raise CorrectionsError(
            f"{where}: kind {values['kind']!r} is not a kind of actor; use one of: "
            f"{', '.join(ACTOR_KINDS)}."
        )
    if values.get("source_type") and values["source_type"] not in _SOURCE_TYPES:
        raise CorrectionsError(
            f"{where}: source_type {values['source_type']!r} is not one of: "
            f"{', '.join(_SOURCE_TYPES)}."
        )
    if values.get("scheme") and values["scheme"] not in ("policy", "generic"):
        raise CorrectionsError(f"{where}: scheme is policy or generic, not {values['scheme']!r}.")
    return values


# ---------------------------------------------------------------------- applying
def log_row(c: Correction, n: int, status: str = "applied") -> dict:
    """A row of the ``corrections`` table: what ``c`` did, to how many rows."""
    return {
        "line": c.line,
        "action": c.action,
        "target": c.target(),
        "rows_changed": int(n),
        "status": status,
        "why": c.values.get("why"),
    }


def _no_match(c: Correction, what: str) -> dict:
    warnings.warn(
        f"{c.where()}: {c.action} ({c.target()}) no longer matches {what} in this article; "
        "it was left out. Check the words (and `at`) against the tables of a fresh run.",
        UserWarning,
        stacklevel=3,
    )
    return log_row(c, 0, "no match")


def _unknown_actor(
    c: Correction, name: str, known, hint: str = "Use a name as the actors table writes it."
) -> CorrectionsError:
    names = sorted(set(known))
    shown = ", ".join(names[:12]) + (" ..." if len(names) > 12 else "")
    return CorrectionsError(
        f"{c.where()}: no actor {name!r} in this article; its actors are: {shown or '(none)'}. "
        + hint
    )


def correct_mentions(
    mentions: pd.DataFrame, items: list[Correction]
) -> tuple[pd.DataFrame, list[dict]]:
    """Apply merges, renames and retypes, in the file's order, to the mentions table;
    a changed mention's ``method`` becomes "by hand"."""
    out = mentions.copy()
    log = []
    for c in items:
        if c.action not in ("merge", "rename", "retype"):
            continue
        names = c.actors()
        for name in names:
            if not (out["actor"] == name).any():
                raise _unknown_actor(c, name, out["actor"])
        rows = out["actor"].isin(names)
        if c.action == "retype":
            out.loc[rows, "kind"] = c.values["kind"]
        else:
            target = c.new_name()
            known = out["actor"] == target
            if known.any():
                out.loc[rows, "kind"] = out.loc[known, "kind"].iloc[0]
            out.loc[rows, "actor"] = target
        out.loc[rows, "method"] = BY_HAND
        log.append(log_row(c, rows.sum()))
    return out, log


def _actor_kinds(mentions: pd.DataFrame) -> dict[str, tuple[str, str | None]]:
    """Each actor's kind and (first) role, as the mentions give them."""
    out: dict[str, tuple[str, str | None]] = {}
    for actor, group in mentions.groupby("actor", sort=False):
        roles = group["role"].dropna()
        roles = roles[roles.astype(str) != ""]
        out[str(actor)] = (str(group["kind"].iloc[0]), str(roles.iloc[0]) if len(roles) else None)
    return out


def _normal(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def _find_quotes(quotes: pd.DataFrame, c: Correction) -> pd.Index:
    """The attribution a correction names: its words within the content, from its
    speaker if it names one, the one nearest ``at`` if given. Words found in several
    attributions without ``at`` are an error (which one is meant?)."""
    words = _normal(c.values["text"]).strip("\"“”'‘’ ")
    hits = quotes["content"].map(lambda content: words in _normal(content))
    speaker = c.values.get("speaker")
    if speaker:
        hits &= (quotes["actor"].astype(str) == speaker) | (
            quotes["speaker"].astype(str) == speaker
        )
    found = quotes.index[hits.fillna(False).astype(bool)]
    if "at" in c.values and len(found):
        distance = (quotes.loc[found, "char_start"].astype(float) - c.values["at"]).abs()
        if distance.min() > _NEAR:
            return pd.Index([])
        found = pd.Index([distance.idxmin()])
    if len(found) > 1:
        starts = ", ".join(str(int(s)) for s in quotes.loc[found, "char_start"])
        raise CorrectionsError(
            f"{c.where()}: “{c.values['text']}” is in {len(found)} attributions (starting at "
            f"{starts}); say which with `at` (its char_start in quotes.csv) or give more words."
        )
    return found


def _speaker(c: Correction, name: str, kinds: dict) -> tuple[str, str]:
    """The actor and source type a corrected attribution goes to."""
    if name in kinds:
        kind, role = kinds[name]
        return name, c.values.get("source_type") or source_type(kind, role)
    if c.values.get("source_type"):
        return name, c.values["source_type"]
    raise _unknown_actor(
        c,
        name,
        kinds,
        "Name one of them, or say who the speaker is with source_type (named official, "
        "named person, institution, unnamed source, media, document).",
    )


def correct_quotes(
    quotes: pd.DataFrame,
    items: list[Correction],
    *,
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    text: str,
) -> tuple[pd.DataFrame, list[dict]]:
    """Apply attribution drops, reassignments and additions to the quotes table; a
    reassigned or added attribution's ``resolved_by`` is "by hand". Actor corrections
    need nothing here: the quotes are found from the corrected mentions, so they
    already carry the merged, renamed or retyped actors and their source types."""
    out = quotes.copy()
    kinds = _actor_kinds(mentions)
    log = []
    for c in items:
        v = c.values
        if c.action in ("drop attribution", "reassign attribution"):
            found = _find_quotes(out, c)
            if not len(found):
                log.append(_no_match(c, "an attribution"))
                continue
            if c.action == "drop attribution":
                out = out.drop(index=found)
            else:
                actor, kind = _speaker(c, v["to"], kinds)
                out.loc[found, ["speaker", "actor", "source_type", "resolved_by"]] = [
                    v["to"],
                    actor,
                    kind,
                    BY_HAND,
                ]
            log.append(log_row(c, len(found)))
        elif c.action == "add attribution":
            row = _added_quote(c, kinds, sentences, text, out)
            if row is None:
                log.append(_no_match(c, "any words"))
                continue
            out = pd.concat([out, pd.DataFrame([row])], ignore_index=True)
            log.append(log_row(c, 1))
    if len(out):
        out = out.sort_values(["sentence_id", "char_start"], kind="mergesort")
    return out.reset_index(drop=True), log


def _added_quote(c, kinds, sentences, text, quotes) -> dict | None:
    v = c.values
    words = str(v["text"]).strip()
    starts = [m.start() for m in re.finditer(re.escape(words), text, flags=re.IGNORECASE)]
    if not starts:
        return None
    if len(starts) > 1 and "at" not in v:
        raise CorrectionsError(
            f"{c.where()}: “{words}” occurs {len(starts)} times in the article (at "
            f"{', '.join(map(str, starts[:6]))}); say which with `at` or give more words."
        )
    start = min(starts, key=lambda s: abs(s - v.get("at", s)))
    if "at" in v and abs(start - v["at"]) > _NEAR:
        return None
    end = start + len(words)
    inside = sentences[(sentences["char_start"] <= start) & (sentences["char_end"] >= start)]
    if not len(inside):
        return None
    sentence_id = int(inside["sentence_id"].iloc[0])
    actor, kind = _speaker(c, v["speaker"], kinds)
    quoted = text[max(0, start - 1) : start] in "\"“'‘" and text[end : end + 1] in "\"”'’"
    row = dict.fromkeys(quotes.columns)
    row.update(
        article_id=str(sentences["article_id"].iloc[0]),
        sentence_id=sentence_id,
        sentence_ids=[sentence_id],
        speaker=v["speaker"],
        actor=actor,
        verb=v.get("verb"),
        verb_lemma=(v.get("verb") or "").lower() or None,
        verb_group=None,
        act="statement",
        kind="direct" if quoted else "indirect",
        content=text[start:end],
        quoted=[text[start:end]] if quoted else [],
        n_words=len(text[start:end].split()),
        source_type=kind,
        resolved_by=BY_HAND,
        char_start=start,
        char_end=end,
    )
    return row


def correct_frames(
    scores: dict[str, pd.DataFrame], items: list[Correction]
) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Drop the cue occurrences a file names from the frame-score tables by scheme
    (policy, generic; a correction without ``scheme`` applies to both): out of
    ``cues``, ``cue_spans``, ``reasons`` and the score, into ``dropped`` with the
    reason "dropped by hand"."""
    out = {name: table.copy() for name, table in scores.items()}
    log = []
    for c in items:
        if c.action != "drop cue":
            continue
        n = 0
        for name, table in out.items():
            if c.values.get("scheme", name) != name:
                continue
            hits = _cue_hits(table, c)
            for row, k in hits:
                _drop_cue(table, row, k, c)
            n += len(hits)
        log.append(log_row(c, n) if n else _no_match(c, "a counted cue"))
    return out, log


def _cue_hits(scores: pd.DataFrame, c: Correction) -> list[tuple[Any, int]]:
    cue = _normal(c.values["cue"])
    hits = []
    for row, cues, spans in zip(scores.index, scores["cues"], scores["cue_spans"], strict=True):
        for k, (found, span) in enumerate(zip(cues, spans, strict=True)):
            if _normal(found) == cue:
                hits.append((row, k, int(span[0])))
    if "at" in c.values and hits:
        best = min(hits, key=lambda h: abs(h[2] - c.values["at"]))
        hits = [best] if abs(best[2] - c.values["at"]) <= _NEAR else []
    # drop from the last occurrence of a row backwards, so earlier indexes hold
    return [(row, k) for row, k, _ in sorted(hits, key=lambda h: (str(h[0]), -h[1]))]


def _drop_cue(out: pd.DataFrame, row, k: int, c: Correction) -> None:
    cues = list(out.at[row, "cues"])
    spans = list(out.at[row, "cue_spans"])
    reasons = list(out.at[row, "reasons"]) if isinstance(out.at[row, "reasons"], list) else []
    cue = cues.pop(k)
    spans.pop(k)
    if k < len(reasons):
        reasons.pop(k)
    negated = list(out.at[row, "negated"])
    if cue in negated and cue not in cues:
        negated.remove(cue)
    why = f"dropped by hand ({c.where()})" + (f": {c.values['why']}" if c.values.get("why") else "")
    out.at[row, "cues"] = cues
    out.at[row, "cue_spans"] = spans
    out.at[row, "reasons"] = reasons
    out.at[row, "negated"] = negated
    out.at[row, "dropped"] = [*out.at[row, "dropped"], [cue, why]]
    out.at[row, "score"] = len(cues)


def frame_label(profile: pd.DataFrame, items: list[Correction], scheme_frames: dict) -> dict:
    """The article's frame: the leading frame of the policy scheme by its cues, or the
    one set by hand (the last ``set frame``), with ``set_by`` ("cues" or "hand")."""
    policy = profile[(profile["scheme"] == "policy") & (profile["n_cues"] > 0)]
    by_cues = str(policy["frame"].iloc[0]) if len(policy) else None
    out = {"frame": by_cues, "set_by": "cues" if by_cues else None}
    for c in items:
        if c.action != "set frame":
            continue
        wanted = _normal(c.values["frame"])
        match = [k for k, label in scheme_frames.items() if wanted in (_normal(k), _normal(label))]
        if not match:
            raise CorrectionsError(
                f"{c.where()}: {c.values['frame']!r} is not a frame of the policy scheme; use one "
                f"of: {', '.join(scheme_frames)}."
            )
        out = {"frame": match[0], "set_by": "hand"}
    return out
