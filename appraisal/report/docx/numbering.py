"""Word's own paragraph numbering: one numbering definition ("1." for the body, "(a)" for
the recommendation's items) and the numbered, bookmarked paragraphs that use it, so
inserting a paragraph renumbers the rest."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from .writer import HANG, Writer


def numbering(doc: DocumentObject) -> int:
    """Add one numbering definition to the document's numbering part, level 0 "1."
    (hanging 1 cm) and level 1 "(a)" (hanging 1 cm, indented 1 cm more), under ids
    unused by the document (a reference document may have its own); return its numId."""
    part = doc.part.numbering_part.element
    used_abstract = [int(a.get(qn("w:abstractNumId")))
                     for a in part.iter(qn("w:abstractNum"))]
    used_num = [int(x.get(qn("w:numId"))) for x in part.iter(qn("w:num"))]
    abstract_id, num_id = max(used_abstract, default=-1) + 1, max(used_num, default=0) + 1
    hang = int(HANG.twips)
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{hang}"/></w:tabs>'
        f'<w:ind w:left="{hang}" w:hanging="{hang}"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{2 * hang}"/></w:tabs>'
        f'<w:ind w:left="{2 * hang}" w:hanging="{hang}"/></w:pPr>'
        '<w:rPr><w:b/></w:rPr></w:lvl>'
        '</w:abstractNum>')
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                    f'<w:abstractNumId w:val="{abstract_id}"/></w:num>')
    first_num = part.find(qn("w:num"))
    if first_num is not None:  # abstract definitions come before the instances
        first_num.addprevious(abstract)
    else:
        part.append(abstract)
    part.append(num)
    return num_id


def numbered(w: Writer, number: str, text: str, level: int = 0,
             bold: bool = False) -> Paragraph:
    """A paragraph of the Word list (its number is Word's), bookmarked ``para_N``."""
    p = w.doc.add_paragraph()
    p_pr = p._p.get_or_add_pPr()
    num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                       f'<w:numId w:val="{w.num_id}"/></w:numPr>')
    p_pr.insert(0, num_pr)
    if number and level == 0:
        w.bookmark += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(w.bookmark))
        start.set(qn("w:name"), f"para_{number}")
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(w.bookmark))
        p._p.append(start)
        p.add_run(text).bold = bold
        p._p.append(end)
    elif text:
        p.add_run(text).bold = bold
    return p
