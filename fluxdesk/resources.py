"""Finds files in `resources/`, in the source tree and inside a PyInstaller bundle alike."""

from __future__ import annotations

import sys
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # PyInstaller one-folder or one-file app
        return Path(bundle) / "resources"
    installed = Path(__file__).resolve().parent / "_resources"  # wheel installs (see setup.py)
    if installed.is_dir():
        return installed
    return _SOURCE_ROOT / "resources"


def resource_path(relative: str) -> Path:
    return resources_dir() / relative
