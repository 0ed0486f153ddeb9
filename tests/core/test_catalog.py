"""The model catalog against BFL's published OpenAPI schema (when ../shared is present)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fluxdesk.core.api.catalog import MODELS, FieldKind, get_model, model_ids
from fluxdesk.core.errors import InputError

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "shared" / "bfl-openapi.json"

REQUIRED_MODELS = {
    "flux-kontext-pro",
    "flux-kontext-max",
    "flux-2-pro",
    "flux-2-max",
    "flux-2-flex",
    "flux-2-klein-4b",
    "flux-2-klein-9b",
    "flux-pro-1.1",
    "flux-pro-1.1-ultra",
    "flux-dev",
    "flux-pro-1.0-fill",
    "flux-pro-1.0-expand",
}
# Properties FluxDesk deliberately does not expose: webhooks need a public server, and the
# blob path is BFL-internal storage.
NOT_EXPOSED = {"webhook_url", "webhook_secret", "input_image_blob_path"}


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    if not SCHEMA_PATH.exists():
        pytest.skip(f"BFL's OpenAPI schema is not beside the checkout ({SCHEMA_PATH})")
    return json.loads(SCHEMA_PATH.read_text())


def _schema_for(openapi: dict[str, Any], model_id: str) -> dict[str, Any]:
    ref = openapi["paths"][f"/v1/{model_id}"]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ]["$ref"]
    return openapi["components"]["schemas"][ref.rsplit("/", 1)[1]]


def _flat(prop: dict[str, Any]) -> dict[str, Any]:
    """The non-null branch of an anyOf, with the property's own default."""
    branches = [b for b in prop.get("anyOf", [prop]) if b.get("type") != "null"]
    merged = dict(branches[0]) if branches else {}
    if "default" in prop:
        merged["default"] = prop["default"]
    return merged


def test_every_current_endpoint_is_described() -> None:
    assert set(model_ids()) >= REQUIRED_MODELS


@pytest.mark.parametrize("spec", MODELS, ids=lambda spec: spec.id)
def test_fields_match_the_published_schema(openapi: dict[str, Any], spec: Any) -> None:
    schema = _schema_for(openapi, spec.id)
    props = schema["properties"]
    ours = {f.name for f in spec.fields} | set(spec.image_slots) | {"prompt", "seed"}
    if spec.takes_mask:
        ours.add("mask")
    assert ours <= set(props), f"fields the API does not know: {ours - set(props)}"
    assert set(props) - NOT_EXPOSED <= ours, f"fields not described: {set(props) - ours}"
    assert spec.prompt_required == ("prompt" in schema.get("required", []))
    assert spec.image_required == any(s in schema.get("required", []) for s in spec.image_slots)

    for field in spec.fields:
        published = _flat(props[field.name])
        if "minimum" in published:
            assert field.minimum == published["minimum"], field.name
        if "maximum" in published:
            assert field.maximum == published["maximum"], field.name
        if "multipleOf" in published:
            assert field.multiple_of == published["multipleOf"], field.name
        if field.name in ("width", "height") and spec.family == "flux2":
            # Published default 0 means "omit": sending 0 fails validation (minimum 64).
            assert field.default is None
        elif "default" in published:
            assert field.default == published["default"], field.name
        kind = {
            "integer": FieldKind.integer,
            "number": FieldKind.number,
            "boolean": FieldKind.boolean,
        }.get(published.get("type", ""))
        if kind is not None:
            assert field.kind is kind, field.name


def test_output_format_choices_match_the_enum(openapi: dict[str, Any]) -> None:
    enum = openapi["components"]["schemas"]["OutputFormat"]["enum"]
    for spec in MODELS:
        assert tuple(enum) == spec.field("output_format").choices


def test_unknown_model_is_a_clear_input_error() -> None:
    with pytest.raises(InputError, match="Unknown model 'flux-9'"):
        get_model("flux-9")


def test_reference_limits() -> None:
    assert len(get_model("flux-kontext-pro").image_slots) == 4
    assert len(get_model("flux-2-pro").image_slots) == 8
    assert len(get_model("flux-2-klein-4b").image_slots) == 4
    assert get_model("flux-kontext-max").concurrency == 6
