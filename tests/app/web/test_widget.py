"""The widget's link to the full app: relative in the app's own pages, absolute inside another site's page."""

from app.web.widget import full_app_link


def href(headers: dict[str, str], root: str = "") -> str:
    return full_app_link(headers, root).split('href="', 1)[1].split('"', 1)[0]


def test_link_is_relative_in_the_apps_own_pages_and_frames():
    assert href({"host": "advisor:7860"}) == "/"
    assert href({"host": "advisor:7860", "origin": "http://advisor:7860"}, "/tools/advisor") == "/tools/advisor/"


def test_link_is_absolute_inside_another_sites_page():
    assert href({"host": "advisor:7860", "origin": "http://docs.acme"}) == "//advisor:7860/"
    proxied = {"host": "10.0.0.5:7860", "x-forwarded-host": "tools.acme, edge", "x-forwarded-proto": "https",
               "origin": "https://docs.acme"}
    assert href(proxied, "/tools/advisor") == "https://tools.acme/tools/advisor/"


def test_hostile_host_header_cannot_inject_markup():
    link = full_app_link({"host": 'x"><script>alert(1)</script>', "origin": "http://docs.acme"}, "")
    assert "<script>" not in link and link.count('"') == 8   # four attributes, nothing broke out
