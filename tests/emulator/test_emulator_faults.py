"""Every scripted fault does what it says, in process and over the admin HTTP routes."""

from __future__ import annotations

import threading
import time

import pytest
import requests
from PIL import UnidentifiedImageError

from fluxdesk.emulator import Fault

KEY = "test-key"


def ready_task(api) -> dict:
    task = api.submit_ok("flux-2-pro", {"prompt": "x"})
    done = api.until_done(task)
    assert done["status"] == "Ready"
    return done


# --- Submit -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "status", "body", "header"),
    [
        (Fault("submit", "status"), 500, {"detail": "Internal Server Error"}, None),
        (Fault("submit", "status", status=402), 402, {"detail": "Insufficient credits"}, None),
        (Fault("submit", "status", status=429), 429, None, ("Retry-After", "1")),
        (
            Fault("submit", "status", status=503, body={"detail": "busy"}, headers={"X-A": "b"}),
            503,
            {"detail": "busy"},
            ("X-A", "b"),
        ),
    ],
)
def test_submit_status_fault_answers_without_charging(api, emulator, fault, status, body, header):
    emulator.script(fault)
    response = api.submit("flux-2-pro", {"prompt": "x"})
    assert response.status_code == status
    if body is not None:
        assert response.json() == body
    if header is not None:
        assert response.headers[header[0]] == header[1]
    assert len(emulator.tasks) == 0
    assert emulator.credits_of(KEY) == 1000.0


