"""The layout every page shares: a one-row header whose menu needs no script, a
night-mode toggle that names what it will do, a favicon and a web app manifest."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from core.context_processors import THEME_COOKIE

pytestmark = pytest.mark.django_db


def _menu(html: str) -> str:
    start = html.index('<details class="site-menu">')
    return html[start : html.index("</details>\n    </div>\n  </header>", start)]


def _theme_buttons(html: str) -> list[tuple[str, str]]:
    return re.findall(
        r'<button type="submit" name="theme" value="(\w+)"[^>]*>([^<]+)</button>', html
    )


def test_the_header_keeps_help_and_quick_exit_out_of_the_menu(client, member):
    client.force_login(member)
    html = client.get("/").text
    header = html[html.index("<header") : html.index("</header>")]
    menu = _menu(html)
    assert '<summary class="site-menu-toggle">' in menu
    for inside in (">Settings<", ">Sign out<", ">Notifications", ">Spaces<"):
        assert inside in menu, inside
    outside = header.replace(menu, "")
    assert ">Get help now</a>" in outside
    assert 'id="quick-exit"' in outside
    assert "<script>" not in html


def test_a_moderator_finds_the_queue_in_the_menu_and_urgent_items_on_it(
    client, moderator
):
    client.force_login(moderator)
    menu = _menu(client.get("/").text)
    assert 'class="nav-moderation"' in menu
    summary = menu[: menu.index("</summary>")]
    assert 'data-moderation-count="urgent"' in summary


@pytest.mark.parametrize(
    ("cookie", "buttons"),
    [
        (None, [("dark", "Night mode"), ("light", "Light mode")]),
        ("system", [("dark", "Night mode"), ("light", "Light mode")]),
        ("dark", [("light", "Light mode")]),
        ("light", [("dark", "Night mode")]),
    ],
)
def test_the_theme_toggle_offers_what_it_will_do(client, cookie, buttons):
    """A chosen theme offers the other one; following the device, both are sent
    and the stylesheet shows the one that switches away from the device's."""
    if cookie:
        client.cookies[THEME_COOKIE] = cookie
    assert _theme_buttons(client.get("/").text) == buttons


def test_the_stylesheet_shows_one_theme_button_for_a_device_that_decides():
    css = finders.find("css/kindred.css")
    text = open(css, encoding="utf-8").read()
    assert 'html[data-theme="system"] .theme-to-light { display: none; }' in text
    dark = text[
        text.index("@media (prefers-color-scheme: dark) {\n  html[data-theme") :
    ]
    assert 'html[data-theme="system"] .theme-to-dark { display: none; }' in dark


def test_the_toggle_form_switches_without_script(client, member):
    response = client.post(
        reverse("toggle_theme"), {"theme": "light", "next": "/guidelines/"}
    )
    assert response.status_code == 302 and response["Location"] == "/guidelines/"
    assert response.cookies[THEME_COOKIE].value == "light"
    client.force_login(member)
    client.post(reverse("toggle_theme"), {"theme": "dark"})
    member.refresh_from_db()
    assert member.theme == "dark"


def test_the_toggle_refuses_to_send_anyone_off_site(client):
    response = client.post(
        reverse("toggle_theme"), {"theme": "dark", "next": "https://example.com/"}
    )
    assert response["Location"] == "/"


def test_every_page_links_an_icon_and_the_manifest(client):
    html = client.get("/").text
    icons = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"', html)
    assert len(icons) == 3
    for href in icons:
        assert finders.find(href.removeprefix("/static/")), href
    assert f'<link rel="manifest" href="{reverse("manifest")}">' in html


def test_the_manifest_describes_an_installable_app(client):
    response = client.get(reverse("manifest"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["name"] == "Kindred" and manifest["short_name"] == "Kindred"
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["background_color"])
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_png_icons_are_real_pngs_of_their_stated_size():
    for name, size in (("kindred-icon-192.png", 192), ("kindred-icon-512.png", 512)):
        data = open(finders.find(f"img/{name}"), "rb").read()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20]) == size == int.from_bytes(data[20:24])


def test_favicon_ico_leads_to_the_icon_instead_of_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert finders.find(response["Location"].removeprefix("/static/"))


def test_the_manifest_and_icon_stay_open_to_a_locked_out_member(settings):
    """A suspended member's browser still fetches them without a redirect."""
    assert {"manifest", "favicon"} <= set(settings.ALWAYS_OPEN_URLS)
