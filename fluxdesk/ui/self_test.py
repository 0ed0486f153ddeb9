"""`fluxdesk --self-test`: the real window, offscreen, one demo generation end to end.

Used by CI on the packaged app: it proves the bundle has its Qt plugins, keyring backends,
resources and SQLite, and that a job goes from the prompt to the history on disk.
"""

from __future__ import annotations

import importlib
import tempfile
from pathlib import Path

import keyring
from PIL import Image, ImageDraw
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from fluxdesk.core.jobs import JobState, JobUpdate, PollPolicy
from fluxdesk.core.paths import AppPaths
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.resources import resource_path

TIMEOUT_MS = 60_000


def _pencils(folder: Path) -> Path:
    image = Image.new("L", (900, 1200), 238)
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 60, 840, 1140), outline=120, width=5)
    draw.ellipse((250, 300, 650, 700), outline=100, width=4)
    draw.line((250, 900, 650, 900), fill=110, width=4)
    path = folder / "self-test-pencils.png"
    image.save(path)
    return path


def _check(label: str, ok: bool, problems: list[str]) -> None:
    print(f"{'ok ' if ok else 'FAIL'} {label}", flush=True)
    if not ok:
        problems.append(label)


def run_self_test(
    app: QApplication, paths: AppPaths, screenshot: Path | None, api_url: str | None = None
) -> int:
    from fluxdesk.ui.app import build_window  # the same construction as the real app

    problems: list[str] = []
    backend = keyring.get_keyring()
    _check(f"keyring backend: {type(backend).__module__}", backend is not None, problems)
    for module in (
        "keyring.backends.SecretService",
        "keyring.backends.macOS",
        "keyring.backends.Windows",
    ):
        try:
            importlib.import_module(module)
        except Exception as exc:  # a platform's backend may refuse to import elsewhere
            print(f"     ({module}: {type(exc).__name__})")
    _check(
        f"resources in {resource_path('')}",
        resource_path("icons/fluxdesk.svg").exists()
        and any(resource_path("presets").glob("*.json"))
        and any(resource_path("workflows").glob("*.json")),
        problems,
    )

    with tempfile.TemporaryDirectory(prefix="fluxdesk-self-test-") as temp:
        built = build_window(
            AppPaths.under(Path(temp)), demo=True, api_url=api_url, poll_policy=PollPolicy()
        )
        window = built.window
        window.resize(1440, 900)
        window.show()
        built.start()
        finished: list[JobUpdate] = []
        loop = QEventLoop()
        built.parts.runner.job_finished.connect(finished.append)
        built.parts.runner.job_finished.connect(loop.quit)
        QTimer.singleShot(TIMEOUT_MS, loop.quit)

        window.canvas_control.open_paths([_pencils(Path(temp))])
        state = PromptState(
            "flux-kontext-pro",
            "Ink these pencils: clean black lines on white, no grey",
            {"output_format": "png"},
            seed=42,
        )
        window.prompt_panel.set_state(state)
        built.parts.generation.generate(state)
        loop.exec()

        ok = bool(finished) and finished[0].state is JobState.succeeded
        _check("one generation end to end", ok, problems)
        if ok and finished[0].result is not None:
            _check("result on disk", finished[0].result.path.exists(), problems)
            record = built.parts.generation.store.get_job(finished[0].job_id)
            _check("result in history", record is not None, problems)
            window.history_dock.select_job(finished[0].job_id)
        if screenshot is not None:
            settle = QEventLoop()
            QTimer.singleShot(800, settle.quit)  # let the result's tiles arrive
            settle.exec()
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            _check(f"screenshot {screenshot}", window.grab().save(str(screenshot)), problems)
        window.close()
        _check("clean shutdown", built.shutdown(5000), problems)
        app.processEvents()
    print("self-test passed" if not problems else f"self-test FAILED: {', '.join(problems)}")
    return 0 if not problems else 1
