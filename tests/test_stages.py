"""Each stage of the flow called directly: suspects, mentions, candidates,
evidence, decision. The engine tests cover them together; these pin down
what each stage hands to the next."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace

import pytest

from gazetteer_samples import engine_of
from normalizer.candidates import EXACT_SOURCES, GARBLE_SOURCES, compounds, exact, fuzzy, glued
from normalizer.decision import AMBIGUITY_MARGIN, Decider, Decision
from normalizer.document import Document, ignored_tokens
from normalizer.evidence.context import CONTEXT_NEAR_BONUS, context
from normalizer.evidence.elsewhere import DOCUMENT_BONUS, across_the_text, corroboration, seen_elsewhere
from normalizer.evidence.lists import LIST_NEIGHBOUR_BONUS, list_neighbour
from normalizer.evidence.neighbours import EXACT_NEIGHBOUR_BONUS, exact_neighbours, lone_word
from normalizer.mentions import find_mentions
from normalizer.options import Options
from normalizer.proposal import Evidence, Proposal
from normalizer.suspects import Status
from normalizer.tokens import tokenize

GAZETTEER = """\
entities:
  - canonical: Abbas Araghchi
    kind: person
    variants: [Abbas Araqchi]
    context: [Foreign Minister]
  - {canonical: Iran, kind: place, adjectives: [Iranian]}
  - {canonical: Russia, kind: place, combining: [Russo]}
  - {canonical: Libya, kind: place}
  - {canonical: Los Angeles, kind: place}
  - {canonical: Ali Khamenei, kind: person}
  - {canonical: Ruhollah Khomeini, kind: person}
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("g"), GAZETTEER).index


def doc_of(index, text, ignore=()):
    doc = Document(index, text, ignore)
    return doc, find_mentions(doc)


def at(doc, word):
    return [t.text for t in doc.tokens].index(word)


def test_suspects_sort_tokens_by_what_they_are(index):
    doc, _ = doc_of(index, "The minister Aragut met Iran at https://example.com/Aragut today.")
    status = dict(zip((t.text for t in doc.tokens), doc.status))
    assert status["The"] == Status.ENGLISH and status["minister"] == Status.ENGLISH
    assert status["Iran"] == Status.KNOWN
    assert doc.status[at(doc, "Aragut")] == Status.SUSPECT
    assert doc.status[len(doc) - 2] == Status.SKIP  # the "Aragut" inside the URL


@pytest.mark.parametrize(
    "text, open_words",
    [
        ("The Araghchi/Aragut talks ended.", {"Aragut"}),  # two words joined by a slash: prose
        ("(Aragut/Khomeini).", {"Aragut"}),
        ("Files in src/Aragut/docs were moved.", set()),  # three: a path
        ("Files in /Aragut were moved.", set()),
        ("See example.org/Aragut today.", set()),
        ("Model Aragut/X2 was sold.", set()),  # a digit: a code
        ("Follow @Aragut/Khomeini there.", set()),  # a handle
        ("They met in Iran.Aragut said so.", {"Aragut"}),  # a full stop's space lost
        ("See Aragut.com today.", set()),  # a domain: a small letter after the dot
        ("The Aragut.ORG site.", set()),
    ],
)
def test_words_joined_by_one_slash_or_a_lost_space_are_prose_and_paths_are_not(index, text, open_words):
    doc, _ = doc_of(index, text)
    suspects = {t.text for t, status in zip(doc.tokens, doc.status) if status == Status.SUSPECT}
    assert suspects == open_words


def test_ignored_spans_mark_every_token_they_touch():
    tokens = tokenize("one two three four")
    assert ignored_tokens(tokens, [(5, 6), (8, 10)]) == [False, True, True, False]


def test_mentions_cover_intact_names_and_count_them(index):
    doc, mentions = doc_of(index, "Abbas Araghchi met Iran. Iran agreed.")
    assert mentions.covered[:2] == [True, True]
    iran = next(e for e, info in enumerate(index.entities) if info.canonical == "Iran")
    assert mentions.seen[iran] == 2
    assert [m.start for m in mentions.found] == [0, 3, 4]


ROYALS = """\
entities:
  - {canonical: Tamim bin Hamad Al Thani, kind: person, aliases: [Emir Tamim]}
  - {canonical: Hamad bin Isa Al Khalifa, kind: person, aliases: [King Hamad, Hamad]}
  - {canonical: Hamas, kind: organization}
"""


