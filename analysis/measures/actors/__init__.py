"""Actors: who appears in an article, resolved to one name each, with role and affiliation.

Mentions come from spaCy's named-entity recogniser and dependency parse
(:mod:`analysis.nlp`, Explosion's ``en_core_web_sm``), with small data files only for what
a recogniser cannot know:

1. **Entities**: PERSON, ORG and GPE spans (and NORP nouns such as "Democrats") are
   mentions; a leading "the", a possessive "'s" and honorifics ("Mr", "Dr") are trimmed.
2. **Gazetteer** (``countries.csv``, ``organisations.csv``): canonical names and
   metonyms: "the U.S." -> United States, "Moscow" -> Russia (a capital read as its
   government, role "capital"), "the Kremlin", party words ("Tory" -> Conservative
   Party). Where a gazetteer entry and an entity cover the same words, the entry names
   the actor; a longer entity ("Bank of Russia") wins over a shorter entry inside it.
3. **Titles and roles** (``roles.yaml``) before a name or in an apposition give the
   person's role and affiliation: "Russian Foreign Minister Sergei Lavrov", "Iran's
   ambassador Kazem Jalali", "Tory leader Michael Howard", "Sergei Lavrov, Russia's
   foreign minister".
4. **One actor per referent**, within an article: a surname or "Mr Blair" is the full
   name seen in the running text (the most recent one when two people share it, so
   different people are never merged); an acronym is the organisation whose initials it
   spells ("BA" -> British Airways); word-by-word prefixes are one name ("Lib Dems",
   "Lib Dem" -> Liberal Democrats). A capitalised word that is a known surname is that
   person even where the recogniser missed it or called it something else.
5. **Unnamed groups** ("analysts", "Western and Ukrainian officials") and **definite
   descriptions** ("the Russian president", "the president-elect", resolved to the person
   last mentioned with that role).

Headlines and headings in Title Case only take actors already known from the running
text or the gazetteer: a recogniser reads capitalised headline words as names. Users
extend or override all of this with a YAML file (see :func:`load_aliases`).

The modules: :mod:`.gazetteer` (the lexicon), :mod:`.sentence` (one sentence's
mentions), :mod:`.names` (one name per referent), :mod:`.mentions` (the article),
:mod:`.summary` (one row an actor) and :mod:`.network` (who appears with whom).
"""

from .gazetteer import POSSESSIVES, Lexicon, label_key, load_aliases, title_starting
from .mentions import MENTION_COLUMNS, actor_mentions
from .network import cooccurrence
from .summary import SUMMARY_COLUMNS, actor_summary

__all__ = [
    "actor_mentions",
    "actor_summary",
    "cooccurrence",
    "load_aliases",
    "title_starting",
    "label_key",
    "Lexicon",
    "POSSESSIVES",
    "MENTION_COLUMNS",
    "SUMMARY_COLUMNS",
]
