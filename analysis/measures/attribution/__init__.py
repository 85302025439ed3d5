"""Attribution: who says, believes, wants or shows what (:func:`quotes`).

The modules follow the reading: :mod:`.quote_marks` pairs quotation marks over the
article, :mod:`.cues` finds reporting verbs and nouns and their subjects,
:mod:`.speakers` resolves a source to an actor, :mod:`.content` finds what a cue takes
when no clause or quote gives it, :mod:`.sentence` reads one sentence's attributions and
:mod:`.article` joins them over the article into the quotes table.
"""

from .article import QUOTE_COLUMNS, quotes, source_shares
from .cues import load_reporting_verbs

__all__ = ["quotes", "source_shares", "load_reporting_verbs", "QUOTE_COLUMNS"]
