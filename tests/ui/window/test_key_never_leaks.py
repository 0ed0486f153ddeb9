"""The API key never leaves the keychain except in the `x-key` header to the API itself.

One session with a distinctive key does everything that writes files or talks to the network:
the window checks and saves the key, generates, and meets every fault; the command line
generates, fails, lists, shows and exports entries; pages are exported with the recipe
embedded and a sidecar, as a chapter PDF and a layered PSD; the history is backed up from the
window and from the command line; logging runs at DEBUG throughout. Then every file under the
FluxDesk folder and the export folder, every member of the backups, every log record, all
command output and every request the emulator saw on a host other than the API's is searched
for the key: raw, URL-encoded, UTF-16 and base64 (at every alignment, standard and URL-safe).

Crash reports: every file FluxDesk writes lives under its folder, which is searched whole, so a
crash report written there is covered as soon as there is one.

Also here: plain http to another machine is refused (the window says why; the command line
exits 2), and loopback http is allowed.
"""

from __future__ import annotations

import base64
import logging
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from pytestqt.qtbot import QtBot
from reliability_kit.faults import ALL_CASES

from fluxdesk.cli.parser import run_command
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.imaging.load import load_image
from fluxdesk.core.jobs import JobId, JobState, PollPolicy
from fluxdesk.core.layers import Layer, write_psd
from fluxdesk.core.logs import configure_logging
from fluxdesk.core.paths import AppPaths
from fluxdesk.core.printing.export import export_page
from fluxdesk.core.printing.finishing import ColorMode, FinishSettings
from fluxdesk.core.printing.fit import FitMode, fit_rect, render
from fluxdesk.core.printing.pages import PAGE_PRESETS, PageBox
from fluxdesk.core.printing.pdf import export_chapter_pdf
from fluxdesk.core.printing.recipe import Recipe
from fluxdesk.core.printing.settings import ExportSettings
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.emulator import EmulatorServer
from fluxdesk.ui.app import Built, build_window

# '+', '/' and '=' make the URL-encoded and base64 forms differ from the raw one.
KEY = "bfl_leak-canary+7Q/zX=91c4e8d2"
OpenWindow = Callable[[AppPaths, EmulatorServer], Built]


def key_forms(key: str) -> dict[str, bytes]:
    raw = key.encode()
    forms = {
        "raw": raw,
        "url-encoded": quote(key, safe="").encode(),
        "form-encoded": quote_plus(key).encode(),
        "utf-16": key.encode("utf-16-le"),
    }
    # In base64 the key's characters depend on where it starts in the blob (3 alignments);
    # the first characters may mix with what comes before, the last group with what follows.
    for shift, skip in ((0, 0), (1, 2), (2, 3)):
        encoded = base64.b64encode(bytes(shift) + raw)[skip:-4]
        forms[f"base64+{shift}"] = encoded
        forms[f"base64url+{shift}"] = encoded.replace(b"+", b"-").replace(b"/", b"_")
    return forms


FORMS = key_forms(KEY)


def leaks(data: bytes) -> list[str]:
    return [name for name, form in FORMS.items() if form in data]


def scan_files(roots: Iterable[Path]) -> dict[str, list[str]]:
    """Every file under `roots`, and every member of every zip among them."""
    found: dict[str, list[str]] = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            if not path.is_file():
                continue
            data = path.read_bytes()
            if hits := leaks(data):
                found[str(path)] = hits
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    for member in archive.namelist():
                        if hits := leaks(archive.read(member)):
                            found[f"{path}!{member}"] = hits
    return found


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    said: list[str] = []

    def run(*argv: str) -> tuple[int, str, str]:
        code = run_command(list(argv), poll_policy=PollPolicy.immediate())
        captured = capsys.readouterr()
        said.extend((captured.out, captured.err))
        return code, captured.out, captured.err

    run.said = said  # type: ignore[attr-defined]
    return run


def window_session(qtbot: QtBot, built: Built, emulator: EmulatorServer) -> list[JobId]:
    """The key checked and saved from Settings, then one good job and one per fault."""
    account = built.parts.account
    with qtbot.waitSignal(account.key_checked, timeout=10_000) as checked:
        account.save_key(KEY)
    assert checked.args[0], checked.args
    generation, panel = built.parts.generation, built.window.prompt_panel
    done: list[object] = []
    built.parts.runner.job_finished.connect(done.append)
    jobs: list[JobId] = []
    for seed, prompt in enumerate(
        ["a lighthouse, inked", *(case.prompt("leak check") for case in ALL_CASES)], start=1
    ):
        if seed > 1:
            emulator.script(ALL_CASES[seed - 2].aimed(prompt))
        panel.set_state(PromptState("flux-dev", prompt, {}, seed, 1))
        with qtbot.waitSignal(generation.jobs_started, timeout=5000) as started:
            assert panel.generate()
        jobs.extend(started.args[0])
    qtbot.waitUntil(lambda: len(done) == len(jobs), timeout=30_000)
    backup = built.parts.backup
    out = built.paths.data.parent.parent / "exports" / "window-backup.zip"
    out.parent.mkdir(exist_ok=True)
    with qtbot.waitSignal(backup.finished, timeout=20_000) as finished:
        backup.back_up_to(out)
    assert finished.args[0].ok, finished.args[0].error
    return jobs


