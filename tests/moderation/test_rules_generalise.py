"""Ways of saying it that no phrase list foresaw: means gathered "enough now", a plan
with a date, arrangements for after, other people's relief across sentences, voices
that give orders, being followed for the baby, plain past-tense abuse, sepsis signs
after birth, a child who swallowed tablets; and the everyday words that only look
alarming (second-hand "SH", "KMS =", a lie-in, a leaflet of warning signs)."""

import pytest

from moderation.rules.normalise import normalise
from tests.moderation.rules_reading import found, level

# (text, the level it must reach at least, the rule or combination that must hear it)
RAISED = [
    # means gathered and said to be enough, no death word at all
    (
        "got my old antidepressants in a ziplock, months of them. i know its enough",
        "urgent",
        "means_enough",
    ),
    (
        "bought a second box of paracetamol from another chemist, theres enough now",
        "urgent",
        "means_enough",
    ),
    # means at hand while alone and waiting
    (
        "the belt is tied to the banister already. havent told a soul",
        "urgent",
        "means_and_alone",
    ),
    (
        "his rifle is in the wardrobe and i know where the key is. kids are at my mums",
        "urgent",
        "means_and_alone",
    ),
    # ending named with a near time
    ("im going to end it once hes at work tomorrow", "urgent", "ending_with_time"),
    ("gonna neck myself after the 2am feed", "urgent", "ending_with_time"),
    # a decision made, with a date, calm or dark
    (
        "ive picked the date, the 14th. everything is sorted now. i feel so calm",
        "urgent",
        "decided_and_calm",
    ),
    ("ive made up my mind, im going to kill myself", "urgent", "ending_decided"),
    (
        "researching which bridge is highest round here, im going on sunday",
        "urgent",
        "research_with_time",
    ),
    # arrangements for after her death
    (
        "told my brother where the insurance papers are and which songs i want played",
        "urgent",
        "affairs_strong",
    ),
    (
        "deleted all my socials and gave my dog to my neighbour. goodbye everyone",
        "urgent",
        "affairs_and_goodbye",
    ),
    # other people's relief, across sentences
    (
        "theyd get over it. kids are resilient. im just dead weight",
        "high",
        "others_relieved_across",
    ),
    # the baby shaken, said plainly
    ("i shook her. she's 5 weeks and now shes gone quiet", "urgent", "shook_the_baby"),
    # voices that give orders; followed by people who want the baby
    (
        "a voice in the walls keeps telling me to hide the baby",
        "urgent",
        "voices_command",
    ),
    (
        "the midwives are following me, they want him back",
        "urgent",
        "followed_for_baby",
    ),
    # plain, short abuse with what traps her
    ("he hurts me. i have nowhere to go", "high", "hurt_by_him_trapped"),
    ("hes been hitting me since i got pregnant", "high", "hurt_by_him_trapped"),
    # medical: sepsis signs after birth, a child who swallowed something
    (
        "temperature of 39.2 and shivering, 6 days after the birth",
        "urgent",
        "unwell_after_birth",
    ),
    (
        "my 2 year old got into my iron tablets, not sure how many hes had",
        "urgent",
        "child_swallowed",
    ),
    # many tablets with a near time; a ligature or blade in use; a farewell
    (
        "ive got 60 of my tablets saved in a jar. tonight when hes asleep",
        "urgent",
        "many_pills_with_time",
    ),
    (
        "i tied a scarf to the banister. i just need five minutes alone",
        "urgent",
        "means_in_use",
    ),
    (
        "im sorry everyone. i love my babies. please make sure they know",
        "urgent",
        "final_goodbye",
    ),
    (
        "i want you all to know its not your fault. ive made my choice",
        "urgent",
        "decided_farewell",
    ),
    # the baby: harm agreed with, the how thought through, wanted gone
    (
        "my head is telling me to hurt the baby and im starting to think its right",
        "urgent",
        "harm_thought_agreed",
    ),
    (
        "i should end both our lives, me and my son, ive worked out how",
        "urgent",
        "baby_with_her_planned",
    ),
    ("i feel nothing for her and sometimes i want her gone", "high", "wants_baby_gone"),
    (
        "i have my hand over her mouth right now to stop the crying",
        "urgent",
        "baby_harmed",
    ),
    # slang or "doing it" with a time; a final goodbye with a wish; the baby with her
    ("im self deleting after the 3am feed", "urgent", "slang_with_time"),
    (
        "once he leaves for work im doing it. got everything i need",
        "urgent",
        "doing_it_ready",
    ),
    (
        "thank you all for everything. i dont want to be here anymore",
        "urgent",
        "goodbye_with_wish",
    ),
    (
        "its kinder if we both go to sleep forever, me and the baby",
        "urgent",
        "baby_goes_with_her",
    ),
    # someone close: hurt at home, a goodbye message, hearing plotting without sleep
    (
        "im worried my neighbour is being hurt, she always has bruises",
        "high",
        "someone_being_hurt",
    ),
    (
        "my friend messaged me at 3am saying goodbye. she wont answer now",
        "urgent",
        "someone_sent_goodbye",
    ),
    # psychosis: already dead, thoughts heard by others, a face that keeps changing
    ("i think im already dead and this is hell", "urgent", "grandiose_or_interference"),
    ("the baby keeps changing faces, sometimes its not him", "urgent", "baby_replaced"),
    # abuse: a hole punched by her head; he will do it again
    ("he punched a hole in the wall next to my head", "high", "hurt_by_him_plain"),
    (
        "he beat me last night and says hell do it again when he gets home",
        "urgent",
        "abuser_danger_now",
    ),
    # a decision told quietly; means kept in mind; a place she stands at for an hour
    ("i know which day. ive told no one", "urgent", "decided_quietly"),
    (
        "theres a rope in the shed and i keep thinking about it",
        "urgent",
        "means_in_mind",
    ),
    (
        "im at the top of the car park. ive been here an hour",
        "urgent",
        "returning_to_the_edge",
    ),
    ("tonight im going to finally stop being a burden", "urgent", "ending_with_time"),
    # medical: a pad soaked in minutes
    (
        "im soaking through a maxi pad every 30 mins, baby is 4 days old",
        "urgent",
        "postpartum_red_flag",
    ),
    # someone close: standing on a bridge, giving her things away, unafraid of harm
    (
        "my sister is standing on the bridge and wont come down",
        "urgent",
        "returning_to_the_edge",
    ),
    (
        "my partner gave away all her things and hugs the kids like its the last time",
        "urgent",
        "affairs_and_calm",
    ),
    (
        "she thinks about hurting her baby and it doesnt scare her",
        "urgent",
        "harm_thought_unafraid",
    ),
    # psychosis in plain words: music no one hears, a reflection, a husband replaced
    (
        "i can hear music that nobody else can hear, all night",
        "urgent",
        "voices_unshared",
    ),
    ("my reflection isnt me anymore", "urgent", "grandiose_or_interference"),
    ("my husband has been replaced by a robot", "urgent", "impostor"),
    ("the birds are telling me things about the baby", "urgent", "messages_for_me"),
    # abuse: punished, threats to kill himself and her
    (
        "he made me sleep in the car with the baby as punishment",
        "high",
        "hurt_by_him_trapped",
    ),
    (
        "hes threatening to kill himself and me if i leave tonight",
        "urgent",
        "abuser_danger_now",
    ),
    # long posts with the risk in the middle
    (
        "shes 5 weeks. ive been awake 3 nights now and i feel like electricity, "
        "so many plans. anyway what do you all do for nappy rash",
        "urgent",
        "no_sleep_elated",
    ),
    (
        "sorry to ramble. my sister rang me crying, shes on the bridge by the river "
        "and she cant do it anymore, im driving there now",
        "urgent",
        "returning_to_the_edge",
    ),
    # self-harm said plainly, even with a household object
    ("burnt my arm with the iron on purpose", "high", "self_harm_plain"),
    # psychosis told plainly: a code only she reads, being the chosen mother of god
    (
        "the numbers on her wristband are a code only i can read",
        "urgent",
        "grandiose_or_interference",
    ),
    # someone else: a goodbye read in her post; hearing voices without sleep
    (
        "her last post read like a goodbye and shed sorted everything for the kids",
        "urgent",
        "someone_goodbye_read",
    ),
    (
        "my wife hears voices since the birth and hasnt slept in four nights",
        "urgent",
        "someone_hearing_things",
    ),
]


