"""More ways of saying it: an overdose told only by its effects, means "not for" their
everyday use, means ready at dark, farewells and decisions told sideways, the baby
driven away or taken along, psychosis and medical red flags in a parent's plain words,
threats and contempt at home, self-harm hidden; and the everyday posts that borrow the
same words (a goodbye letter to an old job, voices on the baby monitor, a spa weekend,
a toddler who locked her out)."""

import pytest

from moderation.rules.normalise import normalise
from tests.moderation.rules_reading import found, level, reaches

# (text, the level it must reach at least, the combination that must hear it)
RAISED = [
    # an overdose told by its effects, with no medicine named
    (
        "swallowed all of them an hour ago. getting really drowsy now",
        "urgent",
        "taken_and_fading",
    ),
    ("took the whole lot. its not anyones fault", "urgent", "taken_and_fading"),
    (
        "took every tablet in the house, feeling so dizzy",
        "urgent",
        "taken_and_fading",
    ),
    # means gathered and said not to be for their everyday use
    (
        "bought a rifle. told him it was for hunting. it isnt",
        "urgent",
        "means_not_for_that",
    ),
    (
        "picked up charcoal and tape today and its not for a bbq",
        "urgent",
        "means_not_for_that",
    ),
    # all her medicines with a bottle of spirits
    (
        "a bottle of whiskey and all of my sleeping pills on the bed",
        "urgent",
        "pills_and_drink",
    ),
    # means ready, waiting for the dark or the house to sleep
    (
        "the rope is in my bag. just waiting until its dark.",
        "urgent",
        "means_waiting",
    ),
    # farewells and decisions told sideways
    (
        "thank you for everything girls. tell my mam im sorry",
        "urgent",
        "goodbye_with_hint",
    ),
    (
        "ive decided how and when. its the right thing",
        "urgent",
        "decided_quietly",
    ),
    (
        "i know exactly what im going to do. not telling anyone, theyd only stop me",
        "urgent",
        "decided_quietly",
    ),
    (
        "wont be a burden to anyone after tomorrow. all sorted",
        "urgent",
        "resolved",
    ),
    (
        "so the kids wont be the ones who find me",
        "urgent",
        "resolved",
    ),
    (
        "rehomed the dog this morning. nothing left to sort now.",
        "urgent",
        "affairs_strong",
    ),
    # the baby taken along
    (
        "i wont leave him behind in this world without me. we go together tonight",
        "urgent",
        "baby_not_left_behind",
    ),
    (
        "strapped her into the car seat. were not coming back",
        "urgent",
        "baby_driven_away",
    ),
    (
        "kinder to take her with me. i cant go on",
        "urgent",
        "take_child_along",
    ),
    (
        "left her in the bath alone and walked out. i dont care what happens",
        "urgent",
        "baby_left_in_danger",
    ),
    (
        "smacked his leg so hard. hes 5 months. i want to do it again",
        "urgent",
        "hit_baby_and_again",
    ),
    (
        "i want him gone. i know how i could do it",
        "urgent",
        "wants_baby_gone_how",
    ),
    # on a high place now
    (
        "sitting on the ledge of the multi storey right now.",
        "urgent",
        "at_high_place_now",
    ),
    ("ctb 2nite. sry", "urgent", "suicide_with_time"),
    # psychosis said plainly
    (
        "someone is putting thoughts into my head at night",
        "urgent",
        "grandiose_or_interference",
    ),
    (
        "the midwife is working for them. i wont let her in",
        "urgent",
        "watched_or_plotted",
    ),
    (
        "theyve poisoned the formula, i can taste it",
        "urgent",
        "watched_or_plotted",
    ),
    # medical red flags as a parent sees them
    (
        "she has a high fever and her hands and feet are freezing cold",
        "urgent",
        "fever_with_meningitis_sign",
    ),
    (
        "found him face down in the bath and now hes really drowsy",
        "urgent",
        "near_drowning",
    ),
    (
        "hes choking on a piece of sausage and i cant get it out",
        "urgent",
        "choking_now",
    ),
    (
        "my toddler ate some of my iron tablets, not sure how many",
        "urgent",
        "child_swallowed",
    ),
    (
        "she bumped her head on the table and has been sick twice since",
        "urgent",
        "infant_red_flag",
    ),
    # abuse: threats and contempt
    (
        "he says if i ever leave him hell take the kids and ill never see them",
        "high",
        "abusive_relationship",
    ),
    (
        "he tells me every day im worthless",
        "high",
        "abusive_relationship",
    ),
    # self-harm hidden or done with her own hands
    ("i hit my own legs till theyre purple", "high", "self_harm_plain"),
    ("hiding the cuts under long sleeves again", "high", "self_harm_plain"),
    # death wishes in other words
    (
        "lowkey want to unalive ngl",
        "high",
        "wish_to_be_gone",
    ),
    (
        "on the motorway i think how easy it would be to just not turn at the bend",
        "high",
        "wish_to_be_gone",
    ),
    (
        "been googling methods. closed it. opened it again",
        "high",
        "researching_ways",
    ),
    (
        "my partner could find someone better to raise them. id get out of the way.",
        "high",
        "others_relieved_across",
    ),
    (
        "my son deserves better than me. im just in the way",
        "high",
        "others_relieved_across",
    ),
    ("honestly my family would be better off.", "high", "others_better_off"),
    (
        "i dont want her to be here without me. we should both go together",
        "urgent",
        "baby_not_left_behind",
    ),
    (
        "cant leave him here with them. hes coming with me",
        "urgent",
        "baby_not_left_behind",
    ),
    (
        "i think about just not turning the steering wheel at the corner",
        "high",
        "wish_to_be_gone",
    ),
    (
        "i'm only still here because of my daughter. im done with life",
        "high",
        "only_thing_keeping_me",
    ),
]


