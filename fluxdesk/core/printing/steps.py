"""Progress and cooperative cancel for the long printing steps.

A ``Progress`` callback receives a fraction in [0, 1] and is called on the worker thread that
runs the step (the GUI forwards it through a queued signal). A ``cancel`` event is polled
between strips or pages; when it is set the step raises ``OperationCancelled`` and leaves no
output behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from fluxdesk.core.errors import OperationCancelled

Progress = Callable[[float], None]


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise OperationCancelled()


def report(progress: Progress | None, fraction: float) -> None:
    if progress is not None:
        progress(min(1.0, max(0.0, fraction)))


def sub_progress(progress: Progress | None, start: float, end: float) -> Progress | None:
    """A callback for one part of a longer step, mapped onto [start, end] of the whole."""
    if progress is None:
        return None
    return lambda fraction: report(progress, start + (end - start) * fraction)
