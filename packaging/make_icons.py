"""Renders resources/icons/fluxdesk.svg into the Windows .ico and macOS .icns the build uses.

Run again after changing the SVG: `.venv/bin/python packaging/make_icons.py`. Qt draws the SVG
(Pillow cannot); Pillow writes both icon formats, each size rendered from the vector, not scaled.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from fluxdesk.ui.qimage import qimage_to_pil

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return qimage_to_pil(image).convert("RGBA")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "fluxdesk.svg"))
    if not renderer.isValid():
        print("cannot read fluxdesk.svg", file=sys.stderr)
        return 1
    ico = [render(renderer, size) for size in ICO_SIZES]
    ico[-1].save(ICONS / "fluxdesk.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=ico)
    icns = [render(renderer, size) for size in ICNS_SIZES]
    icns[-1].save(ICONS / "fluxdesk.icns", append_images=icns[:-1])
    for name in ("fluxdesk.ico", "fluxdesk.icns"):
        print(f"wrote {ICONS / name} ({(ICONS / name).stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
