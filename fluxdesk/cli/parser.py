"""The command line. The `generate`, `credits` and `emulator` interfaces are exact: scripts
depend on them. Extend them only compatibly."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from fluxdesk import __version__
from fluxdesk.cli.batch_args import add_parser as add_batch_parser
from fluxdesk.cli.export_args import add_parser as add_export_parser
from fluxdesk.cli.history_args import add_parser as add_history_parser
from fluxdesk.core.api.catalog import model_ids
from fluxdesk.core.jobs import PollPolicy
from fluxdesk.core.providers.base import ProviderId
from fluxdesk.core.providers.fal.catalog import FAL_MODELS
from fluxdesk.core.providers.registry import comfy_workflows

COMMANDS = ("generate", "credits", "emulator", "export", "history", "batch")
DEFAULT_EMULATOR_PORT = 8765


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line on stderr and exit code 2, like every other bad-input error.
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return value


PROVIDERS = tuple(p.value for p in ProviderId)


def _all_model_ids() -> tuple[str, ...]:
    """BFL's models, then fal's and the ComfyUI templates' that BFL has not."""
    ids = list(model_ids())
    extra = [m.spec.id for m in FAL_MODELS] + [w.id for w in comfy_workflows()]
    return tuple(ids + [i for i in dict.fromkeys(extra) if i not in ids])


def build_cli_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="fluxdesk",
        description="FluxDesk command line. Run without a command to start the app.",
    )
    parser.add_argument("--version", action="version", version=f"FluxDesk {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    generate = commands.add_parser(
        "generate",
        help="generate images and save them (also kept in the history)",
        description="Generate images with a FLUX model. Each saved image prints "
        "'Image saved to PATH' and 'Seed: N'. Exit codes: 0 ok, 1 generation failed, "
        "2 usage or bad input, 3 authentication, 4 insufficient credits.",
    )
    generate.add_argument(
        "--model",
        choices=_all_model_ids(),
        metavar="MODEL",
        help="BFL: " + ", ".join(model_ids()) + "; fal.ai and ComfyUI take BFL's ids where they "
        "run the same (or a stand-in) model, plus their own: "
        + ", ".join(i for i in _all_model_ids() if i not in model_ids()),
    )
    generate.add_argument("--prompt", required=True, metavar="TEXT")
    generate.add_argument(
        "--input",
        action="append",
        type=Path,
        metavar="PATH",
        help="input image; repeat for references (input_image_2, ...)",
    )
    generate.add_argument("--mask", type=Path, metavar="PATH", help="mask for FLUX.1 Fill")
    generate.add_argument(
        "--set",
        action="append",
        metavar="NAME=VALUE",
        help="any model field, e.g. --set aspect_ratio=3:4 --set steps=40",
    )
    generate.add_argument(
        "--seed",
        type=int,
        metavar="N",
        help="seed of the first variation (the next ones get N+1, ...)",
    )
    generate.add_argument(
        "--count", type=int, default=1, metavar="N", help="variations to run side by side (1-24)"
    )
    generate.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help="where to save (default ./output.EXT); -1, -2... for variations",
    )
    generate.add_argument(
        "--provider",
        choices=PROVIDERS,
        default="bfl",
        help="who runs the job: bfl (default), fal (fal.ai) or comfyui (a ComfyUI server)",
    )
    generate.add_argument("--api-url", metavar="URL", help="the chosen provider's address")
    generate.add_argument(
        "--workflow",
        type=Path,
        metavar="PATH",
        help="ComfyUI: run this API-format workflow (mapping from PATH.mapping.json or guessed)",
    )
    generate.add_argument(
        "--timeout",
        type=_positive_float,
        default=600.0,
        metavar="SECONDS",
        help="give up waiting for a result after this long (default 600)",
    )

    credits = commands.add_parser("credits", help="show the account's credit balance")
    credits.add_argument("--api-url", metavar="URL")

    add_export_parser(commands)
    add_history_parser(commands)
    add_batch_parser(commands)

    emulator = commands.add_parser(
        "emulator", help="run a built-in emulator (BFL API, fal.ai or ComfyUI) on this machine"
    )
    emulator.add_argument(
        "--provider", choices=PROVIDERS, default="bfl", help="which API to emulate (default bfl)"
    )
    emulator.add_argument("--host", default="127.0.0.1")
    emulator.add_argument("--port", type=int, default=DEFAULT_EMULATOR_PORT)
    emulator.add_argument(
        "--latency",
        type=float,
        default=2.0,
        metavar="SECONDS",
        help="how long each job takes (default 2)",
    )
    emulator.add_argument(
        "--credits", type=float, default=1000.0, help="starting balance of each key"
    )
    return parser


def run_command(argv: list[str], *, poll_policy: PollPolicy | None = None) -> int:
    """Runs a command-line command (argv[0] is one of COMMANDS). Tests inject `poll_policy`."""
    parser = build_cli_parser()
    args = parser.parse_args(argv)
    if args.command == "emulator":
        from fluxdesk.emulator.cli import run as run_emulator

        return run_emulator(args.host, args.port, args.latency, args.credits, args.provider)
    if args.command == "generate" and not (args.model or args.workflow):
        message = "the following arguments are required: --model"
        print(
            f"fluxdesk generate: error: {message} (see fluxdesk generate --help)", file=sys.stderr
        )
        return 2

    from fluxdesk.core.logs import configure_logging
    from fluxdesk.core.paths import AppPaths

    paths = AppPaths.default()
    try:
        configure_logging(paths.logs)
    except OSError as exc:
        print(f"fluxdesk: warning: no log file ({exc})", file=sys.stderr)
    if args.command == "generate":
        from fluxdesk.cli.generate import run as run_generate

        return run_generate(args, paths, poll_policy)
    if args.command == "export":
        from fluxdesk.cli.export import run as run_export

        return run_export(args, paths)
    if args.command == "history":
        from fluxdesk.cli.history import run as run_history

        return run_history(args, paths, poll_policy)
    if args.command == "batch":
        from fluxdesk.cli.batch import run as run_batch

        return run_batch(args, paths, poll_policy)
    from fluxdesk.cli.credits import run as run_credits

    return run_credits(args)
