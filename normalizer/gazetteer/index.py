"""The compiled index of a gazetteer: every form, tokenized, with fuzzy keys.

Built once per set of gazetteer files and reused for every text (and cached
on disk by the front doors). Everything here is plain data plus a
DeleteStore, whose SymSpell table lives in its own file in the cache folder;
the whole index pickles.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from itertools import compress
from typing import TYPE_CHECKING, AbstractSet, Iterator, Mapping, Sequence

from normalizer.gazetteer.attested import attested_readings
from normalizer.gazetteer.delete_store import DeleteStore
from normalizer.gazetteer.forms import add_table_variants, entity_forms, table_additions, table_key
from normalizer.gazetteer.house_style import house_separators, own_spelling_wins
from normalizer.gazetteer.packing import packed_tables
from normalizer.gazetteer.records import EntityInfo, Form
from normalizer.folding import fold_case, fold_form, mt_fold, mt_fold_all, skeleton, skeletons_of_folds, sound_key, sound_of_fold
from normalizer.forked_call import ForkedCall
from normalizer.gc_pause import paused_gc
from normalizer.transliteration import keys as round_trip_keys
from normalizer.transliteration import keys_of_all as round_trip_keys_of_all
from normalizer.tokens import token_texts, tokenize
from normalizer.wordmap import WordMap, compact, grouped
from normalizer.wordset import WordSet

if TYPE_CHECKING:  # building needs the gazetteer (and YAML); a cached index does not
    from normalizer.gazetteer.loading import Entity, Gazetteer

MAX_EDIT_DISTANCE = 2
# Learned round-trip keys shorter than this join too many names to be worth a lookup.
MIN_ROUND_TRIP_KEY = 4
# A round trip often lands one letter away from the key of the name it came
# from ("Isutoman" ~jztmn, "Eastman" ~eztmn): keys this near are looked up too.
ROUND_TRIP_KEY_DISTANCE = 1
# A token shared by more forms than this ("Ali", "Mohammed") says too little
# about which entity is meant to be worth aligning every one of them.
MAX_FORMS_PER_NEIGHBOUR = 400
# English spellings (of every script together, likeliest first) a garble's
# candidates are looked up near (normalizer.round_trip_model.sources).
ROUND_TRIP_SOURCES = 12
# English function words (a closed class): in a person's context phrase
# ("killed in U.S. strike") they are no office, and capitalized at the start
# of a sentence ("In Iowa", "By Tuesday") they put no name after them in a
# person's slot (evidence/persons_slot.office_before).
FUNCTION_WORDS = frozenset(
    "a an the and or but nor so yet of in on at by to for from with without into onto upon over under "
    "after before since until during about against among between through across as than via per "
    "he she it they we you i his her its their our my your this that these those who whom whose which what "
    "is are was were be been being has have had do does did not no".split()
)
# Entities from which a build forks children (normalizer.forked_call) for
# the work that runs beside it: the table lookups of forms.table_additions
# and the packing of gazetteer.packing. Below, the forks and the pickled
# values cost about what they save (the bundled gazetteers' ~10,000 entities
# look up their tables in 0.1 s and pack theirs in 0.15 s).
FORK_ENTITIES = 30_000
# Entries of a per-process memo (Index.memo) unless its caller says: about
# 80 bytes each for a word and a small fact (its status), so some 8 MB.
MEMO_ENTRIES = 100_000


@dataclass
class Index:
    # Lists and dicts while building; read-only once built, and then packed
    # (normalizer.gazetteer.packed): byte strings decoded a record at a time.
    entities: Sequence[EntityInfo] = field(default_factory=list)
    forms: Sequence[Form] = field(default_factory=list)
    exact: Mapping[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict)  # keys -> form ids
    correct_tokens: AbstractSet[str] = field(default_factory=set)  # token keys of correct forms
    protected: set[str] = field(default_factory=set)  # token keys never changed
    token_forms: Mapping[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # key -> (form, position)
    # The fuzzy keys, read only by this module: dicts while building, then
    # WordMaps (two byte strings each: see normalizer.wordmap).
    by_fold: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # fold -> token keys
    by_skeleton: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    by_sound: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    by_round_trip: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # learned transliteration key -> token keys
    spelling: Mapping[str, str] = field(default_factory=dict)  # token key -> token as written
    place_forms: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # single-token place key -> entity ids
    by_glued: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # fold of a name written as one word -> forms
    deletes: DeleteStore | None = None  # SymSpell over the keys of by_fold and by_glued
    round_trip_deletes: DeleteStore | None = None  # SymSpell over the keys of by_round_trip
    # The English lexicon travels with the index: unpickling a WordSet (two
    # byte strings) is far cheaper than parsing symspellpy's word list, or
    # than unpickling a frozenset of its 83,000 words, at every start.
    english: WordSet = field(default_factory=WordSet)
    common_english: frozenset[str] = frozenset()  # "the", "new", "john": no evidence as neighbours
    lengths_by_head: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # first key -> form lengths, longest first
    max_form_length: int = 1
    # Whether any entity is the newsroom's own: asked per text (candidates/own_first);
    # a pass over the packed entities would decode thousands of them at every start.
    has_own_entities: bool = False
    # How many entities list each context phrase (keys joined by spaces), a 1-tuple: a phrase few
    # share points at one entity (evidence/context.py). Counted here, not over the packed entities.
    context_sharing: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    # Words of people's context phrases that are English words and no name
    # ("minister", "president"): a capitalized one right before a word makes
    # that word a person's name.
    office_words: frozenset[str] = frozenset()
    # Variants spelled like a correct form but for how the words are joined:
    # the variant as written (fold_form) -> the canonical.
    spelled_apart: dict[str, str] = field(default_factory=dict)
    # Variants added from a table (forms.add_table_variants): the form
    # (forms.table_key) -> the canonical, and the reason a repair shows.
    table_variants: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Round trips the Wikidata pairs attest (gazetteer.attested): a printed
    # form (transliteration.plain) -> the token keys it prints, "key script".
    attested: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Words a correct form writes with marks ("erdoğan", "vučić"), casefolded:
    # written so, they are right whatever form a reading lays over them.
    marked_spellings: frozenset[str] = frozenset()
    # A correct form written with marks, by entity and keys ("7 andres manuel
    # lopez obrador" -> Andrés Manuel López Obrador), where the form laid may
    # be one without them: a repair writes the text's marks (candidates/render).
    marked_forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def memo(self, name: str, limit: int = MEMO_ENTRIES) -> dict:
        """A per-process memo of facts about single words under this index,
        emptied past `limit` entries: a batch meets the same words again and
        again, but a long one meets millions. Each caller picks its `limit`
        by the bytes an entry takes. `name` starts with "_", so it is never
        pickled. (The command line also keeps the word-level ones between
        runs: normalizer.word_store.)"""
        memo = self.__dict__.setdefault(name, {})
        if len(memo) > limit:
            memo.clear()
        return memo

    def table_reason(self, form: Form) -> str | None:
        """Why `form` is its entity's name, where it is a variant a table of
        normalizer/data added to that entity (forms.add_table_variants); else None."""
        if form.role != "variant":
            return None
        added = self.table_variants.get(table_key(form.tokens))
        return added[1] if added and added[0] == self.entities[form.entity].canonical else None

    def writes_marked(self, word: str) -> bool:
        """Whether a correct form writes `word` so, its marks and all (any case;
        composed first: decomposed text writes the same "Erdoğan")."""
        return not word.isascii() and unicodedata.normalize("NFC", word).casefold() in self.marked_spellings

    def one_word_forms(self, entity: int, key: str) -> Iterator[int]:
        """The ids of `entity`'s forms of the one word `key` (its surname, or a one-word name)."""
        for form_id, _ in self.token_forms.get(key, ()):
            if self.forms[form_id].entity == entity and len(self.forms[form_id].keys) == 1:
                yield form_id

    def fuzzy_tokens(self, word: str) -> frozenset[str]:
        """Name token keys that may be garbled into `word`. Not memoized: the
        sets are large (hundreds of keys with a big gazetteer) and the callers
        remember what they keep of them (candidates.name_tokens.similar_name_tokens)."""
        return frozenset(self._fuzzy_tokens(word))

    def __getstate__(self):
        # Attributes with a leading underscore are per-process memos
        # (`_word_status`, the candidates'), not part of the index.
        return {name: value for name, value in self.__dict__.items() if not name.startswith("_")}

    def _fuzzy_tokens(self, word: str) -> set[str]:
        found: set[str] = set()
        for term in self._near_folds(word):
            found.update(self.by_fold.get(term, ()))
        found.update(self.by_skeleton.get(skeleton(word), ()))
        found.update(self.by_sound.get(sound_key(word), ()))
        for key in round_trip_keys(word):
            if len(key) < MIN_ROUND_TRIP_KEY or self.round_trip_deletes is None:
                found.update(self.by_round_trip.get(key, ()))
                continue
            for near in self.round_trip_deletes.near(key):
                found.update(self.by_round_trip[near])
        return found

    def round_trip_tokens(self, word: str, sources: int = ROUND_TRIP_SOURCES) -> frozenset[str]:
        """Name token keys near the likeliest English spellings a round trip
        could have come from ("Bureiku" -> "blake" -> Blake). Not memoized,
        as fuzzy_tokens (candidates.name_tokens.round_trip_name_tokens remembers)."""
        from normalizer.round_trip_model import sources as round_trip_sources  # lazy: a 1 MB model

        if self.deletes is None:
            return frozenset()
        # Sources fold alike and their near terms overlap (300 articles: 103,872 terms, 37,471 distinct).
        folds = {mt_fold(english) for english, _script, _score in round_trip_sources(word, sources)} - {""}
        terms = {term for folded in folds for term in self.deletes.near(folded)}
        found: set[str] = set()
        for term in terms:
            found.update(self.by_fold.get(term, ()))
        return frozenset(found)

    def glued_forms(self, word: str) -> set[int]:
        """Multi-word forms that may have been glued and garbled into `word`
        ("Losangeles" for "Los Angeles")."""
        found: set[int] = set()
        for term in self._near_folds(word):
            found.update(self.by_glued.get(term, ()))
        return found

    def _near_folds(self, word: str) -> list[str]:
        folded = mt_fold(word)
        if not folded or self.deletes is None:
            return []
        return self.deletes.near(folded)


