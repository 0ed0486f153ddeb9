"""The UI language: which translation to load, installing it, and translating core text.

The language is chosen once at start-up (Settings > Language says a change applies after a
restart): widgets set their texts as they are built, and retranslating them all live would
need a LanguageChange handler in every one of them for a choice made once.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from fluxdesk.core.api.pricing import format_credits
from fluxdesk.core.messages import Message
from fluxdesk.core.providers.base import Billing, format_price
from fluxdesk.resources import resource_path

log = logging.getLogger(__name__)

SYSTEM = ""  # Preferences.language: follow the system's language
ENGLISH = "en"
JAPANESE = "ja"
TRANSLATED = (JAPANESE,)  # languages with a resources/i18n/fluxdesk_<code>.qm
CORE_CONTEXT = "fluxdesk.core"  # Message templates from the Qt-free core
PRESETS_CONTEXT = "fluxdesk.presets"  # names and descriptions of the built-in presets
_LANGUAGE_PROPERTY = "fluxdeskLanguage"


def resolve_language(preference: str, system: QLocale | None = None) -> str:
    """The language to show: the artist's choice, else the system's when it is translated."""
    if preference in (ENGLISH, *TRANSLATED):
        return preference
    code = (system or QLocale.system()).name().split("_")[0]
    return code if code in TRANSLATED else ENGLISH


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Installs FluxDesk's and Qt's own translations (standard buttons and dialogs) for
    `language`, before any widget is built. Keep the returned translators while installed."""
    app.setProperty(_LANGUAGE_PROPERTY, language)
    if language not in TRANSLATED:
        return []
    installed: list[QTranslator] = []
    for name in (f"qtbase_{language}.qm", f"fluxdesk_{language}.qm"):
        translator = QTranslator(app)
        if translator.load(str(resource_path(f"i18n/{name}"))) and app.installTranslator(
            translator
        ):
            installed.append(translator)
        else:
            log.warning("translation %s could not be loaded", name)
    return installed


def remove_translations(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    app.setProperty(_LANGUAGE_PROPERTY, ENGLISH)


def shown_language() -> str:
    """The language the running app was started in."""
    app = QCoreApplication.instance()
    language = app.property(_LANGUAGE_PROPERTY) if app is not None else None
    return language if isinstance(language, str) and language else ENGLISH


def core_text(text: str) -> str:
    """`text` from the core in the UI language: a Message by its template and arguments, a
    plain string when it is a known message. Text arguments are looked up too ("the job" in
    "Lost contact during {what}"); names, paths and numbers have no entry and stay as they are."""
    if not isinstance(text, Message):
        return QCoreApplication.translate(CORE_CONTEXT, text) if text else text
    template = QCoreApplication.translate(CORE_CONTEXT, text.template)
    if not text.args:
        return template
    args: dict[str, Any] = {
        name: core_text(value) if isinstance(value, str) else value
        for name, value in text.args.items()
    }
    try:
        return template.format(**args)
    except (KeyError, IndexError, ValueError):  # a broken translation never hides the message
        log.warning("translation of %r does not fit its arguments", text.template)
        return str(text)


def preset_text(text: str) -> str:
    """A built-in preset's name or description in the UI language (the artist's own presets
    have no translation and stay as written)."""
    return QCoreApplication.translate(PRESETS_CONTEXT, text)


def translate(context: str, text: str) -> str:
    """Qt's translate under the name pyside6-lupdate looks for, for code outside a QObject's
    methods: `translate("WindowActions", "&Open Pencils…")`. Marks for texts kept in tables
    until shown: QT_TRANSLATE_NOOP("Context", "text")."""
    return QCoreApplication.translate(context, text)


def credits_text(credits: float) -> str:
    """'4 credits ($0.04)' in the UI language."""
    return core_text(format_credits(credits))


def price_text(billing: Billing | str, cents: float | None) -> str:
    """A provider's price per image in the UI language."""
    return core_text(format_price(billing, cents))
