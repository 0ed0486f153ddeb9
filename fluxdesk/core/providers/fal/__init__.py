"""fal.ai: the same FLUX models sold on fal's own key and queue (``shared/bfl-api.md`` §7)."""

from __future__ import annotations

from fluxdesk.core.providers.fal.catalog import FAL_MODELS, fal_request
from fluxdesk.core.providers.fal.client import DEFAULT_FAL_URL, FalProvider

__all__ = ["DEFAULT_FAL_URL", "FAL_MODELS", "FalProvider", "fal_request"]
