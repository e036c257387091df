"""The shape of a rules-file pattern, for the engine's prefilter.

The prefilter needs to know which literal text every match of a pattern starts with
or contains. Python exposes no parser for its regular expressions, so this module
reads the part of the syntax that rules files use (literals and escapes, classes,
groups, alternation, look-arounds, greedy and lazy repeats) into a small tree.
Anything else raises Unsupported, and the engine then searches for that pattern
everywhere: a pattern this module can't read is slower, never missed.

A sequence is a list of items; an item is (op, argument):

    LITERAL      code point
    ANY          None                  (.)
    IN           [(LITERAL, c) | (RANGE, (low, high)) | (CATEGORY, name)
                  | (NEGATE, None)]
    AT           AT_BOUNDARY, AT_NON_BOUNDARY, AT_BEGINNING or AT_END
    ASSERT       (direction, sequence)  (?= and (?<=; direction 1 or -1
    ASSERT_NOT   (direction, sequence)  (?! and (?<!
    BRANCH       (None, [sequence, ...])
    SUBPATTERN   (group or None, 0, 0, sequence)
    MAX_REPEAT   (low, high, sequence)  greedy; high is MAXREPEAT when unbounded
    MIN_REPEAT   (low, high, sequence)  lazy
"""

from __future__ import annotations

import re

LITERAL = "literal"
ANY = "any"
IN = "in"
RANGE = "range"
CATEGORY = "category"
NEGATE = "negate"
AT = "at"
ASSERT = "assert"
ASSERT_NOT = "assert_not"
BRANCH = "branch"
SUBPATTERN = "subpattern"
MAX_REPEAT = "max_repeat"
MIN_REPEAT = "min_repeat"

AT_BOUNDARY = "at_boundary"
AT_NON_BOUNDARY = "at_non_boundary"
AT_BEGINNING = "at_beginning"
AT_END = "at_end"

CATEGORY_DIGIT = "category_digit"
CATEGORY_NOT_DIGIT = "category_not_digit"
CATEGORY_WORD = "category_word"
CATEGORY_NOT_WORD = "category_not_word"
CATEGORY_SPACE = "category_space"
CATEGORY_NOT_SPACE = "category_not_space"

MAXREPEAT = 2**32 - 1

_CATEGORIES = {
    "d": CATEGORY_DIGIT,
    "D": CATEGORY_NOT_DIGIT,
    "w": CATEGORY_WORD,
    "W": CATEGORY_NOT_WORD,
    "s": CATEGORY_SPACE,
    "S": CATEGORY_NOT_SPACE,
}
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_ANCHORS = {"b": AT_BOUNDARY, "B": AT_NON_BOUNDARY, "A": AT_BEGINNING, "Z": AT_END}
_LOOKAROUNDS = {
    "?=": (ASSERT, 1),
    "?!": (ASSERT_NOT, 1),
    "?<=": (ASSERT, -1),
    "?<!": (ASSERT_NOT, -1),
}
# As Python reads it: {m}, {m,}, {,n}, {m,n} and {,}, but "{}" is plain text.
_COUNTED = re.compile(r"\{(?!\})(\d*)(,(\d*))?\}")


class Unsupported(ValueError):
    """The pattern uses syntax this module does not read."""


class _Reader:
    def __init__(self, pattern: str):
        self.text = pattern
        self.at = 0
        self.groups = 0

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def take(self) -> str:
        char = self.peek()
        if not char:
            raise Unsupported("unexpected end of pattern")
        self.at += 1
        return char

    def startswith(self, prefix: str) -> bool:
        return self.text.startswith(prefix, self.at)


def parse(pattern: str) -> list:
    """The pattern as a sequence of items. Raises Unsupported."""
    reader = _Reader(pattern)
    sequence = _alternatives(reader)
    if reader.peek():
        raise Unsupported(f"unbalanced parenthesis at {reader.at}")
    return sequence


def _alternatives(reader: _Reader) -> list:
    options = [_sequence(reader)]
    while reader.peek() == "|":
        reader.take()
        options.append(_sequence(reader))
    if len(options) == 1:
        return options[0]
    return _simplified_branch(options)


_FLAT = {LITERAL, AT, IN, ANY}  # items with no sequence inside


def _simplified_branch(options: list) -> list:
    """a|b as Python's own parser shapes it: what every alternative starts with
    moved in front ("\bx|\by" is \b(?:x|y), so a match is known to start a word),
    and single characters as one class."""
    common = []
    while (
        all(options)
        and options[0][0][0] in _FLAT
        and all(option[0] == options[0][0] for option in options)
    ):
        common.append(options[0][0])
        options = [option[1:] for option in options]
    chars: list = []
    for option in options:
        if len(option) != 1:
            break
        op, argument = option[0]
        if op == LITERAL:
            chars.append((op, argument))
        elif op == IN and argument[0][0] != NEGATE:
            chars.extend(argument)
        else:
            break
    else:
        return [*common, (IN, list(dict.fromkeys(chars)))]
    return [*common, (BRANCH, (None, options))]