@pytest.mark.parametrize("text, at_least, rule_id", RAISED)
def test_another_way_of_saying_it_is_heard(text, at_least, rule_id):
    assert rule_id in found(text), (text, sorted(found(text)))
    assert reaches(level(text), at_least), text


# Everyday posts that borrow the same words, and fears that are not intent.
QUIET = [
    "wrote a goodbye letter to my old job, starting the new team monday",
    "we keep hearing voices on the baby monitor, its the neighbours monitor lol",
    "i just want to disappear into a spa for a weekend",
    "when she naps i want to crawl into bed and never wake up till shes 18",
    "tired of existing on toast and cold tea",
    "toddler locked me out of the house in my pyjamas",
    "the intrusive thoughts have mostly gone since i started medication",
    "if he asks why one more time im walking into the sea",
    "my baby at 3am is possessed i swear",
    "the universe is telling me to nap",
    "need to cut down on screen time before bed",
    "she makes grunting noises in her sleep but feeds like a champ",
    "took all of them to the park this morning, now im the sleepy one lol",
    "is it ok to drink vodka on sertraline, asking before the wedding",
    "got the charcoal in the boot, waiting til its dark for the fireworks",
    "standing on the bridge watching the boats right now",
    "watching a documentary about suicide tonight, heavy going",
    "three kids under five at costco on a saturday is a suicide mission",
    "put him in the pram and walked to the park, were not coming back before lunch",
    "its easier to take him with me, the creche is full",
    "googling ways to get her to nap longer than 30 minutes",
    "she choked on her water, coughed it up and laughed",
    "pulled her out of the pool, she loved it, so sleepy after all the fun",
    "high fever last week, hands and feet always cold in winter though",
    "my mum keeps putting ideas in my head about sleep training",
    "made a list for my mum of her routines for when i go back to work",
    "gave my sister the spare key so she can feed the cat",
    "the baby would be better off in her own room",
    "everyone would be better off with a nap",
    "can i have a glass of wine with my antidepressants",
    "cant leave her here with him, hes useless at bedtime",
]


@pytest.mark.parametrize("text", QUIET)
def test_an_everyday_post_with_alarming_words_raises_no_alarm(text):
    assert level(text) in ("none", "low"), (text, sorted(found(text)))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ctb tonite", "suicide tonight"),
        ("going 2nite", "going tonight"),
        ("i wnat to die", "i want to die"),
        ("tmr morning", "tomorrow morning"),
        ("took evrything sry", "took everything sorry"),
        ("bby is asleep", "baby is asleep"),
    ],
)
def test_texting_shorthand_is_spelt_out(text, expected):
    assert normalise(text) == expected
