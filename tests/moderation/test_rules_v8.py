"""Long posts that tell an ending by what has been made ready: a last sorry or thank
you beside everything set for a moment, the calm after deciding, means gathered for a
time she will be alone, a place looked over; hurt told in the past with the one who
did it near now; another person showing the last signs; a baby swapped in the night.
And the everyday posts that borrow the same words (a goodbye at a leaving do, a
decision about weaning, savings for a pram, photos at the lake, a toddler's kick)."""

import pytest

from moderation.rules import current_rules
from tests.moderation.rules_reading import (
    assert_heard,
    assert_not_raised_by,
    found,
    level,
)

# (text, the level it must reach at least, the combination that must hear it)
RAISED = [
    # a last word, and something set for an act left unnamed
    (
        "Sorry for being such a let down to you all. The kids are at their nan's "
        "till Monday and I've got everything I need.",
        "urgent",
        "final_word_set_to_go",
    ),
    (
        "thank you all for putting up with me this year. its all ready for tonight",
        "urgent",
        "final_word_set_to_go",
    ),
    (
        "Handed my cousin my eternity ring and said I want her to have it now. "
        "Wednesday while the boys are at school.",
        "urgent",
        "final_word_set_to_go",
    ),
    (
        "sorry i couldnt be a better mam. ill not be here when they wake up",
        "urgent",
        "final_word_set_to_go",
    ),
    # the calm after a decision, and a moment or things made ready
    (
        "Honestly a lot calmer now that I've made my mind up. Just waiting for the "
        "right night.",
        "urgent",
        "calm_since_deciding_set",
    ),
    (
        "made my peace with it. hes away all week and its all set for tomorrow",
        "urgent",
        "calm_since_deciding_set",
    ),
    # means gathered, a moment she will be alone
    (
        "I've been stashing my tablets since October. Waiting till the house is "
        "asleep.",
        "urgent",
        "gathered_waiting_alone",
    ),
    (
        "i reckon ive got more than it takes now. the kids are with their dad all "
        "weekend",
        "urgent",
        "gathered_waiting_alone",
    ),
    (
        "Got the pills here. Partner at work. Kids at daycare.",
        "urgent",
        "medicine_ready_alone",
    ),
    # a place looked over
    (
        "Found the right spot off the old quarry, nobody walks there at night. "
        "Thursday I'm not coming back.",
        "urgent",
        "place_scouted_dark",
    ),
    # hurt told plainly, the one who did it near now
    (
        "he smacked my head off the door on friday. hes back at 4 and took my car keys",
        "urgent",
        "hurt_then_near",
    ),
    (
        "Got thrown against the fridge last week. She says next time she'll finish me.",
        "urgent",
        "hurt_then_near",
    ),
    (
        "My partner choked me on Saturday. He's downstairs now.",
        "urgent",
        "hurt_then_near",
    ),
    # another person showing the last signs
    (
        "My flatmate has put her affairs in order and keeps hugging everyone. She "
        "had the baby in June.",
        "urgent",
        "someone_final_signs",
    ),
    (
        "my wife says she knows the way out now. she's home alone with our son",
        "urgent",
        "someone_final_signs",
    ),
    (
        "A girl from my antenatal class apologised for being a burden and thanked "
        "us all for everything, now her phone is off.",
        "urgent",
        "someone_final_signs",
    ),
    (
        "my mate slapped her across the face at the bbq and now she's locked in "
        "the toilet",
        "urgent",
        "someone_hurt_near",
    ),
    # a baby swapped in the night
    (
        "They took my baby and left a different one. I can tell.",
        "urgent",
        "baby_swapped_plain",
    ),
    (
        "the midwives switched him in the night",
        "urgent",
        "baby_swapped_plain",
    ),
    # other people, plain: a double, messages spelled out
    (
        "my dad has been swapped. he talks the same but its not him",
        "urgent",
        "impostor",
    ),
    (
        "the billboards spell out messages to me on the way to the shops",
        "urgent",
        None,
    ),
    # a thought that no longer frightens
    (
        "The thought of hurting her used to scare me but now it doesn't.",
        "urgent",
        "harm_thought_unafraid",
    ),
    # Irish, Australian and New Zealand ways of saying it
    (
        "love yous all. sorry for being such a pain. its time.",
        "urgent",
        None,
    ),
    (
        "Mind yourselves. Dropping the kids at my mam's and I won't be coming back.",
        "urgent",
        "final_word_set_to_go",
    ),
    (
        "I'm finally at peace. It's happening on Saturday.",
        "urgent",
        "calm_since_deciding_set",
    ),
    (
        "Rang everyone I love tonight just to say it. The gas bottle is in the boot.",
        "urgent",
        "final_word_set_to_go",
    ),
    (
        "Gave my good coats to the hospice shop. Everything's sorted for after. "
        "It's tonight.",
        "urgent",
        None,
    ),
    (
        "he forced himself on me again. hes asleep beside me and im too scared to "
        "breathe",
        "urgent",
        "hurt_then_near",
    ),
    (
        "popped him in the full bath and walked away. not bothered what happens",
        "urgent",
        None,
    ),
    # round-about ways, US, AU and IE registers
    (
        "Picked up the last of what I need at the drugstore. Kids are at their "
        "dad's this weekend. Sorry to everyone who helped.",
        "urgent",
        "final_word_set_to_go",
    ),
    (
        "Said goodbye to the kids while they slept. Nobody will hear from me again.",
        "urgent",
        "final_word_set_to_go",
    ),
    (
        "my sister thinks the postman is a spy and strangers keep following her home",
        "urgent",
        None,
    ),
    (
        "The baby's not really mine, I have to give him back.",
        "urgent",
        None,
    ),
    (
        "i want her gone. i could make it look like sids. not even upset thinking "
        "about it",
        "urgent",
        "harm_thought_unafraid",
    ),
    (
        "He cracked my ribs at Easter. He's been sitting outside the house for hours.",
        "urgent",
        "hurt_then_near",
    ),
    # another's last signs and psychosis told by a partner
    (
        "My husband left his wedding ring on the kitchen table this morning and "
        "now his phone goes to voicemail.",
        "urgent",
        "someone_final_signs",
    ),
    (
        "My wife says signals come to her through the telly about our son. She "
        "says she doesn't need sleep anymore.",
        "urgent",
        None,
    ),
    (
        "I can't see any other way. Been getting everything ready all week. "
        "Heading to the river before anyone's up.",
        "urgent",
        None,
    ),
    (
        "Found a calm I haven't felt in years. Everything's ready in the boot. "
        "Tomorrow while he's at work.",
        "urgent",
        "calm_since_deciding_set",
    ),
    (
        "he slapped me on friday and broke my glasses. said im going to pay for it "
        "when hes home tonight",
        "urgent",
        "hurt_then_near",
    ),
    # at a station not to travel; letters kept, then it is done
    (
        "on the platform at the train station. not getting on any train. love you all",
        "urgent",
        "at_station_not_boarding",
    ),
    (
        "The cards I wrote for my daughter are in the drawer. I just need everyone "
        "to go to bed tonight and then it's done.",
        "urgent",
        None,
    ),
    # a crying baby made quiet for good; cameras in a baby; fire threatened
    (
        "the screaming never ends. tonight im going to shut her up for good",
        "urgent",
        "harm_for_good_baby",
    ),
    (
        "They've put a microphone in my baby's teddy and they're using him to "
        "listen to us.",
        "urgent",
        "watched_or_plotted",
    ),
    (
        "he's threatened to set fire to the flat with me and the kids inside",
        "urgent",
        None,
    ),
    (
        "my best friend gave me her nan's necklace and asked me to keep it. her "
        "husband says she's been up all night writing letters",
        "urgent",
        "someone_final_signs",
    ),
    # everyday words for affairs and places, New Zealand and Australian
    (
        "Changed my super so it goes to the kids. Not that it matters now. Sunday "
        "when they're at their nan's.",
        "urgent",
        "moment_for_it_dark",
    ),
    (
        "Ute's full of what I need. Parked at the lookout. Tell mum I'm sorry.",
        "urgent",
        "final_word_set_to_go",
    ),
    (
        "hes threatening to drive us off the road with the baby in the car",
        "urgent",
        None,
    ),
    (
        "our neighbour from the group says she's finally free and she's sorry, "
        "nobody can reach her",
        "urgent",
        "someone_final_signs",
    ),
    (
        "my partner keeps saying she needs to cleanse the baby in the river",
        "urgent",
        "baby_purified",
    ),
    # means hidden or bought for a time he is out; keys to keep; nobody's fault
    (
        "Hid the pills behind the boiler. Dropping the baby to his nan's and then "
        "I'm free.",
        "urgent",
        "gathered_waiting_alone",
    ),
    (
        "Bought a hose at the hardware shop. My husband works late on Wednesdays.",
        "urgent",
        "lethal_means_ready_alone",
    ),
    (
        "Gave my brother my bike and told him he can keep it. I've got it all "
        "worked out for Friday.",
        "urgent",
        "final_word_set_to_go",
    ),
    (
        "None of this is your fault, mum. It's tomorrow after the school run.",
        "urgent",
        None,
    ),
    (
        "my aunt keeps talking about her own funeral and gave her wedding ring to "
        "my mum",
        "urgent",
        "someone_final_signs",
    ),
    (
        "He strangled me in the hall and said next time he won't stop. He's "
        "collecting the kids now.",
        "urgent",
        "hurt_then_near",
    ),
    # nobody left to deal with anything; a sentence that is only a moment
    (
        "Sorted the bills so my wife won't have to deal with anything. Once she's "
        "at work.",
        "urgent",
        "moment_for_it_dark",
    ),
    (
        "i just wanted yous to know i tried. packed the boys bags ready for their "
        "dad. i know which bridge.",
        "urgent",
        "final_word_set_to_go",
    ),
    (
        "She keeps saying none of it will matter after the weekend and she gave "
        "away her dog.",
        "urgent",
        "someone_final_signs",
    ),
    ("My son isn't a real baby. I can see it in his face.", "urgent", None),
    # a baby's thoughts obeyed; him at home with them; the door locked after
    (
        "my partner says she can hear our son's thoughts and they told her to "
        "take him to the lake",
        "urgent",
        "told_to_harm_baby",
    ),
    (
        "my cousin's boyfriend slammed her against the wall last night, he's at "
        "home with the baby now",
        "urgent",
        "someone_hurt_near",
    ),
    (
        "He punched my arm black and blue and has locked the back door.",
        "urgent",
        "hurt_then_near",
    ),
]


