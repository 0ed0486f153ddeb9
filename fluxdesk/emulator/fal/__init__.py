"""An emulator of fal.ai's queue API, for tests and demo mode (see ``server.py``)."""

from __future__ import annotations

from fluxdesk.emulator.fal.server import FalEmulator, start_fal_emulator

__all__ = ["FalEmulator", "start_fal_emulator"]
