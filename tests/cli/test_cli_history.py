"""`fluxdesk history list|show|export|resume|restore` on a history `fluxdesk generate` wrote."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from cli_support import RunCli, open_history

from fluxdesk.core.jobs import JobState
from fluxdesk.emulator import EmulatorServer

KEY = "bfl_cli_history_key"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, emulator: EmulatorServer, run_cli: RunCli) -> RunCli:
    monkeypatch.setenv("BFL_API_KEY", KEY)
    monkeypatch.setenv("FLUXDESK_API_URL", emulator.base_url)
    return run_cli


@pytest.fixture
def two_entries(cli) -> list[str]:
    assert cli("generate", "--model", "flux-dev", "--prompt", "a lighthouse at dusk")[0] == 0
    assert (
        cli(
            "generate",
            "--model",
            "flux-2-pro",
            "--prompt",
            "screentone sea, pure black",
            "--seed",
            "9",
        )[0]
        == 0
    )
    return [record.id for record in open_history().list_jobs()]


def test_list_has_stable_columns_filters_and_formats(cli, two_entries: list[str]) -> None:
    code, out, _ = cli("history", "list")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == [
        "ID",
        "CREATED",
        "STATUS",
        "MODEL",
        "SEED",
        "COST",
        "PROMPT",
    ]
    assert [line.split()[0] for line in lines[1:]] == [i[:12] for i in two_entries]
    assert "screentone sea" in lines[1] and "done" in lines[1]

    code, out, _ = cli("history", "list", "--search", "lighthouse", "--format", "tsv")
    (row,) = out.splitlines()
    fields = row.split("\t")
    assert fields[0] == two_entries[1] and fields[2] == "done" and fields[3] == "flux-dev"
    assert Path(fields[7]).is_file()

    code, out, _ = cli("history", "list", "--model", "flux-2-pro", "--format", "json")
    (entry,) = json.loads(out)
    assert entry["seed"] == 9 and entry["result"]["sha256"] and "key" not in json.dumps(entry)
    assert cli("history", "list", "--status", "failed")[1].count("\n") == 1  # header only
    assert cli("history", "list", "--since", "2001-13-01")[0] == 2


def test_show_an_entry_by_the_start_of_its_id(cli, two_entries: list[str]) -> None:
    code, out, _ = cli("history", "show", two_entries[0][:8])
    assert code == 0
    assert "screentone sea, pure black" in out and "flux-2-pro" in out and "Seed" in out
    code, out, _ = cli("history", "show", two_entries[0], "--json")
    data = json.loads(out)
    assert data["id"] == two_entries[0] and data["lineage"] == {"ancestors": [], "children": []}
    code, _, err = cli("history", "show", "zzzz")
    assert code == 2 and "No history entry" in err and len(err.splitlines()) == 1


def test_export_an_entry_and_refuse_to_overwrite(cli, two_entries: list[str], tmp_path: Path):
    out_dir = tmp_path / "exported"
    code, out, _ = cli("history", "export", two_entries[0], "--out", str(out_dir))
    assert code == 0 and out.count("Wrote ") == 2  # the result and its recipe (no inputs)
    stem = two_entries[0][:12]
    recipe = json.loads((out_dir / f"{stem}.json").read_text())
    assert recipe["schema"] == "fluxdesk.entry/1" and recipe["prompt"].startswith("screentone")
    result = out_dir / recipe["result_file"]
    assert result.read_bytes() == Path(recipe["result"]["path"]).read_bytes()
    code, _, err = cli("history", "export", two_entries[0], "--out", str(out_dir))
    assert code == 2 and "already exists" in err
    assert cli("history", "export", "--out", str(out_dir))[0] == 2  # neither ID nor --all


def test_export_all_then_restore_elsewhere(
    cli, two_entries: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "backup.zip"
    code, out, _ = cli("history", "export", "--all", "--out", str(archive))
    assert code == 0 and "Backed up 2 entries" in out
    assert {"history.sqlite3", "manifest.json"} <= set(zipfile.ZipFile(archive).namelist())

    monkeypatch.setenv("FLUXDESK_HOME", str(tmp_path / "other-computer"))
    code, out, _ = cli("history", "restore", str(archive))
    assert code == 0 and "Restored 2 entries" in out
    code, out, _ = cli("history", "list", "--format", "tsv")
    assert [line.split("\t")[0] for line in out.splitlines()] == two_entries


def test_an_interrupted_job_is_resumed_from_the_command_line(
    cli, emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command gives up waiting (its --timeout) while BFL is still making the image.
    code, _, err = cli(
        "generate", "--model", "flux-dev", "--prompt", "kept safe", "--timeout", "0.000001"
    )
    assert code == 1 and "history resume" in err and len(err.splitlines()) == 1
    (record,) = open_history().list_jobs()
    assert record.state is JobState.running and record.status == "paused"

    monkeypatch.delenv("BFL_API_KEY")
    code, out, _ = cli("history", "resume")
    assert code == 3 and "add it in Settings" in out
    assert open_history().list_jobs()[0].state is JobState.running  # waits, untouched

    monkeypatch.setenv("BFL_API_KEY", KEY)
    code, out, _ = cli("history", "resume")
    assert code == 0 and "recovered" in out
    (record,) = open_history().list_jobs()
    assert record.state is JobState.succeeded and record.result is not None
    assert len(emulator.tasks) == 1
    assert cli("history", "resume")[1].startswith("Nothing to resume")


def test_history_needs_an_action(cli) -> None:
    code, _, err = cli("history")
    assert code == 2 and "required" in err
