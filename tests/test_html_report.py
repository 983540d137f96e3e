"""The HTML report: `normalize --format html` and `normalize report PATH... -o FILE`.

The page is read three ways: by the standard library's HTML parser (what the
markup says), through the installed `normalize` command (what a user runs),
and in headless Chromium driven by Selenium (what an editor sees: hover,
focus, filters). The browser tests skip, saying why, only when no Chromium
or chromedriver is installed.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, installed_normalize
from normalizer.cli.html_report import render_html
from normalizer.result import Correction, Result, apply_corrections
from tool_scripts import tool_script
from gazetteer_samples import LOTFOLLAHI_GARBLED, LOTFOLLAHI_NAMES

NAMES, GARBLED = LOTFOLLAHI_NAMES, LOTFOLLAHI_GARBLED
HOSTILE = '<script>window.pwned = 1</script> & "quotes"\r\nThe central bank governor Kaveh Lotfolahi spoke.\r\n'
VOID = {"meta", "input", "br", "img", "link", "hr"}


class Page(HTMLParser):
    """What the markup says: the scripts, tags seen, and per article its path,
    its text as rendered (without the twins of hidden marks) and its marks."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.scripts, self.tags, self.articles = 0, set(), []
        self._open: list[tuple[str, list[str]]] = []
        self._mark = None
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        self.tags.add(tag)
        self.scripts += tag == "script"
        if tag == "section" and "article" in classes:
            self.articles.append({"path": attrs["data-path"], "text": "", "marks": []})
        if tag == "mark":
            self._mark = {**attrs, "text": ""}
            self.articles[-1]["marks"].append(self._mark)
        if tag not in VOID:
            self._open.append((tag, classes))

    def handle_endtag(self, tag):
        while self._open and self._open.pop()[0] != tag:
            pass
        if tag == "mark":
            self._mark = None

    def handle_data(self, data):
        classes = {name for _, names in self._open for name in names}
        if "text" in classes and "bare" not in classes:
            self.articles[-1]["text"] += data
            if self._mark is not None:
                self._mark["text"] += data


def hostile_result() -> tuple[str, Result]:
    """A result whose every field holds markup, as a file name, an article or a newer gazetteer might."""
    start = HOSTILE.index("Lotfolahi")
    correction = Correction(
        start=start, end=start + len("Lotfolahi"), line=2, column=start - HOSTILE.index("\n"),
        original="Lotfolahi", replacement="<b>Lotfollahi</b>", entity="Kaveh <i>Lotfollahi</i>",
        kind='person"><script>', confidence=0.97, reasons=("<img src=x onerror=alert(1)>",), applied=True,
    )
    return "<script>x</script>.txt", Result(HOSTILE, apply_corrections(HOSTILE, [correction]), (correction,))


def test_every_field_is_escaped_and_the_text_is_kept_exactly():
    name, result = hostile_result()
    page = Page(render_html([(name, result)]))
    assert page.scripts == 1  # the page's own
    assert not {"b", "i", "img"} & page.tags
    (article,) = page.articles
    assert article["path"] == name
    assert article["text"] == result.text  # CR, quotes, ampersand and all
    (mark,) = article["marks"]
    expected = result.corrections[0].to_dict()
    for field in ("original", "replacement", "entity", "kind"):
        assert mark[f"data-{field}"] == expected[field]
    assert mark["text"] == expected["replacement"]


def test_marks_sit_on_replacements_and_on_suggested_words(bundled_normalizer):
    text = sorted(SEEDS.glob("000_*.txt"))[0].read_text(encoding="utf-8")
    result = bundled_normalizer.normalize(text)
    # The same text with its first correction turned into a suggestion.
    demoted = replace(result.corrections[0], applied=False)
    mixed = Result(text, apply_corrections(text, [demoted, *result.corrections[1:]]),
                   (demoted, *result.corrections[1:]))
    (article,) = Page(render_html([("a.txt", mixed)])).articles
    assert article["text"] == mixed.text
    by_start = {mark["data-start"]: mark for mark in article["marks"]}
    assert len(by_start) == len(mixed.corrections)
    for correction in (c.to_dict() for c in mixed.corrections):
        mark = by_start[str(correction["start"])]
        assert mark["data-applied"] == str(correction["applied"]).lower()
        assert mark["class"] == ("applied" if correction["applied"] else "suggested")
        assert mark["text"] == (correction["replacement"] if correction["applied"] else correction["original"])
        assert text[correction["start"] : correction["end"]] == mark["data-original"]


# ---------------------------------------------------------------- the installed command


