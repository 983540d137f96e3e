"""The records of the compiled index: a form of an entity, and the entity itself."""

from __future__ import annotations

from typing import NamedTuple


class Form(NamedTuple):
    """One spelling of an entity, tokenized.

    `target` is what a fuzzy or exact match of this form is rewritten to:
    the form itself for a correct form, the canonical for a variant.
    """

    entity: int
    tokens: tuple[str, ...]
    keys: tuple[str, ...]
    target: tuple[str, ...]
    role: str  # canonical | alias | adjective | combining | surname | variant

    @property
    def is_variant(self) -> bool:
        return self.role == "variant"


class EntityInfo(NamedTuple):
    canonical: str
    kind: str
    threshold: float | None
    context: tuple[tuple[str, ...], ...]  # context phrases as token keys
    own: bool = False  # from the user's own gazetteer, not the bundled set
