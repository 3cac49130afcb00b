"""Small inline SVG charts for the HTML reports (no libraries, works offline). Pure."""

from __future__ import annotations

from html import escape

WIDTH, HEIGHT = 420, 175
PAD_L, PAD_R, PAD_T, PAD_B = 44, 12, 36, 30


def line_chart(
    title: str,
    labels: list[str],
    series: dict[str, list[float | None]],
    *,
    y_min: float = 0.0,
    y_max: float | None = None,
    reference: float | None = None,
    reference_label: str = "",
    unit: str = "",
    colors: tuple[str, ...] = ("#2563eb", "#d97706", "#059669", "#7c3aed"),
) -> str:
    values = [v for vs in series.values() for v in vs if v is not None]
    highest = max(values + ([reference] if reference is not None else []) + [0.0])
    if y_max is not None:
        top = y_max
    elif y_min < 0:  # over or under a target: a margin of the range above the highest point, not of its value
        top = highest + 0.1 * ((highest - y_min) or 1.0)
    else:
        top = max(highest, 1.0) * 1.1
    plot_w, plot_h = WIDTH - PAD_L - PAD_R, HEIGHT - PAD_T - PAD_B
    n = max(1, len(labels) - 1)

    def x(i: int) -> float:
        return PAD_L + (plot_w * i / n if len(labels) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return PAD_T + plot_h * (1 - (v - y_min) / (top - y_min or 1))

    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">',
             f'<text x="{PAD_L}" y="14" class="chart-title">{escape(title)}</text>',
             f'<line x1="{PAD_L}" y1="{PAD_T + plot_h}" x2="{WIDTH - PAD_R}" y2="{PAD_T + plot_h}" class="axis"/>']
    # Ticks at the bottom, the middle and the top; a signed axis marks its zero instead of the middle, and
    # leaves out a top too close to it to read ("-87, 0", not "-87, -43, 1").
    ticks = [y_min, y_min + (top - y_min) / 2, top]
    if y_min < 0 < top:
        ticks = [y_min, 0.0] + ([top] if top >= 0.25 * (top - y_min) else [])
    for v in ticks:
        parts.append(f'<text x="{PAD_L - 6}" y="{y(v) + 4:.1f}" class="tick" text-anchor="end">{v:.0f}{escape(unit)}</text>')
    if reference is not None:
        parts.append(f'<line x1="{PAD_L}" y1="{y(reference):.1f}" x2="{WIDTH - PAD_R}" y2="{y(reference):.1f}" class="reference"/>'
                     f'<text x="{WIDTH - PAD_R}" y="{y(reference) - 4:.1f}" class="tick" text-anchor="end">{escape(reference_label)}</text>')
    step = max(1, len(labels) // 6)
    shown = None
    for i, label in enumerate(labels):
        # A date once, however many answers that day had (it was written under each of them), and the last
        # one inside the frame, not cut by its edge.
        if (i % step == 0 or i == len(labels) - 1) and label != shown:
            anchor = "end" if i == len(labels) - 1 and i else "middle"
            parts.append(f'<text x="{x(i):.1f}" y="{HEIGHT - 10}" class="tick" text-anchor="{anchor}">{escape(label)}</text>')
            shown = label
    for (name, vs), color in zip(series.items(), colors):
        points = [(x(i), y(v)) for i, v in enumerate(vs) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
        for px, py in points:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{color}"><title>{escape(name)}</title></circle>')
    for k, (name, color) in enumerate(zip(series, colors)):  # legend on its own line, under the title
        parts.append(f'<rect x="{PAD_L + k * 110}" y="19" width="10" height="10" fill="{color}"/>'
                     f'<text x="{PAD_L + k * 110 + 14}" y="28" class="tick">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(title: str, rows: list[tuple[str, float]], *, unit: str = "", color: str = "#2563eb") -> str:
    """Horizontal bars, one per row (a zero shows as an empty bar, which is the point for coverage)."""
    row_h, label_w = 18, 290
    height = PAD_T + row_h * len(rows) + 8
    top = max([v for _, v in rows] + [1])
    width = 680
    parts = [f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
             f'<text x="4" y="14" class="chart-title">{escape(title)}</text>']
    for i, (label, value) in enumerate(rows):
        y0 = PAD_T + i * row_h
        w = (width - label_w - 50) * value / top
        style = "" if value else ' class="empty"'
        parts.append(f'<text x="{label_w - 6}" y="{y0 + 12}" class="tick" text-anchor="end">{escape(label)}</text>'
                     f'<rect x="{label_w}" y="{y0 + 2}" width="{max(w, 1):.1f}" height="{row_h - 5}" fill="{color}"{style}/>'
                     f'<text x="{label_w + w + 5:.1f}" y="{y0 + 12}" class="tick">{value:g}{escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)
