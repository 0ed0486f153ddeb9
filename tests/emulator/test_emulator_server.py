"""The emulator as a server: many clients, clean stops, quiet output, the CLI, the schema copy."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from fluxdesk.emulator import Clock, Fault, start_emulator

REPO = Path(__file__).resolve().parents[2]
SHARED_SCHEMA = REPO.parent / "shared" / "bfl-openapi.json"
VENDORED_SCHEMA = REPO / "fluxdesk" / "emulator" / "bfl-openapi.json"


def test_listeners_get_their_own_free_ports(emulator):
    urls = {emulator.base_url, emulator.delivery_url}
    assert len(urls) == 2
    assert emulator.polling_base == emulator.base_url
    assert all(u.startswith("http://127.0.0.1:") for u in urls)


def test_many_clients_at_once(emulator):
    def one_generation(index: int) -> int:
        with requests.Session() as session:
            headers = {"x-key": f"key-{index % 3}"}
            body = {"prompt": f"panel {index}", "width": 256, "height": 256, "seed": index}
            task = session.post(
                f"{emulator.base_url}/v1/flux-2-klein-4b", json=body, headers=headers, timeout=10
            ).json()
            while (poll := session.get(task["polling_url"], timeout=10).json())[
                "status"
            ] != "Ready":
                assert poll["status"] == "Pending"
            image = session.get(poll["result"]["sample"], timeout=10)
            return image.status_code

    with ThreadPoolExecutor(max_workers=32) as pool:
        assert list(pool.map(one_generation, range(32))) == [200] * 32
    assert len(emulator.tasks) == 32


def test_stop_is_idempotent_and_ends_open_connections(make_emulator):
    server = make_emulator()
    session = requests.Session()  # a keep-alive connection left open on purpose
    assert session.get(f"{server.base_url}/v1/credits", headers={"x-key": "k"}, timeout=5).ok
    started = time.monotonic()
    server.stop()
    server.stop()
    assert time.monotonic() - started < 2
    with pytest.raises(requests.ConnectionError):
        session.get(f"{server.base_url}/v1/credits", headers={"x-key": "k"}, timeout=5)
    session.close()


@pytest.mark.parametrize(
    "fault",
    [
        Fault("poll", "hang"),
        Fault("poll", "delay", seconds=60),
        Fault("download", "slow", seconds=60),
    ],
)
def test_stop_does_not_wait_for_faults(make_emulator, make_api, fault):
    server = make_emulator(min_polls=0)
    api = make_api(server)
    task = api.submit_ok("flux-2-pro", {"prompt": "x"})
    sample = api.poll(task)["result"]["sample"]
    server.script(fault)
    url = sample if fault.stage == "download" else task["polling_url"]
    errors: list[Exception] = []

    def fetch() -> None:
        try:
            requests.get(url, timeout=30)
        except requests.RequestException as err:
            errors.append(err)

    client = threading.Thread(target=fetch)
    client.start()
    if fault.action == "hang":
        assert server.wait_for_hangs(1, timeout=5)
    started = time.monotonic()
    server.stop()
    client.join(10)
    assert time.monotonic() - started < 2
    assert not client.is_alive()
    assert len(errors) == 1  # the connection was closed, not answered


def test_quiet_unless_verbose(make_emulator, make_api, capfd):
    make_api(make_emulator()).generate("flux-dev", {"width": 256, "height": 256})
    assert capfd.readouterr().err == ""
    make_api(make_emulator(verbose=True)).credits()
    assert "GET /v1/credits" in capfd.readouterr().err


def test_the_clock_is_injectable():
    ticks = [100.0]
    clock = Clock(monotonic=lambda: ticks[0], wall=lambda: 1_700_000_000.0 + ticks[0])
    with start_emulator(latency=10.0, min_polls=0, clock=clock) as server, requests.Session() as s:
        task = s.post(
            f"{server.base_url}/v1/flux-2-pro",
            json={"prompt": "x"},
            headers={"x-key": "k"},
            timeout=5,
        ).json()
        assert s.get(task["polling_url"], timeout=5).json()["status"] == "Pending"
        ticks[0] += 10
        ready = s.get(task["polling_url"], timeout=5).json()
        assert ready["status"] == "Ready"
        assert ready["result"]["duration"] == 10.0
        assert "se=2023-11-14T22%3A25%3A10Z" in ready["result"]["sample"]


def test_tasks_view_is_read_only_and_indexable(api, emulator):
    task = api.submit_ok("flux-2-pro", {"prompt": "x", "seed": 9})
    view = emulator.tasks[0]
    assert emulator.tasks[task["id"]] == view
    assert (view.model, view.key, view.seed, view.prompt, view.cost, view.polls) == (
        "flux-2-pro",
        "test-key",
        9,
        "x",
        3.0,
        0,
    )
    with pytest.raises(AttributeError):
        view.status = "Ready"  # type: ignore[misc]


@pytest.mark.skipif(
    not SHARED_SCHEMA.exists(), reason=f"{SHARED_SCHEMA} is not beside the checkout"
)
def test_vendored_schema_is_bfls_published_copy():
    assert VENDORED_SCHEMA.read_bytes() == SHARED_SCHEMA.read_bytes()


def _subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def test_the_emulator_is_qt_free():
    code = "import sys, fluxdesk.emulator.cli; assert 'PySide6' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, env=_subprocess_env(), timeout=60)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX")
def test_cli_run_serves_until_sigterm():
    code = "from fluxdesk.emulator.cli import run; raise SystemExit(run(latency=0.0))"
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_subprocess_env(),
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline().strip() for _ in range(3)]
        assert lines[0].startswith("BFL emulator API on http://127.0.0.1:")
        assert lines[1].startswith("Result delivery on http://127.0.0.1:")
        api_url = lines[0].rsplit(" ", 1)[1]
        assert lines[2] == (
            f"Any API key is accepted; try: export FLUXDESK_API_URL={api_url} BFL_API_KEY=demo"
        )
        credits = requests.get(f"{api_url}/v1/credits", headers={"x-key": "demo"}, timeout=5)
        assert credits.json() == {"credits": 1000.0}
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
