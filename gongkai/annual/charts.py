"""Bar charts as inline SVG, drawn on the server: no script, no external resource, readable without CSS
(every bar has a <title> and the figures also appear in a table beside the chart)."""

from __future__ import annotations

from decimal import Decimal
from html import escape

WIDTH, HEIGHT = 420, 220
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 48, 12, 24, 36


def _fmt(value) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def bar_chart(
    title: str, labels: list[str], values: list[int | Decimal], *, highlight: int | None = None
) -> str:
    """One series of bars with a y axis of round ticks; `highlight` marks the current year's bar."""
    top = max([v for v in values if v is not None] + [0])
    scale_max = _nice(top)
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    n = max(len(values), 1)
    slot = plot_w / n
    bar_w = slot * 0.6
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{PAD_LEFT}" y="14" class="chart-title">{escape(title)}</text>',
    ]
    for i in range(5):
        tick = scale_max * i / 4
        y = PAD_TOP + plot_h - plot_h * i / 4
        out.append(f'<line x1="{PAD_LEFT}" y1="{y:.1f}" x2="{WIDTH - PAD_RIGHT}" y2="{y:.1f}" class="grid"/>')
        label = f"{tick:,.0f}" if tick == int(tick) else f"{tick:,.1f}"
        out.append(f'<text x="{PAD_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{label}</text>')
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        value = value or 0
        h = 0 if not scale_max else plot_h * float(value) / float(scale_max)
        x = PAD_LEFT + slot * i + (slot - bar_w) / 2
        y = PAD_TOP + plot_h - h
        css = "bar current" if i == highlight else "bar"
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" class="{css}">'
            f"<title>{escape(label)}：{_fmt(value)}</title></rect>"
        )
        out.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" class="value">{_fmt(value)}</text>'
        )
        out.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{HEIGHT - PAD_BOTTOM + 16}" text-anchor="middle" class="tick">'
            f"{escape(label)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _nice(value) -> float:
    """The smallest 1/2/5×10ⁿ at or above `value` (at least 4, so small counts get whole ticks)."""
    value = float(value)
    if value <= 4:
        return 4.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 4, 5, 10):
        if step * magnitude >= value:
            return float(step * magnitude)
    return float(10 * magnitude)
