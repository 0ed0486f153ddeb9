"""The same job on BFL, fal.ai and ComfyUI emulators, and the fault matrix for each provider:
auth, rate limit, server error, dropped connection, interrupted job, missing output. Every
fault ends in exactly one terminal update with a typed error and a message an artist can read.
No Qt here."""

from __future__ import annotations

import io
import threading
import uuid
from dataclasses import dataclass

import pytest
from PIL import Image, ImageDraw

from fluxdesk.core.api.models import GenerationRequest, InputImage
from fluxdesk.core.api.transfer import RetryPolicy, Timeouts
from fluxdesk.core.concurrency import ConcurrencyGate
from fluxdesk.core.errors import (
    AuthError,
    FluxError,
    JobInterrupted,
    MissingOutput,
    Moderated,
    NetworkError,
    ProtocolError,
    RateLimited,
    ResultExpired,
    ServerError,
    ServerRejected,
    SubmitUncertain,
    TaskNotFound,
)
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import (
    JobId,
    JobPlan,
    JobState,
    JobUpdate,
    PollPolicy,
    is_resumable,
    run_planned_job,
)
from fluxdesk.core.providers.base import Provider
from fluxdesk.core.providers.registry import comfy_workflows, make_provider
from fluxdesk.emulator import Fault
from fluxdesk.emulator.faults import ComfyFault, FalFault
from fluxdesk.emulator.hosting import LoopbackEmulator

KEY = "provider-test-key"
FAST = dict(timeouts=Timeouts(connect=2.0, read=2.0), retry=RetryPolicy.immediate())


@dataclass
class Setup:
    name: str
    emulator: LoopbackEmulator
    provider: Provider
    model: str


@pytest.fixture(params=["bfl", "fal", "comfyui"])
def setup(request, emulator, fal_emulator, comfy_emulator) -> Setup:
    name = request.param
    server, model = {
        "bfl": (emulator, "flux-kontext-pro"),
        "fal": (fal_emulator, "flux-kontext-pro"),
        "comfyui": (comfy_emulator, "kontext-dev-inking"),
    }[name]
    workflows = comfy_workflows() if name == "comfyui" else ()
    provider = make_provider(
        name, server.base_url, KEY if name != "comfyui" else None, workflows=workflows, **FAST
    )
    return Setup(name, server, provider, model)


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
    setup: Setup,
    store: HistoryStore,
    prompt: str = "ink these pencils",
    cancel: threading.Event | None = None,
) -> list[JobUpdate]:
    params = {"output_format": "png"} if setup.name != "comfyui" else {}
    request = GenerationRequest(
        setup.model, prompt, params, 42, (pencils(store),), provider=setup.name
    )
    plan = JobPlan(request, setup.provider, "test", setup.provider.price(request))
    return list(
        run_planned_job(
            JobId(uuid.uuid4().hex),
            plan,
            store=store,
            policy=PollPolicy.immediate(),
            gate=ConcurrencyGate(),
            cancel=cancel or threading.Event(),
        )
    )


def test_the_same_edit_runs_on_every_provider_and_is_recorded_with_it(setup, store) -> None:
    updates = run(setup, store)
    final = updates[-1]
    assert final.state is JobState.succeeded, final.error
    assert sum(u.state.is_terminal for u in updates) == 1
    record = store.get_job(final.job_id)
    assert record is not None and record.provider == setup.name
    assert record.api_base == setup.provider.base_url
    assert record.request.provider == setup.name
    assert record.result is not None
    with Image.open(record.result.path) as image:
        assert abs(image.width / image.height - 640 / 480) < 0.06  # an edit keeps the shape


