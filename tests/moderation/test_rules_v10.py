"""Risk told by its parts: somewhere high or deep and going off it, means in hand with
a countdown, an act already done, a day she will not see, a threat to kill reported,
strangulation in plain words, harm to the baby planned, a parent's plain account of
medical red flags, and psychosis told without clinical words. And the everyday posts
that borrow the same words (a charity jump off the pier, a first bath done, a cold's
swollen throat, a toddler's different faces, a neck pillow, a joke about the bill)."""

import pytest

from tests.moderation.rules_reading import assert_heard, assert_not_raised_by

# (text, the level it must reach at least, the combination that must hear it)
RAISED = [
    # somewhere high or deep, going off it, with intent or a moment
    (
        "on top of the footbridge over the ring road. i'm going to jump.",
        "urgent",
        "leap_from_height",
    ),
    (
        "Sitting on the sea wall in the dark. Stepping off when the tide turns, "
        "going to do it tonight",
        "urgent",
        "leap_from_height",
    ),
    (
        "walked down to the estuary after the school run. tonight im walking into "
        "the water",
        "urgent",
        "leap_from_height",
    ),
    (
        "Climbed out onto the flat roof of our block. Not climbing back in.",
        "urgent",
        "not_back_from_height",
    ),
    (
        "at the old quarry with the car. i wont be going home tonight or ever",
        "urgent",
        "not_back_from_height",
    ),
    # means in hand, and a countdown or a question of enough
    (
        "the whole box of co codamol is in my hand. ten more minutes and then "
        "that's it",
        "urgent",
        "means_in_hand_now",
    ),
    (
        "would 25 of my quetiapine be enough? they're lined up on the bedside",
        "urgent",
        "means_in_hand_now",
    ),
    (
        "Checked how much of my lithium it takes. I've got plenty in the bathroom "
        "cabinet.",
        "urgent",
        "means_in_hand_now",
    ),
    (
        "My partner thinks I'm at a work do. Checked into a premier inn and "
        "everything I need is set out on the desk.",
        "urgent",
        "laid_out_unseen",
    ),
    (
        "up on the viaduct. going to let go of the railing when the next train passes",
        "urgent",
        "leap_from_height",
    ),
    (
        "my blister packs are laid out on the bed. three more minutes and then "
        "I'll swallow them all",
        "urgent",
        "means_in_hand_now",
    ),
    # already done
    (
        "I did it. the tiles are gone red and I'm so cold",
        "urgent",
        "done_it_bleeding_medical",
    ),
    (
        "ive done it. starting to feel woozy. please dont call anyone",
        "urgent",
        "done_it_bleeding",
    ),
    (
        "Already taken what I took. The kids are at my sister's.",
        "urgent",
        "already_taken_unnamed_medical",
    ),
    # a day she will not see, messages left for later
    (
        "won't make it to next spring. I've got it all planned",
        "urgent",
        "date_not_reached_planned",
    ),
    (
        "Recorded voice notes for my girls to listen to when they're older. I'm "
        "doing it on Thursday.",
        "urgent",
        "message_for_later_and_day",
    ),
    (
        "Is it better if my husband is the one who finds me? I'm going on Sunday.",
        "urgent",
        "set_and_found",
    ),
    ("Not seeing my 30th. I've decided.", "urgent", "date_not_reached_planned"),
    # a threat to kill, reported; strangulation told plainly
    (
        "my ex messaged me last night that he'll track us down and kill us both. "
        "I'm terrified",
        "urgent",
        "threat_to_kill_told",
    ),
    (
        "He swore he would kill my son if I tell the health visitor. He means it.",
        "urgent",
        "threat_to_kill_told",
    ),
    (
        "my husband grabbed me by the throat on the landing and I couldn't breathe",
        "urgent",
        "strangled_told",
    ),
    (
        "He had me against the car by my neck until everything went grey",
        "urgent",
        "strangled_told",
    ),
    (
        "Next door's boyfriend is shouting that he's going to kill her, she's crying",
        "urgent",
        "someone_threatened_to_kill",
    ),
    # harm to the baby, planned and meant
    (
        "going to leave the buggy at the edge of the canal and walk away. I mean it",
        "urgent",
        "baby_harm_planned",
    ),
    (
        "I'll drive me and him into the reservoir tomorrow. He's buckled in already.",
        "urgent",
        "baby_harm_planned",
    ),
    # medical red flags, told plainly
    (
        "tried her with scrambled egg for the first time and her face is swelling "
        "and she's wheezy",
        "urgent",
        "allergic_reaction",
    ),
    (
        "took the new antibiotics and within 10 mins my tongue feels thick and swollen",
        "urgent",
        "allergic_reaction",
    ),
    (
        "the kettle cord got pulled and boiling water went on his leg, the skin is "
        "blistering",
        "urgent",
        "burn_blistering",
    ),
    (
        "she tumbled off the changing table onto the lino and now she's very still "
        "and not really responding",
        "urgent",
        "fall_then_head_sign",
    ),
    (
        "toddler slipped down the stairs and banged his head, he's thrown up twice",
        "urgent",
        "fall_then_head_sign",
    ),
    (
        "my 2 year old chewed open a laundry capsule, she's drooling and coughing",
        "urgent",
        "child_swallowed",
    ),
    (
        "My episiotomy stitches are smelly and oozing and I'm shivering with a fever",
        "urgent",
        "wound_infection_spreading",
    ),
    (
        "had him 6 days ago, my hands have swollen up and I'm seeing spots",
        "urgent",
        "preeclampsia_signs",
    ),
    (
        "the left side of my face is drooping and my arm feels numb",
        "urgent",
        "stroke_signs",
    ),
    (
        "my stitches stink and i'm shivering, heart racing",
        "urgent",
        "wound_infection_spreading",
    ),
    # psychosis told plainly
    (
        "there's a woman following me who dresses as the health visitor",
        "urgent",
        "pursuer_in_disguise",
    ),
    (
        "someone is following us and keeps changing faces, this morning she was a "
        "midwife",
        "urgent",
        "pursuer_in_disguise",
    ),
    (
        "my son came with a message for the world, I'm the only one who can "
        "understand it",
        "urgent",
        "message_only_she_reads",
    ),
    (
        "they put a tracker in my arm during the c section so they can listen to us",
        "urgent",
        "implant_listening",
    ),
    (
        "started three businesses this week. so many ideas, mum says I'm talking "
        "too fast",
        "urgent",
        "racing_and_spending",
    ),
]


