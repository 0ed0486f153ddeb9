"""Print-ready pages, Qt-free: presets and guides (``pages``), placing a result on the page
(``fit``, ``align``), crisp upscaling (``upscale``), black-and-white finishing
(``finishing``), preflight findings (``preflight``), page files (``export``), chapter PDFs
(``pdf``) and the generation recipe (``recipe``). ``settings.ExportSettings`` ties a page,
a dpi and the finishing together.

Geometry and settings are pure values. Everything that touches pixels or files is blocking:
call it from a worker thread; long steps take ``progress`` (a fraction) and ``cancel`` (a
``threading.Event``).

A typical export::

    settings = ExportSettings(PAGE_PRESETS["b5"], dpi=600)
    page = register_to_pencils(result, pencils.size, settings.guides,
                               alignment=align_to(pencils, result))
    findings = preflight(page, settings, source_dpi=...)
    export_page(page, path, settings, recipe=Recipe.from_job(record), overwrite=False)
"""
