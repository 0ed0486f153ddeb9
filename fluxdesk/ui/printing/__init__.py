"""Finish & Export: page setup with manuscript guides, placement and align to pencils,
black-and-white finishing with a live preview, preflight, and export dialogs (page, chapter
PDF). The blocking work is in ``work`` and ``core.printing``; ``finish_export.FinishExport``
puts it in the window."""
