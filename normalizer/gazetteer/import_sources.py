"""The rows of a list to import (`normalize gazetteer import FILE`), whatever its shape.

Five shapes, told apart by their content (never by the file's name):

- a CSV list: a header row with `canonical` (and `kind`, unless `--kind`
  gives it) and optionally variants, aliases, context, past_context,
  surname, sources, region, checked; a cell of a list column holds its
  items separated by `;` (a comma would split "Bush, George");
- a JSON list: a list of objects with the same keys, lists as JSON arrays
  (or `{"entities": [...]}`, as a gazetteer holds them);
- a Wikidata entities JSON (`wbgetentities`, `Special:EntityData/Q1.json`):
  `{"entities": {"Q1": {"labels": ..., "aliases": ..., "descriptions": ...}}}`;
- a Wikidata query service export, as CSV or JSON (the SPARQL results
  format, or the plain list the query service's download offers), with the
  columns the label service makes: item, itemLabel, itemAltLabel,
  itemDescription (any name for `item`).

Each shape gives `Row` values holding the same keys as the CSV list, so the
importer never looks at the shape. A Wikidata row's English label is its
canonical, its English aliases are aliases (correct forms, never variants),
and its description is a `description` for the importer to weigh.
Unreadable input raises GazetteerError in one line.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from normalizer.errors import GazetteerError
from normalizer.gazetteer import reading

LIST_COLUMNS = ("variants", "aliases", "context", "past_context", "surname", "sources")
TEXT_COLUMNS = ("canonical", "kind", "region", "checked")
COLUMNS = (*TEXT_COLUMNS, *LIST_COLUMNS)
CELL_SEPARATOR = ";"
LANGUAGE = "en"
ALT_LABEL_SEPARATOR = ", "  # how the query service's label service joins an item's aliases
_ITEM_ID = re.compile(r"(?:https?://www\.wikidata\.org/entity/)?([QPL]\d+)\Z")
LIST_TO_IMPORT = reading.FileKind(noun="list to import", plural="lists to import", malformed="malformed list")


@dataclass(frozen=True)
class Row:
    """One entity to import: `values` holds a string per text column and a
    list per list column (only those given); `description` is Wikidata's."""

    number: int
    values: dict[str, Any]
    item: str = ""  # a Wikidata id ("Q123"), for messages and `sources`
    description: str = ""
    unusable: str = ""  # why the source itself gives nothing to import ("missing on Wikidata")

    @property
    def where(self) -> str:
        return f"row {self.number}" + (f" ({self.item})" if self.item else "")


@dataclass(frozen=True)
class Source:
    """What a file held: its shape (as messages name it) and its rows."""

    shape: str
    rows: list[Row]
    ignored: tuple[str, ...] = field(default=())  # columns or keys that are none of COLUMNS
    wikidata: bool = False


def read_source(path: Path) -> Source:
    """The rows of the list at `path` (raises GazetteerError on bad input)."""
    name = str(path)
    text = reading.decode(reading.read_bytes(path, LIST_TO_IMPORT), name, LIST_TO_IMPORT)
    if "\x00" in text:
        raise GazetteerError(f"{name}: contains a NUL byte, not a text file")
    if text.lstrip()[:1] in ("[", "{"):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise GazetteerError(f"{name}: malformed JSON: {exc}") from None
        except RecursionError:
            raise GazetteerError(f"{name}: malformed JSON: nested too deeply") from None
        return _json_source(document, name)
    return _csv_source(text, name)


def _none_of_the_shapes(name: str, what: str) -> GazetteerError:
    return GazetteerError(
        f"{name}: {what} is none of the shapes import reads: a CSV or JSON list with canonical and kind, "
        "a Wikidata entities JSON, or a Wikidata query service export (item, itemLabel)"
    )


# ---------------------------------------------------------------- CSV


def _csv_source(text: str, name: str) -> Source:
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise GazetteerError(f"{name}: malformed CSV: {exc}") from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise _none_of_the_shapes(name, "an empty file")
    header = [cell.strip() for cell in records[0]]
    item = _item_column(header)
    if "canonical" not in [column.lower() for column in header] and item is None:
        raise _none_of_the_shapes(name, f"a CSV with the columns {', '.join(header)[:200]}")
    table = []
    for number, cells in enumerate(records[1:], 2):  # numbered as a spreadsheet shows them: the header is row 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise GazetteerError(f"{name}: malformed CSV: row {number} has {len(cells)} cells for {len(header)} columns")
        table.append((number, dict(zip(header, cells))))
    if item is not None:
        return _query_source(table, header, item, "a Wikidata query service CSV export")
    rows = [Row(number, _own_values(record, split=True)) for number, record in table]
    return Source("a CSV list", rows, _ignored(header))


def _own_values(record: dict[str, Any], split: bool) -> dict[str, Any]:
    """The known columns of a record (case of the column names set aside), lists split."""
    values: dict[str, Any] = {}
    for key, value in record.items():
        column = key.strip().lower() if isinstance(key, str) else key
        if column not in COLUMNS or value is None or value == "":
            continue
        if split and column in LIST_COLUMNS and isinstance(value, str):
            value = [item.strip() for item in value.split(CELL_SEPARATOR) if item.strip()]
        values[column] = value
    return values


