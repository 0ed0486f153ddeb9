"""The ComfyUI emulator's node library: which nodes it knows, how it checks a queued graph the
way ComfyUI does (400 with ``node_errors``), and what a graph asks for (prompt, seed, steps,
input image, output size) so a plausible picture can be made."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

MODELS = {
    "ckpt_name": ("flux1-dev-fp8.safetensors", "flux1-schnell-fp8.safetensors"),
    "unet_name": ("flux1-dev-kontext_fp8_scaled.safetensors", "flux1-dev.safetensors"),
    "clip_name1": ("clip_l.safetensors", "t5xxl_fp8_e4m3fn_scaled.safetensors"),
    "clip_name2": ("clip_l.safetensors", "t5xxl_fp8_e4m3fn_scaled.safetensors"),
    "vae_name": ("ae.safetensors",),
    "lora_name": ("ink-lines-v2.safetensors", "manga-screentone.safetensors"),
}
# class_type -> required inputs. Output nodes save images.
NODES: dict[str, tuple[str, ...]] = {
    "CheckpointLoaderSimple": ("ckpt_name",),
    "UNETLoader": ("unet_name", "weight_dtype"),
    "DualCLIPLoader": ("clip_name1", "clip_name2", "type"),
    "VAELoader": ("vae_name",),
    "LoraLoaderModelOnly": ("model", "lora_name", "strength_model"),
    "LoraLoader": ("model", "clip", "lora_name", "strength_model", "strength_clip"),
    "LoadImage": ("image",),
    "FluxKontextImageScale": ("image",),
    "VAEEncode": ("pixels", "vae"),
    "VAEDecode": ("samples", "vae"),
    "CLIPTextEncode": ("text", "clip"),
    "ReferenceLatent": ("conditioning",),
    "FluxGuidance": ("conditioning", "guidance"),
    "ConditioningZeroOut": ("conditioning",),
    "KSampler": (
        "model",
        "seed",
        "steps",
        "cfg",
        "sampler_name",
        "scheduler",
        "positive",
        "negative",
        "latent_image",
        "denoise",
    ),
    "EmptySD3LatentImage": ("width", "height", "batch_size"),
    "EmptyLatentImage": ("width", "height", "batch_size"),
    "SaveImage": ("images", "filename_prefix"),
    "PreviewImage": ("images",),
}
OUTPUT_NODES = {"SaveImage", "PreviewImage"}


class GraphRejected(Exception):
    """What ComfyUI's ``POST /prompt`` answers with 400."""

    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__(body.get("error"))
        self.body = body


def _error(node_id: str, class_type: str, kind: str, message: str, details: str) -> dict:
    return {
        "errors": [{"type": kind, "message": message, "details": details, "extra_info": {}}],
        "dependent_outputs": [],
        "class_type": class_type,
    }


def validate(graph: Any, inputs: set[str]) -> dict[str, dict[str, Any]]:
    """The graph if ComfyUI would queue it; GraphRejected otherwise. `inputs` are the names
    of uploaded input images."""
    if not isinstance(graph, dict) or not graph:
        raise GraphRejected({"error": {"type": "no_prompt", "message": "No prompt provided"}})
    node_errors: dict[str, Any] = {}
    for node_id, node in graph.items():
        class_type = node.get("class_type") if isinstance(node, dict) else None
        if class_type not in NODES:
            message = f"Cannot execute because node {class_type} does not exist."
            raise GraphRejected(
                {
                    "error": {"type": "invalid_prompt", "message": message, "details": ""},
                    "node_errors": {},
                }
            )
        values = node.get("inputs") if isinstance(node.get("inputs"), dict) else {}
        for name in NODES[class_type]:
            value = values.get(name)
            if value is None:
                node_errors[node_id] = _error(
                    node_id, class_type, "required_input_missing", "Required input is missing", name
                )
                break
            if isinstance(value, list) and (len(value) != 2 or str(value[0]) not in graph):
                node_errors[node_id] = _error(
                    node_id, class_type, "bad_linked_input", "Bad linked input", name
                )
                break
            known = MODELS.get(name) or (
                tuple(sorted(inputs)) if class_type == "LoadImage" else None
            )
            if known is not None and not isinstance(value, list) and value not in known:
                details = f"{name}: '{value}' not in {list(known)}"
                node_errors[node_id] = _error(
                    node_id, class_type, "value_not_in_list", "Value not in list", details
                )
                break
    if not any(node.get("class_type") in OUTPUT_NODES for node in graph.values()):
        raise GraphRejected(
            {
                "error": {
                    "type": "prompt_no_outputs",
                    "message": "Prompt has no outputs",
                    "details": "",
                },
                "node_errors": {},
            }
        )
    if node_errors:
        raise GraphRejected(
            {
                "error": {
                    "type": "prompt_outputs_failed_validation",
                    "message": "Prompt outputs failed validation",
                    "details": "",
                },
                "node_errors": node_errors,
            }
        )
    return graph


@dataclass(frozen=True, slots=True)
class Plan:
    """What the emulated run makes: from the graph's own values."""

    prompt: str
    seed: int
    steps: int
    image: str | None  # uploaded input name
    size: tuple[int, int] | None  # None: from the input image
    sampler_node: str
    save_node: str
    filename_prefix: str


def _first(graph: dict[str, Any], class_types: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
    for node_id, node in graph.items():
        if node["class_type"] in class_types:
            return node_id, node["inputs"]
    return "", {}


def plan(graph: dict[str, Any]) -> Plan:
    sampler_id, sampler = _first(graph, ("KSampler",))
    _, text = _first(graph, ("CLIPTextEncode",))
    _, load = _first(graph, ("LoadImage",))
    _, latent = _first(graph, ("EmptySD3LatentImage", "EmptyLatentImage"))
    save_id, save = _first(graph, ("SaveImage", "PreviewImage"))
    size = None
    if isinstance(latent.get("width"), int) and isinstance(latent.get("height"), int):
        size = (latent["width"], latent["height"])
    seed = sampler.get("seed")
    steps = sampler.get("steps")
    return Plan(
        prompt=str(text.get("text") or ""),
        seed=seed if isinstance(seed, int) else 0,
        steps=steps if isinstance(steps, int) and steps > 0 else 20,
        image=load.get("image") if isinstance(load.get("image"), str) else None,
        size=size,
        sampler_node=sampler_id,
        save_node=save_id,
        filename_prefix=str(save.get("filename_prefix") or "ComfyUI"),
    )


def kontext_size(width: int, height: int) -> tuple[int, int]:
    """FluxKontextImageScale: the input's shape at about 1 MP, in multiples of 16."""
    aspect = width / height
    w = math.sqrt(1024 * 1024 * aspect)
    return max(16, round(w / 16) * 16), max(16, round(w / aspect / 16) * 16)


def object_info(class_type: str) -> dict[str, Any] | None:
    """``/object_info/<class>`` for the loaders (combo lists in both of ComfyUI's shapes)."""
    if class_type not in NODES:
        return None
    required: dict[str, Any] = {}
    for name in NODES[class_type]:
        if name == "lora_name":
            required[name] = [list(MODELS[name]), {}]  # the older shape
        elif name in MODELS:
            required[name] = ["COMBO", {"options": list(MODELS[name])}]  # the newer shape
        else:
            required[name] = ["*", {}]
    return {
        class_type: {
            "input": {"required": required},
            "name": class_type,
            "output_node": class_type in OUTPUT_NODES,
        }
    }
