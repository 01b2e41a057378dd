"""Write the paper in the requested formats: the library entry point behind
``appraisal report`` (it writes files, the CLI prints)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

from ..errors import UsageError
from ..pipeline import AppraisalResult
from ..writing import write_bytes, write_text
from . import FORMATS, SUFFIX
from .context import build_context


class _PdfWorker:
    """Lays out the PDF in a separate process, so that WeasyPrint works on the second
    core while this one writes the other formats. The process is started by a fork
    server (never forked from this process, whose BLAS threads already run: a fork
    after threads can deadlock); where that start method is missing, the PDF is made
    in this process."""

    def __init__(self) -> None:
        self.pool: ProcessPoolExecutor | None = None
        if "forkserver" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["appraisal.report.pdf"])
            self.pool = ProcessPoolExecutor(1, mp_context=ctx)

    def submit(self, html: str, day: date) -> Callable[[], bytes]:
        from .pdf import render_pdf

        if self.pool is None:
            return lambda: render_pdf(html, day)
        job = self.pool.submit(render_pdf, html, day)
        return lambda: bytes(job.result())

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


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


def write_paper(result: AppraisalResult, out: Path, formats: Sequence[str] = FORMATS, *,
                when: date | None = None, template_dir: Path | None = None,
                stem: str = "paper") -> list[Path]:
    """Lay out and write the paper of ``result`` (a :func:`appraisal.pipeline.run` with
    the sensitivity analysis) to ``out/<stem>.<ext>`` for each format; return the paths
    written (atomically), in the order of ``formats``."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown format '{unknown[0]}'; expected one of: "
                         + ", ".join(FORMATS))
    wanted = list(dict.fromkeys(formats or FORMATS))
    day = report_date(when)
    context = build_context(result, day)
    worker = _PdfWorker() if "pdf" in wanted else None
    try:
        html: str | None = None
        if "html" in wanted or worker is not None:
            from .html import render_html

            html = render_html(context, template_dir)
        pdf = worker.submit(html or "", day) if worker is not None else None
        written: list[Path] = []
        for fmt in wanted:
            path = Path(out) / f"{stem}{SUFFIX[fmt]}"
            if fmt == "pdf":
                continue
            if fmt == "html":
                write_text(path, html or "")
            elif fmt == "md":
                from .markdown import render_markdown

                write_text(path, render_markdown(context, template_dir))
            elif fmt == "docx":
                from .docx import render_docx

                write_bytes(path, render_docx(context, day))
            written.append(path)
        if pdf is not None:
            path = Path(out) / f"{stem}{SUFFIX['pdf']}"
            write_bytes(path, pdf())
            written.insert(wanted.index("pdf"), path)
        return written
    finally:
        if worker is not None:
            worker.close()