@pytest.mark.parametrize("text, at_least, rule_id", RAISED)
def test_risk_told_by_its_parts_is_heard(text, at_least, rule_id):
    """Each wording reaches its level through the combination written beside it."""
    assert_heard(text, at_least, rule_id)


# (text, the combination that must stay quiet on it)
NOT_THIS_RULE = [
    ("going to jump in the shower while he naps", "leap_from_height"),
    (
        "we're jumping off the jetty tonight for the sea swim club, freezing",
        "leap_from_height",
    ),
    (
        "the bus stops on the bridge, i'm stepping off when it pulls in",
        "leap_from_height",
    ),
    (
        "stepping off the ferry when it docks at the pier, then chips on the front",
        "leap_from_height",
    ),
    (
        "on the balcony with a cuppa, not going back in till the baby wakes",
        "not_back_from_height",
    ),
    (
        "the antibiotics are in my hand, two more minutes and then I'll take them "
        "with my lunch",
        "means_in_hand_now",
    ),
    (
        "is 5 ml of calpol enough for her? the bottle is in front of me",
        "means_in_hand_now",
    ),
    (
        "everything I need laid out for the hospital bag, he thinks I'm at the shops",
        "laid_out_unseen",
    ),
    ("did it! first night in her own room and no tears", "done_it_bleeding"),
    ("did it. the bath water went everywhere but she loved it", "done_it_bleeding"),
    (
        "I've already taken what I needed from the freezer for tea",
        "already_taken_unnamed",
    ),
    (
        "not making it to my birthday meal, it's all sorted for next week instead",
        "date_not_reached_planned",
    ),
    (
        "wrote letters for my kids to open when they're older, a memory box project",
        "message_for_later_and_day",
    ),
    (
        "he texted that he'll kill me if I forget the milk again lol",
        "threat_to_kill_told",
    ),
    (
        "in the film he tells her he'll kill us all and I was scared stiff",
        "threat_to_kill_told",
    ),
    ("he got me a neck pillow and squeezed my neck pillow flat", "strangled_told"),
    ("this flu has me by the throat, he's making me soup", "strangled_told"),
    ("my sister texted that she'll kill me if I'm late to her hen do haha", None),
    (
        "I leave the pram at the top of the steps and carry her down, I mean it, "
        "no lifts",
        "baby_harm_planned",
    ),
    ("the baby's lips are dry and a bit chapped", "allergic_reaction"),
    (
        "my throat is swollen from this cold and it hurts to swallow",
        "allergic_reaction",
    ),
    (
        "my new trainers gave me a blister, the skin's come off my heel",
        "burn_blistering",
    ),
    (
        "she rolled off the sofa onto the cushions and giggled, all fine",
        "fall_then_head_sign",
    ),
    (
        "my stitches feel hot and itchy, midwife says that's them healing",
        "wound_infection_spreading",
    ),
    ("my toddler pulls different faces at the postman", "pursuer_in_disguise"),
    (
        "I'm the only one who can read my husband's shopping lists",
        "message_only_she_reads",
    ),
    (
        "they put something in my back for the epidural and I loved it",
        "implant_listening",
    ),
    ("my eyelids are drooping and my arms are dead from rocking her", "stroke_signs"),
]


