"""Risk told without being named: a day set for "it", not coming back, lethal means
ready while the house is empty, soft goodbyes beside affairs in order, another person
who speaks of being a burden or has a plan, psychosis and abuse in plain words; and the
everyday posts that borrow the same words (a rope for a swing, a list for the nanny,
guardians named in a will, a pet rehomed to a farm, letters kept for a grown child)."""

import pytest

from tests.moderation.rules_reading import (
    assert_heard,
    assert_not_raised_by,
    found,
    level,
)

# (text, the level it must reach at least, the combination that must hear it)
RAISED = [
    # a day named for an act left unnamed, beside something dark
    (
        "sorted my will last week. its friday when the kids are at their nans",
        "urgent",
        "moment_for_it_dark",
    ),
    (
        "the insurance pays the mortgage now. sunday before anyones up.",
        "urgent",
        "moment_for_it_dark",
    ),
    # not coming back, with a near moment
    (
        "taking the dog out once hes asleep and not coming back",
        "urgent",
        "not_coming_back_soon",
    ),
    ("tonight i wont be here.", "urgent", "not_coming_back_soon"),
    # lethal means ready, at a moment she will be alone
    (
        "got dads rifle out of the cupboard. hes on nights from tonight",
        "urgent",
        "lethal_means_ready_alone",
    ),
    (
        "all my sleeping pills are on the bedside. the house to myself on saturday",
        "urgent",
        "lethal_means_ready_alone",
    ),
    (
        "took the pills out of the locked cabinet. kids are at nursery till three",
        "urgent",
        "lethal_means_ready_alone",
    ),
    ("sat with the blade all evening. this time i wont stop.", "urgent", None),
    # how many of her medicines it would take
    (
        "looked up how many of my tramadol it would take",
        "urgent",
        "means_how_many",
    ),
    # the means set up
    ("the cord is already tied in the garage.", "urgent", "means_set_up"),
    # going to a place, with a time or what she needs, beside something dark
    (
        "nobody would miss me. driving to the reservoir tonight",
        "urgent",
        "heading_to_place_dark",
    ),
    (
        "theyd be happier without me. walking to the tracks with what i need",
        "urgent",
        "heading_to_place_ready",
    ),
    # soft goodbyes beside affairs in order
    (
        "left instructions for him about everything. be kind to one another",
        "urgent",
        "soft_goodbye_with_affairs",
    ),
    ("my will is signed. im going tonight.", "urgent", "going_with_affairs"),
    (
        "stood on the bridge and didnt do it. tomorrow night",
        "urgent",
        "edge_again_soon",
    ),
    (
        "downing the lot with the gin once hes at work",
        "urgent",
        "the_lot_with_drink",
    ),
    (
        "counted them out. enough now. when the house is empty",
        "urgent",
        "counted_enough_alone",
    ),
    # long posts: affairs in order, a decision, an empty house, a one-way ticket
    (
        "Ive been so organised. Paid the car off, wrote down all the babys "
        "appointments for him. Everything is ready for after. I just feel calm.",
        "urgent",
        "affairs_and_calm",
    ),
    (
        "Told my sister shes the kids guardian now. She asked why. "
        "Ive sorted the rest.",
        "urgent",
        None,
    ),
    (
        "Dropped the kids with their dads. Came home to an empty house. My pills are "
        "lined up on the bench.",
        "urgent",
        "means_out_house_empty",
    ),
    (
        "Not going to be a problem for anyone much longer. Quietly putting things in "
        "place.",
        "urgent",
        None,
    ),
    (
        "My husband thinks Im better. Im just decided. The weekend he takes the boys "
        "away is when.",
        "urgent",
        "moment_for_it_dark",
    ),
    (
        "Scheduled a message to my friend to send tomorrow. By then it will be done.",
        "urgent",
        None,
    ),
    (
        "One way ticket to the coast. Left my phone in the drawer.",
        "urgent",
        "one_way_phone_left",
    ),
    # psychosis told plainly
    (
        "the coughs are messages, she is telling me which days are safe",
        "urgent",
        "signs_in_ordinary_things",
    ),
    (
        "the weatherman keeps looking straight at me through the tv",
        "urgent",
        "messages_for_me",
    ),
    (
        "theres someone living in our loft, i hear them at night",
        "urgent",
        "watched_or_plotted",
    ),
    (
        "my mum has been replaced by someone who looks exactly like her",
        "urgent",
        "impostor",
    ),
    ("the devil is getting closer to the baby every night", "urgent", None),
    ("the midwives swapped my daughter, i need to find the real one", "urgent", None),
    ("he hears my thoughts and answers me in my head", "urgent", "thoughts_heard"),
    # worry for someone else
    (
        "my brother posted see you on the other side and turned his phone off",
        "urgent",
        "someone_unreachable",
    ),
    (
        "my sister keeps saying shes in the way and we should forget her",
        "high",
        "someone_talks_of_ending",
    ),
    (
        "my dad says hes just a burden. he gave away his tools to my brother and "
        "now his phone is off",
        "urgent",
        "someone_gone_after_giving_away",
    ),
    (
        "my friend told me she has a plan and a date",
        "urgent",
        "someone_has_a_plan",
    ),
    # a baby left out and not cared for; violence near the baby
    (
        "left the baby outside in the cold. i dont care anymore.",
        "urgent",
        "baby_left_uncared",
    ),
    (
        "he threw the car seat across the kitchen with him still in it",
        "urgent",
        "violence_at_baby_in_it",
    ),
    ("he showed me the knife and said next time", "urgent", "abuser_danger_now"),
    (
        "he keeps a knife in the car and says its for me if i leave",
        "urgent",
        "abuser_danger_now",
    ),
    (
        "he dragged the baby off the sofa by her leg",
        "urgent",
        "rough_with_the_baby",
    ),
    (
        "going to give him all of the medicine so he never wakes up",
        "urgent",
        "baby_given_all_medicine",
    ),
    # the writer's own thoughts, told sideways
    (
        "i keep picturing steering into a tree on the motorway",
        "high",
        "thinks_of_crashing",
    ),
    (
        "tired of being the burden. everyone would be better off",
        "high",
        "burden_and_better_off",
    ),
    (
        "if i got really ill and died i wouldnt fight it",
        "high",
        "passive_accept",
    ),
    (
        "nobody would be sad for long if i went",
        "high",
        "not_missed",
    ),
    ("he swallowed one of those magnets off the fridge", "urgent", None),
    ("i lie awake imagining being gone.", "high", "wish_to_be_gone"),
    (
        "the car is packed and ive got the baby in the back. were not coming home",
        "urgent",
        "baby_driven_away",
    ),
    ("i have enough pills saved. wednesday", "urgent", "means_enough"),
    ("wrote my goodbye letters last night. put them with my will", "urgent", None),
    (
        "i wont leave her to this world. were going together",
        "urgent",
        "baby_not_left_behind",
    ),
]


