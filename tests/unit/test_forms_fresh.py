"""The compiled Designer forms match their .ui files, and the translation file is complete for the window."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from intake_desk.ui.forms import compile as forms


def test_every_form_is_compiled_from_its_current_ui_file() -> None:
    sources = forms.form_sources()
    assert sources, "ui/*.ui files are part of the source"
    stale = [s.name for s in forms.stale_forms()]
    assert not stale, f"compiled forms older than their .ui (run tools/compile_forms.py): {stale}"


def test_compiled_forms_say_they_are_generated() -> None:
    for source in forms.form_sources():
        head = forms.target_for(source).read_text(encoding="utf-8")[:400]
        assert "do not edit" in head and f"ui/{source.name}" in head


def test_a_changed_ui_file_is_reported(tmp_path, monkeypatch) -> None:
    ui = tmp_path / "ui"
    out = tmp_path / "forms"
    ui.mkdir()
    out.mkdir()
    original = forms.form_sources()[0]
    copy = ui / original.name
    copy.write_bytes(original.read_bytes())
    (out / forms.target_for(original).name).write_bytes(forms.target_for(original).read_bytes())
    monkeypatch.setattr(forms, "UI_DIR", ui)
    monkeypatch.setattr(forms, "FORMS_DIR", out)
    assert forms.stale_forms() == []
    copy.write_bytes(original.read_bytes().replace(b"</ui>", b"<!-- edited --></ui>"))
    assert forms.stale_forms() == [copy]
    forms.compile_form(copy)
    assert forms.stale_forms() == []


def test_english_translation_covers_the_intake_window() -> None:
    tree = ET.parse(forms.TRANSLATIONS_DIR / "intake_desk_en.ts")
    window = {"ApplicantStep", "MembersStep", "EconomyStep", "CircumstancesStep", "MaterialsStep", "CommitmentStep",
              "ReviewStep", "SubmitStep", "IntakePage", "MainWindow", "LoginDialog", "SetupDialog", "SettingsPage",
              "ApplicationsPage", "ApplicationTableModel", "Pages"}
    unfinished = [
        (ctx.findtext("name"), message.findtext("source"))
        for ctx in tree.getroot() if ctx.findtext("name") in window
        for message in ctx.findall("message")
        if message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
    ]
    assert not unfinished, unfinished[:10]


def test_every_translatable_string_is_in_the_ts_file(tmp_path) -> None:
    """A string added with tr() and not yet in the .ts would stay Chinese in English (run compile --update-translations)."""
    import shutil
    import subprocess

    committed = forms.TRANSLATIONS_DIR / "intake_desk_en.ts"
    scratch = tmp_path / committed.name
    shutil.copyfile(committed, scratch)
    sources = [str(p) for p in forms.python_sources() + forms.form_sources() if "forms" not in p.parts or p.suffix == ".ui"]
    result = subprocess.run([*forms._tool("pyside6-lupdate", "lupdate"), "-no-obsolete", "-locations", "none",
                             "-source-language", "zh_CN", "-target-language", "en_US", *sources, "-ts", str(scratch)],
                            capture_output=True, text=True, check=True)
    assert "(0 new and" in result.stdout, (
        "strings were added with tr() but not to resources/translations/intake_desk_en.ts; run "
        "`python tools/compile_forms.py --update-translations` and translate them: " + result.stdout)