def test_of_two_names_that_overlap_the_longer_is_the_mention(tmp_path):
    # "Emir Tamim" is an alias of the emir, and his whole name starts at its second word;
    # the whole name is the mention, and its "Hamad" names no King Hamad.
    engine = engine_of(tmp_path, ROYALS)
    doc, mentions = doc_of(engine.index, "Qatari Emir Tamim bin Hamad Al Thani met him.")
    entities = {info.canonical: e for e, info in enumerate(engine.index.entities)}
    assert [(m.start, m.length) for m in mentions.found] == [(2, 5)]
    assert mentions.seen[entities["Tamim bin Hamad Al Thani"]] == 1
    assert mentions.seen[entities["Hamad bin Isa Al Khalifa"]] == 0
    # So a garble of Hamas is read as Hamas, not as the king the text does not name.
    result = engine.normalize("Khamas leaders met Qatari Emir Tamim bin Hamad Al Thani in Doha.")
    assert result.text == "Hamas leaders met Qatari Emir Tamim bin Hamad Al Thani in Doha."


def test_of_two_overlapping_names_as_long_the_first_is_the_mention(tmp_path):
    gazetteer = "entities:\n  - {canonical: New York, kind: place}\n  - {canonical: York University, kind: organization}\n"
    doc, mentions = doc_of(engine_of(tmp_path, gazetteer).index, "She studied at New York University.")
    assert [(m.start, m.length) for m in mentions.found] == [(3, 2)]


def test_the_exact_source_rewrites_a_listed_variant_and_lost_capitals(index):
    doc, mentions = doc_of(index, "Abbas Araqchi visited khamenei.")
    proposals = exact.propose(doc, mentions)
    assert [(p.replacement, p.match) for p in proposals] == [("Araghchi", "variant"), ("Khamenei", "capitals")]


def test_the_fuzzy_source_reads_a_garble_beside_its_name(index):
    doc, mentions = doc_of(index, "Abbas Aragut spoke.")
    proposals = fuzzy.propose(doc, mentions)
    best = max(proposals, key=lambda p: p.confidence)
    assert (best.replacement, best.anchored) == ("Araghchi", True)
    assert any("beside 'Abbas'" in r for r in best.reasons)


def test_the_glued_and_compound_sources(index):
    doc, mentions = doc_of(index, "Losangeles and Russoilania talks. Iran said so.")
    assert [p.replacement for p in glued.propose(doc, mentions)] == ["Los Angeles"]
    assert [p.replacement for p in compounds.propose(doc, mentions)] == ["Russia-Iran"]


def test_a_compound_names_a_place_the_text_names(index):
    # Two places joined are news of both: without either named intact, a long unknown
    # word that opens with a place's name is a name of its own ("Montalcino", Italy,
    # is no Mon State-Teresina).
    doc, mentions = doc_of(index, "Losangeles and Russoilania talks.")
    assert compounds.propose(doc, mentions) == []


def test_a_compound_must_read_the_word_better_than_one_name(tmp_path):
    # "Indonesiia" (Индонезия by the passport scheme) is "Indo" (India's combining
    # form) and "nesiia", which a pinyin route reads as Persia at 0.85; the whole
    # word reads as Indonesia at 0.95. "Russoilania" has no such one name.
    engine = engine_of(tmp_path, """\
entities:
  - {canonical: India, kind: place, combining: [Indo]}
  - {canonical: Iran, kind: place, aliases: [Persia], adjectives: [Iranian]}
  - {canonical: Indonesia, kind: place}
  - {canonical: Russia, kind: place, combining: [Russo]}
""")
    doc, mentions = doc_of(engine.index, "The safety committee of Indonesiia met. Russoilania talks went on in Russia.")
    assert [(doc.tokens[p.first].text, p.replacement) for p in compounds.propose(doc, mentions)] == [
        ("Russoilania", "Russia-Iran")
    ]


@pytest.mark.parametrize("text, read", [
    ("Iran's envoy said Persso had agreed.", False),  # a word alone: no compound's first half
    ("Iran uses the Persso-Arabic script.", True),
])
def test_a_combining_form_is_read_only_before_a_hyphen(tmp_path, text, read):
    # Unseen Wikinews through Korean: "Paleuseu" (Fars, 파르스) was read as Iran's
    # "Perso", which stands only in compounds ("Perso-Arabic"), never alone.
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Iran, kind: place, combining: [Perso]}\n")
    doc, mentions = doc_of(engine.index, text)
    readings = [p.replacement for p in fuzzy.propose(doc, mentions) if doc.tokens[p.first].text == "Persso"]
    assert (readings == ["Perso"]) is read


