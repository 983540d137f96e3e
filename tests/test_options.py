"""The options object: one frozen value, one merge of the command line and
the project configuration, one clamp of the suggestion threshold."""

from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from normalizer import Normalizer
from normalizer.config import ProjectConfig
from normalizer.errors import NormalizerError
from normalizer.options import DEFAULT_APPLY_THRESHOLD, DEFAULT_SUGGEST_THRESHOLD, Options, merge


def test_defaults_and_frozen():
    options = Options()
    assert (options.apply_threshold, options.suggest_threshold) == (DEFAULT_APPLY_THRESHOLD, DEFAULT_SUGGEST_THRESHOLD)
    with pytest.raises(FrozenInstanceError):
        options.apply_threshold = 0.5


def test_the_suggestion_threshold_never_exceeds_the_apply_threshold():
    assert Options(apply_threshold=0.5, suggest_threshold=0.7).suggest_threshold == 0.5
    low = DEFAULT_SUGGEST_THRESHOLD / 2
    assert Options.create(apply_threshold=low).suggest_threshold == low


@pytest.mark.parametrize("bad", [0, -0.1, 1.5, "0.9", True])
def test_a_threshold_outside_0_1_is_refused(bad):
    with pytest.raises(NormalizerError):
        Options(apply_threshold=bad)


def test_equal_options_are_one_key():
    # The command loads one Normalizer per distinct options value.
    assert Options.create(["a.yaml"], ignore_words=["X"]) == Options(gazetteers=("a.yaml",), ignore_words=("X",))
    assert hash(Options.create([Path("a.yaml")])) == hash(Options(gazetteers=("a.yaml",)))


def test_merge_without_a_configuration_takes_the_command_line():
    options = merge(None, [Path("names.yaml")], bundled=False, apply_threshold=0.9)
    assert options == Options(gazetteers=("names.yaml",), bundled=False, apply_threshold=0.9)


def test_merge_the_command_line_adds_gazetteers_and_overrides_thresholds(tmp_path):
    config = ProjectConfig(
        root=tmp_path, gazetteers=(tmp_path / "own.yaml",), ignore_words=("Mokhtar",),
        apply_threshold=0.85, suggest_threshold=0.7, bundled=True,
    )
    options = merge(config, [Path("extra.yaml")], bundled=True, apply_threshold=None)
    assert options.gazetteers == (str(tmp_path / "own.yaml"), "extra.yaml")
    assert (options.apply_threshold, options.suggest_threshold) == (0.85, 0.7)
    assert options.ignore_words == ("Mokhtar",)
    tightened = merge(config, [], bundled=False, apply_threshold=0.6)
    assert tightened.apply_threshold == 0.6 and tightened.suggest_threshold == 0.6  # clamped once, here
    assert tightened.bundled is False


def test_the_index_key_follows_the_gazetteer_bytes_and_ignore_words(tmp_path):
    gazetteer = tmp_path / "g.yaml"
    gazetteer.write_text("entities:\n  - {canonical: Abbas Araghchi, kind: person}\n", encoding="utf-8")
    plain, ignoring = Options(), Options(ignore_words=("Aragut",))
    assert plain.index_key([gazetteer]) != ignoring.index_key([gazetteer])
    assert Options(apply_threshold=0.9).index_key([gazetteer]) == plain.index_key([gazetteer])
    before = plain.index_key([gazetteer])
    gazetteer.write_text("entities:\n  - {canonical: Abbas Araqchi, kind: person}\n", encoding="utf-8")
    assert plain.index_key([gazetteer]) != before


def test_load_and_from_options_give_the_same_engine(tmp_path):
    gazetteer = tmp_path / "g.yaml"
    gazetteer.write_text("entities:\n  - {canonical: Abbas Araghchi, kind: person}\n", encoding="utf-8")
    by_keywords = Normalizer.load([gazetteer], bundled=False, apply_threshold=0.9)
    by_options = Normalizer.from_options(Options(gazetteers=(str(gazetteer),), bundled=False, apply_threshold=0.9))
    assert by_keywords.options == by_options.options
    text = "Foreign Minister Abbas Aragut spoke."
    assert by_keywords.normalize(text) == by_options.normalize(text)
