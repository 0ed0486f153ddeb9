"""What is wrong with a preset file reads in Japanese in the window (status bar, preset editor,
import), word for word from its English template, while the English text (logs, CLI) stays as
it was."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fluxdesk.core.presets import check_preset, import_presets, load_library
from fluxdesk.resources import resource_path
from fluxdesk.ui.controllers.presets import PresetController
from fluxdesk.ui.i18n import JAPANESE, core_text, install_translations, remove_translations

BUILTIN = resource_path("presets")


@pytest.fixture
def japanese(qapp: QApplication) -> Iterator[None]:
    translators = install_translations(qapp, JAPANESE)
    yield
    remove_translations(qapp, translators)


def preset(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "format": "fluxdesk-preset",
        "name": "My inks",
        "model": "flux-kontext-pro",
        "prompt": "Ink {character}",
    }
    data.update(changes)
    return data


def write(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("data", "english", "japanese_text"),
    [
        (
            [1, 2],
            "a preset must be a JSON object, not a list",
            "プリセットは JSON オブジェクトにしてください（リストになっています）",
        ),
        (
            preset(name=5),
            "'name' must be text, not a number",
            "「name」はテキストにしてください（数値になっています）",
        ),
        (
            preset(model="flux-pro-1.1", params={"width": 100}),
            "parameters: width must be between 256 and 1440 (it is 100)",
            "設定：width：256～1440 にしてください（現在は 100）",
        ),
        (
            preset(model="flux-2-pro", params={"width": 1024}),
            "parameters: height: set both sizes or neither",
            "設定：height：サイズは両方指定するか、両方とも空欄にしてください",
        ),
        (
            preset(prompt="Ink {0.__class__}"),
            "prompt: '{0.__class__}' is not a placeholder: use a name in braces such as "
            "{character}, or write {{ and }} for a literal brace",
            "プロンプト：「{0.__class__}」は差し込み項目ではありません。{character} のように"
            "名前を波かっこで囲むか、波かっこそのものは {{ と }} と書いてください",
        ),
        (
            preset(version=7),
            "it was made by a newer FluxDesk (preset format 7); this version reads format 1. "
            "Update FluxDesk to use it",
            "新しい FluxDesk で作られています（プリセット形式 7）。このバージョンが読めるのは"
            "形式 1 です。使うには FluxDesk を更新してください",
        ),
    ],
)
def test_a_broken_preset_file_is_explained_in_japanese(
    japanese: None, tmp_path: Path, data: object, english: str, japanese_text: str
) -> None:
    write(tmp_path, "broken.json", data)
    [problem] = load_library(BUILTIN, tmp_path).errors
    assert str(problem) == f"broken.json: {english}"  # logs and the CLI: unchanged
    assert core_text(problem.text) == f"broken.json：{japanese_text}"


def test_a_bundle_names_its_preset_in_japanese(japanese: None, tmp_path: Path) -> None:
    bundle = {"format": "fluxdesk-presets", "presets": [preset(), preset(name="Bad", tags=3)]}
    library = load_library(BUILTIN, tmp_path / "none")
    result = import_presets(write(tmp_path, "bundle.json", bundle), library, tmp_path / "mine")
    [problem] = result.problems
    assert str(problem) == "bundle.json, preset 2 ('Bad'): 'tags' must be a list of words"
    assert core_text(problem.text) == (
        "bundle.json の 2 番目のプリセット（「Bad」）：「tags」は単語のリストにしてください"
    )


def test_the_editor_checks_in_japanese(japanese: None) -> None:
    library = load_library(BUILTIN, Path("/nonexistent"))
    broken = replace(library.presets[0], id="Not An Id", variations=0)
    assert [core_text(p) for p in check_preset(broken)] == [
        "「variations」は 1～8 の整数にしてください",
        "ID には英小文字・数字・ハイフンだけを使ってください",
    ]


def test_the_status_bar_message_is_japanese(japanese: None, qtbot: QtBot, tmp_path: Path) -> None:
    write(tmp_path, "broken.json", preset(model="flux-9000"))
    controller = PresetController(BUILTIN, tmp_path)
    with qtbot.waitSignal(controller.message, timeout=5000) as said:
        controller.load()
    assert said.args[0].startswith(
        "プリセットファイルを使用できませんでした：broken.json：モデル「flux-9000」は FluxDesk "
        "では使えません（使えるモデル：flux-kontext-pro, "
    )
    assert controller.shutdown(5000)


def test_an_import_with_a_broken_preset_says_so_in_japanese(
    japanese: None, qtbot: QtBot, tmp_path: Path
) -> None:
    """The import summary used to hand the problem itself (not its text) to the translator."""
    bundle = {"format": "fluxdesk-presets", "presets": [preset(), preset(name="Bad", tags=3)]}
    path = write(tmp_path, "bundle.json", bundle)
    controller = PresetController(BUILTIN, tmp_path / "mine")
    with qtbot.waitSignal(controller.library_changed, timeout=5000):
        controller.load()
    with qtbot.waitSignal(controller.message, timeout=5000) as said:
        controller.import_file(path)
    assert said.args[0].endswith(
        "読み込めませんでした：bundle.json の 2 番目のプリセット（「Bad」）："
        "「tags」は単語のリストにしてください。"
    )
    assert controller.shutdown(5000)
