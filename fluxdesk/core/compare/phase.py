"""Sub-pixel phase correlation (numpy FFT).

Why not ``cv2.phaseCorrelate``: measured here (OpenCV 4.14 and 5.0), it reports a 0.5 px
shift between an image and itself when the width is not a power of two, and is biased by
0.2-0.75 px on known sub-pixel shifts; registration needs better than that at ~1000 px.
Whitened cross-power spectrum, Gaussian-tapered so the peak is a smooth blob, then a
three-point Gaussian fit per axis: unbiased to ~0.05 px.
"""

from __future__ import annotations

import numpy as np

_TAPER = 0.12  # Gaussian spectral taper, cycles/px: the peak becomes ~1.3 px wide


class PhaseCorrelator:
    """Correlates images of one size against a fixed reference."""

    def __init__(self, reference: np.ndarray) -> None:
        height, width = reference.shape
        self._shape = (height, width)
        self._window = np.outer(np.hanning(height), np.hanning(width)).astype(np.float32)
        fy = np.fft.fftfreq(height)[:, None]
        fx = np.fft.rfftfreq(width)[None, :]
        self._taper = np.exp(-(fx**2 + fy**2) / (2 * _TAPER**2))
        self._reference = np.conj(np.fft.rfft2(reference * self._window))
        # The tapered peak of a perfect match, to scale responses into 0..1.
        self._perfect = float(np.fft.irfft2(self._taper, s=self._shape)[0, 0])

    def shift(self, moving: np.ndarray) -> tuple[float, float, float]:
        """``(tx, ty, response)`` with ``moving(x) ≈ reference(x - t)``; response in 0..1."""
        cross = np.fft.rfft2(moving * self._window) * self._reference
        cross /= np.abs(cross) + 1e-12
        surface = np.fft.irfft2(cross * self._taper, s=self._shape)
        y, x = np.unravel_index(int(np.argmax(surface)), surface.shape)
        height, width = self._shape
        dy = _peak_offset(surface[(y - 1) % height, x], surface[y, x], surface[(y + 1) % height, x])
        dx = _peak_offset(surface[y, (x - 1) % width], surface[y, x], surface[y, (x + 1) % width])
        tx = (x + dx + width / 2) % width - width / 2
        ty = (y + dy + height / 2) % height - height / 2
        return float(tx), float(ty), float(surface[y, x] / self._perfect)


def _peak_offset(before: float, at: float, after: float) -> float:
    """Sub-pixel offset of a Gaussian peak from three samples (parabola on the logs)."""
    if min(before, at, after) <= 0:
        curvature = before - 2 * at + after
        return 0.0 if curvature == 0 else 0.5 * (before - after) / curvature
    lb, la, lc = np.log(before), np.log(at), np.log(after)
    curvature = lb - 2 * la + lc
    return 0.0 if curvature == 0 else float(np.clip(0.5 * (lb - lc) / curvature, -1, 1))
