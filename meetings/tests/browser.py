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
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
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


# --- The keyboard alone ----------------------------------------------------------------------

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: "", type: "", name: "", label: ""};
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  return {
    tag: el.tagName.toLowerCase(),
    type: el.type || "",
    name: (el.getAttribute("aria-label") || el.innerText || "").replace(/\\s+/g, " ").trim(),
    label: label.replace(/\\s+/g, " ").replace(/\\s*\\*$/, "").trim(),
  };
}"""

# Once the focus transitions have run: an outline, or a focus shadow that is not transparent.
FOCUS_SEEN = """async () => {
  const el = document.activeElement;
  await Promise.all(el.getAnimations().map((animation) => animation.finished));
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
    && !/rgba\\([^)]*, 0\\)/.test(style.outlineColor);
  const shadow = style.boxShadow !== "none" && !/^rgba\\([^)]*, 0\\)/.test(style.boxShadow);
  return outline || shadow;
}"""


def focused(page) -> dict:
    """What has keyboard focus: tag, type, text (or aria-label) and label."""
    return page.evaluate(FOCUSED)


def tab_to(page, text: str, *, label: bool = False, limit: int = 80) -> dict:
    """Press Tab until the focused element's text (``label=True``: its label) is ``text``, and
    check that the focus can be seen there. Fails when ``text`` is not reached in ``limit``
    presses: a control the keyboard cannot reach."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if (now["label"] if label else now["name"]) == text:
            assert page.evaluate(FOCUS_SEEN), f"the keyboard focus on {text!r} cannot be seen"
            return now
    raise AssertionError(f"{text!r} was not reached with Tab in {limit} presses")


def type_date(page, day) -> None:
    """Type ``day`` into the focused date field. Chromium lays the field out in its own
    interface language (mm/dd/yyyy here, dd.mm.yyyy for a Danish user), not the page's, so
    a probe finds the order first; arrow keys go back to the first part of the field."""
    page.keyboard.type("01022000")
    probe = page.evaluate("document.activeElement.value")
    assert probe in {"2000-01-02", "2000-02-01"}, f"unexpected date field layout: {probe}"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    first, second = ("%m", "%d") if probe == "2000-01-02" else ("%d", "%m")
    page.keyboard.type(day.strftime(f"{first}{second}%Y"))
    typed = page.evaluate("document.activeElement.value")
    assert typed == day.isoformat(), f"typed {day.isoformat()}, the field holds {typed}"
