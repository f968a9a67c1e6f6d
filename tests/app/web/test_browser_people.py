"""The web app as a person uses it, in headless Chromium (issue 16): answers they can click, advice that reads at a
glance, a page that works on a phone and in a docs sidebar, and for screen readers (axe-core: no serious or critical
violation). Every test also fails on any failed call of the page to its own server.
"""

from __future__ import annotations

from selenium.webdriver.common.by import By

from tests.app.axe import axe_violations, describe
from tests.app.browser import assert_no_page_errors, send_message, wait_for
from tests.app.web.test_browser import BOT, download, field_value, headline, open_app, say

PRIVACY = "Nothing may leave our servers"


def visible_answers(d) -> list:
    return [b for b in d.find_elements(By.CSS_SELECTOR, "button.ea-answer") if b.is_displayed()]


def click_answer(d, text: str) -> None:
    button = wait_for(lambda: next((b for b in visible_answers(d) if b.text.strip() == text), None),
                      what=f"the answer button {text!r}", diagnose=lambda: str([b.text for b in visible_answers(d)]))
    before = len(d.find_elements(By.CSS_SELECTOR, BOT))
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait_for(lambda: len(d.find_elements(By.CSS_SELECTOR, BOT)) > before, timeout=90, what="the reply to the answer")


def emulate(d, width: int, height: int) -> None:
    """A phone-sized viewport (Chromium's window cannot be narrower than 500 px, the emulated screen can)."""
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})


def test_suggested_answers_are_buttons_that_set_the_field(app_server, browser_factory, tmp_path):
    downloads = tmp_path / "downloads"
    d = browser_factory(downloads=downloads)
    open_app(d, app_server.url)
    say(d, "Semantic search over about 2 million English clinical notes, CPU servers.")
    answers = wait_for(lambda: [b.text for b in visible_answers(d)], what="answer buttons")
    assert "Yes, keep it local" in answers, answers
    last = d.find_elements(By.CSS_SELECTOR, BOT)[-1].text
    assert " / ".join(answers[:2]) not in last and "(Yes, keep it local" not in last   # buttons, not bracketed text

    click_answer(d, "Yes, keep it local")
    # The click set the field directly (the form shows it, in words) and shows in the chat as the user's answer;
    # nothing was typed into the message box for the chat parser.
    assert field_value(d, "privacy") == "Local only"
    assert d.find_element(By.CSS_SELECTOR, "#msg textarea").get_attribute("value") == ""
    assert d.find_elements(By.CSS_SELECTOR, "#chat [data-testid='user']")[-1].text.strip() == "Yes, keep it local"
    wait_for(lambda: "Top pick" in headline(d), what="a recommendation")
    reply = d.find_elements(By.CSS_SELECTOR, BOT)[-1].text
    assert "Profile edited with your answer" in reply and "Local only" in reply and "local_only" not in reply

    # chat text: no literal "> ", and "Not recommended:" starts its own block (not inside the last bullet)
    texts = [e.text for e in d.find_elements(By.CSS_SELECTOR, BOT)]
    assert not any(line.startswith("> ") for t in texts for line in t.splitlines()), texts
    in_bullet = d.execute_script("return Array.from(document.querySelectorAll('#chat li'))"
                                 ".some(li => li.innerText.includes('Not recommended:'))")
    assert in_bullet is False
    # unset number fields are empty, not "0"; choices read as words
    assert [field_value(d, f) for f in ("avg_doc_tokens", "queries_per_second", "latency_ms", "budget_usd_month")] \
        == ["", "", "", ""]
    assert field_value(d, "hardware") == "CPU only" and field_value(d, "task") == "Search"

    # the candidates: one card per pick, one plain sentence of why, the footprint on the page, details folded
    cards = d.find_elements(By.CSS_SELECTOR, "#candidates article.ea-card")
    assert len(cards) >= 3
    for card in cards:
        why = card.find_element(By.CSS_SELECTOR, ".ea-why").text
        assert why.endswith(".") and "MTEB" not in why and "tasks" not in why, why
        facts = [dt.text for dt in card.find_elements(By.CSS_SELECTOR, "dt")]
        assert facts == ["Memory", "Time to embed your corpus", "Query latency", "Monthly cost"], facts
        assert all(dd.text.strip() for dd in card.find_elements(By.CSS_SELECTOR, "dd"))
    first = cards[0]
    font = d.execute_script("return getComputedStyle(arguments[0]).fontFamily", first)
    assert "mono" not in font.lower(), font
    assert "tasks" not in first.text                                  # the jargon is folded away …
    summary = first.find_element(By.TAG_NAME, "summary")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    summary.click()
    wait_for(lambda: "tasks" in first.text, what="the details to open")   # … one click away
    box = d.find_element(By.ID, "candidates")
    assert d.execute_script("return arguments[0].scrollHeight <= arguments[0].clientHeight + 1", box), \
        "the candidates sit in a box that scrolls"

    # the report speaks the same words
    html = download(d, downloads, "dl-html", ".html")
    needs = html.split('id="section-profile"')[1].split("</section>")[0]
    assert "Local only" in needs and "local_only" not in needs and "CPU only" in needs
    assert_no_page_errors(d, app_server.origin)


