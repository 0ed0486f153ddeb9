"""The fal.ai and ComfyUI emulators speak their documented protocols (``shared/bfl-api.md``
§7 and §8) and take the same fault scripting and admin routes as the BFL emulator."""

from __future__ import annotations

import base64
import io
import json

import pytest
import requests
import websocket
from PIL import Image

from fluxdesk.emulator import Fault
from fluxdesk.emulator.comfy import ComfyEmulator
from fluxdesk.emulator.fal import FalEmulator
from fluxdesk.emulator.faults import ComfyFault, FalFault
from fluxdesk.resources import resource_path

TIMEOUT = 10
FAL_AUTH = {"Authorization": "Key any-key"}


def png(size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", size, 200).save(buffer, "PNG")
    return buffer.getvalue()


def test_fal_queue_round_trip(fal_emulator: FalEmulator) -> None:
    uri = "data:image/png;base64," + base64.b64encode(png()).decode()
    submitted = requests.post(
        f"{fal_emulator.base_url}/fal-ai/flux-pro/kontext/max",
        json={"prompt": "ink", "image_url": uri, "seed": 3, "output_format": "png"},
        headers=FAL_AUTH,
        timeout=TIMEOUT,
    ).json()
    # Status, result and cancel URLs use only the owner and the app.
    assert submitted["status_url"].endswith(
        f"/fal-ai/flux-pro/requests/{submitted['request_id']}/status"
    )
    first = requests.get(submitted["status_url"] + "?logs=1", headers=FAL_AUTH, timeout=TIMEOUT)
    assert first.status_code == 202 and first.json()["status"] == "IN_QUEUE"
    second = requests.get(submitted["status_url"] + "?logs=1", headers=FAL_AUTH, timeout=TIMEOUT)
    assert second.status_code == 200 and second.json()["status"] == "COMPLETED"
    result = requests.get(submitted["response_url"], headers=FAL_AUTH, timeout=TIMEOUT).json()
    assert result["seed"] == 3 and result["has_nsfw_concepts"] == [False]
    image = requests.get(result["images"][0]["url"], timeout=TIMEOUT)  # no key for the CDN
    assert image.headers["Content-Type"] == "image/png"
    cancel = requests.put(submitted["cancel_url"], headers=FAL_AUTH, timeout=TIMEOUT)
    assert cancel.status_code == 400 and cancel.json() == {"status": "ALREADY_COMPLETED"}


def test_fal_refuses_a_missing_key_and_bad_fields(fal_emulator: FalEmulator) -> None:
    url = f"{fal_emulator.base_url}/fal-ai/flux/dev"
    assert requests.post(url, json={"prompt": "x"}, timeout=TIMEOUT).status_code == 401
    bad = requests.post(
        url, json={"prompt": "x", "safety_tolerance": 2}, headers=FAL_AUTH, timeout=TIMEOUT
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "safety_tolerance"]


def test_comfy_upload_queue_progress_history_view(comfy_emulator: ComfyEmulator) -> None:
    base = comfy_emulator.base_url
    first = requests.post(f"{base}/upload/image", files={"image": ("p.png", png())}, timeout=10)
    renamed = requests.post(
        f"{base}/api/upload/image", files={"image": ("p.png", png((32, 32)))}, timeout=10
    )
    assert first.json()["name"] == "p.png" and renamed.json()["name"] == "p (1).png"
    graph = json.loads(resource_path("workflows/kontext-dev-inking.json").read_text())
    graph["5"]["inputs"]["image"] = "p.png"
    graph["4"]["inputs"]["lora_name"] = "ink-lines-v2.safetensors"
    socket = websocket.create_connection(f"{base.replace('http', 'ws')}/ws?clientId=me", timeout=5)
    assert json.loads(socket.recv())["type"] == "status"
    queued = requests.post(
        f"{base}/prompt", json={"prompt": graph, "client_id": "me"}, timeout=TIMEOUT
    ).json()
    prompt_id = queued["prompt_id"]
    assert requests.get(f"{base}/queue", timeout=TIMEOUT).json()["queue_pending"][0][1] == prompt_id
    assert requests.get(f"{base}/history/{prompt_id}", timeout=TIMEOUT).json() == {}
    entry = requests.get(f"{base}/history/{prompt_id}", timeout=TIMEOUT).json()[prompt_id]
    kinds = [json.loads(socket.recv())["type"] for _ in range(4)]
    assert kinds == ["execution_start", "progress", "execution_success", "executing"]
    socket.close()
    assert entry["status"]["status_str"] == "success"
    saved = entry["outputs"]["14"]["images"][0]
    view = requests.get(f"{base}/view", params=saved, timeout=TIMEOUT)
    assert view.status_code == 200 and view.content.startswith(b"\x89PNG")
    escape = requests.get(f"{base}/view", params={"filename": "../x.png"}, timeout=TIMEOUT)
    assert escape.status_code == 400


def test_comfy_refuses_bad_graphs_like_comfyui(comfy_emulator: ComfyEmulator) -> None:
    graph = json.loads(resource_path("workflows/flux-dev.json").read_text())
    graph["2"]["inputs"]["lora_name"] = "nope.safetensors"
    answer = requests.post(
        f"{comfy_emulator.base_url}/prompt", json={"prompt": graph}, timeout=TIMEOUT
    )
    assert answer.status_code == 400
    error = answer.json()["node_errors"]["2"]["errors"][0]
    assert error["type"] == "value_not_in_list" and "nope.safetensors" in error["details"]
    unknown = {"1": {"class_type": "MagicNode", "inputs": {}}}
    answer = requests.post(
        f"{comfy_emulator.base_url}/prompt", json={"prompt": unknown}, timeout=TIMEOUT
    )
    assert answer.status_code == 400 and answer.json()["error"]["type"] == "invalid_prompt"


@pytest.mark.parametrize("which", ["fal_emulator", "comfy_emulator"])
def test_admin_routes_script_faults_like_bfl(request, which: str) -> None:
    server = request.getfixturevalue(which)
    admin = f"{server.base_url}/_emulator"
    fault = {"stage": "submit", "action": "status", "status": 503, "times": 1}
    assert requests.post(f"{admin}/faults", json=fault, timeout=TIMEOUT).status_code == 200
    assert requests.get(f"{admin}/state", timeout=TIMEOUT).json()["faults"][0]["status"] == 503
    refused = {"stage": "credits", "action": "status"}  # not a stage of these emulators
    assert requests.post(f"{admin}/faults", json=refused, timeout=TIMEOUT).status_code == 422
    assert requests.delete(f"{admin}/faults", timeout=TIMEOUT).json() == {"faults": []}


def test_faults_of_one_kind_are_checked_against_the_other_emulator(
    fal_emulator: FalEmulator, comfy_emulator: ComfyEmulator
) -> None:
    comfy_emulator.script(Fault("submit", "drop"))  # a BFL fault that applies to ComfyUI
    assert isinstance(comfy_emulator.faults[0], ComfyFault)
    with pytest.raises(ValueError):
        fal_emulator.script(ComfyFault("upload", "status"))  # fal has no upload stage
    with pytest.raises(ValueError):
        FalFault("poll", "missing_output")  # fal's missing output is at the result stage
