"""The window starts without the heavy image libraries: OpenCV, SciPy and psd-tools cost about
0.4 s to import, and only the features that use them (in workers) load them. The built-in
emulators load only in demo mode."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("cv2", "scipy", "psd_tools", "fluxdesk.emulator")  # the emulators: demo mode only


def test_importing_the_app_leaves_the_heavy_libraries_unloaded() -> None:
    probe = f"import sys, fluxdesk.ui.app; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
