"""Gazetteer samples shared by the tests (edit, lint, the command line, the engine)."""

import difflib
import textwrap

from normalizer import Normalizer
from normalizer.gazetteer.loading import load_gazetteer

# One newsroom name and an article that garbles it by a listed variant: the smallest
# case the command line repairs (tests of files, modes and reports, not of tuning).
LOTFOLLAHI_NAMES = """\
entities:
  - canonical: Kaveh Lotfollahi
    kind: person
    variants: [Kaveh Lotfolahi]
    context: [central bank governor]
"""
LOTFOLLAHI_GARBLED = "The central bank governor Kaveh Lotfolahi spoke on Monday.\n"

# Every style of YAML the editor must keep: flow and block, comments, quotes.
STYLES = textwrap.dedent("""
    # People first.
    entities:
      - {canonical: Fatemeh Mohajerani, kind: person}   # spokeswoman
      - canonical: Abbas Araghchi
        kind: person   # foreign minister
        context: [Foreign Minister]
      - canonical: Hezbollah
        kind: organization
        variants:
          - Hizbollah
          - 'Hizballah'   # older AP spelling
        context: [Lebanon]
      - canonical: Iran
        kind: place
        variants: [Irān, "Eran"]
      - canonical: Tehran
        kind: place
        variants: Teheran
      - canonical: Gaza
        kind: place
        variants: []
    protect: [Khomeini]
    """).lstrip("\n")


class ReplacingEngine:
    """Stands in for the engine: rewrites each variant to its canonical."""

    def __init__(self, pairs):
        self.pairs = pairs

    @classmethod
    def load(cls, gazetteers, bundled):
        entities = load_gazetteer(gazetteers, bundled=bundled).entities
        return cls([(v, e.canonical) for e in entities for v in e.variants])

    def normalize(self, text):
        for variant, canonical in self.pairs:
            text = text.replace(variant, canonical)
        return type("Result", (), {"text": text})()


def only_insertions(before: str, after: str) -> str:
    """The text `after` adds to `before`; fails if anything of `before` was changed or dropped."""
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    inserted = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        assert tag in ("equal", "insert"), f"{tag}: {before[a1:a2]!r} -> {after[b1:b2]!r}"
        if tag == "insert":
            inserted.append(after[b1:b2])
    return "".join(inserted)


def engine_of(folder, yaml_text: str, **options) -> Normalizer:
    """The engine over one gazetteer, `yaml_text` written into `folder`, bundled ones off."""
    path = folder / "gazetteer.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    return Normalizer.load([path], bundled=False, **options)


def applied_changes(result) -> list[tuple[str, str]]:
    """(original, replacement) of each applied correction."""
    return [(c.original, c.replacement) for c in result.applied]