@pytest.mark.parametrize("text, at_least, rule_id", RAISED)
def test_risk_told_by_what_is_made_ready_is_heard(text, at_least, rule_id):
    assert_heard(text, at_least, rule_id)


# (text, the combination that must stay quiet on it)
NOT_THIS_RULE = [
    (
        "sorry for everything I said at the bbq, the kids are at their nan's so "
        "call me",
        "final_word_set_to_go",
    ),
    (
        "Thanks for being so kind! Got everything I need for the baby shower now.",
        "final_word_set_to_go",
    ),
    (
        "much calmer since I decided on formula, waiting for the right time to "
        "tell my mum",
        "calm_since_deciding_set",
    ),
    (
        "stashing chocolate in the wardrobe, the house to myself tonight",
        "gathered_waiting_alone",
    ),
    (
        "got the pills from the pharmacy, kids at daycare so im catching up on sleep",
        "medicine_ready_alone",
    ),
    (
        "found the perfect spot by the lake for a picnic, nobody goes there at "
        "night so its quiet",
        "place_scouted_dark",
    ),
    (
        "my toddler kicked me in the face, hes asleep in his cot now",
        "hurt_then_near",
    ),
    (
        "my aunt put her affairs in order before moving to Brisbane",
        "someone_final_signs",
    ),
    (
        "my sister thanked us all for everything at her leaving do, new job in Galway",
        "someone_final_signs",
    ),
    (
        "the nurses swapped her cot in the night for a warmer one",
        "baby_swapped_plain",
    ),
]


