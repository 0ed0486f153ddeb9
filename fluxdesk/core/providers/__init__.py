"""Who runs a generation: BFL, fal.ai or a ComfyUI server, behind one ``Provider`` protocol."""

from __future__ import annotations

from fluxdesk.core.providers.base import (
    PROVIDER_LABELS,
    Billing,
    Provider,
    ProviderId,
    ProviderModels,
    format_price,
)

__all__ = [
    "PROVIDER_LABELS",
    "Billing",
    "Provider",
    "ProviderId",
    "ProviderModels",
    "format_price",
]
