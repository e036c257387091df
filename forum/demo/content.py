"""The demo's words: its spaces, the accounts people sign in as, the other voices
in its threads, and the threads with their nested replies. seed_demo writes them."""

SPACES = [
    (
        "introductions",
        "Introductions",
        "Say hello, in as many or as few words as you like.",
        False,
    ),
    (
        "pregnancy",
        "Pregnancy",
        "The worries, the waiting and the bits nobody warned you about.",
        False,
    ),
    (
        "postpartum",
        "Postpartum depression and anxiety",
        "When the weeks after the birth feel nothing like you were told they would.",
        False,
    ),
    (
        "loneliness",
        "Loneliness and finding your people",
        "For the long days alone with a baby, and for finding company again.",
        False,
    ),
    (
        "sleep-and-feeding",
        "Sleep and feeding",
        "Night feeds, bottles, breasts, naps that never happen: no judging here.",
        False,
    ),
    (
        "relationships",
        "Relationships and partners",
        "How a baby changes the two of you, and the people around you.",
        False,
    ),
    (
        "loss",
        "Loss",
        "For miscarriage, stillbirth, and every other loss. Read gently; a moderator "
        "reads new threads first.",
        True,
    ),
    ("good-days", "Good days", "Small wins and better moments. They count.", False),
]

# (key, pseudonym, role group, is_staff): the accounts people sign in as.
ACCOUNTS = [
    ("member", "Demo Member", "member", False),
    ("listener", "Demo Listener", "listener", False),
    ("moderator", "Demo Moderator", "moderator", False),
    ("operator", "Demo Operator", "operator", True),
]
# Other voices in the demo threads; nobody signs in as them.
VOICES = ["Sleepy Wren", "Morning Fern", "Brave Otter", "Quiet Harbour", "Soft Maple"]

