"""Actor mentions in one parsed sentence, found in passes: gazetteer entries, the
recogniser's entities, titles before names, surnames of the article's people, names the
parse shows (a subject, a possessor, a speaker before a colon), unnamed groups, and
definite descriptions ("the Russian president"); then one mention per token span."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wordfreq import zipf_frequency

from .gazetteer import (
    POSSESSIVES,
    Lexicon,
    affiliation_of_entry,
    entry_ending,
    label_key,
    match_entry,
    title_ending,
    title_starting,
)
from .names import (
    HONORIFICS,
    Mention,
    People,
    could_be_name,
    determined,
    fold,
    known_name_ending,
    name_key,
    trim_entity,
)

__all__ = ["sentence_mentions", "descriptions", "affiliation_from_context"]

#: Entity labels that are actors (others, like dates, works of art or products, are not).
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Where in the parse a proper noun the recogniser missed is still read as a name.
NAME_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})


@dataclass
class _Scan:
    """One sentence being read: its tokens, the lexicon, the article's people, the
    names a titled line may take (``known``), and the spans found so far."""

    doc: object
    pos: int
    lex: Lexicon
    people: People
    known: set[str] | None
    tokens: list = field(init=False)
    words: list[str] = field(init=False)
    low: list[str] = field(init=False)
    spans: list[tuple[int, int, int, Mention]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tokens = list(self.doc)  # made once: spaCy builds a new Token at each access
        self.words = [t.text for t in self.tokens]
        self.low = [t.lower_ for t in self.tokens]

    def allowed(self, name: str) -> bool:
        return self.known is None or name in self.known

    def person(self, name: str, start: int, end: int, method: str, priority: int = 1) -> None:
        role, affiliation = person_title(self.doc, self.words, self.low, start, end, self.lex)
        self.people.seen(name)
        mention = Mention(self.pos, name, "person", role, affiliation, start, end, method)
        self.spans.append((start, end, priority, mention))

    def covered(self) -> list[bool]:
        covered = [False] * len(self.doc)
        for start, end, _, _m in self.spans:
            for k in range(start, end):
                covered[k] = True
        return covered


def sentence_mentions(
    doc, pos: int, lex: Lexicon, people: People, titled: bool, known: set[str] | None
) -> list[Mention]:
    """Mentions in one parsed sentence. ``known`` (titled lines) limits names to actors
    already seen in the running text."""
    scan = _Scan(doc, pos, lex, people, known)
    _gazetteer_entries(scan)
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            _entity(scan, ent)
    _titled_names(scan)
    covered = scan.covered()
    _surnames(scan, covered)
    if known is None:
        _parsed_names(scan, covered)
    groups = [] if titled else _groups(scan)
    return _choose(scan, groups)


def _gazetteer_entries(scan: _Scan) -> None:
    words, people, lex = scan.words, scan.people, scan.lex
    i = 0
    while i < len(words):
        end, entry = match_entry(words, i, lex)
        if entry is None:
            i += 1
            continue
        if (
            end - i == 1
            and entry.kind != "person"
            and any("," not in name for name in people.short.get(fold(words[i], lex), ()))
        ):
            # the surname of a person the article names ("Nikola Tesla ... Tesla", "Rep.
            # Jim Jordan ... Jordan said"); not of a misread vocative ("April Fools, America")
            i += 1
            continue
        role = "capital" if entry.how == "capital" else ""
        if entry.how == "user" and entry.kind == "person":
            people.seen(entry.actor)
        if role == "capital" and _as_place(scan.doc, i, end):
            # "talks in Moscow", "a Tehran court": the city; "Moscow said": its government
            city = scan.doc[i:end].text
            mention = Mention(scan.pos, city, "place", "", entry.actor, i, end, "gazetteer")
        else:
            mention = Mention(
                scan.pos, entry.actor, entry.kind, role, entry.affiliation, i, end, "gazetteer"
            )
        scan.spans.append((i, end, 2, mention))
        i = end


def _shouted_words(text: str) -> bool:
    """Common English words written in capitals ("VOTE NOW", "LIVE"): every word is
    at least as frequent as 'sale' (Zipf 4.8), which acronyms are not ("NATO" 4.0,
    "BBC" 4.6)."""
    words = text.split()
    return (
        bool(words)
        and all(w.isupper() and len(w) > 1 for w in words)
        and all(zipf_frequency(w.lower(), "en") >= 4.8 for w in words)
    )


#: Prepositions of place: a capital after them is the city, not its government.
_PLACE_PREPOSITIONS = frozenset(
    "in at to from near outside inside across around into through via toward towards "
    "within throughout off".split()
)


def _as_place(doc, start: int, end: int) -> bool:
    """Whether a capital is named as a place ("in Moscow", "a Tehran court",
    "London-based") rather than for its government ("Moscow said", "Moscow's move")."""
    root = doc[start:end].root
    if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS:
        return True
    if root.dep_ in ("compound", "nmod", "npadvmod") and root.head.i >= end:
        return True
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "based"


def _entity_span(scan: _Scan, ent) -> tuple[int, int]:
    """The entity's span without articles, honorifics, a leading title or a page's
    "Advertisement", and cut to a known person it ends with."""
    doc, words, low, lex = scan.doc, scan.words, scan.low, scan.lex
    start, end = trim_entity(doc, ent.start, ent.end, ent.label_ == "PERSON")
    if ent.label_ == "PERSON":
        # "Historian Mary Beard": the recogniser's span can start with a title,
        # and a page's "Advertisement" can run into the name that follows it
        start = title_starting(low, start, lex, stop=end - 1)[0]
        while start < end - 1 and words[start] in lex.not_names:
            start += 1
    while end - 1 > start and words[end - 1] in lex.things:
        end -= 1  # "John Smith QC": honours and offices after a name are not part of it
    if start < end and name_key(doc[start:end].text) not in scan.people.full:
        tail = known_name_ending(doc, end, scan.people, floor=start + 1)
        if tail is not None:
            start = tail  # "Star Emily Deschanel" (ORG): the known person it ends with
    return start, end


def _entity(scan: _Scan, ent) -> None:
    """One of the recogniser's PERSON, ORG, GPE or NORP entities."""
    doc, lex, pos = scan.doc, scan.lex, scan.pos
    start, end = _entity_span(scan, ent)
    if start >= end:
        return
    text = name_key(doc[start:end].text)
    if text in lex.things or text in lex.not_names:
        return  # "the IPO", "LTE": an abbreviation of a thing; "Eastern" alone
    if _shouted_words(text) and match_entry(scan.words, start, lex)[1] is None:
        return  # "VOTE NOW", "MEDIA": common words in capitals, not an acronym
    label = ent.label_
    person = scan.people.resolve(text)
    if label == "PERSON" and person is None and determined(doc, start, end):
        # "the Dodgers" (a group), "the Googleplex": a person's name takes no article
        if doc[end - 1].tag_ == "NNPS":
            if scan.allowed(text):
                scan.spans.append(
                    (start, end, 1, Mention(pos, text, "group", "", None, start, end, "entity"))
                )
            return
        label = "ORG"
    if label == "PERSON" or person is not None:
        _entity_person(scan, text, person, start, end)
        return
    if label == "NORP":
        if any(t.pos_ == "ADJ" for t in doc[start:end]) or text in lex.demonyms:
            return  # "Russian officials": a qualifier, not an actor
        mention = Mention(pos, text, "group", "", None, start, end, "entity")
    else:
        kind = "organisation" if label == "ORG" else "place"
        mention = Mention(pos, text, kind, "", None, start, end, "entity")
    if scan.allowed(mention.actor):
        scan.spans.append((start, end, 1, mention))


