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
from moderation.rules import subject
from moderation.rules.concepts import (
    ConceptIndex,
    anchor_entries,
    combined,
    read_combination,
    read_concepts,
)
from moderation.rules.context import Context
from moderation.rules.normalise import WORDS_FORMS, text_form
from moderation.rules.prefilter import Scanner
from moderation.rules.schema import (
    ESCALATABLE,
    RISK_CATEGORIES,
    Assessment,
    Rule,
    compile_pattern,
    fail,
    read_rules_file,
    rule_from,
)

# The scanner reports idioms and escalators as matches of these two rule indexes,
# and the anchors of combinations as _ANCHOR minus the concept's position.
_IDIOM, _ESCALATOR, _ANCHOR = -1, -2, -100


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
    notes: list | None = None  # why the level is what it is, when explaining

    def note(self, words: str) -> None:
        if self.notes is not None:
            self.notes.append(words)


class Ruleset:
    """A checked, compiled rules file. Use load_rules() to make one."""

    def __init__(self, data, source: str = "rules file", *, prefilter: bool = True):
        checked = read_rules_file(data, source)
        self.version = checked.version
        self.language = checked.language
        self._words_form = WORDS_FORMS[checked.language]
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
        self._read_combinations(data, source)
        # One scanner for the rules, the idioms (-1), the escalators (-2) and the
        # combinations' anchors (-100 and below).
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
            ]
            + anchor_entries(
                self.concepts,
                self.combinations,
                lambda name: _ANCHOR - self._concept_numbers[name],
            ),
            prefilter=prefilter,
            telling_first=lambda owner: owner <= _ANCHOR,
        )

    def _read_combinations(self, data: dict, source: str) -> None:
        self.concepts = read_concepts(data.get("concepts"), data.get("language", "en"))
        self._concept_numbers = {name: n for n, name in enumerate(self.concepts)}
        self._concept_names = list(self.concepts)
        self._concept_index = ConceptIndex(self.concepts)
        raw = data.get("combinations", [])
        if not isinstance(raw, list):
            raise fail(source, "combinations must be a list")
        seen = set(self.by_id)
        self.combinations = tuple(
            read_combination(
                entry, rule_from(entry, seen, position, combination=True), self.concepts
            )
            for position, entry in enumerate(raw, 1)
        )
        self.by_id = {**self.by_id, **{c.rule.id: c.rule for c in self.combinations}}
        self._anchored: dict[str, list] = {}
        for combination in self.combinations:
            self._anchored.setdefault(combination.anchor, []).append(combination)
            framed = combination.rule.when_framed
            if framed is not None and framed not in self.by_id:
                raise fail(
                    f"combination {combination.rule.id!r}",
                    f"when_framed names no rule {framed!r}",
                )
        self._subject = subject.Subject.from_concepts(
            self.concepts, data.get("language", "en")
        )

    # -- assessing

    def assess(self, text: str, *, new_account: bool = False) -> Assessment:
        return self._assess(text, new_account, None)

    def explain(self, text: str, *, new_account: bool = False) -> dict:
        """Why text gets its level: the words form, the concepts found, and each
        match with what the weighing did to it."""
        trace: dict = {"hits": []}
        result = self._assess(text, new_account, trace)
        words = trace.get("words", "")
        trace["concepts"] = {
            name: [m.group(0) for m in concept.pattern.finditer(words)]
            for name, concept in self.concepts.items()
            if concept.pattern.search(words)
        }
        trace["assessment"] = result
        return trace

    def _assess(self, text: str, new_account: bool, trace: dict | None) -> Assessment:
        if not text:
            return Assessment()
        plain = text_form(text)
        words = self._words_form(plain)
        if trace is not None:
            trace["words"] = words
        hits: list[_Hit] = []
        idioms: list[tuple[int, int]] = []
        escalators: list[tuple[int, int]] = []
        anchors: list[tuple[str, int, int]] = []
        seen: set[tuple[int, int, int]] = set()
        for rule_index, start, end, source in self.scanner.matches(words, plain):
            if rule_index < 0:
                if rule_index == _IDIOM:
                    idioms.append((start, end))
                elif rule_index == _ESCALATOR:
                    escalators.append((start, end))
                else:
                    name = self._concept_names[_ANCHOR - rule_index]
                    anchors.append((name, start, end))
                continue
            rule = self.rules[rule_index]
            if rule.new_accounts_only and not new_account:
                continue
            if (rule_index, start, end) in seen:
                continue  # the same words found by two patterns of one rule
            seen.add((rule_index, start, end))
            hits.append(_Hit(rule, start, end, rule.level, rule.category, source))
        if not hits and not anchors:
            return Assessment()
        context = Context(words, idioms, self._contrast)
        if anchors:
            hits += self._combined(anchors, context)
        if trace is not None:
            for hit in hits:
                hit.notes = [f"matched {words[hit.start : hit.end]!r}"]
                trace["hits"].append(hit)
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
                    hit.note("raised a level by an emoji (pills, knife, blood)")
        return self._summarise(hits)

    def _combined(self, anchors, context: Context) -> list[_Hit]:
        """The combinations whose concepts meet around the anchors found."""
        return [
            _Hit(rule, start, end, rule.level, rule.category, matched)
            for rule, start, end, matched in combined(
                anchors, self._anchored, self._concept_index, context
            )
        ]

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
            hit.note("cancelled: its context rule does not hold")
            return
        if context.inside_idiom(hit.start, hit.end):
            hit.cancelled = True
            hit.note("cancelled: inside an idiom")
            return
        clause_start, clause_end = context.clause_bounds(hit.start, hit.end)
        before = words[clause_start : hit.start]
        who = self._subject.whose(hit, words, clause_start)
        if who == subject.ADDRESSEE:
            hit.cancelled = True
            hit.note("said to someone else, not of the writer")
            return
        someone_else = who == subject.SOMEONE_ELSE
        if someone_else:
            self._about_someone_else(hit)
            if hit.cancelled:
                return
        if rule.fixed:
            return
        if rule.when_framed and self._fear_frame.search(before):
            # "I'm terrified I'm going to hurt her": fear of the act, not intent.
            rule = hit.rule = self.by_id[rule.when_framed]
            hit.category = rule.category
            hit.level = rule.level
            hit.note(f"fear framing: counts as {rule.id}")
        rule_level = hit.level
        cancel = False
        memo = context.memo
        reported = rule.quoting and (
            context.inside_quote(hit.start)
            or _memo(
                memo,
                ("reported", clause_start, hit.start),
                self._reported.search,
                before,
            )
        )
        if reported and not (
            someone_else or self._subject.reports_someone_else(before)
        ):
            sentence_start, sentence_end = context.sentence_bounds(hit.start, hit.end)
            if not self._affirmed.search(words, hit.end, sentence_end):
                cancel = True
                hit.note("quoted or reported speech")
        elif reported and not someone_else:
            self._about_someone_else(hit)
            if hit.cancelled:
                return
            rule_level = hit.level
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
                hit.note("negated")
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
                hit.note("in the past or recovered: a level lower")
        if rule_level == "urgent" and LEVEL_RANK[level] < LEVEL_RANK["high"]:
            level = "high"
            hit.softened = True
            hit.note("urgent words are never dropped: kept at high")
        if level == "none" and rule.is_risk:
            hit.cancelled = True
        elif cancel and not rule.is_risk:
            hit.cancelled = True
        hit.level = level

    def _about_someone_else(self, hit: _Hit) -> None:
        """The words are about another person: worry for her, at the same level,
        not the writer's own risk. Someone else's unwanted thoughts are no concern
        of the writer's."""
        if hit.category not in subject.WRITERS_OWN:
            return
        if hit.category == "intrusive_thoughts":
            hit.cancelled = True
            hit.note("someone else's unwanted thoughts: nothing to flag")
            return
        hit.category = "worried_about_someone"
        hit.note("about someone else: the writer is worried for them")

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
        escalating = self.concepts.get("escalates")
        if escalating is not None:
            escalators = escalators + [
                m.span() for m in escalating.pattern.finditer(words)
            ]
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
            near = [p for p in cues if abs(p - hit.start) <= 250]
            if near:
                hit.level = "urgent" if hit.level == "high" else higher(hit.level)
                hit.note(f"raised by means, plan or timing nearby: {near[0]}")

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
        for rule in (*self.rules, *(c.rule for c in self.combinations)):
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
