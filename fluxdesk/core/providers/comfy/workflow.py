"""ComfyUI workflows as FluxDesk models: an API-format graph plus a mapping that says which node
input is the prompt, seed, steps, guidance, input image, LoRA name and strength, width, height.

Workflow files are data only: JSON is parsed and checked for shape, never executed or imported.
A LoRA left empty is bypassed (its node is taken out and what it fed is wired to what fed it),
since ComfyUI refuses an empty LoRA name.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fluxdesk.core.api.catalog import Family, FieldKind, FieldSpec, ModelSpec, PriceRule
from fluxdesk.core.errors import InputError
from fluxdesk.core.messages import Message

MAX_WORKFLOW_BYTES = 5 * 1024 * 1024
MAX_NODES = 5000
# What a mapping may name, in the order the mapping dialog shows them.
ROLES = (
    "prompt",
    "seed",
    "steps",
    "guidance",
    "image",
    "lora_name",
    "lora_strength",
    "width",
    "height",
)
ROLE_LABELS = {
    "prompt": Message("Prompt"),
    "seed": Message("Seed"),
    "steps": Message("Steps"),
    "guidance": Message("Guidance"),
    "image": Message("Input image"),
    "lora_name": Message("LoRA name"),
    "lora_strength": Message("LoRA strength"),
    "width": Message("Width"),
    "height": Message("Height"),
}
NodeInput = tuple[str, str]  # (node id, input name)
Graph = dict[str, dict[str, Any]]


def _is_link(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], int)
    )


def parse_graph(data: Any) -> Graph:
    """An API-format graph, checked for shape; InputError with an artist-readable reason."""
    if isinstance(data, dict) and isinstance(data.get("nodes"), list):
        raise InputError(
            "This is a ComfyUI editor workflow, not an API workflow. In ComfyUI use "
            "Workflow > Export (API) and import that file."
        )
    if isinstance(data, dict) and isinstance(data.get("prompt"), dict):
        data = data["prompt"]  # a saved /prompt request body
    if not isinstance(data, dict) or not data:
        raise InputError("The workflow file holds no nodes.")
    if len(data) > MAX_NODES:
        raise InputError(Message("The workflow has more than {limit} nodes.", limit=MAX_NODES))
    graph: Graph = {}
    for node_id, node in data.items():
        if (
            not isinstance(node, dict)
            or not isinstance(node.get("class_type"), str)
            or not isinstance(node.get("inputs", {}), dict)
        ):
            raise InputError(
                Message("Node {node} of the workflow is not an API-format node.", node=node_id)
            )
        graph[str(node_id)] = {"class_type": node["class_type"], "inputs": dict(node["inputs"])}
        if isinstance(node.get("_meta"), dict):
            graph[str(node_id)]["_meta"] = dict(node["_meta"])
    for node_id, node in graph.items():
        for name, value in node["inputs"].items():
            if _is_link(value) and value[0] not in graph:
                raise InputError(
                    Message(
                        "Node {node} input '{name}' links to a missing node.",
                        node=node_id,
                        name=name,
                    )
                )
    return graph


def read_json_file(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_WORKFLOW_BYTES:
            raise InputError(Message("{name} is too large to be a workflow.", name=path.name))
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(
            Message(
                "{name} could not be read ({reason}).",
                name=path.name,
                reason=exc.strerror or str(exc),
            )
        ) from None
    except ValueError as exc:
        raise InputError(
            Message("{name} is not valid JSON ({reason}).", name=path.name, reason=str(exc))
        ) from None
    except RecursionError:
        raise InputError(
            Message("{name} is nested too deeply to be a workflow.", name=path.name)
        ) from None


def literal_inputs(graph: Graph) -> list[NodeInput]:
    """Every input that holds a value (not a link): what a mapping can point at."""
    return [
        (node_id, name)
        for node_id, node in graph.items()
        for name, value in node["inputs"].items()
        if not _is_link(value)
    ]


@dataclass(frozen=True, slots=True)
class Workflow:
    id: str
    label: str
    graph: Graph
    inputs: Mapping[str, NodeInput]  # role -> (node id, input name)
    family: Family = Family.flux1
    summary: str = ""
    stands_for: tuple[str, ...] = ()  # BFL model ids this workflow can stand in for
    builtin: bool = False
    source: Path | None = field(default=None, compare=False)

    def default(self, role: str) -> Any:
        target = self.inputs.get(role)
        return self.graph[target[0]]["inputs"].get(target[1]) if target else None

    def spec(self, loras: tuple[str, ...] | None = None) -> ModelSpec:
        """This workflow as a model the prompt panel can show; `loras` are the server's."""
        fields: list[FieldSpec] = []
        for role in ("width", "height"):
            if role in self.inputs:
                value = self.default(role)
                fields.append(
                    FieldSpec(
                        role,
                        FieldKind.integer,
                        ROLE_LABELS[role],
                        default=value if isinstance(value, int) else 1024,
                        minimum=64,
                        maximum=4096,
                        multiple_of=16,
                        help=Message("Pixels, a multiple of 16."),
                    )
                )
        if "steps" in self.inputs:
            steps = self.default("steps")
            fields.append(
                FieldSpec(
                    "steps",
                    FieldKind.integer,
                    Message("Steps"),
                    default=steps if isinstance(steps, int) else 20,
                    minimum=1,
                    maximum=150,
                )
            )
        if "guidance" in self.inputs:
            guidance = self.default("guidance")
            fields.append(
                FieldSpec(
                    "guidance",
                    FieldKind.number,
                    Message("Guidance"),
                    default=float(guidance) if isinstance(guidance, int | float) else 3.5,
                    minimum=0.0,
                    maximum=100.0,
                    help=Message("How closely to follow the prompt."),
                )
            )
        if "lora_name" in self.inputs:
            help_text = Message("A LoRA file on the server; empty for none.")
            if loras is not None:
                fields.append(
                    FieldSpec(
                        "lora_name",
                        FieldKind.choice,
                        Message("LoRA"),
                        default="",
                        choices=("", *loras),
                        help=help_text,
                    )
                )
            else:
                fields.append(
                    FieldSpec(
                        "lora_name", FieldKind.text, Message("LoRA"), default="", help=help_text
                    )
                )
        if "lora_strength" in self.inputs:
            fields.append(
                FieldSpec(
                    "lora_strength",
                    FieldKind.number,
                    Message("LoRA strength"),
                    default=1.0,
                    minimum=-10.0,
                    maximum=10.0,
                )
            )
        return ModelSpec(
            self.id,
            self.label,
            self.family,
            tuple(fields),
            ("input_image",) if "image" in self.inputs else (),
            PriceRule(flat=0.0),
            image_required="image" in self.inputs,
            prompt_required="prompt" in self.inputs,
            concurrency=8,
            summary=self.summary or Message("Your own ComfyUI workflow."),
        )

    def build(self, values: Mapping[str, Any]) -> Graph:
        """A copy of the graph with each mapped input set from `values` (role -> value)."""
        graph = copy.deepcopy(self.graph)
        for role, value in values.items():
            target = self.inputs.get(role)
            if target is not None and value is not None:
                graph[target[0]]["inputs"][target[1]] = value
        lora = self.inputs.get("lora_name")
        if lora is not None and not graph[lora[0]]["inputs"].get(lora[1]):
            _bypass(graph, lora[0])
        for node in graph.values():
            node.pop("_meta", None)
        return graph


