"""The layered hand-off of a page: which results become layers, registered onto the pencils at
full size, and a file that is only reported saved once it reads back."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from psd_tools import PSDImage

from fluxdesk.core.api.models import DownloadedImage, GenerationRequest, InputImage, TaskHandle
from fluxdesk.core.errors import InputError, StorageError
from fluxdesk.core.history import curation
from fluxdesk.core.history.records import PageEditRecord
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId
from fluxdesk.core.layers.handoff import (
    LayerRole,
    LayerSource,
    build_layers,
    export_layered_psd,
    plan_handoff,
    verify_psd,
)

PAGE = (900, 1280)  # the pencils
SENT = (450, 640)  # what the model got and returned


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def pencils(tmp_path: Path) -> Path:
    image = Image.new("L", PAGE, 235)
    ImageDraw.Draw(image).rectangle((100, 100, 800, 1180), outline=90, width=6)
    path = tmp_path / "p07.png"
    image.save(path)
    return path


def result(store: HistoryStore, name: str, prompt: str, preset: str | None, colour: bool) -> JobId:
    """A finished result made from the same (stored) pencils."""
    sent = store.add_image(png(Image.new("L", SENT, 230)), "png", *SENT)
    request = GenerationRequest(
        "flux-kontext-pro", prompt, {}, 1, (InputImage("input_image", sent.sha256, *SENT),), preset
    )
    job_id = JobId(name)
    store.create_job(job_id, request, source="test", api_base="http://x", price_estimate=4)
    store.mark_submitted(job_id, TaskHandle(f"t-{name}", "http://x/p", 4))
    image = Image.new("RGB" if colour else "L", SENT, (200, 120, 90) if colour else 255)
    ImageDraw.Draw(image).line((0, 0, SENT[0], SENT[1]), fill=0, width=3)
    store.save_result(job_id, DownloadedImage(png(image), "png", *SENT), seed=len(name))
    return job_id


def test_starred_inks_the_shown_result_and_the_flats_become_layers(
    store: HistoryStore, pencils: Path
) -> None:
    ink_a = result(store, "ink-a", "ink it", "ink-bw-print", False)
    ink_b = result(store, "ink-b", "ink it again", "ink-bw-print", False)
    result(store, "ignored", "not kept", None, False)
    flats = result(store, "flat", "Add flat colours to the line art", None, True)
    curation.set_flag(store, [ink_a], "starred", True)
    sent = store.get_job(ink_a).request.inputs[0].sha256  # type: ignore[union-attr]

    plan = plan_handoff(store, pencils, page_name="p07", input_sha=sent, shown_job=ink_b)
    assert plan.page_size == PAGE and plan.notes == ()
    assert [(s.role, s.job_id, s.visible) for s in plan.layers] == [
        (LayerRole.pencils, None, False),
        (LayerRole.flats, flats, True),
        (LayerRole.ink, ink_a, False),
        (LayerRole.ink, ink_b, True),  # the one on the canvas shows, on top
    ]

    layers = build_layers(plan.layers)
    assert all(layer.image.size == PAGE for layer in layers)  # fitted to the page, no crop
    assert layers[1].image.mode == "RGB" and layers[2].blend.value == "multiply"
    # The result's corner-to-corner line lands corner to corner on the page.
    ink = layers[3].image
    assert ink.getpixel((4, 6)) < 100 and ink.getpixel((PAGE[0] - 5, PAGE[1] - 7)) < 100
    assert ink.getpixel((PAGE[0] - 5, 6)) > 200


def test_a_grown_page_is_left_out_with_a_note(store: HistoryStore, pencils: Path) -> None:
    grown = result(store, "grown", "more sky", None, False)
    raw = store.get_job(grown).result.sha256  # type: ignore[union-attr]
    store.save_page_edit(
        grown,
        PageEditRecord("expand", None, (1200, 1280), raw, "{}"),
        png(Image.new("L", (1200, 1280))),
        (1200, 1280),
    )
    curation.set_flag(store, [grown], "starred", True)
    sent = store.get_job(grown).request.inputs[0].sha256  # type: ignore[union-attr]
    plan = plan_handoff(store, pencils, page_name="p07", input_sha=sent)
    assert [s.role for s in plan.layers] == [LayerRole.pencils]
    assert plan.layers[0].visible and len(plan.notes) == 2  # left out; nothing starred


def test_the_file_is_verified_and_never_replaced_unasked(tmp_path: Path, pencils: Path) -> None:
    ink = tmp_path / "ink.png"
    Image.new("L", SENT, 255).save(ink)
    sources = [
        LayerSource("下書き", pencils, LayerRole.pencils, False),
        LayerSource("ペン入れ「最終」", ink, LayerRole.ink),
    ]
    target = tmp_path / "第3話 p07.psd"
    summary = export_layered_psd(target, sources, dpi=600, overwrite=False)
    assert summary.layers == ("下書き", "ペン入れ「最終」") and summary.size == PAGE
    assert [layer.name for layer in PSDImage.open(target)] == ["下書き", "ペン入れ「最終」"]
    with pytest.raises(StorageError, match="already exists"):
        export_layered_psd(target, sources, dpi=600, overwrite=False)
    with pytest.raises(InputError, match="pencils"):
        build_layers(sources[1:])

    layers = build_layers(sources)
    damaged = tmp_path / "damaged.psd"
    damaged.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    with pytest.raises(StorageError, match="could not be read back"):
        verify_psd(damaged, layers)
    with pytest.raises(StorageError, match="did not read back"):
        verify_psd(target, [*layers, layers[1]])
