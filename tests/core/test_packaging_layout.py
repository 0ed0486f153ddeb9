"""Every folder of Python code under fluxdesk/ is a package: setuptools leaves a folder without
an __init__.py out of the wheel, so a pipx or PyInstaller install would miss it."""

from __future__ import annotations

from pathlib import Path

import fluxdesk


def test_every_code_folder_has_an_init() -> None:
    root = Path(fluxdesk.__file__).parent
    missing = [
        folder.relative_to(root.parent)
        for folder in root.rglob("*")
        if folder.is_dir()
        and folder.name != "__pycache__"
        and not folder.name.startswith("_resources")
        and any(folder.glob("*.py"))
        and not (folder / "__init__.py").exists()
    ]
    assert missing == []