def _entity_person(scan: _Scan, text: str, person: str | None, start: int, end: int) -> None:
    lex = scan.lex
    if person is None and (
        text in lex.not_names
        or not text[:1].isupper()
        or text in lex.demonyms
        or any(c.isdigit() for c in text)  # "House Bill 477" is no person
    ):
        return
    name = person or text
    if scan.known is not None and name not in scan.known:
        words = name.split()
        if len(words) < 2:
            return  # a headline's lone capitalised word is not a name unless known
        if words[0] in scan.known:
            # "Yukos Auction Goes Ahead": a known actor and another word; the actor alone
            scan.person(scan.people.resolve(words[0]) or words[0], start, start + 1, "entity")
            return
    scan.person(name, start, end, "entity")


def _titled_names(scan: _Scan) -> None:
    """A title is a name's strongest cue: "Ambassador to Russia Kazem Jalali" where
    the recogniser saw no person."""
    doc, words, low, lex = scan.doc, scan.words, scan.low, scan.lex
    n = len(doc)
    i = 0
    while i < n:
        t_end = title_starting(low, i, lex)[0]
        if t_end == i:
            i += 1
            continue
        k = t_end
        if k + 1 < n and low[k] in ("to", "of", "for"):
            e_end, entry = match_entry(words, k + 1, lex)
            if entry is not None:
                k = e_end
        j = _name_after_title(scan, k)
        other = [
            x
            for x in (*range(i, t_end), *range(k, j))
            if scan.tokens[x].ent_type_ and scan.tokens[x].ent_type_ not in ("PERSON", "NORP")
        ]
        if j > k and not other:  # "Prince William Sound" is a place, not Prince William
            text = name_key(doc[k:j].text)
            name = scan.people.resolve(text) or text
            if scan.allowed(name):
                scan.person(name, k, j, "title")
        i = max(i + 1, j)


