"""Package layout. Everything else about the project is in pyproject.toml.

Only here because pyproject.toml cannot add one mapped package to those it finds: the top-level
`resources/` folder (icons, presets, workflows) ships inside the wheel as `fluxdesk/_resources`,
where `fluxdesk.resources.resources_dir` looks for it in a non-editable install (pip, pipx).
"""

from setuptools import find_packages, setup

setup(
    # Every package has an __init__.py (tests/core/test_packaging_layout.py checks it).
    packages=[*find_packages(include=["fluxdesk*"]), "fluxdesk._resources"],
    package_dir={"fluxdesk._resources": "resources"},
    # Only the data listed here: resources/ has folders that are not Python packages.
    include_package_data=False,
    package_data={"fluxdesk._resources": ["**/*"], "fluxdesk.emulator": ["*.json"]},
)
