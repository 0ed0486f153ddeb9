"""Importing an artist's own API-format workflow: a first guess at which input is what, and
saving it (graph + mapping) where FluxDesk finds it next time. Blocking (file I/O)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fluxdesk.core.api.catalog import Family
from fluxdesk.core.atomic import atomic_write_bytes
from fluxdesk.core.errors import InputError, StorageError
from fluxdesk.core.messages import Message
from fluxdesk.core.providers.comfy.workflow import (
    Graph,
    NodeInput,
    Workflow,
    mapping_json,
    parse_graph,
    read_json_file,
    slug,
)

_SAMPLERS = ("KSampler", "KSamplerAdvanced", "SamplerCustom")
_LATENTS = ("EmptySD3LatentImage", "EmptyLatentImage", "EmptyFlux2LatentImage")
_LORAS = ("LoraLoaderModelOnly", "LoraLoader")


def read_graph(path: Path) -> Graph:
    return parse_graph(read_json_file(path))


def _first(graph: Graph, classes: tuple[str, ...], name: str) -> NodeInput | None:
    for node_id, node in graph.items():
        if node["class_type"] in classes and name in node["inputs"]:
            return node_id, name
    return None


def _positive_text(graph: Graph) -> NodeInput | None:
    """The text encoder that feeds a sampler's positive input (through guidance and the like)."""
    for node in graph.values():
        link = node["inputs"].get("positive") if node["class_type"] in _SAMPLERS else None
        seen: set[str] = set()
        while isinstance(link, list) and link and link[0] not in seen:
            seen.add(link[0])
            upstream = graph.get(link[0])
            if upstream is None:
                break
            if "text" in upstream["inputs"] and isinstance(upstream["inputs"]["text"], str):
                return link[0], "text"
            link = upstream["inputs"].get("conditioning")
    return _first(graph, ("CLIPTextEncode",), "text")


def guess_mapping(graph: Graph) -> dict[str, NodeInput]:
    """What the usual FLUX nodes say; the artist checks and corrects it in the dialog."""
    guesses: dict[str, NodeInput | None] = {
        "prompt": _positive_text(graph),
        "seed": _first(graph, _SAMPLERS, "seed")
        or _first(graph, ("KSamplerAdvanced", "RandomNoise"), "noise_seed"),
        "steps": _first(graph, (*_SAMPLERS, "BasicScheduler"), "steps"),
        "guidance": _first(graph, ("FluxGuidance",), "guidance"),
        "image": _first(graph, ("LoadImage",), "image"),
        "lora_name": _first(graph, _LORAS, "lora_name"),
        "lora_strength": _first(graph, _LORAS, "strength_model"),
        "width": _first(graph, _LATENTS, "width"),
        "height": _first(graph, _LATENTS, "height"),
    }
    return {role: target for role, target in guesses.items() if target is not None}


def make_workflow(
    name: str, graph: Graph, inputs: Mapping[str, NodeInput], existing: set[str]
) -> Workflow:
    """A user workflow named `name`, with an id not in `existing`."""
    label = name.strip() or "My workflow"
    base = "custom-" + slug(label)
    workflow_id, n = base, 2
    while workflow_id in existing:
        workflow_id, n = f"{base}-{n}", n + 1
    family = Family.kontext if "image" in inputs else Family.flux1
    return Workflow(
        workflow_id, label, graph, dict(inputs), family, Message("Your own ComfyUI workflow.")
    )


def save_workflow(folder: Path, workflow: Workflow) -> Workflow:
    """Writes ``<id>.json`` and ``<id>.mapping.json`` atomically into `folder`."""
    if workflow.builtin:
        raise InputError("The built-in workflows cannot be overwritten.")
    graph_path = folder / f"{workflow.id}.json"
    data: dict[str, Any] = workflow.graph
    try:
        atomic_write_bytes(graph_path, json.dumps(data, indent=1).encode("utf-8"), durable=False)
        atomic_write_bytes(
            folder / f"{workflow.id}.mapping.json",
            json.dumps(mapping_json(workflow), indent=2).encode("utf-8"),
            durable=False,
        )
    except OSError as exc:
        raise StorageError(
            Message("The workflow could not be saved ({reason}).", reason=str(exc))
        ) from exc
    return Workflow(
        workflow.id,
        workflow.label,
        workflow.graph,
        workflow.inputs,
        workflow.family,
        workflow.summary,
        workflow.stands_for,
        False,
        graph_path,
    )
