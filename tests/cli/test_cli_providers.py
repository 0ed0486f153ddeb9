"""`fluxdesk generate --provider fal|comfyui` against their emulators, and
`fluxdesk emulator --provider ...`: files, history rows with their provider, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import RunCli
from PIL import Image, ImageDraw

from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobState
from fluxdesk.core.paths import AppPaths
from fluxdesk.emulator.comfy import ComfyEmulator
from fluxdesk.emulator.fal import FalEmulator
from fluxdesk.emulator.faults import ComfyFault, FalFault
from fluxdesk.resources import resource_path


@pytest.fixture
def pencils(tmp_path: Path) -> Path:
    image = Image.new("L", (800, 1100), 240)
    ImageDraw.Draw(image).ellipse((200, 200, 600, 600), outline=90, width=4)
    path = tmp_path / "pencils.png"
    image.save(path)
    return path


@pytest.fixture
def cli(
    monkeypatch, fal_emulator: FalEmulator, comfy_emulator: ComfyEmulator, run_cli: RunCli
) -> RunCli:
    monkeypatch.setenv("FAL_KEY", "fal-cli-key")
    monkeypatch.setenv("FLUXDESK_FAL_URL", fal_emulator.base_url)
    monkeypatch.setenv("FLUXDESK_COMFY_URL", comfy_emulator.base_url)
    return run_cli


def newest() -> tuple[str, JobState, str]:
    paths = AppPaths.default()
    record = HistoryStore.open(paths.history_db, paths.images).list_jobs()[0]
    return record.provider, record.state, record.request.model


def test_fal_runs_the_bfl_preset_and_records_fal(cli, pencils: Path, tmp_path: Path) -> None:
    code, out, err = cli(
        "generate",
        "--provider",
        "fal",
        "--model",
        "flux-kontext-pro",
        "--prompt",
        "ink these pencils",
        "--input",
        str(pencils),
        "--seed",
        "7",
        "--set",
        "output_format=png",
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"Image saved to {Path('output.png')}", "Seed: 7"]
    assert newest() == ("fal", JobState.succeeded, "flux-kontext-pro")


def test_comfyui_runs_the_same_preset_through_its_stand_in_workflow(
    cli, pencils: Path, comfy_emulator: ComfyEmulator
) -> None:
    code, out, err = cli(
        "generate",
        "--provider",
        "comfyui",
        "--model",
        "flux-kontext-pro",
        "--prompt",
        "ink these pencils",
        "--input",
        str(pencils),
        "--seed",
        "7",
    )
    assert (code, err) == (0, ""), err
    assert "Image saved to output.png" in out
    assert newest() == ("comfyui", JobState.succeeded, "kontext-dev-inking")
    assert any(r.path == "/upload/image" for r in comfy_emulator.requests)


def test_a_custom_workflow_with_a_guessed_mapping(cli, tmp_path: Path) -> None:
    workflow = tmp_path / "my-flux.json"
    shutil.copyfile(resource_path("workflows/flux-dev.json"), workflow)
    code, _, err = cli(
        "generate",
        "--provider",
        "comfyui",
        "--workflow",
        str(workflow),
        "--prompt",
        "a rooftop at night",
        "--set",
        "steps=12",
        "--set",
        "width=512",
        "--set",
        "height=512",
    )
    assert code == 0, err
    provider, state, model = newest()
    assert (provider, state) == ("comfyui", JobState.succeeded) and model.startswith("custom-")
    with Image.open(tmp_path / "output.png") as image:
        assert image.size == (512, 512)


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["--provider", "fal", "--model", "flux-dev", "--set", "output_format=webp"], 2, "jpeg"),
        (
            ["--provider", "fal", "--model", "flux-kontext-pro", "--set", "aspect_ratio=5:7"],
            2,
            "must be one of",
        ),
        (["--provider", "comfyui", "--model", "flux-2-pro"], 2, "no model"),
        (["--provider", "bfl", "--model", "flux-dev", "--workflow", "x.json"], 2, "comfyui"),
        (["--provider", "comfyui", "--workflow", "missing.json"], 2, "could not be read"),
    ],
)
def test_bad_input_exits_2(cli, argv: list[str], code: int, words: str) -> None:
    result, _, err = cli("generate", "--prompt", "x", *argv)
    assert result == code and words in err and len(err.strip().splitlines()) == 1


def test_fal_without_a_key_exits_3(cli, monkeypatch) -> None:
    monkeypatch.delenv("FAL_KEY")
    code, _, err = cli("generate", "--provider", "fal", "--model", "flux-dev", "--prompt", "x")
    assert code == 3 and "fal.ai key" in err


@pytest.mark.parametrize(
    ("provider", "fault", "code", "words"),
    [
        ("fal", FalFault("submit", "status", status=401), 3, "rejected"),
        ("fal", FalFault("poll", "interrupt"), 1, "lost the job"),
        ("fal", FalFault("result", "missing_output"), 1, "no image"),
        ("comfyui", ComfyFault("submit", "status", status=403), 3, "refused"),
        ("comfyui", ComfyFault("poll", "interrupt"), 1, "interrupted"),
        ("comfyui", ComfyFault("submit", "status", status=502), 1, "HTTP 502"),
    ],
)
def test_provider_faults_give_documented_exit_codes(
    cli, request, provider, fault, code, words
) -> None:
    server = request.getfixturevalue("fal_emulator" if provider == "fal" else "comfy_emulator")
    server.script(fault)
    result, out, err = cli(
        "generate", "--provider", provider, "--model", "flux-dev", "--prompt", "x"
    )
    assert result == code and out == "" and words in err and "Traceback" not in err


def test_emulator_command_serves_each_provider(tmp_path: Path) -> None:
    env = {**os.environ, "FLUXDESK_HOME": str(tmp_path / "home")}
    command = [
        sys.executable,
        "-m",
        "fluxdesk",
        "emulator",
        "--provider",
        "comfyui",
        "--port",
        "0",
        "--latency",
        "0",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("ComfyUI emulator on http://127.0.0.1:")
        import requests

        url = first.split(" on ")[1].strip()
        stats = requests.get(f"{url}/system_stats", timeout=5).json()
        assert "comfyui_version" in json.dumps(stats)
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
