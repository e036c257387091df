"""Try the rules on real examples: one text per line in, one JSON object per line out.

python manage.py assess_text < examples.txt
python manage.py assess_text --rules /tmp/edited-rules.json < examples.txt
python manage.py assess_text --check --rules /tmp/edited-rules.json
echo "I have the pills lined up" | python manage.py assess_text --explain
echo "I have the pills lined up" | python manage.py assess_text --rules-alone

A text is read as a post is screened: the rules, then the second opinion.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from moderation.management.reading import add_reading_arguments, second_opinion_wanted
from moderation.rules import RulesFileError, current_rules, load_rules
from moderation.rules.engine import DEFAULT_PATHS, assess_with
from moderation.rules.language import languages


class Command(BaseCommand):
    help = (
        "Assess each line of standard input with the rules and print one JSON object "
        'per line: {"text", "level", "categories", "rules"}.'
    )
    stealth_options = ("stdin",)
    # It is the tool for mending a rules file, so it runs while the deployed one is
    # broken, which the system checks would refuse.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-account",
            action="store_true",
            help="Assess as if written by a new account (links and selling count).",
        )
        parser.add_argument(
            "--rules",
            metavar="PATH",
            help="Use this rules file instead of the deployed one, to try an edit.",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="Show why: the concepts found, each match and what weighed on it.",
        )
        add_reading_arguments(parser)
        parser.add_argument(
            "--check",
            action="store_true",
            help="Check every example in the rules file instead of reading input.",
        )

    def handle(self, *args, **options):
        try:
            if options["rules"]:
                ruleset = load_rules(options["rules"])
                rules_for = lambda language: ruleset  # noqa: E731
                files = [ruleset]
            else:
                files = [current_rules(language) for language in DEFAULT_PATHS]
                rules_for = current_rules
        except RulesFileError as exc:
            raise CommandError(str(exc)) from None
        if options["check"]:
            self._check(files)
            return
        stdin = options.get("stdin") or sys.stdin
        with_second_opinion = second_opinion_wanted(options)
        for line in stdin:
            text = line.rstrip("\r\n")
            if not text.strip():
                continue
            if options["explain"]:
                for ruleset in _distinct(map(rules_for, languages(text))):
                    self._explain(ruleset, text, options["new_account"])
                if with_second_opinion:
                    self._explain_second_opinion(rules_for, text, options)
                continue
            result = assess_with(rules_for, text, new_account=options["new_account"])
            if with_second_opinion:
                from moderation.rules.semantic import raised

                result = raised(result, text)
            self.stdout.write(
                json.dumps(
                    {
                        "text": text,
                        "level": result.level,
                        "categories": list(result.categories),
                        "rules": list(result.rules),
                    },
                    ensure_ascii=False,
                )
            )

    def _check(self, files) -> None:
        problems = [p for ruleset in files for p in ruleset.check_examples()]
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} rule examples do not behave as stated")
        for ruleset in files:
            self.stdout.write(
                f"rules version {ruleset.version} ({ruleset.language}): all examples "
                f"of {len(ruleset.rules) + len(ruleset.combinations)} rules behave as "
                "stated"
            )

    def _explain(self, ruleset, text: str, new_account: bool) -> None:
        trace = ruleset.explain(text, new_account=new_account)
        result = trace["assessment"]
        write = self.stdout.write
        write(f"text:     {text}")
        write(f"language: {ruleset.language}")
        write(f"read as:  {trace.get('words', '')}")
        write(f"level:    {result.level}  {', '.join(result.categories) or '-'}")
        for name, found in trace["concepts"].items():
            write(f"  concept {name}: {', '.join(repr(f) for f in found)}")
        for hit in trace["hits"]:
            kind = "combination" if not hit.rule.patterns else "rule"
            outcome = "dropped" if hit.cancelled else hit.level
            write(f"  {kind} {hit.rule.id} ({hit.category}): {outcome}")
            for note in hit.notes or ():
                write(f"      {note}")
        write("")

    def _explain_second_opinion(self, rules_for, text: str, options) -> None:
        from moderation.rules.semantic import raised, second_opinion
        from moderation.rules.word_model import word_model

        write = self.stdout.write
        write(
            "second opinion (raises to high when the rules say less, to urgent when "
            "the words sound urgent):"
        )
        found = second_opinion().opinion(text)
        if found is None:
            write("  embedding: heard nothing")
        else:
            write(
                f"  embedding: {found.category} (cosine {found.similarity:.2f}, "
                f"{found.sentence!r} nearest to {found.prototype!r})"
            )
        words = word_model()
        leaning = words.leaning(text)
        verdict = "heard" if words.far_enough(leaning) else "below"
        urgency = "sounds urgent" if words.sounds_urgent(leaning) else "not urgent"
        write(
            f"  word model: {leaning.category} {verdict} "
            f"({leaning.risk:.2f} of its weight on risk, "
            f"{words.threshold:.2f} needed); {urgency} "
            f"({leaning.urgency:.2f} on urgent, {words.urgent_threshold:.2f} needed)"
        )
        rules_say = assess_with(rules_for, text, new_account=options["new_account"])
        result = raised(rules_say, text)
        write(f"as screened: {result.level}  {', '.join(result.categories) or '-'}")
        write("")


def _distinct(rulesets) -> list:
    """Each rules file once (with --rules, every language reads the same file)."""
    seen = []
    for ruleset in rulesets:
        if ruleset not in seen:
            seen.append(ruleset)
    return seen
