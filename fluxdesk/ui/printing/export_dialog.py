"""Export dialogs: one page (format, resolution, recipe and sidecar opt-ins, target file) and a
chapter PDF. Both show the run in place: a progress bar with Cancel, a clear message on
failure, and "Show in folder" at the end. They only present and emit; the export controller
does the work."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.core.printing.finishing import ColorMode
from fluxdesk.ui.i18n import translate
from fluxdesk.ui.printing.page_section import size_text
from fluxdesk.ui.printing.state import DPI_CHOICES, ExportFormat, PrintState
from fluxdesk.ui.prompt_panel.style import accent_color, error_color, wrapped

FORMAT_LABELS = {
    ExportFormat.tiff_mono: QT_TRANSLATE_NOOP(
        "ExportPageDialog", "TIFF · 1-bit black and white, CCITT G4"
    ),
    ExportFormat.png_mono: QT_TRANSLATE_NOOP("ExportPageDialog", "PNG · 1-bit black and white"),
    ExportFormat.tiff_gray: QT_TRANSLATE_NOOP("ExportPageDialog", "TIFF · 8-bit greyscale"),
    ExportFormat.png_gray: QT_TRANSLATE_NOOP("ExportPageDialog", "PNG · 8-bit greyscale"),
    ExportFormat.png_color: QT_TRANSLATE_NOOP("ExportPageDialog", "PNG · colour"),
    ExportFormat.jpeg_color: QT_TRANSLATE_NOOP("ExportPageDialog", "JPEG · colour"),
}
_FILTERS = {
    ".tif": "TIFF (*.tif *.tiff)",
    ".png": "PNG (*.png)",
    ".jpg": "JPEG (*.jpg *.jpeg)",
    ".psd": "Photoshop (*.psd)",
}


@dataclass(frozen=True, slots=True)
class PageExportChoice:
    path: Path
    format: ExportFormat
    dpi: int
    embed_recipe: bool
    sidecar: bool


def ask_overwrite(parent: QWidget, path: Path) -> bool:
    answer = QMessageBox.question(
        parent,
        translate("ExportPageDialog", "Replace the file?"),
        translate("ExportPageDialog", "'{name}' already exists in {folder}. Replace it?").format(
            name=path.name, folder=path.parent
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class RunDialog(QDialog):
    """The shared frame: a form, the target file, the run's progress and outcome."""

    cancel_requested = Signal()

    def __init__(self, title: str, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._running = False
        self._folder: Path | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        # One container for every field, so a run can disable them all and re-enable them
        # without waking up a field that is disabled for its own reason (no recipe).
        self.fields = QWidget(self)
        self.form = QFormLayout(self.fields)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addWidget(self.fields)

        row = QWidget(self.fields)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.path = QLineEdit(str(path), row)
        self.path.setObjectName("exportPath")
        self.browse = QPushButton(self.tr("Choose…"), row)
        self.browse.setObjectName("browseButton")
        self.browse.clicked.connect(self._on_browse_clicked)
        line.addWidget(self.path, 1)
        line.addWidget(self.browse)
        self.form.addRow(self.tr("Save as"), row)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 100)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = wrapped(muted_text=False)
        self.status.setObjectName("exportStatus")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.linkActivated.connect(self._on_status_link_activated)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel = QPushButton(self.tr("Cancel"), self)
        self.cancel.setObjectName("cancelButton")
        self.cancel.clicked.connect(self._on_cancel_clicked)
        self.run = QPushButton(self.tr("Export"), self)
        self.run.setObjectName("exportButton")
        self.run.setDefault(True)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.run)
        layout.addLayout(buttons)

    def target(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def is_running(self) -> bool:
        return self._running

    def set_running(self, running: bool) -> None:
        self._running = running
        self.run.setEnabled(not running)
        self.fields.setEnabled(not running)
        self.cancel.setText(self.tr("Cancel Export") if running else self.tr("Cancel"))
        if running:
            self.progress.setValue(0)
            self.progress.show()
            self._set_status(self.tr("Exporting…"))

    def set_progress(self, fraction: float) -> None:
        self.progress.setValue(round(fraction * 100))

    def show_error(self, message: str) -> None:
        self.set_running(False)
        self.progress.hide()
        color = error_color(self.palette()).name()
        self._set_status(f'<span style="color:{color}">{_escape(message)}</span>')

    def show_cancelled(self) -> None:
        self.set_running(False)
        self.progress.hide()
        self._set_status(self.tr("Cancelled; nothing was written."))

    def show_done(self, path: Path, summary: str) -> None:
        self.set_running(False)
        self.progress.setValue(100)
        self._folder = path.parent
        self.run.setText(self.tr("Export Again"))
        self.cancel.setText(self.tr("Close"))
        link = self.tr("Show in folder")
        color = accent_color(self.palette()).name()  # readable in light and dark themes
        self._set_status(
            self.tr("Saved {name}: {summary}.").format(name=_escape(path.name), summary=summary)
            + f' &nbsp;<a href="folder" style="color:{color}">{link}</a>'
        )

    def _set_status(self, html: str) -> None:
        self.status.setText(html)

    @Slot()
    def _on_cancel_clicked(self) -> None:
        if self._running:
            self.cancel_requested.emit()
        else:
            self.reject()

    @Slot(str)
    def _on_status_link_activated(self, link: str) -> None:
        if self._folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder)))

    @Slot()
    def _on_browse_clicked(self) -> None:
        suffix = self.target().suffix.lower()
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.windowTitle(),
            str(self.target()),
            _FILTERS.get(suffix, "PDF (*.pdf)"),
            options=QFileDialog.Option.DontConfirmOverwrite,  # we ask ourselves, once
        )
        if name:
            self.path.setText(name)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            self.cancel_requested.emit()
        super().closeEvent(event)

    def reject(self) -> None:
        if self._running:
            self.cancel_requested.emit()
        super().reject()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ExportPageDialog(RunDialog):
    export_requested = Signal(object)  # PageExportChoice

    def __init__(self, state: PrintState, path: Path, has_recipe: bool, parent: QWidget) -> None:
        super().__init__(translate("ExportPageDialog", "Export Page"), path, parent)
        self.setObjectName("exportPageDialog")
        self._state = state
        self.summary = wrapped()
        self.summary.setObjectName("exportSummary")
        self.form.insertRow(0, self.tr("Page"), self.summary)

        self.format = QComboBox(self)
        self.format.setObjectName("formatCombo")
        for fmt, label in FORMAT_LABELS.items():
            self.format.addItem(self.tr(label), fmt.value)
        self.format.setCurrentIndex(self.format.findData(ExportFormat.default_for(state.mode)))
        self.format.currentIndexChanged.connect(self._on_choice_changed)
        self.form.insertRow(1, self.tr("Format"), self.format)

        self.dpi = QComboBox(self)
        self.dpi.setObjectName("exportDpiCombo")
        for dpi in DPI_CHOICES:
            self.dpi.addItem(self.tr("{dpi} dpi").format(dpi=dpi), dpi)
        self.dpi.setCurrentIndex(max(0, self.dpi.findData(state.dpi)))
        self.dpi.currentIndexChanged.connect(self._on_choice_changed)
        self.form.insertRow(2, self.tr("Resolution"), self.dpi)

        self.recipe = QCheckBox(self.tr("Embed the generation recipe in the file"), self)
        self.recipe.setObjectName("recipeCheck")
        self.sidecar = QCheckBox(self.tr("Write a JSON sidecar (for editors and contests)"), self)
        self.sidecar.setObjectName("sidecarCheck")
        for box in (self.recipe, self.sidecar):
            box.setEnabled(has_recipe)
            if not has_recipe:
                box.setToolTip(self.tr("Only results from the history have a recipe"))
        self.recipe.setToolTip(
            self.tr("Model, prompt, seed and date, as AI disclosure; never your API key")
        )
        self.form.insertRow(3, self.tr("Disclosure"), self.recipe)
        self.form.insertRow(4, "", self.sidecar)
        self.run.clicked.connect(self._on_run_clicked)
        self._on_choice_changed()

    def choice(self) -> PageExportChoice:
        return PageExportChoice(
            self.target(),
            ExportFormat(self.format.currentData()),
            int(self.dpi.currentData()),
            self.recipe.isChecked(),
            self.sidecar.isChecked(),
        )

    @Slot()
    def _on_choice_changed(self) -> None:
        fmt = ExportFormat(self.format.currentData())
        dpi = int(self.dpi.currentData())
        state = self._state
        guides = state.page.guides_px(dpi, bleed=state.bleed)
        box = self.tr("with bleed") if state.bleed else self.tr("trim")
        text = self.tr("{name}, {box} {size} → {width} × {height} px at {dpi} dpi").format(
            name=state.page.name,
            box=box,
            size=size_text(state.page, bleed=state.bleed),
            width=guides.canvas.width,
            height=guides.canvas.height,
            dpi=dpi,
        )
        if fmt.mode is not state.mode:
            text += "\n" + self.tr("This format exports the page in {mode}.").format(
                mode=self.tr(_MODE_NAMES[fmt.mode])
            )
        self.summary.setText(text)
        target = self.target()
        if target.suffix.lower() != fmt.suffix and target.name:
            self.path.setText(str(target.with_suffix(fmt.suffix)))

    @Slot()
    def _on_run_clicked(self) -> None:
        self.export_requested.emit(self.choice())


