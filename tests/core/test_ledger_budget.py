"""The cost ledger against the emulator's own balance, and the budget guard."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import uuid

import pytest
from PIL import Image

from fluxdesk.core.api.catalog import get_model
from fluxdesk.core.api.client import FluxApi
from fluxdesk.core.api.models import GenerationRequest, InputImage
from fluxdesk.core.api.pricing import estimate_credits
from fluxdesk.core.budget import Budget, check_run
from fluxdesk.core.concurrency import ConcurrencyGate
from fluxdesk.core.config import Preferences, load_preferences, save_preferences
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobPlan, JobState, PollPolicy, run_planned_job
from fluxdesk.core.ledger import available_groupings, month_charged, read_ledger
from fluxdesk.emulator import EmulatorServer, Fault

TEST_KEY = "bfl_test_key_0123456789"  # the `api` fixture's key


def stored_input(store: HistoryStore, size: tuple[int, int], slot: str) -> InputImage:
    buffer = io.BytesIO()
    Image.new("L", size, 200).save(buffer, "PNG")
    stored = store.add_image(buffer.getvalue(), "png", *size)
    return InputImage(slot, stored.sha256, *size)


def run(api: FluxApi, store: HistoryStore, request: GenerationRequest) -> JobState:
    estimate = estimate_credits(get_model(request.model), request)
    plan = JobPlan(request, api, "test", estimate)
    updates = list(
        run_planned_job(
            JobId(uuid.uuid4().hex),
            plan,
            store=store,
            policy=PollPolicy.immediate(),
            gate=ConcurrencyGate(),
            cancel=threading.Event(),
        )
    )
    return updates[-1].state


def test_the_ledger_of_a_mixed_batch_equals_the_emulators_credit_difference(
    api: FluxApi, store: HistoryStore, emulator: EmulatorServer
) -> None:
    before = emulator.credits_of(TEST_KEY)
    pencils = stored_input(store, (1200, 1600), "input_image")  # 1.83 MP: 2 MP for FLUX.2
    reference = stored_input(store, (800, 800), "input_image_2")
    emulator.script(Fault("poll", "task_status", task_status="Request Moderated", times=1))
    batch = [
        GenerationRequest("flux-kontext-pro", "moderated ink", {}, 1, (pencils,)),  # refunded
        GenerationRequest("flux-kontext-pro", "ink", {}, 2, (pencils,)),
        GenerationRequest("flux-kontext-max", "ink", {}, 3, (pencils,)),
        GenerationRequest(
            "flux-2-pro", "sheet", {"width": 2048, "height": 1024}, 4, (pencils, reference)
        ),
        GenerationRequest("flux-2-klein-4b", "quick", {}, 5),
        GenerationRequest("flux-dev", "thumbnail", {"width": 1024, "height": 768}, 6),
    ]
    states = [run(api, store, request) for request in batch]
    assert states == [JobState.failed] + [JobState.succeeded] * 5
    # A job refused locally never reaches the API and costs nothing.
    assert run(api, store, GenerationRequest("flux-kontext-pro", "", {}, 7)) is JobState.failed

    spent = round(before - emulator.credits_of(TEST_KEY), 4)
    ledger = read_ledger(store.db_path)
    assert ledger.total.charged == pytest.approx(spent)
    assert ledger.month_charged == pytest.approx(spent)
    assert month_charged(store.db_path) == pytest.approx(spent)
    assert ledger.total.jobs == 6 and ledger.total.refunded == 1
    # FLUX.2 is priced per megapixel: 3 + 1.5 for the 2nd output MP + 1.5 x (2 + 1) input MP.
    flux2 = next(r for r in ledger.rows("model") if r.key == "flux-2-pro")
    assert flux2.charged == pytest.approx(9.0) and flux2.estimated == pytest.approx(9.0)
    kontext = next(r for r in ledger.rows("model") if r.key == "flux-kontext-pro")
    assert (kontext.jobs, kontext.charged, kontext.refunded) == (2, 4.0, 1)
    assert kontext.estimated == 4.0  # the refunded job's estimate is left out too
    [today] = ledger.rows("day")
    assert today.key == dt.date.today().isoformat() and today.charged == pytest.approx(spent)
    # The history's project pages (schema v4) give the ledger a per-page grouping.
    assert [g.name for g in ledger.groupings] == ["day", "model", "page"]


def test_project_columns_become_groupings_when_the_history_has_them(store: HistoryStore) -> None:
    import sqlite3

    with sqlite3.connect(store.db_path) as db:
        db.execute("ALTER TABLE jobs ADD COLUMN chapter_id TEXT")
        db.execute("ALTER TABLE jobs ADD COLUMN page TEXT")
        assert [g.name for g in available_groupings(db)] == ["day", "model", "chapter", "page"]
    request = GenerationRequest("flux-dev", "x")
    for number, (chapter, cost) in enumerate((("c1", 2.5), ("c1", 2.5), ("c2", 4.0))):
        job = JobId(f"job{number}")
        store.create_job(job, request, source="test", api_base="x", price_estimate=cost)
        with sqlite3.connect(store.db_path) as db:
            db.execute(
                "UPDATE jobs SET task_id = 't', cost = ?, chapter_id = ?, state = 'succeeded' "
                "WHERE id = ?",
                (cost, chapter, job),
            )
    rows = {r.key: r.charged for r in read_ledger(store.db_path).rows("chapter")}
    assert rows == {"c1": 5.0, "c2": 4.0}


def test_budget_check() -> None:
    assert not check_run(Budget(), 1000, 10_000).needs_confirmation
    threshold = check_run(Budget(confirm_above=10), 16, 0)
    assert threshold.needs_confirmation and "threshold" in threshold.reasons[0]
    assert not check_run(Budget(confirm_above=10), 8, 0).needs_confirmation
    over = check_run(Budget(monthly_cap=100), 16, 90)
    assert over.needs_confirmation and "10 credits ($0.10) left" in over.reasons[0]
    assert not check_run(Budget(monthly_cap=100), 10, 90).needs_confirmation
    with pytest.raises(ValueError):
        Budget(monthly_cap=-1)


def test_the_budget_preference_round_trips_and_bad_values_fall_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "preferences.json"
    save_preferences(path, Preferences(budget=Budget(500, 20)))
    assert load_preferences(path).budget == Budget(500.0, 20.0)
    data = json.loads(path.read_text())
    data["budget"] = {"monthly_cap": "lots", "confirm_above": 5}
    data["variations"] = 3
    path.write_text(json.dumps(data))
    loaded = load_preferences(path)
    assert loaded.budget == Budget() and loaded.variations == 3