# (provider, fault, expected error, words in the message). Each row is one cell of the matrix.
MATRIX: list[tuple[str, str, Fault, type[FluxError], str]] = [
    ("bfl", "auth", Fault("submit", "status", status=403), AuthError, "rejected"),
    (
        "bfl",
        "rate",
        Fault("submit", "status", status=429, headers={"Retry-After": "0"}),
        RateLimited,
        "Too many",
    ),
    ("bfl", "server", Fault("submit", "status", status=500), ServerError, "HTTP 500"),
    ("bfl", "dropped", Fault("submit", "drop"), SubmitUncertain, "may or may not"),
    ("bfl", "dropped-poll", Fault("poll", "drop"), NetworkError, "Lost contact"),
    (
        "bfl",
        "interrupted",
        Fault("poll", "task_status", task_status="Task not found"),
        TaskNotFound,
        "no longer knows",
    ),
    ("bfl", "missing", Fault("poll", "ready_without_sample"), ProtocolError, "no link"),
    ("fal", "auth", FalFault("submit", "status", status=401), AuthError, "fal.ai rejected"),
    (
        "fal",
        "rate",
        FalFault("submit", "status", status=429, headers={"Retry-After": "0"}),
        RateLimited,
        "fal.ai",
    ),
    ("fal", "server", FalFault("submit", "status", status=500), ServerError, "HTTP 500"),
    ("fal", "server-poll", FalFault("poll", "status", status=503), ServerError, "HTTP 503"),
    ("fal", "dropped", FalFault("submit", "drop"), SubmitUncertain, "may or may not"),
    ("fal", "dropped-poll", FalFault("poll", "drop"), NetworkError, "Lost contact"),
    ("fal", "interrupted", FalFault("poll", "interrupt"), JobInterrupted, "lost the job"),
    ("fal", "missing", FalFault("result", "missing_output"), MissingOutput, "no image"),
    ("fal", "expired", FalFault("download", "expire"), ResultExpired, "no longer has"),
    ("comfyui", "auth", ComfyFault("upload", "status", status=401), AuthError, "wants a token"),
    (
        "comfyui",
        "rate",
        ComfyFault("submit", "status", status=429, headers={"Retry-After": "0"}),
        RateLimited,
        "limiting",
    ),
    ("comfyui", "server", ComfyFault("submit", "status", status=500), ServerError, "console"),
    ("comfyui", "dropped", ComfyFault("submit", "drop"), SubmitUncertain, "may or may not"),
    ("comfyui", "dropped-poll", ComfyFault("poll", "drop"), NetworkError, "Lost contact"),
    ("comfyui", "interrupted", ComfyFault("poll", "interrupt"), JobInterrupted, "interrupted"),
    ("comfyui", "missing", ComfyFault("poll", "missing_output"), MissingOutput, "Save Image"),
    ("comfyui", "missing-file", ComfyFault("download", "expire"), MissingOutput, "no longer"),
]


@pytest.mark.parametrize(
    ("provider", "case", "fault", "error_type", "words"),
    MATRIX,
    ids=[f"{row[0]}-{row[1]}" for row in MATRIX],
)
def test_fault_matrix(
    request, store, provider, case, fault, error_type: type[FluxError], words: str
) -> None:
    setup = _setup_for(request, provider)
    setup.emulator.script(fault)
    updates = run(setup, store)
    ends = [u for u in updates if u.ends_run]
    assert len(ends) == 1 and ends[0] is updates[-1]
    error = ends[0].error
    assert isinstance(error, error_type), repr(error)
    if is_resumable(error) and fault.stage in ("poll", "result", "download"):
        # After the provider accepted the job, a connection or server failure pauses it
        # (resumable, maybe paid) instead of failing it.
        assert ends[0].paused and not ends[0].state.is_terminal
    else:
        assert ends[0].state is JobState.failed and not ends[0].paused
    assert error.user_message and words in error.user_message
    assert KEY not in error.user_message and KEY not in (error.detail or "")
    record = store.get_job(ends[0].job_id)
    assert record is not None and record.provider == provider
    assert record.error_kind == error.kind and record.error_message == error.user_message


def _setup_for(request, provider: str) -> Setup:
    server = request.getfixturevalue(
        {"bfl": "emulator", "fal": "fal_emulator", "comfyui": "comfy_emulator"}[provider]
    )
    model = "kontext-dev-inking" if provider == "comfyui" else "flux-kontext-pro"
    workflows = comfy_workflows() if provider == "comfyui" else ()
    secret = None if provider == "comfyui" else KEY
    return Setup(
        provider,
        server,
        make_provider(provider, server.base_url, secret, workflows=workflows, **FAST),
        model,
    )


