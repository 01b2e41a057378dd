"""User templates render in a separate process whose memory, processor time, wall time
and output are bounded, so that a template (a council's own, or a hostile one) can
neither exhaust the machine nor run for ever: ``{{ 'a' * 3000000000 }}``, a macro
that calls itself, or nested loops end with a clear message.

The parent sends the template's name, the folder and the paper's context (plain JSON:
the report layer's context is strings, lists and numbers) on standard input; the child
sets its limits, renders with Jinja's sandbox and answers with JSON on standard output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError


@dataclass(frozen=True)
class Limits:
    """What one user template may use."""

    memory_bytes: int = 1024 ** 3  # address space of the rendering process
    cpu_seconds: int = 30
    wall_seconds: float = 60.0
    output_chars: int = 50_000_000


def render_untrusted(kind: str, template: str, context: dict[str, Any], user_dir: Path,
                     limits: Limits = Limits()) -> str:
    """Render a user template in the bounded sandbox process (see the module doc)."""
    if not Path(user_dir).is_dir():
        raise UsageError(f"no template directory at '{user_dir}'")
    payload = json.dumps({"kind": kind, "template": template, "folder": str(user_dir),
                          "context": context, "limits": asdict(limits)})
    try:
        done = subprocess.run([sys.executable, "-m", "appraisal.report.sandbox"],
                              input=payload.encode("utf-8"), capture_output=True,
                              timeout=limits.wall_seconds, check=False)
    except subprocess.TimeoutExpired:
        raise UsageError(f"template '{template}' took longer than "
                         f"{limits.wall_seconds:g} seconds and was stopped") from None
    try:
        answer = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        answer = None
    if isinstance(answer, dict) and "text" in answer:
        return str(answer["text"])
    if isinstance(answer, dict) and "error" in answer:
        raise UsageError(str(answer["error"]))
    if done.returncode < 0:  # killed by a signal: the processor-time limit
        raise UsageError(f"template '{template}' used more than {limits.cpu_seconds} "
                         "seconds of processor time and was stopped")
    raise UsageError(f"template '{template}' could not be rendered (the sandbox process "
                     f"ended with code {done.returncode})")


def _child() -> None:
    import resource

    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    limits = Limits(**request["limits"])
    template = request["template"]
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds))
    sys.setrecursionlimit(2000)

    import jinja2

    from .environment import environment, template_failure

    def say(answer: dict[str, str]) -> None:
        sys.stdout.write(json.dumps(answer))

    try:
        env = environment(request["kind"], Path(request["folder"]))
        pieces: list[str] = []
        size = 0
        for piece in env.get_template(template).generate(**request["context"]):
            size += len(piece)
            if size > limits.output_chars:
                say({"error": f"template '{template}' wrote more than "
                              f"{limits.output_chars:,} characters and was stopped"})
                return
            pieces.append(piece)
        say({"text": "".join(pieces)})
    except jinja2.TemplateError as exc:
        say({"error": template_failure(template, exc)})
    except RecursionError:
        say({"error": f"template '{template}' recursed too deeply (a macro or include "
                      "that calls itself?) and was stopped"})
    except MemoryError:
        say({"error": f"template '{template}' needed more than "
                      f"{limits.memory_bytes // 1024 ** 2:,} MiB of memory and was stopped"})
    except UsageError as exc:
        say({"error": str(exc)})
    except Exception as exc:  # any other failure of the template's own code
        say({"error": f"template '{template}' failed: {type(exc).__name__}: "
                      f"{str(exc)[:200]}"})


if __name__ == "__main__":
    _child()
