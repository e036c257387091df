"""Loading the rules file: on first use and once, from the configured path, and
checked at start-up by the system check moderation.E001."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

import moderation.rules
from moderation.rules import current_rules, engine, forget_rules, rules_version
from moderation.rules.engine import DEFAULT_PATH

ROOT = Path(__file__).resolve().parents[2]


def _rules_file(tmp_path, change=None):
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    if change is not None:
        change(data)
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_importing_the_engine_does_not_read_the_rules_file():
    """The file is read on first use, not when the package is imported."""
    script = (
        "import moderation.rules, moderation.rules.engine as engine; "
        "assert not engine._current; "
        "moderation.rules.assess('hello'); "
        "assert list(engine._current) == ['en']"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True)


def test_the_rules_are_compiled_once_however_often_they_are_used(monkeypatch):
    """Assessing, describing and asking the version all share one compiled file."""
    loads = []
    load_rules = engine.load_rules

    def counting_load(*args, **kwargs):
        loads.append(args)
        return load_rules(*args, **kwargs)

    monkeypatch.setattr(engine, "load_rules", counting_load)
    forget_rules()
    first = current_rules()
    moderation.rules.assess("I want to die")
    moderation.rules.describe()
    rules_version()
    assert current_rules() is first
    assert loads == [(DEFAULT_PATH,)]


def test_the_rules_path_setting_chooses_the_file(settings, tmp_path):
    """RULES_PATH points at another file; changing it loads that one on next use."""
    shipped = rules_version()
    settings.RULES_PATH = str(_rules_file(tmp_path, lambda d: d.update(version=99)))
    assert rules_version() == 99
    assert moderation.rules.RULES_VERSION == 99
    assert shipped != 99


def test_the_shipped_rules_file_passes_the_system_check():
    """manage.py check is clean with the rules file in the repository."""
    out = StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


def test_a_bad_pattern_fails_the_system_check_naming_the_rule(settings, tmp_path):
    """A rules file with a pattern that does not compile stops start-up, and the
    error says which rule holds it."""
    broken = {}

    def break_a_pattern(data):
        rule = data["rules"][3]
        rule["patterns"].append("(unclosed")
        broken["id"] = rule["id"]

    settings.RULES_PATH = str(_rules_file(tmp_path, break_a_pattern))
    with pytest.raises(SystemCheckError) as error:
        call_command("check")
    message = str(error.value)
    assert "moderation.E001" in message
    assert f"rule '{broken['id']}'" in message
    assert "bad pattern '(unclosed'" in message
