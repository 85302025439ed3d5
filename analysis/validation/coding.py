"""Coding sheets: the units a human coder codes (sentences, actor mentions,
attributions), with empty columns for the codes, and the tool's own codes for the
same units, kept apart so the coders do not see them.

The variables, their units, level of measurement and codes are :data:`VARIABLES`;
the codebook (``framing codebook``) defines each. A filled sheet is read back by
:func:`analysis.validation.agreement.agreement`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import FramingError
from ..io import outdir
from ..measures.frames import load_scheme
from ..pipeline.corrections import ACTOR_KINDS
from ..pipeline.saved import write_sheets
from ..pipeline.summary import SOURCE_TYPES, given_id

__all__ = [
    "Variable",
    "VARIABLES",
    "UNITS",
    "coding_units",
    "tool_codes",
    "write_coding_sheet",
    "SHEET_FILE",
    "TOOL_FILE",
    "UNIT_COLUMNS",
    "variables_table",
]

#: The coding sheet (one sheet per kind of unit) and the tool's codes beside it.
SHEET_FILE = "coding-sheet.xlsx"
TOOL_FILE = "tool-codes.csv"
#: The columns that say which unit a row is (the codes follow them).
UNIT_COLUMNS = ["coder", "unit", "unit_id", "article_id", "sentence_id", "text", "context"]


@dataclass(frozen=True)
class Variable:
    """A variable coders code: its unit, level of measurement, the codes it allows
    (None: any number) and what to code."""

    name: str
    unit: str
    level: str
    codes: tuple[str, ...] | None
    question: str


def _frames() -> tuple[str, ...]:
    return (*load_scheme("policy").frames, "none")


#: Every variable of the sheets, by name.
VARIABLES: dict[str, Variable] = {
    v.name: v
    for v in (
        Variable(
            "tone",
            "sentence",
            "nominal",
            ("negative", "neutral", "positive"),
            "Does the sentence read as negative, neutral or positive news?",
        ),
        Variable(
            "frame",
            "sentence",
            "nominal",
            _frames(),
            "Which policy frame does the sentence invoke most (a key of the policy "
            "scheme in the codebook), or none?",
        ),
        Variable(
            "hedges",
            "sentence",
            "interval",
            None,
            "How many hedging words or phrases does the sentence use (may, reportedly, "
            "appears to...; not the source's own uncertainty inside a quote)?",
        ),
        Variable(
            "kind",
            "mention",
            "nominal",
            (*ACTOR_KINDS, "not an actor"),
            "What kind of actor is mentioned (or is it not an actor at all)?",
        ),
        Variable(
            "tone_toward",
            "mention",
            "nominal",
            ("negative", "neutral", "positive"),
            "How does the sentence present this actor: negatively, neutrally or positively?",
        ),
        Variable(
            "is_attribution",
            "attribution",
            "nominal",
            ("yes", "no"),
            "Does the source say, believe, want or show the content, as marked?",
        ),
        Variable(
            "source_type",
            "attribution",
            "nominal",
            tuple(t for t in SOURCE_TYPES if t != "unattributed"),
            "What kind of source is it?",
        ),
    )
}
#: The kinds of unit, with the sheet each is on.
UNITS = {"sentence": "sentences", "mention": "mentions", "attribution": "attributions"}


def _variables(unit: str) -> list[str]:
    return [v.name for v in VARIABLES.values() if v.unit == unit]


def variables_table() -> pd.DataFrame:
    """The variables as a table: ``variable``, ``unit``, ``level``, ``codes`` (the codes
    allowed, or "a whole number") and ``question`` (the sheet's codebook, the
    agreement page, the notebook)."""
    return pd.DataFrame(
        [
            {
                "variable": v.name,
                "unit": v.unit,
                "level": v.level,
                "codes": ", ".join(v.codes) if v.codes else "a whole number",
                "question": v.question,
            }
            for v in VARIABLES.values()
        ]
    )


def coding_units(result) -> dict[str, pd.DataFrame]:
    """The units of one analysed article by kind (sentences, mentions, attributions):
    ``unit_id`` (article id, kind and number: stable across reruns of the same
    text), the text to code and its sentence as context, and an empty column a
    variable."""
    article_id = given_id(result.article)
    sentences = result.sentences
    context = dict(zip(sentences["sentence_id"], sentences["text"], strict=True))
    text = result.article.text
    units = {
        "sentence": pd.DataFrame(
            {
                "unit_id": [f"{article_id}:s{i}" for i in sentences["sentence_id"]],
                "sentence_id": sentences["sentence_id"],
                "text": sentences["text"],
                "context": "",
            }
        ),
        "mention": pd.DataFrame(
            {
                "unit_id": [f"{article_id}:m{s}-{e}" for s, e in _spans(result.mentions)],
                "sentence_id": result.mentions["sentence_id"],
                "text": result.mentions["surface"],
                "context": result.mentions["sentence_id"].map(context),
            }
        ),
        "attribution": pd.DataFrame(
            {
                "unit_id": [f"{article_id}:a{s}-{e}" for s, e in _spans(result.quotes)],
                "sentence_id": result.quotes["sentence_id"],
                "text": [_marked(text, row) for row in result.quotes.itertuples(index=False)],
                "context": result.quotes["sentence_id"].map(context),
            }
        ),
    }
    out = {}
    for unit, frame in units.items():
        frame = frame.assign(coder="", unit=unit, article_id=article_id)[UNIT_COLUMNS]
        for name in _variables(unit):
            frame[name] = ""
        out[unit] = frame.reset_index(drop=True)
    return out


def _spans(table: pd.DataFrame) -> list[tuple[int, int]]:
    return list(zip(table["char_start"].astype(int), table["char_end"].astype(int), strict=True))


def _marked(text: str, row) -> str:
    """An attribution as a coder reads it: [source] <cue> {content}."""
    speaker = row.speaker if isinstance(row.speaker, str) else "(no source)"
    verb = row.verb if isinstance(row.verb, str) else ""
    return f"[{speaker}] <{verb}> {{{text[int(row.char_start) : int(row.char_end)]}}}"


def tool_codes(result, units: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The tool's codes of the same units (``units``: :func:`coding_units` of
    ``result``, when already made), long: ``unit_id``, ``variable``, ``code``."""
    units = coding_units(result) if units is None else units
    frame = _sentence_frames(result.policy_frames)
    hedges = result.hedging.set_index("sentence_id")["n_hedges"]
    tone = result.tone.set_index("sentence_id")["tone"]
    sentence = units["sentence"]
    mention = units["mention"]
    rows = []
    for uid, sid in zip(sentence["unit_id"], sentence["sentence_id"], strict=True):
        rows.append((uid, "tone", tone.get(sid)))
        rows.append((uid, "frame", frame.get(sid, "none")))
        rows.append((uid, "hedges", int(hedges[sid]) if sid in hedges.index else None))
    labels = _mention_labels(result)
    for uid, row in zip(mention["unit_id"], result.mentions.itertuples(index=False), strict=True):
        rows.append((uid, "kind", row.kind))
        rows.append((uid, "tone_toward", labels.get((int(row.char_start), int(row.char_end)))))
    for uid, kind in zip(
        units["attribution"]["unit_id"], result.quotes["source_type"], strict=True
    ):
        rows.append((uid, "is_attribution", "yes"))
        rows.append((uid, "source_type", kind))
    out = pd.DataFrame(rows, columns=["unit_id", "variable", "code"])
    return out.dropna(subset=["code"]).astype({"code": str}).reset_index(drop=True)


