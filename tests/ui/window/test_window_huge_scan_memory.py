"""Bounded memory in the window. A 60 MP scan dropped on the
canvas is shown, tiled and staged for sending with the window's peak resident memory growing
by well under 1.5 GB; the decompression bombs are refused without growing it at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from drop_helpers import Outcome, drop
from pytestqt.qtbot import QtBot
from reliability_kit.hostile import Hostile, sixty_mp_scan

from fluxdesk.ui.app import Built

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/clear_refs").exists(), reason="peak memory from Linux /proc"
)


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def current_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def growth_of_drop(qtbot: QtBot, built: Built, path: Path) -> tuple[float, Outcome]:
    Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from now
    before = current_mb()
    outcome = Outcome(built)
    assert drop(built, path)
    qtbot.waitUntil(outcome.settled, timeout=60_000)
    outcome.close()
    return peak_mb() - before, outcome


def test_a_60_mp_scan_and_the_bombs(
    qtbot: QtBot, quick_studio: Built, hostile_files: list[Hostile], tmp_path: Path
) -> None:
    scan = sixty_mp_scan(tmp_path / "scan-600dpi.png")
    grown, outcome = growth_of_drop(qtbot, quick_studio, scan)
    assert outcome.opened and quick_studio.window.canvas.is_sharp()
    print(f"60 MP scan: peak memory grew {grown:.0f} MB")
    assert grown < 1536
    for hostile in hostile_files:
        if hostile.name.startswith("bomb."):
            grown, outcome = growth_of_drop(qtbot, quick_studio, hostile.path)
            assert not outcome.opened and outcome.told
            print(f"{hostile.name}: peak memory grew {grown:.0f} MB")
            assert grown < 100, hostile.name
