"""The prefilter: one pass over a text finds the few patterns worth trying.

For each pattern it works out, from the pattern's shape (pattern_shape.py), the
literal text every match starts with or contains; one regular expression (a trie of
those literals) then scans the words form at word boundaries, and each literal it
finds calls for the patterns that need it. A pattern it can't read is searched
everywhere: slower, never missed.
"""

from __future__ import annotations

import re

from moderation.rules import pattern_shape as shape

_PREFIX_MAX = 6
_PREFIX_MIN = 3
_ZERO_WIDTH = {shape.AT, shape.ASSERT, shape.ASSERT_NOT}
_REPEATS_OPS = {shape.MAX_REPEAT, shape.MIN_REPEAT}


class _Unbounded(Exception):
    pass


def _expand_item(op, av) -> set[tuple[str, bool]]:
    if op is shape.LITERAL:
        return {(chr(av), False)}
    if op in _ZERO_WIDTH:
        return {("", False)}
    if op is shape.IN:
        chars: set[str] = set()
        for item_op, item_av in av:
            if item_op is shape.LITERAL:
                chars.add(chr(item_av))
            elif item_op is shape.RANGE and item_av[1] - item_av[0] < 10:
                chars.update(chr(c) for c in range(item_av[0], item_av[1] + 1))
            else:
                return {("", True)}
        if len(chars) > 12:
            return {("", True)}
        return {(c, False) for c in chars}
    if op is shape.BRANCH:
        out: set[tuple[str, bool]] = set()
        for alternative in av[1]:
            out |= _expand_seq(alternative)
        return out
    if op is shape.SUBPATTERN:
        return _expand_seq(av[-1])
    if op in _REPEATS_OPS:
        low, high, sub = av
        if high == 1:  # optional: what follows one repetition is the next item
            inner = set(_expand_seq(sub))
        else:
            inner = {(s, True) for s, _ in _expand_seq(sub)}
        if low == 0:
            inner.add(("", False))
        return inner
    return {("", True)}


def _expand_seq(seq) -> set[tuple[str, bool]]:
    current = {("", False)}
    for op, av in seq:
        if all(done or len(s) >= _PREFIX_MAX for s, done in current):
            break
        options = _expand_item(op, av)
        grown = set()
        for s, done in current:
            if done or len(s) >= _PREFIX_MAX:
                grown.add((s[:_PREFIX_MAX], True))
                continue
            for extra, extra_done in options:
                joined = s + extra
                grown.add(
                    (joined[:_PREFIX_MAX], extra_done or len(joined) >= _PREFIX_MAX)
                )
        current = grown
        if len(current) > 1000:
            raise _Unbounded
    return current


def literal_openings(
    pattern: str, shortest: int = _PREFIX_MIN
) -> frozenset[str] | None:
    """Every match of pattern starts with one of these strings, each at least
    shortest long, or None if unknown."""
    try:
        openings = {s for s, _ in _expand_seq(shape.parse(pattern))}
    except (_Unbounded, RecursionError, shape.Unsupported):
        return None
    if not openings or any(len(s) < shortest for s in openings):
        return None
    return frozenset(openings)


