"""Suspects, candidates and evidence: what could be a garbled name, and how sure we are.

The matcher reads one text. It first finds intact mentions of gazetteer forms
(document evidence, and known variants to rewrite). Then, for each suspect
token (not a known name token, not English, not protected), it gathers name
tokens that may have been garbled into it and tries to lay each whole form of
that name over the text around it. A laid-over form is a `Proposal`; its
confidence starts from how alike the words are and moves with the evidence:
exact neighbours of the same name, a context word nearby, the entity intact
elsewhere in the text, another garble pointing at the same entity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from enum import Enum

from normalizer.gazetteer.index import MAX_FORMS_PER_NEIGHBOUR, Form, Index
from normalizer.gazetteer.lexicon import place_names
from normalizer.gazetteer.names import PARTICLES
from normalizer.similarity import similarity
from normalizer.tokens import Token, apply_case_style, is_name_gap

# The whitespace-delimited chunk around a token looks like a URL, a path, an
# e-mail address, a handle or a domain: its words are not prose.
_DERIVATIONAL_SUFFIXES = ("ers", "er", "ians", "ian", "ans", "ese", "ites", "ite", "s", "es", "ism", "ist")
_NOT_PROSE = re.compile(r"[/@\\]|\w\.\w{2,}|^[#@]|_")
# Whitespace ends a chunk: a word with whitespace on both sides is its own chunk.
_CHUNK_EDGES = frozenset(" \t\n\r\u00a0")

# Between two items of a list: "Iran, Libya", "Iran / Libya" ("and", "or" are words).
_LIST_SEPARATOR = re.compile(r"\s*[,/;]\s*")
_CONJUNCTIONS = frozenset({"and", "or"})
_SPACES = (" ", "\u00a0")  # two words side by side on a line

# Lowest word similarity a candidate may have at all.
MIN_SIMILARITY = 0.6
# Evidence weights. Each is added to the word similarity; see DESIGN.md.
LONE_WORD_PENALTY = 0.08  # a single word with no neighbour of its name
EXACT_NEIGHBOUR_BONUS = 0.06  # "Abbas" beside "Aragut"
EXTRA_NEIGHBOUR_BONUS = 0.03  # per further exact neighbour, at most two
GARBLES_AGREE_BONUS = 0.04  # two garbled words of one name side by side
CONTEXT_NEAR_BONUS = 0.10  # a context phrase within NEAR tokens
CONTEXT_FAR_BONUS = 0.05  # ... within WINDOW tokens
LIST_NEIGHBOUR_BONUS = 0.06  # "Sdan, Iran, Libya": a list item beside a name of its kind
DOCUMENT_BONUS = 0.06  # the entity appears intact (or repaired) elsewhere
SURNAME_AFTER_FULL_NAME_BONUS = 0.04  # ... a surname, after the full name
CORROBORATION_BONUS = 0.04  # another garble elsewhere points at the same entity
TITLE_BEFORE_NAME_BONUS = 0.06  # an honorific right before a known name
TITLE_CHAIN_BONUS = 0.04  # ... and right after another honorific
# A lowercase word that merely resembles a name is most often an ordinary
# word the lexicon lacks ("tweeted", "cosplayer"), not a name that lost its capitals.
LOST_CAPITALS_PENALTY = 0.20
AFTER_PARTICLE_PENALTY = 0.10  # a lone word right after "de", "al", "van"...
RESTORED_CAPITALS_CONFIDENCE = 0.90  # "montalvo" where the gazetteer has "Montalvo"
VARIANT_CONFIDENCE = 0.99
# A neighbour is evidence only when it is distinctive: not a very common
# English word (lexicon.COMMON_WORD_COUNT) and part of only a few names.
MAX_FORMS_OF_DISTINCTIVE_WORD = 12
NEAR, WINDOW = 3, 25
MIN_GLUED_LENGTH = 7  # shorter words are too short to be two words run together
MAX_CONFIDENCE = 0.99  # reported; ranking uses the raw sum


class Status(Enum):
    SKIP = 0  # ignored span, protected, too short, acronym
    KNOWN = 1  # a token of a correct gazetteer form
    ENGLISH = 2  # in the English lexicon
    SUSPECT = 3
    NAME = 4  # a real place name the gazetteers do not hold ("Kanata"): a garble only beside its name


# Words a fuzzy reading may rewrite.
_OPEN = frozenset({Status.SUSPECT, Status.NAME})


@dataclass
class Proposal:
    """A possible correction of tokens `first`..`last` (inclusive)."""

    first: int
    last: int
    replacement: str
    entity: int
    confidence: float
    reasons: list[str]
    match: str  # variant | fuzzy | compound
    rival: tuple[str, float] | None = None  # best different replacement, its confidence
    anchored: bool = False  # pinned by a distinctive exact neighbour of the same name
    lost_capitals: bool = False  # lowercase word, capitalized name
    surname: bool = False  # read as a person's surname alone
    _has_document_evidence: bool = field(default=False, repr=False)

    def overlaps(self, other: "Proposal") -> bool:
        """True when the two proposals touch at least one common word."""
        return self.first <= other.last and other.first <= self.last


class Matcher:
    def __init__(self, index: Index, text: str, tokens: list[Token], ignored: list[bool]):
        self.index = index
        self.english = index.english
        self.text = text
        self.tokens = tokens
        self.keys = [t.key for t in tokens]
        self.status = [self._classify(token, key, skip) for token, key, skip in zip(tokens, self.keys, ignored)]
        self.covered = [False] * len(tokens)
        self.seen: dict[int, int] = defaultdict(int)  # entity -> intact mentions
        self.full_name_at: dict[int, int] = {}  # entity -> first intact mention of a full name
        self.intact_kinds: dict[int, set[str]] = defaultdict(set)  # word -> kinds of the intact names over it
        self._context_positions: dict[int, list[tuple[int, str]]] = {}
        self._list_neighbours_at: dict[tuple[int, int], list[int]] = {}
        self._positions: dict[str, list[int]] = defaultdict(list)  # token key -> where it occurs
        for k, key in enumerate(self.keys):
            self._positions[key].append(k)

    # ----- classification -------------------------------------------------
    def _classify(self, token: Token, key: str, ignored: bool) -> Status:
        if ignored or key in self.index.protected or self._in_non_prose(token):
            return Status.SKIP
        # The rest depends on the word alone: remembered across texts.
        memo = self.index.memo("_word_status")
        status = memo.get(token.text)
        if status is None:
            status = memo[token.text] = self._word_status(token.text, key)
        return status

    def _word_status(self, word: str, key: str) -> Status:
        if key in self.index.correct_tokens:
            if word.islower() and key in self.english and not self.index.spelling[key].islower():
                return Status.ENGLISH  # "nice", "reading": the word, not the city
            return Status.KNOWN
        if key in self.english:
            return Status.ENGLISH
        if self._derived_from_name(key):
            return Status.SKIP
        if key in place_names():
            return Status.NAME
        if len(word) < 3 or (word.isupper() and len(word) < 5):
            return Status.SKIP  # too short to judge; acronyms
        return Status.SUSPECT

    def _derived_from_name(self, key: str) -> bool:
        """"Zealanders", "Londoner", "Texans": a known name plus an English
        suffix is a derived word (demonym, plural), not a garble."""
        for suffix in _DERIVATIONAL_SUFFIXES:
            stem = key[: -len(suffix)]
            if key.endswith(suffix) and len(stem) >= 3 and stem in self.index.correct_tokens:
                return True
        return False

    def _in_non_prose(self, token: Token) -> bool:
        text = self.text
        if (token.start == 0 or text[token.start - 1] in _CHUNK_EDGES) and (
            token.end == len(text) or text[token.end] in _CHUNK_EDGES
        ):
            return False  # the chunk is the word itself (the common case)
        start = token.start
        while start > 0 and not self.text[start - 1].isspace():
            start -= 1
        end = token.end
        while end < len(self.text) and not self.text[end].isspace():
            end += 1
        chunk = self.text[start:end]
        return chunk != token.text and _NOT_PROSE.search(chunk) is not None

    def _gap_ok(self, left: int, right: int) -> bool:
        return is_name_gap(self._gap(left, right))

    # ----- pass 1: intact mentions and known variants --------------------
    def exact_pass(self) -> list[Proposal]:
        proposals = []
        n, i = len(self.tokens), 0
        heads = self.index.lengths_by_head
        while i < n:
            length = self._longest_exact(i) if self.keys[i] in heads else 0
            if length == 0:
                i += 1
                continue
            span = tuple(self.keys[i : i + length])
            form_ids = self.index.exact[span]
            correct = [f for f in form_ids if not self.index.forms[f].is_variant]
            if correct:
                for entity in {self.index.forms[f].entity for f in correct}:
                    self.seen[entity] += 1
                for f in correct:
                    if length >= 2 and self.index.forms[f].role in ("canonical", "alias"):
                        self.full_name_at.setdefault(self.index.forms[f].entity, i)
                # What kind of name stands here, for list evidence; a demonym
                # ("Bangladeshis") names people, not the place.
                for f in correct:
                    kind = self.index.entities[self.index.forms[f].entity].kind
                    role = self.index.forms[f].role
                    for k in range(i, i + length):
                        self.intact_kinds[k].add(kind if role not in ("adjective", "combining") else role)
                proposal = self._capitals_proposal(i, correct)
                if proposal:
                    proposals.append(proposal)
            else:
                proposal = self._variant_proposal(i, form_ids)
                if proposal:
                    proposals.append(proposal)
            for k in range(i, i + length):
                self.covered[k] = True
            i += length
        return proposals

    def _longest_exact(self, i: int) -> int:
        for length in self.index.lengths_by_head.get(self.keys[i], ()):
            if i + length > len(self.tokens):
                continue
            span = tuple(self.keys[i : i + length])
            if span not in self.index.exact:
                continue
            if any(self.status[k] == Status.SKIP and self.keys[k] in self.index.protected for k in range(i, i + length)):
                continue
            if all(self.status[k] == Status.ENGLISH for k in range(i, i + length)):
                continue  # ordinary words that also spell a name ("new york", "nice")
            if all(self._gap_ok(k, k + 1) for k in range(i, i + length - 1)):
                return length
        return 0

    def _capitals_proposal(self, i: int, form_ids: list[int]) -> Proposal | None:
        """A name that lost its capitals ("montalvo", "maxime Bernier") gets them
        back, unless a lowercase word is an English word ("bill", "china", the
        "the" of "the Philippines")."""
        form = self.index.forms[form_ids[0]]
        words = [self.tokens[i + k].text for k in range(len(form.keys))]
        # After a hyphen a small letter is a spelling, not a loss ("Kim Jong-un").
        lost = [
            k for k, w in enumerate(words)
            if w.islower() and not form.tokens[k].islower() and not (k and self._gap(i + k - 1, i + k) == "-")
        ]
        if not lost or any(len(t) > 1 and t.isupper() for t in form.tokens) or sum(map(len, words)) < 4:
            return None  # nothing lost; "ap" for "AP": too short to tell a lost capital from a word
        if any(self.status[i + k] == Status.SKIP for k in range(len(words))):
            return None
        if any(words[k] in self.english for k in lost):
            return None
        # One name listed in two gazetteers (bundled and the newsroom's) is still one name.
        if len({self.index.forms[f].target for f in form_ids}) != 1:
            return None
        reason = f"'{' '.join(words)}' is '{' '.join(form.tokens)}' without its capitals"
        return self._render(i, form, [1.0] * len(words), RESTORED_CAPITALS_CONFIDENCE, [reason], "capitals")

    def _variant_proposal(self, i: int, form_ids: list[int]) -> Proposal | None:
        targets = {self.index.forms[f].target for f in form_ids}
        form = self.index.forms[form_ids[0]]
        if len(targets) != 1 or any(self.status[i + k] in (Status.SKIP, Status.ENGLISH) for k in range(len(form.keys))):
            return None  # ambiguous, ignored, or an English word: leave it alone
        canonical = self.index.entities[form.entity].canonical
        reason = f"'{' '.join(form.tokens)}' is a listed variant of '{canonical}'"
        return self._render(i, form, [1.0] * len(form.keys), VARIANT_CONFIDENCE, [reason], "variant")

    # ----- pass 2: fuzzy mentions ------------------------------------------
    def fuzzy_pass(self) -> list[Proposal]:
        candidates: list[Proposal] = []
        tried: set[tuple[int, int]] = set()
        for i, status in enumerate(self.status):
            if status not in _OPEN or self.covered[i]:
                continue
            # Best candidates first, ties by spelling: the same input always
            # yields the same proposals in the same order (sets are unordered).
            ranked = sorted(self._candidate_tokens(i).items(), key=lambda item: (-item[1], item[0]))
            for key, _score in ranked:
                for form_id, position in self.index.token_forms.get(key, ()):
                    start = i - position
                    if (form_id, start) in tried:
                        continue
                    tried.add((form_id, start))
                    proposal = self._align(form_id, start)
                    if proposal:
                        candidates.append(proposal)
        candidates += self._glued_names()
        candidates += self._compounds()
        self._add_corroboration(candidates)
        return candidates

    def _candidate_tokens(self, i: int) -> dict[str, float]:
        """Name token keys that `tokens[i]` may be a garble of."""
        word = self.tokens[i].text
        found = dict(self._similar_name_tokens(word))
        # A known neighbour implies what this word should be: "Abbas" + ? -> "Araghchi".
        for j in (i - 1, i + 1):
            if not 0 <= j < len(self.tokens) or self.status[j] != Status.KNOWN:
                continue
            forms = self.index.token_forms.get(self.keys[j], ())
            if len(forms) > MAX_FORMS_PER_NEIGHBOUR:
                continue
            for form_id, position in forms:
                form = self.index.forms[form_id]
                implied = position + (i - j)
                if 0 <= implied < len(form.keys) and form.keys[implied] not in found:
                    score, _ = similarity(word, form.tokens[implied])
                    if score >= MIN_SIMILARITY:
                        found[form.keys[implied]] = score
        return found

    def _similar_name_tokens(self, word: str) -> dict[str, float]:
        """Name token keys alike enough to `word`, with their similarity
        (remembered across texts: unknown words recur in a batch)."""
        memo = self.index.memo("_similar_name_tokens")
        if word not in memo:
            found = {}
            for key in self.index.fuzzy_tokens(word):
                score, _ = similarity(word, self.index.spelling[key])
                if score >= MIN_SIMILARITY:
                    found[key] = score
            memo[word] = found
        return memo[word]

    def _align(self, form_id: int, start: int) -> Proposal | None:
        """Lay form `form_id` over the tokens from `start`; score the fit."""
        form = self.index.forms[form_id]
        end = start + len(form.keys)
        if start < 0 or end > len(self.tokens):
            return None
        # Cheap test first: every word is the form's own or an open suspect.
        keys, status, covered = self.keys, self.status, self.covered
        for q, k in enumerate(range(start, end)):
            if keys[k] != form.keys[q] and (status[k] not in _OPEN or covered[k]):
                return None
        scores, reasons, exact_neighbours = [], [], []
        for q, k in enumerate(range(start, end)):
            if k > start and not self._gap_ok(k - 1, k):
                return None
            if self.keys[k] == form.keys[q]:
                scores.append(1.0)
                exact_neighbours.append(self.tokens[k].text)
                continue
            if self.status[k] not in _OPEN or self.covered[k]:
                return None
            score, why = similarity(self.tokens[k].text, form.tokens[q])
            if score < MIN_SIMILARITY:
                return None
            scores.append(score)
            reasons.append(f"'{self.tokens[k].text}' ~ '{form.tokens[q]}': {why}")
        fuzzy = [s for s in scores if s < 1.0]
        if not fuzzy:
            return None
        real_names = any(self.status[k] == Status.NAME for k in range(start, end))
        confidence = min(fuzzy)
        # "the Freewinds" ~ "The Philippines": a neighbour as common as "the",
        # "New" or "Al" says nothing about which name is meant.
        weak = [w for w in exact_neighbours if not self._distinctive(w)]
        anchors = [w for w in exact_neighbours if self._distinctive(w)]
        if real_names and not any(w[:1].isupper() for w in exact_neighbours):
            return None  # a real place name alone ("Kanata") is no garble; "South Kolea" is
        if weak:
            reasons.append("beside " + " ".join(f"'{w}'" for w in weak) + " (too common to count)")
        lost_capitals = False
        if anchors:
            extra = min(len(anchors) - 1, 2)
            confidence += EXACT_NEIGHBOUR_BONUS + EXTRA_NEIGHBOUR_BONUS * extra
            reasons.append("beside " + " ".join(f"'{w}'" for w in anchors) + " of the same name")
        elif len(fuzzy) >= 2:
            confidence += GARBLES_AGREE_BONUS
            reasons.append(f"{len(fuzzy)} neighbouring words agree on one name")
        elif not weak:  # a common neighbour is weak evidence, but not none
            q = next(q for q, score in enumerate(scores) if score < 1.0)
            delta, lost_capitals = self._lone_word_evidence(start + q, form, form.tokens[q], reasons)
            confidence += delta
        confidence += self._context_evidence(form.entity, start, end - 1, reasons)
        confidence += self._list_evidence(form.entity, start, end - 1, reasons)
        proposal = self._render(start, form, scores, confidence, reasons, "fuzzy")
        if proposal:
            proposal.anchored = bool(anchors)
            proposal.lost_capitals = lost_capitals
        return proposal

    def _distinctive(self, word: str) -> bool:
        key = word.casefold()
        common_english = key in self.index.common_english
        return not common_english and len(self.index.token_forms.get(key, ())) <= MAX_FORMS_OF_DISTINCTIVE_WORD

    def _lone_word_evidence(self, i: int, form: Form, name: str, reasons: list[str]) -> tuple[float, bool]:
        """A single garbled word `tokens[i]` read as `name`: weaker evidence,
        unless it is a title before a name. Also says whether it lost capitals."""
        entity = self.index.entities[form.entity]
        if entity.kind == "honorific" and i + 1 < len(self.tokens) and self._gap_ok(i, i + 1):
            after = self.tokens[i + 1].text
            if self.status[i + 1] == Status.KNOWN and after[:1].isupper():
                bonus = TITLE_BEFORE_NAME_BONUS
                reasons.append(f"a title before the name '{after}'")
                if i > 0 and self._gap_ok(i - 1, i) and self._is_title(i - 1):
                    bonus += TITLE_CHAIN_BONUS
                    reasons.append(f"after the title '{self.tokens[i - 1].text}'")
                return bonus, False
        penalty = -LONE_WORD_PENALTY
        lost_capitals = self.tokens[i].text[:1].islower() and name[:1].isupper()
        if lost_capitals:
            penalty -= LOST_CAPITALS_PENALTY
        if i > 0 and self.keys[i - 1] in PARTICLES and self._gap_ok(i - 1, i):
            # "De Vincenti", "Al-Ghaza": after "de", "al", "van" comes the rest
            # of a surname, not a garbled place or demonym of its own.
            penalty -= AFTER_PARTICLE_PENALTY
            reasons.append(f"after '{self.tokens[i - 1].text}', part of another name")
        return penalty, lost_capitals

    def _is_title(self, k: int) -> bool:
        return any(
            self.index.entities[self.index.forms[f].entity].kind == "honorific"
            for f, _ in self.index.token_forms.get(self.keys[k], ())
            if len(self.index.forms[f].keys) == 1
        )

    def _context_evidence(self, entity: int, first: int, last: int, reasons: list[str]) -> float:
        # A context word inside the mention is part of the name ("Health" in
        # "World Health Organization"), not context.
        found = [(p, phrase) for p, phrase in self._context_phrases(entity) if not first <= p <= last]
        if not found:
            return 0.0
        distance, phrase = min((min(abs(p - first), abs(p - last)), phrase) for p, phrase in found)
        canonical = self.index.entities[entity].canonical
        if distance <= NEAR:
            reasons.append(f"context word of '{canonical}' next to it")
            return CONTEXT_NEAR_BONUS
        if distance <= WINDOW:
            reasons.append(f"context word of '{canonical}' nearby ('{phrase}')")
            return CONTEXT_FAR_BONUS
        return 0.0

    def _list_evidence(self, entity: int, first: int, last: int, reasons: list[str]) -> float:
        """"Sdan, Iran, Libya": an item of a list whose neighbour in the list is
        an intact name of the same kind (countries beside countries)."""
        kind = self.index.entities[entity].kind
        # Every reading of a word asks about the same span: work it out once.
        neighbours = self._list_neighbours_at.get((first, last))
        if neighbours is None:
            neighbours = self._list_neighbours_at[first, last] = self._list_neighbours(first, last)
        for neighbour in neighbours:
            if self.intact_kinds.get(neighbour) == {kind}:  # "Paris" the city or Valeska Paris: no evidence
                reasons.append(f"in a list beside '{self.tokens[neighbour].text}', a {kind} too")
                return LIST_NEIGHBOUR_BONUS
        return 0.0

    def _list_neighbours(self, first: int, last: int) -> list[int]:
        """The words next to `first`..`last` across a list separator: "and"/"or"
        (with or without a comma before it), or a comma, slash or semicolon when
        the list goes on beyond ("Sdan, Iran, Libya"), not a lone comma
        between clauses ("On board the Freewinds, Paris claims")."""
        found, commas = [], []
        for step, edge in ((-1, first), (1, last)):
            k = edge + step
            if not self._separated(edge, k):
                continue
            if self.keys[k] in _CONJUNCTIONS:
                if self._separated(k, k + step, conjunction_ok=False) or self._joined(k, k + step):
                    found.append(k + step)
            else:
                commas.append((k, k + step))
        for neighbour, beyond in commas:
            if len(commas) == 2 or self._separated(neighbour, beyond):
                found.append(neighbour)
        return found

    def _separated(self, a: int, b: int, conjunction_ok: bool = True) -> bool:
        """Tokens a and b (adjacent) are split by a list separator, or b is "and"/"or"."""
        gap = self._between(a, b)
        if gap is None:
            return False
        if conjunction_ok and self.keys[b] in _CONJUNCTIONS and gap in _SPACES:
            return True
        return _LIST_SEPARATOR.fullmatch(gap) is not None

    def _joined(self, a: int, b: int) -> bool:
        """Tokens a and b (adjacent) stand side by side on a line: "Morcco and"."""
        return self._between(a, b) in _SPACES

    def _between(self, a: int, b: int) -> str | None:
        """The text between adjacent tokens a and b, in either order; None
        when either is outside the text."""
        if not (0 <= a < len(self.tokens) and 0 <= b < len(self.tokens)):
            return None
        return self._gap(min(a, b), max(a, b))

    def _gap(self, left: int, right: int) -> str:
        return self.text[self.tokens[left].end : self.tokens[right].start]

    def _context_phrases(self, entity: int) -> list[tuple[int, str]]:
        """(token position, phrase) of each context phrase of `entity` in the text."""
        if entity not in self._context_positions:
            found = []
            for phrase in self.index.entities[entity].context:
                size = len(phrase)
                for k in self._positions.get(phrase[0], ()) if phrase else ():
                    if tuple(self.keys[k : k + size]) == phrase:
                        found.append((k + size // 2, " ".join(phrase)))
            self._context_positions[entity] = found
        return self._context_positions[entity]

    # ----- one name glued into one word: "Losangeles" -> "Los Angeles" -----
    def _long_suspects(self):
        """(position, word) of each uncovered suspect long enough to hold two
        words glued together: one name's ("Losangeles") or two places' ("Russoilania")."""
        for i, status in enumerate(self.status):
            word = self.tokens[i].text
            if status == Status.SUSPECT and not self.covered[i] and len(word) >= MIN_GLUED_LENGTH:
                yield i, word

    def _glued_names(self) -> list[Proposal]:
        proposals = []
        for i, word in self._long_suspects():
            memo = self.index.memo("_glued_forms")
            if word not in memo:
                memo[word] = sorted(self.index.glued_forms(word))
            for form_id in memo[word]:
                form = self.index.forms[form_id]
                score, why = similarity(word, "".join(form.tokens))
                if score < MIN_SIMILARITY:
                    continue
                reasons = [f"'{word}' ~ '{' '.join(form.tokens)}' written as one word: {why}"]
                delta, lost_capitals = self._lone_word_evidence(i, form, form.tokens[0], reasons)
                confidence = score + delta
                confidence += self._context_evidence(form.entity, i, i, reasons)
                replacement = apply_case_style(word, " ".join(form.target))
                proposal = Proposal(i, i, replacement, form.entity, confidence, reasons, "glued")
                proposal.lost_capitals = lost_capitals
                proposals.append(proposal)
        return proposals

    # ----- glued compounds: "Russoilania" -> "Russia-Iran" ----------------
    def _compounds(self) -> list[Proposal]:
        proposals = []
        for i, word in self._long_suspects():
            best = self._best_split(word)
            if best:
                confidence, left, right, reasons = best
                canonical = self.index.entities
                replacement = f"{canonical[left].canonical}-{canonical[right].canonical}"
                proposals.append(Proposal(i, i, apply_case_style(word, replacement), right, confidence, reasons, "compound"))
        return proposals

    def _best_split(self, word: str):
        best = None
        for cut in range(3, len(word) - 2):
            head, tail = word[:cut], word[cut:]
            for left in self.index.place_forms.get(head.casefold(), ()):
                for key in sorted(self.index.fuzzy_tokens(tail)):
                    for right in self.index.place_forms.get(key, ()):
                        if right == left:
                            continue
                        score, why = similarity(tail, self.index.spelling[key])
                        if score < 0.85 or (best and score <= best[0]):
                            continue
                        names = (self.index.entities[left].canonical, self.index.entities[right].canonical)
                        reasons = [
                            f"glued compound: '{head}' is '{names[0]}', '{tail}' ~ '{self.index.spelling[key]}' ({why})"
                        ]
                        best = (score, left, right, reasons)
        return best

    # ----- evidence across the document ----------------------------------
    def _add_corroboration(self, candidates: list[Proposal]) -> None:
        # Only a different spelling elsewhere corroborates: the same garble
        # repeated is one piece of evidence, not two, and a reading of the same
        # words ("Mokhajelani" inside "Fatem Mokhajelani") is no evidence at all.
        by_entity: dict[int, list[Proposal]] = defaultdict(list)
        for proposal in candidates:
            by_entity[proposal.entity].append(proposal)
        for proposal in candidates:
            spelling = self.spelling(proposal)
            if any(
                not other.overlaps(proposal) and self.spelling(other) != spelling
                for other in by_entity[proposal.entity]
            ):
                proposal.confidence += CORROBORATION_BONUS
                proposal.reasons.append("another garble in the text points at the same name")
            if self.seen.get(proposal.entity):
                self.add_document_evidence(proposal)

    def spelling(self, proposal: Proposal) -> str:
        """The words a proposal would replace, case set aside."""
        return self.text[self.tokens[proposal.first].start : self.tokens[proposal.last].end].casefold()

    def add_document_evidence(self, proposal: Proposal) -> None:
        if proposal._has_document_evidence or proposal.match == "variant":
            return
        proposal._has_document_evidence = True
        proposal.confidence += DOCUMENT_BONUS
        if proposal.lost_capitals:
            # The name is in the text, capitalized: this lowercase look-alike
            # is more likely the name than an unknown ordinary word.
            proposal.confidence += LOST_CAPITALS_PENALTY / 2
        canonical = self.index.entities[proposal.entity].canonical
        if proposal.surname and self.full_name_at.get(proposal.entity, len(self.tokens)) < proposal.first:
            # News names a person in full, then by surname: a surname-like
            # word after the full name most likely refers back to it.
            proposal.confidence += SURNAME_AFTER_FULL_NAME_BONUS
            proposal.reasons.append(f"'{canonical}' is named in full earlier in the text")
        else:
            proposal.reasons.append(f"'{canonical}' appears elsewhere in the text")

    # ----- rendering --------------------------------------------------------
    def _render(self, start: int, form: Form, scores, confidence, reasons, match) -> Proposal | None:
        """Turn a laid-over form into the smallest span that changes."""
        target = form.target
        originals = [self.tokens[k].text for k in range(start, start + len(form.keys))]
        if len(target) == len(originals):
            new = [apply_case_style(o, t) for o, t in zip(originals, target)]
            changed = [q for q, (o, t) in enumerate(zip(originals, new)) if o != t]
            if not changed:
                return None
            first, last = changed[0], changed[-1]
            pieces = []
            for q in range(first, last + 1):
                k = start + q
                if q > first:
                    pieces.append(self.text[self.tokens[k - 1].end : self.tokens[k].start])
                pieces.append(new[q])
            replacement = "".join(pieces)
        else:
            first, last = 0, len(originals) - 1
            replacement = apply_case_style(originals[0], " ".join(target))
        proposal = Proposal(start + first, start + last, replacement, form.entity, confidence, reasons, match)
        proposal.surname = form.role == "surname"
        return proposal
