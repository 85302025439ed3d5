"""What every plot function shares: the project's colours, text drawn as written (never
as mathtext), wrapping, label placement without overlaps, and :func:`save_figure`.

Plot functions draw and nothing else: a tidy DataFrame in, ``ax=`` in, the Axes out; no
``plt.show()``, no saving, no global style changes (apply the report style with
``matplotlib.style.context(analysis.paths.STYLE_FILE)`` around the call).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import matplotlib as mpl
import yaml
from matplotlib.axes import Axes

from ...paths import DATA_DIR

__all__ = [
    "SMALL",
    "legend_below",
    "section_labels",
    "plain",
    "plain_all",
    "wrap",
    "despine",
    "place_labels",
    "save_figure",
    "new_figure",
    "ROLE_COLORS",
    "TONE_COLORS",
    "KIND_COLORS",
    "SOURCE_COLORS",
    "SERIES_COLORS",
    "TOPIC_COLORS",
    "CERTAINTY_COLORS",
]


#: The smallest text of a figure, in points: 9 px or more on a phone at report width.
SMALL = 9.5


def _colours() -> dict:
    """The project's colours (``data/colours.yaml``): one per category in every report."""
    return yaml.safe_load((DATA_DIR / "colours.yaml").read_text(encoding="utf-8"))


_COLOURS = _colours()

#: Okabe-Ito colours (safe for colour-blind readers), one per sentence role.
ROLE_COLORS: dict[str, str] = dict(_COLOURS["roles"])

#: VADER tone of a sentence or toward an actor.
TONE_COLORS: dict[str, str] = dict(_COLOURS["tones"])

#: Kinds of actor.
KIND_COLORS: dict[str, str] = dict(_COLOURS["kinds"])

#: Kinds of source (the quotes table's ``source_type``).
SOURCE_COLORS: dict[str, str] = dict(_COLOURS["sources"])

#: Unordered series: articles, outlets, topics.
SERIES_COLORS: list[str] = list(_COLOURS["series"])

TOPIC_COLORS = SERIES_COLORS

CERTAINTY_COLORS = dict(_COLOURS["certainty"])

_DOLLAR = re.compile(r"(?<!\\)\$")


def plain(value: object) -> str:
    """``value`` as text that matplotlib draws as it is: its dollar signs escaped, so
    "Why $5 Billion Became $50 Billion" is never read as mathtext (which would garble
    it, or fail on "$\\foo{x}$"). Every string from an article passes through it;
    escaping twice changes nothing."""
    return _DOLLAR.sub(r"\\$", str(value))


def plain_all(values) -> list[str]:
    return [plain(v) for v in values]


def wrap(text: str, width: int, lines: int = 2) -> str:
    """``text`` wrapped at ``width`` characters; at most ``lines`` lines, the last cut
    with an ellipsis only if the text is longer than that; drawn as plain text."""
    parts = textwrap.wrap(str(text), max(4, width)) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: max(1, width - 1)].rstrip() + "…"
    return plain("\n".join(parts))


# ---------------------------------------------------------------------- tone
def despine(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def place_labels(ax: Axes, items: list[tuple[float, float, str]]) -> None:
    """Greedy, deterministic label placement: try eight offsets around each point and
    keep the first whose box overlaps no placed label and stays inside the axes."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    placed = []
    axes_box = ax.get_window_extent(renderer)
    offsets = [(4, 4), (4, -10), (-4, 4), (-4, -10), (8, 0), (-8, 0), (0, 10), (0, -14)]
    for x, y, text in items:
        for dx, dy in offsets:
            label = ax.annotate(
                plain(text),
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                fontsize=SMALL,
                ha="left" if dx >= 0 else "right",
                va="bottom",
            )
            box = label.get_window_extent(renderer).expanded(1.05, 1.1)
            inside = axes_box.contains(box.x0, box.y0) and axes_box.contains(box.x1, box.y1)
            if inside and not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            label.remove()


def new_figure(width: float, height: float):
    """A figure and its Axes on their own Agg canvas: drawn the same whatever
    ``MPLBACKEND`` says, and never shown by pyplot (nothing to close)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    return fig, fig.subplots()


def save_figure(
    fig: mpl.figure.Figure, out_dir: str | Path, name: str, *, dpi: int = 150
) -> list[Path]:
    """Save ``fig`` as ``out_dir/name.png`` and ``out_dir/name.svg``, cropped to what
    it draws (the crop is worked out once, for both files).

    The files are reproducible: no timestamps in the metadata and a fixed SVG id salt,
    so the same figure gives the same bytes. Returns the two paths.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{name}.png", out / f"{name}.svg"]
    with mpl.rc_context({"svg.hashsalt": name, "svg.fonttype": "none"}):
        fig.canvas.draw()
        crop = fig.get_tightbbox(fig.canvas.get_renderer()).padded(0.08)
        fig.savefig(paths[0], dpi=dpi, bbox_inches=crop, metadata={"Software": None})
        fig.savefig(paths[1], bbox_inches=crop, metadata={"Date": None, "Creator": None})
    return paths


def legend_below(ax: Axes, handles, *, ncol: int | None = None, **kwargs):
    """A legend under the axes, below its tick labels and axis label, so it never
    covers the data; at most three entries a row."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    box = ax.get_tightbbox(renderer)
    bottom = ax.transAxes.inverted().transform((0, box.y0))[1] if box is not None else -0.15
    return ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, bottom - 0.02),
        ncol=ncol or min(len(handles), 3),
        frameon=False,
        fontsize=SMALL,
        **kwargs,
    )


def section_labels(
    ax: Axes, starts: list[tuple[float, str]], end: float, y: float, *, above: bool = True
) -> int:
    """Label each section at its start (``starts``: x where it starts, its heading),
    wrapped to the room before the next one; a label that would overlap one already
    placed moves to a second row, and is left out when it overlaps there too. ``y`` is
    where the first row sits (in data coordinates); rows go up when ``above``, down
    otherwise. Returns how many labels were left out."""
    renderer = ax.figure.canvas.get_renderer()
    placed = []
    skipped = 0
    em = SMALL * ax.figure.dpi / 72 * 0.55  # the width of an average character, in pixels
    for k, (start, heading) in enumerate(starts):
        stop = starts[k + 1][0] if k + 1 < len(starts) else end
        left = ax.transData.transform((start, y))[0]
        right = ax.transData.transform((stop, y))[0]
        label = wrap(heading, max(int((right - left) / em) - 1, 6), lines=2)
        for row in (0, 1):
            text = ax.annotate(
                label,
                (start, y),
                xytext=(2, (1 if above else -1) * row * 2.4 * SMALL),
                textcoords="offset points",
                ha="left",
                va="bottom" if above else "top",
                fontsize=SMALL,
                color="#333333",
            )
            box = text.get_window_extent(renderer)
            if not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            text.remove()
        else:
            skipped += 1
    return skipped
