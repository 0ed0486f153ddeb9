"""What a page edit costs on a 600 dpi B4 scan (6071 × 8598, 52 MP, grayscale).

Prints: staging a region (crop near 1 MP, store the crop), placing a result back (decode the
model's answer, paste with a feathered seam, encode the full page as lossless PNG), the same for
an Expand; and, on the GUI side, the mask brush: a stroke's worst dab-to-dab time at a few
brush sizes (the GUI thread paints them) and the red overlay's repaint at fit and at 100%.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/page_edits.py [--json]
"""

from __future__ import annotations

import io
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import Report
from PIL import Image, ImageDraw, ImageOps
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.regions import Rect
from fluxdesk.core.regions.page_edit import encode_png, stage_expand, stage_region
from fluxdesk.ui.canvas import CanvasView
from fluxdesk.ui.canvas.tools import Brush, MaskHolder, MaskOverlay
from fluxdesk.ui.canvas.tools.mask import MaskLayer

B4_600DPI = (6071, 8598)


def scan() -> Image.Image:
    """Grainy paper (it is what makes a scan's PNG big and slow) with pencil strokes."""
    width, height = B4_600DPI
    noise = Image.effect_noise((width // 2, height // 2), 12).resize(B4_600DPI)
    page = Image.eval(noise, lambda value: min(255, 170 + value // 3))
    draw = ImageDraw.Draw(page)
    for index in range(2500):
        x, y = (index * 7919) % B4_600DPI[0], (index * 104729) % B4_600DPI[1]
        draw.line((x, y, x + 300, y + 120), fill=90, width=4)
    return page


def _decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def timed(report: Report, key: str, label: str, work):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = work()
    ms = report.add(key, 1000 * (time.perf_counter() - start))
    report.line(f"{label:<58} {ms:8.0f} ms")
    return value


def core(report: Report, folder: Path) -> None:
    store = HistoryStore.open(folder / "history.sqlite3", folder / "images")
    page = scan()
    kontext = get_model("flux-kontext-pro")
    edit = timed(
        report,
        "region_stage_ms",
        "region: plan, crop 2000×1600 px near 1 MP, store",
        lambda: stage_region(store, kontext, page, None, Rect(2000, 3000, 4000, 4600)),
    )
    sent = edit.inputs[0]
    answer = io.BytesIO()
    ImageOps.invert(Image.new("L", (sent.width, sent.height), 30)).save(answer, "PNG")
    result = timed(
        report, "region_decode_ms", "region: decode the answer", lambda: _decoded(answer.getvalue())
    )
    composed = timed(
        report,
        "region_paste_back_ms",
        "region: paste back (feathered) on a copy of the page",
        lambda: edit.placement.compose(page, result),
    )
    data = timed(
        report,
        "encode_52mp_png_ms",
        "region: encode the 52 MP page as PNG",
        lambda: encode_png(composed),
    )
    report.line(f"{'  composed page':<58} {len(data) / 1e6:8.1f} MB")
    expand = timed(
        report,
        "expand_stage_ms",
        "expand: page at its 4 MP send size, store",
        lambda: stage_expand(store, get_model("flux-pro-1.0-expand"), page, None, {"right": 600}),
    )
    plan = expand.placement.plan
    grown = Image.new("L", plan.result_size, 250)
    timed(
        report,
        "expand_compose_ms",
        "expand: map the answer onto the grown page, paste the page",
        lambda: expand.placement.compose(page, grown),
    )


def brush(report: Report) -> None:
    app = QApplication.instance() or QApplication([])
    layer = MaskLayer(B4_600DPI)
    report.line(
        f"{'mask: factor, size':<58} {layer.factor:>4} {layer.image.width()}×{layer.image.height()}"
    )
    for size, hard in ((40, True), (200, False), (800, False)):
        layer.begin_stroke(QPointF(500, 500), Brush(size, hard))
        worst = 0.0
        for step in range(1, 60):
            start = time.perf_counter()
            layer.stroke_to(QPointF(500 + step * 60, 500 + step * 80))
            worst = max(worst, time.perf_counter() - start)
        start = time.perf_counter()
        layer.end_stroke()
        end = time.perf_counter() - start
        kind = "hard" if hard else "soft"
        label = f"mask: {size:>4} px {kind} stroke, worst move / end of stroke"
        report.add(f"mask_{size}px_worst_move_ms", 1000 * worst)
        report.add(f"mask_{size}px_end_stroke_ms", 1000 * end)
        report.line(f"{label:<58} {1000 * worst:8.1f} / {1000 * end:.0f} ms")
    canvas = CanvasView()
    canvas.resize(1280, 860)
    image = QImage(*B4_600DPI, QImage.Format.Format_Grayscale8)
    image.fill(236)
    canvas.show_image(image, key="input")
    holder = MaskHolder()
    holder.layer_for(B4_600DPI).invert()  # everything painted: the worst case to draw
    canvas.add_overlay(MaskOverlay(holder))
    for label, zoom in (("fit", None), ("100%", 1.0)):
        if zoom is None:
            canvas.fit()
        else:
            canvas.set_zoom(zoom)
        canvas.grab()
        start = time.perf_counter()
        for _ in range(10):
            canvas.grab()
        each = 100 * (time.perf_counter() - start)
        report.add(f"overlay_repaint_{label.rstrip('%')}_ms", each)
        report.line(f"{'overlay: canvas repaint with a full mask at ' + label:<58} {each:8.1f} ms")
    del app


if __name__ == "__main__":
    report = Report.from_argv(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory() as folder:
        core(report, Path(folder))
    brush(report)
    report.finish()