@pytest.mark.parametrize("text, at_least, rule_id", RAISED)
def test_a_new_way_of_saying_it_is_heard(text, at_least, rule_id):
    rank = {"none": 0, "low": 1, "high": 2, "urgent": 3}
    assert rule_id in found(text), (text, sorted(found(text)))
    assert rank[level(text)] >= rank[at_least], text


QUIET = [
    "SH Bugaboo Fox for sale, collection only",
    "selling s/h uppababy vista, good condition, local pickup only",
    "anyone know a good sh shop for baby clothes?",
    "KMS = keep my sanity: coffee, a walk, one episode of bluey",
    "i could go to sleep and not wake up till next tuesday lol",
    "mum said shed look after them for me on saturday so we can go out",
    "shes so floppy when shes asleep on me, like a little sack of flour",
    "the leaflet lists warning signs like heavy bleeding and bad headaches",
    "baby's lips went purple from the blackberries lol",
    "sleep regression relapse at 18 months, anyone else?",
    "volunteering at the domestic abuse shelter now my youngest is at school",
    "im killing myself trying to be perfect at this",
    "if i have to watch cocomelon one more time im going to throw myself out a window",
    "goodbye newborn clothes! sorted all of her things into boxes for my sisters baby",
    "we've got enough nappies now to last till hes three",
    "i looked up the dose of calpol for her age and gave it tonight",
    "weve picked the date for the christening, everything is sorted, i feel calm",
    "he bites me when hes feeding, i have nowhere to go for help with the latch",
    "my toddler keeps following me around the house, he wants his dad back from work",
    "i swallowed my vitamins with juice this morning",
    "had an awful thought about shaking her when she wouldnt settle, i never would",
    "said my goodbyes to the newborn stage, shes rolling now",
    "bye for now ladies, off to the hospital to have this baby!",
    "hit my head on the cupboard door for the 100th time this week",
    "carried the pram up four flights of stairs, ready to die",
    "i cant do this anymore, 8 weeks of colic. just needed to vent",
    "the intrusive thoughts have nearly stopped since i started cbt",
    "she kicked me so hard in the night, co sleeping is a battle",
    "im doing it tonight, the big bedroom swap, got everything ready",
    "thanks for everything ladies, the weaning advice worked",
    "my son has bruises from rugby, im not worried",
    "her hands and feet look a bit blue when shes cold, midwife said its normal",
    "chest feels tight from crying so much today but im okay",
    "ive got it all planned.",
    "my partner gave away all our old baby stuff to the charity shop",
    "the thought of hurting her terrifies me, i would never",
    "she's so special, my little miracle",
    "my daughter relapsed with her asthma, back on the inhaler",
    "i prayed so hard for this baby and shes finally here",
    "the new series is set on a film set, the actors are amazing",
    "ive decided, tonight is the night we drop the dream feed",
    "i have it all planned: zoo on friday, grandma on saturday",
    "my minds made up, were doing baby led weaning. nothing anyone says will change it",
    "bought a new hose for the garden, the toddler loves the sprinkler",
    "gave my sister the spare key so she can feed the cat while were away",
    "had bad pnd with my first. this time ive got a plan in place with my gp",
    "he pushed me to go to the gp and im glad he did",
    "i want him gone, my ex is such a pig",
    "giving her 5ml of calpol tonight for her teeth",
]


