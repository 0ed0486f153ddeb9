"""Where FluxDesk keeps its files. One value, built once and passed in (no import-time dirs)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "FluxDesk"
HOME_ENV = "FLUXDESK_HOME"


@dataclass(frozen=True, slots=True)
class AppPaths:
    data: Path  # history database and images: the artist's work
    config: Path  # preferences and presets
    cache: Path  # thumbnails and other things that can be rebuilt
    logs: Path

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        """Everything in one folder: tests, portable installs, FLUXDESK_HOME, --data-dir."""
        root = Path(root).expanduser().resolve()
        return cls(root / "data", root / "config", root / "cache", root / "logs")

    @classmethod
    def default(cls, environ: Mapping[str, str] | None = None) -> AppPaths:
        environ = os.environ if environ is None else environ
        if home := environ.get(HOME_ENV):
            return cls.under(Path(home))
        return cls(
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    @property
    def history_db(self) -> Path:
        return self.data / "history.sqlite3"

    @property
    def images(self) -> Path:
        return self.data / "images"

    @property
    def thumbnails(self) -> Path:
        return self.cache / "thumbnails"

    @property
    def preferences(self) -> Path:
        return self.config / "preferences.json"

    @property
    def presets(self) -> Path:
        """The artist's own task presets, one JSON file each."""
        return self.config / "presets"

    def ensure(self) -> AppPaths:
        for folder in (self.data, self.config, self.cache, self.logs, self.images):
            folder.mkdir(parents=True, exist_ok=True)
        return self