@pytest.mark.parametrize("text, rule_id", NOT_THIS_RULE)
def test_the_same_words_in_an_everyday_post_do_not_match(text, rule_id):
    """An everyday post sharing a combination's words raises no alarm and is not
    heard by that combination."""
    assert_not_raised_by(text, rule_id)


QUIET = [
    "Did it! Dyed my hair pink, the bath water's gone pink too haha",
    "Finally did it. Booked my six week check. Please don't call me brave lol.",
    "He grabbed her by the neck of her onesie to stop her rolling off the bed.",
    "My best friend dresses as the postman every Christmas for the kids.",
    "Took the baby on the ferry, stepping off when it docks is a nightmare.",
    "The burn from the oven tray has blistered up a bit on my wrist, aloe vera?",
    "He knocked his head on the table, a big bump, but he's laughing, not sick.",
    "Won't see next christmas at home, we're moving to Perth, it's all planned!",
    "The left side of my face is numb from the dentist and my arm is dead from "
    "the jab.",
    "Jumped in the sea at the pier with the swim club, wetsuit on, freezing!",
    "Off social media for Lent, be good to each other and I'll see you all at Easter!",
    "This time last year I was on so many meds, today I'm off them and feeling great.",
    "My mum took over all the night feeds this week and I slept, finally. Meds "
    "are working too.",
    "Killed it at the gym this morning, jumped off the box 20 times!",
    "The bridge of my nose is so sore from my glasses.",
    "We watched a drama last night where he texts her that he'll find them.",
    "Recipe: whisk the egg until the mixture puffs up, then hold it under the grill.",
    "The article said to call 999 if the baby's lips swell after a new food.",
    "First time trying egg today and she loved it, no reaction at all.",
    "My tea went cold again, and the skin on my hands is so dry from washing.",
    "He fell asleep on my chest and didn't cry once, bliss.",
    "The weather lady said a cold front is coming tonight, so get the washing in.",
    "Started two new hobbies this month, so many ideas for the garden.",
    "Stepped off the scales and cried, still 2 stone to go.",
]


@pytest.mark.parametrize("text", QUIET)
def test_an_everyday_post_with_the_same_words_raises_no_alarm(text):
    """Jokes, recipes, films, sport, colds and ordinary bumps stay quiet."""
    assert_not_raised_by(text)


# Version 11: devices are heard where a delusion puts them (a head, the walls, the
# smoke alarms, hidden or planted), not wherever the word "chip" or "bug" goes;
# getting off a train or a bus is not stepping off something high; a toddler's or a
# dog's hands are not her own; a blocked nose is not breathlessness; and a jump in
# at the pool is not going into the water with her child.
OLDER_RULES_RAISED_THESE = [
    "put the chips in the oven for tea",
    "there are bugs in the kitchen again, any tips for the flour cupboard",
    "the tracker in the app says she fed 8 times overnight",
    "got a chip in my tooth during labour from clenching so hard",
    "stepping off the train at the bridge stop, anyone know a good cafe near there",
    "he jumped off the wall at soft play and landed on his bum, so proud",
    "she pulled my hair so hard today, toddlers are brutal",
    "the dog bit my hand when I took his bone, my own fault",
    "can't breathe through my nose with this cold, any tips",
    "took the kids to the pool and she jumped in the deep end with her floaties",
]
STILL_URGENT = [
    "they put a chip in my head at the hospital and now they hear everything",
    "there are microphones hidden in the light switches, they report on me and the "
    "baby",
    "someone put cameras in the smoke alarms to watch me feed him",
    "the neighbours put cameras in the baby's room, I hear them through the wall",
    "i'm going to step off the bridge when the baby is asleep",
    "can't breathe, my chest is so tight and my lips have gone blue",
    "going to jump in the river with the baby tonight so we're together",
]


@pytest.mark.parametrize(
    "text",
    ["I pulled my hair out in clumps last night", "bit my arm till it bled again"],
)
def test_her_own_hands_on_herself_are_still_self_harm(text):
    assert_heard(text, "high", "self_harm_plain")


@pytest.mark.parametrize("text", OLDER_RULES_RAISED_THESE)
def test_everyday_posts_older_rules_raised_stay_quiet(text):
    assert_not_raised_by(text)


@pytest.mark.parametrize("text", STILL_URGENT)
def test_what_they_were_written_for_is_still_urgent(text):
    assert_heard(text, "urgent")
