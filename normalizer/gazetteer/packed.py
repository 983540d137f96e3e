"""The index's per-entity tables, packed: loaded without an object per entity.

With 100,000 entities the forms, the entities and the maps over their words
(`exact`, `token_forms`, `spelling`, `lengths_by_head`, `place_forms`) were
two thirds of a second of unpickling and most of the memory of a cached
start, though a text reads a few hundred of their entries. Here each is a
byte string or two (the text of every record, and where each starts), and a
record is decoded the first time it is asked for, then kept, up to a bound
(DECODED_RECORDS, MAX_REMEMBERED): a batch pays the decoding of the records
it reads again and again once, and a long batch does not keep them all.

`Rows` stands for the list of `Form`s or of `EntityInfo`s; `TupleKeyed`, `Pairs`, `Single`
and `Tuples` wrap a `normalizer.wordmap.WordMap` for the dicts whose keys are tuples of words,
whose values are (form, position) pairs, one word, or a tuple of numbers or texts. Records
holding a control character below \\x05 (the separators; a gazetteer refuses control
characters) are not packed: `pack_rows` and the map builders return the plain values then.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from itertools import chain, repeat
from operator import itemgetter
from typing import Callable, Iterable, Iterator

from normalizer.gazetteer.records import EntityInfo, Form
from normalizer.out_of_band import pickled, plain
from normalizer.buckets import encode
from normalizer.wordmap import ReadOnlyMap, WordMap, compact, grouped, runs

_WORD, _FIELD, _EMPTY, _PHRASE = "\1", "\2", "\3", "\4"  # separators; \0 and \1 also serve WordMap
_SEPARATORS = frozenset("\0\1\2\3\4")
_SEPARATOR = re.compile("[\0-\4]")
_POSITIONS = 4096  # a form is at most 1,000 characters: far fewer words
# Records of a Rows kept decoded; all are dropped when there are more. A form
# takes ~330 bytes decoded, an entity ~230: some 7 MB. With 100,000 entities
# 2,000 articles read 65,000 forms, a few hundred of them again and again.
DECODED_RECORDS = 20_000


class Unpackable(ValueError):
    """A value holds a separator: kept as it was."""


def _words(words: tuple[str, ...]) -> str:
    """Words as packed text; the caller has checked them for separators (`_clean`)."""
    return _WORD.join(words) if words else _EMPTY


def _clean(words: Iterable[str]) -> None:
    """Raise Unpackable if a word holds a separator: a scan of them all a
    separator, in C (str's search, several times faster than a regex's class)."""
    text = "".join(words)
    if any(separator in text for separator in _SEPARATORS):
        raise Unpackable("a word holds a separator")


def _joined(words: tuple[str, ...]) -> str:
    """A key of `exact` as a WordMap key (which may not hold \\0 or \\1);
    the caller has checked the words for separators (`_clean`)."""
    if not words or "" in words:
        raise Unpackable(repr(words))
    return _FIELD.join(words)


def _unwords(text: str) -> tuple[str, ...]:
    # Interned: the forms of a batch share their words ("party" of 2,000 forms), as the built index did.
    return () if text == _EMPTY else tuple(map(sys.intern, text.split(_WORD)))


class Rows(Sequence):
    """A read-only list of records, each decoded at its first reading."""

    __slots__ = ("_blob", "_starts", "_numbers", "_kind", "_items", "_decoded")

    def __init__(self, blob: bytes, starts: bytes, numbers: bytes, kind: str):
        # blob: bytes, or the cache's mmaps (normalizer.out_of_band); kind interned, as built: pickles the same
        self._blob, self._kind = blob, sys.intern(kind)
        self._starts = memoryview(starts).cast("I")
        self._numbers = memoryview(numbers).cast("d")  # per record: see _FIELDS
        self._items: list = [None] * (len(self._starts) - 1)
        self._decoded = 0  # records in _items

    def __reduce__(self):
        return (Rows, (plain(self._blob), self._starts.tobytes(), self._numbers.tobytes(), self._kind))

    def __reduce_ex__(self, protocol: int):
        # Out of band where the protocol allows: the cache maps them from disk.
        parts = (pickled(part, protocol) for part in (self._blob, self._starts, self._numbers))
        return (Rows, (*parts, self._kind))

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, at):
        if isinstance(at, slice):
            return [self[k] for k in range(*at.indices(len(self)))]
        item = self._items[at]
        if item is None:
            if at < 0:
                at += len(self._items)
            if self._decoded >= DECODED_RECORDS:
                self._items = [None] * len(self._items)
                self._decoded = 0
            starts, width = self._starts, _WIDTH[self._kind]
            text = str(self._blob[starts[at] : starts[at + 1]], "utf-8", "surrogatepass")
            item = self._items[at] = _DECODE[self._kind](text, self._numbers[at * width : (at + 1) * width])
            self._decoded += 1
        return item

    def numbers(self, at: int) -> memoryview:
        """Record `at`'s numbers (see _FIELDS), its text left undecoded."""
        width = _WIDTH[self._kind]
        return self._numbers[at * width : (at + 1) * width]

    def __iter__(self) -> Iterator:
        # A pass over every record (once per index: the sharing of context
        # phrases) decodes those not yet read without keeping them.
        decode, width, starts, numbers = _DECODE[self._kind], _WIDTH[self._kind], self._starts, self._numbers
        for at, item in enumerate(self._items):
            if item is None:
                text = str(self._blob[starts[at] : starts[at + 1]], "utf-8", "surrogatepass")
                item = decode(text, numbers[at * width : (at + 1) * width])
            yield item

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (Rows, list, tuple)) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment] - a list is not hashable either

    def __repr__(self) -> str:
        return f"<Rows of {len(self):,} {self._kind}>"


