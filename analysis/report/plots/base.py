"""What every plot function shares: the project's colours, text drawn as written (never
as mathtext), wrapping, label placement without overlaps, and :func:`save_figure`.

Plot functions draw and nothing else: a tidy DataFrame in, ``ax=`` in, the Axes out; no
``plt.show()``, no saving, no global style changes (apply the report style with
``matplotlib.style.context(analysis.paths.STYLE_FILE)`` around the call).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import matplotlib as mpl
import yaml
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

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
    "fitted_figure",
    "placed_by_measure",
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
    """``text`` wrapped at ``width`` characters, never inside a word; at most ``lines``
    lines, a word or line longer than the room cut with an ellipsis; drawn as plain text."""
    width = max(4, width)
    parts = textwrap.wrap(str(text), width, break_long_words=False) or [""]
    cut = len(parts) > lines
    parts = parts[:lines]
    parts = [p if len(p) <= width else p[: width - 1].rstrip() + "…" for p in parts]
    if cut and not parts[-1].endswith("…"):
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return plain("\n".join(parts))


# ---------------------------------------------------------------------- tone
def despine(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def place_labels(ax: Axes, items: list[tuple[float, float, str]]) -> None:
    """Greedy, deterministic label placement: try eight offsets around each point and
    keep the first whose box overlaps no placed label and stays inside the axes."""
    fig = ax.figure
    placed_by_measure(ax)
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


def new_figure(
    width: float, height: float, *, left: float | None = None, right: float | None = None
):
    """A figure and its Axes on their own Agg canvas: drawn the same whatever
    ``MPLBACKEND`` says, and never shown by pyplot (nothing to close). ``left`` and
    ``right`` place the Axes (fractions of the width), as ``subplots_adjust`` does."""
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    if left is not None or right is not None:
        fig.subplots_adjust(left=left, right=right)
    return fig, fig.subplots()


#: Set on an Axes whose labels were placed by measuring the drawing (so a narrower Axes
#: needs them placed again): see :func:`placed_by_measure`.
_MEASURED = "_framing_placed_by_measure"


def placed_by_measure(ax: Axes) -> None:
    """Note that ``ax`` has labels placed by measuring it (without overlap, wrapped to
    the room): :func:`fitted_figure` then draws it again rather than moving it."""
    setattr(ax, _MEASURED, True)


def fitted_figure(draw: Callable[[Axes], object], width: float, height: float):
    """A figure ``width`` inches wide, everything it draws included, so that its text
    keeps its size wherever the figure is shown at that width (a phone included).

    ``draw(ax)`` draws into the Axes. When labels reach past either side (long actor
    names, the last tick label), or leave room unused, the figure is drawn again with
    the Axes moved by as much (drawn again, not squeezed, so labels placed without
    overlap are placed anew).
    Titles then start at the figure's left edge and wrap within its width. Returns the
    figure, drawn."""
    fig, ax = new_figure(width, height)
    draw(ax)
    _wrap_ylabels(fig)
    margin = 0.04
    for _ in range(2):
        left, right = _overhang(fig, width)
        if abs(left - margin) + abs(right - margin) <= 0.08:
            break
        pars = fig.subplotpars
        new_left = pars.left - (left - margin) / width
        new_right = pars.right + (right - margin) / width
        if new_right - new_left < 0.25:  # labels this long would leave no room for the data
            break
        if any(getattr(a, _MEASURED, False) for a in fig.axes):
            fig, ax = new_figure(width, height, left=new_left, right=new_right)
            draw(ax)
        else:
            fig.subplots_adjust(left=new_left, right=new_right)
        _wrap_ylabels(fig)
    _fit_titles(fig, width)
    return fig


def _wrap_ylabels(fig) -> None:
    """A y-axis label longer than its axis is tall wraps (between words)."""
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        label = ax.yaxis.label
        if label.get_text():
            _wrap_to(label, ax.get_window_extent(renderer).height, renderer, along="height")


def _movable(fig) -> list:
    """What :func:`_fit_titles` fits afterwards: titles, axis labels, legends below."""
    out = []
    for ax in fig.axes:
        out += [t for t in (ax.title, ax._left_title, ax._right_title) if t.get_text()]
        out += [ax.xaxis.label] if ax.xaxis.label.get_text() else []
        legend = ax.get_legend()
        if legend is not None and legend._loc == 9:
            out.append(legend)
    return out


def _overhang(fig, width: float) -> tuple[float, float]:
    """The room (inches) between the figure's left and right edges and what it draws,
    negative where the drawing reaches past the edge; leaving out what is fitted
    afterwards (titles, axis labels, legends below)."""
    hidden = [a for a in _movable(fig) if a.get_visible()]
    for artist in hidden:
        artist.set_visible(False)
    fig.draw_without_rendering()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    for artist in hidden:
        artist.set_visible(True)
    return box.x0, width - box.x1


def _fit_titles(fig, width: float) -> None:
    """What may run past the figure's sides, brought inside it: each Axes' left title
    starts at the left edge of what the figure draws and wraps (never inside a word)
    before the right edge; an axis label too long wraps; a legend below is centred
    under the figure, with fewer columns when it is still too wide."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    edge = max(0.0, fig.get_tightbbox(renderer).x0 * fig.dpi)
    right = width * fig.dpi
    for ax in fig.axes:
        frame = ax.get_window_extent(renderer)
        title = ax._left_title
        if title.get_text():
            title.set_x((edge - frame.x0) / frame.width)
            _wrap_to(title, right - edge, renderer)
            _clear_of_ticks(ax, title, renderer)
        label = ax.xaxis.label
        if label.get_text():
            box = label.get_window_extent(renderer)
            if label.get_ha() == "left":  # a key under the axis: from the figure's edge
                label.set_x((edge - frame.x0) / frame.width)
                _wrap_to(label, right - edge, renderer)
            elif box.x0 < 0 or box.x1 > right:
                middle = box.x0 + box.width / 2
                _wrap_to(label, 2 * min(middle - edge, right - middle), renderer)
    legends = [(ax, ax.get_legend()) for ax in fig.axes if ax.get_legend() is not None]
    if legends:
        fig.draw_without_rendering()
        for ax, legend in legends:
            _fit_legend(ax, legend, edge, right, renderer)


