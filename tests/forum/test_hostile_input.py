"""A corpus of hostile input: neutralised in what is stored and in what is served."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from forum.models import BODY_MAX_LENGTH, Reply, Thread

CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<a href="#" onclick="alert(1)">click</a>',
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;&#x61;vascript&#58;alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    '<a href="javascript:alert(1)">raw</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    "<iframe src=//evil.example></iframe>",
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<b><i>broken <p>nesting</b>",
    "<<script>script>alert(1)<</script>/script>",
    "<!-- <script>alert(1)</script> -->",
    '"><script>alert(1)</script>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "![img](javascript:alert(1))",
    "<object data=evil.swf></object>",
    "<form action=//evil.example><input name=x></form>",
    "text\x00with\x07controls\x1b[31m",
    "bidi \u202eoverride\u202c and \u2066isolate\u2069",
    "zero\u200bwidth\ufeffchars",
    "mixed scripts: раураl.com Ꭺdmin ｆｕｌｌｗｉｄｔｈ",
    "<a href='https://ok.example' target=_blank rel=opener>ok</a>",
]

FORBIDDEN_TAGS = {
    "iframe",
    "object",
    "embed",
    "style",
    "svg",
    "math",
    "img",
    "base",
    "meta",
}
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069\u200b\ufeff]"
)


class _Audit(HTMLParser):
    """Collects everything in served or stored HTML that could run or mislead."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name == "style":
                self.problems.append(f"{tag} style=")
            if name in {"href", "src", "action", "formaction", "data"} and value:
                cleaned = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                scheme = (
                    cleaned.split(":", 1)[0] if ":" in cleaned.split("/", 1)[0] else ""
                )
                if scheme and scheme not in {"http", "https", "mailto"}:
                    self.problems.append(f"{tag} {name}={value}")
        if tag == "script" and not dict(attrs).get("src", "").startswith("/static/"):
            self.problems.append("inline <script>")

    def handle_data(self, data):
        if INVISIBLE.search(data):
            self.problems.append(f"invisible characters in {data!r}")


def problems_in(html: str) -> list[str]:
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit.problems


def _stored_and_served(client, thread_id: int) -> tuple[str, str]:
    thread = Thread.objects.get(pk=thread_id)
    html = client.get(thread.get_absolute_url()).text
    main = html[html.index("<main") : html.index("</main>")]
    return thread.body_html, main


@pytest.mark.parametrize("payload", CORPUS)
def test_hostile_markup_is_neutralised_when_stored_and_when_served(
    client, member, space, payload
):
    client.force_login(member)
    response = client.post(
        reverse("forum:thread_new", args=[space.slug]),
        {"title": f"Title {payload}"[:140], "body": payload},
    )
    assert response.status_code in {302, 400}
    thread = Thread.objects.order_by("-pk").first()
    if thread is None:
        return
    stored, served = _stored_and_served(client, thread.pk)
    assert problems_in(stored) == []
    assert not INVISIBLE.search(thread.title)  # plain text, escaped when shown
    assert problems_in(served) == []
    for link in re.findall(r"<a [^>]*href=\"(https?://[^\"]+)\"[^>]*>", stored):
        assert link.startswith(("http://", "https://"))
    for anchor in re.findall(r"<a [^>]*>", stored):
        assert 'rel="nofollow ugc noopener"' in anchor
        assert "target" not in anchor


@pytest.mark.parametrize("payload", CORPUS)
def test_hostile_markup_in_replies_is_neutralised_too(
    client, member, make_thread, payload
):
    thread = make_thread(member)
    client.force_login(member)
    client.post(reverse("forum:reply_new", args=[thread.pk]), {"body": payload})
    reply = Reply.objects.first()
    if reply is None:
        return
    assert problems_in(reply.body_html) == []
    served = client.get(reply.thread.get_absolute_url()).text
    assert problems_in(served[served.index("<main") : served.index("</main>")]) == []


def test_titles_are_escaped_not_rendered(client, member, space):
    client.force_login(member)
    client.post(
        reverse("forum:thread_new", args=[space.slug]),
        {"title": "<img src=x onerror=alert(1)> hi", "body": "body"},
    )
    thread = Thread.objects.get()
    html = client.get(thread.get_absolute_url()).text
    assert "&lt;img src=x onerror=alert(1)&gt; hi" in html
    assert "<img src=x" not in html


@pytest.mark.parametrize("size", [BODY_MAX_LENGTH + 1, 200_000])
def test_giant_input_gets_a_clear_error_and_nothing_is_saved(
    client, member, space, make_thread, size
):
    client.force_login(member)
    response = client.post(
        reverse("forum:thread_new", args=[space.slug]),
        {"title": "Big", "body": "x" * size},
    )
    assert response.status_code == 400
    assert "longer than one post can hold" in response.text
    assert not Thread.objects.exists()
    thread = make_thread(member)
    response = client.post(
        reverse("forum:reply_new", args=[thread.pk]), {"body": "y" * size}
    )
    assert response.status_code == 400
    assert not Reply.objects.exists()


def test_a_giant_title_is_refused(client, member, space):
    client.force_login(member)
    response = client.post(
        reverse("forum:thread_new", args=[space.slug]),
        {"title": "t" * 5000, "body": "b"},
    )
    assert response.status_code == 400
    assert not Thread.objects.exists()


def test_control_and_bidi_characters_are_removed_from_titles_too(client, member, space):
    client.force_login(member)
    client.post(
        reverse("forum:thread_new", args=[space.slug]),
        {"title": "Hello\u202e dlrow\x07", "body": "ok"},
    )
    assert Thread.objects.get().title == "Hello dlrow"


def test_mixed_scripts_survive_as_plain_text(client, member, space):
    client.force_login(member)
    client.post(
        reverse("forum:thread_new", args=[space.slug]),
        {"title": "Mixed", "body": "раураl.com and Ꭺdmin"},
    )
    thread = Thread.objects.get()
    assert "раураl.com" in thread.body_html and "Ꭺdmin" in thread.body_html
    assert problems_in(thread.body_html) == []
    for anchor in re.findall(r"<a [^>]*>", thread.body_html):
        assert 'rel="nofollow ugc noopener"' in anchor
