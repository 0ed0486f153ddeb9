"""Region edits: crop a page region for an edit model and paste the result back, registered."""

from fluxdesk.core.regions.geometry import Point, Polygon, Raster, Rect, Selection, rasterize
from fluxdesk.core.regions.region_edit import (
    RegionPlan,
    crop_for_model,
    paste_back,
    paste_into,
    plan_region,
    working_size,
)

__all__ = [
    "Point",
    "Polygon",
    "Raster",
    "Rect",
    "RegionPlan",
    "Selection",
    "crop_for_model",
    "paste_back",
    "paste_into",
    "plan_region",
    "rasterize",
    "working_size",
]
