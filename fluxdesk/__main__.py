"""`fluxdesk`: the app, or a command (`fluxdesk generate|credits|emulator ...`)."""

from __future__ import annotations

import sys

from fluxdesk.cli.parser import COMMANDS, run_command


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        return run_command(argv)
    from fluxdesk.ui.app import run_app  # Qt is imported only when the window is wanted

    return run_app(argv)


if __name__ == "__main__":
    sys.exit(main())