def _bypass(graph: Graph, node_id: str) -> None:
    """Takes a pass-through node (a LoRA loader) out: its consumers get its own inputs."""
    node = graph.pop(node_id)
    upstream = [value for value in node["inputs"].values() if _is_link(value)]
    for other in graph.values():
        for name, value in other["inputs"].items():
            if _is_link(value) and value[0] == node_id and value[1] < len(upstream):
                other["inputs"][name] = list(upstream[value[1]])


def _node_input(value: Any, graph: Graph, role: str) -> NodeInput:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise InputError(
            Message("The mapping for '{role}' must be [node id, input name].", role=role)
        )
    node_id, name = value
    if node_id not in graph or name not in graph[node_id]["inputs"]:
        raise InputError(
            Message(
                "The mapping for '{role}' names node {node} input '{name}', which "
                "the workflow does not have.",
                role=role,
                node=node_id,
                name=name,
            )
        )
    return node_id, name


def parse_mapping(data: Any, graph: Graph) -> dict[str, NodeInput]:
    if not isinstance(data, dict):
        raise InputError("The workflow's mapping is not a JSON object.")
    unknown = sorted(set(data) - set(ROLES))
    if unknown:
        raise InputError(
            Message("The mapping names unknown settings: {names}.", names=", ".join(unknown))
        )
    return {role: _node_input(value, graph, role) for role, value in data.items()}


def slug(text: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return cleaned[:48] or "workflow"


def load_workflow(graph_path: Path, *, builtin: bool = False) -> Workflow:
    """A workflow and its ``<name>.mapping.json`` beside it."""
    mapping_path = graph_path.with_name(graph_path.stem + ".mapping.json")
    graph = parse_graph(read_json_file(graph_path))
    meta = read_json_file(mapping_path)
    if not isinstance(meta, dict):
        raise InputError(Message("{name} is not a JSON object.", name=mapping_path.name))
    try:
        family = Family(meta.get("family") or "flux1")
    except ValueError:
        raise InputError(
            Message(
                "{name}: unknown family {family}.",
                name=mapping_path.name,
                family=repr(meta.get("family")),
            )
        ) from None
    stands_for = meta.get("stands_for") or []
    return Workflow(
        id=str(meta.get("id") or slug(graph_path.stem)),
        label=str(meta.get("label") or graph_path.stem),
        graph=graph,
        inputs=parse_mapping(meta.get("inputs") or {}, graph),
        family=family,
        summary=str(meta.get("summary") or ""),
        stands_for=tuple(str(item) for item in stands_for if isinstance(item, str)),
        builtin=builtin,
        source=graph_path,
    )


def load_workflows(folder: Path, *, builtin: bool = False) -> list[Workflow]:
    """Every ``*.json`` workflow with a mapping in `folder`; broken ones are skipped."""
    found: list[Workflow] = []
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.json")):
        if path.name.endswith(".mapping.json"):
            continue
        try:
            found.append(load_workflow(path, builtin=builtin))
        except InputError:
            continue  # a damaged file must not hide the other workflows
    return found


def mapping_json(workflow: Workflow) -> dict[str, Any]:
    return {
        "id": workflow.id,
        "label": workflow.label,
        "summary": workflow.summary,
        "family": workflow.family.value,
        "stands_for": list(workflow.stands_for),
        "inputs": {role: list(target) for role, target in workflow.inputs.items()},
    }
