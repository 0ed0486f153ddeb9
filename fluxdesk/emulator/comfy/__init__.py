"""An emulator of a ComfyUI server, for tests and demo mode (see ``server.py``)."""

from __future__ import annotations

from fluxdesk.emulator.comfy.server import ComfyEmulator, start_comfy_emulator

__all__ = ["ComfyEmulator", "start_comfy_emulator"]
