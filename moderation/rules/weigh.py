"""Matching the rules against a text and weighing each match into an Assessment.

Every match is weighed in its sentence and clause: negation, quoting and reported
speech, past or recovery, idioms, fear framing (intrusive thoughts), then the
escalators (means, plans, timing) and the pill or knife emoji. The level is the
highest over the matches that survive; actions come from the rules.

Urgent matches are never dropped by a modifier: at most they are lowered to high and
still flagged. Rules marked "fixed" (psychosis, means questions, medical emergencies)
ignore modifiers altogether.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from moderation.levels import LEVEL_RANK, higher, highest, lower
from moderation.rules.context import Context
from moderation.rules.normalise import text_form, words_form
from moderation.rules.prefilter import Scanner
from moderation.rules.schema import (
    ESCALATABLE,
    RISK_CATEGORIES,
    Assessment,
    Rule,
    compile_pattern,
    read_rules_file,
)

# The scanner reports idioms and escalators as matches of these two rule indexes.
_IDIOM, _ESCALATOR = -1, -2


@dataclass
class _Hit:
    rule: Rule
    start: int
    end: int
    level: str
    category: str
    pattern: str = ""
    lowered_past: bool = False
    softened: bool = False  # negated, quoted or reported, but kept as urgent-high
    cancelled: bool = False


class Ruleset:
    """A checked, compiled rules file. Use load_rules() to make one."""

    def __init__(self, data, source: str = "rules file", *, prefilter: bool = True):
        checked = read_rules_file(data, source)
        self.version = checked.version
        self.rules = checked.rules
        self.by_id = checked.by_id
        self.modifiers_source = modifiers = checked.modifiers_source
        m = checked.modifiers
        self._negation = re.compile(
            r"\b(?:" + m["negation"].pattern + r")\b(?:\s+\S+){0,5}\s*$"
        )
        self._negation_word = re.compile(r"\b(?:" + m["negation"].pattern + r")\b")
        self._pseudo_negation = m["pseudo_negation"]
        self._contrast = re.compile(r"\b(?:" + m["contrast"].pattern + r")\b")
        self._reported = m["reported"]
        self._affirmed = m["affirmed"]
        self._past = m["past"]
        self._back = m["back"]
        self._recovery = m["recovery"]
        self._fear_frame = m["fear_frame"]
        self._escalator_negation = re.compile(
            r"\b(?:" + m["escalator_negation"].pattern + r")\s+(?:\S+\s+){0,2}$"
        )
        self._raisers = m["raisers"]
        # One scanner for the rules, the idioms (-1) and the escalators (-2).
        self.scanner = Scanner(
            [
                (index, compiled, compiled.pattern, rule.match_on == "text")
                for index, rule in enumerate(self.rules)
                for compiled in rule.patterns
            ]
            + [
                (owner, compile_pattern(f"modifier {key!r}", pattern), pattern, False)
                for owner, key in ((_IDIOM, "idioms"), (_ESCALATOR, "escalators"))
                for pattern in modifiers[key]
            ],
            prefilter=prefilter,
        )

    # -- assessing

    def assess(self, text: str, *, new_account: bool = False) -> Assessment:
        if not text:
            return Assessment()
        plain = text_form(text)
        words = words_form(plain)
        hits: list[_Hit] = []
        idioms: list[tuple[int, int]] = []
        escalators: list[tuple[int, int]] = []
        seen: set[tuple[int, int, int]] = set()
        for rule_index, start, end, source in self.scanner.matches(words, plain):
            if rule_index < 0:
                (idioms if rule_index == _IDIOM else escalators).append((start, end))
                continue
            rule = self.rules[rule_index]
            if rule.new_accounts_only and not new_account:
                continue
            if (rule_index, start, end) in seen:
                continue  # the same words found by two patterns of one rule
            seen.add((rule_index, start, end))
            hits.append(_Hit(rule, start, end, rule.level, rule.category, source))
        if not hits:
            return Assessment()
        context = Context(words, idioms, self._contrast)
        for hit in hits:
            if hit.rule.match_on == "words":
                self._weigh(hit, context)
            else:
                self._check_context(hit, context, plain)
        if any(
            not h.cancelled and h.category in ESCALATABLE and not h.lowered_past
            for h in hits
        ):
            self._escalate(hits, context, escalators)
        if self._raisers.search(plain):
            for hit in hits:
                if (
                    not hit.cancelled
                    and not hit.softened
                    and hit.category in RISK_CATEGORIES
                    and hit.level != "none"
                ):
                    hit.level = higher(hit.level)
        return self._summarise(hits)

    def _check_context(self, hit: _Hit, context: Context, form: str) -> None:
        rule = hit.rule
        if rule.context is None and rule.not_context is None:
            return
        if form is context.words:
            start, end = context.sentence_bounds(hit.start, hit.end)
            window = form[max(0, start - 200) : end + 200]
        else:
            window = form
        if rule.context is not None and not rule.context.search(window):
            hit.cancelled = True
        if rule.not_context is not None and rule.not_context.search(window):
            hit.cancelled = True

    def _weigh(self, hit: _Hit, context: Context) -> None:
        rule = hit.rule
        words = context.words
        self._check_context(hit, context, words)
        if hit.cancelled:
            return
        if context.inside_idiom(hit.start, hit.end):
            hit.cancelled = True
            return
        if rule.fixed:
            return
        clause_start, clause_end = context.clause_bounds(hit.start, hit.end)
        before = words[clause_start : hit.start]
        if rule.when_framed and self._fear_frame.search(before):
            # "I'm terrified I'm going to hurt her": fear of the act, not intent.
            rule = hit.rule = self.by_id[rule.when_framed]
            hit.category = rule.category
        rule_level = rule.level
        cancel = False
        memo = context.memo
        if rule.quoting and (
            context.inside_quote(hit.start)
            or _memo(
                memo,
                ("reported", clause_start, hit.start),
                self._reported.search,
                before,
            )
        ):
            sentence_start, sentence_end = context.sentence_bounds(hit.start, hit.end)
            if not self._affirmed.search(words, hit.end, sentence_end):
                cancel = True
        if not cancel and rule.negation:
            # A negation just before the match, or inside it ("he never hit me")
            # unless the pattern spells that word out itself ("real mums dont").
            pseudo = self._pseudo_negation
            negated_before = _memo(
                memo,
                ("negated", clause_start, hit.start),
                lambda text: self._negation.search(pseudo.sub(" _ ", text)),
                before,
            )
            if negated_before or any(
                found.group(0) not in hit.pattern
                for found in self._negation_word.finditer(
                    pseudo.sub(" _ ", words[hit.start : hit.end])
                )
            ):
                cancel = True
        level = rule_level
        if cancel:
            level = "none"
        elif rule.past and _memo(
            memo, ("past", clause_start, clause_end), self._in_past, context, hit
        ):
            sentence_start, sentence_end = context.sentence_bounds(hit.start, hit.end)
            following = context.next_sentence_end(sentence_end)
            if not _memo(
                memo,
                ("back", sentence_start, following),
                self._back.search,
                words[sentence_start:following],
            ):
                level = lower(level)
                hit.lowered_past = True
        if rule_level == "urgent" and LEVEL_RANK[level] < LEVEL_RANK["high"]:
            level = "high"
            hit.softened = True
        if level == "none" and rule.is_risk:
            hit.cancelled = True
        elif cancel and not rule.is_risk:
            hit.cancelled = True
        hit.level = level

    def _in_past(self, context: Context, hit: _Hit) -> bool:
        words = context.words
        clause_start, clause_end = context.clause_bounds(hit.start, hit.end)
        return bool(
            self._past.search(words, clause_start, clause_end)
            or self._recovery.search(
                words, *context.sentence_bounds(hit.start, hit.end)
            )
        )

    def _escalate(
        self, hits: list[_Hit], context: Context, escalators: list[tuple[int, int]]
    ) -> None:
        words = context.words
        cues = []
        for start, end in escalators:
            if self._escalator_negation.search(words, max(0, start - 40), start):
                continue
            if context.inside_idiom(start, end):
                continue
            cues.append(start)
        if not cues:
            return
        for hit in hits:
            if (
                hit.cancelled
                or hit.softened
                or hit.lowered_past
                or hit.category not in ESCALATABLE
                or hit.rule.match_on != "words"
                or hit.level == "none"
            ):
                continue
            if any(abs(position - hit.start) <= 250 for position in cues):
                hit.level = "urgent" if hit.level == "high" else higher(hit.level)

    def _summarise(self, hits: list[_Hit]) -> Assessment:
        best: dict[str, _Hit] = {}
        order: list[str] = []
        for hit in hits:
            if hit.cancelled:
                continue
            current = best.get(hit.rule.id)
            if current is None:
                order.append(hit.rule.id)
                best[hit.rule.id] = hit
            elif LEVEL_RANK[hit.level] > LEVEL_RANK[current.level]:
                best[hit.rule.id] = hit
        if not best:
            return Assessment()
        level = "none"
        actions: set[str] = set()
        category_rank: dict[str, int] = {}
        for rule_id in order:
            hit = best[rule_id]
            rule = hit.rule
            rank = LEVEL_RANK[hit.level]
            level = highest(level, hit.level)
            category_rank[hit.category] = max(category_rank.get(hit.category, -1), rank)
            if rule.is_risk:
                actions.add("signpost")
                if rank >= LEVEL_RANK["high"] or rule.level == "urgent":
                    actions.add("flag")
                actions.update(rule.actions - {"flag"})
            else:
                actions.update(rule.actions)
        ordered_rules = sorted(order, key=lambda r: -LEVEL_RANK[best[r].level])
        categories = sorted(category_rank, key=lambda c: -category_rank[c])
        return Assessment(
            level=level,
            categories=tuple(categories),
            rules=tuple(ordered_rules),
            actions=frozenset(actions),
        )

    # -- operators

    def describe(self) -> dict:
        """The rules as operators see them: no patterns, just what each rule is for."""
        return {
            "version": self.version,
            "rules": [
                {
                    "id": rule.id,
                    "category": rule.category,
                    "level": rule.level,
                    "actions": sorted(rule.actions),
                    "description": rule.description,
                    "patterns": len(rule.patterns),
                    "fixed": rule.fixed,
                    "new_accounts_only": rule.new_accounts_only,
                    "examples": {
                        "positive": list(rule.examples_positive),
                        "negative": list(rule.examples_negative),
                    },
                }
                for rule in self.rules
            ],
        }

    def check_examples(self) -> list[str]:
        """Every rule example that does not behave as it says, as readable lines."""
        problems = []
        for rule in self.rules:
            for example in rule.examples_positive:
                got = self.assess(example, new_account=rule.new_accounts_only)
                if rule.id not in got.rules:
                    problems.append(f"{rule.id}: missed positive example {example!r}")
            for example in rule.examples_negative:
                got = self.assess(example, new_account=rule.new_accounts_only)
                if rule.id in got.rules:
                    problems.append(f"{rule.id}: matched negative example {example!r}")
        return problems


def _memo(memo: dict, key, function, *args):
    """function(*args), worked out once per key for one text."""
    if key not in memo:
        memo[key] = function(*args)
    return memo[key]
