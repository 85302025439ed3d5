"""The records an attribution is built from: its source and the attribution itself."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Source", "Attribution", "source_type"]


# ---------------------------------------------------------------------- attribution
@dataclass
class Source:
    speaker: str | None  # as written
    actor: str | None
    kind: str | None  # the actor's kind (person, group, ..., document)
    role: str
    start: int | None  # absolute offsets of the source as written
    end: int | None
    resolved_by: str


@dataclass
class Attribution:
    sentence_id: int
    source: Source
    verb: str | None
    verb_lemma: str | None
    verb_group: str | None
    act: str
    kind: str  # according-to, or decided later from the quotes
    start: int  # content, absolute offsets
    end: int
    cue_start: int | None
    cue_end: int | None
    fragments: list[tuple[int, int]] | None = None  # content pieces (a quote split by its cue)
    #: the content is what the source says (a clause or a quote), not a thing it names
    #: ("rejected Hart's claim that ...": the claim is Hart's, a source of its own)
    clause: bool = True


def source_type(kind: str | None, role: str | None) -> str:
    if kind is None:
        return "unattributed"
    if kind == "person":
        return "named official" if role else "named person"
    if kind == "group":
        return "unnamed source"
    if kind == "media":
        return "media"
    if kind == "document":
        return "document"
    if kind in ("institution", "organisation", "country", "bloc", "region", "place"):
        return "institution"
    return "unresolved"