def test_every_source_is_listed_once():
    # Every module of normalizer/candidates with a `propose` is a source, listed exactly once.
    import importlib
    import pkgutil

    import normalizer.candidates as package

    modules = [importlib.import_module(f"{package.__name__}.{m.name}") for m in pkgutil.iter_modules(package.__path__)]
    proposers = {m.propose for m in modules if hasattr(m, "propose")}
    sources = EXACT_SOURCES + GARBLE_SOURCES
    assert len(set(sources)) == len(sources)
    assert set(sources) == proposers


def test_evidence_is_a_value_and_proposals_do_not_change(index):
    doc, mentions = doc_of(index, "Foreign Minister Aragut said Libya, Irn, Russia agreed.")
    entity = next(e for e, info in enumerate(index.entities) if info.canonical == "Abbas Araghchi")
    near = context(doc, entity, at(doc, "Aragut"), at(doc, "Aragut"))
    assert near.delta == CONTEXT_NEAR_BONUS and near.reasons
    iran = next(e for e, info in enumerate(index.entities) if info.canonical == "Iran")
    listed = list_neighbour(doc, mentions, iran, at(doc, "Irn"), at(doc, "Irn"))
    assert listed.delta == LIST_NEIGHBOUR_BONUS
    assert exact_neighbours(doc, [], ["Abbas"], 1).delta == EXACT_NEIGHBOUR_BONUS
    form = next(f for f in index.forms if f.role == "surname")
    alone, lost = lone_word(doc, at(doc, "Aragut"), form, "Araghchi")
    assert alone.delta < 0 and lost is False
    proposal = Proposal(0, 0, "X", entity, 0.7, (), "fuzzy")
    with pytest.raises(FrozenInstanceError):
        proposal.confidence = 0.9
    moved = proposal.with_evidence(Evidence(0.1, ("why",)))
    assert (proposal.confidence, proposal.reasons) == (0.7, ())
    assert moved.confidence == pytest.approx(0.8) and moved.reasons == ("why",)


def test_evidence_across_the_text(index):
    doc, mentions = doc_of(index, "Abbas Araghchi spoke. Aragut and Araguchi agreed.")
    entity = next(e for e, info in enumerate(index.entities) if info.canonical == "Abbas Araghchi")
    a = Proposal(at(doc, "Aragut"), at(doc, "Aragut"), "Araghchi", entity, 0.7, (), "fuzzy", surname=True,
                 spelling="aragut")
    b = replace(a, first=at(doc, "Araguchi"), last=at(doc, "Araguchi"), spelling="araguchi")
    assert all(e.delta > 0 for e in corroboration([a, b]))
    assert not any(corroboration([a, replace(a, first=b.first, last=b.last)]))  # the same spelling twice is one piece of evidence
    seen = seen_elsewhere(doc, mentions, a)
    assert seen.confidence > a.confidence + DOCUMENT_BONUS - 1e-9 and seen.seen_elsewhere
    assert seen_elsewhere(doc, mentions, seen) is seen  # given once
    assert len(across_the_text(doc, mentions, [a, b])) == 2


def test_the_decider_keeps_close_rivals_as_suggestions(index):
    decider = Decider(index, Options())
    khamenei = next(e for e, info in enumerate(index.entities) if info.canonical == "Ali Khamenei")
    khomeini = next(e for e, info in enumerate(index.entities) if info.canonical == "Ruhollah Khomeini")
    one = Proposal(3, 3, "Khamenei", khamenei, 0.86, (), "fuzzy")
    other = Proposal(3, 3, "Khomeini", khomeini, 0.86 - AMBIGUITY_MARGIN / 2, (), "fuzzy")
    [decision] = decider.decide([other, one])
    assert decision.proposal is one and decision.rival == ("Khomeini", other.confidence)
    assert not decider.applies(decision)
    assert decider.applies(Decision(one, None))
    far = replace(other, confidence=0.86 - 2 * AMBIGUITY_MARGIN)
    assert decider.applies(decider.decide([far, one])[0])


