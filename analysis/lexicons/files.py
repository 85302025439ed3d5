"""Every lexicon of the package, read by one loader with one column vocabulary, its
source and licence kept as data.

A lexicon file says what it is in its first lines: ``name``, ``source``, ``licence``
and ``columns`` as ``# key: value`` comment lines in a CSV or a word list, as top-level
keys in a YAML file. :func:`lexicon_info` returns them; :func:`lexicons` lists every
built-in lexicon with its size, source and licence (the report's methods appendix and
the codebook show it).

CSV lexicons share one vocabulary: ``entry`` is the word, phrase, lemma or name that is
matched, ``class`` what kind of entry it is (a hedge or a booster, a stance, a country
or a bloc); other columns keep their own names (``aliases``, ``act``, ``value``). A
file of your own may use the older names (``term``, ``lemma``, ``actor`` or ``title``
for ``entry``; ``type``, ``category``, ``kind`` or ``group`` for ``class``): they are
read as the new ones.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from os import PathLike
from pathlib import Path

import pandas as pd
import yaml

from ..errors import FramingError
from ..paths import DATA_DIR

__all__ = [
    "BUILTIN",
    "ENTRY",
    "CLASS",
    "LexiconInfo",
    "lexicon_path",
    "lexicon_info",
    "lexicons",
    "read_rows",
    "read_words",
    "read_yaml",
    "title_abbreviations",
]

ENTRY, CLASS = "entry", "class"
#: Older column names, read as the shared ones.
COLUMN_ALIASES = {
    "term": ENTRY,
    "lemma": ENTRY,
    "actor": ENTRY,
    "title": ENTRY,
    "type": CLASS,
    "category": CLASS,
    "kind": CLASS,
    "group": CLASS,
}
#: The built-in lexicons: name -> file in ``analysis/data``.
BUILTIN = {
    "countries": "countries.csv",
    "organisations": "organisations.csv",
    "roles": "roles.yaml",
    "reporting_verbs": "reporting_verbs.csv",
    "reporting_nouns": "reporting_nouns.csv",
    "hedges": "hedges.csv",
    "loaded_language": "loaded_language.csv",
    "economic_terms": "economic_terms.csv",
    "frames_policy": "frames_policy.yaml",
    "frames_generic": "frames_generic.yaml",
    "cue_contexts": "cue_contexts.yaml",
    "verb_senses": "verb_senses.yaml",
    "stopwords": "stopwords.txt",
}
_KEYS = ("name", "source", "licence", "columns")
_HEADER = re.compile(r"^#\s*(name|source|licence|columns):\s*(.+?)\s*$")


@dataclass(frozen=True)
class LexiconInfo:
    """What a lexicon file says of itself."""

    key: str
    file: str
    name: str
    source: str
    licence: str
    columns: str
    entries: int


def lexicon_path(name: str | PathLike) -> Path:
    """The file of a built-in lexicon (``"hedges"``), or ``name`` as a path."""
    if isinstance(name, str) and name in BUILTIN:
        return DATA_DIR / BUILTIN[name]
    return Path(name)


def _comment_header(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match and match.group(1) not in found:
            found[match.group(1)] = match.group(2)
    return found


@lru_cache(maxsize=64)
def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FramingError(f"{path}: no such lexicon file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FramingError(f"{path}: the lexicon cannot be read ({exc}).") from None


def read_rows(
    name: str | PathLike, *, required: tuple[str, ...] = (ENTRY,)
) -> list[dict[str, str]]:
    """The rows of a CSV lexicon (built-in name or path), comment lines left out and
    columns in the shared vocabulary; raises FramingError naming the columns a file
    lacks."""
    path = lexicon_path(name)
    lines = [line for line in _read(str(path)).splitlines() if not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    fields = [COLUMN_ALIASES.get(f.strip(), f.strip()) for f in reader.fieldnames or []]
    missing = [c for c in required if c not in fields]
    if missing:
        raise FramingError(
            f"{path}: the lexicon needs the column(s) {', '.join(missing)}; it has "
            f"{', '.join(fields) or 'none'}. Name the matched word 'entry' and its kind 'class'."
        )
    reader.fieldnames = fields
    return [{k: (v or "") for k, v in row.items() if k is not None} for row in reader]


def read_words(name: str | PathLike) -> list[str]:
    """A word list (one entry a line, ``#`` comments left out), e.g. the stop words."""
    text = _read(str(lexicon_path(name)))
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


def read_yaml(name: str | PathLike) -> dict:
    """A YAML lexicon (the roles, a frame scheme) as a mapping."""
    path = lexicon_path(name)
    try:
        data = yaml.safe_load(_read(str(path)))
    except yaml.YAMLError as exc:
        raise FramingError(f"{path}: not valid YAML ({exc}).") from None
    if not isinstance(data, dict):
        raise FramingError(f"{path}: a YAML lexicon is a mapping of keys to entries.")
    return data


def lexicon_info(name: str | PathLike) -> LexiconInfo:
    """Name, source, licence and columns of a lexicon, as its file states them, and
    how many entries it has."""
    path = lexicon_path(name)
    key = name if isinstance(name, str) and name in BUILTIN else path.stem
    if path.suffix in (".yaml", ".yml"):
        data = read_yaml(path)
        head = {k: str(data.get(k, "")) for k in _KEYS}
        head["name"] = head["name"] or str(data.get("scheme", ""))
        entries = sum(len(v) if isinstance(v, list | dict) else 0 for v in data.values())
        if "frames" in data:
            entries = sum(len(f.get("cues", [])) for f in data["frames"].values())
    else:
        head = _comment_header(_read(str(path)))
        entries = len(read_words(path)) if path.suffix == ".txt" else len(read_rows(path))
    return LexiconInfo(
        key=str(key),
        file=path.name,
        name=head.get("name", "") or str(key),
        source=head.get("source", ""),
        licence=head.get("licence", ""),
        columns=head.get("columns", ""),
        entries=entries,
    )


@lru_cache(maxsize=1)
def title_abbreviations() -> frozenset[str]:
    """The abbreviated titles of the roles lexicon, lower case and without the full
    stop: "gov", "lt", "sen", "dr" ... The sentence splitter keeps them from ending a
    sentence; keyphrases leave them out."""
    return frozenset(
        word[:-1].lower()
        for item in read_yaml("roles")["titles"]
        for word in item["title"].split()
        if word.endswith(".") and "." not in word[:-1]
    )


def lexicons() -> pd.DataFrame:
    """Every built-in lexicon: ``key``, ``file``, ``name``, ``source``, ``licence``,
    ``columns`` and the number of ``entries``."""
    return pd.DataFrame([vars(lexicon_info(k)) for k in BUILTIN])
