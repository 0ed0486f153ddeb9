"""Panels on the canvas: the page's panel frames found, shown numbered in reading order and
edited with the Panels tool, and a preset run panel by panel. ``feature.PanelsFeature`` puts
it in the window; the flows are in ``controllers.panels`` and ``controllers.panel_runs``."""
