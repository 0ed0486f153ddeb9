"""Bounded memory on hostile input (slow: run by reliability/run). Every hostile file and a
60 MP scan go to a real `fluxdesk generate --input` and `fluxdesk export` process; each
process's peak resident memory comes from the kernel (/proc VmHWM) and must stay bounded: a
decompression bomb is refused before any pixel is decoded, the 60 MP scan stays under 1.5 GB."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from reliability_kit.hostile import Hostile, Verdict, sixty_mp_scan

from fluxdesk.emulator import EmulatorServer

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory from /proc"),
]

SCAN_LIMIT_MB = 1536  # the bound for the 60 MP case
FILE_LIMIT_MB = 300  # anything else: the interpreter and its libraries (~80 MB) plus a page

# Runs the command and writes the process's peak resident memory (VmHWM, which belongs to this
# program alone: getrusage's maxrss would count the forked copy of the test process too).
WRAPPER = """
import atexit, sys
from pathlib import Path
out = Path(sys.argv.pop(1))
def peak():
    status = Path("/proc/self/status").read_text().splitlines()
    out.write_text(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
atexit.register(peak)
from fluxdesk.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


@dataclass(frozen=True, slots=True)
class Run:
    hostile: Hostile
    command: str
    argv: tuple[str, ...]
    limit: float


def measure(run: Run, env: dict[str, str], cwd: Path, number: int) -> tuple[int, float, str]:
    """(exit code, peak resident MB, stderr) of one real process."""
    peak = cwd / f"peak-{number}.txt"
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(peak), *run.argv],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, int(peak.read_text()) / 1024, done.stderr


def test_each_file_in_a_real_process(
    emulator: EmulatorServer, hostile_files: list[Hostile], tmp_path: Path
) -> None:
    scan = Hostile("60 MP scan", sixty_mp_scan(tmp_path / "scan-600dpi.png"), Verdict.opens)
    env = {
        **os.environ,
        "BFL_API_KEY": "bfl_memory_key",
        "FLUXDESK_API_URL": emulator.base_url,
        "FLUXDESK_HOME": str(tmp_path / "home"),
    }
    runs: list[Run] = []
    for number, hostile in enumerate([scan, *hostile_files]):
        if hostile.skip_reason:
            continue
        limit = SCAN_LIMIT_MB if hostile is scan else FILE_LIMIT_MB
        page = ("b4", "600") if hostile is scan else ("a5", "100")
        generate = ("generate", "--model", "flux-kontext-pro", "--prompt", "ink", "--input")
        runs.append(Run(hostile, "generate", (*generate, str(hostile.path)), limit))
        out = f"page-{number}.tif"
        export = ("export", str(hostile.path), "--page", page[0], "--dpi", page[1], "--out", out)
        runs.append(Run(hostile, "export", export, limit))
    with ThreadPoolExecutor(max_workers=2) as pool:  # two at a time: the machine has 2 cores
        results = list(
            pool.map(lambda item: measure(item[1], env, tmp_path, item[0]), enumerate(runs))
        )
    report = []
    for run, (code, peak, err) in zip(runs, results, strict=True):
        name = run.hostile.name
        report.append(f"{name:<28} {run.command:<9} exit {code}  peak {peak:6.0f} MB")
        assert "Traceback" not in err, (name, run.command, err)
        assert code in (0, 2), (name, run.command, code, err)
        if run.hostile.verdict is Verdict.opens:
            assert code == 0, (name, run.command, err)
        if run.hostile.verdict is Verdict.refused:
            assert code == 2, (name, run.command, err)
        assert peak < run.limit, f"{name} ({run.command}): {peak:.0f} MB"
    print("\n".join(report))
