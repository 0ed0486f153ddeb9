"""Spending in the real window: after a mixed batch (flat and per-megapixel models, one job
moderated and refunded) the ledger and the status-bar balance match the emulator's account;
above the budget threshold a question comes first, and "No" sends nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from fluxdesk.core.api.pricing import format_credits
from fluxdesk.core.budget import Budget
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.emulator import EmulatorServer, Fault
from fluxdesk.ui.app import Built

KEY = "bfl_window_test_key"  # the key the window fixtures set (conftest.py)


def run(qtbot: QtBot, built: Built, state: PromptState) -> list[str]:
    panel = built.window.prompt_panel
    panel.set_state(state)
    with qtbot.waitSignal(built.parts.generation.jobs_started, timeout=5000) as started:
        assert panel.generate(), panel.check().problems
    return started.args[0]


def test_ledger_and_balance_match_the_emulator_after_a_mixed_batch(
    qtbot: QtBot, quick_studio: Built, emulator: EmulatorServer, pencils_file: Path
) -> None:
    before = emulator.credits_of(KEY)
    generation = quick_studio.parts.generation
    with qtbot.waitSignal(generation.input_staged, timeout=10_000):
        quick_studio.window.canvas_control.open_paths([pencils_file])
    emulator.script(Fault("poll", "task_status", task_status="Request Moderated", times=1))
    jobs = run(qtbot, quick_studio, PromptState("flux-kontext-pro", "ink it", {}, 11, 2))
    jobs += run(
        qtbot,
        quick_studio,
        PromptState("flux-2-pro", "ink it", {"width": 1024, "height": 1536}, 12, 1),
    )
    jobs += run(qtbot, quick_studio, PromptState("flux-2-klein-4b", "ink it", {}, 13, 1))
    jobs += run(qtbot, quick_studio, PromptState("flux-dev", "a page", {}, 14, 1))
    model = quick_studio.parts.history_model
    qtbot.waitUntil(lambda: all(model.row_for(j).state.is_terminal for j in jobs), timeout=15_000)
    assert sum(model.row_for(j).error_message is not None for j in jobs) == 1  # moderated
    spent = round(before - emulator.credits_of(KEY), 4)
    assert spent > 0

    window = quick_studio.window
    expected = window.tr("Balance: ") + format_credits(emulator.credits_of(KEY))
    qtbot.waitUntil(lambda: window.status.balance_label.text() == expected, timeout=10_000)

    spending = quick_studio.parts.tools.spending
    with qtbot.waitSignal(spending.ledger_changed, timeout=5000) as changed:
        window.actions_.spending.trigger()
    ledger = changed.args[0]
    assert ledger.total.charged == pytest.approx(spent)
    assert ledger.total.jobs == 5 and ledger.total.refunded == 1
    flux2 = next(r for r in ledger.rows("model") if r.key == "flux-2-pro")
    assert flux2.charged == pytest.approx(flux2.estimated)  # the per-MP estimate was right
    dialog = window.tools.ledger
    assert dialog is not None and dialog.isVisible()
    assert dialog.total.value.text() == f"{spent:g}"
    assert dialog.balance.value.text() == f"{emulator.credits_of(KEY):g}"
    assert dialog.day_table.rowCount() == 1
    qtbot.wait(50)
    dialog.grab().save("/tmp/ledger_dialog.png")
    dialog.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    dialog.grab().save("/tmp/ledger_by_model.png")
    dialog.close()


def test_a_run_above_the_threshold_asks_first_and_no_sends_nothing(
    qtbot: QtBot, quick_studio: Built, emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = quick_studio.window
    window.actions_.spending.trigger()
    dialog = window.tools.ledger
    dialog.confirm_spin.setValue(10)
    spending = quick_studio.parts.tools.spending
    assert spending.budget() == Budget(0, 10)
    assert quick_studio.parts.preferences.value.budget == Budget(0, 10)
    dialog.close()

    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: asked.append(args[2]) or answer[0]
    )
    panel = window.prompt_panel
    panel.set_state(PromptState("flux-dev", "a page", {}, 1, 4))  # 4 x 2.5 = 10: no question
    with qtbot.waitSignal(quick_studio.parts.generation.jobs_started, timeout=5000):
        panel.generate()
    assert not asked
    model = quick_studio.parts.history_model
    qtbot.waitUntil(lambda: model.active_count() == 0, timeout=10_000)

    def submitted() -> int:
        return sum(request.method == "POST" for request in emulator.requests)

    submitted_before = submitted()
    rows_before = quick_studio.parts.history_model.rowCount()
    panel.set_state(PromptState("flux-kontext-pro", "a page", {}, 1, 4))  # 16 credits
    assert panel.generate()
    assert len(asked) == 1 and "threshold of 10 credits" in asked[0]
    assert "Send 4 images for 16 credits ($0.16)?" in asked[0]
    assert quick_studio.parts.history_model.rowCount() == rows_before
    assert window.statusBar().currentMessage() == "Nothing was sent."
    qtbot.wait(100)
    assert submitted() == submitted_before  # nothing reached the API

    answer[0] = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(quick_studio.parts.generation.jobs_started, timeout=5000):
        panel.generate()
    assert len(asked) == 2
    assert quick_studio.parts.history_model.rowCount() == rows_before + 4

    # A monthly budget: this month's runs count against it.
    spending.set_budget(Budget(monthly_cap=30, confirm_above=0))
    answer[0] = QMessageBox.StandardButton.No
    assert panel.generate()
    assert len(asked) == 3 and "over your monthly budget" in asked[2]
