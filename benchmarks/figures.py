"""What a benchmark prints: its table for people, or with ``--json`` the same figures as one JSON
object on stdout (what ``run_all.py`` reads). Each figure is measured once per run either way.

    report = Report.from_argv(description)    # parses --json (and any arguments added first)
    report.line("table row for people")       # printed unless --json
    report.add("b4_mono_export_s", seconds)   # kept for --json
    report.finish()                           # with --json: prints {"b4_mono_export_s": ...}
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TypeVar

T = TypeVar("T")


class Report:
    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json
        self.figures: dict[str, Any] = {}

    @staticmethod
    def parser(description: str | None) -> argparse.ArgumentParser:
        parser = argparse.ArgumentParser(description=description)
        parser.add_argument(
            "--json", action="store_true", help="print the figures as one JSON object instead"
        )
        return parser

    @classmethod
    def from_argv(cls, description: str | None = None) -> Report:
        return cls(cls.parser(description).parse_args().json)

    def line(self, text: str = "") -> None:
        if not self.as_json:
            print(text, flush=True)

    def add(self, key: str, value: T) -> T:
        self.figures[key] = value
        return value

    def finish(self) -> None:
        if self.as_json:
            print(json.dumps(self.figures, ensure_ascii=False), flush=True)
