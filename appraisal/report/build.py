"""Write the paper in the requested formats: the library entry point behind
``appraisal report`` (it writes files, the CLI prints)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..models import Appraisal
from ..writing import write_bytes, write_text
from .context import build_context
from .inputs import gather

FORMATS = ("html", "md", "docx", "pdf")
SUFFIX = {"html": ".html", "md": ".md", "docx": ".docx", "pdf": ".pdf"}


def _import_weasyprint() -> None:
    import weasyprint  # noqa: F401


class _PdfWorker:
    """Lays out the PDF in a forked process, so that WeasyPrint (about two thirds of the
    run time) works on the second core while this one writes the other formats; its
    import starts at once, overlapping the analysis. Where ``fork`` is unavailable the
    PDF is made in this process."""

    def __init__(self) -> None:
        self.pool = None
        if "fork" in multiprocessing.get_all_start_methods():
            self.pool = multiprocessing.get_context("fork").Pool(1)
            self.pool.apply_async(_import_weasyprint)

    def submit(self, html: str, day: date) -> Callable[[], bytes]:
        from .pdf import render_pdf

        if self.pool is None:
            return lambda: render_pdf(html, day)
        job = self.pool.apply_async(render_pdf, (html, day))
        return lambda: bytes(job.get())

    def close(self) -> None:
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


def write_paper(appraisal: Appraisal, out: Path, formats: Sequence[str] = FORMATS, *,
                criteria: str | None = None, scenario: str | None = None,
                weights: dict[str, float] | None = None, samples: int = 100_000,
                seed: int | None = None, when: date | None = None,
                template_dir: Path | None = None, stem: str = "paper",
                progress: Callable[..., Any] | None = None) -> list[Path]:
    """Compute, lay out and write the paper to ``out/<stem>.<ext>`` for each format;
    return the paths written (atomically), in the order of ``formats``."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown format '{unknown[0]}'; expected one of: "
                         + ", ".join(FORMATS))
    wanted = list(dict.fromkeys(formats or FORMATS))
    day = report_date(when)
    worker = _PdfWorker() if "pdf" in wanted else None
    try:
        inputs = gather(appraisal, criteria, scenario, weights, samples=samples, seed=seed,
                        progress=progress)
        context = build_context(inputs, day)
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
