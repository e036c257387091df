"""Assess a text against the rules file (rules.json, next to this module).

The file is read, checked and compiled on first use, once per process, and the
system check moderation.E001 loads it at start-up (manage.py check, migrate,
runserver): a broken file raises RulesFileError naming the rule and the problem, so
a bad edit stops a deployment instead of failing the moment a member posts.

How a text is assessed, one module per stage:

1. normalise.py: two forms of the text are made. The *text* form is NFKC, lower
   case, straight quotes, no invisible characters. The *words* form also undoes
   evasions (spaced letters, leetspeak, stretched letters, misspellings, algospeak,
   contractions); rules match on it unless they say "match_on": "text" (postcodes,
   whose digits must stay digits).
2. prefilter.py: one scan over the words form, for literal text the patterns need,
   finds the few patterns worth trying, so an ordinary post costs little more than
   that pass.
3. weigh.py, with context.py: every match is weighed in its sentence and clause:
   negation, quoting and reported speech, past or recovery, idioms, fear framing
   (intrusive thoughts), then the escalators (means, plans, timing) and the pill or
   knife emoji.
4. weigh.py: the level is the highest over the matches that survive; actions come
   from the rules.

schema.py says what a rules file may hold and checks it. Urgent matches are never
dropped by a modifier: at most they are lowered to high and still flagged. Rules
marked "fixed" (psychosis, means questions, medical emergencies) ignore modifiers
altogether.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed

from moderation.levels import LEVEL_RANK
from moderation.rules.language import languages
from moderation.rules.schema import Assessment, RulesFileError
from moderation.rules.weigh import Ruleset

DEFAULT_PATH = Path(__file__).with_name("rules.json")
# One rules file per language a post may be written in; each post is read by the
# files of the languages it is written in (language.py).
DEFAULT_PATHS = {"en": DEFAULT_PATH, "es": Path(__file__).with_name("rules_es.json")}
_PATH_SETTINGS = {"en": "RULES_PATH", "es": "RULES_PATH_ES"}


def load_rules(path: str | Path | None = None, *, prefilter: bool = True) -> Ruleset:
    """Read, check and compile a rules file (the one beside this module by default).
    prefilter=False skips the prefilter, for tests that compare the two."""
    path = Path(path) if path is not None else DEFAULT_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulesFileError(f"rules file {path}: cannot read it: {exc}") from None
    except json.JSONDecodeError as exc:
        raise RulesFileError(f"rules file {path}: not valid JSON: {exc}") from None
    return Ruleset(data, source=str(path), prefilter=prefilter)


def configured_path(language: str = "en") -> Path:
    """The rules file this deployment uses for language: settings.RULES_PATH (or
    RULES_PATH_ES), else the shipped one.

    Outside a configured Django project (the benchmark, a script) it is the shipped
    file.
    """
    try:
        configured = getattr(settings, _PATH_SETTINGS[language], "")
    except ImproperlyConfigured:
        configured = ""
    return Path(configured) if configured else DEFAULT_PATHS[language]


_current: dict[str, Ruleset] = {}
_loading = threading.Lock()


def current_rules(language: str = "en") -> Ruleset:
    """The configured rules for language, read, checked and compiled on first use,
    then kept.

    Raises RulesFileError if the file is broken; the next call tries again.
    """
    rules = _current.get(language)
    if rules is None:
        # Compiling takes a noticeable fraction of a second: threads that ask at
        # once wait for the first instead of each compiling the file.
        with _loading:
            if language not in _current:
                _current[language] = load_rules(configured_path(language))
            rules = _current[language]
    return rules


def forget_rules() -> None:
    """Drop the loaded rules, so the next use reads the configured files again."""
    with _loading:
        _current.clear()


def _forget_on_path_change(*, setting: str, **kwargs) -> None:
    if setting in _PATH_SETTINGS.values():
        forget_rules()


setting_changed.connect(
    _forget_on_path_change, dispatch_uid="moderation.rules.forget_on_path_change"
)


def rules_version() -> int:
    """The version number of the loaded rules file."""
    return current_rules().version


def assess(text: str, *, new_account: bool = False) -> Assessment:
    """Assess text with the rules of each language it is written in. new_account:
    the author is new (links count)."""
    return assess_with(current_rules, text, new_account=new_account)


def assess_with(rules_for, text: str, *, new_account: bool = False) -> Assessment:
    """Assess text with rules_for(language) for each language it is written in,
    and keep the most serious reading of each (a mixed text is read twice)."""
    found = [
        rules_for(language).assess(text, new_account=new_account)
        for language in languages(text)
    ]
    return found[0] if len(found) == 1 else combined(found)


def combined(assessments: list[Assessment]) -> Assessment:
    """One assessment from several readings of a text: the highest level, and every
    category, rule and action any reading found."""
    level = max((a.level for a in assessments), key=LEVEL_RANK.__getitem__)
    return Assessment(
        level=level,
        categories=tuple(dict.fromkeys(c for a in assessments for c in a.categories)),
        rules=tuple(dict.fromkeys(r for a in assessments for r in a.rules)),
        actions=frozenset().union(*(a.actions for a in assessments)),
    )


def describe() -> dict:
    """The loaded rules, for operators and documentation."""
    return current_rules().describe()