def test_submit_malformed_is_an_html_page(api, emulator):
    emulator.script(Fault("submit", "malformed", times=1))
    response = api.submit("flux-2-pro", {"prompt": "x"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    with pytest.raises(ValueError):
        response.json()
    assert len(emulator.tasks) == 0
    assert api.submit("flux-2-pro", {"prompt": "x"}).status_code == 200  # times=1: used up


def test_submit_wrong_shape_creates_the_task_but_hides_polling_url(api, emulator):
    emulator.script(Fault("submit", "wrong_shape"))
    response = api.submit("flux-2-pro", {"prompt": "x"})
    assert response.status_code == 200
    assert "polling_url" not in response.json()
    assert emulator.tasks[response.json()["id"]].status == "Pending"


def test_submit_drop_creates_and_charges_the_task(api, emulator):
    emulator.script(Fault("submit", "drop", times=1))
    with pytest.raises(requests.ConnectionError):
        api.submit("flux-kontext-pro", {"prompt": "x"})
    assert len(emulator.tasks) == 1  # the ambiguous case: paid for, but no id came back
    assert emulator.credits_of(KEY) == 996.0


def test_hang_holds_the_request_until_released(api, emulator):
    emulator.script(Fault("submit", "hang"))
    outcome: list[BaseException] = []

    def client() -> None:
        try:
            api.submit("flux-2-pro", {"prompt": "x"})
        except requests.RequestException as err:
            outcome.append(err)

    thread = threading.Thread(target=client)
    thread.start()
    assert emulator.wait_for_hangs(1, timeout=5)
    emulator.release_hangs()
    thread.join(5)
    assert not thread.is_alive()
    assert isinstance(outcome[0], requests.ConnectionError)  # closed without an answer
    assert len(emulator.tasks) == 0


def test_hang_with_seconds_times_out_on_its_own_and_client_timeouts_fire(api, emulator):
    emulator.script(Fault("poll", "hang", seconds=0.05, times=1))
    emulator.script(Fault("credits", "hang", times=1))
    task = api.submit_ok("flux-2-pro", {"prompt": "x"})
    with pytest.raises(requests.ConnectionError):
        api.poll(task)
    with pytest.raises(requests.Timeout):
        api.session.get(f"{emulator.base_url}/v1/credits", headers={"x-key": KEY}, timeout=0.2)
    assert api.poll(task)["status"] == "Pending"


def test_delay_answers_normally_later(api, emulator):
    emulator.script(Fault("submit", "delay", seconds=0.1))
    started = time.monotonic()
    assert api.submit("flux-2-pro", {"prompt": "x"}).status_code == 200
    assert time.monotonic() - started >= 0.1


# --- Poll ---------------------------------------------------------------------------------------


def test_poll_status_fault_does_not_count_as_a_poll(api, emulator):
    task = api.submit_ok("flux-2-pro", {"prompt": "x"})
    emulator.script(Fault("poll", "status", status=503, times=2))
    for _ in range(2):
        response = api.session.get(task["polling_url"], timeout=10)
        assert (response.status_code, response.json()) == (503, {"detail": "Service Unavailable"})
    assert emulator.tasks[task["id"]].polls == 0
    assert api.until_done(task)["status"] == "Ready"


@pytest.mark.parametrize("status", ["Content Moderated", "Request Moderated", "Error"])
def test_poll_task_status_fault_ends_the_task_and_refunds(api, emulator, status):
    task = api.submit_ok("flux-kontext-pro", {"prompt": "x"})
    details = {"Moderation Reasons": ["Scripted"]}
    emulator.script(Fault("poll", "task_status", task_status=status, details=details, times=1))
    body = api.poll(task)
    assert (body["status"], body["result"], body["details"]) == (status, None, details)
    assert api.poll(task)["status"] == status  # it stays that way
    assert emulator.credits_of(KEY) == 1000.0


def test_poll_task_status_not_found_and_ready(make_emulator, make_api):
    emulator = make_emulator(min_polls=5)
    api = make_api(emulator)
    task = api.submit_ok("flux-2-pro", {"prompt": "x"})
    emulator.script(Fault("poll", "task_status", task_status="Task not found", times=1))
    assert api.poll(task)["status"] == "Task not found"
    assert api.poll(task)["status"] == "Pending"  # reported once, not kept
    emulator.script(Fault("poll", "task_status", task_status="Ready", times=1))
    ready = api.poll(task)
    assert ready["status"] == "Ready"
    assert api.download(ready["result"]["sample"]).status_code == 200


def test_poll_malformed_wrong_shape_drop_and_lying_ready(api, emulator):
    task = api.submit_ok("flux-2-pro", {"prompt": "x"})
    emulator.script(Fault("poll", "malformed", status=502, times=1))
    emulator.script(Fault("poll", "wrong_shape", times=1, skip=1))
    emulator.script(Fault("poll", "drop", times=1, skip=2))
    emulator.script(Fault("poll", "ready_without_sample", times=1, skip=3))
    html = api.session.get(task["polling_url"], timeout=10)
    assert html.status_code == 502 and html.text.startswith("<html>")
    shapeless = api.poll(task)
    assert "status" not in shapeless and shapeless["id"] == task["id"]
    with pytest.raises(requests.ConnectionError):
        api.poll(task)
    lying = api.poll(task)
    assert lying["status"] == "Ready"
    assert "sample" not in lying["result"] and lying["result"]["prompt"] == "x"
    assert emulator.faults == []


def test_fault_filters_match_the_task(api, emulator):
    plain = api.submit_ok("flux-2-pro", {"prompt": "a quiet street"})
    marked = api.submit_ok("flux-2-pro", {"prompt": "a [boom] street"})
    other_key = api.submit_ok("flux-2-pro", {"prompt": "x"}, key="other")
    kontext = api.submit_ok("flux-kontext-pro", {"prompt": "x"})
    emulator.script(Fault("poll", "task_status", task_status="Error", prompt_contains="[boom]"))
    emulator.script(Fault("poll", "task_status", task_status="Error", key="other"))
    emulator.script(Fault("poll", "task_status", task_status="Error", model="flux-kontext-pro"))
    assert api.poll(plain)["status"] == "Pending"
    assert api.poll(marked)["status"] == "Error"
    assert api.poll(other_key)["status"] == "Error"
    assert api.poll(kontext)["status"] == "Error"
    emulator.clear_faults()
    assert api.poll(plain)["status"] == "Ready"


def test_submit_filters_use_the_request(api, emulator):
    emulator.script(Fault("submit", "status", status=500, model="flux-2-max"))
    emulator.script(Fault("submit", "status", status=418, prompt_contains="teapot"))
    assert api.submit("flux-2-max", {"prompt": "x"}).status_code == 500
    assert api.submit("flux-2-pro", {"prompt": "a teapot"}).status_code == 418
    assert api.submit("flux-2-pro", {"prompt": "a kettle"}).status_code == 200


# --- Download -----------------------------------------------------------------------------------


def test_download_truncate(api, emulator):
    done = ready_task(api)
    emulator.script(Fault("download", "truncate", times=1))
    with pytest.raises(requests.RequestException):
        api.download(done["result"]["sample"])
    assert api.download(done["result"]["sample"]).status_code == 200


def test_download_corrupt(api, emulator, kit):
    done = ready_task(api)
    good = api.download(done["result"]["sample"]).content
    emulator.script(Fault("download", "corrupt", times=1))
    bad = api.download(done["result"]["sample"])
    assert bad.status_code == 200 and bad.headers["Content-Type"] == "image/jpeg"
    assert len(bad.content) == len(good) and bad.content != good
    with pytest.raises(UnidentifiedImageError):
        kit.decode(bad.content)


def test_download_slow_trickles_the_whole_image(api, emulator, kit):
    done = ready_task(api)
    emulator.script(Fault("download", "slow", seconds=0.2, times=1))
    started = time.monotonic()
    slow = api.download(done["result"]["sample"])
    assert time.monotonic() - started >= 0.15
    assert kit.decode(slow.content).size == (1024, 1024)


def test_download_expire_status_and_drop(api, emulator):
    done = ready_task(api)
    sample = done["result"]["sample"]
    emulator.script(Fault("download", "expire", times=1))
    emulator.script(Fault("download", "status", status=404, times=1, skip=1))
    emulator.script(Fault("download", "drop", times=1, skip=2))
    expired = api.download(sample)
    assert expired.status_code == 403 and b"AuthenticationFailed" in expired.content
    assert api.download(sample).status_code == 404
    with pytest.raises(requests.ConnectionError):
        api.download(sample)
    assert api.download(sample).status_code == 200


# --- Credits ------------------------------------------------------------------------------------


def test_credits_faults(api, emulator):
    url = f"{emulator.base_url}/v1/credits"
    emulator.script(Fault("credits", "status", status=500, times=1))
    emulator.script(Fault("credits", "wrong_shape", times=1, skip=1))
    emulator.script(Fault("credits", "malformed", times=1, skip=2))
    get = lambda: api.session.get(url, headers={"x-key": KEY}, timeout=10)  # noqa: E731
    assert get().status_code == 500
    assert get().json() == {}
    assert get().headers["Content-Type"].startswith("text/html")
    assert get().json() == {"credits": 1000.0}


# --- Fault values and the admin routes ----------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        {"stage": "poll", "action": "truncate"},
        {"stage": "upload", "action": "status"},
        {"stage": "poll", "action": "explode"},
        {"stage": "poll", "action": "task_status"},
        {"stage": "submit", "action": "delay"},
        {"stage": "submit", "action": "status", "times": 0},
        {"stage": "submit", "action": "status", "status": 99},
    ],
)
def test_bad_faults_are_refused(options):
    with pytest.raises(ValueError):
        Fault(**options)


