"""The dashboard in a real browser: loads offline, filters by type, opens an event, shows highlighted evidence."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.slow


def _watch(page, live_server):
    """Collect console errors and any request that leaves the server (the dashboard must work offline)."""
    problems = []
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("request", lambda req: problems.append(f"external request: {req.url}")
            if not req.url.startswith(live_server) and not req.url.startswith("data:") else None)
    return problems


def test_dashboard_filter_open_event_and_screenshot(page, live_server, tmp_path):
    problems = _watch(page, live_server)
    page.goto(live_server + "/")
    page.wait_for_selector("tr.event-row")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("#timeline svg rect[data-type]").count() > 0
    assert page.locator("#map svg .land path").count() > 100
    points = page.locator("#map svg circle.point").evaluate_all(
        "cs => cs.map(c => [c.getAttribute('class'), Number(c.getAttribute('r')), Number(c.dataset.count)])")
    assert points and all(re.search(r"precision-(city|admin1|country)", cls) for cls, _, _ in points)
    by_count = sorted(points, key=lambda p: p[2])
    assert by_count[-1][2] > by_count[0][2] and by_count[-1][1] > by_count[0][1]  # sized by count
    all_rows = page.locator("tr.event-row").count()

    page.select_option("#filters select[name=type]", "ASSAULT")
    page.wait_for_function("() => [...document.querySelectorAll('tr.event-row')].length > 0 && "
                           "[...document.querySelectorAll('tr.event-row')].every(r => r.dataset.type === 'ASSAULT')")
    types = page.locator("tr.event-row").evaluate_all("rows => rows.map(r => r.dataset.type)")
    assert set(types) == {"ASSAULT"} and len(types) < all_rows
    assert "type=ASSAULT" in page.url
    # every row shows its evidence sentence with the trigger marked
    assert page.locator("tr.event-row mark.trigger").count() == len(types)

    page.locator("tr.event-row").first.click()
    page.wait_for_selector("#event-detail blockquote.evidence mark.trigger")
    assert re.search(r"#/event/\d+$", page.url)
    trigger = page.locator("#event-detail blockquote.evidence mark.trigger").first.text_content()
    assert trigger and trigger in page.locator("#event-detail blockquote.evidence").text_content()

    page.locator("#event-detail a.open-article").click()
    page.wait_for_selector("#article .article-text mark.trigger.focused")
    assert page.locator("#article .article-text mark.ent").count() > 0
    assert page.locator("#article .article-text").get_attribute("dir") == "rtl"

    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert problems == []


def test_language_toggle_search_and_analyse(page, live_server):
    problems = _watch(page, live_server)
    page.goto(live_server + "/")
    page.wait_for_selector("tr.event-row")
    page.click("#lang-toggle")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("nav a[data-route=events]").text_content() == "Events"
    page.click("#lang-toggle")
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.fill("#search-input", "الكهرباء")
    page.press("#search-input", "Enter")
    page.wait_for_selector("#search-results .hit")
    assert "بغداد" in page.locator("#search-results .hit").first.text_content()

    page.goto(live_server + "/#/analyze")
    page.fill("#analyze-form textarea", "تظاهر مئات الطلاب أمس في عمان احتجاجا على رفع الرسوم.")
    page.fill("#analyze-form input[name=published]", "2024-05-02")
    page.click("#analyze-form button[type=submit]")
    page.wait_for_selector("#analyze-result .article-text mark", timeout=60_000)
    assert page.locator("#analyze-result .event-list li").count() >= 1
    assert problems == []


def test_a_stored_javascript_url_is_not_a_link(page, live_server):
    """Data never becomes markup or script: an article URL that is not http(s) is shown as text."""
    page.goto(live_server + "/")
    page.wait_for_selector("tr.event-row")
    verdicts = page.evaluate("""async () => {
        const { safeUrl, el } = await import('/static/js/dom.js');
        const cell = el('td', {}, '<img src=x onerror=alert(1)>');
        return [safeUrl('javascript:alert(1)'), safeUrl('https://example.org/a'), cell.querySelector('img')];
    }""")
    assert verdicts == [None, "https://example.org/a", None]
