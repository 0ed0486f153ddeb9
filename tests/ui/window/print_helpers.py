"""Steps shared by the Finish & Export window tests."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw
from pytestqt.qtbot import QtBot

from fluxdesk.core.jobs import JobId, JobState
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.ui.app import Built
from fluxdesk.ui.controllers.print_page import PrintPageController


def ink_page(path: Path, size: tuple[int, int], grey: int | None = None) -> Path:
    """A page of black strokes on white; ``grey`` adds a large flat grey area."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    width, height = size
    stroke = max(3, width // 300)
    draw.rectangle(
        (width // 10, height // 10, width * 9 // 10, height * 9 // 10), outline=0, width=stroke
    )
    for n in range(6):
        left, top = width * (2 + n) // 12, height * (2 + n) // 14
        draw.ellipse((left, top, left + width // 4, top + height // 6), outline=0, width=stroke)
    if grey is not None:
        draw.rectangle((width // 5, height // 2, width // 2, height * 7 // 10), fill=grey)
    image.save(path)
    return path


def page(built: Built) -> PrintPageController:
    return built.window.finish.page


def open_on_page(qtbot: QtBot, built: Built, path: Path) -> None:
    """Opens ``path`` as the input and shows it in the Finish & Export panel."""
    built.window.canvas_control.open_paths([path])
    built.window.finish.show_panel()
    qtbot.waitUntil(lambda: page(built).loaded() is not None, timeout=10_000)
    wait_settled(qtbot, built)


def wait_settled(qtbot: QtBot, built: Built) -> None:
    """Until the canvas is sharp, the preview is current and preflight has run."""
    controller = page(built)
    qtbot.waitUntil(
        lambda: (
            built.window.canvas.is_sharp()
            and controller.preview.frame() is not None
            and not controller.preview_engine().is_busy()
            and not controller.preflight_pending()
        ),
        timeout=20_000,
    )


def generate_results(qtbot: QtBot, built: Built, pencils: Path, count: int) -> list[JobId]:
    """Inks ``pencils`` ``count`` times on the emulator; the job ids, oldest first."""
    generation = built.parts.generation
    with qtbot.waitSignal(generation.input_staged, timeout=10_000):
        built.window.canvas_control.open_paths([pencils])
    state = PromptState("flux-kontext-pro", "ink these pencils", {}, 11, count)
    built.window.prompt_panel.set_state(state)
    with qtbot.waitSignal(generation.jobs_started, timeout=5000) as started:
        built.window.prompt_panel.generate()
    job_ids: list[JobId] = started.args[0]
    model = built.parts.history_model
    qtbot.waitUntil(
        lambda: all(model.row_for(job).state is JobState.succeeded for job in job_ids),
        timeout=20_000,
    )
    return sorted(job_ids, key=lambda job: model.row_for(job).created_at)


def show_result(qtbot: QtBot, built: Built, job_id: JobId) -> None:
    built.window.history_dock.select_job(job_id)
    built.window.finish.show_panel()
    qtbot.waitUntil(
        lambda: (loaded := page(built).loaded()) is not None and loaded.key == str(job_id),
        timeout=10_000,
    )
    wait_settled(qtbot, built)