@pytest.mark.parametrize("text, at_least, rule_id", RAISED)
def test_risk_told_without_naming_it_is_heard(text, at_least, rule_id):
    assert_heard(text, at_least, rule_id)


# (text, the combination that must stay quiet on it)
NOT_THIS_RULE = [
    ("its saturday when hes at work, the party. cake is done", "moment_for_it_dark"),
    ("not coming back till late tonight, date night!", "not_coming_back_soon"),
    (
        "ive got the rope out for the tree swing, the kids are at school",
        "lethal_means_ready_alone",
    ),
    ("how many days does it take for the antibiotics to work", "means_how_many"),
    ("tied the rope to the tent already, camping saturday", "means_set_up"),
    ("this time i wont stop at one biscuit lol", None),
    ("got her meds out of the locked cabinet for the 8am dose", None),
    ("heading to the river tonight for the fireworks", "heading_to_place_dark"),
    ("thanks for being here, left instructions for the nanny", None),
    ("im going tonight, the wedding is at six", "going_with_affairs"),
    (
        "stood at the edge of the pool and couldnt do it, lessons tomorrow",
        "edge_again_soon",
    ),
    ("taking the lot to the party tonight with the wine", "the_lot_with_drink"),
    ("everything is connected to the new router now", "signs_in_ordinary_things"),
    ("mice living in our loft, the exterminator comes monday", "watched_or_plotted"),
    ("my sister says shes a burden on nobody", "someone_talks_of_ending"),
    (
        "he gave his brother his old car. his phone is off, hes at the footy",
        "someone_gone_after_giving_away",
    ),
    ("my sister has a plan and a date for the wedding", "someone_has_a_plan"),
    (
        "i leave him out in the pram in the garden for naps, he loves it",
        "baby_left_uncared",
    ),
    (
        "he accidentally knocked the bouncer with her in it, she giggled",
        "violence_at_baby_in_it",
    ),
    ("i think about driving into town for the sales", "thinks_of_crashing"),
    ("talking to myself in my head to stay calm", "thoughts_heard"),
    (
        "he pulled her out of the bath by her arms and she giggled",
        "rough_with_the_baby",
    ),
    (
        "gave her all of the calpol dose and she never woke up once all night",
        "baby_given_all_medicine",
    ),
    (
        "i feel like a burden on my mum asking for help but shes happy to",
        "burden_and_better_off",
    ),
]


