"""Checks of a drawn figure that a reader would notice: text that overlaps other text,
a legend over the data, text too small to read on a phone."""

from __future__ import annotations

from matplotlib.legend import Legend
from matplotlib.text import Text


def _texts(fig) -> list[Text]:
    out = []
    for t in fig.findobj(Text):
        if (
            t.get_visible()
            and t.get_text().strip()
            and t.axes is not None
            or (t.get_visible() and t.get_text().strip() and t.figure is fig and t.axes is None)
        ):
            out.append(t)
    return out


def overlapping_texts(fig) -> list[tuple[str, str]]:
    """Pairs of visible texts whose boxes overlap (a legend's own texts with each other
    excepted: they are laid out by the legend)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = []
    for t in _texts(fig):
        box = t.get_window_extent(renderer)
        if box.width > 0 and box.height > 0:
            boxes.append((t, box.shrunk(0.96, 0.9)))
    found = []
    for i, (a, ba) in enumerate(boxes):
        for b, bb in boxes[i + 1 :]:
            if ba.overlaps(bb):
                found.append((a.get_text(), b.get_text()))
    return found


def legends_over_data(fig) -> list[str]:
    """Legends whose box covers a bar, a point or a line of their axes."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if not isinstance(legend, Legend):
            continue
        box = legend.get_window_extent(renderer)
        frame = ax.get_window_extent(renderer)
        if not box.overlaps(frame):
            continue
        for artist in [*ax.patches, *ax.lines, *ax.collections]:
            try:
                other = artist.get_window_extent(renderer)
            except Exception:  # noqa: BLE001 - an artist without an extent covers nothing
                continue
            if other.width > 0 and other.height > 0 and box.overlaps(other):
                found.append(type(artist).__name__)
    return found


def small_texts(fig, minimum: float = 9.5) -> list[tuple[str, float]]:
    """Visible texts set smaller than ``minimum`` points."""
    return [
        (t.get_text(), t.get_fontsize()) for t in _texts(fig) if t.get_fontsize() < minimum - 1e-6
    ]