def pack_rows(records: list, kind: str) -> "Rows | list":
    """`records` (Forms or EntityInfos) as Rows, or the list itself if one cannot be packed."""
    try:
        texts, numbers = _COLUMNS[kind](list(zip(*records)) if records else [()] * len(_FIELDS_OF[kind]))
    except Unpackable:
        return records
    import numpy as np  # only to build: a cached index never packs

    # One encode for all the records; a \0 (in no packed word) marks where each starts.
    data = encode("\0" + "\0".join(texts)) if texts else b""
    starts = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.diff(np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 0), append=len(data)) - 1, out=starts[1:])
    if starts[-1] >= 1 << 32:
        raise OverflowError("packed rows of 4 GB or more")
    values = np.array(numbers, dtype=np.float64).T.copy()  # a record's numbers side by side
    return Rows(data.replace(b"\0", b""), starts.astype(np.uint32).tobytes(), values.tobytes(), kind)


# ----- the records --------------------------------------------------------------
# A Form: its words, keys and target as text; its entity and role as numbers.
# An EntityInfo: canonical, kind and context as text; threshold (NaN: none) and own as numbers.
ROLES = ("canonical", "alias", "adjective", "combining", "surname", "variant")


def _form_columns(columns: list[tuple]) -> tuple[list[str], list]:
    """The text of each Form and its numbers (entity, role), a column at a time."""
    entity, tokens, keys, target, role = columns
    texts = list(map(_FIELD.join, zip(_words_column(tokens), _words_column(keys), _words_column(target))))
    return texts, [entity, list(map(ROLES.index, role))]


def entity_and_role(forms: "Rows | Sequence", form_id: int) -> tuple[int, str]:
    """A form's entity and role; of a packed form without decoding its words
    (a filter asking this of the thousand forms that hold a common word)."""
    if isinstance(forms, Rows):
        entity, role = forms.numbers(form_id)
        return int(entity), ROLES[int(role)]
    form = forms[form_id]
    return form.entity, form.role


def _decode_form(text: str, numbers) -> object:
    tokens, keys, target = text.split(_FIELD)
    written = _unwords(tokens)
    return Form(
        int(numbers[0]),
        written,
        written if keys == tokens else _unwords(keys),
        written if target == tokens else _unwords(target),  # a correct form is its own target
        ROLES[int(numbers[1])],
    )


