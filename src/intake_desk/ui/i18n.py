"""Language of the window: Chinese by default, English when chosen in Settings.

Source strings in the code and the Designer forms are Chinese (the language the program is used
in), so the window is complete with no translation loaded. English comes from the Qt Linguist file
``resources/translations/intake_desk_en.ts``, released to ``.qm`` by ``tools/compile_forms.py``;
a checkout without the ``.qm`` releases it once into the data folder on first use.

Messages from the services are one bilingual sentence (``中文 / English``); :func:`in_language`
picks the half for the chosen language.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from intake_desk import paths
from intake_desk.domain.enums import Labelled
from intake_desk.domain.text import bilingual_half

log = logging.getLogger(__name__)

LANGUAGES: dict[str, str] = {"zh": "中文（简体）", "en": "English"}
DEFAULT_LANGUAGE = "zh"
_SETTINGS_FILE = "window.ini"

_current = DEFAULT_LANGUAGE
_installed: list[QTranslator] = []


def user_settings() -> QSettings:
    """Per-user window preferences (language, window geometry) in the config folder; never a secret."""
    return QSettings(str(paths.config_dir() / _SETTINGS_FILE), QSettings.Format.IniFormat)


def saved_language() -> str:
    value = str(user_settings().value("language", DEFAULT_LANGUAGE))
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    settings = user_settings()
    settings.setValue("language", language)
    settings.sync()


def language() -> str:
    """The language the window is shown in now (``zh`` or ``en``)."""
    return _current


def label(value: Labelled) -> str:
    """An enumeration member's label in the window's language."""
    return value.label(_current)


_pack_names: dict[str, str] | None = None
_pack_names_source: Callable[[], dict[str, str]] | None = None


def use_pack_names(source: Callable[[], dict[str, str]]) -> None:
    """Where the policy pack's English names come from (read on first use in English)."""
    global _pack_names, _pack_names_source
    _pack_names, _pack_names_source = None, source


def pack_text(name: str) -> str:
    """A name from the policy pack (department, step, procedure, material, refusal reason …) in the window's
    language: the pack's English for it in English, the name as written otherwise or when the pack gives none
    (a name an administrator typed is data)."""
    global _pack_names
    if _current == "zh" or not name:
        return name
    if _pack_names is None:
        _pack_names = _pack_names_source() if _pack_names_source is not None else {}
    return _pack_names.get(name, name)


def pack_list(names: str, separator: str = "、") -> str:
    """A list of pack names joined by ``separator`` (risk factors “重病、低保边缘”), each in the window's
    language; joined by commas in English."""
    if _current == "zh" or not names:
        return names
    return ", ".join(pack_text(name) for name in names.split(separator))


def referral_facts(facts: Sequence[str]) -> list[str]:
    """The facts behind a referral in the window's language (the rules write each ``中文 / English``; a fact
    stored before they did is Chinese only and is left out in English, where the reason says it)."""
    if _current == "zh":
        return [bilingual_half(fact, "zh") for fact in facts]
    return [english for english in (bilingual_half(fact, "en") for fact in facts) if english not in facts]


def referral_reason(reason: str, rule: str) -> str:
    """Why a referral was proposed, in the window's language (English from its rule codes)."""
    if _current == "zh" or not rule:
        return reason
    from intake_desk.policy.routing import reason_en  # the rules load with the first referral shown

    return reason_en(rule) or reason


def in_language(message: str, lang: str | None = None) -> str:
    """The half of a bilingual ``中文 / English`` sentence for the language; the whole when not split.

    The cut is the first `` / `` with Chinese before it and English (an ASCII character) right after
    it, so a Chinese name quoted in the English half does not confuse it.
    """
    return bilingual_half(message, lang or _current)


def translations_dir() -> Path:
    return paths.resources_dir() / "translations"


def _qm_for(lang: str) -> Path | None:
    """The released ``.qm`` of our own strings, releasing the ``.ts`` into the data folder if needed."""
    ts = translations_dir() / f"intake_desk_{lang}.ts"
    shipped = ts.with_suffix(".qm")
    if shipped.exists() and (not ts.exists() or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if not ts.exists():
        return shipped if shipped.exists() else None
    cached = paths.data_dir() / "translations" / shipped.name
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    tool = lrelease_command()
    if tool is None:
        log.warning("no lrelease found; the %s translation is not available", lang)
        return shipped if shipped.exists() else None
    cached.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([*tool, str(ts), "-qm", str(cached)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        log.warning("lrelease failed for %s: %s", ts, result.stderr.strip()[:500])
        return None
    return cached


def lrelease_command() -> list[str] | None:
    """The Qt Linguist release tool shipped with PySide6 (or found on PATH)."""
    try:
        import PySide6

        bundled = Path(PySide6.__file__).resolve().parent / "lrelease"
        if bundled.exists():
            return [str(bundled)]
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        pass
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return [found] if found else None


class _QtGaps(QTranslator):
    """Qt's own strings its Chinese catalogue lacks (the file dialog said “Look in:” beside “文件名称”)."""

    TEXTS = {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    }

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # type: ignore[override]
                  n: int = -1) -> str | None:
        return self.TEXTS.get((context, source))  # None: a null string, so Qt asks the next catalogue

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def install(app: QCoreApplication, lang: str | None = None) -> str:
    """Install the translators for ``lang`` (default: the saved choice); returns the language used."""
    global _current
    lang = lang if lang in LANGUAGES else saved_language()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang == "zh":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt_base = QTranslator(app)
        if qt_base.load("qtbase_zh_CN", qt_dir):
            app.installTranslator(qt_base)
            _installed.append(qt_base)
        gaps = _QtGaps(app)  # installed last, so asked first
        app.installTranslator(gaps)
        _installed.append(gaps)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        qm = _qm_for(lang)
        ours = QTranslator(app)
        if qm is not None and ours.load(str(qm)):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            log.warning("English translation not loaded; the window stays in Chinese")
            lang = "zh"
    _current = lang
    return lang

