"""The document being written and what every part of the Word writer shares: text Word
can hold, the page set-up, the house style and the orientation of the current section."""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar, cast

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.section import Section
from docx.shared import Cm, Emu, Pt, RGBColor

HANG = Cm(1.0)
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.0)
T = TypeVar("T")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text Word can hold: characters XML 1.0 forbids are dropped (the input format
    refuses control characters; this is the second guard)."""
    return _NOT_XML.sub("", text)


class Writer:
    """The document being written, with what the writer needs to remember: whether it
    uses the house style (no reference document), the bookmarks handed out, the current
    section's orientation, the numbering definition's id, and the styles it can use."""

    def __init__(self, doc: DocumentObject, house_style: bool) -> None:
        self.doc = doc
        self.house_style = house_style
        self.bookmark = 0
        self.landscape = False
        self.num_id = 0
        styles = {s.name for s in doc.styles}
        self.bullet_style = "List Bullet" if "List Bullet" in styles else None
        self.headings = {n for n in ("Heading 1", "Heading 2", "Heading 3") if n in styles}


def page(section: Section, landscape: bool, like: Section | None = None) -> None:
    """A4 (or the size of ``like``, the first section) in the orientation asked for, with
    the margins of ``like`` (default: the house margins; landscape pages narrower)."""
    width, height = int(A4[0]), int(A4[1])
    if like is not None and like.page_width and like.page_height:
        width, height = sorted((int(like.page_width), int(like.page_height)))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Emu(height), Emu(width)) if landscape else (Emu(width), Emu(height)))
    if like is None:
        section.left_margin = section.right_margin = MARGIN if not landscape else Cm(1.5)
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.2)
    else:
        section.left_margin, section.right_margin = like.left_margin, like.right_margin
        section.top_margin, section.bottom_margin = like.top_margin, like.bottom_margin


def house_style(doc: DocumentObject) -> None:
    """Arial 11 for the body; bold black Arial headings that keep with what follows."""
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    for name, size in (("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        style = doc.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(12 if name != "Heading 3" else 8), Pt(4)
        fmt.keep_with_next = True


def orientation(w: Writer, landscape: bool) -> None:
    """Start a new section (on a new page) when the orientation must change."""
    if landscape == w.landscape:
        return
    section = w.doc.add_section(WD_SECTION.NEW_PAGE)
    page(section, landscape, None if w.house_style else w.doc.sections[0])
    w.landscape = landscape


def text_width(section: Section) -> Emu:
    """The width between the margins of ``section``."""
    return Emu(int(section.page_width or 0) - int(section.left_margin or 0)
               - int(section.right_margin or 0))


def cleaned(value: T) -> T:
    """``value`` (the typed paper, or any part of it) with every text made safe for
    Word's XML (:func:`xml_text`), keys of mappings left as they are."""
    out: Any = value
    if isinstance(value, str):
        out = xml_text(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = dataclasses.replace(value, **{f.name: cleaned(getattr(value, f.name))
                                            for f in dataclasses.fields(value)})
    elif isinstance(value, tuple):
        out = tuple(cleaned(v) for v in value)
    elif isinstance(value, list):
        out = [cleaned(v) for v in value]
    elif isinstance(value, dict):
        out = {k: cleaned(v) for k, v in value.items()}
    return cast(T, out)
