"""Open a rendered HTML page in headless Chromium: console errors, images, a screenshot.

Uses Debian's ``chromium`` and ``chromium-driver`` (``python -m analysis.report.browser
--install`` installs them with apt-get where that is possible, with the Noto CJK fonts so that
screenshots show Chinese) through selenium, never a driver or browser downloaded at run time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver",)
#: The CJK fonts (Noto Sans CJK SC) for the PDF and the screenshots; poppler's pdftotext and
#: pdffonts for the PDF test.
FONT_PACKAGES = ("fonts-noto-cjk", "poppler-utils")
APT_PACKAGES = ("chromium", "chromium-driver", *FONT_PACKAGES)


@dataclass
class PageCheck:
    """What a browser saw: title, console errors, images and how many failed to load."""

    title: str
    console_errors: list[str] = field(default_factory=list)
    images: int = 0
    broken_images: list[str] = field(default_factory=list)
    height: int = 0


def find() -> tuple[str, str] | None:
    """Paths of a Chromium browser and its driver, or None."""
    browser = next((p for p in map(shutil.which, BROWSERS) if p), None)
    driver = next((p for p in map(shutil.which, DRIVERS) if p), None)
    return (browser, driver) if browser and driver else None


def missing_reason() -> str | None:
    """Why the browser check cannot run here, or None when it can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium)"
    if find() is None:
        return ("headless Chromium not found: install Debian's chromium and chromium-driver "
                "(`python -m analysis.report.browser --install`, as root)")
    return None


def _installed(package: str) -> bool:
    done = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True,
                          text=True)
    return done.returncode == 0 and "install ok installed" in done.stdout


def install(packages: tuple[str, ...] = APT_PACKAGES) -> int:
    """``apt-get install`` the Debian packages not yet installed, when root and apt-get exist."""
    if shutil.which("dpkg-query") is not None:
        packages = tuple(p for p in packages if not _installed(p))
    if not packages:
        return 0
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        print(f"browser: cannot install {' '.join(packages)} here (needs root and apt-get)",
              file=sys.stderr)
        return 1
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    done = subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                           *packages], env=env)
    return done.returncode


def check(page: Path, screenshot: Path | None = None, width: int = 1280) -> PageCheck:
    """Load ``page`` in headless Chromium and report what it shows."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found = find()
    if found is None:
        raise RuntimeError(missing_reason() or "Chromium not found")
    browser, driver_path = found
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", f"--window-size={width},1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        driver.get(Path(page).resolve().as_uri())
        images = driver.execute_script(
            "return Array.from(document.images).map("
            "i => [i.complete && i.naturalWidth > 0, (i.alt || i.src).slice(0, 80)]);"
        )
        errors = [entry["message"] for entry in driver.get_log("browser")
                  if entry.get("level") == "SEVERE"]
        height = int(driver.execute_script("return document.body.scrollHeight;"))
        if screenshot is not None:
            driver.set_window_size(width, min(height, 16000))
            Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(screenshot))
        return PageCheck(driver.title, errors, len(images),
                         [name for ok, name in images if not ok], height)
    finally:
        driver.quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.report.browser",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", type=Path, help="HTML file to check")
    parser.add_argument("--screenshot", type=Path, help="write a PNG screenshot here")
    parser.add_argument("--install", action="store_true",
                        help="apt-get install Chromium, its driver and the CJK fonts")
    parser.add_argument("--install-fonts", action="store_true",
                        help="apt-get install only the CJK fonts and poppler-utils")
    args = parser.parse_args(argv)
    if args.install or args.install_fonts:
        return install(APT_PACKAGES if args.install else FONT_PACKAGES)
    if args.page is None:
        parser.error("give a page, or --install")
    result = check(args.page, args.screenshot)
    print(f"{args.page}: title {result.title!r}, {result.images} images, "
          f"{len(result.broken_images)} broken, {len(result.console_errors)} console errors, "
          f"height {result.height}px")
    for line in result.console_errors + result.broken_images:
        print(f"  {line}")
    return 1 if result.console_errors or result.broken_images else 0


if __name__ == "__main__":
    sys.exit(main())