def _name_after_title(scan: _Scan, k: int) -> int:
    """The end of the capitalised name (up to five words, particles inside) that
    starts at token ``k`` after a title; ``k`` when there is none."""
    doc, words, low, lex = scan.doc, scan.words, scan.low, scan.lex
    tokens = scan.tokens
    n = len(doc)
    j = k
    while j < n and j - k < 5:
        name_word = (
            tokens[j].pos_ == "PROPN" and tokens[j].is_title and words[j] not in lex.not_names
        )
        joiner = (
            j > k
            and (low[j] in lex.particles or words[j] == "-")
            and j + 1 < n
            and tokens[j + 1].is_title
        )
        if not (name_word or joiner):
            break
        if match_entry(words, j, lex)[1] is not None or (
            j == k and title_starting(low, j, lex)[0] > j
        ):
            break  # "Mr. President" names no one
        j += 1
    return j


def _surnames(scan: _Scan, covered: list[bool]) -> None:
    """Surnames the recogniser missed ("Odhiambo hailed ...") or mislabelled."""
    doc, words, lex, people = scan.doc, scan.words, scan.lex, scan.people
    for i, tok in enumerate(scan.tokens):
        if covered[i] or not tok.is_title or words[i] in lex.not_names:
            continue
        # "actress Emily Deschanel" where the recogniser saw none: the given name with
        # the surname is the known full name, which a bare surname might not pick
        start = known_name_ending(doc, i + 1, people, floor=0, covered=covered)
        if start is None:
            start = i
            if _given_name_before(scan, i, covered):
                # "Emily Deschanel" is not the "Zooey Deschanel" of the same surname
                start = i - 1
                people.add(name_key(doc[start : i + 1].text))
        name = people.resolve(name_key(doc[start : i + 1].text))
        if name is not None and scan.allowed(name):
            scan.person(name, start, i + 1, "name")


def _given_name_before(scan: _Scan, i: int, covered: list[bool]) -> bool:
    """A given name the recogniser missed before a known surname at token ``i``."""
    doc, words, lex, people = scan.doc, scan.words, scan.lex, scan.people
    given = doc[i - 1] if i else None
    tok = doc[i]
    return (
        given is not None
        and people.resolve(words[i]) is not None
        and not covered[i - 1]
        and given.dep_ == "compound"
        and given.head.i == i
        and given.is_title
        and given.lower_.rstrip(".") not in HONORIFICS
        and (  # or inside the same misread entity ("April 1 - actress Emily ...")
            could_be_name(given, lex)
            or (given.ent_type_ == tok.ent_type_ and could_be_name(given, lex, True))
        )
        and people.resolve(given.text) is None
    )