@pytest.mark.parametrize(
    ("provider", "fault"),
    [
        ("fal", FalFault("poll", "drop", times=1)),
        ("fal", FalFault("poll", "status", status=503, times=2)),
        ("fal", FalFault("submit", "status", status=429, headers={"Retry-After": "0"}, times=2)),
        ("fal", FalFault("download", "truncate", times=1)),
        ("comfyui", ComfyFault("poll", "drop", times=1)),
        ("comfyui", ComfyFault("upload", "status", status=503, times=2)),
        ("comfyui", ComfyFault("submit", "status", status=503, times=1)),
        ("comfyui", ComfyFault("download", "corrupt", times=1)),
    ],
    ids=lambda v: v if isinstance(v, str) else f"{v.stage}-{v.action}",
)
def test_transient_faults_are_retried_without_sending_twice(request, store, provider, fault):
    setup = _setup_for(request, provider)
    setup.emulator.script(fault)
    final = run(setup, store)[-1]
    assert final.state is JobState.succeeded, final.error
    snapshot = setup.emulator.snapshot()
    jobs = snapshot.get("requests") or snapshot.get("prompts")
    assert len(jobs) == 1, "a job must never be queued twice"


def test_fal_safety_checker_is_moderation(request, store) -> None:
    setup = _setup_for(request, "fal")
    final = run(setup, store, prompt="ink these pencils [nsfw]")[-1]
    assert isinstance(final.error, Moderated) and "safety checker" in final.error.user_message


def test_comfy_refused_workflow_names_the_node(request, store) -> None:
    setup = _setup_for(request, "comfyui")
    request_ = GenerationRequest(
        "flux-dev", "a city", {"lora_name": "missing.safetensors"}, 1, provider="comfyui"
    )
    updates = list(
        run_planned_job(
            JobId("refused"),
            JobPlan(request_, setup.provider, "test"),
            store=store,
            policy=PollPolicy.immediate(),
            gate=ConcurrencyGate(),
            cancel=threading.Event(),
        )
    )
    error = updates[-1].error
    assert isinstance(error, ServerRejected)
    assert (
        "LoraLoaderModelOnly" in error.user_message and "missing.safetensors" in error.user_message
    )


def test_comfy_token_goes_to_the_server_and_a_wrong_one_is_an_auth_error(store) -> None:
    from fluxdesk.emulator.comfy import start_comfy_emulator

    with start_comfy_emulator(token="right") as server:
        good = Setup(
            "comfyui",
            server,
            make_provider("comfyui", server.base_url, "right", workflows=comfy_workflows(), **FAST),
            "kontext-dev-inking",
        )
        assert run(good, store)[-1].state is JobState.succeeded
        assert all(r.headers.get("authorization") == "Bearer right" for r in server.requests)
        bad = Setup(
            "comfyui",
            server,
            make_provider("comfyui", server.base_url, "wrong", workflows=comfy_workflows(), **FAST),
            "kontext-dev-inking",
        )
        error = run(bad, store)[-1].error
        assert isinstance(error, AuthError) and "token" in error.user_message


def test_cancelling_a_comfy_job_interrupts_it_on_the_server(request, store) -> None:
    setup = _setup_for(request, "comfyui")
    setup.emulator.queue.min_polls = 50  # keep it running until the cancel
    cancel = threading.Event()
    request_ = GenerationRequest(setup.model, "ink", {}, 3, (pencils(store),), provider="comfyui")
    states = []
    for update in run_planned_job(
        JobId("cancel-me"),
        JobPlan(request_, setup.provider, "test"),
        store=store,
        policy=PollPolicy.immediate(),
        gate=ConcurrencyGate(),
        cancel=cancel,
    ):
        states.append(update.state)
        if update.state is JobState.running and update.progress:
            cancel.set()
    assert states[-1] is JobState.cancelled
    assert any(r.path == "/interrupt" for r in setup.emulator.requests)
    assert setup.emulator.snapshot()["prompts"][0]["state"] == "error"  # interrupted there
