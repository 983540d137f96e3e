"""Editing a gazetteer's YAML text in place: a variant or an alias added to an
entity, a word added to `protect`, a new entity appended to `entities`.

Nothing is re-dumped: each function finds the node it extends, with its
positions in the text, and inserts the new item there, in the style the file
already uses (flow `[a, b]` or block `- a` list, a single string, a flow
mapping `{canonical: X, kind: person}`, or a block mapping without the field).
Comments, quoting, ordering and line endings elsewhere stay byte for byte as
they were.
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
    return insert_form(text, name, canonical, "variants", variant, line)


def insert_form(text: str, name: str, canonical: str, field: str, form: str, line: int | None = None) -> str:
    """`text` with `form` added to the list `field` (variants, aliases...) of the entity `canonical`."""
    node = _find_entity_node(text, name, canonical, line)
    scalar = _yaml_scalar(form)
    fields = {key.value: (key, value) for key, value in node.value}
    if field in fields:
        return _extend_list(text, name, field, *fields[field], scalar)
    if node.flow_style:  # "- {canonical: X, kind: person}"
        at = node.value[-1][1].end_mark.index
        return text[:at] + f", {field}: [" + scalar + "]" + text[at:]
    # Block mapping: a new "field:" line after canonical/kind, whichever comes later.
    anchors = [fields[k] for k in ("canonical", "kind") if k in fields]
    key, value = max(anchors, key=lambda pair: pair[1].end_mark.index)
    at = _line_end(text, value.end_mark.index)
    indent = " " * fields["canonical"][0].start_mark.column
    return text[:at] + _newline(text) + indent + f"{field}: [" + scalar + "]" + text[at:]


def insert_protect(text: str, name: str, word: str) -> str:
    """`text` with `word` added to the top-level `protect` list (made at the end when there is none)."""
    root, top = _top_level(text, name)
    scalar = _yaml_scalar(word)
    if "protect" in top:
        return _extend_list(text, name, "protect", *top["protect"], scalar)
    return _append_top_level(text, name, root, "protect: [" + scalar + "]")


def insert_entity(text: str, name: str, canonical: str, kind: str, forms: dict[str, str] | None = None) -> str:
    """`text` with a new entity after the last one: `canonical`, `kind` and one
    form per field of `forms` ({"variants": "Fatem Mokhajelani"}), in the style
    of the entities before it (flow or block mappings)."""
    pairs = [("canonical", _yaml_scalar(canonical)), ("kind", _yaml_scalar(kind))]
    pairs += [(field, "[" + _yaml_scalar(form) + "]") for field, form in (forms or {}).items()]
    flow = "{" + ", ".join(f"{key}: {value}" for key, value in pairs) + "}"
    root, top = _top_level(text, name)
    newline = _newline(text)
    block = newline.join(f"{'  - ' if i == 0 else '    '}{key}: {value}" for i, (key, value) in enumerate(pairs))
    if "entities" not in top:
        return _append_top_level(text, name, root, "entities:" + newline + block)
    key, value = top["entities"]
    if isinstance(value, yaml.SequenceNode) and value.flow_style and not value.value:  # "entities: []": a block list
        indent = " " * key.start_mark.column
        at = _line_end(text, value.end_mark.index)  # after a comment on the line
        head = text[: value.start_mark.index].rstrip(" ") + text[value.end_mark.index : at]
        return head + newline + indent + block.replace(newline, newline + indent) + text[at:]
    if not isinstance(value, yaml.SequenceNode):
        raise GazetteerError(f"{name}:{key.start_mark.line + 1}: 'entities' is not a list; edit it by hand")
    if value.flow_style or (value.value and getattr(value.value[-1], "flow_style", False)):
        return _extend_list(text, name, "entities", key, value, flow)
    first = value.value[0].start_mark.index
    line_start = text.rfind("\n", 0, first) + 1
    dash = text.rindex("-", line_start, first)
    prefix = " " * (dash - line_start) + text[dash:first]  # the first entity's indent and "- "
    block = (newline + " " * len(prefix)).join(f"{key}: {value}" for key, value in pairs)
    at = _line_end(text, _last_end(value))
    return text[:at] + newline + prefix + block + text[at:]


def _extend_list(text: str, name: str, field: str, key: yaml.Node, value: yaml.Node, scalar: str) -> str:
    """`text` with `scalar` added to the list `value` of `field`, in its style."""
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
        return text[:at] + _newline(text) + prefix + scalar + text[at:]
    if isinstance(value, yaml.ScalarNode) and value.style in (None, "", "'", '"') and value.value:  # "variants: Foo"
        start, end = value.start_mark.index, value.end_mark.index
        return text[:start] + "[" + text[start:end] + ", " + scalar + "]" + text[end:]
    raise GazetteerError(f"{name}:{key.start_mark.line + 1}: cannot extend this '{field}' field; edit it by hand")


def _top_level(text: str, name: str) -> tuple[yaml.Node | None, dict[str, tuple[yaml.Node, yaml.Node]]]:
    """The file's root node (None for an empty file) and its keys' (key, value) nodes."""
    root = _compose(text, name, _FAST_LOADER)
    top = _keys(root)
    if any(text[key.start_mark.index : key.end_mark.index] != key.value for key, _ in top.values()):
        root = _compose(text, name, yaml.SafeLoader)  # positions that disagree with the text: see _find_entity_node
        top = _keys(root)
    if root is not None and (not isinstance(root, yaml.MappingNode) or root.flow_style):
        raise GazetteerError(f"{name}: the top level is not a block mapping; edit it by hand")
    return root, top


def _keys(root: yaml.Node | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {key.value: (key, value) for key, value in root.value if isinstance(key, yaml.ScalarNode)}


def _append_top_level(text: str, name: str, root: yaml.Node | None, lines: str) -> str:
    """`text` with a new top-level key (`lines`, its first line unindented) after the last one."""
    newline = _newline(text)
    if root is None or not root.value:  # an empty file, or only comments
        return text + ("" if not text or text.endswith("\n") else newline) + lines + newline
    indent = " " * root.value[0][0].start_mark.column
    at = _line_end(text, _last_end(root))
    return text[:at] + newline + indent + lines.replace(newline, newline + indent) + text[at:]


def _last_end(node: yaml.Node) -> int:
    """Where the last scalar or flow collection of a block node ends (a block
    collection's own end mark lies after the comments and blank lines below it)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node.end_mark.index


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _yaml_scalar(value: str) -> str:
    """`value` written so it reads back unchanged as a flow or block list item,
    or as the value of a key in a block or flow mapping."""
    for candidate in (value, _double_quoted(value)):  # plain when it reads back, else quoted
        try:
            readings = [
                yaml.safe_load(f"[{candidate}]"), yaml.safe_load(f"- {candidate}"),
                yaml.safe_load(f"k: [{candidate}]"), yaml.safe_load(f"k: {candidate}"),
                yaml.safe_load(f"{{k: {candidate}}}"),
            ]
        except yaml.YAMLError:
            continue
        if readings == [[value], [value], {"k": [value]}, {"k": value}, {"k": value}]:
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


def _compose(text: str, name: str, loader: type) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{name}: malformed gazetteer: {exc}") from None


def _entity_nodes(text: str, name: str, loader: type = _FAST_LOADER) -> list[yaml.MappingNode]:
    """The mapping nodes of the file's entities, with their positions in `text`."""
    root = _compose(text, name, loader)
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
