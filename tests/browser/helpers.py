"""What every browser journey needs: a tab, and the checks that axe finds nothing serious
and nothing overflows."""

from contextlib import contextmanager

from axe_playwright_python.sync_playwright import Axe

SERIOUS = {"serious", "critical"}
_axe = Axe()
# Playwright's own default: a shared CI machine can be several times slower than a laptop,
# and a journey should fail on a wrong page, not on a slow one.
TIMEOUT_MS = 30_000


@contextmanager
def browser_tab(chromium, base_url, **options):
    """A fresh tab in its own context (own cookies), in Russian, whose relative URLs go to
    `base_url`; `options` go to Playwright's new_context (viewport, java_script_enabled…)."""
    context = chromium.new_context(base_url=base_url, locale="ru-RU", **options)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def assert_accessible(page):
    """axe-core (bundled with axe-playwright-python, no network) finds no serious or
    critical violation on the current page."""
    violations = _axe.run(page).response["violations"]
    serious = [v for v in violations if v.get("impact") in SERIOUS]
    assert not serious, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in serious
    )


def assert_no_horizontal_overflow(page):
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} overflows by {overflow}px"


def tab_to(page, condition, limit=250):
    """Press Tab until `condition` (a JS expression over `el`, the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({condition}); }}"):
            return
    raise AssertionError(f"keyboard focus never reached: {condition}")
