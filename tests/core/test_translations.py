"""Every word marked for translation has its Spanish, and the catalogues compile.

The words are gathered afresh (makemessages, on a copy of the source, so the
working tree is left alone) and merged with the committed .po files, exactly as
`make messages` does; an entry that is then empty or fuzzy is listed with where
it comes from. Fix: `make messages`, translate the listed entries in
locale/es/LC_MESSAGES/, commit the .po files.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCES = ("kindred", "core", "accounts", "forum", "support", "moderation")
COPIED = (*SOURCES, "templates", "static/js", "locale", "manage.py")
LANGUAGES = ("es",)
DOMAINS = ("django", "djangojs")


def parse_po(text: str) -> list[dict]:
    """The entries of a .po file: msgid, plural, msgstrs, flags and references."""
    entries = []
    for block in text.split("\n\n"):
        entry = {
            "flags": set(),
            "refs": [],
            "context": None,
            "msgid": "",
            "plural": None,
            "msgstr": [],
        }
        field = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(","))
            elif line.startswith("#:"):
                entry["refs"].extend(line[2:].split())
            elif line.startswith("#"):
                continue
            elif line.startswith("msgctxt "):
                field = "context"
                entry["context"] = _unquote(line[len("msgctxt ") :])
            elif line.startswith("msgid_plural "):
                field = "plural"
                entry["plural"] = _unquote(line[len("msgid_plural ") :])
            elif line.startswith("msgid "):
                field = "msgid"
                entry["msgid"] = _unquote(line[len("msgid ") :])
            elif line.startswith("msgstr"):
                field = "msgstr"
                entry["msgstr"].append(_unquote(line.split(" ", 1)[1]))
            elif line.startswith('"') and field:
                if field == "msgstr":
                    entry["msgstr"][-1] += _unquote(line)
                else:
                    entry[field] += _unquote(line)
        if entry["msgid"] or entry["msgstr"]:
            entries.append(entry)
    return entries


def _unquote(quoted: str) -> str:
    return (
        quoted.strip()[1:-1]
        .encode()
        .decode("unicode_escape")
        .encode("latin-1")
        .decode("utf-8")
    )


def missing_translations(po_text: str) -> list[str]:
    problems = []
    for entry in parse_po(po_text):
        if entry["msgid"] == "":
            continue  # the header
        where = ", ".join(entry["refs"][:3]) or "?"
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {entry['msgid']!r} ({where})")
        elif not entry["msgstr"] or not all(entry["msgstr"]):
            problems.append(f"untranslated: {entry['msgid']!r} ({where})")
    return problems


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory) -> Path:
    """A copy of the source with its .po files regenerated from what is marked."""
    copy = tmp_path_factory.mktemp("messages")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, copy / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        elif source.exists():
            shutil.copy2(source, copy / name)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kindred.settings"}
    env.pop("DATABASE_URL", None)
    for domain in DOMAINS:
        for language in LANGUAGES:
            subprocess.run(
                [sys.executable, "manage.py", "makemessages", "-l", language]
                + ["-d", domain, "--no-obsolete"],
                cwd=copy,
                env=env,
                check=True,
                capture_output=True,
            )
    return copy / "locale"


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_translated(fresh_catalogues, language, domain):
    po = fresh_catalogues / language / "LC_MESSAGES" / f"{domain}.po"
    assert po.exists(), f"{po.name} is missing: run `make messages`"
    problems = missing_translations(po.read_text(encoding="utf-8"))
    assert not problems, (
        f"{len(problems)} entries in locale/{language}/LC_MESSAGES/{domain}.po "
        "need a translation (run `make messages`, then translate):\n"
        + "\n".join(problems)
    )


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_catalogues_compile(tmp_path, language, domain):
    """msgfmt --check: placeholders the same in both languages, plurals complete."""
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt is missing: install gettext (.ci/run does)")
    po = ROOT / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_the_parser_sees_empty_fuzzy_and_plural_entries():
    text = (
        'msgid ""\nmsgstr "Language: es\\n"\n\n'
        '#: a.html:1\nmsgid "Hello"\nmsgstr ""\n\n'
        '#: b.py:2\n#, fuzzy\nmsgid "Bye"\nmsgstr "Adiós"\n\n'
        '#: c.py:3\nmsgid "one"\nmsgid_plural "many"\n'
        'msgstr[0] "uno"\nmsgstr[1] ""\n\n'
        '#: d.py:4\nmsgid ""\n"Long "\n"one"\nmsgstr ""\n"Larga "\n"ñ"\n'
    )
    assert missing_translations(text) == [
        "untranslated: 'Hello' (a.html:1)",
        "fuzzy: 'Bye' (b.py:2)",
        "untranslated: 'one' (c.py:3)",
    ]
    assert parse_po(text)[-1]["msgstr"] == ["Larga ñ"]
