"""Stage 5: evidence from the article. Each kind is a function that returns
`Evidence` values (a change of confidence and the reasons shown to the user);
none edits a proposal.

- neighbours: exact words of the same name beside the garble, or its absence (a lone word)
- context:    a context phrase of the entity near the mention
- lists:      an item of a list beside an intact name of the same kind
- elsewhere:  the entity intact, repaired or garbled another way elsewhere in the text
"""