def _entity_columns(columns: list[tuple]) -> tuple[list[str], list]:
    """The text of each EntityInfo and its numbers (threshold, NaN for none; own)."""
    canonical, kind, threshold, context, own = columns
    _clean(canonical)
    _clean(kind)
    if context.count(()) == len(context):  # most entities list no context
        phrases: Iterable[str] = repeat("", len(context))
    else:
        _clean(chain.from_iterable(chain.from_iterable(context)))
        phrases = ["".join(_PHRASE + _words(phrase) for phrase in entity) for entity in context]  # each phrase after a mark
    texts = list(map(_FIELD.join, zip(canonical, kind, phrases)))
    nan = float("nan")
    return texts, [[nan if value is None else float(value) for value in threshold], own]


def _decode_entity(text: str, numbers) -> object:
    canonical, kind, context = text.split(_FIELD)
    phrases = tuple(_unwords(phrase) for phrase in context.split(_PHRASE)[1:])
    threshold = numbers[0]
    return EntityInfo(canonical, kind, None if threshold != threshold else threshold, phrases, bool(numbers[1]))


def _words_column(column: tuple[tuple[str, ...], ...]) -> list[str]:
    """`_words` of each tuple of words; Unpackable if a word holds a separator:
    the joined text then holds another separator, or a _WORD more than joined."""
    joined = list(map(_WORD.join, column))
    text = "".join(joined)
    empty = column.count(())
    if text.count(_WORD) != sum(map(len, column)) - (len(column) - empty) or any(
        separator in text for separator in _SEPARATORS - {_WORD}
    ):
        raise Unpackable("a word holds a separator")
    if empty:  # an empty tuple of words has its own mark
        joined = [text if words else _EMPTY for text, words in zip(joined, column)]
    return joined


_COLUMNS: dict[str, Callable] = {"forms": _form_columns, "entities": _entity_columns}
_DECODE: dict[str, Callable] = {"forms": _decode_form, "entities": _decode_entity}
_FIELDS_OF = {"forms": Form._fields, "entities": EntityInfo._fields}
_WIDTH = {"forms": 2, "entities": 2}


# ----- the maps -------------------------------------------------------------------


# A key found in no packed map, remembered as such; and how much a map remembers before it
# forgets it all (a batch of millions of texts meets millions of words), counted in values:
# a key found in none counts one, a found one the values it holds (a spelling; form ids;
# (form, position) pairs, ~90 bytes each, of which a common token has thousands). About
# 100 bytes each: 5 MB a map.
_ABSENT = object()
MAX_REMEMBERED = 50_000


class _Packed(ReadOnlyMap):
    """A read-only map over a WordMap, each value decoded at its first reading."""

    __slots__ = ("_words", "_memo", "_held")

    def __init__(self, words: WordMap):
        self._words = words
        self._memo: dict = {}
        self._held = 0  # values in _memo, as MAX_REMEMBERED counts them

    def __reduce__(self):
        return (type(self), (self._words,))

    def _key(self, key) -> str | None:
        # A word holding a separator could match inside another entry: no key holds one.
        return key if isinstance(key, str) and _SEPARATORS.isdisjoint(key) else None

    def _value(self, raw: tuple):
        return raw

    def get(self, key, default=None):
        found = self._memo.get(key)
        if found is not None:
            return default if found is _ABSENT else found
        word = self._key(key)
        raw = None if word is None else self._words.get(word)
        if self._held >= MAX_REMEMBERED:
            self._memo.clear()
            self._held = 0
        if raw is None:
            # Most words of a text are in no map: their absence is remembered
            # too (the engine asks again for each text).
            self._memo[key] = _ABSENT
            self._held += 1
            return default
        found = self._memo[key] = self._value(raw)
        self._held += len(raw)
        return found

    def __len__(self) -> int:
        return len(self._words)

    def __iter__(self) -> Iterator:
        return iter(self._words)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self):,} keys>"


