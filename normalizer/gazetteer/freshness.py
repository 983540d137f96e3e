"""`normalize gazetteer lint`'s checks of what goes stale: people's offices.

A gazetteer of people ages as offices change hands, and a stale office word
is evidence for the wrong person. Three checks, each a function of entities
that returns lint `Finding` values:

- `unchecked_people`: a person never checked (no `checked`), or checked in a
  month more than `STALE_AFTER_MONTHS` before today's month.
- `shared_posts`: one post (an office of one country or organization: "Prime
  Minister of Japan") in the `context` of two people at once. `past_context`
  never counts: it is where a former holder's office belongs.
- `mixed_kind_contexts`: one context phrase listed by a person, a place or an
  organization and by an entity of another of these kinds, evidence for both
  near a mention (a Latvian prime minister's office pulling a garble to a
  place). Honorifics and terms take their context from the people and topics
  they go with, by design, and are left out.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

from normalizer.folding import fold_form
from normalizer.gazetteer.files import same_spelling
from normalizer.gazetteer.lint import Finding
from normalizer.gazetteer.loading import Entity

STALE_AFTER_MONTHS = 12

# The offices of which a country or an organization has one holder at a time,
# as news writes them (folded; hyphens and British/American spellings listed
# as they appear), each with the name it is reported under. A title that many
# hold at once ("Minister", "Deputy Prime Minister", "Senator") is not here,
# and neither is a bare office ("President", "Foreign Minister"): only a title
# with a place or organization the gazetteers know names one post.
OFFICES = {
    "president": "President",
    "vice president": "Vice President",
    "vice-president": "Vice President",
    "prime minister": "Prime Minister",
    "premier": "Premier",
    "chancellor": "Chancellor",
    "king": "King",
    "queen": "Queen",
    "emir": "Emir",
    "sultan": "Sultan",
    "crown prince": "Crown Prince",
    "supreme leader": "Supreme Leader",
    "secretary-general": "Secretary-General",
    "secretary general": "Secretary-General",
    "governor": "Governor",
    "speaker": "Speaker",
    "foreign minister": "Foreign Minister",
    "finance minister": "Finance Minister",
    "defence minister": "Defence Minister",
    "defense minister": "Defence Minister",
    "interior minister": "Interior Minister",
    "foreign secretary": "Foreign Secretary",
    "home secretary": "Home Secretary",
    "defence secretary": "Defence Secretary",
    "defense secretary": "Defence Secretary",
    "treasury secretary": "Treasury Secretary",
    "secretary of state": "Secretary of State",
}
# Longest first: "vice president" of "U.S. Vice President" before "president".
_OFFICE_FORMS = sorted(OFFICES, key=len, reverse=True)
_POST_HOLDERS = ("place", "organization")  # kinds whose names make an office one post
_NAME_KINDS = ("person", "place", "organization")  # kinds whose shared context lint reports
_POSSESSIVE = ("'s", "'")  # "Japan's prime minister", "the Netherlands' prime minister"

Post = tuple[str, str]  # (office, canonical of the place or organization)


def month_number(year_month: str) -> int:
    """"2026-11" as a count of months, so two months subtract."""
    year, month = year_month.split("-")
    return int(year) * 12 + int(month) - 1


def unchecked_people(entities: Iterable[Entity], today: date) -> list[Finding]:
    """People never checked, checked more than a year ago, or in the future.
    A name listed twice (a newsroom's extension of a bundled person) is one
    person, as fresh as its latest `checked`, reported at its first entry."""
    now = today.year * 12 + today.month - 1
    people: dict[str, list[Entity]] = {}
    for entity in entities:
        if entity.kind == "person":
            people.setdefault(same_spelling(entity.canonical), []).append(entity)
    findings = []
    for entries in people.values():
        first = entries[0]
        checked = max((entry.checked for entry in entries if entry.checked), default=None, key=month_number)
        if checked is None:
            message = f"person '{first.canonical}' was never checked: add checked: YYYY-MM once its office and spelling are"
        elif now - month_number(checked) > STALE_AFTER_MONTHS:
            message = (
                f"person '{first.canonical}' was last checked {checked}, {now - month_number(checked)} months ago: "
                "check its office and spelling, then update 'checked'"
            )
        elif month_number(checked) > now:
            message = f"person '{first.canonical}' has checked: {checked}, a month still to come"
        else:
            continue
        findings.append(Finding(first.origin, message))
    return findings


def post_names(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Folded correct forms (canonical, aliases, adjectives) of the places and
    organizations, each to its first entity: what makes an office one post."""
    names: dict[str, Entity] = {}
    for entity in entities:
        if entity.kind in _POST_HOLDERS:
            for form in entity.correct_forms:
                names.setdefault(fold_form(form), entity)
    return names


def post_of(phrase: str, names: dict[str, Entity]) -> Post | None:
    """The post a context phrase names, or None: "Japanese Prime Minister",
    "Prime Minister of Japan" and "Japan's prime minister" all name
    ("Prime Minister", "Japan"); "Prime Minister" alone names none."""
    folded = fold_form(phrase.replace("\u2019", "'"))
    for office in _OFFICE_FORMS:
        holder = None
        if folded.endswith(" " + office):  # "japanese prime minister", "japan's prime minister"
            holder = _holder(folded[: -len(office) - 1], names, possessive=True)
        if holder is None and folded.startswith(office + " of "):  # "prime minister of japan"
            holder = _holder(folded[len(office) + 4 :], names, possessive=False)
        if holder is not None:
            return OFFICES[office], holder.canonical
    return None


def _holder(words: str, names: dict[str, Entity], possessive: bool) -> Entity | None:
    candidates = [words]
    if possessive:
        candidates += [words[: -len(mark)] for mark in _POSSESSIVE if words.endswith(mark)]
    candidates += [candidate[4:] for candidate in candidates if candidate.startswith("the ")]
    return next((names[candidate] for candidate in candidates if candidate in names), None)


def shared_posts(entities: list[Entity], everything: list[Entity]) -> list[Finding]:
    """A post in the `context` of two people or more: one finding per post, at
    its first holder, naming the others. `everything`: the entities whose
    names make an office one post (the places and organizations loaded)."""
    names = post_names(everything)
    holders: dict[Post, dict[str, tuple[Entity, str]]] = {}  # post -> person key -> (person, phrase)
    for entity in entities:
        if entity.kind != "person":
            continue
        for phrase in entity.context:
            post = post_of(phrase, names)
            if post is not None:
                holders.setdefault(post, {}).setdefault(same_spelling(entity.canonical), (entity, phrase))
    findings = []
    for (office, holder), people in holders.items():
        if len(people) < 2:
            continue
        (first, phrase), *others = people.values()
        listed = ", ".join(f"'{person.canonical}' ('{said}', {person.origin})" for person, said in others)
        message = (
            f"post {office} of {holder} is held by {len(people)} people at once: '{first.canonical}' "
            f"('{phrase}') and {listed}; keep it in the current holder's context, "
            "move it to the others' past_context"
        )
        findings.append(Finding(first.origin, message))
    return findings


def mixed_kind_contexts(entities: Iterable[Entity]) -> list[Finding]:
    """A context phrase of a person, place or organization and of another of
    these kinds: one finding per phrase, at its first entity, naming the first
    entity of each other kind."""
    by_phrase: dict[str, dict[str, tuple[Entity, str]]] = {}  # phrase key -> kind -> (first entity, phrase)
    for entity in entities:
        if entity.kind not in _NAME_KINDS:
            continue
        for phrase in entity.context:
            by_phrase.setdefault(same_spelling(phrase), {}).setdefault(entity.kind, (entity, phrase))
    findings = []
    for kinds in by_phrase.values():
        if len(kinds) < 2:
            continue
        (first, phrase), *others = kinds.values()  # in the order the files list them
        listed = " and ".join(f"the {other.kind} '{other.canonical}' ({other.origin})" for other, _ in others)
        message = (
            f"context '{phrase}' of the {first.kind} '{first.canonical}' is also the context of {listed}: "
            "evidence for each of them near a mention"
        )
        findings.append(Finding(first.origin, message))
    return findings
