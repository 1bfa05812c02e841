"""Compile the Designer forms and release the translations.

``python -m intake_desk.ui.forms.compile`` (or ``tools/compile_forms.py``):

* every ``ui/<name>.ui`` → ``src/intake_desk/ui/forms/ui_<name>.py`` with ``pyside6-uic``, under a
  "generated – do not edit" header that records the SHA-256 of the ``.ui`` it came from (a test
  fails when a form is stale);
* ``--update-translations`` first runs ``pyside6-lupdate`` over the code and the forms, keeping the
  translations already in ``resources/translations/*.ts``;
* every ``resources/translations/*.ts`` → ``.qm`` with ``pyside6-lrelease``.

``--check`` compiles nothing and exits 1 when a form is missing or stale.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

import PySide6

_HERE = Path(__file__).resolve().parent
ROOT = _HERE.parents[3]
UI_DIR = ROOT / "ui"
FORMS_DIR = _HERE
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
HASH_PREFIX = "# source-sha256: "
HEADER = (
    "# Generated from ui/{name} by tools/compile_forms.py (pyside6-uic) – do not edit.\n"
    "# Change the .ui in Qt Designer and compile again.\n"
    + HASH_PREFIX + "{digest}\n"
)


def _tool(script: str, bundled: str, *extra: str) -> list[str]:
    """The PySide6 tool next to this interpreter, else the binary inside the PySide6 package."""
    beside = Path(sys.executable).parent / script
    if beside.exists():
        return [str(beside)]
    return [str(Path(PySide6.__file__).resolve().parent / bundled), *extra]


def form_sources() -> list[Path]:
    return sorted(UI_DIR.glob("*.ui"))


def target_for(source: Path) -> Path:
    return FORMS_DIR / f"ui_{source.stem}.py"


def source_digest(source: Path) -> str:
    return hashlib.sha256(source.read_bytes()).hexdigest()


def recorded_digest(target: Path) -> str | None:
    if not target.exists():
        return None
    with target.open(encoding="utf-8") as handle:
        for _ in range(5):
            line = handle.readline()
            if line.startswith(HASH_PREFIX):
                return line[len(HASH_PREFIX):].strip()
    return None


def stale_forms() -> list[Path]:
    """The ``.ui`` files whose compiled form is missing or was made from another version."""
    return [s for s in form_sources() if recorded_digest(target_for(s)) != source_digest(s)]


def compile_form(source: Path) -> Path:
    target = target_for(source)
    result = subprocess.run([*_tool("pyside6-uic", "uic", "-g", "python"), str(source)],
                            capture_output=True, text=True, encoding="utf-8", check=False)
    if result.returncode != 0:
        raise RuntimeError(f"pyside6-uic failed on {source.name}: {result.stderr.strip()}")
    header = HEADER.format(name=source.name, digest=source_digest(source))
    target.write_text(header + result.stdout, encoding="utf-8")
    return target


def python_sources() -> list[Path]:
    return sorted((ROOT / "src" / "intake_desk" / "ui").rglob("*.py"))


LANGUAGES = {"en": "en_US"}
"""Translations kept in resources/translations (the source strings are Chinese)."""


def update_translations() -> None:
    sources = [str(p) for p in python_sources() + form_sources() if "forms" not in p.parts or p.suffix == ".ui"]
    TRANSLATIONS_DIR.mkdir(parents=True, exist_ok=True)
    for code, locale in LANGUAGES.items():
        ts = TRANSLATIONS_DIR / f"intake_desk_{code}.ts"
        result = subprocess.run([*_tool("pyside6-lupdate", "lupdate"), "-no-obsolete", "-locations", "none",
                                 "-source-language", "zh_CN", "-target-language", locale,
                                 *sources, "-ts", str(ts)], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"pyside6-lupdate failed: {result.stderr.strip()}")
        print(result.stdout.strip())


def release_translations() -> list[Path]:
    built = []
    for ts in sorted(TRANSLATIONS_DIR.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        result = subprocess.run([*_tool("pyside6-lrelease", "lrelease"), str(ts), "-qm", str(qm)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"pyside6-lrelease failed on {ts.name}: {result.stderr.strip()}")
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="compile_forms", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale forms (exit 1 if any)")
    parser.add_argument("--update-translations", action="store_true", help="run lupdate before lrelease")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_forms()
        for source in stale:
            print(f"stale: {source.relative_to(ROOT)}")
        return 1 if stale else 0
    for source in form_sources():
        if recorded_digest(target_for(source)) != source_digest(source):
            print(f"uic  {source.relative_to(ROOT)} -> {compile_form(source).relative_to(ROOT)}")
    if args.update_translations:
        update_translations()
    for qm in release_translations():
        print(f"qm   {qm.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
