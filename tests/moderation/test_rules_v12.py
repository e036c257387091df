"""Rules version 12: risk told in few words (everything taken beside a goodbye, a
cord tied and a wait, hurting herself as she writes, a goodbye from a height,
wanting to drop the baby, a neck held until she saw stars, a bleed that won't quit,
swelling that keeps her rings on), and everyday posts that borrowed alarm words (a
laugh that took her breath, fainting at a blood test, coffee overdone, a temperature
and an age read as a handful of pills, a nap that lasts forever, a grandmother about
to lose it with joy, a pump retired, crawling under a pew to die of shame)."""

import pytest

from moderation.rules import current_rules
from tests.moderation.rules_reading import assert_heard, assert_not_raised_by


def test_the_rules_file_is_version_twelve_or_later():
    assert current_rules().version >= 12


# (text, the level it must reach at least, the combination or rule that must hear it)
HEARD = [
    ("it's done. took them all. bye everyone", "urgent", "took_them_all_told"),
    (
        "swallowed the lot from the bathroom cabinet. sorry for everything",
        "urgent",
        "took_them_all_told",
    ),
    (
        "the rope's tied up in the loft. waiting for him to leave for work",
        "urgent",
        "ligature_ready_now",
    ),
    (
        "belt's already looped over the wardrobe door. thank you for everything",
        "urgent",
        "ligature_ready_now",
    ),
    ("im cutting right now and there's so much blood", "urgent", "self_harm_now"),
    (
        "burning myself again as i type, the lighter is so hot",
        "urgent",
        "self_harm_now",
    ),
    ("standing on the footbridge. love you all", "urgent", "goodbye_from_height"),
    ("i'm at the harbour wall. goodbye", "urgent", "goodbye_from_height"),
    ("honestly I want to drop her. I mean it.", "urgent", "drop_meant"),
    (
        "he gripped my throat until I couldn't see properly, then went to the pub",
        "urgent",
        "strangled_told",
    ),
    (
        "4 days after the section and it won't quit bleeding, soaked the bed",
        "urgent",
        "medical_emergency",
    ),
    (
        "two weeks out from having the baby, fingers so swole my rings won't come "
        "off and everything's gone blurry",
        "urgent",
        "preeclampsia_signs",
    ),
    (
        "6 days postpartum and I can barely breathe, my chest is tight",
        "urgent",
        "postpartum_red_flag",
    ),
    (
        "I fainted in the shower this morning, 5 days after the birth",
        "urgent",
        "postpartum_red_flag",
    ),
]


@pytest.mark.parametrize("text, at_least, rule_id", HEARD)
def test_risk_told_in_few_words_is_heard(text, at_least, rule_id):
    assert_heard(text, at_least, rule_id)


# Everyday posts: nothing raises them above low.
QUIET = [
    "lmao the baby sneezed mid feed and sprayed milk everywhere, i can't breathe",
    "crying laughing at the twins' dance, I literally cannot breathe",
    "Had my bloods done at 30 weeks and fainted on the poor nurse. Iron is fine.",
    "overdosed on coffee again, cleaned the oven at 6am",
    "I OD'd on the overdraft buying the cot, never again",
    "she's 11 months, temp of 38.4 after her jabs, feeding fine. Calpol or wait?",
    "Bub is 18 months, 39.1 tonight, been giving Nurofen, when do I worry?",
    "My son was born in 2019, I've taken lithium since and I'm well",
    "solo with the twins all day. I'm going to sleep forever. Or 40 mins, whichever",
    "nap time. going to sleep forever (until the next feed)",
    "Showed my mam the first steps video, she's going to lose it",
    "Decided to end it with the breast pump, formula from here on",
    "the toddler bit a child at playgroup, I wanted to crawl under the table and die",
    "took them all to the park, bye for now",
    "cutting the crusts off right now for the fussy one lol",
    "im on the pier for the fireworks with the kids, bye for now",
    "I'm so scared I'll drop him on the stairs, I hate these thoughts",
    "i cant breathe 😂😂 this thread is too much",
    "me and the toddler cannot breathe 🤣 the dog stole a whole pizza",
    "I think I've overdosed on the Quality Street, first Christmas with a baby",
    "how do I kill them? fruit flies everywhere since we started the purees",
    "cut her nails and nicked the finger skin, it bled a drop and I cried",
    "hot water bottle leaked and burned my leg a bit, best cream?",
    "phone on 2% and gonna die mid feed again",
    "Going to end it all... the group chat I mean, 400 unread",
    "Ready to end it with breastfeeding, 14 months and teeth",
    "Jumped into the lake with the kids for the first time since having her, "
    "felt so good",
    "she screamed for about 30 seconds after her jabs, gave Tylenol tonight",
]


@pytest.mark.parametrize("text", QUIET)
def test_an_everyday_post_that_borrows_alarm_words_stays_quiet(text):
    assert_not_raised_by(text)


@pytest.mark.parametrize(
    "text",
    [
        "i overdosed on 40 of my tablets an hour ago",
        "ive overdosed on heroin i think",
        "just overdosed",
    ],
)
def test_an_overdose_on_a_drug_is_still_an_emergency(text):
    assert_heard(text, "urgent", "medical_emergency")


def test_a_laughing_face_is_read_as_a_laugh():
    from moderation.rules.normalise import normalise

    assert normalise("i cant breathe 😂😂") == "i cant breathe lol"


def test_a_laugh_does_not_cancel_a_baby_who_is_not_breathing():
    """Only the mother's own breath is read beside a laugh: a baby who is not
    breathing is an emergency whatever else the post says."""
    assert_heard("lol I thought he was fine but he's not breathing", "urgent")


def test_a_midwife_who_said_it_was_normal_does_not_silence_worse_signs():
    assert_heard(
        "Midwife said the jaundice was normal on day 3. She's 5 days now, yellow to "
        "her eyes and she won't wake for feeds, she just flops.",
        "urgent",
    )
