"""What the panel says about a would-be run: problems in the artist's words, price, output size.

Qt-free but for its wording (translated like the widgets' text): it builds the requests the
controller would send (with placeholder images of the right sizes) and asks the core's
validation and pricing about them, so the panel never disagrees with what the client will later
accept or charge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fluxdesk.core.api.catalog import Family, ModelSpec, get_model
from fluxdesk.core.api.models import GenerationRequest, InputImage
from fluxdesk.core.api.pricing import (
    MEGAPIXEL,
    estimate_credits,
    expected_output_size,
)
from fluxdesk.core.api.validation import validate_request
from fluxdesk.core.imaging.prepare import target_size
from fluxdesk.core.prompt_state import PromptState
from fluxdesk.core.providers.base import Billing
from fluxdesk.ui.i18n import core_text, credits_text, preset_text, price_text, translate
from fluxdesk.ui.prompt_panel.edit_target import EditScope
from fluxdesk.ui.text import count_text

PLACEHOLDER_HASH = "0" * 64
# A reference whose size is not known yet (its thumbnail is still loading) is priced as 1 MP.
UNKNOWN_REFERENCE_SIZE = (1024, 1024)

# Where a problem is shown. Parameter problems use the parameter's name.
PROMPT = "prompt"
SEED = "seed"
INPUT = "input"
REFERENCES = "references"


@dataclass(frozen=True, slots=True)
class Problem:
    targets: tuple[str, ...]  # what to outline: parameter names, PROMPT, SEED, REFERENCES...
    message: str
    # Something still missing rather than wrong (no prompt yet, no pencils yet): shown as a
    # neutral hint and not outlined in red until the artist tries to generate.
    missing: bool = False


@dataclass(frozen=True, slots=True)
class RunCheck:
    problems: tuple[Problem, ...]
    notes: tuple[str, ...]
    credits_each: float
    output_size: tuple[int, int]
    price_text: str
    size_text: str
    price_detail: str

    @property
    def ok(self) -> bool:
        return not self.problems

    def targets(self, *, include_missing: bool) -> set[str]:
        return {
            target
            for problem in self.problems
            if include_missing or not problem.missing
            for target in problem.targets
        }


def short_name(spec: ModelSpec) -> str:
    if spec.family == Family.kontext:
        return "Kontext"
    if "klein" in spec.id:
        return "FLUX.2 [klein]"
    if spec.family == Family.flux2:
        return "FLUX.2"
    return spec.label


def reference_limit_text(spec: ModelSpec) -> str:
    count = len(spec.reference_slots)
    if not count:
        return translate("RunCheck", "{model} takes no reference images.").format(model=spec.label)
    text = count_text(
        count,
        translate("RunCheck", "{model} takes up to 1 reference besides the input."),
        translate("RunCheck", "{model} takes up to {n} references besides the input."),
    )
    return text.replace("{model}", short_name(spec))


def sent_input_size(spec: ModelSpec, size: tuple[int, int]) -> tuple[int, int]:
    """Inputs larger than the model's working size are scaled down before sending."""
    return target_size(size[0], size[1], spec.max_input_pixels)


def placeholder_inputs(
    spec: ModelSpec,
    input_size: tuple[int, int] | None,
    reference_sizes: Sequence[tuple[int, int] | None],
) -> tuple[InputImage, ...]:
    images: list[InputImage] = []
    if input_size and spec.image_slots:
        w, h = sent_input_size(spec, input_size)
        images.append(InputImage(spec.image_slots[0], PLACEHOLDER_HASH, w, h))
    for slot, size in zip(spec.reference_slots, reference_sizes, strict=False):
        w, h = sent_input_size(spec, size or UNKNOWN_REFERENCE_SIZE)
        images.append(InputImage(slot, PLACEHOLDER_HASH, w, h))
    return tuple(images)


def _friendly(spec: ModelSpec, field: str, reason: str) -> Problem:
    if field == PROMPT:
        message = translate("RunCheck", "{model} needs a prompt: describe the result.")
        return Problem((PROMPT,), message.format(model=spec.label), True)
    if spec.image_slots and field == spec.image_slots[0] and "needs an input image" in reason:
        message = translate(
            "RunCheck", "{model} needs an input image: drop your pencils on the canvas."
        )
        return Problem((INPUT,), message.format(model=spec.label), True)
    if field == SEED:
        return Problem(
            (SEED,), translate("RunCheck", "Seed {reason}.").format(reason=core_text(reason))
        )
    if field in spec.reference_slots:
        message = translate("RunCheck", "References: {reason}.")
        return Problem((REFERENCES,), message.format(reason=core_text(reason)))
    if reason == "set both sizes or neither":
        message = translate("RunCheck", "Set both width and height, or leave both on Auto.")
        return Problem(("width", "height"), message)
    if "megapixels" in reason:
        message = translate("RunCheck", "{reason}: choose a smaller size.")
        return Problem(("width", "height"), message.format(reason=core_text(reason)))
    if reason == "expand at least one side":
        sides = ("top", "bottom", "left", "right")
        message = translate("RunCheck", "Expand at least one side: top, bottom, left or right.")
        return Problem(sides, message)
    spec_field = spec.field(field)
    label = core_text(spec_field.label) if spec_field else field
    message = translate("RunCheck", "{field} {reason}.")
    return Problem((field,), message.format(field=label, reason=core_text(reason)))


