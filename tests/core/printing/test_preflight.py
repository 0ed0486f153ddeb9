from __future__ import annotations

import threading

import numpy as np
import pytest
from PIL import Image, ImageDraw

from fluxdesk.core.errors import OperationCancelled
from fluxdesk.core.printing.finishing import ColorMode, FinishSettings
from fluxdesk.core.printing.pages import custom_page
from fluxdesk.core.printing.preflight import Check, Severity, preflight
from fluxdesk.core.printing.settings import ExportSettings

# A 60 × 80 mm page at 600 dpi (1417 × 1890 px), safe area 5 mm (118 px) inside the trim.
SETTINGS = ExportSettings(custom_page(60, 80), dpi=600)
SAFE = SETTINGS.guides.safe


def _clean() -> Image.Image:
    """Pure black and white line art, lines 0.3 mm (7 px) wide, all inside the safe area."""
    page = Image.new("L", SETTINGS.size_px, 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle(
        (SAFE.left + 20, SAFE.top + 20, SAFE.right - 20, SAFE.bottom - 20), outline=0, width=7
    )
    draw.ellipse((400, 400, 900, 900), outline=0, width=7)
    for i in range(8):
        draw.line((300 + 40 * i, 1100, 500 + 40 * i, 1500), fill=0, width=7)
    draw.rectangle((700, 1200, 1000, 1400), fill=0)
    return page


def _tone(page: Image.Image, box: tuple[int, int, int, int], lpi: float) -> None:
    """A 45° dot screen of ``lpi`` lines per inch (at 600 dpi), 30 % dots, inside ``box``."""
    period = 600 / lpi
    left, top, right, bottom = box
    y, x = np.mgrid[top:bottom, left:right].astype(np.float64)
    u, v = (x + y) / np.sqrt(2), (x - y) / np.sqrt(2)
    du, dv = u % period - period / 2, v % period - period / 2
    dots = du**2 + dv**2 < 0.3 * period**2 / np.pi
    pixels = np.array(page)
    pixels[top:bottom, left:right][dots] = 0
    page.paste(Image.fromarray(pixels))


def _checks(findings) -> set[Check]:
    return {finding.check for finding in findings}


def test_a_clean_page_is_quiet() -> None:
    assert preflight(_clean(), SETTINGS) == []


def test_a_coarse_tone_is_fine() -> None:
    page = _clean()
    _tone(page, (300, 300, 1100, 1000), lpi=50)
    assert preflight(page, SETTINGS) == []


def test_low_effective_resolution() -> None:
    (finding,) = preflight(_clean(), SETTINGS, source_dpi=150)
    assert finding.check is Check.resolution and finding.severity is Severity.error
    assert finding.value == 150 and "4.0×" in finding.message
    (mild,) = preflight(_clean(), SETTINGS, source_dpi=450)
    assert mild.severity is Severity.warning


def test_grey_on_a_mono_page_with_count_and_box() -> None:
    page = _clean()
    page.paste(160, (300, 1000, 600, 1050))
    (finding,) = preflight(page, SETTINGS)
    assert finding.check is Check.grey
    assert finding.bbox == (300, 1000, 600, 1050)
    assert finding.count == 298 * 48  # the 1 px border ring is counted as anti-aliasing
    gray = ExportSettings(SETTINGS.page, dpi=600, finish=FinishSettings(ColorMode.gray))
    assert preflight(page, gray) == []


def test_content_outside_the_safe_area() -> None:
    page = _clean()
    ImageDraw.Draw(page).rectangle((20, 30, 60, 1200), fill=0)
    (finding,) = preflight(page, SETTINGS)
    assert finding.check is Check.outside_safe
    assert finding.bbox == (20, 30, 61, 1201) and finding.count == 41 * 1171


def test_lines_thinner_than_a_tenth_of_a_millimetre() -> None:
    page = _clean()
    draw = ImageDraw.Draw(page)
    draw.line((300, 960, 1100, 960), fill=0, width=2)  # 0.085 mm
    draw.line((300, 1000, 1100, 1040), fill=0, width=1)
    draw.line((300, 1060, 1100, 1060), fill=0, width=3)  # 0.127 mm: fine
    (finding,) = preflight(page, SETTINGS)
    assert finding.check is Check.thin_lines and finding.count == 2
    left, top, right, bottom = finding.bbox
    assert left <= 300 and right >= 1100 and 955 <= top <= 960 and 1040 <= bottom <= 1045


def test_a_fine_screentone_is_found() -> None:
    page = _clean()
    _tone(page, (300, 300, 1100, 1000), lpi=85)
    (finding,) = preflight(page, SETTINGS)
    assert finding.check is Check.fine_screen
    assert finding.value == pytest.approx(85, abs=5)
    left, top, right, bottom = finding.bbox
    assert left >= 300 - 256 and top >= 300 - 256
    assert right <= 1100 + 256 and bottom <= 1000 + 256


def test_a_proxy_gives_the_same_box_findings_scaled() -> None:
    page = _clean()
    ImageDraw.Draw(page).rectangle((20, 30, 60, 1200), fill=0)
    proxy = page.resize((page.width // 4, page.height // 4), Image.Resampling.BOX)
    (finding,) = (f for f in preflight(proxy, SETTINGS) if f.check is Check.outside_safe)
    assert finding.bbox is not None and finding.bbox[2] <= 61 // 4 + 1


def test_progress_and_cancel() -> None:
    seen: list[float] = []
    preflight(_clean(), SETTINGS, progress=seen.append)
    assert seen[-1] == 1.0 and len(seen) == 5
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(OperationCancelled):
        preflight(_clean(), SETTINGS, cancel=cancel)
