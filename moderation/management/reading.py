"""How assess_text and score_rules read a text: by default as posts are screened,
the rules and then the second opinion (unless KINDRED_SECOND_OPINION turns it off)."""

from django.conf import settings


def add_reading_arguments(parser) -> None:
    reading = parser.add_mutually_exclusive_group()
    reading.add_argument(
        "--rules-alone",
        action="store_true",
        help="Read with the rules alone, as chat lines are (to judge a rules edit).",
    )
    reading.add_argument(
        "--second-opinion",
        action="store_true",
        help="Add the second opinion even where KINDRED_SECOND_OPINION is off.",
    )


def second_opinion_wanted(options) -> bool:
    if options["rules_alone"]:
        return False
    return options["second_opinion"] or settings.SECOND_OPINION
