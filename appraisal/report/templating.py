"""Rendering a paper template: the bundled templates in this process (each
environment made once, its compiled templates kept), a council's own in the bounded
sandbox process of :mod:`.sandbox`. Template errors become :class:`UsageError`.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2

from ..errors import UsageError
from .environment import environment, template_failure
from .sandbox import render_untrusted


@functools.lru_cache(maxsize=2)
def _bundled(kind: str) -> jinja2.Environment:
    """The bundled templates' environment for ``kind``, made once: its compiled
    templates are kept (the paper's templates take longer to compile than to render)."""
    return environment(kind)


def render(kind: str, template: str, context: dict[str, Any],
           user_dir: Path | None = None) -> str:
    """Render ``template`` with ``context``; template errors become UsageError. With
    ``user_dir`` the rendering runs in the bounded sandbox process."""
    if user_dir is not None:
        return render_untrusted(kind, template, context, user_dir)
    try:
        return _bundled(kind).get_template(template).render(**context)
    except jinja2.TemplateError as exc:
        raise UsageError(template_failure(template, exc)) from None
