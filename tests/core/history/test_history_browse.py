"""Finding and organising entries: search, filters, star/reject, trash and purge, projects,
lineage and the diff between two entries."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from fluxdesk.core.errors import InputError, Moderated, ResultExpired
from fluxdesk.core.history import curation, projects
from fluxdesk.core.history.diff import Change, entry_diff, prompt_diff
from fluxdesk.core.history.lineage import ancestry, build_forest, descendants, links_of
from fluxdesk.core.history.search import (
    HistoryQuery,
    StatusFilter,
    models_in_history,
    parse_terms,
    search_ids,
)
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobState

MakeEntry = Callable[..., JobId]  # the `make_entry` fixture (conftest.py beside this file)


def test_words_match_as_prefixes_and_every_word_must_match(
    store: HistoryStore, make_entry: MakeEntry
) -> None:
    inked = make_entry("Ink these pencils: pure black, no grey")
    tone = make_entry("add screentone to the night sky")
    make_entry("colour flats for page 3")
    assert search_ids(store, HistoryQuery(text="ink")) == [inked]
    assert search_ids(store, HistoryQuery(text="PENCIL black")) == [inked]
    assert search_ids(store, HistoryQuery(text="screen")) == [tone]
    assert search_ids(store, HistoryQuery(text="pure-black")) == [inked]  # a phrase
    assert search_ids(store, HistoryQuery(text="black sky")) == []


@pytest.mark.parametrize(
    "text", ['"', "AND", "NEAR(", "*", "ink OR", "col:ink", "(((", "'", "\\", "%_"]
)
def test_any_text_is_a_valid_query(store: HistoryStore, make_entry: MakeEntry, text: str) -> None:
    make_entry("ink AND tone")
    search_ids(store, HistoryQuery(text=text))  # never an FTS syntax error


def test_japanese_matches_as_a_substring(store: HistoryStore, make_entry: MakeEntry) -> None:
    japanese = make_entry("黒い線で清書、グレーなし")
    make_entry("ink the lines")
    assert parse_terms("清書").fts is None
    assert search_ids(store, HistoryQuery(text="清書")) == [japanese]
    assert search_ids(store, HistoryQuery(text="グレー 黒い")) == [japanese]


def test_filters_combine(store: HistoryStore, make_entry: MakeEntry) -> None:
    done = make_entry("a", model="flux-2-pro")
    failed = make_entry("b", state=JobState.failed, error=Moderated("refused"))
    expired = make_entry("c", state=JobState.failed, error=ResultExpired("gone"))
    running = make_entry("d", state=JobState.running)
    cancelled = make_entry("e", state=JobState.cancelled)
    by_status = {status: search_ids(store, HistoryQuery(status=status)) for status in StatusFilter}
    assert by_status[StatusFilter.done] == [done]
    assert by_status[StatusFilter.failed] == [failed]
    assert by_status[StatusFilter.expired] == [expired]
    assert by_status[StatusFilter.unfinished] == [running]
    assert by_status[StatusFilter.cancelled] == [cancelled]
    assert by_status[StatusFilter.any] == [cancelled, running, expired, failed, done]
    assert search_ids(store, HistoryQuery(model="flux-2-pro")) == [done]
    assert "flux-2-pro" in models_in_history(store)

    now = time.time()
    assert search_ids(store, HistoryQuery(since=now - 60, until=now + 60))[-1] == done
    assert search_ids(store, HistoryQuery(until=now - 3600)) == []


def test_accepts_agrees_with_the_database(store: HistoryStore, make_entry: MakeEntry) -> None:
    prompts = ["Ink these pencils", "screentone sky", "黒い線", "ink-wash tone"]
    ids = [make_entry(text) for text in prompts]
    curation.set_flag(store, [ids[1]], "starred", True)
    queries = [
        HistoryQuery(text="ink"),
        HistoryQuery(text="ink tone"),
        HistoryQuery(text="線"),
        HistoryQuery(starred=True),
        HistoryQuery(status=StatusFilter.failed),
        HistoryQuery(model="flux-2-pro"),
    ]
    records = store.get_jobs(ids)
    for query in queries:
        expected = set(search_ids(store, query))
        accepted = {
            r.id
            for r in records
            if query.accepts(
                prompt=r.prompt,
                model=r.model,
                state=r.state,
                error_kind=r.error_kind,
                starred=r.starred,
                rejected=r.rejected,
                page_id=r.page_id,
                created_at=r.created_at,
                in_trash=r.deleted_at is not None,
            )
        }
        assert accepted == expected, query


def test_star_and_reject_exclude_each_other(store: HistoryStore, make_entry: MakeEntry) -> None:
    job = make_entry()
    curation.set_flag(store, [job], "starred", True)
    assert search_ids(store, HistoryQuery(starred=True)) == [job]
    curation.set_flag(store, [job], "rejected", True)
    record = store.get_job(job)
    assert record is not None and record.rejected and not record.starred
    assert search_ids(store, HistoryQuery(hide_rejected=True)) == []
    with pytest.raises(ValueError):
        curation.set_flag(store, [job], "state", True)


def test_delete_goes_to_the_trash_and_comes_back(
    store: HistoryStore, make_entry: MakeEntry
) -> None:
    keep, doomed = make_entry("keep"), make_entry("doomed")
    running = make_entry("running", state=JobState.running)
    moved = curation.move_to_trash(store, [doomed, running])
    assert moved == [doomed]  # a running job is never deleted under the runner
    assert search_ids(store, HistoryQuery()) == [running, keep]
    assert search_ids(store, HistoryQuery(trash=True)) == [doomed]
    assert curation.trash_count(store) == 1
    curation.restore_from_trash(store, moved)
    assert search_ids(store, HistoryQuery(trash=True)) == []
    assert doomed in search_ids(store, HistoryQuery())


def test_purge_removes_entries_and_only_unused_files(
    store: HistoryStore, make_entry: MakeEntry
) -> None:
    keep, doomed = make_entry("keep"), make_entry("doomed")
    keep_record, doomed_record = store.get_job(keep), store.get_job(doomed)
    assert keep_record and doomed_record and keep_record.result and doomed_record.result
    curation.move_to_trash(store, [doomed])

    assert curation.purge_trash(store).entries == 0  # not 30 days old yet
    later = time.time() + 31 * 86400
    summary = curation.purge_trash(store, now=later)
    assert (summary.entries, summary.files) == (1, 1)
    assert store.get_job(doomed) is None
    assert not doomed_record.result.path.exists()  # its result was its own
    assert keep_record.result.path.exists()
    shared_pencils = keep_record.request.inputs[0].sha256
    assert store.get_image(shared_pencils) is not None  # still used by "keep"
    assert search_ids(store, HistoryQuery(text="doomed")) == []  # gone from the index too


def test_purge_now_empties_the_trash_on_demand(store: HistoryStore, make_entry: MakeEntry) -> None:
    ids = [make_entry(f"entry {n}") for n in range(3)]
    curation.move_to_trash(store, ids)
    assert curation.purge_trash(store, older_than_days=None, ids=ids[:1]).entries == 1
    assert curation.purge_trash(store, older_than_days=None).entries == 2
    assert store.count_jobs() == 0


def test_projects_book_chapter_page(store: HistoryStore, make_entry: MakeEntry) -> None:
    page = projects.new_page_path(store, "Harbour Lights", "Chapter 1", "Page 3")
    again = projects.new_page_path(store, "Harbour Lights", "Chapter 1", "Page 3")
    assert again == page
    other = projects.new_page_path(store, "Harbour Lights", "Chapter 1", "Page 4")
    tree = projects.project_tree(store)
    assert tree.label(page.id) == "Harbour Lights › Chapter 1 › Page 3"
    assert [p.position for p in tree.pages_of(page.chapter_id)] == [1, 2]

    on_page = make_entry("on the page", page_id=page.id)
    elsewhere = make_entry("elsewhere")
    projects.assign_page(store, [elsewhere], other.id)
    assert search_ids(store, HistoryQuery(page_id=page.id)) == [on_page]
    assert projects.page_spend(store, page.id) == 4.0

    projects.set_current_page(store, page.id)
    assert projects.current_page(store) == page.id
    with pytest.raises(InputError):
        projects.add_book(store, "   ")


def test_lineage_forest_and_ancestry(store: HistoryStore, make_entry: MakeEntry) -> None:
    root = make_entry("pencils inked")
    child = make_entry("add tone", parent_id=root)
    grandchild = make_entry("darker tone", parent_id=child)
    remix = make_entry("same settings, other seed", settings_from=root)
    loner = make_entry("unrelated")
    ids = search_ids(store, HistoryQuery())
    forest = build_forest(links_of(store, ids))
    assert forest.roots == (loner, root)
    assert forest.children_of(root) == (child, remix)  # oldest first
    assert forest.children_of(child) == (grandchild,)
    assert remix in forest.via_settings and len(forest) == 5

    only_some = build_forest(links_of(store, [grandchild, loner]))
    assert only_some.roots == (grandchild, loner)  # parents filtered out: roots

    assert [r.id for r in ancestry(store, grandchild)] == [root, child, grandchild]
    assert [link.id for link in descendants(store, root)] == [child, remix]


def test_a_cycle_in_a_damaged_database_does_not_hang(store: HistoryStore, make_entry: MakeEntry):
    a = make_entry("a")
    b = make_entry("b", parent_id=a)
    with store.transaction("test") as db:
        db.execute("UPDATE jobs SET parent_id = ? WHERE id = ?", (b, a))
    forest = build_forest(links_of(store, [b, a]))
    assert len(forest) == 2 and forest.roots
    assert len(ancestry(store, b)) == 2


def test_diff_of_two_entries(store: HistoryStore, make_entry: MakeEntry) -> None:
    before = make_entry("ink the pencils, thin lines", params={"output_format": "png"}, seed=5)
    after = make_entry(
        "ink the pencils, bold lines",
        model="flux-kontext-max",
        params={"output_format": "png", "safety_tolerance": 2},
        seed=6,
    )
    a, b = store.get_job(before), store.get_job(after)
    assert a is not None and b is not None
    diff = entry_diff(a, b)
    removed = [op.text for op in diff.prompt if op.change is Change.removed]
    added = [op.text for op in diff.prompt if op.change is Change.added]
    assert (removed, added) == (["thin"], ["bold"])
    changed = {item.name: (item.before, item.after) for item in diff.changed_fields}
    assert changed["model"] == ("flux-kontext-pro", "flux-kontext-max")
    assert changed["seed"] == ("5", "6")
    assert changed["safety_tolerance"] == ("—", "2")
    assert "output_format" not in changed and "cost" not in changed
    assert "".join(op.text for op in prompt_diff("a  b", "a  b")) == "a  b"
