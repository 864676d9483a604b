"""Charts of the annual report as inline SVG, drawn by matplotlib.

Imported only by `report`: matplotlib takes half a second to load. The SVG is the same
bytes on every run (a fixed ``svg.hashsalt``, no date in the metadata) and needs no font
(text is drawn as paths with matplotlib's own DejaVu Sans), so the report opens and prints
the same everywhere, offline. Each chart's ids get a prefix of their own: several SVGs
live in one HTML page, and an id must be unique in it.
"""

from __future__ import annotations

import io
import math
import re
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentorcli.reports.annual import Chart

COLOURS = ("#1f5f8b", "#e0812f", "#3c8d4f", "#8c5aa6")
HIDDEN = "hidden"


def _setup() -> Any:
    import matplotlib

    matplotlib.use("svg")
    from matplotlib import pyplot

    matplotlib.rcParams.update(
        {
            "svg.hashsalt": "mentorcli",
            "svg.fonttype": "path",
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titleweight": "bold",
            "axes.titlesize": 10,
        }
    )
    return pyplot


def svg(chart: Chart, number: int) -> str:
    """The chart as an ``<svg>`` element to put in HTML (no XML prologue)."""
    pyplot = _setup()
    horizontal = chart["kind"] == "barh"
    # A horizontal bar chart sits beside its table (templates/annual.html.j2): narrower.
    height = 0.7 + 0.28 * len(chart["categories"]) if horizontal else 2.8
    fig, ax = pyplot.subplots(
        figsize=(4.6 if horizontal else 6.4, max(2.0, height)), layout="constrained"
    )
    try:
        _draw(ax, chart)
        # over the whole figure, not the axes: long category names push the axes right
        fig.suptitle(chart["title"], x=0.01, ha="left", fontsize=10, fontweight="bold")
        ax.set_xlabel(chart["xlabel"])
        ax.set_ylabel(chart["ylabel"])
        if len(chart["series"]) > 1:
            ax.legend(frameon=False, fontsize=8, loc="best")
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    finally:
        pyplot.close(fig)
    return _inline(out.getvalue(), f"c{number}-", chart["title"])


def _draw(ax: Any, chart: Chart) -> None:
    from matplotlib.ticker import MaxNLocator

    # counts of people and duos: no tick at 0.5 of a person
    axis = ax.xaxis if chart["kind"] == "barh" else ax.yaxis
    axis.set_major_locator(MaxNLocator(integer=True))
    categories = chart["categories"]
    positions = list(range(len(categories)))
    series = chart["series"]
    top = max([v or 0 for _, values in series for v in values] + [1])
    if chart["kind"] == "line":
        for i, (name, values) in enumerate(series):
            # a hidden year breaks the line: no stroke across what is not shown
            ax.plot(
                positions,
                [math.nan if v is None else v for v in values],
                marker="o",
                color=COLOURS[i % len(COLOURS)],
                label=name,
            )
        ax.set_xticks(positions, categories)
        ax.set_ylim(0, top * 1.15)
        return
    width = 0.8 / len(series)
    for i, (name, values) in enumerate(series):
        offset = (i - (len(series) - 1) / 2) * width
        at = [p + offset for p in positions]
        heights = [v or 0 for v in values]
        colour = COLOURS[i % len(COLOURS)]
        if chart["kind"] == "barh":
            bars = ax.barh(at, heights, height=width, color=colour, label=name)
        else:
            bars = ax.bar(at, heights, width=width, color=colour, label=name)
        labels = [HIDDEN if v is None else f"{v:g}" for v in values]
        ax.bar_label(bars, labels=labels, padding=2, fontsize=7)
    if chart["kind"] == "barh":
        ax.set_yticks(positions, categories)
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.2)
    else:
        ax.set_xticks(positions, categories)
        ax.set_ylim(0, top * 1.2)


_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)


def _inline(text: str, prefix: str, title: str) -> str:
    """Drop the XML prologue and make every id unique to this chart."""
    text = _PROLOGUE.sub("", text, count=1)
    text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', text)
    text = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", text)
    # Inline SVG in HTML needs no namespaces, and the metadata names licences by URL: a
    # reader (and the tests) should find no web address in the file at all.
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, count=1, flags=re.S)
    text = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", text)
    return text.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)
