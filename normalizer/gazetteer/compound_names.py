"""Arabic compound given names written as one word: "Abubakr al-Baghdadi"
for Abu Bakr al-Baghdadi, "Abdelfattah el-Sisi" for Abdel Fattah el-Sisi.
A name of "father of" (Abu) or "servant of" (Abd, Abdul, Abdel, ...) and
the word after it is one given name, which romanizations write as two words,
hyphenated or run together; the Wikidata pairs' English name words hold the
run-together forms by the dozen (abubakar 17, abdulrahman 13, abdulaziz 13,
abdelkader 15). Each person of a gazetteer with such a pair in a name of
three words or more gets that name with the pair run together as a variant:
a word read as a whole then stands beside the rest of the name, as its
surname's garble does ("Abubakr al-Bagdadi"). (A name of two words is
matched run together already: candidates/glued.)
"""

from __future__ import annotations

from normalizer.tokens import tokenize

# The first words of Arabic compound given names, as romanizations spell them.
COMPOUND_FIRST = frozenset({"abu", "abou", "abd", "abdul", "abdel", "abdal", "abdol", "abdoul", "abdur"})
MIN_WORDS = 3  # the pair and the rest of the name
_STARTS = frozenset(word[:3] for word in COMPOUND_FIRST)


def run_together_forms(name: str) -> list[str]:
    """`name` with each compound given name's two words run together, or []."""
    tokens = tokenize(name)
    if len(tokens) < MIN_WORDS:
        return []
    found = []
    for q in range(len(tokens) - 1):
        first, second = tokens[q], tokens[q + 1]
        gap = name[first.end : second.start]
        if first.key in COMPOUND_FIRST and gap in (" ", "-") and second.text[:1].isupper():
            found.append(name[: first.end] + second.text.lower() + name[second.end :])
    return found


def compound_variants(entities) -> list[tuple[int, list[tuple[str, str]]]]:
    """For each person of `entities` whose canonical or alias holds a compound
    given name: its number, and the name run together, each with the reason a
    repair shows (forms.add_table_variants adds them)."""
    found = []
    for number, entity in enumerate(entities):
        names = (entity.canonical, *entity.aliases)
        starts = (word[:3].casefold() for name in names for word in name.split())
        if entity.kind != "person" or _STARTS.isdisjoint(starts):
            continue  # most names: no tokenizing
        forms = [form for name in names for form in run_together_forms(name)]
        if forms:
            reason = "'{form}' writes a compound given name of '" + entity.canonical + "' as one word"
            found.append((number, [(form, reason.format(form=form)) for form in dict.fromkeys(forms)]))
    return found
