"""Take the README's screenshot of the HTML report (docs/report.png).

    python tools/screenshot_report.py [OUT.png]

Builds `normalize report` for the first seed article with the installed
`normalize`, opens it in headless Chromium through Selenium and saves a
screenshot, the first correction focused so that its tooltip shows. Needs
Chromium and its driver (Debian: `apt-get install chromium chromium-driver`)
and `pip install 'news-normalizer[browser]'`. tests/test_html_report.py
starts its browser with `start_browser` here, so the picture and the tests
see the same page the same way.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "report.png"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DRIVERS = ("chromedriver",)
WINDOW = (1280, 900)


def find_browser() -> tuple[str, str] | str:
    """(the Chromium binary, its chromedriver), or why there are none."""
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    driver = next((found for name in DRIVERS if (found := shutil.which(name))), None)
    missing = [what for what, found in (("chromium", browser), ("chromedriver", driver)) if not found]
    if missing:
        return f"no {' and no '.join(missing)} on PATH (Debian: apt-get install chromium chromium-driver)"
    return browser, driver


def start_browser(browser: str, driver: str, window: tuple[int, int] = WINDOW):
    """Headless Chromium under Selenium, its console log kept. The driver is
    given by path, so Selenium Manager never downloads one."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={window[0]},{window[1]}", "--force-device-scale-factor=1"):
        options.add_argument(argument)  # --no-sandbox: CI containers run as root
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service(executable_path=driver))


def main(argv: list[str]) -> int:
    found = find_browser()
    if isinstance(found, str):
        print(f"screenshot_report: {found}", file=sys.stderr)
        return 2
    out = Path(argv[0]) if argv else OUT
    seed = sorted((ROOT / "seeds").glob("000_*.txt"))[0]
    normalize = shutil.which("normalize") or "normalize"
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        # Run from the root, so the page names the seed as a user would.
        subprocess.run([normalize, "report", str(seed.relative_to(ROOT)), "-o", str(page)], cwd=ROOT, check=True)
        browser = start_browser(*found)
        try:
            browser.get(page.as_uri())
            browser.execute_script("document.querySelector('mark').focus()")
            out.parent.mkdir(parents=True, exist_ok=True)
            browser.save_screenshot(str(out))
        finally:
            browser.quit()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
