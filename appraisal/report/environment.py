"""Jinja2 environments for the paper templates, and the filters they share.

The bundled templates live in ``templates/`` at the top of a source checkout and are
installed as ``appraisal/_templates`` in the wheel. A council may pass its own template
directory: any template it does not provide falls back to the bundled one, and its
templates are untrusted: they render in Jinja's sandbox (and, through
:mod:`.templating`, in the bounded process of :mod:`.sandbox`), and are read only as
regular files inside that directory (a link is refused). Undefined names are errors
(``StrictUndefined``); HTML templates autoescape.

Both :mod:`.templating` (the bundled templates, in this process) and :mod:`.sandbox`
(a council's, in the child process) build their environments here, so neither imports
the other's side.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..errors import UsageError
from .whatif import script_json

_MD_LIST_START = re.compile(r"^(\d{1,9})([.)])")
_MD_BULLET_START = re.compile(r"^([-+])(?=\s|$)")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


def bundled_templates() -> Path:
    """The bundled template directory (installed copy first, else the checkout's)."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_templates"
    if packaged.is_dir():
        return packaged
    return here.parent / "templates"


def md_escape(text: Any) -> str:
    """Escape text for Markdown: characters with meaning in Markdown or raw HTML are
    backslash-escaped (``<script>`` becomes ``\\<script\\>``, which renders as text),
    ``&`` becomes ``&amp;`` and line breaks become spaces (safe in table cells)."""
    s = str(text).replace("&", "&amp;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    s = " ".join(s.split())
    # "13. Charity" or "3) x" at the start of a list item or paragraph would open an
    # ordered list in CommonMark, and "+ x" a bullet: escape the marker
    s = _MD_LIST_START.sub(r"\1\\\2", s)
    return _MD_BULLET_START.sub(r"\\\1", s)


def css_string(text: Any) -> Markup:
    """A CSS string literal of ``text``: every character but letters, digits, spaces and
    a few safe signs written as a CSS escape, so no text can end the string or the
    style element."""
    out = []
    for ch in str(text):
        if ch.isascii() and (ch.isalnum() or ch in " .,:-_/"):
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):06x}")
    return Markup('"' + "".join(out) + '"')


def _script_json(data: Any) -> Markup:
    return Markup(script_json(data))


class NoLinksLoader(jinja2.FileSystemLoader):
    """A file loader that reads only regular files inside its folder: a template that
    is a link, or lies under one, is refused (it could read any file of the machine),
    and so is one that is a named pipe or a device (reading it would wait for ever or
    never end)."""

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Any]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder)
            for piece in pieces:
                path = path / piece
                if path.is_symlink():
                    raise jinja2.TemplateError(
                        f"template '{template}' is a link; templates are read only as "
                        "regular files inside the template folder")
            if path.exists() and not path.is_dir() and not path.is_file():
                raise jinja2.TemplateError(
                    f"template '{template}' is not a regular file (a named pipe or a "
                    "device); templates are read only as regular files")
        return super().get_source(environment, template)


def environment(kind: str, user_dir: Path | None = None) -> jinja2.Environment:
    """An environment for ``kind`` "html" (autoescaped) or "md". With ``user_dir`` the
    templates there win and render in a sandbox; missing ones come from the bundle."""
    bundled = jinja2.FileSystemLoader(str(bundled_templates()))
    loader: jinja2.BaseLoader = bundled
    cls: type[jinja2.Environment] = jinja2.Environment
    if user_dir is not None:
        if not Path(user_dir).is_dir():
            raise UsageError(f"no template directory at '{user_dir}'")
        loader = jinja2.ChoiceLoader([NoLinksLoader(str(user_dir)), bundled])
        cls = SandboxedEnvironment
    env = cls(loader=loader, undefined=jinja2.StrictUndefined,
              autoescape=(kind == "html"), keep_trailing_newline=True,
              trim_blocks=False, lstrip_blocks=False)
    env.filters["md"] = md_escape
    env.filters["script_json"] = _script_json
    env.filters["css_string"] = css_string
    return env


def template_failure(template: str, exc: jinja2.TemplateError) -> str:
    """The message for a template that failed."""
    where = f" ({exc.name}, line {exc.lineno})" if isinstance(
        exc, jinja2.TemplateSyntaxError) else ""
    return f"template '{template}' failed{where}: {exc}"
