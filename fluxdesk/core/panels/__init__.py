"""Panels: find them on a scanned page, edit them, and process a page panel by panel."""

from fluxdesk.core.panels.compose import compose_page, crop_panels, plan_panels
from fluxdesk.core.panels.detect import detect_panels
from fluxdesk.core.panels.edit import (
    add_panel,
    merge_panels,
    move_vertex,
    remove_panel,
    split_panel,
)
from fluxdesk.core.panels.model import Panel, ReadingDirection, order_panels

__all__ = [
    "Panel",
    "ReadingDirection",
    "add_panel",
    "compose_page",
    "crop_panels",
    "detect_panels",
    "merge_panels",
    "move_vertex",
    "order_panels",
    "plan_panels",
    "remove_panel",
    "split_panel",
]
