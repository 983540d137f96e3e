"""Project configuration: discovery by walking up, parsing, errors, include/exclude."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizer import config as config_module
from normalizer.config import ProjectConfig, clear_cache, find_config, load_config_file
from normalizer.errors import ConfigError


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_config_anywhere_gives_none(tmp_path):
    article = write(tmp_path / "a" / "b" / "story.md", "text")
    # tmp_path lives under /tmp, which holds no config of ours; guard the assumption
    assert not any((p / ".normalizer.yaml").exists() or (p / "pyproject.toml").exists() for p in tmp_path.parents)
    assert find_config(article) is None


def test_yaml_config_found_from_a_nested_folder_with_paths_relative_to_it(tmp_path):
    write(tmp_path / "names" / "extra.yaml", "entities: []\n")
    source = write(
        tmp_path / ".normalizer.yaml",
        "gazetteers: [names/extra.yaml]\n"
        "ignore_words: [Mokhtar, ' Aragut ']\n"
        "apply_threshold: 0.9\n"
        "suggest_threshold: 0.5\n"
        "include: ['articles/**']\n"
        "exclude: [drafts]\n"
        "bundled: false\n",
    )
    article = write(tmp_path / "articles" / "2024" / "story.md", "text")
    config = find_config(article)
    assert config == ProjectConfig(
        root=tmp_path.resolve(),
        source=source.resolve(),
        gazetteers=((tmp_path / "names" / "extra.yaml").resolve(),),
        ignore_words=("Mokhtar", "Aragut"),
        apply_threshold=0.9,
        suggest_threshold=0.5,
        include=("articles/**",),
        exclude=("drafts",),
        bundled=False,
    )


def test_the_nearest_config_wins_and_the_walk_stops_there(tmp_path):
    write(tmp_path / ".normalizer.yaml", "apply_threshold: 0.8\n")
    write(tmp_path / "sub" / ".normalizer.yaml", "ignore_words: [X]\n")
    config = find_config(write(tmp_path / "sub" / "deep" / "a.md", ""))
    assert config.source == (tmp_path / "sub" / ".normalizer.yaml").resolve()
    assert config.apply_threshold is None  # not inherited from the outer file
    assert find_config(write(tmp_path / "b.md", "")).apply_threshold == 0.8


def test_pyproject_tool_table_is_read(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.normalizer]\nignore_words = ["Aragut"]\nsuggest_threshold = 0.4\n')
    config = find_config(write(tmp_path / "docs" / "a.rst", ""))
    assert config.ignore_words == ("Aragut",)
    assert config.suggest_threshold == 0.4
    assert config.source == (tmp_path / "pyproject.toml").resolve()


def test_pyproject_without_the_table_is_passed_over(tmp_path):
    write(tmp_path / ".normalizer.yaml", "ignore_words: [Outer]\n")
    write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "x"\n')
    config = find_config(write(tmp_path / "pkg" / "a.md", ""))
    assert config.ignore_words == ("Outer",)


@pytest.mark.parametrize("table", [
    "[tool.normalizer]\nignore_words = ['X']", "[ tool . 'normalizer' ]\nignore_words = ['X']",
    '[tool."normalizer"]\nignore_words = ["X"]', "[tool]\nnormalizer.ignore_words = ['X']",
    "[tool]\nnormalizer = { ignore_words = ['X'] }", "tool.normalizer.ignore_words = ['X']",
    "tool = { black = {}, normalizer = { ignore_words = ['X'] } }",
])
def test_every_spelling_of_the_tool_table_is_read(tmp_path, table):
    write(tmp_path / "pyproject.toml", f'{table}\n\n[project]\nname = "x"\ndependencies = ["news-normalizer"]\n')
    assert find_config(write(tmp_path / "a.md", "")).ignore_words == ("X",)


def test_a_pyproject_naming_the_tool_only_elsewhere_is_not_parsed(tmp_path):
    # The dependency, a package list and a comment name the tool; no key of
    # it is there, so the file is passed over unparsed (its broken TOML unread).
    write(tmp_path / ".normalizer.yaml", "ignore_words: [Outer]\n")
    text = '# see normalizer.cli\ndependencies = ["news-normalizer"]\npackages = ["normalizer"]\n[broken\n'
    write(tmp_path / "pkg" / "pyproject.toml", text)
    assert find_config(write(tmp_path / "pkg" / "a.md", "")).ignore_words == ("Outer",)


def test_yaml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.normalizer]\nignore_words = ['FromToml']\n")
    write(tmp_path / ".normalizer.yaml", "ignore_words: [FromYaml]\n")
    assert find_config(write(tmp_path / "a.md", "")).ignore_words == ("FromYaml",)


def test_empty_yaml_file_is_a_config_with_defaults(tmp_path):
    write(tmp_path / ".normalizer.yaml", "")
    config = find_config(write(tmp_path / "a.md", ""))
    assert config.source is not None
    assert (config.gazetteers, config.bundled, config.apply_threshold) == ((), True, None)


def test_walk_is_cached_per_folder(tmp_path, monkeypatch):
    write(tmp_path / ".normalizer.yaml", "ignore_words: [A]\n")
    calls = []
    real = config_module._config_in
    monkeypatch.setattr(config_module, "_config_in", lambda folder: calls.append(folder) or real(folder))
    first = find_config(write(tmp_path / "x" / "a.md", ""))
    walked = len(calls)
    assert walked == 2  # x/ then the project folder
    second = find_config(write(tmp_path / "x" / "b.md", ""))
    third = find_config(write(tmp_path / "c.md", ""))
    assert len(calls) == walked  # both folders were already known
    assert first is second is third


def test_clear_cache_sees_a_changed_file(tmp_path):
    write(tmp_path / ".normalizer.yaml", "ignore_words: [A]\n")
    article = write(tmp_path / "a.md", "")
    assert find_config(article).ignore_words == ("A",)
    write(tmp_path / ".normalizer.yaml", "ignore_words: [B]\n")
    clear_cache()
    assert find_config(article).ignore_words == ("B",)


# --- errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ("ignore_word: [A]\n", "ignore_word"),
        ("apply_threshold: 1.5\n", "apply_threshold"),
        ("apply_threshold: yes\n", "apply_threshold"),
        ("suggest_threshold: '0.5'\n", "suggest_threshold"),
        ("suggest_threshold: -0.1\n", "suggest_threshold"),
        ("apply_threshold: 0\n", "apply_threshold"),
        ("apply_threshold: 0.5\nsuggest_threshold: 0.7\n", "suggest_threshold"),
        ("ignore_words: Aragut\n", "ignore_words"),
        ("ignore_words: [1, 2]\n", "ignore_words"),
        ("include: [{a: b}]\n", "include"),
        ("exclude: ['']\n", "exclude"),
        ("bundled: 'no'\n", "bundled"),
        ("gazetteers: [missing.yaml]\n", "gazetteers"),
    ],
)
def test_bad_key_or_value_names_the_file_and_the_key_on_one_line(tmp_path, content, key):
    source = write(tmp_path / ".normalizer.yaml", content)
    with pytest.raises(ConfigError) as caught:
        find_config(write(tmp_path / "a.md", ""))
    message = str(caught.value)
    assert str(source.resolve()) in message
    assert key in message
    assert "\n" not in message


def test_bad_key_in_pyproject_is_named_with_its_table(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.normalizer]\nthreshold = 0.5\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: unknown key 'tool\.normalizer\.threshold'"):
        find_config(write(tmp_path / "a.md", ""))


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        (".normalizer.yaml", "ignore_words: [a\nb: c\n", "invalid YAML"),
        (".normalizer.yaml", "- just\n- a list\n", "must be a mapping"),
        ("pyproject.toml", "[tool.normalizer\n", "invalid TOML"),
        ("pyproject.toml", "[tool]\nnormalizer = 3\n", "must be a mapping"),
    ],
)
def test_malformed_files_are_config_errors(tmp_path, name, content, problem):
    write(tmp_path / name, content)
    with pytest.raises(ConfigError, match=problem) as caught:
        find_config(write(tmp_path / "a.md", ""))
    assert name in str(caught.value)


def test_yaml_syntax_error_gives_the_line(tmp_path):
    write(tmp_path / ".normalizer.yaml", "ignore_words: [A]\napply_threshold: [0.5\n")
    with pytest.raises(ConfigError, match=r"\.normalizer\.yaml:\d+: invalid YAML"):
        find_config(write(tmp_path / "a.md", ""))


def test_load_config_file_explicitly(tmp_path):
    source = write(tmp_path / "conf" / "custom.yaml", "ignore_words: [Z]\n")
    assert load_config_file(source).ignore_words == ("Z",)
    write(tmp_path / "pyproject.toml", "[project]\nname='x'\n")
    with pytest.raises(ConfigError, match="no \\[tool.normalizer\\] table"):
        load_config_file(tmp_path / "pyproject.toml")


# --- include / exclude ----------------------------------------------------------------


def project(tmp_path: Path, include=(), exclude=()) -> ProjectConfig:
    return ProjectConfig(root=tmp_path.resolve(), include=tuple(include), exclude=tuple(exclude))


@pytest.mark.parametrize(
    ("include", "exclude", "relative", "selected"),
    [
        ((), (), "a.md", True),
        (("articles/**",), (), "articles/2024/a.md", True),
        (("articles/**",), (), "notes/a.md", False),
        (("*.md",), (), "deep/down/a.md", True),
        (("*.md",), (), "deep/down/a.txt", False),
        ((), ("drafts",), "drafts/x/a.md", False),
        ((), ("drafts/",), "drafts/a.md", False),
        ((), ("drafts",), "published/drafts.md", True),
        ((), ("**/vendor",), "vendor/a.md", False),
        ((), ("**/vendor",), "x/vendor/a.md", False),
        ((), ("./CHANGELOG.md",), "CHANGELOG.md", False),
        ((), ("CHANGELOG.md",), "docs/CHANGELOG.md", False),  # a bare name matches in any folder
        (("articles/**",), ("articles/old/*",), "articles/old/a.md", False),
        (("articles/**",), ("articles/old/*",), "articles/new/a.md", True),
    ],
)
def test_include_and_exclude_patterns(tmp_path, include, exclude, relative, selected):
    assert project(tmp_path, include, exclude).selects(tmp_path / relative) is selected


def test_a_file_outside_the_project_root_is_not_filtered(tmp_path):
    config = project(tmp_path / "proj", include=("only/**",))
    assert config.selects(tmp_path / "elsewhere" / "a.md") is True
