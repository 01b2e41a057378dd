"""Minimal SVG writing for the paper's charts: escaped text, fixed-precision numbers
(same inputs, same bytes) and an accessible frame (``role="img"``, ``<title>``,
``<desc>`` referenced by ``aria-labelledby``)."""

from __future__ import annotations

from html import escape

FONT = "Arial, Helvetica, 'Liberation Sans', sans-serif"

# Colours from Paul Tol's colour-blind-safe schemes (https://personal.sron.nl/~pault/,
# 2021: "vibrant", "muted", "high-contrast") and ColorBrewer's diverging sets, keeping
# only those with a contrast of at least 3:1 against white (WCAG 2.1 SC 1.4.11, non-text
# contrast; tests/test_charts.py checks it), enough for 14 series.
PALETTE = ("#332288", "#0077BB", "#009988", "#117733", "#997700", "#CC3311", "#EE3377",
           "#882255", "#666666", "#B35806", "#762A83", "#666633", "#004488", "#AA4499")
INK = "#1a1a1a"


def luminance(colour: str) -> float:
    """Relative luminance of "#rrggbb" (WCAG 2.1)."""
    rgb = [int(colour[k:k + 2], 16) / 255 for k in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str = "#ffffff") -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ink_on(background: str) -> str:
    """Black or white text, whichever contrasts more with ``background`` (pure black, so
    that every background reaches 4.5:1 with one or the other)."""
    black = "#000000"
    return black if contrast(black, background) >= contrast("#ffffff", background) else "#ffffff"


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
            f'aria-labelledby="{esc(chart_id)}-title" '
            f'font-family="{esc(FONT)}" font-size="11">')
    return "\n".join([
        head,
        # the title carries the description too: PDF readers take a figure's alternative
        # text from the SVG's <title> alone
        f'<title id="{esc(chart_id)}-title">{esc(title)}. {esc(desc)}</title>',
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


def wrap(label: str, limit: int, lines: int = 2) -> list[str]:
    """``label`` on at most ``lines`` lines of at most ``limit`` characters, broken between
    words; only the last line is shortened (with an ellipsis) if it must be, so the start
    of a label, which identifies the option ("6. Strategic partnership..."), is kept."""
    words, out, line = label.split(), [], ""
    for k, word in enumerate(words):
        trial = f"{line} {word}".strip()
        if len(trial) <= limit or not line:
            line = trial
            continue
        out.append(line)
        line = word
        if len(out) == lines - 1:
            line = " ".join(words[k:])
            break
    out.append(line)
    return [truncate(x, limit) for x in out[:lines]]


def text_lines(x: float, y: float, lines: list[str], anchor: str = "start",
               size: float = 11, gap: float = 11.0, fill: str = INK) -> str:
    """Text on several lines centred on ``y`` (the baseline of a single line)."""
    if len(lines) == 1:
        return text(x, y, lines[0], anchor=anchor, size=size, fill=fill)
    top = y - gap * (len(lines) - 1) / 2
    spans = "".join(f'<tspan x="{n(x)}" y="{n(top + k * gap)}">{esc(t)}</tspan>'
                    for k, t in enumerate(lines))
    return (f'<text x="{n(x)}" y="{n(top)}" text-anchor="{anchor}" font-size="{n(size)}" '
            f'fill="{fill}">{spans}</text>')


def truncate(label: str, limit: int) -> str:
    """Shorten a long label for an axis (the full text stays in the data table)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "\u2026"
