"""The package's data read in one place: its lexicons (one loader, one column
vocabulary, each file's source and licence as data) and the method cards.

=======================  ==============================================================
:mod:`.files`            :func:`read_rows`, :func:`read_words`, :func:`read_yaml`,
                         :func:`lexicon_info`, :func:`lexicons`
:mod:`.cards`            :func:`method_cards`, :func:`method_card`, :func:`trust`
=======================  ==============================================================
"""

from .cards import CARD_FIELDS, method_card, method_cards, trust
from .files import (
    BUILTIN,
    CLASS,
    ENTRY,
    LexiconInfo,
    lexicon_info,
    lexicon_path,
    lexicons,
    read_rows,
    read_words,
    read_yaml,
    title_abbreviations,
)

__all__ = [
    "CARD_FIELDS",
    "method_card",
    "method_cards",
    "trust",
    "BUILTIN",
    "CLASS",
    "ENTRY",
    "LexiconInfo",
    "lexicon_info",
    "lexicon_path",
    "lexicons",
    "read_rows",
    "read_words",
    "read_yaml",
    "title_abbreviations",
]
