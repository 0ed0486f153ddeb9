from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest
from PIL import Image
from print_art import line_art

from fluxdesk.cli import export as export_cli
from fluxdesk.cli.export_args import add_parser
from fluxdesk.core.api.models import DownloadedImage, GenerationRequest, InputImage
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId
from fluxdesk.core.paths import AppPaths


def _cli(argv: list[str], paths: AppPaths) -> int:
    parser = argparse.ArgumentParser(prog="fluxdesk")
    add_parser(parser.add_subparsers(dest="command"))
    return export_cli.run(parser.parse_args(["export", *argv]), paths)


def _png(image: Image.Image) -> DownloadedImage:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return DownloadedImage(buffer.getvalue(), "png", *image.size)


def _history_entry(store: HistoryStore) -> str:
    pencils = line_art((600, 848)).point(lambda v: 255 - (255 - v) // 2)
    stored = store.add_image(_png(pencils).data, "png", *pencils.size)
    request = GenerationRequest(
        "flux-kontext-pro",
        "clean ink",
        seed=5,
        inputs=(InputImage("input_image", stored.sha256, *pencils.size),),
    )
    store.create_job(JobId("job-7"), request, source="cli", api_base="x", price_estimate=4)
    store.save_result(JobId("job-7"), _png(line_art((432, 608), stroke=1.5)), seed=5)
    return "job-7"


def test_an_image_file_becomes_a_one_bit_page(tmp_path: Path, paths: AppPaths, capsys) -> None:
    source = tmp_path / "result.png"
    line_art((500, 700)).save(source)
    out = tmp_path / "page.tif"
    argv = [str(source), "--page", "b5", "--mode", "mono", "--dpi", "150", "--out", str(out)]
    assert _cli(argv, paths) == 0
    with Image.open(out) as page:
        assert page.size == (1075, 1518) and page.mode == "1"
        assert page.info["compression"] == "group4" and page.info["dpi"] == (150, 150)
    captured = capsys.readouterr()
    assert "Exported" in captured.out
    assert "resolution" in captured.err or "dpi of real detail" in captured.err
    # Again without --overwrite: refused (exit 2) and the file is untouched.
    before = out.read_bytes()
    assert _cli(argv, paths) == 2
    assert "already exists" in capsys.readouterr().err and out.read_bytes() == before
    assert _cli([*argv, "--overwrite", "--bleed"], paths) == 0


def test_a_history_entry_is_registered_on_its_pencils_with_recipe(
    tmp_path: Path, paths: AppPaths, store: HistoryStore, capsys
) -> None:
    entry = _history_entry(store)
    out = tmp_path / "page.png"
    argv = [entry, "--page", "a5", "--mode", "gray", "--dpi", "100", "--out", str(out)]
    assert _cli([*argv, "--align", "--recipe", "--sidecar"], paths) == 0
    assert "Aligned to pencils" in capsys.readouterr().out
    with Image.open(out) as page:
        assert page.mode == "L" and page.size == (583, 827)
        assert json.loads(page.info["fluxdesk:recipe"])["seed"] == 5
    sidecar = json.loads((tmp_path / "page.png.json").read_text(encoding="utf-8"))
    assert sidecar["job_id"] == "job-7" and sidecar["prompt"] == "clean ink"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nothing-here", "--page", "b5", "--out", "x.tif"], "neither an image file"),
        (["{src}", "--page", "custom", "--out", "x.tif"], "--custom-size"),
        (["{src}", "--page", "b5", "--mode", "mono", "--out", "x.jpg"], "JPEG"),
        (["{src}", "--page", "b5", "--out", "x.tif", "--recipe"], "history entry"),
        (["{src}", "--page", "b5", "--out", "x.tif", "--fit", "register"], "pencils"),
        (["{src}", "--page", "b5", "--out", "x.tif", "--despeckle", "-1"], "negative"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(
    tmp_path: Path, paths: AppPaths, capsys, argv: list[str], message: str
) -> None:
    source = tmp_path / "src.png"
    line_art((200, 280)).save(source)
    argv = [a.replace("{src}", str(source)).replace("x.", str(tmp_path / "x.")) for a in argv]
    assert _cli(argv, paths) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and err.startswith("fluxdesk: error:")
    assert not list(tmp_path.glob("x.*"))


def test_custom_size_in_inches(tmp_path: Path, paths: AppPaths) -> None:
    source = tmp_path / "src.png"
    line_art((200, 280)).save(source)
    out = tmp_path / "c.png"
    argv = [str(source), "--page", "custom", "--custom-size", "5x7in", "--mode", "color"]
    assert _cli([*argv, "--dpi", "100", "--out", str(out)], paths) == 0
    with Image.open(out) as page:
        assert page.size == (500, 700) and page.mode == "RGB"