class TupleKeyed(_Packed):
    """words (a tuple) -> numbers: `exact`."""

    __slots__ = ()

    def _key(self, key) -> str | None:
        if not isinstance(key, tuple) or not all(isinstance(word, str) for word in key):
            return None
        try:
            return None if _SEPARATOR.search("".join(key)) else _joined(key)
        except Unpackable:
            return None  # no packed key holds a separator

    def __iter__(self) -> Iterator:
        return (tuple(key.split(_FIELD)) for key in self._words)


class Pairs(_Packed):
    """word -> ((form, position), ...): `token_forms`."""

    __slots__ = ()

    def _value(self, raw: tuple):
        return tuple(divmod(number, _POSITIONS) for number in raw)


class Tuples(_Packed):
    """word -> numbers (`lengths_by_head`, `place_forms`, `context_sharing`) or texts
    (`table_variants`: a canonical and a reason); remembered: the exact pass asks each token."""

    __slots__ = ()


class Single(_Packed):
    """word -> word: `spelling`."""

    __slots__ = ()

    def _value(self, raw: tuple):
        return raw[0]


def _must(words: "WordMap | dict") -> WordMap:
    if not isinstance(words, WordMap):
        raise Unpackable("a word holds a separator")
    return words


def pack_numbers(numbers: Mapping[str, Iterable[int]]) -> "Tuples | Mapping":
    packed = compact(numbers, numbers=True)
    return Tuples(packed) if isinstance(packed, WordMap) else packed


def pack_exact(exact: Mapping[tuple[str, ...], tuple[int, ...]]) -> "TupleKeyed | Mapping":
    try:
        keys = list(exact)
        _clean(chain.from_iterable(keys))
        if () in keys or "" in chain.from_iterable(keys):
            raise Unpackable("an empty key or word")  # as _joined says, for all the keys at once
        values = list(exact.values())
        counts = list(map(len, values))
        return TupleKeyed(_must(runs(list(map(_FIELD.join, keys)), counts, list(chain.from_iterable(values)), numbers=True)))
    except ValueError:  # Unpackable, or a word WordMap cannot hold
        return exact


def pack_pairs(pairs: Mapping[str, Iterable[tuple[int, int]]]) -> "Pairs | Mapping":
    flat = list(chain.from_iterable(pairs.values()))
    keys = [key for key, found in pairs.items() for _ in found]
    packed = pack_pair_columns(keys, list(map(itemgetter(0), flat)), list(map(itemgetter(1), flat)))
    return packed if isinstance(packed, Pairs) else pairs


def pack_pair_columns(keys: list[str], forms: list[int], positions: list[int]) -> "Pairs | dict":
    """`pack_pairs` of the map each of `keys` -> its (form, position) pairs,
    given as three columns, a pair a row in order: no tuple a pair. Each pair
    coded as one number (form * _POSITIONS + position) by numpy."""
    import numpy as np  # only to build: a cached index never packs

    form_ids, places = np.array(forms, dtype=np.int64), np.array(positions, dtype=np.int64)
    if len(keys) and (places.max() >= _POSITIONS or places.min() < 0 or form_ids.min() < 0):
        return _pairs_of(keys, forms, positions)
    try:
        return Pairs(_must(grouped(keys, (form_ids * _POSITIONS + places).tolist(), numbers=True)))
    except ValueError:
        return _pairs_of(keys, forms, positions)


def _pairs_of(keys: list[str], forms: list[int], positions: list[int]) -> dict:
    """The plain map of the columns, for values `Pairs` cannot hold."""
    pairs: dict[str, list[tuple[int, int]]] = {}
    for key, form, position in zip(keys, forms, positions):
        pairs.setdefault(key, []).append((form, position))
    return pairs


def pack_texts(texts: Mapping[str, tuple[str, ...]]) -> "Tuples | Mapping":
    """`texts` packed (thousands of strings unpickled slow a start), or as they are if one holds a separator."""
    packed = compact(texts) if all(_SEPARATORS.isdisjoint(t) for values in texts.values() for t in values) else None
    return Tuples(packed) if isinstance(packed, WordMap) else texts


def pack_single(words: Mapping[str, str]) -> "Single | Mapping":
    try:
        return Single(_must(compact(dict(zip(words, zip(words.values()))))))  # word -> (its value,)
    except ValueError:
        return words
