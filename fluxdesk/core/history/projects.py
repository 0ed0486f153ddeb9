"""Projects: books of chapters of pages. An entry belongs to (at most) one page, and new
entries go to the current page. Blocking; worker thread in the GUI."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass

from fluxdesk.core.errors import InputError
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId
from fluxdesk.core.messages import Message

_CURRENT_PAGE = "current_page"


@dataclass(frozen=True, slots=True)
class Book:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Chapter:
    id: int
    book_id: int
    name: str
    position: int


@dataclass(frozen=True, slots=True)
class Page:
    id: int
    chapter_id: int
    name: str
    position: int


@dataclass(frozen=True, slots=True)
class ProjectTree:
    books: tuple[Book, ...] = ()
    chapters: tuple[Chapter, ...] = ()
    pages: tuple[Page, ...] = ()

    def chapters_of(self, book_id: int) -> list[Chapter]:
        return [chapter for chapter in self.chapters if chapter.book_id == book_id]

    def pages_of(self, chapter_id: int) -> list[Page]:
        return [page for page in self.pages if page.chapter_id == chapter_id]

    def page(self, page_id: int | None) -> Page | None:
        return next((page for page in self.pages if page.id == page_id), None)

    def path_of(self, page_id: int | None) -> tuple[Book, Chapter, Page] | None:
        page = self.page(page_id)
        if page is None:
            return None
        chapter = next(c for c in self.chapters if c.id == page.chapter_id)
        book = next(b for b in self.books if b.id == chapter.book_id)
        return book, chapter, page

    def label(self, page_id: int | None, separator: str = " › ") -> str:
        path = self.path_of(page_id)
        return separator.join(part.name for part in path) if path else ""


def _name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise InputError("A name can't be empty.")
    if len(name) > 200:
        raise InputError("That name is too long (200 characters at most).")
    return name


def project_tree(store: HistoryStore) -> ProjectTree:
    with store.read() as db:
        books = tuple(
            Book(r["id"], r["name"]) for r in db.execute("SELECT * FROM books ORDER BY id")
        )
        chapters = tuple(
            Chapter(r["id"], r["book_id"], r["name"], r["position"])
            for r in db.execute("SELECT * FROM chapters ORDER BY book_id, position, id")
        )
        pages = tuple(
            Page(r["id"], r["chapter_id"], r["name"], r["position"])
            for r in db.execute("SELECT * FROM pages ORDER BY chapter_id, position, id")
        )
    return ProjectTree(books, chapters, pages)


def add_book(store: HistoryStore, name: str) -> Book:
    with store.transaction(Message("the book")) as db:
        cursor = db.execute(
            "INSERT INTO books (name, created_at) VALUES (?, ?)", (_name(name), time.time())
        )
    return Book(int(cursor.lastrowid or 0), _name(name))


def _next_position(db: sqlite3.Connection, table: str, parent: str, parent_id: int) -> int:
    row = db.execute(
        f"SELECT COALESCE(MAX(position), 0) + 1 FROM {table} WHERE {parent} = ?", (parent_id,)
    ).fetchone()
    return int(row[0])


def add_chapter(store: HistoryStore, book_id: int, name: str) -> Chapter:
    with store.transaction(Message("the chapter")) as db:
        position = _next_position(db, "chapters", "book_id", book_id)
        cursor = db.execute(
            "INSERT INTO chapters (book_id, name, position, created_at) VALUES (?, ?, ?, ?)",
            (book_id, _name(name), position, time.time()),
        )
    return Chapter(int(cursor.lastrowid or 0), book_id, _name(name), position)


def add_page(store: HistoryStore, chapter_id: int, name: str) -> Page:
    with store.transaction(Message("the page")) as db:
        position = _next_position(db, "pages", "chapter_id", chapter_id)
        cursor = db.execute(
            "INSERT INTO pages (chapter_id, name, position, created_at) VALUES (?, ?, ?, ?)",
            (chapter_id, _name(name), position, time.time()),
        )
    return Page(int(cursor.lastrowid or 0), chapter_id, _name(name), position)


def new_page_path(store: HistoryStore, book: str, chapter: str, page: str) -> Page:
    """A book, chapter and page by name, creating whichever does not exist yet."""
    tree = project_tree(store)
    found_book = next((b for b in tree.books if b.name == _name(book)), None)
    book_id = found_book.id if found_book else add_book(store, book).id
    found_chapter = next((c for c in tree.chapters_of(book_id) if c.name == _name(chapter)), None)
    chapter_id = found_chapter.id if found_chapter else add_chapter(store, book_id, chapter).id
    found_page = next((p for p in tree.pages_of(chapter_id) if p.name == _name(page)), None)
    return found_page or add_page(store, chapter_id, page)


def assign_page(store: HistoryStore, ids: Sequence[JobId], page_id: int | None) -> None:
    if ids:
        marks = ",".join("?" * len(ids))
        with store.transaction(Message("the change")) as db:
            db.execute(f"UPDATE jobs SET page_id = ? WHERE id IN ({marks})", (page_id, *ids))


def current_page(store: HistoryStore) -> int | None:
    with store.read() as db:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (_CURRENT_PAGE,)).fetchone()
        if row is None:
            return None
        exists = db.execute("SELECT 1 FROM pages WHERE id = ?", (int(row[0]),)).fetchone()
    return int(row[0]) if exists else None


def set_current_page(store: HistoryStore, page_id: int | None) -> None:
    with store.transaction(Message("the current page")) as db:
        if page_id is None:
            db.execute("DELETE FROM meta WHERE key = ?", (_CURRENT_PAGE,))
        else:
            db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (_CURRENT_PAGE, str(page_id)),
            )


def page_spend(store: HistoryStore, page_id: int) -> float:
    """Credits spent on the page's entries: what BFL reported (else the estimate) for every
    job it accepted, except those it refunds (moderated, failed on its side)."""
    with store.read() as db:
        row = db.execute(
            "SELECT COALESCE(SUM(COALESCE(cost, price_estimate)), 0) FROM jobs "
            "WHERE page_id = ? AND task_id IS NOT NULL "
            "AND COALESCE(error_kind, '') NOT IN ('moderated', 'generation_failed')",
            (page_id,),
        ).fetchone()
    return float(row[0])