def test_admin_routes(api, emulator):
    admin = f"{emulator.base_url}/_emulator"
    scripted = api.session.post(
        f"{admin}/faults", json={"stage": "poll", "action": "status", "status": 503}, timeout=10
    )
    assert scripted.status_code == 200
    assert scripted.json()["faults"] == [
        {"stage": "poll", "action": "status", "status": 503, "skip": 0}
    ]
    task = api.submit_ok("flux-2-pro", {"prompt": "x"})
    assert api.session.get(task["polling_url"], timeout=10).status_code == 503

    refused = api.session.post(
        f"{admin}/faults", json={"stage": "poll", "action": "nope"}, timeout=10
    )
    assert refused.status_code == 422
    assert api.session.delete(f"{admin}/faults", timeout=10).json() == {"faults": []}
    assert emulator.faults == []

    state = api.session.get(f"{admin}/state", timeout=10).json()
    assert state["credits"] == {KEY: 997.0}
    assert [(t["id"], t["status"], t["cost"]) for t in state["tasks"]] == [
        (task["id"], "Pending", 3.0)
    ]

    done = api.until_done(task)
    advanced = api.session.post(f"{admin}/advance_clock", json={"seconds": 601}, timeout=10)
    assert advanced.json() == {"clock": 601.0}
    assert api.download(done["result"]["sample"]).status_code == 403

    keyed = api.session.post(f"{admin}/keys", json={"key": "k2", "credits": 5}, timeout=10)
    assert keyed.json()["credits"]["k2"] == 5
    api.session.post(f"{admin}/keys", json={"key": "k2", "revoked": True}, timeout=10)
    assert api.submit("flux-2-pro", {"prompt": "x"}, key="k2").status_code == 403

    emulator.script(Fault("credits", "hang"))
    errors: list[Exception] = []

    def ask_credits() -> None:
        try:
            requests.get(f"{emulator.base_url}/v1/credits", headers={"x-key": KEY}, timeout=10)
        except requests.RequestException as err:
            errors.append(err)

    hanging = threading.Thread(target=ask_credits)
    hanging.start()
    assert emulator.wait_for_hangs(1, timeout=5)
    assert api.session.post(f"{admin}/release_hangs", timeout=10).status_code == 200
    hanging.join(5)
    assert not hanging.is_alive()
    assert isinstance(errors[0], requests.ConnectionError)

    # Admin routes live on the API listener only.
    assert (
        api.session.get(f"{emulator.delivery_url}/_emulator/state", timeout=10).status_code == 404
    )
    assert api.session.put(f"{admin}/state", timeout=10).status_code == 405
