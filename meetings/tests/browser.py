"""Browser-test helpers: Debian's Chromium driven by Playwright, checked with axe-core.

The fixtures live in meetings/tests/conftest.py. Without Chromium the browser tests skip
with the reason — a failure instead under NETVAERK_REQUIRE_SERVICES=1 (CI)."""

import os
import shutil
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = Path(
    os.environ.get("NETVAERK_SCREENSHOTS", Path(__file__).parents[2] / "screenshots")
)
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page, readable."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def assert_accessible(page, name: str) -> None:
    """No serious or critical axe violations; a screenshot goes to screenshots/ for people."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    violations = serious_violations(page)
    assert not violations, f"{page.url}: " + "\n".join(violations)
