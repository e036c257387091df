"""The rules engine: the rules file and its examples, modifiers, loading errors, the
operator command. The hand-written corpus is in test_rules_corpus.py."""

import copy
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from moderation.rules import (
    RulesFileError,
    assess,
    current_rules,
    describe,
    load_rules,
    rules_version,
)
from moderation.rules.engine import DEFAULT_PATH
from moderation.rules.normalise import normalise

RULES = current_rules()

EXAMPLES = [
    (rule.id, kind, example, rule.new_accounts_only)
    for rule in RULES.rules
    for kind, examples in (
        ("positive", rule.examples_positive),
        ("negative", rule.examples_negative),
    )
    for example in examples
]


@pytest.mark.parametrize(
    "rule_id, kind, example, new_account",
    EXAMPLES,
    ids=[f"{r}-{k}-{e[:40]}" for r, k, e, _n in EXAMPLES],
)
def test_every_example_in_the_rules_file_behaves_as_stated(
    rule_id, kind, example, new_account
):
    """A positive example matches its rule; a negative one does not."""
    matched = rule_id in assess(example, new_account=new_account).rules
    assert matched is (kind == "positive")


def test_every_rule_has_at_least_three_examples_each_way():
    """Each rule documents itself with three or more examples of each kind."""
    for rule in RULES.rules:
        assert len(rule.examples_positive) >= 3, rule.id
        assert len(rule.examples_negative) >= 3, rule.id


def test_rules_file_covers_every_required_category():
    """There is at least one rule for every category the product needs."""
    categories = {rule.category for rule in RULES.rules}
    assert categories >= {
        "suicidal_thoughts",
        "self_harm",
        "harm_to_baby",
        "intrusive_thoughts",
        "psychosis",
        "abuse",
        "medical_emergency",
        "identifying_details",
        "links_spam",
        "harsh_language",
    }


def test_rules_never_ask_for_deletion():
    """Rules only signpost, flag, hold or nudge: nothing is ever deleted by a rule."""
    for rule in RULES.rules:
        assert rule.actions <= {"signpost", "flag", "hold", "nudge"}


# --- the result -------------------------------------------------------------------


def test_plain_text_gets_an_empty_assessment():
    """An ordinary post has no level, categories, rules or actions."""
    result = assess("Does anyone have tips for getting a baby to take a bottle?")
    assert result.level == "none"
    assert (result.categories, result.rules, result.actions) == ((), (), frozenset())
    assert not (result.signpost or result.flag or result.hold or result.nudge)


def test_risk_signposts_and_flags_high_levels():
    """A high risk match shows the writer help and puts the post in front of
    moderators, and never holds it."""
    result = assess("I want to die")
    assert result.signpost and result.flag and not result.hold


def test_low_risk_signposts_without_flagging():
    """Concern (low) shows help to the writer only."""
    result = assess("I keep getting horrible thoughts of dropping her, it terrifies me")
    assert result.level == "low"
    assert result.signpost and not result.flag


def test_identifying_details_hold_the_post():
    """A phone number holds the post for review, whoever writes it."""
    result = assess("text me on 07700 900123")
    assert result.hold and result.categories == ("identifying_details",)


def test_harsh_language_nudges_and_strong_insults_flag():
    """Judging nudges; a strong insult also flags; telling someone to kill
    themselves holds the post and is not read as the writer's own thoughts."""
    judging = assess("you should have breastfed")
    assert judging.nudge and not judging.flag
    insult = assess("you're such an idiot")
    assert insult.nudge and insult.flag
    kys = assess("kys")
    assert kys.hold and kys.flag and kys.categories == ("harsh_language",)


def test_links_count_only_for_new_accounts():
    """A link from an established member is fine; from a new account it is held."""
    text = "this helped us a lot: https://example.org/sleep"
    assert assess(text).rules == ()
    assert assess(text, new_account=True).hold


def test_level_is_the_highest_over_matches():
    """Several matches: the result takes the highest level and lists every category."""
    result = assess("I want to die. He hits me when he's drunk.")
    assert result.level == "high"
    assert set(result.categories) == {"suicidal_thoughts", "abuse"}


def test_empty_text_is_fine():
    """Nothing to assess gives nothing back."""
    assert assess("").level == "none"
    assert assess("   \n ").level == "none"


