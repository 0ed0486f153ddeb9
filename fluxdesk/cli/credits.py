"""`fluxdesk credits`: the account balance."""

from __future__ import annotations

import argparse

from fluxdesk.cli.common import EXIT_OK, api_url, exit_code_for, make_api, print_error
from fluxdesk.core.api.pricing import format_credits
from fluxdesk.core.errors import FluxError


def run(args: argparse.Namespace) -> int:
    try:
        api = make_api(api_url(args.api_url))
        balance = api.credits()
    except FluxError as error:
        print_error(error.user_message)
        return exit_code_for(error)
    print(f"Credits: {format_credits(balance)}")
    return EXIT_OK
