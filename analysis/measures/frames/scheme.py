"""Frame lexicons: frames, their labels and definitions, and their cues with the
constraints that say when a cue counts (:func:`load_scheme`).

Two typologies ship as data files: the five generic news frames of Semetko &
Valkenburg (2000) (``frames_generic.yaml``) and the fifteen frames of the Policy Frames
Codebook (Boydstun et al. 2014; ``frames_policy.yaml``). Each frame has a definition
and cue words and phrases written for this project from it. Users pass their own
lexicon (same YAML shape) as ``scheme``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Literal

from nltk.stem.porter import PorterStemmer

from ...errors import FramingError
from ...lexicons import lexicon_path, read_yaml
from ...text.normalize import normalize
from ...text.tokens import token_spans

__all__ = ["CueRule", "FrameScheme", "Scheme", "load_scheme", "stems"]

Scheme = Literal["generic", "policy"] | str | PathLike | Mapping


@lru_cache(maxsize=1)
def _stemmer():
    return lru_cache(maxsize=200_000)(PorterStemmer().stem)


@lru_cache(maxsize=4096)
def stems(text: str) -> tuple[tuple[str, int, int], ...]:
    """``(Porter stem, start, end)`` of each word of ``text`` (kept for the texts seen
    last: both frame schemes read the same sentences)."""
    stem = _stemmer()
    return tuple((stem(key.lower()), start, end) for key, _, start, end in token_spans(text))


@dataclass(frozen=True)
class CueRule:
    """When a cue counts, beyond its words (the optional keys of a lexicon entry).

    ``pos``: the Universal part-of-speech tags its first word may have ("strike" as a
    noun, not the verb); ``unless``: words (lower case, any form) whose presence in the
    sentence marks another sense ("strike" near "union" or "pay"); ``governed_by``:
    lemmas of the word that governs the cue's last word in the parse that mark another
    sense ("job" as the object of "do": "did a fine job" is praise, not employment);
    ``in_names``: also count it inside a longer name or a title ("Home Office", "Home
    Secretary"); ``unless_in_phrase``: lemmas that mark another sense when they are
    words of the cue's own noun phrase, not merely of the sentence (the "president" of
    a company or a club, a birthday "party", a marketing "campaign": "The president
    praised the company" still counts).
    ``words``: the cue's own words in lower case, against which a match is checked on
    the parse (the same word, inflected: "sanctions" for "sanction", not "response"
    for "responsible", although the two share a Porter stem).
    """

    pos: frozenset[str] | None = None
    unless: frozenset[str] = frozenset()
    governed_by: frozenset[str] = frozenset()
    in_names: bool = False
    unless_in_phrase: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class FrameScheme:
    """A frame lexicon: frame keys in order, labels, definitions and stemmed cues.

    ``index`` maps a cue's first stem to ``((stems, frame, rule), ...)``, longest cue
    first; ``units`` are multi-word expressions read as one unit, inside which no
    shorter cue counts ("oil" inside "oil spill", "live" inside "live up to").
    """

    name: str
    frames: tuple[str, ...]
    labels: Mapping[str, str]
    definitions: Mapping[str, str]
    cues: Mapping[str, tuple[str, ...]]
    index: Mapping[str, tuple[tuple[tuple[str, ...], str, CueRule], ...]]
    units: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    #: the lexicon as written (cue entries with their constraints, units), so that it
    #: can be stored whole, e.g. inside a saved FrameClassifier
    source: Mapping = field(default_factory=dict)
    #: a single-word cue counts only where its sentence fits its frame within this
    #: margin of any other domain (:mod:`analysis.measures.frames.context`); None: no
    #: context check
    context_margin: float | None = None
    #: what is worked out once per scheme (its frames' word vectors)
    cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def to_mapping(self) -> dict:
        """The lexicon as a mapping :func:`load_scheme` reads back to the same scheme."""
        return json.loads(json.dumps(self.source))


def load_scheme(scheme: Scheme = "generic") -> FrameScheme:
    """Load a frame lexicon: "generic", "policy", a YAML path, or a mapping of the same shape::

    scheme: my-scheme
    units: [oil spill]          # read as one unit: no shorter cue counts inside
    frames:
      economic:
        label: Economic
        definition: ...
        cues:
          - tariff
          - trade war
          - {cue: strike, pos: [NOUN], unless: [union, pay]}
          - {cue: job, governed_by: [do]}
          - {cue: treasury, in_names: true}
          - {cue: party, unless_in_phrase: [birthday, dinner]}

    A cue is a word or phrase (matched on Porter stems, so "sanction" finds
    "sanctions"; on the parse, only its own word inflected: list derivations such as
    "critics" beside "criticism"), or a mapping with ``cue`` and the constraints of :class:`CueRule`.
    """
    if isinstance(scheme, Mapping):
        return _build_scheme(json.dumps(scheme, sort_keys=True, default=str), "<mapping>")
    if scheme in ("generic", "policy"):
        return _scheme_file(str(lexicon_path(f"frames_{scheme}")))
    path = Path(scheme)
    if not path.is_file():
        raise FramingError(
            f"{scheme}: no such frame scheme. Use 'generic', 'policy', or the path of a YAML file (see analysis/data/frames_generic.yaml)."
        )
    return _scheme_file(str(path))


@lru_cache(maxsize=16)
def _scheme_file(path: str) -> FrameScheme:
    return _build_scheme(json.dumps(read_yaml(path), sort_keys=False, default=str), path)


def _cue_entry(entry, where: str, frame: str) -> tuple[str, CueRule]:
    """A lexicon entry as (cue text, rule); a plain string has no constraints."""
    if isinstance(entry, str):
        return entry, CueRule(words=_cue_words(entry))
    if not isinstance(entry, dict) or not isinstance(entry.get("cue"), str):
        raise FramingError(
            f"{where}: frame {frame!r} has a cue that is neither a word nor a mapping "
            f"with a 'cue' key: {entry!r}."
        )
    allowed = ("cue", "pos", "unless", "governed_by", "in_names", "unless_in_phrase")
    unknown = set(entry) - set(allowed)
    if unknown:
        raise FramingError(
            f"{where}: cue {entry['cue']!r} of frame {frame!r} has unknown keys "
            f"{sorted(unknown)}; allowed: {', '.join(allowed)}."
        )
    pos = entry.get("pos")
    if isinstance(pos, str):
        pos = [pos]
    unless = entry.get("unless") or []
    if isinstance(unless, str):
        unless = [unless]
    governed_by = entry.get("governed_by") or []
    if isinstance(governed_by, str):
        governed_by = [governed_by]
    in_phrase = entry.get("unless_in_phrase") or []
    if isinstance(in_phrase, str):
        in_phrase = [in_phrase]
    if (
        (pos is not None and not isinstance(pos, list))
        or not isinstance(unless, list)
        or not isinstance(governed_by, list)
        or not isinstance(in_phrase, list)
    ):
        raise FramingError(
            f"{where}: cue {entry['cue']!r} of frame {frame!r}: 'pos', 'unless', "
            "'governed_by' and 'unless_in_phrase' are lists of words."
        )
    return entry["cue"], CueRule(
        pos=frozenset(str(p).upper() for p in pos) if pos is not None else None,
        unless=frozenset(str(u).lower() for u in unless),
        governed_by=frozenset(str(g).lower() for g in governed_by),
        in_names=bool(entry.get("in_names", False)),
        unless_in_phrase=frozenset(str(u).lower() for u in in_phrase),
        words=_cue_words(entry["cue"]),
    )


def _cue_words(text: str) -> tuple[str, ...]:
    return tuple(key.lower() for key, *_ in token_spans(normalize(text)))


def _stem_tuple(text: str) -> tuple[str, ...]:
    return tuple(s for s, _, _ in stems(normalize(text)))


@lru_cache(maxsize=16)
def _build_scheme(serialised: str, where: str) -> FrameScheme:
    data = json.loads(serialised)
    frames = data.get("frames") if isinstance(data, dict) else None
    if not isinstance(frames, dict) or not frames:
        raise FramingError(
            f"{where}: a frame scheme needs a 'frames' mapping of frame keys to label, definition and cues."
        )
    labels, definitions, cues, index = {}, {}, {}, {}
    for key, spec in frames.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("cues", []) or [], list):
            raise FramingError(
                f"{where}: frame {key!r} needs 'cues' as a list of words or phrases."
            )
        labels[key] = str(spec.get("label", key))
        definitions[key] = str(spec.get("definition", ""))
        entries = [_cue_entry(e, where, key) for e in spec.get("cues", []) or []]
        cues[key] = tuple(text for text, _ in entries)
        for text, rule in entries:
            stems = _stem_tuple(text)
            if stems:
                index.setdefault(stems[0], []).append((stems, key, rule))
    ordered = {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in index.items()}
    raw_units = data.get("units", []) or []
    if not isinstance(raw_units, list) or not all(isinstance(u, str) for u in raw_units):
        raise FramingError(f"{where}: 'units' is a list of multi-word expressions.")
    units: dict[str, list] = {}
    for unit in raw_units:
        stems = _stem_tuple(unit)
        if len(stems) > 1:
            units.setdefault(stems[0], []).append(stems)
    margin = _context_margin(data.get("context_check"), where)
    source = {
        "units": list(raw_units),
        **({"context_check": {"margin": margin}} if margin is not None else {}),
        "frames": {
            key: {
                "label": labels[key],
                "definition": definitions[key],
                "cues": list(spec.get("cues", []) or []),
            }
            for key, spec in frames.items()
        },
    }
    return FrameScheme(
        str(data.get("scheme", where)),
        tuple(frames),
        labels,
        definitions,
        cues,
        ordered,
        {k: tuple(sorted(v, key=len, reverse=True)) for k, v in units.items()},
        source,
        margin,
    )


def _context_margin(spec, where: str) -> float | None:
    """The ``context_check`` margin of a scheme, checked."""
    if spec is None:
        return None
    margin = spec.get("margin") if isinstance(spec, dict) else None
    if (
        not isinstance(spec, dict)
        or set(spec) != {"margin"}
        or isinstance(margin, bool)
        or not isinstance(margin, int | float)
        or not 0 < margin <= 2
    ):
        raise FramingError(
            f"{where}: 'context_check' is a mapping with one key, margin: a number above "
            "0 and at most 2 (the built-in schemes use 0.3)."
        )
    return float(margin)