# Each thread: space, author, title, body, options, replies. A reply is
# (author, body, options, [replies to it]). Hours ago says when it was written.
THREADS = [
    {
        "space": "introductions",
        "author": "Morning Fern",
        "hours_ago": 200,
        "title": "Hello from a first-time mum of a ten-week-old",
        "body": "I've been reading for a while without saying anything. My son is ten "
        "weeks old and I don't really know anyone else with a baby.\n\n"
        "I'm not sure what I'm looking for, maybe just to say hello to people "
        "who get it.",
        "replies": [
            (
                "Demo Listener",
                "Hello and welcome. Ten weeks is such a full-on stage. "
                "You don't need a reason to be here; saying hello is plenty.",
                {},
                [
                    ("Morning Fern", "Thank you, that made me smile.", {}, []),
                ],
            ),
            (
                "Sleepy Wren",
                "Welcome! Mine is twelve weeks. Come and find us in the "
                "night feed threads, there's always someone up.",
                {},
                [],
            ),
        ],
    },
    {
        "space": "postpartum",
        "author": "Demo Member",
        "hours_ago": 30,
        "anonymous": True,
        "title": "I don't feel what I thought I'd feel for her",
        "body": "Everyone keeps saying how in love I must be. I look after her, I feed "
        "her, I do everything, but inside it feels flat. Like I'm babysitting "
        "someone else's child.\n\nI haven't told anyone because I'm scared of "
        "what they'll think of me.",
        "notes": [],
        "replies": [
            (
                "Quiet Harbour",
                "I felt exactly this. It took about four months before "
                "it started to feel like *mine*, and it came slowly, not all at once. "
                "You're looking after her beautifully while feeling flat, which takes "
                "a lot.",
                {},
                [
                    (
                        "Demo Member",
                        "Four months. I didn't know it could take that long "
                        "and still be okay. Thank you for telling me.",
                        {"anonymous": True},
                        [
                            (
                                "Quiet Harbour",
                                "It can. And it's worth mentioning to your "
                                "health visitor or GP too, they hear this a lot "
                                "and it helped me to say it out loud.",
                                {},
                                [],
                            ),
                        ],
                    ),
                ],
            ),
            (
                "Demo Listener",
                "Thank you for trusting us with this. Feeling flat "
                "after a birth is common and it's not a sign you're a bad mum. If "
                'it\'s heavy most days, the "Get help now" page lists people you '
                "can talk to.",
                {},
                [],
            ),
        ],
    },
    {
        "space": "postpartum",
        "author": "Brave Otter",
        "hours_ago": 72,
        "title": "The thoughts that pop into my head scare me",
        "body": "Sometimes when I'm on the stairs with him I get this sudden picture "
        "of dropping him. I would never, and it makes me feel sick. I've "
        "started avoiding the stairs.",
        "notes": ["medical-detail"],
        "replies": [
            (
                "Soft Maple",
                "I had these too and was terrified to say so. My midwife "
                "told me they're really common and that being horrified by them is a "
                "sign of how much you care. It helped so much to hear that.",
                {},
                [
                    (
                        "Brave Otter",
                        "I had no idea other people got them. Thank you.",
                        {},
                        [],
                    ),
                ],
            ),
        ],
    },
    {
        "space": "loneliness",
        "author": "Sleepy Wren",
        "hours_ago": 20,
        "title": "Does anyone else go days without talking to an adult?",
        "body": "My partner works long shifts and my family is far away. Some days the "
        "only adult I speak to is the person at the till.",
        "replies": [
            (
                "Morning Fern",
                "Yes. I started going to a free baby group at the "
                "library just to hear other voices. It was awkward the first time "
                "and easier every time after.",
                {},
                [],
            ),
            (
                "Demo Member",
                "Same here. Maybe we could be each other's adult "
                "conversation in this thread?",
                {},
                [
                    (
                        "Sleepy Wren",
                        "I'd love that. Today's news: he rolled over and "
                        "looked as surprised as I was.",
                        {},
                        [
                            (
                                "Demo Member",
                                "That's wonderful! The surprised face is the best bit.",
                                {},
                                [],
                            ),
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "space": "sleep-and-feeding",
        "author": "Quiet Harbour",
        "hours_ago": 10,
        "title": "Switched to formula and feel guilty",
        "body": "Breastfeeding was hurting so much I dreaded every feed. We moved to "
        "formula last week and she's happier, I'm happier, and yet I still "
        "feel like I failed.",
        "replies": [
            (
                "Soft Maple",
                "A fed baby and a mum who isn't in pain is not failing. "
                "You made a good decision for both of you.",
                {},
                [],
            ),
            (
                "Brave Otter",
                "Same story here. The guilt faded once I saw how much more "
                "I enjoyed feeds.",
                {},
                [],
            ),
        ],
    },
    {
        "space": "relationships",
        "author": "Soft Maple",
        "hours_ago": 48,
        "title": "We keep snapping at each other since the baby",
        "body": "We're both so tired that every small thing becomes an argument. "
        "I miss how we used to be.",
        "replies": [
            (
                "Demo Listener",
                "Sleep loss makes everyone shorter-tempered. What "
                "helped us was agreeing not to talk about anything serious after "
                "10pm.",
                {},
                [
                    (
                        "Soft Maple",
                        "The 10pm rule is a good idea. We'll try it.",
                        {},
                        [],
                    ),
                ],
            ),
        ],
    },
    {
        "space": "loss",
        "author": "Morning Fern",
        "hours_ago": 100,
        "title": "Nine weeks and it was over",
        "body": 'We lost our pregnancy at nine weeks. People say "at least it was '
        "early\" and I just nod. It doesn't feel early to me.",
        "notes": ["baby-loss"],
        "replies": [
            (
                "Quiet Harbour",
                "I'm so sorry. It was your baby, whatever the number "
                "of weeks. Your grief makes complete sense.",
                {},
                [],
            ),
        ],
    },
    {
        "space": "good-days",
        "author": "Brave Otter",
        "hours_ago": 5,
        "title": "I went for a walk and enjoyed it",
        "body": "First time in weeks I noticed the trees instead of counting minutes "
        "until nap time. Small, but it felt big.",
        "replies": [
            ("Sleepy Wren", "Not small at all. Thank you for sharing it.", {}, []),
        ],
    },
    {
        "space": "pregnancy",
        "author": "Soft Maple",
        "hours_ago": 60,
        "title": "Anxious about the birth after last time",
        "body": "My first birth ended in an emergency section and I still have "
        "flashbacks. I'm 28 weeks now and the fear is getting louder.",
        "notes": ["birth-trauma"],
        "replies": [
            (
                "Morning Fern",
                "You could ask your midwife about a birth reflections "
                "or debrief appointment. Talking through what happened last time "
                "helped me plan for the second.",
                {},
                [
                    (
                        "Soft Maple",
                        "I didn't know that was a thing. I'll ask at my next "
                        "appointment.",
                        {},
                        [],
                    ),
                ],
            ),
        ],
    },
    {
        "space": "sleep-and-feeding",
        "author": "Morning Fern",
        "hours_ago": 3,
        "title": "Four-month sleep regression is breaking me",
        "body": "He was sleeping in three-hour stretches and now wakes every hour. "
        "How long does this last?",
        "replies": [],
    },
    {
        "space": "loneliness",
        "author": "Quiet Harbour",
        "hours_ago": 8,
        "title": "Moved to a new town just before the baby came",
        "body": "I don't know a single person here. How did you start making friends "
        "with a little one in tow?",
        "replies": [],
    },
    {
        "space": "introductions",
        "author": "Demo Member",
        "hours_ago": 2,
        "title": "Hi, I'm new and a bit nervous",
        "body": "Expecting my first in the spring. Glad to have found somewhere that "
        "feels kind.",
        "replies": [
            (
                "Demo Moderator",
                "Welcome! Have a look at the kindness guidelines when "
                "you get a moment, and ask anything you like.",
                {},
                [],
            ),
        ],
    },
]
