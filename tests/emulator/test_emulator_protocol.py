"""The emulator speaks BFL's protocol: submit, poll, deliver, charge, limit, moderate, expire."""

from __future__ import annotations

import re
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from PIL import Image

KEY = "test-key"
NOT_AUTHENTICATED = {"detail": "Not authenticated - Invalid Authentication"}
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def test_text_to_image_round_trip(api, emulator, kit):
    task = api.submit_ok("flux-2-pro", {"prompt": "a ronin cat on a rooftop"})
    assert UUID4.match(task["id"])
    assert task["polling_url"] == f"{emulator.base_url}/v1/get_result?id={task['id']}"
    assert task == task | {"cost": 3.0, "input_mp": 0.0, "output_mp": 1.0}

    first = api.poll(task)
    assert first == {
        "id": task["id"],
        "status": "Pending",
        "result": None,
        "progress": 0.5,
        "details": None,
        "preview": None,
    }
    ready = api.poll(task)
    assert ready["status"] == "Ready"
    result = ready["result"]
    assert set(result) == {"sample", "prompt", "seed", "start_time", "end_time", "duration"}
    assert result["prompt"] == "a ronin cat on a rooftop"
    assert isinstance(result["seed"], int)
    assert result["end_time"] >= result["start_time"]

    sample = urlsplit(result["sample"])
    assert f"{sample.scheme}://{sample.netloc}" == emulator.delivery_url
    assert re.fullmatch(r"/results/[0-9a-f]{32}/sample\.jpeg", sample.path)
    query = parse_qs(sample.query)
    assert query["sp"] == ["r"] and query["sv"] == ["2024-11-04"] and query["sr"] == ["b"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", query["se"][0])

    image = requests.get(result["sample"], timeout=10)  # no key, a bare GET
    assert image.status_code == 200
    assert image.headers["Content-Type"] == "image/jpeg"
    picture = kit.decode(image.content)
    assert (picture.format, picture.size) == ("JPEG", (1024, 1024))


INPUT = "pencils"  # replaced by a real base64 image in the test
FAMILIES = [
    # model, body, expected size, expected format
    ("flux-kontext-pro", {"prompt": "ink it", "input_image": INPUT}, (1184, 896), "PNG"),
    ("flux-kontext-pro", {"prompt": "wide", "aspect_ratio": "21:9"}, (1568, 672), "PNG"),
    ("flux-kontext-max", {"prompt": "a panel"}, (1024, 1024), "PNG"),
    ("flux-pro-1.1", {"prompt": "tall", "width": 512, "height": 768}, (512, 768), "JPEG"),
    ("flux-pro-1.1-ultra", {"prompt": "street"}, (2752, 1536), "JPEG"),
    ("flux-dev", {}, (1024, 768), "JPEG"),
    ("flux-pro-1.0-fill", {"image": INPUT, "mask": "mask"}, (640, 480), "JPEG"),
    ("flux-pro-1.0-expand", {"image": INPUT, "top": 32, "left": 16}, (656, 512), "JPEG"),
    ("flux-2-pro", {"prompt": "ink it", "input_image": INPUT}, (1184, 880), "JPEG"),
    ("flux-2-pro-preview", {"prompt": "x"}, (1024, 1024), "JPEG"),
    (
        "flux-2-max",
        {"prompt": "x", "width": 1024, "height": 512, "output_format": "webp"},
        (1024, 512),
        "WEBP",
    ),
    ("flux-2-flex", {"prompt": "ink it", "input_image": INPUT}, (1184, 880), "JPEG"),
    ("flux-2-klein-4b", {"prompt": "x", "output_format": "png"}, (1024, 1024), "PNG"),
    ("flux-2-klein-9b", {"prompt": "x", "height": 512}, (512, 512), "JPEG"),
    ("flux-2-klein-9b-preview", {"prompt": "x", "width": 768, "height": 1024}, (768, 1024), "JPEG"),
]


@pytest.mark.parametrize(("model", "body", "size", "fmt"), FAMILIES)
def test_every_model_family_round_trips(api, kit, model, body, size, fmt):
    pencils = kit.pencil((640, 480))
    mask = Image.new("L", pencils.size, 0)
    mask.paste(255, (100, 100, 300, 250))
    replacements = {INPUT: kit.b64(pencils), "mask": kit.b64(mask)}
    body = {k: replacements.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    done, data = api.generate(model, body)
    picture = kit.decode(data)
    assert (picture.size, picture.format) == (size, fmt)
    assert done["result"]["sample"].split("?")[0].endswith(f"sample.{fmt.lower()}")


def test_progress_rises_until_ready(make_emulator, make_api):
    api = make_api(make_emulator(min_polls=5))
    task = api.submit_ok("flux-2-pro", {"prompt": "x"})
    polls = [api.poll(task) for _ in range(5)]
    assert [p["progress"] for p in polls[:4]] == [0.2, 0.4, 0.6, 0.8]
    assert [p["status"] for p in polls] == ["Pending"] * 4 + ["Ready"]


def test_latency_runs_on_the_emulator_clock(make_emulator, make_api):
    server = make_emulator(latency=30.0, min_polls=1)
    api = make_api(server)
    task = api.submit_ok("flux-kontext-pro", {"prompt": "x"})
    assert api.poll(task)["status"] == "Pending"
    server.advance_clock(15)
    halfway = api.poll(task)
    assert halfway["status"] == "Pending" and 0.49 <= halfway["progress"] <= 0.6
    server.advance_clock(15)
    assert api.poll(task)["status"] == "Ready"


def test_flux2_reports_generating_when_asked(make_emulator, make_api):
    api = make_api(make_emulator(min_polls=4, extra_statuses=True))
    flux2 = api.submit_ok("flux-2-pro", {"prompt": "x"})
    assert [api.poll(flux2)["status"] for _ in range(4)] == [
        "Pending",
        "Generating",
        "Generating",
        "Ready",
    ]
    kontext = api.submit_ok("flux-kontext-pro", {"prompt": "x"})
    assert [api.poll(kontext)["status"] for _ in range(4)] == ["Pending"] * 3 + ["Ready"]


def test_credits_are_debited_at_submit(api, emulator):
    assert api.credits() == 1000.0
    task = api.submit_ok("flux-2-pro", {"prompt": "x", "width": 2048, "height": 1024})
    assert (task["cost"], task["output_mp"]) == (4.5, 2.0)  # 3 + 1.5 for the second MP
    assert api.credits() == emulator.credits_of(KEY) == 995.5
    api.submit_ok("flux-kontext-max", {"prompt": "x"})
    assert api.credits() == 987.5


def test_insufficient_credits_is_402_and_creates_nothing(api, emulator):
    emulator.set_credits(KEY, 3.0)
    response = api.submit("flux-kontext-pro", {"prompt": "x"})
    assert (response.status_code, response.json()) == (402, {"detail": "Insufficient credits"})
    assert len(emulator.tasks) == 0
    assert api.credits() == 3.0


def test_keys(api, emulator):
    no_key = api.submit("flux-2-pro", {"prompt": "x"}, key=None)
    assert (no_key.status_code, no_key.json()) == (403, NOT_AUTHENTICATED)
    assert api.submit("flux-2-pro", {"prompt": "x"}, key="").status_code == 403
    no_key_credits = api.session.get(f"{emulator.base_url}/v1/credits", timeout=10)
    assert (no_key_credits.status_code, no_key_credits.json()) == (403, NOT_AUTHENTICATED)

    # Header names are case-insensitive; any new key gets an account.
    upper = api.session.post(
        f"{emulator.base_url}/v1/flux-2-pro",
        json={"prompt": "x"},
        headers={"X-Key": "fresh"},
        timeout=10,
    )
    assert upper.status_code == 200
    assert emulator.credits_of("fresh") == 997.0
    # Polling needs no key.
    assert requests.get(upper.json()["polling_url"], timeout=10).json()["status"] == "Pending"

    emulator.revoke_key("fresh")
    assert api.submit("flux-2-pro", {"prompt": "x"}, key="fresh").status_code == 403
    emulator.add_key("fresh", credits=12)
    assert api.credits("fresh") == 12


def test_concurrency_limit_is_24_per_key(api, emulator):
    tasks = [api.submit_ok("flux-2-klein-4b", {"prompt": f"{i}"}) for i in range(24)]
    refused = api.submit("flux-2-pro", {"prompt": "one too many"})
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "1"
    assert refused.json() == {
        "detail": "You have reached your concurrency limit. "
        "Back off and retry once a previous task finishes."
    }
    assert api.submit("flux-2-pro", {"prompt": "other key"}, key="other").status_code == 200
    assert len(emulator.tasks) == 25  # the refused one was neither created nor charged
    api.until_done(tasks[0])
    assert api.submit("flux-2-pro", {"prompt": "a slot is free"}).status_code == 200


def test_kontext_max_allows_six_at_a_time(api):
    for _ in range(6):
        api.submit_ok("flux-kontext-max", {"prompt": "x"})
    assert api.submit("flux-kontext-max", {"prompt": "x"}).status_code == 429
    assert api.submit("flux-kontext-pro", {"prompt": "x"}).status_code == 200


@pytest.mark.parametrize(
    ("trigger", "statuses", "details"),
    [
        ("[moderate-request]", ["Request Moderated"], ["Derivative Works Filter"]),
        ("[moderate-content]", ["Pending", "Content Moderated"], None),
        ("[error]", ["Pending", "Error"], None),
    ],
)
def test_prompt_triggers_end_the_task_and_refund(api, emulator, trigger, statuses, details):
    task = api.submit_ok("flux-kontext-pro", {"prompt": f"a cover {trigger}"})
    seen = [api.poll(task) for _ in statuses]
    assert [p["status"] for p in seen] == statuses
    assert seen[-1]["result"] is None and seen[-1]["details"]
    if details:
        assert seen[-1]["details"] == {"Moderation Reasons": details}
    assert api.poll(task)["status"] == statuses[-1]  # terminal stays terminal
    assert api.credits() == 1000.0
    assert emulator.tasks[task["id"]].status == statuses[-1]


def test_result_link_expires_ten_minutes_after_ready(api, emulator):
    done, _ = api.generate("flux-2-pro", {"prompt": "x"})
    emulator.advance_clock(599)
    assert api.download(done["result"]["sample"]).status_code == 200
    emulator.advance_clock(2)
    expired = api.download(done["result"]["sample"])
    assert expired.status_code == 403
    assert b"AuthenticationFailed" in expired.content


def test_signature_and_paths_are_checked(api, emulator):
    done, _ = api.generate("flux-2-pro", {"prompt": "x"})
    sample = done["result"]["sample"]
    forged = re.sub(r"sig=[0-9a-f]+", "sig=" + "0" * 64, sample)
    assert api.download(forged).status_code == 403
    later = re.sub(r"se=[^&]+", "se=2099-01-01T00%3A00%3A00Z", sample)
    assert api.download(later).status_code == 403  # the expiry is signed too
    assert api.download(sample.replace("sample.jpeg", "sample.png")).status_code == 404
    other = urlsplit(sample)._replace(path=f"/results/{uuid.uuid4().hex}/sample.jpeg").geturl()
    assert api.download(other).status_code == 404
    # Results only on the delivery listener, the API only on the API listener.
    assert api.download(f"{emulator.base_url}{urlsplit(sample).path}").status_code == 404
    assert api.download(f"{emulator.delivery_url}/v1/credits").status_code == 404


def test_unknown_task_missing_id_unknown_path_wrong_method(api, emulator):
    unknown = api.poll(f"{emulator.base_url}/v1/get_result?id=nope")
    assert unknown == {
        "id": "nope",
        "status": "Task not found",
        "result": None,
        "progress": None,
        "details": None,
        "preview": None,
    }
    missing = api.session.get(f"{emulator.base_url}/v1/get_result", timeout=10)
    assert missing.status_code == 422
    assert missing.json()["detail"][0] | {"input": None} == {
        "type": "missing",
        "loc": ["query", "id"],
        "msg": "Field required",
        "input": None,
    }
    not_found = api.session.post(f"{emulator.base_url}/v1/flux-3-ultra", json={}, timeout=10)
    assert (not_found.status_code, not_found.json()) == (404, {"detail": "Not Found"})
    wrong = api.session.get(f"{emulator.base_url}/v1/flux-2-pro", timeout=10)
    assert (wrong.status_code, wrong.json()) == (405, {"detail": "Method Not Allowed"})
    assert api.session.post(f"{emulator.base_url}/v1/credits", timeout=10).status_code == 405


def test_requests_are_recorded_per_listener(api, emulator):
    done, _ = api.generate("flux-2-pro", {"prompt": "x", "seed": 7})
    recorded = emulator.requests
    assert [(r.listener, r.method) for r in recorded] == [
        ("api", "POST"),
        ("api", "GET"),
        ("api", "GET"),
        ("delivery", "GET"),
    ]
    submit, download = recorded[0], recorded[-1]
    assert submit.path == "/v1/flux-2-pro"
    assert submit.headers["x-key"] == KEY
    assert submit.body == b'{"prompt": "x", "seed": 7}'
    assert recorded[1].path == f"/v1/get_result?id={done['id']}"
    assert "x-key" not in download.headers
    assert download.path.startswith("/results/")


def test_same_seed_same_bytes_other_seed_other_bytes(api, kit):
    pencils = kit.b64(kit.pencil())
    for model, body in [
        ("flux-2-pro", {"prompt": "a duel at dawn"}),
        ("flux-kontext-pro", {"prompt": "ink", "input_image": pencils}),
    ]:
        first = api.generate(model, body | {"seed": 42})
        again = api.generate(model, body | {"seed": 42})
        other = api.generate(model, body | {"seed": 43})
        assert first[0]["result"]["seed"] == 42
        assert first[1] == again[1]
        assert first[1] != other[1]


def test_regional_polling_url_must_be_used_verbatim(make_emulator, make_api):
    server = make_emulator(regional_polling=True)
    api = make_api(server)
    assert server.polling_base not in (server.base_url, server.delivery_url)
    task = api.submit_ok("flux-2-pro", {"prompt": "x"})
    assert task["polling_url"].startswith(f"{server.polling_base}/v1/get_result?id=")
    rebuilt = api.poll(f"{server.base_url}/v1/get_result?id={task['id']}")
    assert rebuilt["status"] == "Task not found"
    assert api.until_done(task)["status"] == "Ready"
    assert {r.listener for r in server.requests} == {"api", "regional"}


def test_webhook_submit_answers_the_webhook_shape(api):
    task = api.submit_ok("flux-2-pro", {"prompt": "x", "webhook_url": "https://example.com/hook"})
    assert task["status"] == "Pending"
    assert task["webhook_url"] == "https://example.com/hook"
    assert api.until_done(task)["status"] == "Ready"


def test_pictures_are_plausible(api, kit):
    _, sketch = api.generate("flux-2-pro", {"prompt": "x", "output_format": "png", "seed": 5})
    gray = kit.decode(sketch).convert("L")
    dark = sum(gray.histogram()[:128]) / (gray.width * gray.height)
    assert 0.005 < dark < 0.4  # black lines on white, not noise

    pencils = kit.pencil((640, 480))
    _, inked = api.generate("flux-kontext-pro", {"prompt": "ink", "input_image": kit.b64(pencils)})
    histogram = kit.decode(inked).convert("L").histogram()
    assert sum(histogram[16:240]) / sum(histogram) < 0.01  # clean black on white

    mask = Image.new("L", pencils.size, 0)
    mask.paste(255, (100, 100, 300, 250))
    body = {"image": kit.b64(pencils), "mask": kit.b64(mask), "output_format": "png"}
    _, filled = api.generate("flux-pro-1.0-fill", body)
    filled_img = kit.decode(filled).convert("RGB")
    assert (
        filled_img.crop((400, 300, 640, 480)).tobytes()
        == pencils.crop((400, 300, 640, 480)).tobytes()
    )
    assert (
        filled_img.crop((100, 100, 300, 250)).tobytes()
        != pencils.crop((100, 100, 300, 250)).tobytes()
    )

    body = {"image": kit.b64(pencils), "left": 64, "bottom": 96, "output_format": "png"}
    _, expanded = api.generate("flux-pro-1.0-expand", body)
    expanded_img = kit.decode(expanded).convert("RGB")
    assert expanded_img.size == (704, 576)
    assert expanded_img.crop((64, 0, 704, 480)).tobytes() == pencils.tobytes()