def _sentence_frames(scores: pd.DataFrame) -> dict[int, str]:
    """Each sentence's frame: the one with the most cues (the scheme's order breaks ties)."""
    used = scores[scores["score"] > 0]
    best = used.sort_values(["sentence_id", "score"], ascending=[True, False], kind="mergesort")
    return dict(best.groupby("sentence_id")["frame"].first())


def _mention_labels(result) -> dict[tuple[int, int], str]:
    tone = result.mention_tone
    return {
        (int(s), int(e)): str(label)
        for s, e, label in zip(tone["char_start"], tone["char_end"], tone["label"], strict=True)
    }


def write_coding_sheet(results, folder: str | Path) -> dict[str, Path]:
    """Write the coding sheet of one or more analysed articles into ``folder``:
    ``coding-sheet.xlsx`` (a sheet a kind of unit, a ``codebook`` sheet with every
    variable's question and codes), the same as one CSV per kind of unit, and the
    tool's codes (``tool-codes.csv``, for :func:`analysis.validation.agreement`).
    ``folder`` must be new, empty or one this tool wrote (:mod:`analysis.io.outdir`):
    nothing the tool did not write is replaced."""
    folder = outdir.claim_folder(Path(folder), kind="coding-sheet")
    by_unit: dict[str, list[pd.DataFrame]] = {u: [] for u in UNITS}
    tool = []
    for result in results:
        units = coding_units(result)
        for unit, frame in units.items():
            by_unit[unit].append(frame)
        tool.append(tool_codes(result, units))
    sheets = {UNITS[u]: pd.concat(f, ignore_index=True) for u, f in by_unit.items()}
    paths = {name: folder / f"coding-sheet-{name}.csv" for name in sheets}
    paths["xlsx"] = folder / SHEET_FILE
    paths["tool"] = folder / TOOL_FILE
    for path in paths.values():
        if path.is_symlink():
            raise FramingError(
                f"{path} is a link; the tool never writes through one. Remove it or "
                "choose another --out folder."
            )
    codebook = variables_table()
    for name, frame in sheets.items():
        frame.to_csv(paths[name], index=False, lineterminator="\n")
    write_sheets({**sheets, "codebook": codebook}, paths["xlsx"])
    pd.concat(tool, ignore_index=True).to_csv(paths["tool"], index=False, lineterminator="\n")
    return paths
