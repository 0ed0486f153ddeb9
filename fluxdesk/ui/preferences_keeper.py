"""Holds the Preferences value for the running app and saves it shortly after each change."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from fluxdesk.core.budget import Budget
from fluxdesk.core.config import Preferences, load_preferences, save_preferences
from fluxdesk.core.prompt_state import PromptState

log = logging.getLogger(__name__)


class PreferencesKeeper(QObject):
    region_changed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self.value = load_preferences(path)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(800)
        self._timer.timeout.connect(self.save_now)

    def _change(self, preferences: Preferences) -> None:
        self.value = preferences
        self._timer.start()

    def remember_prompt(self, state: PromptState) -> None:
        updated = self.value.with_recent_prompt(state.prompt)
        self._change(
            dataclasses.replace(updated, last_model=state.model, variations=state.variations)
        )

    @Slot(str)
    def set_region(self, region: str) -> None:
        self._change(dataclasses.replace(self.value, region=region))
        self.region_changed.emit(region)

    @Slot(str)
    def set_comfy_url(self, url: str) -> None:
        self._change(dataclasses.replace(self.value, comfy_url=url))

    @Slot(bool)
    def set_demo_when_no_key(self, enabled: bool) -> None:
        self._change(dataclasses.replace(self.value, demo_when_no_key=enabled))

    @Slot(str)
    def set_language(self, language: str) -> None:
        self._change(dataclasses.replace(self.value, language=language))

    @Slot(object)
    def set_budget(self, budget: Budget) -> None:
        self._change(dataclasses.replace(self.value, budget=budget))

    @Slot()
    def save_now(self) -> None:
        self._timer.stop()
        try:
            save_preferences(self._path, self.value)  # a couple of KB, written atomically
        except OSError as exc:
            log.warning("preferences not saved: %s", exc)
