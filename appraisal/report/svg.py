"""Minimal SVG writing for the paper's charts: escaped text, fixed-precision numbers
(same inputs, same bytes) and an accessible frame (``role="img"``, ``<title>``,
``<desc>`` referenced by ``aria-labelledby``)."""

from __future__ import annotations

from html import escape

FONT = "Arial, Helvetica, 'Liberation Sans', sans-serif"

# Paul Tol's colour-blind-safe qualitative schemes ("muted" then "bright" extras),
# https://personal.sron.nl/~pault/ (2021), enough for 14 series.
PALETTE = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677",
           "#882255", "#AA4499", "#DDDDDD", "#4477AA", "#EE6677", "#228833", "#CCBB44")


def esc(text: str) -> str:
    """Escape text for SVG/XML content and attribute values."""
    return escape(text, quote=True)


def n(x: float) -> str:
    """A coordinate with two decimals and no "-0.00"."""
    s = f"{x:.2f}"
    return "0.00" if s == "-0.00" else s


def frame(chart_id: str, width: float, height: float, title: str, desc: str,
          body: list[str]) -> str:
    """Wrap ``body`` elements in an accessible, self-contained SVG document."""
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" id="{esc(chart_id)}" '
            f'class="chart" role="img" width="{n(width)}" height="{n(height)}" '
            f'viewBox="0 0 {n(width)} {n(height)}" '
            f'aria-labelledby="{esc(chart_id)}-title {esc(chart_id)}-desc" '
            f'font-family="{esc(FONT)}" font-size="11">')
    return "\n".join([
        head,
        f'<title id="{esc(chart_id)}-title">{esc(title)}</title>',
        f'<desc id="{esc(chart_id)}-desc">{esc(desc)}</desc>',
        f'<rect x="0" y="0" width="{n(width)}" height="{n(height)}" fill="#ffffff"/>',
        *body,
        "</svg>",
    ])


def text(x: float, y: float, content: str, anchor: str = "start", size: float = 11,
         weight: str = "normal", fill: str = "#1a1a1a", extra: str = "") -> str:
    """A text element (``anchor``: start, middle or end)."""
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return (f'<text x="{n(x)}" y="{n(y)}" text-anchor="{anchor}" font-size="{n(size)}"'
            f'{bold} fill="{fill}"{extra}>{esc(content)}</text>')


def rect(x: float, y: float, w: float, h: float, fill: str, label: str = "",
         stroke: str = "none") -> str:
    """A rectangle; ``label`` becomes a tooltip ``<title>`` (escaped)."""
    tip = f"<title>{esc(label)}</title>" if label else ""
    return (f'<rect x="{n(x)}" y="{n(y)}" width="{n(max(w, 0.0))}" height="{n(max(h, 0.0))}" '
            f'fill="{fill}" stroke="{stroke}">{tip}</rect>')


def line(x1: float, y1: float, x2: float, y2: float, stroke: str = "#555555",
         width: float = 1.0, dash: str = "") -> str:
    d = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{n(x1)}" y1="{n(y1)}" x2="{n(x2)}" y2="{n(y2)}" stroke="{stroke}" '
            f'stroke-width="{n(width)}"{d}/>')


def polyline(points: list[tuple[float, float]], stroke: str, width: float = 2.0,
             label: str = "", dash: str = "") -> str:
    pts = " ".join(f"{n(x)},{n(y)}" for x, y in points)
    tip = f"<title>{esc(label)}</title>" if label else ""
    d = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<polyline points="{pts}" fill="none" stroke="{stroke}" '
            f'stroke-width="{n(width)}"{d}>{tip}</polyline>')


def circle(x: float, y: float, r: float, fill: str, label: str = "") -> str:
    tip = f"<title>{esc(label)}</title>" if label else ""
    return f'<circle cx="{n(x)}" cy="{n(y)}" r="{n(r)}" fill="{fill}">{tip}</circle>'


def truncate(label: str, limit: int) -> str:
    """Shorten a long label for an axis (the full text stays in the data table)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "\u2026"
