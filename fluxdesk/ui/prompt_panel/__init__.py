"""The prompt panel: what the next run will be, its price, and the Generate button."""

from __future__ import annotations

from fluxdesk.ui.prompt_panel.model_picker import DEFAULT_MODEL
from fluxdesk.ui.prompt_panel.panel import PromptPanel

__all__ = ["DEFAULT_MODEL", "PromptPanel"]