class _Words(dict):
    """text -> (its tokens as written, their keys), each text tokenized once:
    a name's words recur in its canonical, its surname form, its variants."""

    def __missing__(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        tokens = tuple(token_texts(text))
        self[text] = found = (tokens, tuple(map(fold_case, tokens)))
        return found


def marked_form_key(entity: int, keys: tuple[str, ...]) -> str:
    """The key of Index.marked_forms."""
    return f"{entity} {' '.join(keys)}"


def build_index(gazetteer: Gazetteer, ignore_words: tuple[str, ...] = ()) -> Index:
    with paused_gc():  # millions of objects made, none garbage: see normalizer.gc_pause
        return _build_index(gazetteer, ignore_words)


def _build_index(gazetteer: Gazetteer, ignore_words: tuple[str, ...]) -> Index:
    index = Index()
    # Every (token key, form, position) of every form, as columns: packed
    # at once (packed.pack_pair_columns), no (form, position) tuple each.
    token_keys: list[str] = []
    token_form_ids: list[int] = []
    token_positions: list[int] = []
    token_written: list[str] = []
    marked: set[str] = set()  # Index.marked_spellings
    marked_forms: dict[str, tuple[str, ...]] = {}  # Index.marked_forms
    exact: dict[tuple[str, ...], list[int]] = defaultdict(list)
    words = _Words()
    glued_forms: list[tuple[str, int]] = []  # (keys of a 2-3 word form joined, form id)
    large = len(gazetteer.entities) >= FORK_ENTITIES
    with ForkedCall(table_additions, gazetteer.entities, fork=large) as additions:  # beside the entities' forms
        forms_of = entity_forms(gazetteer)
        own_spelling_wins(gazetteer.entities, forms_of, words)
        house_separators(gazetteer.entities, forms_of)
        index.table_variants, whole_only = add_table_variants(gazetteer.entities, forms_of, words, additions.result())
    # A spelling the newsroom's own gazetteer calls correct is never a variant
    # to rewrite, whatever the bundled gazetteers say ("Organisation").
    # Asked of the bundled variants only: only their spellings are kept.
    bundled_variants = {
        words[text][1]
        for entity, forms in zip(gazetteer.entities, forms_of)
        if entity.bundled
        for text, role, _ in forms
        if role == "variant"
    }
    own_correct = {
        keys
        for entity, forms in zip(gazetteer.entities, forms_of)
        if not entity.bundled and bundled_variants
        for text, role, _ in forms
        if role != "variant" and (keys := words[text][1]) in bundled_variants
    }
    # Locals, not attribute lookups: the loop runs once per form, 160,000 times with 100,000 entities.
    add_entity, add_form, correct_tokens = index.entities.append, index.forms.append, index.correct_tokens
    new_entity, new_form = partial(tuple.__new__, EntityInfo), partial(tuple.__new__, Form)  # C calls, not __new__'s
    max_form_length, form_id = index.max_form_length, -1
    sharing = index.context_sharing
    for entity_id, (entity, forms) in enumerate(zip(gazetteer.entities, forms_of)):
        context = tuple(words[phrase][1] for phrase in entity.context) if entity.context else ()
        for phrase in {" ".join(keys) for keys in context}:
            sharing[phrase] = (sharing.get(phrase, (0,))[0] + 1,)
        own = not entity.bundled
        add_entity(new_entity((entity.canonical, entity.kind, entity.threshold, context, own)))
        seen: set[tuple[tuple[str, ...], bool]] = set()
        correct_spelling: dict[tuple[str, ...], str] = {}  # keys -> a correct form's text
        for text, role, target in forms:
            tokens, keys = words[text]
            variant = role == "variant"
            if not variant and not text.isascii():  # "Recep Tayyip Erdoğan" beside "Erdogan": kept as written (render)
                marked.update(token.casefold() for token in tokens if not token.isascii())
                marked_forms.setdefault(marked_form_key(entity_id, keys), tokens)
            if not keys or (keys, variant) in seen:
                continue
            if variant and not own and keys in own_correct:
                continue
            if not variant:
                correct_spelling.setdefault(keys, text)
            elif correct_spelling.get(keys) == entity.canonical and fold_form(text) != fold_form(entity.canonical):
                index.spelled_apart[fold_form(text)] = entity.canonical
            seen.add((keys, variant))
            form_id += 1
            add_form(new_form((entity_id, tokens, keys, tokens if target is text else words[target][0], role)))
            exact[keys].append(form_id)
            size = len(keys)
            if size > max_form_length:
                max_form_length = size
            if variant and whole_only and table_key(tokens) in whole_only:
                continue  # matched whole only (forms.add_table_variants)
            token_keys += keys
            token_written += tokens
            token_form_ids += [form_id] * size
            token_positions += range(size)
            if not variant:
                correct_tokens.update(keys)
                if len(keys) == 1 and entity.kind == "place":
                    index.place_forms.setdefault(keys[0], []).append(entity_id)
            if 2 <= len(keys) <= 3:
                glued_forms.append(("".join(keys), form_id))
    index.max_form_length = max_form_length
    index.has_own_entities = not all(entity.bundled for entity in gazetteer.entities)
    index.marked_spellings = frozenset(marked)
    index.marked_forms = grouped(
        [key for key, tokens in marked_forms.items() for _ in tokens],
        [token for tokens in marked_forms.values() for token in tokens],
    )
    # Each key's spelling: its first token as written, the keys in the order first met.
    first_written = dict(zip(reversed(token_keys), reversed(token_written)))
    index.spelling = {key: first_written[key] for key in dict.fromkeys(token_keys)}
    # Packed in a child beside the rest, for a large gazetteer (gazetteer.packing):
    # forked now, before the threads below start.
    token_columns = (token_keys, token_form_ids, token_positions)
    with ForkedCall(packed_tables, index, exact, token_columns, fork=large) as packing:
        _build_lookups(index, gazetteer, ignore_words, glued_forms)
        for name, value in packing.result().items():
            setattr(index, name, value)
    return index


def _build_lookups(index: Index, gazetteer: Gazetteer, ignore_words: tuple[str, ...], glued_forms: list) -> None:
    """The rest of the build, beside the packing: the fuzzy keys, their delete
    tables, the protected words and the English tables."""
    index.attested = attested_readings(index.spelling)
    # Folded together after the loop (folding.mt_fold_all), in the same order.
    folded = mt_fold_all([joined for joined, _ in glued_forms])
    glued = [(fold, form_id) for fold, (_, form_id) in zip(folded, glued_forms) if len(fold) >= 7]
    glued_folds = [fold for fold, _ in glued]
    keys = [key for key in index.spelling if len(key) >= 3]  # the name tokens with fuzzy keys
    folds = mt_fold_all(keys)  # each fold pattern run once over all the keys
    index.deletes = DeleteStore((*folds, *glued_folds), max_distance=MAX_EDIT_DISTANCE, prefix_length=7)
    # The tables are written now, while building (later runs only open the
    # files), in threads, each as soon as its terms are known: numpy's sorts
    # and column operations run beside the rest of the build, which holds
    # the GIL.
    from concurrent.futures import ThreadPoolExecutor  # here: only a build needs it, and it imports logging

    import numpy  # noqa: F401 - imported once, here, before the table's thread and the maps below both use it

    with ThreadPoolExecutor(max_workers=2) as pool:
        tables = [pool.submit(index.deletes.prepare)]
        index.by_glued = grouped(glued_folds, [form_id for _, form_id in glued], numbers=True)
        for word in (*gazetteer.protect, *ignore_words):
            index.protected.update(t.key for t in tokenize(word))
        learned = _build_fuzzy_keys(index, keys, folds)  # the keys of by_round_trip, in the order found
        index.round_trip_deletes = DeleteStore(learned, max_distance=ROUND_TRIP_KEY_DISTANCE, prefix_length=7)
        tables.append(pool.submit(index.round_trip_deletes.prepare))
        _finish(index)
        for table in tables:
            table.result()


def _finish(index: Index) -> None:
    from normalizer.gazetteer.lexicon import english_tables

    index.english, index.common_english = english_tables()
    index.office_words = frozenset(
        key
        for entity in index.entities
        if entity.kind == "person"
        for phrase in entity.context
        for key in phrase
        if key in index.english and key not in index.correct_tokens and key not in FUNCTION_WORDS
    )


def _build_fuzzy_keys(index: Index, keys: list[str], folds: list[str]) -> list[str]:
    """The fuzzy keys of every name token (`keys`, folded as `folds`), as
    WordMaps: each map's (key, token) pairs listed in columns and grouped
    at once (wordmap.grouped), not appended to a dict of lists a pair at a
    time. Returns the learned round-trip keys."""
    index.by_fold = grouped(folds, keys)
    skeletons = skeletons_of_folds(folds)
    index.by_skeleton = _grouped_where(skeletons, keys, lambda bare: len(bare) >= 4)
    sounds = list(map(sound_of_fold, folds))
    index.by_sound = _grouped_where(sounds, keys, lambda sound: len(sound) >= 3)
    learned_keys = round_trip_keys_of_all(keys)  # each rule run once over all the keys
    learned = [one for found in learned_keys for one in found if len(one) >= MIN_ROUND_TRIP_KEY]
    tokens = [key for key, found in zip(keys, learned_keys) for one in found if len(one) >= MIN_ROUND_TRIP_KEY]
    index.by_round_trip = grouped(learned, tokens)
    return learned


def _grouped_where(fuzzy: list[str], keys: list[str], kept) -> "WordMap | dict":
    """fuzzy key -> token keys, for the fuzzy keys `kept` says are worth one."""
    chosen = list(compress(range(len(fuzzy)), map(kept, fuzzy)))
    return grouped(list(map(fuzzy.__getitem__, chosen)), list(map(keys.__getitem__, chosen)))
