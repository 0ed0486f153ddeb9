"""The whole job life against the emulator, and every fault ending in exactly one typed error.

No Qt here: ``run_planned_job`` is driven directly, with polling that never waits.
"""

from __future__ import annotations

import base64
import io
import threading
import uuid

import pytest
from PIL import Image, ImageDraw

from fluxdesk.core.api.client import FluxApi, RetryPolicy, Timeouts
from fluxdesk.core.api.models import GenerationRequest, InputImage
from fluxdesk.core.concurrency import ConcurrencyGate
from fluxdesk.core.errors import (
    AuthError,
    CreditsError,
    DownloadError,
    FluxError,
    GenerationFailed,
    Moderated,
    NetworkError,
    PollTimeout,
    ProtocolError,
    RateLimited,
    ResultExpired,
    ServerError,
    ServerRejected,
    SubmitUncertain,
    TaskNotFound,
    ValidationProblem,
)
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import (
    JobId,
    JobPlan,
    JobState,
    JobUpdate,
    PollPolicy,
    resume_generation,
    run_planned_job,
)
from fluxdesk.emulator import EmulatorServer, Fault

TEST_KEY = "bfl_test_key_0123456789"  # the key of the `api` fixture in conftest.py


def pencils(store: HistoryStore) -> InputImage:
    image = Image.new("L", (640, 480), 235)
    draw = ImageDraw.Draw(image)
    for n in range(8):
        draw.line((40 + n * 70, 60, 300 + n * 30, 420), fill=120, width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    stored = store.add_image(buffer.getvalue(), "png", 640, 480)
    return InputImage("input_image", stored.sha256, 640, 480)


def run(
    api: FluxApi,
    store: HistoryStore,
    request: GenerationRequest,
    cancel: threading.Event | None = None,
    policy: PollPolicy | None = None,
) -> list[JobUpdate]:
    job_id = JobId(uuid.uuid4().hex)
    return list(
        run_planned_job(
            job_id,
            JobPlan(request, api, "test", 4.0),
            store=store,
            policy=policy or PollPolicy.immediate(),
            gate=ConcurrencyGate(),
            cancel=cancel or threading.Event(),
        )
    )


def kontext(store: HistoryStore, prompt: str = "ink these pencils", **params: object):
    return GenerationRequest(
        "flux-kontext-pro", prompt, {"output_format": "png", **params}, 42, (pencils(store),)
    )


def test_a_job_is_recorded_submitted_polled_downloaded_and_stored(
    api: FluxApi, store: HistoryStore, emulator: EmulatorServer
) -> None:
    updates = run(api, store, kontext(store))
    states = [u.state for u in updates]
    assert states[0] is JobState.queued and states[1] is JobState.submitting
    assert JobState.running in states and JobState.downloading in states
    assert states[-1] is JobState.succeeded and sum(s.is_terminal for s in states) == 1

    final = updates[-1]
    assert final.result is not None and final.seed == 42 and final.cost == 4
    record = store.get_job(final.job_id)
    assert record is not None and record.state is JobState.succeeded
    assert record.task_id == emulator.tasks[0].id
    with Image.open(final.result.path) as result:
        assert result.format == "PNG"
        ratio = result.width / result.height
    assert abs(ratio - 640 / 480) < 0.05  # an edit keeps the input's shape
    assert emulator.credits_of(TEST_KEY) == 1000 - 4


def test_every_model_family_round_trips(api: FluxApi, store: HistoryStore) -> None:
    image = pencils(store)
    mask_bytes = io.BytesIO()
    Image.new("L", (640, 480), 0).save(mask_bytes, "PNG")
    mask = store.add_image(mask_bytes.getvalue(), "png", 640, 480)
    cases = [
        GenerationRequest("flux-2-pro", "a samurai", {"width": 512, "height": 768}, 1),
        GenerationRequest("flux-2-klein-4b", "a cat", {}, 2, (image,)),
        GenerationRequest("flux-pro-1.1", "a city", {"width": 512, "height": 512}, 3),
        GenerationRequest("flux-pro-1.1-ultra", "a sky", {"aspect_ratio": "2:3"}, 4),
        GenerationRequest("flux-dev", "a tree", {"steps": 20}, 5),
        GenerationRequest(
            "flux-pro-1.0-fill",
            "hatching",
            {},
            6,
            (
                InputImage("image", image.sha256, 640, 480),
                InputImage("mask", mask.sha256, 640, 480),
            ),
        ),
        GenerationRequest(
            "flux-pro-1.0-expand",
            "more sky",
            {"top": 128},
            7,
            (InputImage("image", image.sha256, 640, 480),),
        ),
    ]
    for request in cases:
        final = run(api, store, request)[-1]
        assert final.state is JobState.succeeded, (request.model, final.error)
        assert final.result is not None


def test_invalid_request_is_refused_before_sending(
    api: FluxApi, store: HistoryStore, emulator: EmulatorServer
) -> None:
    request = GenerationRequest("flux-pro-1.1", "x", {"width": 1000}, 1)
    final = run(api, store, request)[-1]
    assert isinstance(final.error, ValidationProblem) and "multiple of 32" in str(final.error)
    assert not [r for r in emulator.requests if r.method == "POST"]


SUBMIT = "submit"
POLL = "poll"
DOWNLOAD = "download"


@pytest.mark.parametrize(
    ("fault", "error_type", "words"),
    [
        (Fault(SUBMIT, "status", status=403), AuthError, "key was rejected"),
        (Fault(SUBMIT, "status", status=401), AuthError, "key was rejected"),
        (Fault(SUBMIT, "status", status=402), CreditsError, "run out of credits"),
        (Fault(SUBMIT, "status", status=429, headers={"Retry-After": "0"}), RateLimited, "24"),
        (Fault(SUBMIT, "status", status=500), ServerError, "HTTP 500"),
        (Fault(SUBMIT, "status", status=502, times=1), ServerError, "HTTP 502"),
        (
            Fault(
                SUBMIT,
                "status",
                status=422,
                body={"detail": [{"loc": ["body", "seed"], "msg": "bad", "type": "x"}]},
            ),
            ServerRejected,
            "seed: bad",
        ),
        (Fault(SUBMIT, "malformed"), ProtocolError, "not JSON"),
        (Fault(SUBMIT, "wrong_shape"), ProtocolError, "polling address"),
        (Fault(SUBMIT, "drop"), SubmitUncertain, "may or may not"),
        (Fault(SUBMIT, "hang", seconds=5), SubmitUncertain, "may or may not"),
        (
            Fault(
                POLL,
                "task_status",
                task_status="Request Moderated",
                details={"Moderation Reasons": ["Derivative Works Filter"]},
            ),
            Moderated,
            "Derivative Works Filter",
        ),
        (Fault(POLL, "task_status", task_status="Content Moderated"), Moderated, "withheld"),
        (Fault(POLL, "task_status", task_status="Error"), GenerationFailed, "failed on BFL"),
        (Fault(POLL, "task_status", task_status="Task not found"), TaskNotFound, "no longer"),
        (Fault(POLL, "status", status=404), TaskNotFound, "no longer"),
        (Fault(POLL, "malformed"), ProtocolError, "not JSON"),
        (Fault(POLL, "wrong_shape"), ProtocolError, "without a status"),
        (Fault(POLL, "ready_without_sample"), ProtocolError, "no link"),
        (Fault(DOWNLOAD, "expire"), ResultExpired, "expired"),
    ],
    ids=lambda value: (
        getattr(value, "action", None)
        and f"{value.stage}-{value.action}-{value.status or value.task_status or ''}"
    ),
)
def test_fault_matrix(
    api: FluxApi,
    store: HistoryStore,
    emulator: EmulatorServer,
    fault: Fault,
    error_type: type[FluxError],
    words: str,
) -> None:
    emulator.script(fault)
    updates = run(api, store, kontext(store))
    terminal = [u for u in updates if u.state.is_terminal]
    assert len(terminal) == 1 and terminal[0] is updates[-1]
    assert terminal[0].state is JobState.failed
    error = terminal[0].error
    assert isinstance(error, error_type), repr(error)
    assert error.user_message and words in error.user_message
    assert TEST_KEY not in error.user_message and TEST_KEY not in (error.detail or "")
    record = store.get_job(terminal[0].job_id)
    assert record is not None and record.state is JobState.failed
    assert record.error_kind == error.kind and record.error_message == error.user_message


@pytest.mark.parametrize(
    ("fault", "error_type", "words", "kept_state"),
    [
        (Fault(POLL, "drop"), NetworkError, "Lost contact", JobState.running),
        (Fault(POLL, "status", status=503), ServerError, "HTTP 503", JobState.running),
        (Fault(DOWNLOAD, "truncate"), DownloadError, "cut short", JobState.downloading),
        (Fault(DOWNLOAD, "corrupt"), DownloadError, "damaged", JobState.downloading),
        (Fault(DOWNLOAD, "drop"), DownloadError, "connection broke", JobState.downloading),
    ],
    ids=lambda value: getattr(value, "action", None) and f"{value.stage}-{value.action}",
)
def test_faults_after_acceptance_pause_the_job_and_a_resume_brings_the_result(
    api: FluxApi,
    store: HistoryStore,
    emulator: EmulatorServer,
    fault: Fault,
    error_type: type[FluxError],
    words: str,
    kept_state: JobState,
) -> None:
    """BFL accepted (and may have charged) the job: a failure on the way back must not lose it.
    The run ends with one paused update, the job keeps its task id and state, and resuming
    it later fetches the result without sending anything again."""
    emulator.script(fault)
    updates = run(api, store, kontext(store))
    assert [u for u in updates if u.ends_run] == [updates[-1]]
    final = updates[-1]
    assert final.paused and not final.state.is_terminal and final.state is kept_state
    assert isinstance(final.error, error_type) and words in final.error.user_message
    record = store.get_job(final.job_id)
    assert record is not None and record.state is kept_state and record.handle is not None
    assert record.error_message == final.error.user_message

    emulator.clear_faults()
    resumed = list(
        resume_generation(
            final.job_id,
            record.handle,
            provider=api,
            store=store,
            policy=PollPolicy.immediate(),
            cancel=threading.Event(),
            state=record.state,
        )
    )
    assert resumed[-1].state is JobState.succeeded and resumed[-1].result is not None
    record = store.get_job(final.job_id)
    assert record is not None and record.state is JobState.succeeded
    assert record.error_message is None and len(emulator.tasks) == 1


@pytest.mark.parametrize(
    "fault",
    [
        Fault(SUBMIT, "status", status=429, headers={"Retry-After": "0"}, times=2),
        Fault(SUBMIT, "status", status=503, times=2),
        Fault(SUBMIT, "status", status=500, times=1),
        Fault(POLL, "drop", times=2),
        Fault(POLL, "status", status=500, times=2),
        Fault(POLL, "status", status=429, times=2),
        Fault(POLL, "malformed", times=1),
        Fault(POLL, "task_status", task_status="Task not found", times=1),
        Fault(DOWNLOAD, "truncate", times=2),
        Fault(DOWNLOAD, "drop", times=1),
        Fault(DOWNLOAD, "corrupt", times=1),
        Fault(DOWNLOAD, "slow", seconds=0.3),
        Fault(POLL, "delay", seconds=0.2, times=1),
    ],
    ids=lambda f: f"{f.stage}-{f.action}-x{f.times}",
)
def test_transient_faults_are_retried_to_success(
    api: FluxApi, store: HistoryStore, emulator: EmulatorServer, fault: Fault
) -> None:
    emulator.script(fault)
    final = run(api, store, kontext(store))[-1]
    assert final.state is JobState.succeeded, final.error
    submits = [r for r in emulator.requests if r.method == "POST" and "/v1/" in r.path]
    tasks_created = len(emulator.tasks)
    assert tasks_created == 1, "a paid job must never be created twice"
    assert len(submits) >= 1


def test_dropped_submit_is_never_resent(
    api: FluxApi, store: HistoryStore, emulator: EmulatorServer
) -> None:
    emulator.script(Fault(SUBMIT, "drop"))
    run(api, store, kontext(store))
    submits = [r for r in emulator.requests if r.method == "POST" and r.path.startswith("/v1/")]
    assert len(submits) == 1 and len(emulator.tasks) == 1  # created and charged, once


def test_cancel_while_polling_stops_at_once_and_keeps_the_task(
    store: HistoryStore, emulator: EmulatorServer
) -> None:
    api = FluxApi(emulator.base_url, TEST_KEY, retry=RetryPolicy.immediate())
    cancel = threading.Event()
    job_id = JobId("cancel-me")
    steps = run_planned_job(
        job_id,
        JobPlan(kontext(store), api, "test"),
        store=store,
        policy=PollPolicy(first_delay=30.0, deadline=60.0),
        gate=ConcurrencyGate(),
        cancel=cancel,
    )
    for update in steps:
        if update.state is JobState.running:
            cancel.set()  # the 30 s wait before the first poll must wake at once
    record = store.get_job(job_id)
    assert record is not None and record.state is JobState.cancelled
    assert record.task_id is not None  # kept, so the result could still be fetched


def test_deadline_gives_a_timeout(
    api: FluxApi, store: HistoryStore, emulator: EmulatorServer
) -> None:
    emulator.advance_clock(0)
    slow = PollPolicy(first_delay=0.0, min_interval=0.0, max_interval=0.0, deadline=0.0)
    emulator_latency_task = kontext(store)
    final = run(api, store, emulator_latency_task, policy=slow)[-1]
    # min_polls=2 means the first poll is still Pending; a zero deadline stops there, and the
    # job stays resumable (BFL is still making it).
    assert isinstance(final.error, PollTimeout) and final.paused
    assert final.state is JobState.running


def test_key_goes_only_to_the_api_host(store: HistoryStore, emulator: EmulatorServer) -> None:
    api = FluxApi(emulator.base_url, TEST_KEY, retry=RetryPolicy.immediate())
    final = run(api, store, kontext(store))[-1]
    assert final.state is JobState.succeeded
    delivery = [r for r in emulator.requests if r.listener == "delivery"]
    assert delivery and all("x-key" not in r.headers for r in delivery)
    assert all(TEST_KEY.encode() not in r.body for r in delivery)
    api_side = [r for r in emulator.requests if r.listener == "api" and r.method == "POST"]
    assert all(r.headers.get("x-key") == TEST_KEY for r in api_side)


def test_regional_polling_url_is_used_verbatim_without_the_key(
    store: HistoryStore,
) -> None:
    from fluxdesk.emulator import start_emulator

    with start_emulator(regional_polling=True, min_polls=1) as server:
        api = FluxApi(
            server.base_url, TEST_KEY, retry=RetryPolicy.immediate(), timeouts=Timeouts(2, 2)
        )
        final = run(api, store, kontext(store))[-1]
        assert final.state is JobState.succeeded, final.error
        regional = [r for r in server.requests if r.listener == "regional"]
        assert regional and all("x-key" not in r.headers for r in regional)


def test_input_is_sent_as_plain_base64_png(
    api: FluxApi, store: HistoryStore, emulator: EmulatorServer
) -> None:
    run(api, store, kontext(store))
    import json

    submit = next(r for r in emulator.requests if r.method == "POST")
    body = json.loads(submit.body)
    assert not body["input_image"].startswith("data:")
    assert base64.b64decode(body["input_image"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert body["seed"] == 42 and body["prompt"] == "ink these pencils"


def test_kontext_max_waits_for_a_slot_instead_of_earning_429(
    api: FluxApi, store: HistoryStore, emulator: EmulatorServer
) -> None:
    gate = ConcurrencyGate()
    request = GenerationRequest("flux-kontext-max", "ink", {}, 1, (pencils(store),))
    results: list[JobUpdate] = []
    lock = threading.Lock()

    def one(n: int) -> None:
        updates = list(
            run_planned_job(
                JobId(f"max-{n}"),
                JobPlan(request, api, "test"),
                store=store,
                policy=PollPolicy.immediate(),
                gate=gate,
                cancel=threading.Event(),
            )
        )
        with lock:
            results.append(updates[-1])

    threads = [threading.Thread(target=one, args=(n,)) for n in range(9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert [u.state for u in results] == [JobState.succeeded] * 9
    assert not [r for r in emulator.requests if r.method == "POST" and b"429" in r.body]
