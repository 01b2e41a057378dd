"""Write the paper in the requested formats: the library entry point behind
``appraisal report`` (it writes files, the CLI prints)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..pipeline import AppraisalResult
from ..writing import write_all
from . import FORMATS, SUFFIX
from .context import build_context


def _ignore_interrupts() -> None:
    """In the PDF worker: leave Ctrl-C to the main process, which ends the worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class PdfWorker:
    """Lays out the PDF in a separate process, so that WeasyPrint works on the second
    core while this one renders the other formats. The process is started by a fork
    server (never forked from this process, whose BLAS threads already run: a fork
    after threads can deadlock), which imports WeasyPrint before it is needed; it ignores
    Ctrl-C, which the main process handles by ending it. Where that start method is
    missing, the PDF is made in this process.

    The pool starts in a background thread as soon as the worker is made, so a caller
    that makes it before the analysis (as ``appraisal report`` does) has WeasyPrint
    imported by the time the paper is ready to lay out."""

    def __init__(self) -> None:
        self.pool: Any = None
        self._starting: threading.Thread | None = None
        if "forkserver" in multiprocessing.get_all_start_methods():
            self._starting = threading.Thread(target=self._start, daemon=True)
            self._starting.start()

    def _start(self) -> None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["appraisal.report.pdf", "weasyprint"])
        self.pool = ctx.Pool(1, initializer=_ignore_interrupts)

    def _ready(self) -> None:
        if self._starting is not None:
            self._starting.join()
            self._starting = None

    def submit(self, html: str, day: date) -> Callable[[], bytes]:
        from .pdf import render_pdf

        self._ready()
        if self.pool is None:
            return lambda: render_pdf(html, day)
        job = self.pool.apply_async(render_pdf, (html, day))
        return lambda: bytes(job.get())

    def close(self) -> None:
        self._ready()
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


def report_date(given: date | None = None) -> date:
    """The date printed on the paper: ``given``, else ``SOURCE_DATE_EPOCH`` (the
    reproducible-builds convention, seconds since 1970 UTC), else today."""
    if given is not None:
        return given
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970; "
                             f"found '{epoch}'") from None
    return date.today()


def read_reference(path: Path) -> bytes:
    """The bytes of a reference Word document, checked to be a plausible .docx."""
    from .docx import REFERENCE_LIMIT

    try:
        if not path.is_file():
            raise UsageError(f"no reference document at '{path}': expected a .docx file")
        if path.stat().st_size > REFERENCE_LIMIT:
            raise UsageError(f"the reference document '{path}' is larger than "
                             f"{REFERENCE_LIMIT // (1024 * 1024)} MiB")
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"the reference document '{path}' could not be read: "
                         f"{exc.strerror}") from None
    if not data.startswith(b"PK"):
        raise UsageError(f"the reference document '{path}' is not a Word (.docx) file")
    return data


def write_paper(result: AppraisalResult, out: Path, formats: Sequence[str] = FORMATS, *,
                when: date | None = None, template_dir: Path | None = None,
                stem: str = "paper", reference_docx: Path | None = None,
                worker: PdfWorker | None = None, source: str = "") -> list[Path]:
    """Lay out and write the paper of ``result`` (a :func:`appraisal.pipeline.run` with
    the sensitivity analysis) to ``out/<stem>.<ext>`` for each format; return the paths
    written, in the order of ``formats``. ``reference_docx`` lends its styles and page
    set-up to the Word paper; ``worker`` is a :class:`PdfWorker` made earlier (closed
    here); ``source`` is the appraisal's path as given, kept in the run record that
    ``appraisal verify`` reads. Every format is rendered before any file is
    written, and the files are written all or nothing, with ``out`` locked
    (:func:`appraisal.writing.write_all`: a paper a killed run left half switched is
    completed, and its temporary files removed, first), so the formats in ``out``
    always come from one run."""
    try:
        unknown = [f for f in formats if f not in FORMATS]
        if unknown:
            raise UsageError(f"unknown format '{unknown[0]}'; expected one of: "
                             + ", ".join(FORMATS))
        wanted = list(dict.fromkeys(formats or FORMATS))
        day = report_date(when)
        reference = None if reference_docx is None else read_reference(Path(reference_docx))
        context = build_context(result, day, source)
        if "pdf" in wanted and worker is None:
            worker = PdfWorker()
        rendered: dict[str, bytes] = {}
        html: str | None = None
        if "html" in wanted or "pdf" in wanted:
            from .html import render_html

            html = render_html(context, template_dir)
            rendered["html"] = html.encode("utf-8")
        pdf = worker.submit(html or "", day) if "pdf" in wanted and worker else None
        if "md" in wanted:
            from .markdown import render_markdown

            rendered["md"] = render_markdown(context, template_dir).encode("utf-8")
        if "docx" in wanted:
            from .docx import render_docx

            rendered["docx"] = render_docx(context, day, reference)
        if pdf is not None:
            rendered["pdf"] = pdf()
    finally:
        if worker is not None:
            worker.close()
    paths = [Path(out) / f"{stem}{SUFFIX[fmt]}" for fmt in wanted]
    write_all({path: rendered[fmt] for fmt, path in zip(wanted, paths, strict=True)},
              folder=Path(out))
    return paths
