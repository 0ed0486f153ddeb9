"""Task presets: model, parameters and a prompt template, as plain JSON files."""

from __future__ import annotations

from fluxdesk.core.presets.files import (
    ImportResult,
    PresetLibrary,
    delete_user_preset,
    duplicate_preset,
    export_presets,
    import_presets,
    load_library,
    read_preset_file,
    save_user_preset,
    unique_id,
)
from fluxdesk.core.presets.model import FORMAT_VERSION, Placeholder, Preset
from fluxdesk.core.presets.parse import PresetProblem, Severity, check_preset, preset_to_data
from fluxdesk.core.presets.template import RenderedPrompt, placeholder_names, render

__all__ = [
    "FORMAT_VERSION",
    "ImportResult",
    "Placeholder",
    "Preset",
    "PresetLibrary",
    "PresetProblem",
    "RenderedPrompt",
    "Severity",
    "check_preset",
    "delete_user_preset",
    "duplicate_preset",
    "export_presets",
    "import_presets",
    "load_library",
    "placeholder_names",
    "preset_to_data",
    "read_preset_file",
    "render",
    "save_user_preset",
    "unique_id",
]