def _clear_of_ticks(ax, title, renderer) -> None:
    """Raise a title moved over the tick labels until it clears the highest of them."""
    box = title.get_window_extent(renderer)
    labels = [t for t in ax.get_yticklabels() if t.get_visible() and t.get_text()]
    tops = [t.get_window_extent(renderer) for t in labels]
    clash = [b.y1 for b in tops if b.overlaps(box)]
    if clash:
        frame = ax.get_window_extent(renderer)
        raise_by = (max(clash) - box.y0 + 3) / frame.height
        x, y = title.get_position()
        ax.set_title(title.get_text(), loc="left", x=x, y=y + raise_by)


def _wrap_to(text, room: float, renderer, along: str = "width") -> None:
    """Wrap ``text`` (a Text) between words so that it is at most ``room`` pixels long
    (``along`` its width, or its height for a vertical label)."""
    words = " ".join(text.get_text().split())
    width = getattr(text.get_window_extent(renderer), along)
    if width <= room or not words:
        return
    per_char = width / max(len(text.get_text().replace("\n", "")), 1)
    chars = max(8, int(room / max(per_char, 1e-6)) - 1)
    text.set_text("\n".join(textwrap.wrap(words, chars, break_long_words=False)))


def _fit_legend(ax, legend, edge: float, right: float, renderer) -> None:
    """A legend below the data (``legend_below``) placed again under everything else
    of its Axes (an axis label wrapped since), centred under the figure, with fewer
    columns while it is wider than the figure."""
    if legend._loc != 9:  # only legends hung below the data move
        return
    frame = ax.get_window_extent(renderer)
    legend.set_visible(False)
    bottom = ax.get_tightbbox(renderer).y0
    legend.set_visible(True)
    middle = ((edge + right) / 2 - frame.x0) / frame.width
    legend.set_bbox_to_anchor(
        (middle, (bottom - frame.y0) / frame.height - 0.02), transform=ax.transAxes
    )
    columns = legend._ncols
    while columns > 1 and legend.get_window_extent(renderer).width > right - edge:
        columns -= 1
        legend.set_ncols(columns)


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
        fig.draw_without_rendering()
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
    placed_by_measure(ax)
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
