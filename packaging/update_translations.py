"""Re-extracts FluxDesk's translatable text into resources/i18n/fluxdesk_<lang>.ts and compiles
the .qm files the app loads (committed, so running the app needs no build step).

Run after adding or changing UI text: `.venv/bin/python packaging/update_translations.py`, then
translate the new `type="unfinished"` entries (Qt Linguist: `.venv/bin/pyside6-linguist
resources/i18n/fluxdesk_ja.ts`, or any editor) and run it again to compile. `--check` only
reports what is new or gone and exits 1 if the .ts files are out of date.

What is extracted:
- `fluxdesk/ui`: `self.tr(...)`, `QCoreApplication.translate(...)`, `QT_TRANSLATE_NOOP(...)`
  (pyside6-lupdate reads the Python sources; context = the class name or the given context);
- `fluxdesk/core` (Qt-free, context `fluxdesk.core`): every `Message("…")` template and the
  literal message of every FluxError subclass raised (`CreditsError("…")`);
- the built-in presets' names, descriptions and placeholder hints (context `fluxdesk.presets`).
Entries keep no source locations (`-locations none`), so branches that add text merge cleanly.
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("ja",)
CORE_CONTEXT = "fluxdesk.core"  # as fluxdesk/ui/i18n.py
PRESETS_CONTEXT = "fluxdesk.presets"
ERROR_ROOT = "FluxError"


def _python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _error_classes(trees: Iterable[ast.Module]) -> set[str]:
    """Names of every FluxError subclass defined in the core (by name, to a fixed point)."""
    bases: dict[str, set[str]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names = {b.id for b in node.bases if isinstance(b, ast.Name)}
                names |= {b.attr for b in node.bases if isinstance(b, ast.Attribute)}
                bases[node.name] = names
    errors = {ERROR_ROOT}
    grew = True
    while grew:
        found = {name for name, parents in bases.items() if parents & errors}
        grew = not found <= errors
        errors |= found
    return errors


def core_messages(core: Path = ROOT / "fluxdesk" / "core") -> list[str]:
    """Templates the GUI may translate. A `Message` whose template is not a literal is an error:
    it could never be found in a translation."""
    sources = {path: ast.parse(path.read_text(encoding="utf-8")) for path in _python_files(core)}
    errors = _error_classes(sources.values())
    found: dict[str, None] = {}
    problems: list[str] = []
    for path, tree in sources.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name, first = _call_name(node), node.args[0]
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            if name == "Message":
                if not literal:
                    problems.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                    continue
            elif name not in errors or not literal:
                continue
            text = first.value  # type: ignore[attr-defined]
            if text.strip():
                found[text] = None
    if problems:
        raise SystemExit("Message() needs a literal template at: " + ", ".join(problems))
    return list(found)


def preset_texts(presets: Path = ROOT / "resources" / "presets") -> list[str]:
    found: dict[str, None] = {}
    for path in sorted(presets.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        texts = [data.get("name"), data.get("description")]
        texts += [spec.get("hint") for spec in data.get("placeholders", {}).values()]
        texts += [name.replace("_", " ") for name in data.get("placeholders", {})]
        found.update((text, None) for text in texts if isinstance(text, str) and text)
    return list(found)


def _stub_lines(context: str, texts: Iterable[str]) -> Iterator[str]:
    for text in texts:
        yield f"QT_TRANSLATE_NOOP({json.dumps(context)}, {json.dumps(text, ensure_ascii=False)})"


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name  # the venv's own pyside6-lupdate
    found = shutil.which(name, path=str(beside.parent)) or shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 into this Python's environment")
    return found


def _lupdate(ts: Path, sources: list[Path], language: str) -> str:
    command = [_tool("pyside6-lupdate"), *map(str, sources), "-locations", "none"]
    command += ["-no-obsolete", "-source-language", "en", "-target-language", language]
    result = subprocess.run(
        [*command, "-ts", str(ts)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return result.stdout + result.stderr


def _qt_translation(language: str) -> Path | None:
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    path = folder / f"qtbase_{language}.qm"
    return path if path.exists() else None


def _sources_of(ts: Path) -> set[tuple[str, str]]:
    from xml.etree import ElementTree

    if not ts.exists():
        return set()
    root = ElementTree.parse(ts).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def update(*, check: bool) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        stub = Path(scratch) / "fluxdesk_non_ui_strings.py"
        lines = [*_stub_lines(CORE_CONTEXT, core_messages())]
        lines += _stub_lines(PRESETS_CONTEXT, preset_texts())
        stub.write_text("\n".join(lines) + "\n", encoding="utf-8")
        sources = [*_python_files(ROOT / "fluxdesk" / "ui"), stub]
        stale = False
        for language in LANGUAGES:
            ts = I18N / f"fluxdesk_{language}.ts"
            target = Path(scratch) / ts.name if check else ts
            if check and ts.exists():
                shutil.copy(ts, target)
            print(_lupdate(target, sources, language).strip())
            before, after = _sources_of(ts), _sources_of(target)
            for context, text in sorted(after - before):
                print(f"  new  [{context}] {text[:70]!r}")
            for context, text in sorted(before - after):
                print(f"  gone [{context}] {text[:70]!r}")
            stale = stale or before != after
            if check:
                continue
            lrelease = [_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))]
            print(subprocess.run(lrelease, capture_output=True, text=True, check=True).stdout)
            if qt := _qt_translation(language):  # Qt's standard buttons and dialogs
                shutil.copy(qt, I18N / qt.name)
    return 1 if check and stale else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only; exit 1 if stale")
    return update(check=parser.parse_args(argv).check)


if __name__ == "__main__":
    sys.exit(main())
