"""`fluxdesk generate` and `fluxdesk credits` against the emulator: files, lines, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import RunCli, open_history
from PIL import Image, ImageDraw

from fluxdesk.core.jobs import JobState
from fluxdesk.emulator import EmulatorServer, Fault

KEY = "bfl_cli_test_key"


@pytest.fixture
def pencils(tmp_path: Path) -> Path:
    image = Image.new("L", (800, 1100), 240)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 760, 1060), outline=90, width=4)
    draw.ellipse((200, 200, 600, 600), outline=110, width=3)
    path = tmp_path / "pencils.png"
    image.save(path)
    return path


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, emulator: EmulatorServer, run_cli: RunCli) -> RunCli:
    monkeypatch.setenv("BFL_API_KEY", KEY)
    monkeypatch.setenv("FLUXDESK_API_URL", emulator.base_url)
    return run_cli


def test_generate_saves_the_image_and_prints_its_seed(cli, pencils: Path, tmp_path: Path) -> None:
    code, out, err = cli(
        "generate",
        "--model",
        "flux-kontext-pro",
        "--prompt",
        "ink these pencils",
        "--input",
        str(pencils),
        "--seed",
        "1234",
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"Image saved to {Path('output.png')}", "Seed: 1234"]
    saved = tmp_path / "output.png"
    with Image.open(saved) as image:
        assert image.format == "PNG"
    record = open_history().list_jobs()[0]
    assert record.state is JobState.succeeded and record.source == "cli"
    assert record.result is not None and record.result.path.read_bytes() == saved.read_bytes()


def test_count_runs_variations_with_consecutive_seeds(cli, tmp_path: Path) -> None:
    out_path = tmp_path / "page.png"
    code, out, _ = cli(
        "generate",
        "--model",
        "flux-2-pro",
        "--prompt",
        "a panel",
        "--count",
        "3",
        "--seed",
        "10",
        "--out",
        str(out_path),
        "--set",
        "width=512",
        "--set",
        "height=512",
    )
    assert code == 0
    lines = out.splitlines()
    saved = sorted(line for line in lines if line.startswith("Image saved to"))
    assert saved == [f"Image saved to {tmp_path / f'page-{n}.jpg'}" for n in (1, 2, 3)]
    assert sorted(line for line in lines if line.startswith("Seed")) == [
        "Seed: 10",
        "Seed: 11",
        "Seed: 12",
    ]
    for n in (1, 2, 3):
        with Image.open(tmp_path / f"page-{n}.jpg") as image:
            assert image.format == "JPEG" and image.size == (512, 512)


def test_extension_follows_the_delivered_format_and_bytes_are_untouched(
    cli, tmp_path: Path, emulator: EmulatorServer
) -> None:
    code, out, _ = cli(
        "generate",
        "--model",
        "flux-pro-1.1",
        "--prompt",
        "x",
        "--out",
        str(tmp_path / "a.png"),
        "--set",
        "output_format=webp",
    )
    assert code == 0 and f"Image saved to {tmp_path / 'a.webp'}" in out
    delivered = [r for r in emulator.requests if r.listener == "delivery"]
    assert delivered
    record = open_history().list_jobs()[0]
    assert record.result is not None
    assert (tmp_path / "a.webp").read_bytes() == record.result.path.read_bytes()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--model", "flux-kontext-pro", "--prompt", "x", "--set", "steps=20"], "not a setting"),
        (["--model", "flux-pro-1.1", "--prompt", "x", "--set", "width=1000"], "multiple of 32"),
        (["--model", "flux-nope", "--prompt", "x"], "invalid choice"),
        (["--model", "flux-dev", "--prompt", "x", "--count", "0"], "between 1 and 24"),
        (["--model", "flux-dev", "--prompt", "x", "--set", "seed=3"], "--seed"),
        (["--model", "flux-dev", "--prompt", "x", "--set", "oops"], "NAME=VALUE"),
        (["--model", "flux-pro-1.0-fill", "--prompt", "x"], "needs an input image"),
        (["--model", "flux-dev", "--prompt", "x", "--input", "missing.png"], "no longer exists"),
        (["--model", "flux-dev", "--prompt", "x", "--api-url", "http://example.com"], "plain http"),
        (["--prompt", "x"], "required"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_sends_nothing(
    cli, emulator: EmulatorServer, argv: list[str], words: str
) -> None:
    code, _, err = cli("generate", *argv)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and words in err
    assert not [r for r in emulator.requests if r.method == "POST"]


def test_no_key_exits_3(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BFL_API_KEY")
    code, _, err = cli("generate", "--model", "flux-dev", "--prompt", "x")
    assert code == 3 and "No API key" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("fault", "code", "words"),
    [
        (Fault("submit", "status", status=403), 3, "rejected"),
        (Fault("submit", "status", status=402), 4, "credits"),
        (Fault("poll", "task_status", task_status="Request Moderated"), 1, "moderation"),
        (Fault("poll", "task_status", task_status="Error"), 1, "failed"),
        (Fault("poll", "task_status", task_status="Task not found"), 1, "no longer"),
        (Fault("download", "expire"), 1, "expired"),
        (Fault("submit", "drop"), 1, "may or may not"),
        (Fault("submit", "status", status=429, headers={"Retry-After": "0"}), 1, "Too many"),
    ],
)
def test_faults_give_documented_exit_codes(
    cli, emulator: EmulatorServer, fault: Fault, code: int, words: str
) -> None:
    emulator.script(fault)
    result, out, err = cli("generate", "--model", "flux-dev", "--prompt", "x")
    assert result == code and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err and "Traceback" not in err


def test_worst_failure_wins_among_variations(cli, emulator: EmulatorServer) -> None:
    emulator.script(Fault("poll", "task_status", task_status="Error", times=1))
    code, out, err = cli("generate", "--model", "flux-dev", "--prompt", "x", "--count", "3")
    assert code == 1 and out.count("Image saved to") == 2 and "variation" in err


def test_credits(cli, emulator: EmulatorServer) -> None:
    emulator.set_credits(KEY, 123.5)
    code, out, _ = cli("credits")
    assert code == 0 and out.strip() == "Credits: 123.5 credits ($1.235)"
    emulator.revoke_key(KEY)
    assert cli("credits")[0] == 3


def test_timeout_exits_1(cli, emulator: EmulatorServer, monkeypatch) -> None:
    code, _, err = cli("generate", "--model", "flux-dev", "--prompt", "x", "--timeout", "0.000001")
    assert code == 1 and "not ready after" in err


def test_real_entry_point_in_a_subprocess(emulator: EmulatorServer, pencils: Path, tmp_path: Path):
    env = {
        **os.environ,
        "BFL_API_KEY": KEY,
        "FLUXDESK_HOME": str(tmp_path / "sub-home"),
        "PYTHONWARNINGS": "error::DeprecationWarning:fluxdesk",
    }
    command = [
        sys.executable,
        "-m",
        "fluxdesk",
        "generate",
        "--model",
        "flux-kontext-pro",
        "--prompt",
        "ink these pencils",
        "--input",
        str(pencils),
        "--api-url",
        emulator.base_url,
        "--out",
        str(tmp_path / "inked.png"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == f"Image saved to {tmp_path / 'inked.png'}"
    assert done.stdout.splitlines()[1].startswith("Seed: ")

    emulator.script(Fault("submit", "status", status=402))
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 4 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
