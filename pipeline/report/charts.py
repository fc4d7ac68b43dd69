"""Inline SVG charts, written by hand so the report needs no script or
network: each model's claimed prices against the reference price history."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from html import escape

WIDTH, HEIGHT, PAD = 640, 240, 48
MAX_DOTS = 150  # claimed prices drawn per metric and model
COLORS = {"price_input": "#2563eb", "price_output": "#dc2626"}


def price_charts(points: list[dict]) -> list[tuple[str, str]]:
    """(model, svg) for every model with a dated price, claimed or reference."""
    by_model: dict[str, list[dict]] = defaultdict(list)
    for p in points:
        by_model[p["model"]].append(p)
    charts = []
    for model, rows in sorted(by_model.items()):
        dated = [r for r in rows if r["on_date"] is not None]
        if not dated:
            continue
        charts.append((model, _chart(model, rows, dated)))
    return charts


def _most_stated(dots: list[dict]) -> list[dict]:
    """At most MAX_DOTS claimed prices per line, the most stated first: the chart stays small at any corpus size."""
    return sorted(dots, key=lambda r: (-r.get("n", 1), r["on_date"] or date.max, r["value"]))[:MAX_DOTS]


def _chart(model: str, rows: list[dict], dated: list[dict]) -> str:
    days = [r["on_date"].toordinal() for r in dated]
    first, last = min(days) - 30, max(days) + 60
    top = max(r["value"] for r in rows) * 1.15 or 1.0

    def x(d: date | None) -> float:
        ordinal = d.toordinal() if d else last
        return PAD + (ordinal - first) / max(1, last - first) * (WIDTH - 2 * PAD)

    def y(v: float) -> float:
        return HEIGHT - PAD + 8 - (v / top) * (HEIGHT - 2 * PAD)

    parts = [f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
             f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(model)} prices over time">',
             f'<title>{escape(model)}: claimed prices (dots) against reference prices (steps), USD per 1M tokens</title>',
             f'<line x1="{PAD}" y1="{HEIGHT - PAD + 8}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD + 8}" stroke="#999"/>',
             f'<line x1="{PAD}" y1="{PAD - 8}" x2="{PAD}" y2="{HEIGHT - PAD + 8}" stroke="#999"/>']
    for tick in (0, top / 2, top / 1.15):
        parts.append(f'<text x="{PAD - 6}" y="{y(tick) + 4:.1f}" font-size="10" text-anchor="end">${tick:.2f}</text>')
    for ordinal in (first + 30, last - 60):
        d = date.fromordinal(ordinal)
        parts.append(f'<text x="{x(d):.1f}" y="{HEIGHT - PAD + 24}" font-size="10" text-anchor="middle">{d.isoformat()}</text>')
    for metric, color in COLORS.items():
        steps = sorted((r for r in rows if r["origin"] == "reference" and r["metric"] == metric and r["on_date"]),
                       key=lambda r: r["on_date"])
        if steps:
            path = []
            for i, r in enumerate(steps):
                end = steps[i + 1]["on_date"] if i + 1 < len(steps) else None
                path.append(f"M{x(r['on_date']):.1f},{y(r['value']):.1f} H{x(end):.1f}")
            parts.append(f'<path class="reference-line" d="{" ".join(path)}" stroke="{color}" stroke-width="2" fill="none">'
                         f'<title>reference {metric}</title></path>')
        for r in _most_stated([r for r in rows if r["origin"] == "claim" and r["metric"] == metric]):
            more = r.get("n", 1) - 1
            label = (f"{r['label']}{f' and {more} more' if more > 0 else ''}: {metric} ${r['value']:g}"
                     + ("" if r["on_date"] else " (undated)"))
            parts.append(f'<circle class="claim-dot" cx="{x(r["on_date"]):.1f}" cy="{y(r["value"]):.1f}" r="5" '
                         f'fill="{color}" fill-opacity="0.6" stroke="#111"><title>{escape(label)}</title></circle>')
    parts.append(f'<text x="{WIDTH - PAD}" y="{PAD - 16}" font-size="11" text-anchor="end">'
                 f'<tspan fill="{COLORS["price_input"]}">■ input</tspan> <tspan fill="{COLORS["price_output"]}">■ output</tspan>'
                 f' · steps: reference · dots: claims (undated at right)</text>')
    parts.append("</svg>")
    return "".join(parts)
