"""Extra reference images (characters, style) as a strip of thumbnails with add and remove.

References past the model's limit are kept (switching back to a model that takes them brings
them back) but dimmed and not sent.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fluxdesk.ui.prompt_panel.style import (
    OutlineFrame,
    SectionHeader,
    error_color,
    icon_size,
    plus_icon,
    wrapped,
)
from fluxdesk.ui.prompt_panel.thumbnails import Thumbnail, ThumbnailLoader

TILE = 60
SPACING = 6
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".tif", ".tiff", ".bmp")
FILE_PATTERNS = " ".join(f"*{s}" for s in IMAGE_SUFFIXES)


class _Tile(QWidget):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.picture = QLabel()
        self.picture.setFixedSize(TILE, TILE)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setFrameShape(QLabel.Shape.StyledPanel)
        self.picture.setText("…")
        self.remove = QToolButton(self.picture)
        self.remove.setObjectName("removeReferenceButton")
        self.remove.setText("×")
        self.remove.setToolTip(self.tr("Remove {name}").format(name=path.name))
        self.remove.setFixedSize(18, 18)
        self.remove.move(TILE - 20, 2)
        self.caption = wrapped()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.caption.setFixedWidth(TILE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.picture)
        layout.addWidget(self.caption)

    def show_thumbnail(self, thumbnail: Thumbnail) -> None:
        if thumbnail.image is None:
            self.picture.setText("!")
            self.picture.setStyleSheet(f"color: {error_color(self.palette()).name()};")
            self.picture.setToolTip(thumbnail.error or "")
            return
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap.fromImage(thumbnail.image).scaled(
            QSize(round((TILE - 4) * ratio), round((TILE - 4) * ratio)),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        pixmap.setDevicePixelRatio(ratio)
        self.picture.setPixmap(pixmap)
        width, height = thumbnail.size or (0, 0)
        self.picture.setToolTip(f"{self.path}\n{width}×{height} px")


class ReferenceStrip(QWidget):
    """`changed()` when references are added or removed, or a thumbnail finished loading."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referenceStrip")
        self.setAcceptDrops(True)
        self._paths: list[Path] = []
        self._tiles: dict[Path, _Tile] = {}
        self._loaded: dict[Path, Thumbnail] = {}
        self._limit = 0
        self._columns = 0
        self._last_dir = ""
        self.loader = ThumbnailLoader(parent=self)
        self.loader.loaded.connect(self._on_loader_loaded)

        self.count_label = QLabel()
        self.header = SectionHeader(self.tr("References"), self.count_label)
        self.explanation = wrapped()
        self.explanation.setObjectName("referenceLimit")
        self.add_button = QToolButton()
        self.add_button.setObjectName("addReferenceButton")
        self.add_button.setText(self.tr("Add…"))
        self.add_button.setIcon(plus_icon(self.palette().windowText().color()))
        self.add_button.setIconSize(icon_size(self, 16))
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.add_button.setFixedSize(TILE, TILE)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.tiles = QWidget()
        self.grid = QGridLayout(self.tiles)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(SPACING)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.frame = OutlineFrame(self.tiles)
        self.frame.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.explanation)
        layout.addWidget(self.frame)
        self._rebuild()

    # --- public ---------------------------------------------------------------------------------

    def set_limit(self, limit: int, explanation: str) -> None:
        self._limit = limit
        self.explanation.setText(explanation)
        self._rebuild()

    def limit(self) -> int:
        return self._limit

    def paths(self) -> list[Path]:
        return list(self._paths)

    def used_paths(self) -> tuple[Path, ...]:
        return tuple(self._paths[: self._limit])

    def unused_count(self) -> int:
        return max(0, len(self._paths) - self._limit)

    def set_paths(self, paths: list[Path] | tuple[Path, ...]) -> None:
        self._paths = []
        self._add(list(paths), respect_limit=False)

    def add_references(self, paths: list[Path]) -> int:
        """Adds up to the free slots; returns how many were added."""
        return self._add(paths, respect_limit=True)

    def remove_reference(self, path: Path) -> None:
        if path in self._paths:
            self._paths.remove(path)
            self._rebuild()
            self.changed.emit()

    def sizes(self, paths: tuple[Path, ...]) -> list[tuple[int, int] | None]:
        return [thumb.size if (thumb := self._loaded.get(p)) else None for p in paths]

    def unreadable(self) -> list[str]:
        return [
            thumb.error or self.tr("'{name}' could not be read.").format(name=path.name)
            for path in self.used_paths()
            if (thumb := self._loaded.get(path)) is not None and thumb.image is None
        ]

    def loading(self) -> bool:
        return any(path not in self._loaded for path in self._paths)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        return self.loader.shutdown(timeout_ms)

    # --- internals ------------------------------------------------------------------------------

    def _add(self, paths: list[Path], *, respect_limit: bool) -> int:
        added = 0
        for path in (Path(p) for p in paths):
            if path in self._paths:
                continue
            if respect_limit and len(self._paths) >= self._limit:
                break
            self._paths.append(path)
            if path not in self._loaded:
                self.loader.request(path)
            added += 1
        self._rebuild()
        self.changed.emit()
        return added

    def _rebuild(self) -> None:
        for path in list(self._tiles):
            if path not in self._paths:
                tile = self._tiles.pop(path)
                tile.hide()
                tile.deleteLater()
        for number, path in enumerate(self._paths, start=2):
            tile = self._tiles.get(path)
            if tile is None:
                tile = self._tiles[path] = _Tile(path)
                tile.remove.clicked.connect(self._on_tile_remove_clicked)
                if path in self._loaded:
                    tile.show_thumbnail(self._loaded[path])
            sent = number - 2 < self._limit
            caption = (
                self.tr("image {number}").format(number=number) if sent else self.tr("not sent")
            )
            tile.caption.setText(caption)
            tile.picture.setEnabled(sent)
        full = len(self._paths) >= self._limit
        self.add_button.setEnabled(not full)
        self.add_button.setToolTip(
            self.tr("All reference slots are used")
            if full
            else self.tr("Add character or style references")
        )
        self.count_label.setText(f"{min(len(self._paths), self._limit)} / {self._limit}")
        self._columns = 0
        self._relayout()

    def _relayout(self) -> None:
        usable = max(TILE, self.frame.width() - 2 * OutlineFrame.MARGIN)
        columns = max(1, (usable + SPACING) // (TILE + SPACING))
        if columns == self._columns:
            return
        self._columns = columns
        while self.grid.count():
            self.grid.takeAt(0)
        widgets: list[QWidget] = [self._tiles[p] for p in self._paths] + [self.add_button]
        for index, widget in enumerate(widgets):
            self.grid.addWidget(widget, index // columns, index % columns)
            widget.show()  # a layout would only show it on the next event loop turn

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_paths(event) and self.add_button.isEnabled():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_references(self._dropped_paths(event))
        event.acceptProposedAction()

    @staticmethod
    def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in IMAGE_SUFFIXES]

    @Slot()
    def _on_tile_remove_clicked(self) -> None:
        button = self.sender()
        for path, tile in self._tiles.items():
            if tile.remove is button:
                self.remove_reference(path)
                return

    @Slot()
    def _on_add_button_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add reference images"),
            self._last_dir,
            self.tr("Images ({patterns})").format(patterns=FILE_PATTERNS),
        )
        if names:
            self._last_dir = str(Path(names[0]).parent)
            self.add_references([Path(name) for name in names])

    @Slot(object)
    def _on_loader_loaded(self, thumbnail: Thumbnail) -> None:
        self._loaded[thumbnail.path] = thumbnail
        if tile := self._tiles.get(thumbnail.path):
            tile.show_thumbnail(thumbnail)
        self.changed.emit()