@pytest.mark.parametrize("text, rule_id", NOT_THIS_RULE)
def test_the_same_words_in_an_everyday_post_do_not_match(text, rule_id):
    assert_not_raised_by(text, rule_id)


QUIET = [
    "Bought a rope for the tree swing and a tarp for the cubby, weekend sorted.",
    "Made a list of her routines for the new nanny. She starts Monday.",
    "Wills done, guardians chosen, the solicitor asked who gets the kids if we both "
    "die. Grim but a relief.",
    "We rehomed our cat this week, we couldnt give him the attention he needs. He's "
    "gone to a family with a farm.",
    "I cut my hair short and dyed it pink. He says he likes it.",
    "I write letters to my daughter every month to give her when she's older.",
    "Nobody would notice if I skipped the school gate chat today, right?",
    "I swear this baby is possessed at 3am, the noises she makes!",
    "Dreamt I lost the baby at the supermarket, woke up in a panic. Anxiety dreams!",
    "Drove to the bridge to watch the fireworks with the kids.",
    "Said goodbye to my counsellor today, I'm ready to go it alone.",
    "Rehoming the dog broke my heart but he's happy now.",
    "The health visitor asked if I'd had thoughts of harming myself and I said no, "
    "honestly I'm doing fine.",
    "Final day at this job, packed my desk and said my goodbyes. New chapter!",
    "Heading to the bridge tonight to see the Christmas lights with the kids.",
    "Got all my tablets out of the cupboard to sort the out of date ones. Hubby's "
    "away till Sunday.",
    "Everything is connected now, the smart plugs, the lights, the heating.",
    "My sister said she's a burden on the NHS with all her appointments lol.",
    "Nobody would be upset for long if I went to the gym instead of the party.",
    "Tonight I won't be here, I'm at my sister's hen do. Hubby has the kids.",
    "My will is signed and the guardians are sorted. Be kind to each other, it's a "
    "reminder to do yours!",
    "Couldn't do it because the baby woke up, going to the river walk again tomorrow.",
    "My husband gave away his golf clubs, says he won't need them with the twins "
    "coming.",
    "My friend has a plan and a date for her gender reveal.",
    "Nobody would miss me at book club tonight, I'm skipping.",
    "Paid the car off today! Feels amazing, so calm knowing it's done.",
    "Cancelled my gym membership, no time with a newborn. Everything is ready for "
    "the baby now.",
    "Told my sister she's the baby's guardian if anything happens, we did our wills.",
    "The weekend he takes the boys fishing is when I finally paint the nursery.",
    "I'm just decided, no more breastfeeding. Bottles from tomorrow.",
    "Scheduled a message to remind everyone about the party. By then it will be "
    "done, the cake I mean.",
    "Home alone tonight, the tablets are on the bench in case my migraine comes back.",
    "One way ticket to Perth for the new job! Left my phone charger at home though.",
    "Wrote my goodbye letters to my colleagues, last day Friday.",
    "I've got the baby in the back, we're not coming home till late.",
    "I have enough nappies saved for a month.",
    "He showed me the knife he bought for the kitchen, fancy Japanese one.",
    "My friend said she wishes she'd never wake up early again lol, toddler at 5am.",
]


@pytest.mark.parametrize("text", QUIET)
def test_an_everyday_post_with_the_same_words_raises_no_alarm(text):
    assert level(text) == "none", (text, sorted(found(text)))


def test_a_time_named_only_to_be_refused_does_not_make_it_urgent():
    """ "Not going to do anything tonight" names the night to say no to it."""
    text = "nobody would be sad for long if i went. im not going to do anything tonight"
    assert level(text) == "high"
    assert level("nobody would be sad for long if i went. tonight") == "urgent"


def test_being_gone_for_a_weekend_away_is_not_a_wish_to_die():
    assert level("imagining being gone for a whole weekend at the spa") == "none"
