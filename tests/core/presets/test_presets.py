"""Presets: the built-in library, strict parsing, template rendering, export and import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.api.models import GenerationRequest
from fluxdesk.core.api.validation import validate_request
from fluxdesk.core.errors import InputError
from fluxdesk.core.presets import (
    Preset,
    Severity,
    check_preset,
    delete_user_preset,
    duplicate_preset,
    export_presets,
    import_presets,
    load_library,
    read_preset_file,
    render,
    save_user_preset,
)
from fluxdesk.core.presets.template import placeholder_names, template_problems
from fluxdesk.resources import resource_path

BUILTIN = resource_path("presets")


def write(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def good(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "format": "fluxdesk-preset",
        "version": 1,
        "name": "My inks",
        "model": "flux-kontext-pro",
        "params": {"output_format": "png"},
        "prompt": "Ink {character} with {style}",
        "placeholders": {"style": {"default": "a brush pen", "hint": "style"}},
        "variations": 3,
        "tags": ["ink"],
    }
    data.update(changes)
    return data


def test_the_builtin_library_loads_cleanly_and_every_preset_would_be_accepted() -> None:
    library = load_library(BUILTIN, Path("/nonexistent"))
    assert not library.problems
    ids = [p.id for p in library.presets]
    assert ids[0] == "ink-bw-print"  # the inker's first task comes first
    assert {
        "ink-bw-print",
        "line-weight",
        "remove-construction",
        "flats",
        "grey-shading",
        "redraw-panel",
        "turnaround",
    } <= set(ids)
    for preset in library.presets:
        assert preset.builtin and preset.description and preset.tags
        spec = get_model(preset.model)
        request = GenerationRequest(
            preset.model, preset.render({"change": "x"}).text, preset.params
        )
        problems = [p for p in validate_request(spec, request) if p[0] not in spec.image_slots]
        assert not problems, (preset.id, problems)
    ink = library.get("ink-bw-print")
    assert ink is not None
    text = ink.render().text.lower()
    for phrase in ("pure black", "white", "no grey", "screentone", "composition", "lettering"):
        assert phrase in text
    assert library.get("turnaround").model.startswith("flux-2")  # references: up to 8


def test_template_placeholders_render_and_explain_what_is_missing() -> None:
    assert placeholder_names("A {character} in {style}, {character} again") == (
        "character",
        "style",
    )
    rendered = render("A {character} in {style} {{literal}}", {"style": "ink"})
    assert rendered.text == "A {character} in ink {literal}"
    assert rendered.missing == ("character",)
    preset = Preset("x", "X", "flux-kontext-pro", "Ink {character} with {style}")
    assert preset.render({"character": "Aya", "style": "pens"}).text == "Ink Aya with pens"
    # Format-string tricks are not placeholders: they are reported, never evaluated.
    assert template_problems("{0.__class__} and {character.__init__}")
    assert render("{0.__class__}", {}).text == "{0.__class__}"


def test_a_preset_applies_as_prompt_state() -> None:
    library = load_library(BUILTIN, Path("/nonexistent"))
    preset = library.get("grey-shading")
    state = preset.prompt_state({"light": "the right"})
    assert state.model == "flux-kontext-max" and state.preset_id == "grey-shading"
    assert "light comes from the right" in state.prompt
    assert state.variations == preset.variations and dict(state.params) == dict(preset.params)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{ not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        (good(model="flux-9000"), "flux-9000"),
        (good(params={"aspect_ratio": "50:1"}), "aspect ratio"),
        (good(params={"guidance": 3}), "not a setting"),
        (good(model="flux-2-pro", params={"width": 1024}), "both sizes"),
        (good(variations=99), "variations"),
        (good(variations="__import__('os').system('echo hi')"), "variations"),
        (good(prompt="{0.__class__.__mro__}"), "not a placeholder"),
        (good(name=""), "'name'"),
        (good(version=7), "newer FluxDesk"),
        (good(placeholders={"bad name": "x"}), "plain word"),
    ],
)
def test_a_broken_preset_file_gets_a_clear_message_and_the_others_still_load(
    tmp_path: Path, content: object, expected: str
) -> None:
    user = tmp_path / "presets"
    write(user, "mine.json", good())
    write(user, "broken.json", content)
    library = load_library(BUILTIN, user)
    assert library.get("mine") is not None
    assert len(library.presets) == 8
    errors = [p for p in library.problems if p.severity is Severity.error]
    assert len(errors) == 1 and errors[0].source == "broken.json"
    assert expected in errors[0].message, errors[0].message


def test_code_looking_strings_stay_plain_text(tmp_path: Path) -> None:
    evil = "__import__('os').system('touch pwned'); {character}"
    path = write(tmp_path, "odd.json", good(prompt=evil, description="${HOME} `rm -rf /`"))
    [preset], problems = read_preset_file(path)
    assert not problems
    assert preset.render({"character": "x"}).text == "__import__('os').system('touch pwned'); x"
    assert not (tmp_path / "pwned").exists()


def test_unknown_keys_are_tolerated_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "future.json", good(colour_profile="sRGB"))
    [preset], problems = read_preset_file(path)
    assert preset.name == "My inks"
    assert [p.severity for p in problems] == [Severity.warning]
    assert "colour_profile" in problems[0].message


def test_placeholders_used_but_not_declared_get_a_field_without_default(tmp_path: Path) -> None:
    [preset], _ = read_preset_file(write(tmp_path, "p.json", good()))
    assert [p.name for p in preset.placeholders] == ["character", "style"]
    assert preset.render().missing == ("character",)


def test_create_duplicate_delete(tmp_path: Path) -> None:
    user = tmp_path / "presets"
    library = load_library(BUILTIN, user)
    ink = library.get("ink-bw-print")
    with pytest.raises(InputError, match="read-only"):
        save_user_preset(user, ink)
    with pytest.raises(InputError, match="built in"):
        delete_user_preset(library, "ink-bw-print")
    copy = duplicate_preset(ink, library.ids())
    assert copy.id == "ink-bw-print-copy" and not copy.builtin and "(copy)" in copy.name
    save_user_preset(user, copy.with_changes(prompt="Ink it, {style}"))
    library = load_library(BUILTIN, user)
    assert library.get(copy.id).prompt == "Ink it, {style}"
    again = duplicate_preset(library.get(copy.id), library.ids())
    assert again.id == "ink-bw-print-copy-copy" or again.id.startswith("ink-bw-print-copy")
    delete_user_preset(library, copy.id)
    assert load_library(BUILTIN, user).get(copy.id) is None
    assert check_preset(copy.with_changes(params={"steps": 3}))  # not a Kontext setting


def test_export_import_round_trip_single_and_bundle(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    theirs = tmp_path / "theirs"
    library = load_library(BUILTIN, mine)
    custom = duplicate_preset(library.get("turnaround"), library.ids()).with_changes(
        name="Aya turnaround", placeholders=library.get("turnaround").placeholders
    )
    save_user_preset(mine, custom)
    library = load_library(BUILTIN, mine)

    single = tmp_path / "aya.json"
    export_presets([library.get(custom.id)], single)
    bundle = tmp_path / "all.json"
    export_presets([library.get(custom.id), library.get("flats")], bundle)

    other = load_library(BUILTIN, theirs)
    result = import_presets(single, other, theirs)
    assert [p.name for p in result.imported] == ["Aya turnaround"] and not result.problems
    other = load_library(BUILTIN, theirs)
    imported = other.get(result.imported[0].id)
    assert imported.with_changes(id=custom.id) == library.get(custom.id)

    # The bundle: the turnaround is already there (skipped), the built-in flats too.
    result = import_presets(bundle, other, theirs)
    assert result.imported == () and set(result.skipped) == {
        "Aya turnaround",
        "Flats for colouring",
    }

    # A changed preset with a clashing id gets a new id instead of replacing anything.
    data = json.loads(single.read_text())
    data["prompt"] = "Changed {character}"
    write(tmp_path, "changed.json", data)
    result = import_presets(tmp_path / "changed.json", other, theirs)
    assert result.imported[0].id != custom.id and result.imported[0].id.startswith(custom.id)


def test_import_of_a_broken_bundle_keeps_the_good_ones(tmp_path: Path) -> None:
    bundle = write(
        tmp_path,
        "bundle.json",
        {
            "format": "fluxdesk-presets",
            "version": 1,
            "presets": [good(name="Fine"), good(name="Bad", model="nope"), 42],
        },
    )
    library = load_library(BUILTIN, tmp_path / "user")
    result = import_presets(bundle, library, tmp_path / "user")
    assert [p.name for p in result.imported] == ["Fine"]
    assert len(result.problems) == 2
    assert "preset 2 ('Bad')" in result.problems[0].source
