"""Frames: explainable frame profiles from cue lexicons, and a classifier trained on
your own labelled texts.

:mod:`.scheme` loads a frame lexicon (the generic news frames of Semetko & Valkenburg
2000, the Policy Frames Codebook of Boydstun et al. 2014, or your own); :mod:`.cues`
finds its cues in a sentence and checks each on the parse; :mod:`.scores` scores every
sentence and profiles each article; :mod:`.classifier` holds :class:`FrameClassifier`.
"""

from .classifier import Evaluation, FrameClassifier
from .scheme import CueRule, FrameScheme, Scheme, load_scheme
from .scores import (
    FRAME_SCORE_COLUMNS,
    LEADING_SHARE,
    PROFILE_COLUMNS,
    cue_matrix,
    dominant_frames,
    frame_profile,
    frame_scores,
)

__all__ = [
    "load_scheme",
    "frame_scores",
    "frame_profile",
    "dominant_frames",
    "cue_matrix",
    "FrameClassifier",
    "Evaluation",
    "FrameScheme",
    "CueRule",
    "Scheme",
    "LEADING_SHARE",
    "FRAME_SCORE_COLUMNS",
    "PROFILE_COLUMNS",
]
