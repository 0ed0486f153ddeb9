"""Export from the window: a B5 600 dpi 1-bit G4 TIFF, exactly; asking before replacing a file;
Cancel leaves nothing; a chapter PDF of three results. Files are read back with Pillow and,
where installed, poppler's pdfinfo/pdfimages."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from print_helpers import generate_results, ink_page, open_on_page, page, show_result
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from fluxdesk.ui.app import Built
from fluxdesk.ui.printing.export_dialog import ExportPageDialog
from fluxdesk.ui.printing.state import ExportFormat
from fluxdesk.ui.printing.undo import StateChange


def export_dialog(qtbot: QtBot, built: Built, path: Path) -> ExportPageDialog:
    built.window.actions_.export_page.trigger()
    exports = built.window.finish.exports
    qtbot.waitUntil(lambda: isinstance(exports.dialog(), ExportPageDialog), timeout=10_000)
    dialog = exports.dialog()
    assert isinstance(dialog, ExportPageDialog)
    dialog.path.setText(str(path))
    return dialog


def run(qtbot: QtBot, built: Built, dialog: ExportPageDialog) -> Path:
    with qtbot.waitSignal(built.window.finish.exports.exported, timeout=30_000) as done:
        dialog.run.click()
    return done.args[0]


def test_b5_600_dpi_mono_tiff_from_a_result(
    qtbot: QtBot, quick_studio: Built, pencils_file: Path, tmp_path: Path
) -> None:
    [job] = generate_results(qtbot, quick_studio, pencils_file, 1)
    show_result(qtbot, quick_studio, job)
    (tmp_path / "out").mkdir()
    dialog = export_dialog(qtbot, quick_studio, tmp_path / "out" / "page.tif")
    assert dialog.choice().format is ExportFormat.tiff_mono
    assert "4299 × 6071 px at 600 dpi" in dialog.summary.text()
    dialog.recipe.setChecked(True)
    dialog.sidecar.setChecked(True)
    written = run(qtbot, quick_studio, dialog)
    assert written == tmp_path / "out" / "page.tif"
    assert "Show in folder" in dialog.status.text()
    with Image.open(written) as tiff:
        assert tiff.size == (4299, 6071)
        assert tiff.mode == "1"
        assert tiff.info["compression"] == "group4"
        assert tiff.info["dpi"] == (600, 600)
        recipe = json.loads(tiff.tag_v2[270])
    assert recipe["job_id"] == str(job) and recipe["model"] == "flux-kontext-pro"
    sidecar = json.loads((tmp_path / "out" / "page.tif.json").read_text())
    assert sidecar["output"]["size_px"] == [4299, 6071] and sidecar["output"]["dpi"] == 600


def test_bleed_grey_png_and_overwrite_is_asked(
    qtbot: QtBot, quick_studio: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_on_page(qtbot, quick_studio, ink_page(tmp_path / "scan.png", (1200, 1700)))
    controller = page(quick_studio)
    controller.request_change(StateChange(replace(controller.state(), bleed=True), "bleed"))
    target = tmp_path / "page.png"
    target.write_bytes(b"the artist's earlier export")
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = export_dialog(qtbot, quick_studio, target)
    dialog.format.setCurrentIndex(dialog.format.findData(ExportFormat.png_gray))
    assert dialog.path.text().endswith("page.png")
    dialog.run.click()  # No: nothing is touched
    assert asked and "page.png" in asked[0]
    assert target.read_bytes() == b"the artist's earlier export"
    assert "another name" in dialog.status.text()

    run(qtbot, quick_studio, dialog)  # Yes: replaced
    assert len(asked) == 2
    with Image.open(target) as png:
        assert png.size == (4441, 6213)  # 188 × 263 mm at 600 dpi
        assert png.mode == "L"
        assert round(png.info["dpi"][0]) == 600


def test_cancel_leaves_no_file(qtbot: QtBot, quick_studio: Built, tmp_path: Path) -> None:
    open_on_page(qtbot, quick_studio, ink_page(tmp_path / "scan.png", (1200, 1700)))
    folder = tmp_path / "exports"
    folder.mkdir()
    dialog = export_dialog(qtbot, quick_studio, folder / "page.tif")
    dialog.run.click()
    assert dialog.is_running()
    dialog.cancel.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=10_000)
    assert "nothing was written" in dialog.status.text()
    assert list(folder.iterdir()) == []


def test_ctrl_e_from_the_prompt_tab_then_a_failed_write_says_why(
    qtbot: QtBot, quick_studio: Built, tmp_path: Path
) -> None:
    # The Prompt tab is in front, so nothing is prepared for print yet: Ctrl+E brings the
    # Finish & Export panel forward and opens the dialog once the page is loaded.
    assert not page(quick_studio).is_active()
    quick_studio.window.canvas_control.open_paths([ink_page(tmp_path / "p.png", (600, 850))])
    dialog = export_dialog(qtbot, quick_studio, tmp_path / "missing" / "page.tif")
    assert page(quick_studio).is_active()
    dialog.run.click()
    qtbot.waitUntil(lambda: "does not exist" in dialog.status.text(), timeout=10_000)
    assert not dialog.is_running()


def test_chapter_pdf_of_three_results(
    qtbot: QtBot, quick_studio: Built, pencils_file: Path, tmp_path: Path
) -> None:
    jobs = generate_results(qtbot, quick_studio, pencils_file, 3)
    show_result(qtbot, quick_studio, jobs[0])
    controller = page(quick_studio)  # 350 dpi keeps the test quick; the size in points is B5's
    controller.request_change(StateChange(replace(controller.state(), dpi=350), "350 dpi"))
    view = quick_studio.window.history_dock.view
    view.selectAll()
    exports = quick_studio.window.finish.exports
    rows, _ = exports.chapter_rows()
    assert [row.id for row in rows] == jobs
    quick_studio.window.actions_.export_chapter.trigger()
    dialog = exports.dialog()
    assert dialog is not None
    target = tmp_path / "chapter.pdf"
    dialog.path.setText(str(target))
    with qtbot.waitSignal(exports.exported, timeout=60_000):
        dialog.run.click()
    assert target.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdfinfo") is None or shutil.which("pdfimages") is None:
        pytest.skip("poppler-utils (pdfinfo, pdfimages) are not installed")
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    fields = dict(line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)
    assert fields["Pages"].strip() == "3"
    width, _, height = fields["Page size"].split("pts")[0].split()
    # B5 is 182 × 257 mm: 515.906 × 728.504 pt (1 pt = 1/72 in).
    assert abs(float(width) - 515.906) < 0.002 and abs(float(height) - 728.504) < 0.002
    listing = subprocess.run(
        ["pdfimages", "-list", str(target)], capture_output=True, text=True, check=True
    )
    images = [line.split() for line in listing.stdout.splitlines()[2:]]
    assert len(images) == 3
    for image in images:  # page num type width height color comp bpc enc ... x-ppi y-ppi
        assert image[3:9] == ["2508", "3541", "gray", "1", "1", "ccitt"]
        assert image[12:14] == ["350", "350"]