def exports(store: HistoryStore, job: JobId, folder: Path) -> None:
    """A page with its recipe embedded and a sidecar (TIFF and PNG), a chapter PDF, a PSD."""
    record = store.get_job(job)
    assert record is not None and record.result is not None
    result = load_image(record.result.path)
    recipe = Recipe.from_job(record)
    for mode, name in ((ColorMode.mono, "page.tif"), (ColorMode.gray, "page.png")):
        settings = ExportSettings(
            PAGE_PRESETS["a5"],
            dpi=100,
            finish=FinishSettings(mode),
            embed_recipe=True,
            sidecar=True,
        )
        guides = settings.guides
        rect = fit_rect(result.size, guides.box(PageBox.trim), FitMode.fit)
        page = render(result, rect, (guides.canvas.width, guides.canvas.height))
        export_page(page, folder / name, settings, recipe=recipe)
    export_chapter_pdf([page, page], folder / "chapter.pdf", settings, title=record.prompt)
    write_psd(folder / "page.psd", [Layer(record.prompt[:40], page.convert("L"))])


def test_the_key_is_nowhere_but_in_the_api_header(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fast_network: None,
    log_records: list[logging.LogRecord],
    emulator: EmulatorServer,
    open_window: OpenWindow,
    cli,
) -> None:
    home = tmp_path / "home"
    paths = AppPaths.under(home).ensure()
    export_dir = tmp_path / "exports"
    export_dir.mkdir()
    configure_logging(paths.logs, logging.DEBUG)
    logging.getLogger("urllib3").setLevel(logging.DEBUG)  # full URLs and connection chatter too
    monkeypatch.setenv("FLUXDESK_HOME", str(home))
    monkeypatch.setenv("FLUXDESK_API_URL", emulator.base_url)
    monkeypatch.chdir(export_dir)

    # The window: the key comes from the keychain after it is checked and saved in Settings.
    monkeypatch.delenv("BFL_API_KEY", raising=False)
    built = open_window(paths, emulator)
    jobs = window_session(qtbot, built, emulator)

    # The command line, with the key in the environment.
    monkeypatch.setenv("BFL_API_KEY", KEY)
    generate = ("generate", "--model", "flux-dev", "--prompt")
    assert cli(*generate, "a harbour", "--out", "cli.png")[0] == 0
    emulator.script(ALL_CASES[2].aimed("no credits"))  # 402
    assert cli(*generate, "no credits")[0] == 4
    assert cli("credits")[0] == 0
    assert cli("history", "list", "--format", "json")[0] == 0
    assert cli("history", "show", jobs[0], "--json")[0] == 0
    assert cli("history", "export", jobs[0], "--out", str(export_dir / "entry"))[0] == 0
    code, _, err = cli(
        "export", jobs[0], "--page", "a5", "--dpi", "100", "--recipe", "--sidecar", "--out",
        str(export_dir / "cli-page.png"),
    )  # fmt: skip
    assert code == 0, err
    assert cli("history", "export", "--all", "--out", str(export_dir / "cli-backup.zip"))[0] == 0
    exports(built.parts.generation.store, jobs[0], export_dir)

    assert built.parts.generation.store.get_job(jobs[0]).state is JobState.succeeded  # type: ignore[union-attr]
    assert (export_dir / "page.tif.json").is_file() and (export_dir / "cli-page.png.json").is_file()
    assert len(list((export_dir).glob("*.zip"))) == 2

    # Now search everything.
    assert scan_files([home, export_dir]) == {}
    assert [p for p in paths.logs.iterdir()], "no log file was written"
    for record in log_records:
        text = record.getMessage() + (record.exc_text or "")
        assert not leaks(text.encode()), (record.name, text)
    assert not any(leaks(text.encode()) for text in cli.said)  # type: ignore[attr-defined]

    elsewhere = [r for r in emulator.requests if r.listener != "api"]
    assert elsewhere, "no request went to the delivery host"
    for request in elsewhere:
        seen = request.path.encode() + repr(request.headers).encode() + request.body
        assert not leaks(seen), (request.listener, request.path)
        assert "x-key" not in request.headers and "authorization" not in request.headers
    to_api = [r for r in emulator.requests if r.listener == "api"]
    assert all(r.headers.get("x-key") in (None, KEY) for r in to_api)
    assert any(r.headers.get("x-key") == KEY for r in to_api)


def test_plain_http_to_another_machine_is_refused(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:
    monkeypatch.setenv("BFL_API_KEY", KEY)
    monkeypatch.setenv("FLUXDESK_HOME", str(tmp_path / "home"))
    code, out, err = cli("credits", "--api-url", "http://api.example.com")
    assert (code, out) == (2, "") and "plain http" in err and len(err.splitlines()) == 1

    built = build_window(AppPaths.under(tmp_path / "window"), api_url="http://api.example.com")
    try:
        with qtbot.waitSignal(built.parts.account.message, timeout=5000) as told:
            built.start()
        assert "Refusing plain http for api.example.com" in told.args[0]
        assert built.parts.account.connection() is None  # nothing was sent there
        with qtbot.waitSignal(built.parts.generation.message, timeout=5000) as refused:
            built.parts.generation.generate(PromptState("flux-dev", "x", {}, 1, 1))
        assert "plain http" in refused.args[0]
    finally:
        built.window.skip_close_question()
        built.window.close()
        assert built.shutdown(5000)
        built.window.deleteLater()