def test_no_serious_accessibility_violations_on_the_page_and_report(app_server, browser_factory, tmp_path):
    downloads = tmp_path / "downloads"
    d = browser_factory(downloads=downloads)
    open_app(d, app_server.url)
    box = d.find_element(By.CSS_SELECTOR, "#msg textarea")
    assert box.accessible_name == "Message to the advisor"
    say(d, f"RAG over English support articles, 50k documents. {PRIVACY}.")
    wait_for(lambda: "Top pick" in headline(d), what="a recommendation")
    assert d.find_element(By.ID, "pf-commercial_use").accessible_name == "Commercial use"   # the yes/no group
    summary = d.find_element(By.ID, "ea-chart-summary").text
    assert summary.startswith("The chart plots") and "#1" in summary
    figure = d.find_element(By.CSS_SELECTOR, "#tradeoff-chart figure")
    assert figure.get_attribute("aria-describedby") == "ea-chart-summary"
    # the page as a person reads it: the report buttons switched on and their colour transitions over (axe read a
    # download button's colour half-way through its fade-in once: 3.82:1, a race, not the page's steady state)
    for button in d.find_elements(By.CSS_SELECTOR, "[id^='dl-']"):
        wait_for(lambda b=button: b.is_enabled(), what="the report buttons enabled")
        wait_for(lambda b=button: d.execute_script("return arguments[0].getAnimations({subtree: true}).length === 0", b),
                 what="the report button's transition over")
    violations = axe_violations(d)
    assert violations == [], describe(violations)

    report = download(d, downloads, "dl-html", ".html")
    assert "The chart plots" in report                              # the report's chart has the summary too
    d.get((next(downloads.glob("*.html"))).as_uri())
    wait_for(lambda: d.find_element(By.ID, "section-picks"), what="the report")
    violations = axe_violations(d)
    assert violations == [], describe(violations)


def test_on_a_phone_each_pick_is_a_card_and_the_chart_stays_readable(app_server, browser_factory):
    d = browser_factory()
    emulate(d, 390, 844)
    open_app(d, app_server.url)
    say(d, f"Semantic search over English legal contracts, 100k documents. {PRIVACY}.")
    wait_for(lambda: "Top pick" in headline(d), what="a recommendation")
    assert d.execute_script("return window.innerWidth") == 390
    assert not d.find_elements(By.CSS_SELECTOR, "#candidates table")
    cards = d.find_elements(By.CSS_SELECTOR, "#candidates article.ea-card")
    rects = [d.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.right, r.top]", c)
             for c in cards]
    assert rects and all(left >= 0 and right <= 390 for left, right, _ in rects)
    assert len({round(left) for left, _, _ in rects}) == 1            # stacked in one column
    # every word of the chart is drawn at 11 px or more (the chart keeps its size and scrolls sideways)
    sizes = d.execute_script("""
        const svg = document.querySelector('#tradeoff-chart svg');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Array.from(svg.querySelectorAll('text')).map(t => parseFloat(t.getAttribute('font-size')) * scale);""")
    assert sizes and min(sizes) >= 11, sizes
    heads = d.find_elements(By.CSS_SELECTOR, "#candidates h3")
    assert all(h.size["width"] > 100 for h in heads)                    # names are not squeezed a letter per line
    assert_no_page_errors(d, app_server.origin)


def test_widget_in_a_400_by_700_sidebar_gives_the_conversation_room(app_server, browser_factory):
    d = browser_factory()
    emulate(d, 400, 700)
    d.get(app_server.url + "/widget/")
    box = wait_for(lambda: d.find_element(By.CSS_SELECTOR, "#w-msg textarea"), what="the widget")
    chat = d.find_element(By.ID, "w-chat")
    assert chat.size["height"] >= 360, chat.size
    fits = d.execute_script("""
        const box = arguments[0], style = getComputedStyle(box);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = style.fontSize + ' ' + style.fontFamily;
        const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return ctx.measureText(box.placeholder).width <= room;""", box)
    assert fits, "the message box's placeholder is clipped"
    placeholder = d.find_element(By.CSS_SELECTOR, "#w-chat .placeholder-content, #w-chat .placeholder")
    assert d.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth + 1", placeholder)
    assert box.accessible_name == "Message to the advisor"
    violations = axe_violations(d)
    assert violations == [], describe(violations)
    # the widget's suggested answers are buttons too: a click answers the question
    send_message(d, "Semantic search over about 2 million English clinical notes, CPU servers.", box="#w-msg textarea",
                 button="w-send")
    local = wait_for(lambda: next((b for b in d.find_elements(By.CSS_SELECTOR, "#w-answers button.ea-answer")
                                   if b.is_displayed() and b.text.strip() == "Yes, keep it local"), None),
                     timeout=90, what="the widget's answer buttons")
    assert "(Yes, keep it local" not in d.find_element(By.ID, "w-chat").text          # buttons, not bracketed text
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", local)
    local.click()
    # the first message already gave preliminary picks: wait for the click's own turn, then for its picks
    wait_for(lambda: d.find_elements(By.CSS_SELECTOR, "#w-chat [data-testid='user']")[-1].text.strip()
             == "Yes, keep it local", timeout=90, what="the clicked answer as the last user message",
             diagnose=lambda: [e.text[:60] for e in d.find_elements(By.CSS_SELECTOR, "#w-chat [data-testid='user']")])
    wait_for(lambda: d.find_elements(By.CSS_SELECTOR, "#w-picks li"), timeout=90, what="the widget's picks")
    assert d.find_element(By.ID, "w-chat").size["height"] >= 360
    assert_no_page_errors(d, app_server.origin)
