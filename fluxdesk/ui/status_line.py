"""The window's status bar: the connection (or demo mode), the balance, the zoom, and the
messages every controller sends. Presentation only."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QLabel, QMainWindow

from fluxdesk.ui.canvas import CanvasView
from fluxdesk.ui.controllers.account import AccountController, Connection, KeyState
from fluxdesk.ui.i18n import credits_text

MESSAGE_MS = 8000


class StatusLine(QObject):
    def __init__(self, window: QMainWindow, canvas: CanvasView, account: AccountController) -> None:
        super().__init__(window)
        self._canvas = canvas
        self._bar = window.statusBar()
        self.mode_label = QLabel(window)
        self.mode_label.setObjectName("connectionLabel")
        self.balance_label = QLabel(window)
        self.balance_label.setObjectName("balanceLabel")
        self.zoom_label = QLabel(window)
        self.zoom_label.setObjectName("zoomLabel")
        for label in (self.mode_label, self.balance_label, self.zoom_label):
            label.setContentsMargins(8, 0, 8, 0)
            self._bar.addPermanentWidget(label)
        canvas.zoom_changed.connect(self._on_canvas_zoom_changed)
        account.connection_changed.connect(self._on_account_connection_changed)
        account.balance_changed.connect(self._on_account_balance_changed)
        account.key_state_changed.connect(self._on_account_key_state_changed)

    @Slot(str)
    def show_message(self, text: str) -> None:
        if text:
            self._bar.showMessage(text, MESSAGE_MS)

    @Slot(str)
    def show_brief(self, text: str) -> None:
        """A passing note (jobs started, settings restored)."""
        self._bar.showMessage(text, MESSAGE_MS // 2)

    @Slot(float)
    def _on_canvas_zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")

    @Slot(object)
    def _on_account_connection_changed(self, connection: Connection) -> None:
        if connection.demo:
            self.mode_label.setText(self.tr("● Demo mode: add your key in Settings"))
            self.mode_label.setStyleSheet("color: #d08a1a; font-weight: 600;")
            self._canvas.set_empty_message(
                self.tr("Drop your pencils here to try FluxDesk"),
                self.tr(
                    "Demo mode: results come from the built-in emulator, free. "
                    "Add your BFL key in Settings (Ctrl+,) to use the real models."
                ),
            )
        else:
            self.mode_label.setText(connection.label)
            self.mode_label.setStyleSheet("")

    @Slot(object)
    def _on_account_balance_changed(self, balance: object) -> None:
        if isinstance(balance, int | float):
            self.balance_label.setText(self.tr("Balance: ") + credits_text(float(balance)))
        else:
            self.balance_label.setText("")

    @Slot(str)
    def _on_account_key_state_changed(self, state: str) -> None:
        if state == KeyState.rejected:
            self.show_message(self.tr("BFL rejected the API key. Open Settings to fix it."))
