"""Writing files: a file is either fully written or left as it was, a set of files is
written all or nothing, and one command at a time writes into a folder.

- :mod:`.disk`: the file system steps (stage a file beside its target, switch it into
  place, find the staged files killed runs left);
- :mod:`.journal`: a set switched under a journal, which the next run completes if a
  run is killed after the commit point; :func:`reading` for readers;
- :mod:`.lock`: the folder's lock (one writer at a time, stale locks taken over);
- :mod:`.atomic`: :func:`write_all` and its one-file forms;
- :mod:`.interrupts`: Ctrl-C while writing.
"""

from __future__ import annotations

from .atomic import write_all, write_bytes, write_text
from .disk import clean_stale
from .interrupts import interrupted, note_interrupt, reset_interrupt
from .journal import JOURNAL, reading, recover
from .lock import LOCK, Holder, LockedError, holding, locked

__all__ = ["JOURNAL", "LOCK", "Holder", "LockedError", "clean_stale", "holding",
           "interrupted", "locked", "note_interrupt", "reading", "recover",
           "reset_interrupt", "write_all", "write_bytes", "write_text"]