def _would_be_requests(
    state: PromptState, inputs: tuple[InputImage, ...]
) -> list[GenerationRequest]:
    if state.seed is not None:
        return list(state.requests(inputs))  # every seed S..S+n-1 is checked
    return [
        GenerationRequest(
            state.model, state.prompt, state.params, None, inputs, provider=state.provider
        )
    ]


def _price(each: float, count: int, billing: Billing = Billing.credits) -> str:
    one = translate("RunCheck", "1 image · {price}")
    if billing == Billing.none:
        if count == 1:
            return one.format(price=price_text(billing, each))
        text = translate("RunCheck", "{count} variations · {price}")
        return text.format(count=count, price=price_text(billing, each))
    if billing == Billing.usd:
        if count == 1:
            return one.format(price=price_text(billing, each))
        total = price_text(billing, round(each * count, 3))
        text = translate("RunCheck", "{count} variations × {price} = {total}")
        return text.format(count=count, price=price_text(billing, each), total=total)
    if count == 1:
        return one.format(price=credits_text(each))
    total = credits_text(round(each * count, 3))
    if each == 1:
        text = translate("RunCheck", "{count} variations × 1 credit = {total}")
    else:
        text = translate("RunCheck", "{count} variations × {each} credits = {total}")
    return text.format(count=count, each=f"{each:g}", total=total)


def _price_detail(spec: ModelSpec, billing: Billing = Billing.credits) -> str:
    rule = spec.price
    if billing == Billing.none:
        text = translate(
            "RunCheck", "{model} runs on your ComfyUI server: FluxDesk adds no charge per image."
        )
        return text.format(model=spec.label)
    if billing == Billing.usd:
        if rule.flat is not None:
            text = translate("RunCheck", "{model} on fal.ai: {price} per image (fal's list price).")
            return text.format(model=spec.label, price=price_text(billing, rule.flat))
        text = translate(
            "RunCheck", "{model} on fal.ai: {price} per megapixel, rounded up (fal's list price)."
        )
        return text.format(model=spec.label, price=price_text(billing, rule.first_mp))
    if rule.flat is not None:
        text = translate("RunCheck", "{model}: {credits} credits per image (1 credit = $0.01).")
        return text.format(model=spec.label, credits=f"{rule.flat:g}")
    text = translate(
        "RunCheck",
        "{model}: {first} credits for the first output megapixel, {extra} for each "
        "further megapixel and per megapixel of every input image. An estimate; the API "
        "reports the exact cost.",
    )
    return text.format(model=spec.label, first=f"{rule.first_mp:g}", extra=f"{rule.extra_mp:g}")


def check_run(
    state: PromptState,
    input_size: tuple[int, int] | None,
    reference_sizes: Sequence[tuple[int, int] | None] = (),
    *,
    unused_references: int = 0,
    unreadable_references: Sequence[str] = (),
    spec: ModelSpec | None = None,
    billing: Billing = Billing.credits,
    unfilled: Sequence[str] = (),
    scope: EditScope | None = None,
) -> RunCheck:
    """Problems, price and output size of `state` with an input image of `input_size`.

    `reference_sizes` are the sizes of `state.references` (None while unknown). `spec` is the
    model as its provider describes it (default: BFL's catalog); `unfilled` names preset
    placeholders still written as {name} in the prompt; `scope` is what the canvas tools make
    of the run (a region, a mask, a grown page)."""
    spec = spec or get_model(state.model)
    inputs = placeholder_inputs(spec, input_size, reference_sizes)
    problems: list[Problem] = []
    for request in _would_be_requests(state, inputs):
        for field, reason in validate_request(spec, request):
            problem = _friendly(spec, field, reason)
            if problem not in problems:
                problems.append(problem)
    for message in unreadable_references:
        problems.append(Problem((REFERENCES,), message))
    if unfilled:
        names = ", ".join(f"“{preset_text(name.replace('_', ' '))}”" for name in unfilled)
        message = translate(
            "RunCheck", "Fill in {names} in the preset's fields above, or edit the prompt."
        ).format(names=names)
        problems.append(Problem((PROMPT,), message, True))
    if scope is not None and scope.problem:
        problems.append(Problem((INPUT,), scope.problem, True))
    problems.sort(key=lambda p: p.missing)  # what's wrong first, what's missing after

    notes: list[str] = list(scope.notes) if scope is not None else []
    if unused_references:
        kept = count_text(
            unused_references,
            translate("RunCheck", "1 reference is kept but not sent: {limit}"),
            translate("RunCheck", "{n} references are kept but not sent: {limit}"),
        )
        notes.append(kept.replace("{limit}", reference_limit_text(spec)))
    request = GenerationRequest(
        state.model, state.prompt, state.params, None, inputs, provider=state.provider
    )
    each = estimate_credits(spec, request)
    width, height = expected_output_size(spec, request)
    exact = spec.family == Family.flux1 or (
        spec.family == Family.flux2 and state.params.get("width") is not None
    )
    megapixels = width * height / MEGAPIXEL
    size_text = (
        translate("RunCheck", "→ {width}×{height} px ({megapixels} MP)")
        if exact
        else translate("RunCheck", "→ about {width}×{height} px ({megapixels} MP)")
    ).format(width=width, height=height, megapixels=f"{megapixels:.1f}")
    if scope is not None and scope.size_text:
        size_text = scope.size_text
    return RunCheck(
        tuple(problems),
        tuple(notes),
        each,
        (width, height),
        _price(each, state.variations, billing),
        size_text,
        _price_detail(spec, billing),
    )