# --- normalisation ----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("I’m su1c1dal", "im suicidal"),
        ("k i l l myself", "kill myself"),
        ("s.u.i.c.i.d.e", "suicide"),
        ("I want to diiiiie", "i want to die"),
        ("$elf-harm", "self harm"),
        ("kms", "kill myself"),
        ("thinking of sewerslide", "thinking of suicide"),
        ("w\u200bant to d\u200die", "want to die"),
        ("ＫＩＬＬ myself", "kill myself"),
        ("we had 20mg at 3am on the 2nd", "we had 20mg at 3am on the 2nd"),
        ("help! I can't", "help! i cant"),
        ("sh again last night", "self harm again last night"),
        ("anyone selling a SH Stokke?", "anyone selling a sh stokke?"),
        ("sh = stay home", "sh = stay home"),
    ],
)
def test_normalisation_undoes_evasions_and_keeps_ordinary_words(raw, expected):
    """Spacing, leetspeak, stretched letters, curly quotes, zero-width characters,
    full-width letters and algospeak are undone; numbers with units are not."""
    assert normalise(raw) == expected


# --- modifiers --------------------------------------------------------------------


def test_negation_cancels_and_but_ends_it():
    """'Not' cancels a match in its clause; 'but' starts a new clause."""
    assert assess("I'm not suicidal").level == "none"
    result = assess("I'm not suicidal but I wish I could disappear")
    assert result.level == "low"
    assert result.rules == ("suicidal_hopeless",)


def test_phrases_negative_in_themselves_ignore_negation():
    """'Don't want to be here anymore' and 'can't go on' are not negations."""
    assert assess("I don't want to be here anymore").level == "high"
    assert assess("I can't go on").level == "low"


def test_reported_speech_is_abuse_not_ideation():
    """Being told to kill yourself is abuse; the writer's ideation is not assumed."""
    result = assess("he told me to kill myself")
    assert result.categories == ("abuse",)


def test_screening_questions_are_context_unless_answered_yes():
    """A midwife's question is not a disclosure; answering yes is."""
    assert assess("the midwife asked if I'd thought of harming myself").level == "none"
    answered = assess(
        "the midwife asked if I'd thought of harming myself and I said yes"
    )
    assert answered.categories == ("self_harm",)


def test_quoted_text_is_not_the_writers_own():
    """A quoted line (Markdown '>' or quotation marks) is not the writer's ideation;
    someone else's words quoted are worry for her."""
    assert assess("> I want to die\nsending hugs, I've been there").level == "none"
    quoted = assess('she wrote "I want to die" on her wall, I was shocked')
    assert quoted.categories == ("worried_about_someone",)


def test_past_lowers_one_tier_unless_it_is_back():
    """Recovery lowers the level; 'it's come back' restores it."""
    assert assess("I used to self-harm, years ago").level == "low"
    assert assess("I used to self-harm years ago and it's come back").level == "high"


def test_idioms_do_not_alert_but_do_not_cancel_real_matches():
    """'This baby is killing me' is nothing; with a real match beside it, the real
    match stands."""
    assert assess("this baby is killing me").level == "none"
    assert assess("this baby is killing me and I want to die").level == "high"


def test_urgent_matches_are_lowered_at_most_to_high_and_stay_flagged():
    """A quoted goodbye note is still shown to moderators."""
    result = assess("> this is my last post, goodbye everyone")
    assert result.level == "high"
    assert result.flag


def test_psychosis_means_questions_and_emergencies_stay_urgent():
    """These ignore negation, quoting and the past."""
    assert assess("the midwife asked if I was hearing voices").level == "urgent"
    assert assess("I'm not asking for me but how many pills would it take").level == (
        "urgent"
    )
    assert assess("I used to be fine but now I'm bleeding heavily").level == "urgent"


def test_means_plans_and_timing_raise_ideation_to_urgent():
    """Thoughts of dying with pills, a plan or tonight are urgent."""
    assert assess("I want to die").level == "high"
    assert assess("I want to die, I have the pills").level == "urgent"
    assert assess("I want to die tonight").level == "urgent"
    assert assess("I want to die but I have no plan").level == "high"


def test_pill_or_knife_emoji_raises_but_never_triggers_alone():
    """The emoji raises a risk match one tier and is harmless on its own."""
    assert assess("I want to die 🔪").level == "urgent"
    assert assess("i feel like a burden 💊").level == "high"
    assert assess("💊🔪").level == "none"


def test_intrusive_thoughts_are_low_but_intent_is_urgent():
    """Unwanted thoughts get perinatal support; wanting to harm is an emergency;
    thoughts together with psychosis signs are an emergency too."""
    assert assess("I'm terrified I'll hurt him, the thoughts won't stop").level == "low"
    assert assess("I want to shake her").level == "urgent"
    with_psychosis = assess(
        "horrible thoughts of hurting him and the voices tell me to"
    )
    assert with_psychosis.level == "urgent"
    assert "psychosis" in with_psychosis.categories


# --- loading the rules file -------------------------------------------------------


def _write(tmp_path, data):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _good_data():
    return json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