def _parsed_names(scan: _Scan, covered: list[bool]) -> None:
    """Names the recogniser missed, read from their place in the parse: a proper noun
    that is a subject or possessor ("Rubio responded", "Pence and el-Sissi are ..."),
    and a speaker's name before a colon ("CORNISH: That's ...")."""
    doc, words, low, lex = scan.doc, scan.words, scan.low, scan.lex
    tokens = scan.tokens
    n = len(doc)
    for i, tok in enumerate(tokens):
        if covered[i] or not could_be_name(tok, lex) or tok.tag_ != "NNP":
            continue  # a plural ("Strikes") is rarely a name
        if i + 1 < n and tokens[i + 1].like_num:
            continue  # "Bill 477", "Route 66", "Apollo 11": a numbered thing
        colon = i + 1 < n and words[i + 1] == ":" and all(could_be_name(t, lex) for t in tokens[:i])
        if not (
            colon or tok.dep_ in NAME_DEPS or (tok.dep_ == "conj" and tok.head.dep_ in NAME_DEPS)
        ):
            continue
        start = 0 if colon else _name_start(scan, i, covered)
        if any(covered[start : i + 1]):
            continue
        text = name_key(doc[start : i + 1].text)
        name = scan.people.resolve(text) or text
        organisation = (len(text) <= 6 and text.isupper() and start == i) or (
            low[i] in lex.organisation_heads  # "the ... Coalition wants"
        )
        for k in range(start, i + 1):
            covered[k] = True
        if organisation:
            mention = Mention(scan.pos, name, "organisation", "", None, start, i + 1, "parse")
        else:
            role, affiliation = person_title(doc, words, low, start, i + 1, lex)
            mention = Mention(scan.pos, name, "person", role, affiliation, start, i + 1, "parse")
        scan.spans.append((start, i + 1, 0, mention))


def _name_start(scan: _Scan, i: int, covered: list[bool]) -> int:
    doc, lex = scan.doc, scan.lex
    start = i
    while (
        start > 0
        and not covered[start - 1]
        and could_be_name(doc[start - 1], lex)
        and doc[start - 1].dep_ == "compound"
    ):
        start -= 1
    return start


def _groups(scan: _Scan) -> list[Mention]:
    """Unnamed sources: "analysts", "Western and Ukrainian officials"."""
    doc, words, low, lex = scan.doc, scan.words, scan.low, scan.lex
    groups: list[Mention] = []
    for i in range(len(doc)):
        if doc[i].pos_ not in ("NOUN", "PROPN"):
            continue
        found = group_at(doc, words, low, i, lex)
        if found is None:
            continue
        start, qualifiers = found
        surface = doc[start : i + 1].text
        first = words[start]
        # "Analysts suggest": a capital that only opens the sentence is lowered; a
        # demonym, country or acronym keeps it ("Western and Ukrainian officials")
        proper = (
            first in lex.demonyms
            or first == "Western"
            or not first[:1].isupper()
            or first.isupper()
            or match_entry(words, start, lex)[1] is not None
        )
        actor = surface if proper else first.lower() + surface[len(first) :]
        affiliation = "; ".join(dict.fromkeys(qualifiers)) or None
        kind = "institution" if low[i] in lex.institution_groups else "group"
        groups.append(Mention(scan.pos, actor, kind, "", affiliation, start, i + 1, "group"))
    return groups


def _choose(scan: _Scan, groups: list[Mention]) -> list[Mention]:
    """One mention per token span: groups first (their qualifiers are not actors),
    then longer spans, then the gazetteer over the recogniser."""
    doc, lex = scan.doc, scan.lex
    chosen: list[Mention] = []
    used = [False] * len(doc)
    colon = next((t.i for t in doc[:8] if t.text == ":"), None)
    if colon and label_key(doc[:colon].text) in lex.labels:
        used[:colon] = [True] * colon  # "Editor’s note:", "Grade:": a label names no one
    for m in groups:
        if any(used[m.start : m.end]):
            continue
        inside = [s for s in scan.spans if s[0] < m.end and m.start < s[1]]
        if any(s[1] > m.end or s[0] < m.start or s[3].kind == "person" for s in inside):
            continue  # the group noun is part of a name ("Friends of the Earth activists")
        chosen.append(m)
        for k in range(m.start, m.end):
            used[k] = True
    for start, end, _, m in sorted(scan.spans, key=lambda s: (-(s[1] - s[0]), -s[2], s[0])):
        if any(used[start:end]):
            continue
        chosen.append(m)
        for k in range(start, end):
            used[k] = True
    chosen.sort(key=lambda m: m.start)
    return chosen


def affiliation_before(doc, words, start: int, floor: int, lex: Lexicon) -> str | None:
    """A demonym, country, party or organisation right before a title starting at
    ``start`` ("Russian", "Iran's", "Tory"); up to three capitalised words between them
    belong to the title ("Brazilian Agriculture Minister")."""
    j = start - 1
    skipped = 0
    while (
        j >= floor
        and skipped < 3
        and doc[j].is_title
        and words[j] not in lex.demonyms
        and entry_ending(words, j + 1, lex)[1] is None
    ):
        j -= 1
        skipped += 1
    if j < floor:
        return None
    if words[j] in lex.demonyms:
        return lex.demonyms[words[j]]
    if words[j] in POSSESSIVES:
        j -= 1
    if j < floor:
        return None
    begin, entry = entry_ending(words, j + 1, lex)
    if entry is not None and begin >= floor:
        return affiliation_of_entry(entry)
    return None


