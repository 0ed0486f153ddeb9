"""Layered hand-off files for CLIP STUDIO PAINT and Photoshop."""

from fluxdesk.core.layers.psd import BlendMode, Layer, flatten, write_psd

__all__ = ["BlendMode", "Layer", "flatten", "write_psd"]
