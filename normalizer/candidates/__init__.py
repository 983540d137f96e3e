"""Stage 4: candidates. Each source is a function `propose(doc, mentions) ->
list[Proposal]`; a new kind of garble is one new module and one line here.

The order is the order proposals are ranked in when all else is equal.
"""

from normalizer.candidates import (
    apostrophes, compounds, exact, foreign_names, fuzzy, given_names, glued, own_first, short_words, split,
)

# Intact spellings first (listed variants, lost capitals, apostrophes); the rest read garbles.
EXACT_SOURCES = (exact.propose, apostrophes.propose)
GARBLE_SOURCES = (
    fuzzy.propose, given_names.propose, glued.propose, split.propose, compounds.propose, foreign_names.propose,
    short_words.propose, own_first.propose,
)