def person_title(doc, words, low, start: int, end: int, lex: Lexicon) -> tuple[str, str | None]:
    """Role and affiliation of the person named by ``doc[start:end]``, from a title right
    before the name ("Foreign Minister Sergei Lavrov", "Ambassador to Russia Kazem
    Jalali") or in an apposition ("Sergei Lavrov, Russia's foreign minister")."""
    k = start
    # "Ambassador to Russia Kazem Jalali": a country or organisation between title and name
    for m in range(max(0, start - lex.max_entry - 1), start - 1):
        if low[m] in ("to", "of", "for"):
            e_start, entry = entry_ending(words, start, lex)
            if entry is not None and e_start == m + 1:
                k = m
                break
    t_start, role = title_ending(low, k, lex)
    if role == "":  # an honorific: "study author Dr. Gabriel Sandblom"
        t_start, role = title_ending(low, t_start, lex)
    if role:  # else the apposition says the role ("Mr. Weiner, a writer")
        return role, affiliation_before(doc, words, t_start, 0, lex)
    root = doc[start:end].root
    heads = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        heads.append(root.head)
    for head in heads:
        t_start, role = title_ending(low, head.i + 1, lex)
        if role:
            return role, affiliation_before(doc, words, t_start, head.left_edge.i, lex)
    return "", None


def group_at(doc, words, low, i: int, lex: Lexicon) -> tuple[int, list[str]] | None:
    """An unnamed source whose noun ends at token i ("Western and Ukrainian officials"):
    (start token, affiliations of its qualifiers), or None."""
    for n in (3, 2, 1):
        if i - n + 1 < 0 or tuple(low[i - n + 1 : i + 1]) not in lex.groups:
            continue
        j = i - n + 1
        qualifiers: list[str] = []
        while j > 0:
            prev = j - 1
            if words[prev] in lex.demonyms:
                qualifiers.append(lex.demonyms[words[prev]])
                j = prev
            elif low[prev] in lex.group_qualifiers and (low[prev],) not in lex.groups:
                if words[prev] == "Western":
                    qualifiers.append("the West")
                j = prev
            elif low[prev] in ("and", ",") and qualifiers:
                j = prev
            else:
                e_start, entry = entry_ending(words, j, lex)
                if entry is not None and entry.kind in ("country", "bloc"):
                    qualifiers.append(entry.actor)
                    j = e_start
                else:
                    break
        while j < i and low[j] in ("and", ","):
            j += 1
        return j, list(reversed(qualifiers))
    return None


def descriptions(
    doc,
    pos: int,
    lex: Lexicon,
    history: list[Mention],
    previous: list[Mention],
    taken: list[Mention],
) -> list[Mention]:
    """Back-references to actors named before: 'the Russian president', 'the
    president-elect' and "Russia's president" (the person last mentioned with that role,
    or the only person of the sentence before); 'the company', 'the ministry' (the
    nearest organisation of a fitting kind named before it)."""
    low = [t.lower_ for t in doc]
    used = set()
    for m in taken:
        used.update(range(m.start, m.end))
    out = []
    for i, word in enumerate(low):
        if i in used:
            continue
        found = None
        if word == "the":
            found = _title_reference(doc, pos, i, lex, history, previous, used)
            if found is None:
                found = _organisation_reference(doc, pos, i, lex, history, taken)
        elif doc[i].text in POSSESSIVES:
            found = _possessive_title(doc, pos, i, lex, history, taken)
        if found is not None and not any(k in used for k in range(found.start, found.end)):
            out.append(found)
            used.update(range(found.start, found.end))
    return out