@pytest.mark.parametrize("text, rule_id", NOT_THIS_RULE)
def test_the_same_words_in_an_everyday_post_do_not_match(text, rule_id):
    assert_not_raised_by(text, rule_id)


QUIET = [
    "I've made my mind up, I'm going back to work in March. Feel so much lighter.",
    "Gave my sister my old engagement ring to sell for me, the kids are at school.",
    "The house is quiet for once, both kids asleep by 7. Goodnight everyone!",
    "Saved up enough for a new pram, waiting for the Black Friday sale.",
    "Said sorry to my mum for the fight at Christmas, we're good now.",
    "Took all my antibiotics like the GP said, finished the course and it's cleared.",
    "Deleted all my social media except this group, best decision ever.",
    "This is the last thing I'll post for a while, off on holiday tomorrow!",
    "I've set a date for going back to swimming and it's Friday.",
    "My husband put his back out lifting the cot, he threw his back out properly.",
    "Mind yourselves out there tonight, black ice on the back roads.",
    "I'm not going back out tonight, the kids are at my mam's and I'm in my pyjamas.",
    "Wrote him a card for our anniversary, I've got everything ready. Friday!",
    "Saving my codeine for when the pain gets bad at night, the GP said that's fine.",
    "Put everything in order before the baby arrives, feeling calm. Due Monday.",
    "Love yous all, best group going. Goodnight everyone!",
    "Picked up the last of the nappies I need. Kids are at their dad's, so sorry "
    "for the quiet week.",
    "You won't hear from me for a fortnight, off camping with no signal!",
    "My mate's been following me on Instagram for years and never liked a post.",
    "Parked outside the school for an hour waiting for pick up, so bored.",
    "My cousin gave away the cot now he's two, she said she won't need it.",
    "I can't see any other way to get him to sleep than feeding him to sleep.",
    "Found a calm I haven't felt since before the twins, yoga is magic.",
    "Hiding in the pantry eating chocolate while my husband does bath time.",
    "At the train station, not getting on the train till the rush is over.",
    "Is there a camera in the baby monitor that records? Want to see her breathing.",
    "My toddler looks like a little gremlin when he's tired, honestly.",
    "He only hits me with his dummy when he's drunk on milk lol, the baby I mean.",
    "My sister said 'look after him for me' because she's off to a hen do.",
    "Picked up my script, three months of it, GP is happy with me. Netflix night.",
    "Got the devil out of him with a long nap and a bottle, lol.",
    "So this is goodbye to the baby group, she turns 2 today! Toddler group next.",
    "Bought a hose for the garden, my husband works late so I'll set it up.",
    "Told my GP I'm doing better so she'd stop worrying, and I am! Feeling great.",
    "Mum has sorted who will look after the kids when we go to Bali, so grateful.",
    "Once he's asleep tonight I'm wrapping presents, the house is chaos.",
    "My husband dragged me out of bed to see the frost, the baby loved it.",
    "Mum told me to leave him in the pram for his nap, game changer.",
]