_MODE_NAMES = {
    ColorMode.mono: QT_TRANSLATE_NOOP("ExportPageDialog", "black and white"),
    ColorMode.gray: QT_TRANSLATE_NOOP("ExportPageDialog", "greyscale"),
    ColorMode.color: QT_TRANSLATE_NOOP("ExportPageDialog", "colour"),
}


class ChapterDialog(RunDialog):
    export_requested = Signal(object)  # (Path, align: bool)

    def __init__(
        self, state: PrintState, path: Path, pages: list[str], origin: str, parent: QWidget
    ) -> None:
        super().__init__(translate("ChapterDialog", "Export Chapter PDF"), path, parent)
        self.setObjectName("chapterDialog")
        guides = state.guides
        depth = {
            ColorMode.mono: self.tr("1-bit G4"),
            ColorMode.gray: self.tr("8-bit grey"),
        }.get(state.mode, self.tr("colour"))
        # Above the form, full width: a long list of pages wraps over as many lines as it needs.
        pages_label = wrapped(muted_text=False)
        pages_label.setObjectName("chapterPages")
        pages_label.setText(
            self.tr("{count} pages, {origin}: {names}").format(
                count=len(pages), origin=origin, names=", ".join(pages)
            )
        )
        summary = wrapped()
        summary.setObjectName("chapterSummary")
        summary.setText(
            self.tr("{name} {size}, {width} × {height} px at {dpi} dpi, {depth}").format(
                name=state.page.name,
                size=size_text(state.page, bleed=state.bleed),
                width=guides.canvas.width,
                height=guides.canvas.height,
                dpi=state.dpi,
                depth=depth,
            )
        )
        self.layout().insertWidget(0, pages_label)
        self.layout().insertWidget(1, summary)
        self.align = QCheckBox(self.tr("Align each page to its pencils"), self)
        self.align.setObjectName("chapterAlignCheck")
        self.form.insertRow(0, "", self.align)
        self.run.clicked.connect(self._on_run_clicked)

    @Slot()
    def _on_run_clicked(self) -> None:
        self.export_requested.emit((self.target(), self.align.isChecked()))
