"""Fixtures for the BFL emulator's own tests: plain ``requests`` against a started emulator."""

from __future__ import annotations

import base64
import io
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from PIL import Image, ImageDraw, ImageFilter

from fluxdesk.emulator import EmulatorServer, start_emulator

KEY = "test-key"
TIMEOUT = 10  # seconds; only a hang fault ever gets near it


class Api:
    """A tiny BFL client for the tests: no retries, no waiting, every response kept."""

    def __init__(self, server: EmulatorServer) -> None:
        self.server = server
        self.session = requests.Session()

    def submit(self, model: str, body: Any, key: str | None = KEY, **kwargs: Any):
        headers = {"x-key": key} if key is not None else {}
        url = f"{self.server.base_url}/v1/{model}"
        return self.session.post(url, json=body, headers=headers, timeout=TIMEOUT, **kwargs)

    def submit_ok(self, model: str, body: Any, key: str = KEY) -> dict[str, Any]:
        response = self.submit(model, body, key)
        assert response.status_code == 200, response.text
        return response.json()

    def poll(self, task: dict[str, Any] | str) -> dict[str, Any]:
        url = task if isinstance(task, str) else task["polling_url"]
        response = self.session.get(url, timeout=TIMEOUT)
        assert response.status_code == 200, response.text
        return response.json()

    def until_done(self, task: dict[str, Any], max_polls: int = 20) -> dict[str, Any]:
        for _ in range(max_polls):
            body = self.poll(task)
            if body["status"] not in ("Pending", "Generating"):
                return body
        raise AssertionError(f"still running after {max_polls} polls")

    def download(self, url: str, **kwargs: Any) -> requests.Response:
        return self.session.get(url, timeout=TIMEOUT, **kwargs)

    def generate(self, model: str, body: Any) -> tuple[dict[str, Any], bytes]:
        """Submit, poll to Ready, download: the final poll body and the image bytes."""
        done = self.until_done(self.submit_ok(model, body))
        assert done["status"] == "Ready", done
        response = self.download(done["result"]["sample"])
        assert response.status_code == 200, response.text
        return done, response.content

    def credits(self, key: str = KEY) -> float:
        response = self.session.get(
            f"{self.server.base_url}/v1/credits", headers={"x-key": key}, timeout=TIMEOUT
        )
        assert response.status_code == 200, response.text
        return response.json()["credits"]


@pytest.fixture(autouse=True)
def _no_thread_left_behind() -> Iterator[None]:
    """Every emulator thread ends with its test (napari's dangling-thread rule)."""
    before = set(threading.enumerate())
    yield
    leftover = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    assert not leftover, f"threads outlived the test: {leftover}"


@pytest.fixture
def make_emulator() -> Iterator[Callable[..., EmulatorServer]]:
    servers: list[EmulatorServer] = []

    def make(**options: Any) -> EmulatorServer:
        server = start_emulator("127.0.0.1", 0, **options)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def emulator(make_emulator: Callable[..., EmulatorServer]) -> EmulatorServer:
    return make_emulator()


@pytest.fixture
def api(emulator: EmulatorServer) -> Iterator[Api]:
    client = Api(emulator)
    yield client
    client.session.close()


@pytest.fixture
def make_api() -> Iterator[Callable[[EmulatorServer], Api]]:
    clients: list[Api] = []

    def make(server: EmulatorServer) -> Api:
        clients.append(Api(server))
        return clients[-1]

    yield make
    for client in clients:
        client.session.close()


def pencil_scan(size: tuple[int, int] = (640, 480), seed: int = 1) -> Image.Image:
    """Something like scanned pencils: grey paper, soft grey strokes and circles."""
    import random

    rng = random.Random(seed)
    img = Image.new("L", size, 222)
    draw = ImageDraw.Draw(img)
    w, h = size
    for _ in range(30):
        points = [(rng.randrange(w), rng.randrange(h)) for _ in range(2)]
        draw.line(points, fill=rng.randint(80, 170), width=rng.randint(1, 4))
    for _ in range(5):
        x, y = rng.randrange(w - 80), rng.randrange(h - 80)
        draw.ellipse((x, y, x + 70, y + 70), outline=110, width=2)
    return img.filter(ImageFilter.GaussianBlur(1.0)).convert("RGB")


def b64(img: Image.Image, fmt: str = "PNG") -> str:
    buffer = io.BytesIO()
    img.save(buffer, fmt)
    return base64.b64encode(buffer.getvalue()).decode()


def decode(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


class ImageKit:
    """Image helpers for the tests, handed out as a fixture (test modules don't import conftest)."""

    pencil = staticmethod(pencil_scan)
    b64 = staticmethod(b64)
    decode = staticmethod(decode)


@pytest.fixture
def kit() -> ImageKit:
    return ImageKit()
