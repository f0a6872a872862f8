"""Charts drawn on the server as SVG with pygal: no JavaScript, no CDN.

A :class:`Chart` carries its SVG as a ``data:`` URL (an ``<img>`` in the page and in the PDF,
which WeasyPrint draws) and the same figures as rows, which the templates show as a table
beside the chart for screen readers (``evaluations/reports/_chart.html``). Labels are escaped
by pygal inside the SVG; the data URL is base64, so the template never marks anything safe.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import pygal
from pygal.style import Style

# Bootstrap's palette, and the only font the PDF renderer has (see FIELD-NOTES: DejaVu).
STYLE = Style(
    font_family="DejaVu Sans, sans-serif",
    background="white",
    plot_background="white",
    colors=("#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#dc3545"),
    title_font_size=16,
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    value_font_size=11,
)


Number = int | float | Decimal
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)


@dataclass(frozen=True)
class Chart:
    title: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[Number, ...]], ...]
    data_url: str

    @property
    def rows(self) -> list[tuple[str, list[Number]]]:
        """One row per label: its value in each series (the accessible table)."""
        return [(label, [values[i] for _name, values in self.series]) for i, label in enumerate(self.labels)]

    @property
    def series_names(self) -> list[str]:
        return [name for name, _values in self.series]

    @property
    def is_empty(self) -> bool:
        return not self.labels


@functools.lru_cache(maxsize=256)
def _svg(
    title: str, labels: tuple[str, ...], series: tuple[tuple[str, tuple[Number, ...]], ...], horizontal: bool
) -> str:
    """The SVG of one chart. The same figures give the same drawing: cached per process."""
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = kind(
        js=[],  # pygal's default loads its tooltips from a CDN
        style=STYLE,
        width=720,
        height=360 if not horizontal else max(240, 40 * len(labels) + 120),
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        print_values=False,
        truncate_label=40,
        x_label_rotation=0 if horizontal or len(labels) <= 6 else 30,
    )
    chart.title = title
    chart.x_labels = list(labels)
    for name, values in series:
        chart.add(name, [float(v) for v in values])
    svg: str = chart.render(is_unicode=True)
    # pygal always writes its configuration as a <script> for its tooltips; an image runs no
    # script, but the drawing needs none: drop it (its text is XML-escaped, so the first
    # closing tag is its own).
    svg = _SCRIPT.sub("", svg)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def bar_chart(
    *, title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[Number]]], horizontal: bool = False
) -> Chart:
    """A bar chart with one bar per label in each series."""
    frozen_labels = tuple(str(label) for label in labels)
    frozen_series = tuple((str(name), tuple(values)) for name, values in series)
    data_url = _svg(str(title), frozen_labels, frozen_series, horizontal) if frozen_labels else ""
    return Chart(title=str(title), labels=frozen_labels, series=frozen_series, data_url=data_url)