def trie_regex(words) -> str:
    """A regular expression matching any of the words, as a trie so that it tries
    each character once: (?:ab(?:c|d)|x) rather than (?:abc|abd|x)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [
            re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            body = "(?:" + body + ")?" if len(branches) == 1 else body + "?"
        return body

    return build(trie)


def _literal_set(op, av) -> set[str] | None:
    """The strings one item can match if it is pure literal text, else None."""
    if op is shape.LITERAL:
        return {chr(av)}
    if op is shape.IN:
        chars = set()
        for item_op, item_av in av:
            if item_op is not shape.LITERAL:
                return None
            chars.add(chr(item_av))
        return chars if len(chars) <= 8 else None
    if op is shape.SUBPATTERN:
        return _literal_seq(av[-1])
    if op is shape.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            strings = _literal_seq(alternative)
            if strings is None:
                return None
            out |= strings
        return out if len(out) <= 64 else None
    return None


def _literal_seq(seq) -> set[str] | None:
    strings = {""}
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue
        item = _literal_set(op, av)
        if item is None or len(strings) * len(item) > 64:
            return None
        strings = {a + b for a in strings for b in item}
    return strings


def _score(strings) -> tuple[int, int]:
    return (min(map(len, strings)), -len(strings)) if strings else (0, 0)


# Words so common that a literal made of them turns up in almost every post.
_COMMON_WORDS = frozenset(
    """a about after all am an and are as at be been being but by can could did do
    does dont for from get gets getting go goes going gone got had has have having he
    her hes him his how i if im in is it its ive just keep like me my never no not
    now of on or our out people really said say says she shes so take than thank that
    the their them then there they this to too took trying up very was we went were
    what when will with would you your""".split()
)
_TELLING_MIN = 4


def _telling_length(literal: str) -> int:
    """The letters of literal left once its opening common words are dropped:
    "going to sl" tells 2, "terrif" tells 6."""
    words = literal.strip().split(" ")
    while words and words[0] in _COMMON_WORDS:
        words.pop(0)
    return len(" ".join(words))


def _telling_score(strings) -> tuple[int, int, int]:
    if not strings:
        return (0, 0, 0)
    return (min(map(_telling_length, strings)), *_score(strings))


def required_literals(
    seq, at_word_start: bool = False, score=_score
) -> set[str] | None:
    """A set of strings, one of which every match of the sequence contains, each
    starting where a word starts (or with a space), so a scan that looks at word
    boundaries only cannot miss it; the best by score. None if there is no such
    set."""
    best: set[str] | None = None

    def consider(candidate, word_start):
        nonlocal best
        if not candidate or "" in candidate:
            return
        if not (word_start or all(c.startswith(" ") for c in candidate)):
            return
        if best is None or score(candidate) > score(best):
            best = candidate

    run, run_start = {""}, at_word_start
    for op, av in seq:
        if op in _ZERO_WIDTH:
            if op is shape.AT and av is shape.AT_BOUNDARY and run == {""}:
                run_start = True
            continue
        item = _literal_set(op, av)
        if item is not None and len(run) * len(item) <= 64:
            if run == {""}:
                run_start = run_start or all(x.startswith(" ") for x in item)
            run = {a + b for a in run for b in item}
            continue
        consider(run, run_start)
        here = run == {""} and run_start  # nothing consumed since a word start
        ends_in_space = run != {""} and all(r.endswith(" ") for r in run)
        inner_start = here or ends_in_space
        if item is not None:
            run, run_start = set(item), inner_start
            continue
        run, run_start = {""}, False
        if op in _REPEATS_OPS and _ends_with_space(av[2]):
            # "(?:\w+ ){0,3}" leaves the scan at a word start again.
            run_start = av[0] >= 1 or inner_start
        if op is shape.SUBPATTERN:
            consider(required_literals(av[-1], inner_start, score), True)
        elif op is shape.BRANCH:
            union: set[str] = set()
            for alternative in av[1]:
                found = required_literals(alternative, inner_start, score)
                if not found:
                    union = set()
                    break
                union |= found
            consider(union, True)
        elif op in _REPEATS_OPS and av[0] >= 1:
            consider(required_literals(av[2], inner_start, score), True)
    consider(run, run_start)
    return best


def _telling_literals(parsed) -> set[str] | None:
    """The most telling literals one of which every match needs, if telling enough
    and safe to look for at word boundaries."""
    try:
        found = required_literals(parsed, score=_telling_score)
    except RecursionError:
        return None
    if (
        found is None
        or _telling_score(found)[0] < _TELLING_MIN
        or any(_PUNCTUATION_FIRST.match(literal) for literal in found)
    ):
        return None
    return found


def _ends_with_space(seq) -> bool:
    """Whether every way through the sequence ends with a space."""
    items = list(seq)
    if not items:
        return False
    op, av = items[-1]
    if op is shape.LITERAL:
        return av == ord(" ")
    if op is shape.SUBPATTERN:
        return _ends_with_space(av[-1])
    if op is shape.BRANCH:
        return all(_ends_with_space(alternative) for alternative in av[1])
    return False


def _min_digits(seq) -> int:
    """How many digits any match of the sequence must contain at least."""
    total = 0
    for op, av in seq:
        if op is shape.LITERAL:
            total += chr(av).isdigit()
        elif op is shape.IN:
            total += all(
                (o is shape.CATEGORY and a is shape.CATEGORY_DIGIT)
                or (o is shape.LITERAL and chr(a).isdigit())
                or (o is shape.RANGE and chr(a[0]).isdigit() and chr(a[1]).isdigit())
                for o, a in av
            )
        elif op is shape.SUBPATTERN:
            total += _min_digits(av[-1])
        elif op in _REPEATS_OPS:
            total += av[0] * _min_digits(av[2])
        elif op is shape.BRANCH:
            total += min(_min_digits(alternative) for alternative in av[1])
    return total


_WINDOW_BEFORE = 160
_WINDOW_AFTER = 260
_PUNCTUATION_FIRST = re.compile(r"[^\w ]")
_AT_OPENING, _WINDOW, _WHOLE, _GATE = 0, 1, 2, 3
_DIGITS = str.maketrans("", "", "0123456789")
_WORD_START = re.compile(r"\b(?=\w)")


def _word_starts(text: str, low: int, high: int) -> list[int]:
    return [m.start() for m in _WORD_START.finditer(text, low, high)]


class Scanner:
    """Finds where the patterns match, with one pass over the words form.

    The pass looks, at every word boundary, for literal text the patterns need:
    their openings (a pattern is tried exactly there, and if a rarer literal it
    needs exists, only when that one turned up too), or, for a pattern with no
    literal opening, a literal it contains (it is tried at the word starts just
    before). Patterns on the text form are searched there once a literal they need
    has turned up. A pattern with none of these is searched everywhere, unless the
    text has too few digits for it. So patterns are tried where words start.
    """

    def __init__(
        self,
        entries: list[tuple[int, re.Pattern, str, bool]],
        *,
        prefilter=True,
        telling_first=lambda rule_index: False,
    ):
        # entries: (rule index, compiled, source, matched on the text form)
        # prefilter=False searches every pattern everywhere: the slow, plain way
        # that the prefilter must agree with. telling_first(rule index): look for
        # the pattern's least common word rather than its opening, for lexicons
        # whose phrases start with everyday words ("going to sleep forever").
        self.entries = entries
        self.keys: dict[str, list[tuple[int, int]]] = {}
        self.always: list[tuple[int, int]] = []  # (entry index, digits needed)
        self.gated: set[int] = set()
        for index, (_rule_index, _compiled, source, on_text) in enumerate(entries):
            try:
                parsed = shape.parse(source) if prefilter else None
            except shape.Unsupported:
                parsed = None
            if parsed is None:
                self.always.append((index, 0))
                continue
            openings = literal_openings(source)
            telling = (
                _telling_literals(parsed)
                if openings is not None and not on_text and telling_first(_rule_index)
                else None
            )
            if telling is not None and _telling_score(telling) > _telling_score(
                openings
            ):
                # Its opening is everyday words: try it only once a rarer word it
                # needs has turned up too.
                for opening in openings:
                    self.keys.setdefault(opening, []).append((index, _AT_OPENING))
                self.gated.add(index)
                for key in telling:
                    self.keys.setdefault(key, []).append((index, _GATE))
                continue
            try:
                anchors = required_literals(parsed)
            except RecursionError:
                anchors = None
            if anchors is not None and _score(anchors)[0] < _PREFIX_MIN:
                anchors = None
            # Keys are looked for at word boundaries only, so one that starts with
            # punctuation (which need not follow a word) cannot be relied on.
            if openings is not None and any(
                _PUNCTUATION_FIRST.match(o) for o in openings
            ):
                openings = None
            if anchors is not None and any(
                _PUNCTUATION_FIRST.match(a) for a in anchors
            ):
                anchors = None
            if on_text:
                # Text-form keys only gate a search; openings serve as anchors too.
                gate = anchors if anchors is not None else openings
                if gate is not None and _score(gate)[0] >= _PREFIX_MIN:
                    for key in gate:
                        self.keys.setdefault(key, []).append((index, _WHOLE))
                else:
                    self.always.append((index, _min_digits(parsed)))
            elif openings is not None:
                for opening in openings:
                    self.keys.setdefault(opening, []).append((index, _AT_OPENING))
                if anchors is not None and _score(anchors) > _score(openings):
                    self.gated.add(index)
                    for anchor in anchors:
                        self.keys.setdefault(anchor, []).append((index, _GATE))
            elif anchors is not None:
                for anchor in anchors:
                    self.keys.setdefault(anchor, []).append((index, _WINDOW))
            else:
                self.always.append((index, _min_digits(parsed)))
        trie = trie_regex(self.keys) if self.keys else ""
        # Keys start at word boundaries; the lookahead finds overlapping ones too.
        self.scan = re.compile(r"\b(?=(" + trie + "))") if trie else None
        self._found_by: dict[str, tuple] = {}

    def _candidates(self, hit: str) -> tuple:
        """The patterns a key found in the text calls for, by how to look."""
        found = self._found_by.get(hit)
        if found is None:
            entries = {
                entry: None
                for length in range(len(hit), 0, -1)
                for entry in self.keys.get(hit[:length], ())
            }
            found = tuple(
                tuple(index for index, how in entries if how == kind)
                for kind in (_AT_OPENING, _WINDOW, _WHOLE, _GATE)
            )
            if len(self._found_by) < 100_000:
                self._found_by[hit] = found
        return found

    def matches(self, words: str, text: str):
        """Yield (rule index, start, end, pattern) of every match. Positions are in
        the words form, or in the text form for rules matched on it."""
        entries = self.entries
        windowed: set[tuple[int, int]] = set()
        whole: dict[int, None] = {}
        if self.scan is not None:
            places: dict[str, list[int]] = {}
            for found in self.scan.finditer(words):
                hit = found.group(1)
                if hit in places:
                    places[hit].append(found.start())
                else:
                    places[hit] = [found.start()]
            size = len(words)
            found_by = [(self._candidates(hit), where) for hit, where in places.items()]
            opened: set[int] = set()
            for (_exact, _windows, _wholes, gates), _where in found_by:
                opened.update(gates)
            gated = self.gated
            for (exact, windows, wholes, _gates), where in found_by:
                for index in exact:
                    if index in gated and index not in opened:
                        continue
                    rule_index, compiled, source, _on_text = entries[index]
                    match = compiled.match
                    for position in where:
                        m = match(words, position)
                        if m is not None:
                            yield rule_index, position, m.end(), source
                for index in windows:
                    # Try the pattern at each word start shortly before the literal
                    # it needs: far cheaper than searching every position.
                    rule_index, compiled, source, _on_text = entries[index]
                    match = compiled.match
                    for position in where:
                        low = max(0, position - _WINDOW_BEFORE)
                        high = min(size, position + _WINDOW_AFTER)
                        for start in _word_starts(words, low, position + 1):
                            if (index, start) in windowed:
                                continue
                            windowed.add((index, start))
                            m = match(words, start, high)
                            if m is not None:
                                yield rule_index, start, m.end(), source
                for index in wholes:
                    whole[index] = None
        digits = -1
        for index, needed in self.always:
            if needed:
                if digits < 0:
                    digits = len(text) - len(text.translate(_DIGITS))
                if digits < needed:
                    continue
            whole[index] = None
        for index in whole:
            rule_index, compiled, source, on_text = entries[index]
            for m in compiled.finditer(text if on_text else words):
                yield rule_index, m.start(), m.end(), source
