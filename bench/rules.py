"""Time the rules engine on a realistic mix of posts, single-threaded.

Run from the project root: python bench/rules.py [--posts N] [--everyday]
Prints one JSON line: {"posts_per_s", "mean_chars", "p99_us", "rules"}.

Posts are built from the hand-written test corpus (tests/moderation/rules_corpus.py):
each corpus sentence padded with everyday chat (and the corpus's ordinary posts) to a
typical 400-800 characters, and one post in twenty a long one of several thousand
characters.
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moderation.rules import assess, current_rules  # noqa: E402
from tests.moderation.rules_corpus import CORPUS, ORDINARY  # noqa: E402

# Everyday chat used to pad corpus sentences out to the length of a real post.
CHAT = [
    "We had a rough night again, she was up at 1, 3 and then 5",
    "My partner took her out for a walk so I could have a shower",
    "The health visitor came round and said she's gaining well",
    "I've been trying the dream feed at 11 but I'm not sure it helps",
    "Does anyone have tips for getting a baby to take a bottle?",
    "He's started rolling over which is lovely and terrifying at once",
    "We tried baby massage at the library group and she loved it",
    "Honestly the washing never ends, how do people keep up with it",
    "My mum is coming to stay for a week which will be a big help",
    "Thank you all for the replies last time, it really helped",
    "She's 14 weeks now and still feeding every two hours at night",
    "We switched to a different formula and the reflux seems a bit better",
    "I keep forgetting to eat lunch until about four in the afternoon",
    "Going back to work in March and already dreading the nursery run",
    "He smiled properly for the first time today and I cried",
    "Anyone else's baby hate the car seat with a passion?",
    "I finally got out of the house and went to the baby cafe",
    "The sleep regression at four months is no joke",
    "Our GP was lovely and took the time to listen properly",
    "I don't know how single parents do it, honestly",
]


def build_posts(count: int, seed: int = 7, everyday: bool = False) -> list[str]:
    rng = random.Random(seed)
    filler = CHAT + [text for text, _level, _categories in ORDINARY]
    sentences = [text for text, _level, _categories in CORPUS]
    if everyday:
        filler = sentences = CHAT
    posts = []
    for index in range(count):
        target = rng.randint(3000, 6000) if index % 20 == 19 else rng.randint(400, 800)
        parts = [rng.choice(sentences)]
        while sum(len(p) + 2 for p in parts) < target:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(filler))
        posts.append(". ".join(parts)[:target])
    return posts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20000)
    parser.add_argument(
        "--everyday",
        action="store_true",
        help="only everyday chat, nothing to flag (the common case)",
    )
    options = parser.parse_args()
    posts = build_posts(options.posts, everyday=options.everyday)
    for post in posts[:500]:  # warm up
        assess(post)
    timings = []
    clock = time.perf_counter_ns
    started = clock()
    for post in posts:
        before = clock()
        assess(post)
        timings.append(clock() - before)
    elapsed = (clock() - started) / 1e9
    timings.sort()
    print(
        json.dumps(
            {
                "posts_per_s": round(len(posts) / elapsed),
                "mean_chars": round(sum(map(len, posts)) / len(posts)),
                "p99_us": round(timings[int(len(timings) * 0.99)] / 1000, 1),
                "rules": len(current_rules().rules),
            }
        )
    )


if __name__ == "__main__":
    main()