def _sequence(reader: _Reader) -> list:
    items: list = []
    while reader.peek() not in {"", "|", ")"}:
        item = _repeated(reader, _atom(reader))
        if item[0] == SUBPATTERN and item[1][0] is None:
            items.extend(item[1][3])  # x(?:y)z is xyz: the literal runs join up
        else:
            items.append(item)
    return items


def _atom(reader: _Reader) -> tuple:
    char = reader.take()
    if char == "(":
        return _group(reader)
    if char == "[":
        return _class(reader)
    if char == "\\":
        return _escape(reader)
    if char == ".":
        return (ANY, None)
    if char == "^":
        return (AT, AT_BEGINNING)
    if char == "$":
        return (AT, AT_END)
    if char in "*+?" or (char == "{" and _COUNTED.match(reader.text, reader.at - 1)):
        raise Unsupported(f"nothing to repeat at {reader.at - 1}")
    return (LITERAL, ord(char))


def _repeated(reader: _Reader, item: tuple) -> tuple:
    char = reader.peek()
    counted = _COUNTED.match(reader.text, reader.at) if char == "{" else None
    if char in {"*", "+", "?"}:
        reader.take()
        low, high = {"*": (0, MAXREPEAT), "+": (1, MAXREPEAT), "?": (0, 1)}[char]
    elif counted is not None:
        reader.at = counted.end()
        low = int(counted.group(1) or 0)
        if counted.group(2) is None:
            high = low
        else:
            high = int(counted.group(3)) if counted.group(3) else MAXREPEAT
        if high < low:
            raise Unsupported("repeat range out of order")
    else:
        return item
    if item[0] in {AT, ASSERT, ASSERT_NOT}:
        raise Unsupported("a repeated assertion")
    op = MAX_REPEAT
    if reader.peek() == "?":
        reader.take()
        op = MIN_REPEAT
    elif reader.peek() == "+":
        raise Unsupported("possessive repeat")
    if reader.peek() in {"*", "+", "?"}:
        raise Unsupported("multiple repeat")
    body = [item]
    if item[0] == SUBPATTERN and item[1][0] is None:
        body = item[1][3]  # (?:...)* repeats the group's sequence itself
    return (op, (low, high, body))


def _group(reader: _Reader) -> tuple:
    if reader.peek() != "?":
        reader.groups += 1
        number = reader.groups
        item = (SUBPATTERN, (number, 0, 0, _alternatives(reader)))
    elif reader.startswith("?:"):
        reader.at += 2
        item = (SUBPATTERN, (None, 0, 0, _alternatives(reader)))
    else:
        for opening, (op, direction) in _LOOKAROUNDS.items():
            if reader.startswith(opening):
                reader.at += len(opening)
                item = (op, (direction, _alternatives(reader)))
                break
        else:
            raise Unsupported(f"group syntax at {reader.at}")
    if reader.take() != ")":
        raise Unsupported("missing )")
    return item


def _class(reader: _Reader) -> tuple:
    items: list = []
    if reader.peek() == "^":
        reader.take()
        items.append((NEGATE, None))
    first = True
    while True:
        char = reader.take()
        if char == "]" and not first:
            if len(items) == 1 and items[0][0] == LITERAL:
                return items[0]
            return (IN, items)
        first = False
        if char == "[" and reader.peek() in {":", "=", "."}:
            raise Unsupported("a POSIX-style class")
        if char == "\\":
            member = _class_escape(reader)
            if member[0] == CATEGORY:
                items.append(member)
                continue
            low = member[1]
        else:
            low = ord(char)
        if reader.peek() == "-" and reader.text[reader.at + 1 : reader.at + 2] not in {
            "]",
            "",
        }:
            reader.take()
            end = reader.take()
            if end == "\\":
                member = _class_escape(reader)
                if member[0] == CATEGORY:
                    raise Unsupported("a range ending in a category")
                high = member[1]
            else:
                high = ord(end)
            if high < low:
                raise Unsupported("a range out of order")
            items.append((RANGE, (low, high)))
        else:
            items.append((LITERAL, low))


def _class_escape(reader: _Reader) -> tuple:
    char = reader.take()
    if char in _CATEGORIES:
        return (CATEGORY, _CATEGORIES[char])
    if char == "b":
        return (LITERAL, ord("\b"))
    return (LITERAL, _escaped_literal(char))


def _escape(reader: _Reader) -> tuple:
    char = reader.take()
    if char in _CATEGORIES:
        return (IN, [(CATEGORY, _CATEGORIES[char])])
    if char in _ANCHORS:
        return (AT, _ANCHORS[char])
    return (LITERAL, _escaped_literal(char))


def _escaped_literal(char: str) -> int:
    if char in _CONTROL:
        return ord(_CONTROL[char])
    if char.isascii() and char.isalnum():
        # Back-references, octal, \x, \u, \N{...}: not used by rules files.
        raise Unsupported(f"escape \\{char}")
    return ord(char)