@pytest.mark.parametrize("text", QUIET)
def test_an_everyday_post_with_the_same_words_raises_no_alarm(text):
    assert level(text) == "none", (text, sorted(found(text)))


def test_a_decision_about_feeding_is_not_a_decision_to_end_it():
    """The calm after deciding is heard only beside a moment or things made ready."""
    assert level("so much calmer since i decided to stop pumping") == "none"
    assert level("so much calmer since i decided. its all ready for tonight") == (
        "urgent"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Took all my tablets for the mastitis and it's finally cleared. Finish the "
        "course, ladies!",
        "took all the antibiotics like the GP said and the chest infection has "
        "cleared up",
        "I won't be here by morning, we're flying out at 5am for Christmas with his "
        "family. Merry Christmas all x",
        "Won't be online for two weeks, off on holiday to Cornwall with the kids!",
    ],
)
def test_a_finished_course_and_a_trip_away_are_everyday(text):
    assert_not_raised_by(text)


@pytest.mark.parametrize(
    "text, category",
    [
        ("took all my tablets, the whole course of them at once, goodbye", None),
        ("Took all my tablets. Everything is going fuzzy", "medical_emergency"),
        ("I won't be here by morning. I'm sorry.", "suicidal_thoughts"),
        (
            "I won't be here by morning, flying out of this life, goodbye",
            "suicidal_thoughts",
        ),
    ],
)
def test_the_same_words_with_an_ending_stay_urgent(text, category):
    assert_heard(text, "urgent")
    if category is not None:
        assert category in current_rules().assess(text).categories