def run(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([installed_normalize(), *args], cwd=cwd, capture_output=True, text=True, **kwargs)


@pytest.fixture
def article(tmp_path) -> Path:
    (tmp_path / "names.yaml").write_text(NAMES, encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text(GARBLED, encoding="utf-8")
    return path


def test_report_writes_the_page_and_nothing_else(article):
    folder = article.parent
    before = sorted(os.listdir(folder))
    done = run("report", "a.txt", "--no-bundled", "-g", "names.yaml", "-o", "report.html", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert sorted(os.listdir(folder)) == sorted([*before, "report.html"])
    page = (folder / "report.html").read_text(encoding="utf-8")
    (record,) = json.loads(run("--check", "--format", "json", "--no-bundled", "-g", "names.yaml", "a.txt",
                               cwd=folder).stdout)
    (shown,) = Page(page).articles
    assert shown["text"] == record["text"]
    assert [mark["data-replacement"] for mark in shown["marks"]] == [c["replacement"] for c in record["corrections"]]
    # A new page is readable as any file its user makes, not private as a temporary file is.
    umask = os.umask(0)
    os.umask(umask)
    assert (folder / "report.html").stat().st_mode & 0o777 == 0o666 & ~umask


def test_format_html_prints_the_same_page_and_writes_what_json_writes(article):
    folder = article.parent
    options = ("--no-bundled", "-g", "names.yaml")
    assert run("report", "a.txt", *options, "-o", "report.html", cwd=folder).returncode == 0
    done = run("--format", "html", *options, "a.txt", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (folder / "report.html").read_text(encoding="utf-8")
    assert (folder / "a.normalized.txt").read_text(encoding="utf-8") != GARBLED
    assert (folder / "a.diff").exists()


def test_report_refuses_to_write_over_an_article(article):
    done = run("report", "a.txt", "-o", "./a.txt", cwd=article.parent)
    assert done.returncode == 2
    assert "a.txt" in done.stderr and "overwritten" in done.stderr
    assert article.read_text(encoding="utf-8") == GARBLED


def test_a_missing_article_is_listed_on_the_page_and_fails_the_run(article):
    folder = article.parent
    done = run("report", "a.txt", "gone.txt", "--no-bundled", "-g", "names.yaml", "-o", "r.html", cwd=folder)
    assert done.returncode == 2
    assert "gone.txt" in done.stderr
    page = (folder / "r.html").read_text(encoding="utf-8")
    assert [shown["path"] for shown in Page(page).articles] == ["a.txt"]
    assert "Not reported" in page and "gone.txt" in page


# ---------------------------------------------------------------- in a browser


@pytest.fixture(scope="module")
def browser():
    screenshots = tool_script("screenshot_report")
    found = screenshots.find_browser()
    if isinstance(found, str):
        pytest.skip(f"no browser to test the HTML report in: {found}")
    driver = screenshots.start_browser(*found)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """The report and the JSON records of a seed article and a garbled Wikinews article."""
    folder = tmp_path_factory.mktemp("review")
    seed = sorted(SEEDS.glob("000_*.txt"))[0]
    (folder / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    corpus = ROOT / "benchmarks" / "corpus" / "wikinews-garbled.jsonl"
    first = json.loads(corpus.read_text(encoding="utf-8").splitlines()[0])
    (folder / "wikinews.txt").write_text(first["garbled"], encoding="utf-8")
    options = ["--gazetteer", str(ROOT / "benchmarks" / "corpus" / "wikinews" / "gazetteer.yaml")]
    names = [seed.name, "wikinews.txt"]
    done = run("report", *names, *options, "-o", "report.html", cwd=folder)
    assert done.returncode == 0, done.stderr
    records = json.loads(run("--check", "--suggestions", "show", "--format", "json", *options, *names,
                             cwd=folder).stdout)
    assert [record["path"] for record in records] == names
    return folder / "report.html", records


def severe(driver) -> list:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def rendered_text(driver, section) -> str:
    """The article's text without the twins hidden marks leave."""
    return driver.execute_script(
        "const text = arguments[0].querySelector('.text').cloneNode(true);"
        "text.querySelectorAll('.bare').forEach(twin => twin.remove()); return text.textContent;", section)


def test_the_page_shows_every_correction_where_the_json_puts_it(browser, reviewed):
    page, records = reviewed
    browser.get(page.as_uri())
    assert severe(browser) == []
    sections = browser.find_elements("css selector", "section.article")
    assert [section.get_attribute("data-path") for section in sections] == [r["path"] for r in records]
    assert any(not c["applied"] for r in records for c in r["corrections"]), "the test needs a suggestion"
    for section, record in zip(sections, records):
        assert rendered_text(browser, section) == record["text"]
        marks = section.find_elements("css selector", "mark")
        for status in (True, False):
            expected = [c for c in record["corrections"] if c["applied"] == status]
            shown = [m for m in marks if m.get_attribute("data-applied") == str(status).lower()]
            assert len(shown) == len(expected)
        by_start = {int(mark.get_attribute("data-start")): mark for mark in marks}
        assert len(by_start) == len(record["corrections"])
        for correction in record["corrections"]:
            mark = by_start[correction["start"]]
            assert mark.get_attribute("textContent") == (correction["replacement"] if correction["applied"] else correction["original"])
            for field in ("end", "line", "column", "confidence"):
                assert float(mark.get_attribute(f"data-{field}")) == correction[field]
            for field in ("original", "replacement", "entity", "kind"):
                assert mark.get_attribute(f"data-{field}") == correction[field]
        totals = {cell.get_attribute("data-count"): int(cell.text)
                  for cell in section.find_elements("css selector", "tfoot td")}
        assert totals == {"applied": sum(c["applied"] for c in record["corrections"]),
                          "suggested": sum(not c["applied"] for c in record["corrections"])}


def tooltip(driver, mark) -> tuple[str, str]:
    style = driver.execute_script("const s = getComputedStyle(arguments[0], '::after'); return [s.display, s.content];",
                                  mark)
    return style[0], style[1]


def test_hover_and_focus_show_the_other_side_of_a_mark(browser, reviewed):
    from selenium.webdriver.common.action_chains import ActionChains

    browser.get(reviewed[0].as_uri())
    applied = browser.find_element("css selector", "mark[data-applied=true]")
    suggested = browser.find_element("css selector", "mark[data-applied=false]")
    assert tooltip(browser, applied)[0] == "none"
    ActionChains(browser).move_to_element(applied).perform()
    display, content = tooltip(browser, applied)
    assert display != "none" and f"was: {applied.get_attribute('data-original')}" in content
    browser.execute_script("arguments[0].focus()", suggested)
    assert browser.switch_to.active_element == suggested  # focusable: a keyboard user gets there too
    ActionChains(browser).move_to_element(browser.find_element("css selector", "h1")).perform()  # off the marks
    display, content = tooltip(browser, suggested)
    assert display != "none" and f"suggests: {suggested.get_attribute('data-replacement')}" in content
    assert suggested.get_attribute("tabindex") == "0"


def test_a_finding_and_its_mark_lead_to_each_other(browser, reviewed):
    browser.get(reviewed[0].as_uri())
    findings = browser.find_elements("css selector", ".findings > li")
    last = findings[-1]
    last.find_element("css selector", "a").click()
    mark = browser.switch_to.active_element
    assert mark.tag_name == "mark" and mark.get_attribute("aria-describedby") == last.get_attribute("id")
    assert "current" in last.get_attribute("class").split()
    assert ["current" in item.get_attribute("class").split() for item in findings].count(True) == 1


def test_filters_hide_the_marks_and_keep_the_text(browser, reviewed):
    page, records = reviewed
    browser.get(page.as_uri())
    browser.find_element("css selector", "#filters input[value=suggested]").click()
    suggestions = browser.find_elements("css selector", "mark[data-applied=false]")
    assert suggestions and not any(mark.is_displayed() for mark in suggestions)
    assert all(mark.is_displayed() for mark in browser.find_elements("css selector", "mark[data-applied=true]"))
    assert not any(item.is_displayed() for item in browser.find_elements("css selector", ".findings li.suggested"))
    # What a reader sees is still the whole article: the hidden marks' words stay.
    for section, record in zip(browser.find_elements("css selector", "section.article"), records):
        visible = browser.execute_script("return arguments[0].querySelector('.text').innerText", section)
        assert visible == record["text"]
    browser.find_element("css selector", "#filters input[value=person]").click()
    assert not any(mark.is_displayed() for mark in browser.find_elements("css selector", "mark[data-kind=person]"))
    places = browser.find_elements("css selector", "mark[data-kind=place][data-applied=true]")
    assert places and all(mark.is_displayed() for mark in places)
    browser.find_element("css selector", "#filters input[value=suggested]").click()
    assert all(mark.is_displayed() for mark in suggestions if mark.get_attribute("data-kind") != "person")


def test_markup_in_an_article_and_its_name_stays_text(browser, tmp_path):
    (tmp_path / "names.yaml").write_text(NAMES, encoding="utf-8")
    name = "<script>window.named = 1;<script>.txt"  # no slash: a file name cannot hold one
    (tmp_path / name).write_bytes(HOSTILE.encode("utf-8"))
    done = run("report", name, "--no-bundled", "-g", "names.yaml", "-o", "r.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    browser.get((tmp_path / "r.html").as_uri())
    assert browser.execute_script("return [window.pwned, window.named]") == [None, None]
    assert severe(browser) == []  # not even a script the page's policy had to block
    (section,) = browser.find_elements("css selector", "section.article")
    assert section.find_element("css selector", "h2").text == name
    normalized = HOSTILE.replace("Lotfolahi", "Lotfollahi")
    assert rendered_text(browser, section) == normalized  # the CRs too


def test_without_chromium_the_browser_tests_say_why(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # a folder with neither program
    reason = tool_script("screenshot_report").find_browser()
    assert isinstance(reason, str) and "no chromium and no chromedriver" in reason


def test_the_screenshot_script_draws_the_page(browser, tmp_path):
    out = tmp_path / "report.png"
    assert tool_script("screenshot_report").main([str(out)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
