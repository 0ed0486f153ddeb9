"""Builds the one-folder app with PyInstaller, then runs the frozen app's self-test.

    python packaging/build.py [--skip-build]

Run it with the Python of a venv that has `pip install -e ".[package]"`, on the OS you build
for (PyInstaller does not cross-compile). Prints the build time, the folder's size and the
self-test's output; exits non-zero if either step fails. CI runs it on Linux.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "FluxDesk"
SELF_TEST_TIMEOUT_S = 300


def frozen_executable() -> Path:
    """The executable that prints: the console twin on Windows, the app itself elsewhere."""
    if sys.platform == "win32":
        return BUNDLE / "fluxdesk-cli.exe"
    return BUNDLE / "FluxDesk"


def folder_size(folder: Path) -> int:
    files = (path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
    return sum(path.stat().st_size for path in files)


def build() -> float:
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(ROOT / "packaging" / "fluxdesk.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return time.monotonic() - started


def self_test(executable: Path) -> int:
    """Runs `--self-test` with its own data folder: no test touches the real history."""
    with tempfile.TemporaryDirectory(prefix="fluxdesk-frozen-") as home:
        env = {**os.environ, "FLUXDESK_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
        screenshot = Path(home) / "self-test.png"
        command = [str(executable), "--self-test", "--screenshot", str(screenshot)]
        return subprocess.run(command, env=env, timeout=SELF_TEST_TIMEOUT_S).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="only run the self-test")
    args = parser.parse_args(argv)
    if not args.skip_build:
        seconds = build()
        print(f"built {BUNDLE} in {seconds:.0f} s", flush=True)
    executable = frozen_executable()
    if not executable.exists():
        print(f"no frozen app at {executable}", file=sys.stderr)
        return 1
    print(f"bundle size: {folder_size(BUNDLE) / 2**20:.0f} MiB", flush=True)
    started = time.monotonic()
    code = self_test(executable)
    print(f"frozen self-test exited {code} in {time.monotonic() - started:.0f} s", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
