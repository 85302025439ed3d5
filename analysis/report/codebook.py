"""The codebook: what every measure means, in what unit, by which rules and lexicon
entries, and how far it was measured to hold (:func:`codebook_markdown`,
:func:`write_codebook`; ``framing codebook``).

It is generated from the data files the analyses read (method cards, the table
dictionary, the frame schemes with their cues and senses, hedges and boosters,
reporting verbs and nouns, roles, the lexicon list), so it cannot drift from what the
package does; attach it to a paper's methods section.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import mistune

from ..errors import FramingError
from ..lexicons import lexicons, method_cards, read_rows, read_yaml
from ..measures.attribution.records import source_type
from ..measures.frames import load_scheme
from ..pipeline.corrections import ACTIONS
from ..pipeline.saved import table_dictionary
from ..validation.coding import variables_table
from ..version import __version__

__all__ = ["codebook_markdown", "write_codebook", "CODEBOOK_FILES"]

#: The files :func:`write_codebook` writes.
CODEBOOK_FILES = ("codebook.md", "codebook.html")

_KINDS = ("person", "group", "institution", "organisation", "country", "media", "document")


def _cell(text) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def _cards() -> list[str]:
    out = ["## Measures", ""]
    for card in method_cards().itertuples():
        out += [
            f"### {card.name}",
            "",
            f"- **Method**: {card.method}",
            f"- **Assumes**: {card.assumes}",
            f"- **Measured**: {card.measured}",
            f"- **Command**: `{card.command}`",
            f"- **How far to trust it**: {card.trust}",
            "",
        ]
    return out


def _coding() -> list[str]:
    """The variables of the coding sheets (``framing coding-sheet``)."""
    rows = [
        [f"`{r.variable}`", r.unit, r.level, r.codes, r.question]
        for r in variables_table().itertuples()
    ]
    return [
        "## Coding variables",
        "",
        "What human coders code on the sheets of `framing coding-sheet`, and what "
        "`framing agree` compares with the tool (Krippendorff's alpha at the level given). "
        "The tool's code of a sentence's `frame` is the policy frame with the most cues in it; "
        "of its `tone`, the tone column of the tone table; of `hedges`, its number of hedges.",
        "",
        *_table(["variable", "unit", "level", "codes", "question"], rows),
    ]


def _corrections() -> list[str]:
    """What a corrections file may do (``pipeline.corrections``)."""
    rows = [
        [f"`{action}`", ", ".join(required), ", ".join([*optional, "why"])]
        for action, (required, optional) in ACTIONS.items()
    ]
    return [
        "## Corrections by hand",
        "",
        "A corrections file (YAML) lists corrections, each `- do: ACTION` with these keys. "
        'A mention or attribution it changes is marked "by hand" (`method`, '
        "`resolved_by`); each report lists them in `data/corrections.csv`.",
        "",
        *_table(["action", "needs", "may give"], rows),
    ]


def _units() -> list[str]:
    out = ["## Tables and units", ""]
    for name, info in table_dictionary().items():
        out += [
            f"### {info.get('title', name)} (`data/{name}.csv`)",
            "",
            info.get("description", ""),
            "",
        ]
        rows = [
            [f"`{field}`", spec.get("type", ""), spec.get("unit", ""), spec.get("description", "")]
            for field, spec in (info.get("fields") or {}).items()
        ]
        if rows:
            out += _table(["field", "type", "unit", "meaning"], rows)
    return out


def _cue_rule(entry) -> str:
    if isinstance(entry, str):
        return entry
    parts = [entry["cue"]]
    for key, label in (
        ("pos", "only as"),
        ("unless", "not with"),
        ("unless_in_phrase", "not in a phrase with"),
        ("governed_by", "not governed by"),
    ):
        value = entry.get(key)
        if value:
            values = [value] if isinstance(value, str) else list(value)
            parts.append(f"{label} {', '.join(str(v) for v in values)}")
    if entry.get("in_names"):
        parts.append("also inside names")
    return parts[0] + (f" ({'; '.join(parts[1:])})" if len(parts) > 1 else "")


def _frames() -> list[str]:
    out = ["## Frames and their cues", ""]
    domains = read_yaml("cue_contexts")["domains"]
    for scheme in ("policy", "generic"):
        lexicon = load_scheme(scheme)
        source = lexicon.to_mapping()
        out += [f"### {lexicon.name} (`scheme={scheme!r}`)", ""]
        if lexicon.context_margin is not None:
            out += [
                f"A single-word cue counts only where its sentence fits its frame: it is "
                f"dropped when the sentence is nearer, by more than {lexicon.context_margin} "
                f"in cosine (GloVe vectors), to one of these domains than to the frame: "
                + "; ".join(f"{name} ({', '.join(words)})" for name, words in domains.items())
                + ".",
                "",
            ]
        if source.get("units"):
            out += [
                f"Read as one unit (no shorter cue counts inside): {', '.join(source['units'])}.",
                "",
            ]
        rows = [
            [
                f"`{key}`",
                spec["label"],
                spec["definition"],
                "; ".join(_cue_rule(c) for c in spec["cues"]),
            ]
            for key, spec in source["frames"].items()
        ]
        out += _table(["frame", "label", "definition", "cues (and their senses)"], rows)
    return out


def _entries(name: str, columns: list[str], header: list[str], title: str) -> list[str]:
    rows = [[row.get(c, "") for c in columns] for row in read_rows(name)]
    return [f"## {title}", "", *_table(header, rows)]


def _sources() -> list[str]:
    rows = []
    for kind in _KINDS:
        rows.append([kind, "", source_type(kind, "")])
        if kind == "person":
            rows.append([kind, "a role (title)", source_type(kind, "a role")])
    rows.append(["(no source)", "", source_type(None, "")])
    return [
        "## Source types",
        "",
        "How each attribution's source is typed, from the kind of actor it resolves to "
        "and whether the article gives that actor a title or role anywhere.",
        "",
        *_table(["actor kind", "role", "source type"], rows),
    ]


def codebook_markdown() -> str:
    """The codebook as Markdown."""
    lines = [
        f"# Codebook (framing {__version__})",
        "",
        "Every measure of the package: its definition and method, its units, the rules "
        "and lexicon entries it uses, and how far it was measured to hold. Generated "
        "from the data files the analyses read.",
        "",
        *_cards(),
        *_frames(),
        *_entries("hedges", ["entry", "class"], ["word or phrase", "class"], "Hedges and boosters"),
        *_entries(
            "reporting_verbs",
            ["entry", "class", "act", "content"],
            ["verb", "stance", "act", "content needed"],
            "Reporting verbs",
        ),
        *_entries(
            "reporting_nouns",
            ["entry", "class", "act", "content"],
            ["noun", "stance", "act", "content needed"],
            "Reporting nouns",
        ),
        *_sources(),
        *_coding(),
        *_corrections(),
        *_units(),
        "## Lexicons",
        "",
        *_table(
            ["file", "name", "source", "licence", "entries"],
            [[r.file, r.name, r.source, r.licence, r.entries] for r in lexicons().itertuples()],
        ),
    ]
    return "\n".join(lines).rstrip() + "\n"


def write_codebook(folder: str | Path) -> list[Path]:
    """Write ``codebook.md`` and ``codebook.html`` into ``folder``; returns their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    text = codebook_markdown()
    body = mistune.create_markdown(escape=True, plugins=["table"])(text)
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(f'Codebook (framing {__version__})')}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:auto;"
        "padding:1rem}table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid "
        "#ccc;padding:.2rem .4rem;vertical-align:top;overflow-wrap:anywhere}</style>"
        f"</head><body>\n{body}</body></html>\n"
    )
    paths = [folder / CODEBOOK_FILES[0], folder / CODEBOOK_FILES[1]]
    for path, marker in zip(paths, ("# Codebook (framing", "<!DOCTYPE html>"), strict=True):
        # never replace a file the tool did not write
        if path.is_symlink() or (path.exists() and not _ours(path, marker)):
            raise FramingError(
                f"{path} exists and is not a codebook this tool wrote; choose another --out "
                "or move that file away."
            )
    paths[0].write_text(text, encoding="utf-8")
    paths[1].write_text(page, encoding="utf-8")
    return paths


def _ours(path: Path, marker: str) -> bool:
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(400)
    except (OSError, UnicodeDecodeError):
        return False
    return head.startswith(marker) and "Codebook (framing" in head