def test_the_shipped_rules_file_loads_and_has_a_version():
    """The rules file in the repository loads; its version is exposed."""
    ruleset = load_rules()
    assert isinstance(rules_version(), int) and rules_version() == ruleset.version >= 1
    assert len(ruleset.rules) == len(RULES.rules)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda r: r.update(patterns=["(unclosed"]), "bad pattern"),
        (lambda r: r.update(action=["delete"]), "unknown action 'delete'"),
        (lambda r: r.update(category="gossip"), "unknown category 'gossip'"),
        (lambda r: r.update(level="severe"), "unknown level 'severe'"),
        (lambda r: r["examples"].update(positive=["just one"]), "3 positive examples"),
        (lambda r: r.pop("examples"), "examples must be"),
        (lambda r: r.update(patterns=[]), "missing patterns"),
        (lambda r: r.update(patterns=["a*"]), "matches empty text"),
        (lambda r: r.update(patern=["x"]), "unknown keys"),
        (lambda r: r.update(when_framed="no_such_rule"), "when_framed"),
    ],
)
def test_a_broken_rule_fails_to_load_naming_the_rule(tmp_path, change, message):
    """Mistakes in a rule stop loading with the rule id and the problem."""
    data = _good_data()
    target = data["rules"][3]
    change(target)
    with pytest.raises(RulesFileError) as error:
        load_rules(_write(tmp_path, data))
    assert target["id"] in str(error.value)
    assert message in str(error.value)


def test_a_duplicate_rule_id_fails_to_load(tmp_path):
    """Two rules with one id are refused."""
    data = _good_data()
    data["rules"].append(copy.deepcopy(data["rules"][0]))
    with pytest.raises(RulesFileError, match="duplicate id"):
        load_rules(_write(tmp_path, data))


def test_a_bad_modifier_or_broken_json_fails_to_load(tmp_path):
    """The modifiers are checked too, and so is the file itself."""
    data = _good_data()
    data["modifiers"]["idioms"].append("(oops")
    with pytest.raises(RulesFileError, match="idioms"):
        load_rules(_write(tmp_path, data))
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(RulesFileError, match="not valid JSON"):
        load_rules(path)


def test_describe_lists_rules_for_operators():
    """describe() gives the version and each rule's purpose, without patterns."""
    described = describe()
    assert described["version"] == rules_version()
    first = described["rules"][0]
    assert {"id", "category", "level", "actions", "description"} <= set(first)
    assert all(isinstance(rule["patterns"], int) for rule in described["rules"])


# --- the operator command ---------------------------------------------------------


def test_assess_text_prints_one_json_object_per_line():
    """Each non-empty input line becomes one JSON line with the assessment."""
    out = StringIO()
    stdin = StringIO("I want to die\n\nthis baby is killing me\n")
    call_command("assess_text", "--rules-alone", stdin=stdin, stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines == [
        {
            "text": "I want to die",
            "level": "high",
            "categories": ["suicidal_thoughts"],
            "rules": ["suicidal_thoughts", "wish_to_be_gone"],
        },
        {
            "text": "this baby is killing me",
            "level": "none",
            "categories": [],
            "rules": [],
        },
    ]


def test_assess_text_can_assess_as_a_new_account():
    """--new-account makes links count."""
    plain, new = StringIO(), StringIO()
    call_command("assess_text", stdin=StringIO("www.example.com\n"), stdout=plain)
    call_command(
        "assess_text", "--new-account", stdin=StringIO("www.example.com\n"), stdout=new
    )
    assert json.loads(plain.getvalue())["rules"] == []
    assert json.loads(new.getvalue())["categories"] == ["links_spam"]


def test_assess_text_tries_an_edited_rules_file(tmp_path):
    """--rules uses another file, so an edit can be tried before it is deployed."""
    data = _good_data()
    data["version"] = 99
    data["rules"][0]["patterns"].append(r"\bpurple monkey\b")
    out = StringIO()
    call_command(
        "assess_text",
        "--rules-alone",
        "--rules",
        str(_write(tmp_path, data)),
        stdin=StringIO("purple monkey\n"),
        stdout=out,
    )
    assert json.loads(out.getvalue())["rules"] == [data["rules"][0]["id"]]


def test_assess_text_check_reports_examples_and_broken_files(tmp_path):
    """--check passes for the shipped file, fails for a wrong example, and a broken
    file is a clear error."""
    out = StringIO()
    call_command("assess_text", "--check", stdout=out)
    assert "all examples" in out.getvalue()
    data = _good_data()
    data["rules"][0]["examples"]["negative"].append("I want to die")
    with pytest.raises(CommandError, match="1 rule examples"):
        call_command("assess_text", "--check", "--rules", str(_write(tmp_path, data)))
    data["rules"][0]["level"] = "severe"
    with pytest.raises(CommandError, match="unknown level"):
        call_command("assess_text", "--check", "--rules", str(_write(tmp_path, data)))
