"""User text: the Markdown subset, cleaned against the allow-list (hostile input)."""

import random

import pytest

from core import text as text_module
from core.text import LINK_REL, clean_html, normalise_text, render_user_text


def test_the_markdown_subset_renders():
    """Emphasis, lists, quotes and line breaks survive."""
    html = render_user_text("**so tired**\n_today_\n\n- one\n- two\n\n> she said")
    assert "<strong>so tired</strong>" in html
    assert "<em>today</em>" in html
    assert "<br>" in html
    assert "<ul>" in html and "<li>one</li>" in html
    assert "<blockquote>" in html


def test_raw_html_is_never_passed_through():
    """Typed tags are shown as text, never as markup."""
    html = render_user_text("<script>alert(1)</script><b>bold</b>")
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "source",
    [
        "# Heading",
        "![img](https://example.org/x.png)",
        "```\ncode\n```",
        "| a | b |\n|---|---|",
    ],
)
def test_features_outside_the_subset_do_not_render(source):
    """Headings, images, code blocks and tables are off."""
    html = render_user_text(source)
    for tag in ("<h1", "<img", "<pre", "<code", "<table"):
        assert tag not in html


def test_links_get_nofollow_ugc_noopener_and_no_target():
    """Every link carries rel="nofollow ugc noopener" and opens in place."""
    html = render_user_text("[help](https://example.org) and https://example.com/page")
    assert html.count(f'rel="{LINK_REL}"') == 2
    cleaned = clean_html('<a href="https://example.org" target="_blank" rel="me">x</a>')
    assert f'rel="{LINK_REL}"' in cleaned and "target" not in cleaned


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
    ],
)
def test_dangerous_link_schemes_are_stripped(url):
    """javascript:, data: and other schemes never survive as href."""
    for html in (
        render_user_text(f"[click]({url})"),
        clean_html(f'<a href="{url}">click</a>'),
    ):
        assert "href" not in html


@pytest.mark.parametrize(
    "hostile",
    [
        '<img src=x onerror="alert(1)">',
        '<a href="https://ok.example" onclick="alert(1)">x</a>',
        '<p onmouseover="alert(1)">hover</p>',
        '<svg onload="alert(1)"></svg>',
        '<iframe src="https://evil.example"></iframe>',
        "<style>body{display:none}</style>",
        '<p style="position:fixed">x</p>',
        "<!-- secret comment -->",
        '<form action="https://evil.example"><input name="p"></form>',
    ],
)
def test_event_handlers_styles_frames_and_forms_are_removed(hostile):
    """Only allow-listed tags and attributes remain."""
    html = clean_html(hostile)
    lowered = html.lower()
    for bad in (
        "onerror",
        "onclick",
        "onmouseover",
        "onload",
        "<iframe",
        "<style",
        "style=",
        "<svg",
        "<img",
        "<form",
        "<input",
        "secret comment",
    ):
        assert bad not in lowered


def test_allowed_tags_are_kept():
    """The allow-list itself is usable."""
    source = (
        "<p><em>a</em> <strong>b</strong></p><ul><li>c</li></ul>"
        "<blockquote>d</blockquote>"
    )
    assert clean_html(source) == source


def test_control_and_invisible_characters_are_removed():
    """Bidi overrides, zero-width characters and C0/C1 controls go; newlines stay."""
    source = "a\u202eb\u200bc\x00d\x07e\u2066f\ufeffg\r\nh\ti"
    assert normalise_text(source) == "abcdefg\nh\ti"
    assert "\u202e" not in render_user_text("hello \u202eevil")


def test_text_is_nfc_normalised():
    """Composed and decomposed accents compare equal after normalising."""
    assert normalise_text("Zoe\u0308") == "Zo\u00eb"


@pytest.mark.parametrize(
    "source",
    [
        "go to https://p\u0430ypal.com now",  # Cyrillic a
        "http://xn--pypal-4ve.com/login",
        "[https://nhs.uk](https://nhs-help.example)",
        "[www.tommys.org](https://tommys.org.example/)",
        "[bank.example](https://evil.example/bank.example)",
    ],
)
def test_look_alike_and_mislabelled_links_stay_plain_text(source):
    html = render_user_text(source)
    assert "<a" not in html
    assert "href" not in html


@pytest.mark.parametrize(
    "source, href",
    [
        ("[tommys.org](https://www.tommys.org/)", "https://www.tommys.org/"),
        (
            "[the NHS page](https://www.nhs.uk/conditions)",
            "https://www.nhs.uk/conditions",
        ),
        ("https://www.nhs.uk/conditions ok", "https://www.nhs.uk/conditions"),
        ("[write to me](mailto:a@example.org)", "mailto:a@example.org"),
    ],
)
def test_honest_links_still_link(source, href):
    assert f'href="{href}"' in render_user_text(source)


def test_rendering_on_several_threads_at_once_gives_the_same_html():
    """Chat sockets render messages on several database threads at once; each
    gets the same clean HTML as when rendered alone."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        f"Line {n} with *care* and a [link](https://example.org/{n})\n\n- one\n- two"
        for n in range(1000)
    ]
    alone = [render_user_text(text) for text in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(render_user_text, texts))

    assert together == alone


def _rendered_the_long_way(source: str) -> str:
    return clean_html(text_module._markdown.render(normalise_text(source))).strip()


@pytest.mark.parametrize(
    "source",
    [
        "The kettle is on and the baby is finally asleep.",
        "Still here with you. Take your time!",
        "3am again, she's fed (finally) and I'm wide awake",
        "It's been a long night; thank you \u2019 truly",
        "1. not a list?",
        "2) nor this",
        "12 weeks today",
        "see kindred.example for more",
        "e.g. this",
        "hello  ",
        "_not_ plain",
        "a - b -- c",
        "ok...",
        "\u0436\u0438\u0437\u043d\u044c \u0438\u0434\u0451\u0442",
    ],
)
def test_plain_lines_render_exactly_as_markdown_and_the_cleaner_would(source):
    """The short cut for plain prose gives the same HTML as the full pipeline."""
    assert render_user_text(source) == _rendered_the_long_way(source)


def test_the_plain_short_cut_matches_the_full_pipeline_on_random_text():
    """Random lines mixing prose with Markdown, HTML, link and odd Unicode
    characters: whenever the short cut applies, its HTML is the full pipeline's."""
    alphabet = list("abcXYZ019 ,.!?'\u2019;()-_*`~#>+=[]<&\":/@\\|\t") + [
        "\u00e9",
        "\u00df",
        "\u0436",
        "\u4e2d",
        "\u0661",
        "\u00a0",
        "\u0301",
        "\U0001f600",
        "\ufb01",
        "\u216b",
        "\u00b2",
        "\u2028",
    ]
    pick = random.Random(7)
    short_cuts = 0
    for _ in range(30_000):
        source = "".join(pick.choice(alphabet) for _ in range(pick.randint(1, 14)))
        if text_module._is_plain_line(normalise_text(source)):
            short_cuts += 1
            assert render_user_text(source) == _rendered_the_long_way(source), source
    assert short_cuts > 1000  # the comparison really ran on the short cut
