"""Score the rules on labelled texts: level, urgent recall, everyday quiet, categories.

python manage.py score_rules moderation/rules/corpus/heldout.jsonl
python manage.py score_rules corpus.jsonl --rules /tmp/edited-rules.json --misses
python manage.py score_rules corpus.jsonl --rules-alone
python manage.py score_rules new-corpus.jsonl --as-unseen

Texts are read as posts are screened: the rules, then the second opinion.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from moderation.management.reading import add_reading_arguments, second_opinion_wanted
from moderation.rules import RulesFileError, current_rules, load_rules
from moderation.rules.engine import DEFAULT_PATHS, assess_with
from moderation.rules.scoring import CorpusError, read_corpus, report, score


class Command(BaseCommand):
    help = (
        "Score the risk rules on labelled JSON Lines files ({text, level, "
        "categories}): level accuracy, urgent recall, everyday posts raised, and "
        "precision and recall per category."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("corpus", nargs="+", help="JSON Lines files to score.")
        parser.add_argument(
            "--rules", metavar="PATH", help="Score this rules file instead."
        )
        parser.add_argument(
            "--misses",
            action="store_true",
            help="Also list every text whose level or categories differ.",
        )
        add_reading_arguments(parser)
        parser.add_argument(
            "--as-unseen",
            action="store_true",
            help=(
                "The second opinion's readers learn from every development corpus "
                "except the ones scored, as if those were new texts."
            ),
        )

    def handle(self, *args, **options):
        with_second_opinion = second_opinion_wanted(options)
        if options["as_unseen"] and not with_second_opinion:
            raise CommandError("--as-unseen needs the second opinion, which is off.")
        try:
            if options["rules"]:
                assess = load_rules(options["rules"]).assess
            else:
                for language in DEFAULT_PATHS:
                    current_rules(language)

                def assess(text, **kwargs):
                    return assess_with(current_rules, text, **kwargs)

            entries = [e for path in options["corpus"] for e in read_corpus(path)]
        except (RulesFileError, CorpusError, OSError) as exc:
            raise CommandError(str(exc)) from None
        if with_second_opinion:
            assess = _with_second_opinion(
                assess, options["corpus"], options["as_unseen"]
            )
        result = score(entries, assess)
        for line in report(result):
            self.stdout.write(line)
        if options["misses"]:
            self.stdout.write("")
            for entry, got in result.misses:
                self.stdout.write(
                    f"{entry.level:>6} -> {got.level:<6} "
                    f"{sorted(entry.categories)} -> {list(got.categories)} "
                    f"{list(got.rules)}  {entry.text}"
                )


def _with_second_opinion(assess, scored, as_unseen: bool):
    from moderation.rules.semantic import SecondOpinion, with_second_opinion
    from moderation.rules.word_model import CORPORA, WordModel

    if not as_unseen:
        return with_second_opinion(assess)
    scored = {Path(path).resolve() for path in scored}
    others = [path for path in CORPORA if path.resolve() not in scored]
    return with_second_opinion(
        assess, SecondOpinion(prototype_files=others), WordModel(corpus_files=others)
    )