def _title_reference(doc, pos, i, lex, history, previous, used) -> Mention | None:
    """'the Russian president', 'the president-elect' -> a person named before."""
    words = [t.text for t in doc]
    low = [t.lower_ for t in doc]
    j = i + 1
    affiliation = None
    if j < len(doc) and words[j] in lex.demonyms:
        affiliation = lex.demonyms[words[j]]
        j += 1
    t_end, role = title_starting(low, j, lex)
    if not role or any(k in used for k in range(i, t_end)):
        return None
    if t_end < len(doc) and (doc[t_end].is_title or low[t_end] in ("of", "to")):
        return None  # "the President Vladimir Putin", "the president of X": not a back-reference
    target = _person_with(history, role, affiliation)
    if target is None:
        before = {m.actor: m for m in previous if m.kind == "person"}
        if len(before) == 1:
            target = next(iter(before.values()))
    if target is None:
        return None
    return Mention(
        pos,
        target.actor,
        "person",
        role,
        affiliation or target.affiliation,
        i,
        t_end,
        "description",
    )


def _person_with(history, role: str, affiliation: str | None) -> Mention | None:
    """The person last mentioned with ``role`` (and ``affiliation`` if given), else, with
    an affiliation, the last person of that affiliation with any role."""
    people = [m for m in reversed(history) if m.kind == "person"]
    for m in people:
        if role in (m.role or "") and (affiliation is None or m.affiliation == affiliation):
            return m
    if affiliation is not None:
        return next((m for m in people if m.affiliation == affiliation and m.role), None)
    return None


def _possessive_title(doc, pos, i, lex, history, taken) -> Mention | None:
    """ "Russia's president" -> the person named before as Russia's president."""
    country = next(
        (m for m in taken if m.end == i and m.kind in ("country", "bloc", "region")), None
    )
    if country is None:
        return None
    low = [t.lower_ for t in doc]
    t_end, role = title_starting(low, i + 1, lex)
    if not role or (t_end < len(doc) and doc[t_end].is_title):
        return None  # "Russia's President Vladimir Putin" names him
    target = _person_with(history, role, country.actor)
    if target is None:
        return None
    return Mention(pos, target.actor, "person", role, country.actor, i + 1, t_end, "description")


#: Institutions a back-reference finds only by name ("the Supreme Court", "the
#: Ministry of Defence"): any institution named before would be a guess.
_NAMED_ONLY = frozenset({"court", "ministry", "department", "council", "commission"})


def _organisation_reference(doc, pos, i, lex, history, taken) -> Mention | None:
    """'the company', 'the Anglo-Dutch firm', 'the ministry' -> the nearest actor of a
    kind the noun can stand for named before it (one whose name holds the noun first)."""
    head = doc[i].head
    noun = head.lower_
    kinds = lex.back_references.get(noun)
    if (
        kinds is None
        or doc[i].dep_ != "det"
        or head.pos_ != "NOUN"
        or head.dep_ == "appos"  # "Unilever, the consumer goods company, said": a description
        or any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
        or (head.i + 1 < len(doc) and doc[head.i + 1].is_title)
        or any(t.pos_ == "PROPN" for t in doc[i + 1 : head.i])
    ):
        return None
    before = [m for m in history if m.pos < pos or (m.pos == pos and m.end <= i)]
    fitting = [m for m in before if m.kind in kinds and m.method != "group"]
    named = [m for m in fitting if noun in m.actor.lower()]
    if noun in _NAMED_ONLY:
        fitting = named  # "the court", "the ministry": the one named as such, or none
    if not fitting:
        return None
    target = (named or fitting)[-1]
    return Mention(
        pos, target.actor, target.kind, "", target.affiliation, i, head.i + 1, "description"
    )


def affiliation_from_context(doc, m: Mention, sentence: list[Mention]) -> str | None:
    """'Bashar al-Assad's government in Syria', 'return to the U.S. presidency'."""
    text = doc.text
    m_end = doc[m.end - 1].idx + len(doc[m.end - 1])
    countries = [
        (doc[x.start].idx, doc[x.end - 1].idx + len(doc[x.end - 1]), x)
        for x in sentence
        if x.kind == "country"
    ]
    after = text[m_end : m_end + 60]
    g = re.match(r"(?:['’]s)?\s+(?:government|regime|administration|forces|army)\s+in\s+", after)
    if g:
        for c_start, _, c in countries:
            if c_start == m_end + g.end():
                return c.actor
    for c_start, c_end, c in countries:
        tail = text[c_end : c_end + 20]
        if (
            re.match(r"\s+(?:presidency|government|administration|leadership)\b", tail)
            and abs(c_start - m_end) < 80
        ):
            return c.actor
    return None
