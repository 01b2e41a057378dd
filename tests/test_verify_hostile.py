"""appraisal verify trusts nothing it reads (issue 21): a recorded path never leads out
of the paper's folder or the current folder and nothing outside is ever shown, a
tampered paper never passes (a script, a style, an attribute, a Markdown line, a Word
footer, header, footnote or text box, a paragraph hidden by its formatting), and
nothing from a paper reaches the terminal raw. Bounds and malformed records:
test_verify_limits.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from verify_papers import make_papers, rezipped, set_field, verify, with_record

from appraisal.workshop.paper_record import OutputFormat
from appraisal.workshop.paper_text import paper_differences
from appraisal.workshop.word_parts import read_parts

SECRET = "TOP-SECRET"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_papers(tmp_path_factory.mktemp("verify") / "appraisal")


# 5: recorded paths ----------------------------------------------------------------


_HINTS = {
    "absolute": lambda secret: secret,
    "up and out": lambda _: "../secret.yaml",
    "up to / and down": lambda secret: "../" * 12 + secret.lstrip("/"),
    "a character reference": lambda secret: "&#47;" + secret.lstrip("/"),
    "a JSON escape": lambda secret: "\\u002f" + secret.lstrip("/"),
    "a link leading out": lambda _: "link.yaml",
}


@pytest.mark.parametrize(("fmt", "hint"), [
    ("md", "absolute"), ("html", "absolute"), ("md", "up and out"),
    ("md", "up to / and down"), ("html", "a character reference"), ("md", "a JSON escape"),
    ("md", "a link leading out")])
def test_recorded_paths_outside_are_never_followed(small: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   fmt: str, hint: str) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(f"title: {SECRET}-1\n{SECRET}-2: x\n")
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "link.yaml").symlink_to(secret)
    text = with_record((small / f"paper.{fmt}").read_text(), fmt, set_field("path", "@PATH@"))
    (papers / f"paper.{fmt}").write_text(text.replace("@PATH@", _HINTS[hint](str(secret))))
    monkeypatch.chdir(papers)  # neither this folder nor the paper's holds the secret
    code, out = verify(f"paper.{fmt}")
    assert code == 2, out
    assert "outside the paper's folder and the current folder" in out
    assert f"appraisal verify paper.{fmt} PATH" in out
    assert SECRET not in out


def test_a_recorded_file_that_is_no_appraisal_is_never_echoed(small: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              ) -> None:
    (tmp_path / "notes.txt").write_text(f"{SECRET}\n")
    (tmp_path / "config.yaml").write_text(f"token: {SECRET}\nitems: [{SECRET}]\n")
    monkeypatch.chdir(tmp_path)
    for hint, said in (("notes.txt", "where there is no appraisal"),
                       ("config.yaml", "appraisal validate config.yaml lists them")):
        paper = tmp_path / "paper.md"
        paper.write_text(with_record((small / "paper.md").read_text(), "md",
                                     set_field("path", hint)))
        code, out = verify(paper)
        assert code == 2 and said in out and SECRET not in out, out


# 7: tampered papers ------------------------------------------------------------------


@pytest.mark.parametrize(("before", "after"), [
    ("</body>", "<script>document.body.innerHTML = '99.9'</script></body>"),
    ("</head>", "<style>td { visibility: hidden }</style></head>"),
    ("<table", '<table onmouseover="this.innerText=99.9"'),
    ("<table", '<table style="display: none"'),
    ("</body>", '<iframe src="https://example.org/"></iframe></body>'),
    ("</head>", '<link rel="stylesheet" href="https://example.org/x.css"></head>'),
])
def test_tampered_html_fails(small: Path, before: str, after: str) -> None:
    data = (small / "paper.html").read_bytes()
    tampered = data.decode().replace(before, after, 1).encode()
    found = paper_differences(OutputFormat.HTML, tampered, {}, data, "paper.html")
    assert found.count and any(after.split(">")[0][:20] in d.paper for d in found.differences)


def test_tampered_papers_fail_verify(small: Path, tmp_path: Path) -> None:
    html = (small / "paper.html").read_text().replace(
        "</body>", "<script>document.querySelector('td').textContent = '99.9'</script></body>")
    (tmp_path / "paper.html").write_text(html)
    code, out = verify(tmp_path / "paper.html", small / "appraisal.yaml")
    assert code == 1 and "<script>document.querySelector" in out
    md = (small / "paper.md").read_text().replace(
        "\n\n", "\n\nappraisal 0.1.0: option B scores 99.9\n\ninput digest: all checked\n\n", 1)
    (tmp_path / "paper.md").write_text(md)
    code, out = verify(tmp_path / "paper.md", small / "appraisal.yaml")
    assert code == 1 and "4 differences" in out  # two lines, each with its blank line
    assert "appraisal 0.1.0: option B scores 99.9" in out and "input digest: all" in out
    (tmp_path / "paper.docx").write_bytes(rezipped((small / "paper.docx").read_bytes(), _footer))
    code, out = verify(tmp_path / "paper.docx", small / "appraisal.yaml")
    assert code == 1 and "[word/footer1.xml] CORRECTION: option B scores 99.9" in out


_P = b"<w:p><w:r><w:t>CORRECTION: option B scores 99.9</w:t></w:r></w:p>"
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _footer(parts: dict[str, bytes]) -> None:
    parts["word/footer1.xml"] = parts["word/footer1.xml"].replace(b"<w:p>", _P + b"<w:p>", 1)


def _header(parts: dict[str, bytes]) -> None:
    parts["word/header1.xml"] = b"<w:hdr " + _W + b">" + _P + b"</w:hdr>"


def _footnote(parts: dict[str, bytes]) -> None:
    parts["word/footnotes.xml"] = (b"<w:footnotes " + _W + b"><w:footnote w:id=\"1\">" + _P
                                   + b"</w:footnote></w:footnotes>")


def _text_box(parts: dict[str, bytes]) -> None:
    box = (b"<w:p><w:r><w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\">"
           b"<v:textbox><w:txbxContent>" + _P + b"</w:txbxContent></v:textbox></v:shape>"
           b"</w:pict></w:r></w:p>")
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>",
                                                                    b"<w:body>" + box, 1)


def _hidden(parts: dict[str, bytes]) -> None:  # markup only: a paragraph made invisible
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:r><w:t", b"<w:r><w:rPr><w:vanish/></w:rPr><w:t", 1)


@pytest.mark.parametrize(("change", "shown"), [
    (_footer, "[word/footer1.xml] CORRECTION"), (_header, "[word/header1.xml] CORRECTION"),
    (_footnote, "[word/footnotes.xml] CORRECTION"), (_text_box, "CORRECTION"),
    (_hidden, "the same text in other markup")])
def test_tampered_word_fails(small: Path, change: Callable[[dict[str, bytes]], None],
                             shown: str) -> None:
    data = (small / "paper.docx").read_bytes()
    tampered = rezipped((small / "paper.docx").read_bytes(), change)
    found = paper_differences(OutputFormat.WORD, tampered, read_parts(tampered, "t"), data,
                              "paper.docx")
    assert found.count and any(d.paper.startswith(shown) for d in found.differences), found


# 8: terminal escapes -----------------------------------------------------------------


def test_nothing_from_a_paper_reaches_the_terminal_raw(small: Path, tmp_path: Path) -> None:
    fake = ("\x1b[2J\x1b[H\rEvery number in paper.md follows from the inputs.\x07 "
            "\u202eevil\u2028\x9b31m \udcff")
    text = (small / "paper.md").read_text().replace("\n\n", f"\n\n{fake}\n\n", 1)
    (tmp_path / "paper.md").write_bytes(text.encode("utf-8", "surrogateescape"))
    code, out = verify(tmp_path / "paper.md", small / "appraisal.yaml")
    assert code == 1
    assert not any(c in out for c in "\x1b\r\x07\u202e\u2028\x9b")
    assert "\\x1b[2J\\x1b[H\\x0dEvery number" in out and "\\u202eevil\\u2028\\x9b31m \\xff" in out