def test_a_reading_under_the_suggestion_bar_is_no_rival(index):
    # A reading the engine would not even suggest puts no repair in doubt,
    # however near: its reason read "too close to another reading, 'X' (0.09)".
    decider = Decider(index, Options())
    khamenei = next(e for e, info in enumerate(index.entities) if info.canonical == "Ali Khamenei")
    khomeini = next(e for e, info in enumerate(index.entities) if info.canonical == "Ruhollah Khomeini")
    one = Proposal(3, 3, "Khamenei", khamenei, decider.apply_raw + 0.02, (), "fuzzy")
    under = Proposal(3, 3, "Khomeini", khomeini, decider.suggest_raw - 0.01, (), "fuzzy")
    assert under.confidence > one.confidence - AMBIGUITY_MARGIN  # within the margin
    [decision] = decider.decide([under, one])
    assert decision.rival is None and decider.applies(decision)
    at_the_bar = replace(under, confidence=decider.suggest_raw)
    [decision] = decider.decide([at_the_bar, one])
    assert decision.rival == ("Khomeini", at_the_bar.confidence) and not decider.applies(decision)


def test_a_weak_own_reading_put_first_leaves_the_rest_of_the_text_decided(tmp_path):
    from normalizer import Normalizer

    own = tmp_path / "own.yaml"
    own.write_text(GAZETTEER, encoding="utf-8")
    index = Normalizer.load([own]).index  # the bundled gazetteers too
    decider = Decider(index, Options())
    mine = next(e for e, info in enumerate(index.entities) if info.own and info.canonical == "Abbas Araghchi")
    bundled = next(e for e, info in enumerate(index.entities) if not info.own and info.canonical == "Tehran")
    # An own reading under the suggestion bar but near the apply bar goes
    # before the bundled readings of its words (Decider._own_first); it
    # decides nothing, and the readings after it are still decided.
    weak = (decider.apply_raw - AMBIGUITY_MARGIN + decider.suggest_raw) / 2
    assert decider.apply_raw - AMBIGUITY_MARGIN <= weak < decider.suggest_raw
    low = Proposal(0, 0, "Araghchi", mine, weak, (), "fuzzy")
    over_it = Proposal(0, 0, "Tehran", bundled, 0.9, (), "fuzzy")  # outranked by the own reading: put after it
    sure = Proposal(5, 5, "Tehran", bundled, 0.95, (), "fuzzy")
    assert [d.proposal for d in decider.decide([low, over_it, sure])] == [sure, over_it]


def test_a_question_of_the_text_is_answered_once_per_place_and_document(index):
    from normalizer.document import of_the_text

    asked = []

    @of_the_text
    def word_before(doc, first):
        asked.append(first)
        return doc.tokens[first - 1].text if first > 0 else None

    doc = Document(index, "Foreign Minister Abbas Aragut spoke in Tehran.")
    assert [word_before(doc, 3) for _ in range(3)] == ["Abbas"] * 3
    assert word_before(doc, 0) is None and word_before(doc, 0) is None  # None is remembered too
    assert asked == [3, 0]
    other = Document(index, "Abbas Aragut spoke.")
    assert word_before(other, 1) == "Abbas" and asked == [3, 0, 1]  # a new text, asked anew


def test_a_context_phrase_many_entities_share_is_weaker_evidence_beside_the_word(tmp_path):
    # "President" before a surname says an office holder is named, not which
    # one: of five presidents, the phrase lifts a reading of Kiir by the far
    # bonus only; "South Sudanese President" names him alone.
    from normalizer.evidence.context import CONTEXT_FAR_BONUS

    presidents = ["Salva Kiir", "Emmanuel Macron", "Javier Milei", "Petr Pavel", "Bajram Begaj"]
    yaml_text = "entities:\n" + "".join(
        f"  - {{canonical: {name}, kind: person, context: [President{', South Sudanese President' if name == 'Salva Kiir' else ''}]}}\n"
        for name in presidents
    )
    index = engine_of(tmp_path, yaml_text).index
    kiir = next(e for e, info in enumerate(index.entities) if info.canonical == "Salva Kiir")
    doc, _ = doc_of(index, "President Kiiru said the talks would continue.")
    shared = context(doc, kiir, at(doc, "Kiiru"), at(doc, "Kiiru"))
    assert shared.delta == CONTEXT_FAR_BONUS and "and of others" in shared.reasons[0]
    doc, _ = doc_of(index, "South Sudanese President Kiiru said the talks would continue.")
    assert context(doc, kiir, at(doc, "Kiiru"), at(doc, "Kiiru")).delta == CONTEXT_NEAR_BONUS
