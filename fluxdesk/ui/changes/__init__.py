"""The change overlay: the result registered on its pencils as an onion skin, and a "what
moved" heat map with its hotspots (two compare modes of the canvas). ``feature.ChangesFeature``
puts it in the window; the analysis runs in ``controllers.changes``."""