@pytest.mark.parametrize("text", QUIET)
def test_an_everyday_or_intrusive_post_raises_no_alarm(text):
    assert level(text) in ("none", "low"), (text, level(text), sorted(found(text)))


@pytest.mark.parametrize(
    "text, rule_id",
    [
        ("the sat nav voice keeps telling me to turn left", "voices_command"),
        ("my toddler does different voices and tells me what to do", "voices_command"),
        (
            "ive decided to go back to work on monday, i feel calm about it",
            "decided_and_calm",
        ),
        ("we're ending it tonight, the dummy goes in the bin", "ending_with_time"),
        ("i shook him awake at 3am to do a feed with the baby", "shook_the_baby"),
        (
            "the same car was outside again, the neighbours have visitors",
            "followed_for_baby",
        ),
    ],
)
def test_a_combination_stays_quiet_on_ordinary_words(text, rule_id):
    assert rule_id not in found(text), text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SH pram for sale", "sh pram for sale"),
        ("sh again tonight", "self harm again tonight"),
        ("kms = keep my sanity", "kms = keep my sanity"),
        ("kms tonight", "kill myself tonight"),
        ("thinking abt it", "thinking about it"),
        ("feel like topping meself", "feel like topping myself"),
        (
            "the sh in my notes app means shopping",
            "the sh in my notes app means shopping",
        ),
    ],
)
def test_abbreviations_are_read_in_their_everyday_sense_when_defined_or_for_sale(
    text, expected
):
    assert normalise(text) == expected
