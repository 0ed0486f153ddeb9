"""The same preset on BFL, fal.ai and ComfyUI emulators from the window: three history rows
with their providers; the Settings section for the other providers; screenshots."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fluxdesk.core.jobs import JobState, PollPolicy
from fluxdesk.core.paths import AppPaths
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.core.secrets import FAL_USER, KeyringSecretStore
from fluxdesk.emulator import EmulatorServer
from fluxdesk.emulator.comfy import ComfyEmulator
from fluxdesk.emulator.fal import FalEmulator
from fluxdesk.resources import resource_path
from fluxdesk.ui.app import Built, build_window
from fluxdesk.ui.controllers.generation import InputSource
from fluxdesk.ui.controllers.providers import WorkflowDraft
from fluxdesk.ui.history_model import ROW_ROLE
from fluxdesk.ui.provider_settings import ProviderSettings, ProviderSettingsWiring
from fluxdesk.ui.settings_dialog import SettingsDialog
from fluxdesk.ui.workflow_mapping_dialog import WorkflowMappingDialog

PRESET = "Ink these pencils: clean black lines, no greys"
KEY = "bfl_window_test_key"
FAST_POLLS = PollPolicy(first_delay=0.01, min_interval=0.01, max_interval=0.03, growth=1.2)


@pytest.fixture
def three(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    emulator: EmulatorServer,
    fal_emulator: FalEmulator,
    comfy_emulator: ComfyEmulator,
) -> Iterator[Built]:
    monkeypatch.setenv("BFL_API_KEY", KEY)
    monkeypatch.setenv("FAL_KEY", "fal-window-key")
    built = build_window(
        AppPaths.under(tmp_path / "studio"),
        api_url=emulator.base_url,
        poll_policy=FAST_POLLS,
        provider_urls={"fal": fal_emulator.base_url, "comfyui": comfy_emulator.base_url},
    )
    built.window.resize(1440, 900)
    built.window.show()
    qtbot.waitExposed(built.window)
    built.start()
    picker = built.window.prompt_panel.model_picker
    qtbot.waitUntil(lambda: len(picker.catalogs()) == 3, timeout=10_000)
    yield built
    built.window.skip_close_question()
    built.window.close()
    assert built.shutdown(5000), "a worker thread outlived its test"


def test_the_same_preset_runs_on_three_providers_into_one_history(
    qtbot: QtBot, three: Built, pencils_file: Path, comfy_emulator: ComfyEmulator
) -> None:
    window, generation = three.window, three.parts.generation
    with qtbot.waitSignal(generation.input_staged, timeout=10_000):
        generation.set_input(InputSource(path=pencils_file))
    panel = window.prompt_panel
    for provider in ("bfl", "fal", "comfyui"):
        preset = PromptState("flux-kontext-pro", PRESET, {}, 11, 1, provider=provider)
        panel.set_state(preset)
        assert panel.state().provider == provider
        with qtbot.waitSignal(generation.jobs_started, timeout=5000):
            assert panel.generate()
    model = three.parts.history_model
    qtbot.waitUntil(
        lambda: [r.state for r in model.rows()].count(JobState.succeeded) == 3, timeout=20_000
    )
    rows = model.rows()
    assert sorted(r.request.provider for r in rows) == ["bfl", "comfyui", "fal"]
    by_provider = {r.request.provider: r for r in rows}
    assert by_provider["comfyui"].request.model == "kontext-dev-inking"  # its stand-in
    assert by_provider["fal"].title == "fal.ai · FLUX.1 Kontext [pro]"
    for position, row in enumerate(rows):
        tooltip = model.data(model.index(position), 3)  # ToolTipRole
        assert row.provider_label in tooltip and PRESET[:20] in tooltip
        assert model.data(model.index(position), ROW_ROLE) is row
    store = generation.store
    assert {store.get_job(r.id).provider for r in rows} == {"bfl", "fal", "comfyui"}
    assert any(r.path == "/upload/image" for r in comfy_emulator.requests)
    window.history_dock.select_job(by_provider["fal"].id)
    QApplication.processEvents()
    window.grab().save("/tmp/providers_window.png")


def _settings(three: Built) -> tuple[SettingsDialog, ProviderSettings, ProviderSettingsWiring]:
    account, providers = three.parts.account, three.parts.providers
    dialog = SettingsDialog(three.parts.preferences.value, account.key_state(), three.window)
    section = ProviderSettings(providers, dialog)
    dialog.add_section(section)
    return dialog, section, ProviderSettingsWiring(section, providers)


def test_settings_keep_the_fal_key_and_connect_comfyui(
    qtbot: QtBot, three: Built, comfy_emulator: ComfyEmulator, memory_keyring
) -> None:
    dialog, section, wiring = _settings(three)
    dialog.show()
    qtbot.waitExposed(dialog)
    section.fal_key_edit.setText("fal-new-key")
    with qtbot.waitSignal(three.parts.providers.fal_key_checked, timeout=5000) as checked:
        section.fal_check_button.click()
    assert checked.args[0] is True and "keychain" in section.fal_status.text()
    assert KeyringSecretStore(FAL_USER).load_api_key() == "fal-new-key"

    section.comfy_url_edit.setText(comfy_emulator.base_url)
    with qtbot.waitSignal(three.parts.providers.comfy_checked, timeout=5000) as connected:
        section.comfy_connect_button.click()
    assert connected.args[0] is True and "2 LoRAs" in section.comfy_status.text()
    assert three.parts.preferences.value.comfy_url == comfy_emulator.base_url
    # The server's LoRAs become a choice in the prompt panel.
    panel = three.window.prompt_panel
    panel.model_picker.set_model("flux-dev", "comfyui")
    lora = panel.model_picker.spec().field("lora_name")
    assert lora is not None and "ink-lines-v2.safetensors" in lora.choices
    dialog.resize(620, dialog.sizeHint().height())
    QApplication.processEvents()
    dialog.grab().save("/tmp/providers_settings.png")
    wiring.disconnect()
    dialog.close()


def test_an_imported_workflow_becomes_a_comfyui_model(
    qtbot: QtBot, three: Built, tmp_path: Path
) -> None:
    source = tmp_path / "my inking.json"
    graph = json.loads(resource_path("workflows/kontext-dev-inking.json").read_text())
    graph["8"]["_meta"] = {"title": "Positive prompt"}
    source.write_text(json.dumps(graph))
    providers = three.parts.providers
    with qtbot.waitSignal(providers.workflow_read, timeout=5000) as read:
        providers.read_workflow(source)
    draft: WorkflowDraft = read.args[0]
    assert draft.guess["prompt"] == ("8", "text") and draft.guess["lora_name"] == ("4", "lora_name")
    dialog = WorkflowMappingDialog(draft, three.window)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.pickers["prompt"].currentText().startswith("#8 Positive prompt · text")
    dialog.grab().save("/tmp/providers_mapping.png")
    dialog.name_edit.setText("My inking")
    with qtbot.waitSignal(providers.workflow_saved, timeout=5000) as saved:
        providers.save_workflow(dialog.name(), draft.graph, dialog.mapping())
    assert saved.args[0] is True
    picker = three.window.prompt_panel.model_picker
    qtbot.waitUntil(lambda: "custom-my-inking" in picker.model_ids(), timeout=5000)
    shutil.rmtree(tmp_path / "unused", ignore_errors=True)
    dialog.close()


def test_model_picker_lists_models_by_provider(qtbot: QtBot, three: Built) -> None:
    picker = three.window.prompt_panel.model_picker
    labels = [picker.itemText(i) for i in range(picker.count())]
    titles = [label.split(" — ")[0] for label in labels]
    assert titles.index("BFL") < titles.index("fal.ai") < titles.index("ComfyUI")
    picker.set_model("flux-kontext-pro", "fal")
    assert picker.provider_id() == "fal" and "fal.ai" in picker.currentText()
    assert "$0.04" in three.window.prompt_panel.price_label.text()
    picker.set_model("kontext-dev-inking", "comfyui")
    assert "no charge" in three.window.prompt_panel.price_label.text()
    picker.showPopup()
    view = picker.view()
    qtbot.waitUntil(view.isVisible, timeout=5000)
    view.window().grab().save("/tmp/providers_model_picker.png")
    picker.hidePopup()
