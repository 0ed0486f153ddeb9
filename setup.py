"""Package layout. Everything else about the project is in pyproject.toml.

Only here because pyproject.toml cannot add one mapped package to those it finds: the top-level
`resources/` folder (icons, presets, workflows) ships inside the wheel as `fluxdesk/_resources`,
where `fluxdesk.resources.resources_dir` looks for it in a non-editable install (pip, pipx).
"""

from setuptools import find_namespace_packages, setup

setup(
    # Namespace-style discovery, as pyproject's `packages.find` does: some subpackages have no
    # __init__.py (fluxdesk/core/providers/comfy, fluxdesk/ui/presets, ...).
    packages=[
        *find_namespace_packages(include=["fluxdesk*"], exclude=["*__pycache__"]),
        "fluxdesk._resources",
    ],
    package_dir={"fluxdesk._resources": "resources"},
    # Only the data listed here: resources/ has folders that are not Python packages.
    include_package_data=False,
    package_data={"fluxdesk._resources": ["**/*"], "fluxdesk.emulator": ["*.json"]},
)