def _ignored(keys: list[str]) -> tuple[str, ...]:
    return tuple(key for key in keys if key.strip().lower() not in COLUMNS)


# ---------------------------------------------------------------- JSON


def _json_source(document: Any, name: str) -> Source:
    if isinstance(document, dict) and isinstance(document.get("entities"), dict):
        return _wikidata_entities(document["entities"], name)
    if isinstance(document, dict) and isinstance(document.get("head"), dict) and "results" in document:
        return _sparql_results(document, name)
    if isinstance(document, dict) and isinstance(document.get("entities"), list):
        document = document["entities"]  # a gazetteer's shape, in JSON
    if not isinstance(document, list) or not all(isinstance(item, dict) for item in document):
        raise _none_of_the_shapes(name, "JSON that is no list of objects")
    keys = list(dict.fromkeys(key for item in document for key in item))
    item = _item_column(keys)
    if "canonical" not in keys and item is not None:
        table = [(number, record) for number, record in enumerate(document, 1)]
        return _query_source(table, keys, item, "a Wikidata query service JSON export")
    if "canonical" not in keys:
        raise _none_of_the_shapes(name, "a JSON list whose objects have no 'canonical'")
    rows = [Row(number, _own_values(record, split=False)) for number, record in enumerate(document, 1)]
    return Source("a JSON list", rows, _ignored(keys))


def _wikidata_entities(entities: dict[str, Any], name: str) -> Source:
    rows = []
    for number, (key, entity) in enumerate(entities.items(), 1):
        if not isinstance(entity, dict):
            raise _none_of_the_shapes(name, f"a JSON whose entity {key!r} is no object")
        values: dict[str, Any] = {}
        label = _language_value(entity.get("labels"))
        if label:
            values["canonical"] = label
        aliases = (entity.get("aliases") or {}).get(LANGUAGE) if isinstance(entity.get("aliases"), dict) else None
        if isinstance(aliases, list):
            values["aliases"] = [alias.get("value") for alias in aliases if isinstance(alias, dict)]
        description = _language_value(entity.get("descriptions")) or ""
        unusable = "missing on Wikidata (a deleted or mistyped id)" if "missing" in entity else ""
        rows.append(Row(number, values, str(entity.get("id") or key), description, unusable))
    return Source("a Wikidata entities JSON", rows, wikidata=True)


def _language_value(values: Any) -> Any:
    """The English text of Wikidata's `labels` or `descriptions`."""
    if isinstance(values, dict) and isinstance(values.get(LANGUAGE), dict):
        return values[LANGUAGE].get("value")
    return None


def _sparql_results(document: dict[str, Any], name: str) -> Source:
    columns = document["head"].get("vars")
    bindings = document["results"].get("bindings") if isinstance(document["results"], dict) else None
    if not isinstance(columns, list) or not isinstance(bindings, list):
        raise _none_of_the_shapes(name, "a SPARQL result without head.vars and results.bindings")
    item = _item_column([str(column) for column in columns])
    if item is None:
        raise _none_of_the_shapes(name, "a SPARQL result without an item and its label")
    table = []
    for number, binding in enumerate(bindings, 1):
        if not isinstance(binding, dict):
            raise _none_of_the_shapes(name, f"a SPARQL result whose binding {number} is no object")
        table.append((number, {key: value.get("value") for key, value in binding.items() if isinstance(value, dict)}))
    return _query_source(table, columns, item, "a Wikidata query service JSON export")


# ---------------------------------------------------------------- the query service's columns


def _item_column(columns: list[str]) -> str | None:
    """The column of the items: one whose label column the label service made
    (`item` and `itemLabel`), `item` first."""
    names = set(columns)
    found = [column for column in columns if f"{column}Label" in names]
    return "item" if "item" in found else (found[0] if found else None)


def _query_source(table: list[tuple[int, dict[str, Any]]], columns: list[str], item: str, shape: str) -> Source:
    rows = []
    for number, record in table:
        ident = _ITEM_ID.match(str(record.get(item) or "").strip())
        item_id = ident.group(1) if ident else ""
        values = _own_values({k: v for k, v in record.items() if k != item and k.lower() != "canonical"}, split=True)
        label = record.get(f"{item}Label")
        if isinstance(label, str) and label.strip() and label.strip() != item_id:  # no label: the service gives the id
            values["canonical"] = label
        alternatives = record.get(f"{item}AltLabel")
        if isinstance(alternatives, str) and alternatives.strip():
            values["aliases"] = [alias.strip() for alias in alternatives.split(ALT_LABEL_SEPARATOR) if alias.strip()]
        description = record.get(f"{item}Description")
        rows.append(Row(number, values, item_id, description if isinstance(description, str) else ""))
    made = {item, f"{item}Label", f"{item}AltLabel", f"{item}Description"}
    ignored = tuple(column for column in columns if column not in made and column.strip().lower() not in COLUMNS)
    return Source(shape, rows, ignored, wikidata=True)
