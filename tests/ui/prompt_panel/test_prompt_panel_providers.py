"""The prompt panel with fal.ai and ComfyUI beside BFL: their forms fit the dock, the state
carries the provider, a preset's BFL model finds its stand-in, prices speak each provider's
terms."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from fluxdesk.core.prompt_state import PromptState
from fluxdesk.core.providers.registry import (
    bfl_models,
    comfy_workflows,
    make_provider,
    provider_models,
)
from fluxdesk.ui.prompt_panel import PromptPanel

LORAS = ("a-long-lora-file-name-for-inking-v3.safetensors", "screentone.safetensors")
CATALOGS = (
    bfl_models(),
    provider_models(make_provider("fal", None, "k")),
    provider_models(make_provider("comfyui", None, None, workflows=comfy_workflows(), loras=LORAS)),
)
OTHERS = [(c.id, spec.id) for c in CATALOGS[1:] for spec in c.models]


@pytest.mark.parametrize(("provider", "model"), OTHERS, ids=[f"{p}-{m}" for p, m in OTHERS])
def test_other_providers_forms_fit_the_dock(panel: PromptPanel, provider: str, model: str) -> None:
    panel.set_catalogs(CATALOGS)
    panel.model_picker.set_model(model, provider)
    panel.form.set_advanced_open(True)
    assert panel.state().provider == provider and panel.state().model == model
    assert panel.findChild(QWidget, "promptPanelBody").minimumSizeHint().width() <= 320


def test_a_bfl_preset_on_comfyui_uses_its_stand_in(panel: PromptPanel) -> None:
    panel.set_catalogs(CATALOGS)
    panel.set_state(PromptState("flux-kontext-pro", "ink", {}, 5, 2, provider="comfyui"))
    state = panel.state()
    assert (state.provider, state.model, state.seed) == ("comfyui", "kontext-dev-inking", 5)
    assert panel.check().price_text == "2 variations · no charge per image"
    panel.set_state(PromptState("flux-kontext-max", "ink", {}, 5, 2, provider="fal"))
    assert panel.check().price_text == "2 variations × $0.08 = $0.16"


def test_without_other_providers_the_picker_is_as_before(panel: PromptPanel) -> None:
    picker = panel.model_picker
    assert picker.catalogs() == (bfl_models(),)
    panel.set_catalogs(CATALOGS)
    picker.set_model("flux-dev", "comfyui")
    panel.set_catalogs(CATALOGS[:1])  # ComfyUI went away: back to a BFL model
    assert picker.provider_id() == "bfl" and panel.state().provider == "bfl"
