"""Every hostile input file (reliability_kit/hostile.py) given to `fluxdesk generate --input` and
to `fluxdesk export`: an odd but real image works; anything else is exit code 2 with one clear
line and no traceback, and nothing is sent (no credits spent on a reject). And a backup archive
with a zip bomb inside is refused by `fluxdesk history restore` before anything is unpacked."""

from __future__ import annotations

import hashlib
import struct
import zipfile
from pathlib import Path

import pytest
from cli_support import RunCli
from reliability_kit.faults import submits
from reliability_kit.hostile import Hostile, Verdict

from fluxdesk.emulator import EmulatorServer

KEY = "bfl_cli_hostile_key"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, emulator: EmulatorServer, run_cli: RunCli) -> RunCli:
    monkeypatch.setenv("BFL_API_KEY", KEY)
    monkeypatch.setenv("FLUXDESK_API_URL", emulator.base_url)
    return run_cli


def check(hostile: Hostile, code: int, err: str, ok: int = 0) -> bool:
    """True if the file was taken; asserts the documented outcome either way."""
    assert "Traceback" not in err, (hostile.name, err)
    taken = code == ok
    if hostile.verdict is Verdict.opens:
        assert taken, (hostile.name, code, err)
    elif hostile.verdict is Verdict.refused:
        assert not taken, hostile.name
    if not taken:
        assert code == 2, (hostile.name, code, err)
        assert len(err.splitlines()) == 1 and err.startswith("fluxdesk: error: "), err
    return taken


def test_generate_input(cli, emulator: EmulatorServer, hostile_files: list[Hostile]) -> None:
    for hostile in hostile_files:
        if hostile.skip_reason:
            continue
        sent = len(submits(emulator))
        code, out, err = cli(
            "generate",
            "--model",
            "flux-kontext-pro",
            "--prompt",
            "ink",
            "--input",
            str(hostile.path),
        )
        if check(hostile, code, err):
            assert out.startswith("Image saved to "), hostile.name
            assert len(submits(emulator)) == sent + 1
        else:
            if hostile.verdict is Verdict.refused:
                assert hostile.words in err, (hostile.name, err)
            assert len(submits(emulator)) == sent, f"{hostile.name}: a rejected input was sent"


def test_export_input(cli, hostile_files: list[Hostile], tmp_path: Path) -> None:
    for number, hostile in enumerate(hostile_files):
        if hostile.skip_reason:
            continue
        out = tmp_path / f"page-{number}.tif"
        code, _, err = cli(
            "export", str(hostile.path), "--page", "a5", "--dpi", "100", "--out", str(out)
        )
        errors = "\n".join(line for line in err.splitlines() if "preflight" not in line)
        if check(hostile, code, errors):
            assert out.is_file(), hostile.name
        else:
            assert not out.exists(), hostile.name


def test_restore_refuses_a_zip_bomb(cli, tmp_path: Path) -> None:
    assert cli("generate", "--model", "flux-dev", "--prompt", "a harbour")[0] == 0
    backup = tmp_path / "backup.zip"
    assert cli("history", "export", "--all", "--out", str(backup))[0] == 0
    claimed = 40 * 1024**3  # 40 GB of "image" in a few bytes
    name = f"images/ab/{hashlib.sha256(b'bomb').hexdigest()}.png"
    with zipfile.ZipFile(backup, "a") as archive:
        archive.writestr(name, b"\0" * 1024)
    data = bytearray(backup.read_bytes())
    record = data.rindex(b"PK\x01\x02")  # the bomb's central directory entry (the last one)
    data[record + 24 : record + 28] = struct.pack("<I", 0xFFFFFFFF)  # size in the zip64 extra
    extra = struct.pack("<HHQ", 1, 8, claimed)
    name_length, extra_length = struct.unpack_from("<HH", data, record + 28)
    assert extra_length == 0
    struct.pack_into("<H", data, record + 30, len(extra))
    data[record + 46 + name_length : record + 46 + name_length] = extra
    end = data.rindex(b"PK\x05\x06")  # the end record: the central directory grew
    (size,) = struct.unpack_from("<I", data, end + 12)
    struct.pack_into("<I", data, end + 12, size + len(extra))
    backup.write_bytes(bytes(data))
    with zipfile.ZipFile(backup) as archive:
        assert archive.getinfo(name).file_size == claimed

    images = sorted((tmp_path / "home").rglob("*.png"))
    code, out, err = cli("history", "restore", str(backup))
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "impossibly large" in err and "Traceback" not in err
    assert sorted((tmp_path / "home").rglob("*.png")) == images  # nothing unpacked
