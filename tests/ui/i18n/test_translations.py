"""The Japanese translation: complete, placeholders intact, loaded for ja, chosen from the system
locale unless Settings says otherwise, and core messages translated by template."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.api.pricing import format_credits
from fluxdesk.core.api.validation import check_field
from fluxdesk.core.errors import ValidationProblem
from fluxdesk.core.messages import Message
from fluxdesk.resources import resource_path
from fluxdesk.ui.i18n import (
    ENGLISH,
    JAPANESE,
    SYSTEM,
    core_text,
    install_translations,
    remove_translations,
    resolve_language,
    shown_language,
)
from fluxdesk.ui.prompt_panel.panel import PromptPanel

TS = resource_path("i18n/fluxdesk_ja.ts")
PLACEHOLDERS = re.compile(r"\{[^{}]*\}|%\d+|%n")


def _messages() -> list[tuple[str, str, str, str | None]]:
    root = ElementTree.parse(TS).getroot()
    return [
        (
            context.findtext("name") or "",
            message.findtext("source") or "",
            message.findtext("translation") or "",
            message.find("translation").get("type"),  # type: ignore[union-attr]
        )
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_every_entry_is_translated_with_its_placeholders() -> None:
    messages = _messages()
    assert len(messages) > 900
    unfinished = [(c, s) for c, s, _, kind in messages if kind is not None]
    assert unfinished == [], "run packaging/update_translations.py and translate these"
    empty = [(c, s) for c, s, text, _ in messages if not text.strip()]
    assert empty == []
    broken = [
        (s, text)
        for _, s, text, _ in messages
        if sorted(PLACEHOLDERS.findall(s)) != sorted(PLACEHOLDERS.findall(text))
    ]
    assert broken == []


def test_the_translation_file_has_every_text_of_the_sources() -> None:
    """New or changed UI text must be extracted (and then translated) before it lands."""
    script = Path(__file__).parents[3] / "packaging" / "update_translations.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_compiled_translations_are_committed() -> None:
    qm = TS.with_suffix(".qm")
    assert qm.stat().st_size > 10_000
    assert resource_path("i18n/qtbase_ja.qm").exists()


def test_every_core_message_template_is_a_literal() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "packaging"))
    try:
        from update_translations import core_messages  # raises on a non-literal template
    finally:
        sys.path.pop(0)
    templates = core_messages()
    assert (
        "No API key is set. Add your BFL key in Settings (it is kept in the system "
        "keychain) or set the BFL_API_KEY environment variable." in templates
    )
    assert "must be between {low} and {high}" in templates


@pytest.mark.parametrize(
    ("preference", "system", "expected"),
    [
        (SYSTEM, "ja_JP", JAPANESE),
        (SYSTEM, "en_GB", ENGLISH),
        (SYSTEM, "de_DE", ENGLISH),  # no German translation: English
        (ENGLISH, "ja_JP", ENGLISH),  # the setting beats the system
        (JAPANESE, "en_US", JAPANESE),
        ("xx", "ja_JP", JAPANESE),  # an unknown setting follows the system
    ],
)
def test_language_comes_from_the_setting_else_the_system(
    preference: str, system: str, expected: str
) -> None:
    assert resolve_language(preference, QLocale(system)) == expected


@pytest.fixture
def japanese(qapp: QApplication):  # type: ignore[no-untyped-def]
    translators = install_translations(qapp, JAPANESE)
    yield translators
    remove_translations(qapp, translators)


def test_japanese_loads_fluxdesk_and_qt_translations(japanese, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert len(japanese) == 2
    assert shown_language() == JAPANESE
    panel = PromptPanel()
    qtbot.addWidget(panel)
    assert panel.generate_button.text() == "生成"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Close).text() == "閉じる"


def test_english_installs_nothing(qapp: QApplication) -> None:
    assert install_translations(qapp, ENGLISH) == []
    assert QCoreApplication.translate("PromptPanel", "Generate") == "Generate"


def test_core_messages_translate_by_template_with_their_arguments(japanese) -> None:  # type: ignore[no-untyped-def]
    reason = check_field(get_model("flux-pro-1.1").field("width"), 100)  # type: ignore[arg-type]
    assert reason == "must be between 256 and 1440"  # English for the CLI and the log
    assert core_text(reason) == "256～1440 にしてください"
    problem = ValidationProblem([("width", reason), ("seed", Message("must be a number"))])
    assert core_text(problem.user_message) == (
        "設定が正しくないため、送信していません："
        "width：256～1440 にしてください、seed：数値にしてください"
    )
    assert core_text(format_credits(4)) == "4 クレジット ($0.04)"
    assert core_text("Cancelled.") == "キャンセルしました。"  # a plain known message
    assert core_text("'page-07.png' is not known") == "'page-07.png' is not known"


def test_without_a_translator_a_message_is_its_english_text() -> None:
    assert core_text(Message("{count} jobs", count=3)) == "3 jobs"
