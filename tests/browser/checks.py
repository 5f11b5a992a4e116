"""Assertions that the browser tests share: axe's verdict, loaded styles and page width."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BOOTSTRAP_PRIMARY_BACKGROUND = "rgb(13, 110, 253)"  # #0d6efd
PHONE = {"width": 360, "height": 740}

_axe = Axe()


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {node['target']}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page) -> None:
    """Run axe-core for WCAG 2.1 A and AA on the page as it is now."""
    # axe is injected with page.evaluate, which the page's Content-Security-Policy does not
    # govern (it forbids inline scripts, not scripts run by the browser's debugging protocol).
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    assert not violations, f"axe found on {page.url}:\n{describe_violations(violations)}"


def assert_styles_loaded(page: Page) -> None:
    """Bootstrap and the app's own stylesheet are applied; without them contrast means nothing."""
    root = page.evaluate(
        """() => {
            const style = getComputedStyle(document.documentElement);
            return [style.getPropertyValue('--bs-primary').trim(),
                    style.getPropertyValue('--app-accent').trim()];
        }"""
    )
    assert root == ["#0d6efd", "#8a1c4a"], f"stylesheets not applied on {page.url}: {root}"


def background_colour(page: Page, selector: str) -> str:
    return page.locator(selector).first.evaluate("el => getComputedStyle(el).backgroundColor")


def assert_no_horizontal_scroll(page: Page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width + 2, f"{page.url} is {scroll_width}px wide on a {width}px screen"
