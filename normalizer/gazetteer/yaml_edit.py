"""Adding a variant to an entity by editing the gazetteer's YAML text in place.

`insert_variant` does not re-dump the YAML: it finds the entity's mapping
node, with its positions in the text, and inserts the new item there, in the
style the entity already uses (flow `[a, b]` or block `- a` list, a single
string, a flow mapping `{canonical: X, kind: person}`, or a block mapping
without `variants`). Comments, quoting, ordering and line endings elsewhere
stay byte for byte as they were.
"""

from __future__ import annotations

import re

import yaml

from normalizer.errors import GazetteerError

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml composes ten times faster

# Characters a YAML stream may hold as they are (YAML 1.1, as PyYAML's reader checks).
_YAML_PRINTABLE = re.compile("[\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_YAML_BREAKS = "\t\n\r\x85\u2028\u2029"  # would be folded inside quotes: escape them


def insert_variant(text: str, name: str, canonical: str, variant: str, line: int | None = None) -> str:
    """`text` with `variant` added to the entity `canonical`, every other byte kept."""
    node = _find_entity_node(text, name, canonical, line)
    newline = "\r\n" if "\r\n" in text else "\n"
    scalar = _yaml_scalar(variant)
    fields = {key.value: (key, value) for key, value in node.value}
    if "variants" in fields:
        key, value = fields["variants"]
        if isinstance(value, yaml.SequenceNode) and value.flow_style:
            if not value.value:  # "variants: []"
                close = text.rindex("]", value.start_mark.index, value.end_mark.index)
                return text[:close] + scalar + text[close:]
            at = value.value[-1].end_mark.index
            return text[:at] + ", " + scalar + text[at:]
        if isinstance(value, yaml.SequenceNode) and value.value:
            first = value.value[0].start_mark.index
            line_start = text.rfind("\n", 0, first) + 1
            dash = text.rindex("-", line_start, first)
            prefix = " " * (dash - line_start) + text[dash:first]  # same indent and "- " as the first item
            at = _line_end(text, value.value[-1].end_mark.index)
            return text[:at] + newline + prefix + scalar + text[at:]
        if isinstance(value, yaml.ScalarNode) and value.style in (None, "", "'", '"'):  # "variants: Foo"
            start, end = value.start_mark.index, value.end_mark.index
            return text[:start] + "[" + text[start:end] + ", " + scalar + "]" + text[end:]
        raise GazetteerError(f"{name}:{key.start_mark.line + 1}: cannot extend this 'variants' field; edit it by hand")
    if node.flow_style:  # "- {canonical: X, kind: person}"
        at = node.value[-1][1].end_mark.index
        return text[:at] + ", variants: [" + scalar + "]" + text[at:]
    # Block mapping: a new "variants:" line after canonical/kind, whichever comes later.
    anchors = [fields[k] for k in ("canonical", "kind") if k in fields]
    key, value = max(anchors, key=lambda pair: pair[1].end_mark.index)
    at = _line_end(text, value.end_mark.index)
    indent = " " * fields["canonical"][0].start_mark.column
    return text[:at] + newline + indent + "variants: [" + scalar + "]" + text[at:]


def _yaml_scalar(value: str) -> str:
    """`value` written so it reads back unchanged as a flow or block list item."""
    for candidate in (value, _double_quoted(value)):  # plain when it reads back, else quoted
        try:
            as_flow = yaml.safe_load(f"[{candidate}]")
            as_block = yaml.safe_load(f"- {candidate}")
            as_value = yaml.safe_load(f"k: [{candidate}]")
        except yaml.YAMLError:
            continue
        if as_flow == [value] and as_block == [value] and as_value == {"k": [value]}:
            return candidate
    raise GazetteerError(f"cannot write {value!r} as a YAML string")


def _double_quoted(value: str) -> str:
    """A YAML double-quoted scalar: escapes for quotes, backslashes and unprintable characters."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char in _YAML_BREAKS or not _YAML_PRINTABLE.match(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _line_end(text: str, index: int) -> int:
    """Index where the line holding `index` ends (before its \\r\\n or \\n)."""
    end = text.find("\n", index)
    if end == -1:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def _entity_nodes(text: str, name: str, loader: type = _FAST_LOADER) -> list[yaml.MappingNode]:
    """The mapping nodes of the file's entities, with their positions in `text`."""
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{name}: malformed gazetteer: {exc}") from None
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "entities" and isinstance(value, yaml.SequenceNode):
            return [item for item in value.value if isinstance(item, yaml.MappingNode)]
    return []


def _find_entity_node(text: str, name: str, canonical: str, line: int | None) -> yaml.MappingNode:
    matches = _nodes_named(text, name, canonical, _FAST_LOADER)
    if any(canonical not in text[value.start_mark.index : value.end_mark.index] for _, value in matches):
        # The positions disagree with the text (an escaped canonical, or a libyaml
        # counting bytes): the pure-Python composer, slower, indexes characters.
        matches = _nodes_named(text, name, canonical, yaml.SafeLoader)
    matches = [node for node, _ in matches]
    if line is not None:  # the loader records a mapping's line as its node's start line
        matches = [node for node in matches if node.start_mark.line + 1 == line]
    if not matches:
        at = f" at line {line}" if line is not None else ""
        raise GazetteerError(f"{name}: no entity with canonical '{canonical}'{at}")
    if len(matches) > 1:
        lines = ", ".join(str(node.start_mark.line + 1) for node in matches)
        raise GazetteerError(f"{name}: several entities named '{canonical}' (lines {lines}); choose one with --line")
    return matches[0]


def _nodes_named(text: str, name: str, canonical: str, loader: type) -> list[tuple[yaml.MappingNode, yaml.Node]]:
    """(entity node, its canonical's value node) for each entity named `canonical`."""
    matches = []
    for node in _entity_nodes(text, name, loader):
        for key, value in node.value:
            if key.value == "canonical" and isinstance(value, yaml.ScalarNode) and value.value.strip() == canonical:
                matches.append((node, value))
    return matches
