"""The generation recipe (model, prompt, seed, date, AI-assisted areas, software) for file
metadata and the optional JSON sidecar, for editors and contests that ask for AI disclosure.

Embedding is opt-in (``ExportSettings.embed_recipe``); the API key is never part of a recipe.
Pure values; safe on any thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from fluxdesk import __version__
from fluxdesk.core.history.store import JobRecord

SCHEMA = "fluxdesk.recipe/1"
SOFTWARE = f"FluxDesk {__version__}"
# IPTC's term for "made by a person with generative AI as one of the tools".
_IPTC_AI_ASSISTED = (
    "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"
)


@dataclass(frozen=True, slots=True)
class AiArea:
    """A part of the page made with AI help: a label and, if known, a box in page pixels
    (left, top, right, bottom); no box means the whole page."""

    label: str
    bbox: tuple[int, int, int, int] | None = None


@dataclass(frozen=True, slots=True)
class Recipe:
    model: str | None = None
    prompt: str | None = None
    seed: int | None = None
    created: datetime = field(default_factory=lambda: datetime.now(UTC))
    ai_areas: tuple[AiArea, ...] = ()
    job_id: str | None = None
    software: str = SOFTWARE

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "software": self.software,
            "created": self.created.isoformat(timespec="seconds"),
            "model": self.model,
            "prompt": self.prompt,
            "seed": self.seed,
            "job_id": self.job_id,
            "ai_assisted_areas": [
                {"label": area.label, "bbox": list(area.bbox) if area.bbox else None}
                for area in self.ai_areas
            ],
        }

    def to_json(self, *, ascii_only: bool = False) -> str:
        """Compact JSON; ``ascii_only`` escapes non-ASCII (TIFF ImageDescription is ASCII)."""
        return json.dumps(self.to_dict(), ensure_ascii=ascii_only, separators=(",", ":"))

    @classmethod
    def from_job(cls, record: JobRecord, ai_areas: tuple[AiArea, ...] = ()) -> Recipe:
        created = datetime.fromtimestamp(record.finished_at or record.created_at, UTC)
        return cls(
            model=record.model,
            prompt=record.prompt,
            seed=record.result_seed if record.result_seed is not None else record.seed,
            created=created,
            ai_areas=ai_areas or (AiArea("whole page"),),
            job_id=str(record.id),
        )


def xmp_packet(recipe: Recipe) -> bytes:
    """An XMP packet: creator tool, date, IPTC digital source type and the recipe as JSON."""
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
    xmlns:fluxdesk="https://fluxdesk.app/ns/recipe/1.0/">
   <xmp:CreatorTool>{escape(recipe.software)}</xmp:CreatorTool>
   <xmp:CreateDate>{recipe.created.isoformat(timespec="seconds")}</xmp:CreateDate>
   <Iptc4xmpExt:DigitalSourceType>{_IPTC_AI_ASSISTED}</Iptc4xmpExt:DigitalSourceType>
   <fluxdesk:Recipe>{escape(recipe.to_json())}</fluxdesk:Recipe>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return body.encode("utf-8")


def sidecar_json(recipe: Recipe, output: dict[str, Any]) -> str:
    """The sidecar's text: the recipe plus what was written (file, page, dpi, mode, size)."""
    return json.dumps({**recipe.to_dict(), "output": output}, ensure_ascii=False, indent=2) + "\n"
