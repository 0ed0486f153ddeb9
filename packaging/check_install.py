"""Checks that `pipx install .` works: `fluxdesk` lands on the PATH and finds its resources.

    python packaging/check_install.py

Everything happens in a temporary folder: pipx itself goes into a throwaway venv, and
PIPX_HOME / PIPX_BIN_DIR point there, so the user's own pipx setup is never touched. The
installed app is a normal (non-editable) wheel install, so its icons, presets and workflows
must come from inside the wheel. CI runs this on Linux.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 600


def run(command: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("$", " ".join(str(part) for part in command), flush=True)
    return subprocess.run(
        [str(part) for part in command], check=True, text=True, timeout=TIMEOUT_S, **kwargs
    )


def scripts_dir(environment: Path) -> Path:
    return environment / ("Scripts" if sys.platform == "win32" else "bin")


def main() -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fluxdesk-pipx-") as temp:
        temp_dir = Path(temp)
        tools = temp_dir / "tools"
        venv.create(tools, with_pip=True)
        run([scripts_dir(tools) / "python", "-m", "pip", "install", "-q", "pipx"])
        bin_dir = temp_dir / "bin"
        env = {
            **os.environ,
            "PIPX_HOME": str(temp_dir / "pipx"),
            "PIPX_BIN_DIR": str(bin_dir),
            "PIPX_MAN_DIR": str(temp_dir / "man"),
            "PATH": os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")]),
            "FLUXDESK_HOME": str(temp_dir / "home"),
            "QT_QPA_PLATFORM": "offscreen",
        }
        run([scripts_dir(tools) / "python", "-m", "pipx", "install", ROOT], env=env)
        installed = time.monotonic()

        fluxdesk = shutil.which("fluxdesk", path=env["PATH"])
        if fluxdesk is None or Path(fluxdesk).parent != bin_dir:
            print(f"fluxdesk is not on the PATH from {bin_dir}", file=sys.stderr)
            return 1
        # From the temp folder, so nothing in the checkout can stand in for the wheel's files.
        run([fluxdesk, "--self-test"], env=env, cwd=temp_dir)
        usage = run([fluxdesk, "generate", "--help"], env=env, cwd=temp_dir, capture_output=True)
        if "--model" not in usage.stdout:
            print(f"unexpected `fluxdesk generate --help`:\n{usage.stdout}", file=sys.stderr)
            return 1
    done = time.monotonic()
    print(
        f"pipx install: ok in {installed - started:.0f} s; "
        f"installed app checked in {done - installed:.0f} s",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
