"""Pages and JSON leave gzip-compressed to clients that ask, plain to those that
don't; static files are compressed ahead of time in production (WhiteNoise)."""

import gzip
import json
import secrets

from django.conf import settings

from tests.core.test_settings import run_python


def test_a_thread_page_comes_back_gzipped_when_asked(
    client, member, other_member, make_thread, make_reply
):
    thread = make_thread(member, title="Night feeds and the quiet hours")
    for _ in range(20):
        make_reply(other_member, thread)
    url = thread.get_absolute_url()

    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain = client.get(url)

    assert compressed.status_code == plain.status_code == 200
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    html = gzip.decompress(compressed.content).decode()
    assert "Night feeds and the quiet hours" in html
    assert len(compressed.content) < len(plain.content) / 3
    assert not plain.has_header("Content-Encoding")
    assert "Night feeds and the quiet hours" in plain.content.decode()


def test_json_comes_back_gzipped_when_asked(client, member, make_thread):
    """A member's data export, which is JSON."""
    make_thread(member, title="A thread to take away with me")
    client.force_login(member)
    response = client.get(
        "/accounts/settings/my-data.json", HTTP_ACCEPT_ENCODING="gzip"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Encoding"] == "gzip"
    exported = json.loads(gzip.decompress(response.content))
    assert "A thread to take away with me" in json.dumps(exported)


def test_the_gzip_middleware_sits_below_whitenoise_and_above_the_pages():
    """WhiteNoise answers static files before gzip sees them (it sends its own
    compressed copies); everything that writes a page's body runs inside gzip."""
    order = settings.MIDDLEWARE
    gzip_at = order.index("django.middleware.gzip.GZipMiddleware")
    assert order.index("whitenoise.middleware.WhiteNoiseMiddleware") < gzip_at
    for writer in (
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "moderation.middleware.ModerationMiddleware",
    ):
        assert gzip_at < order.index(writer)


def test_production_serves_static_files_compressed_ahead_of_time():
    result = run_python(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['staticfiles']['BACKEND'])",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="kindred.example",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_a_streamed_download_still_arrives_whole_when_compressed(client, operator):
    """The audit log's CSV is streamed; gzip compresses it piece by piece."""
    client.force_login(operator)
    response = client.get(
        "/moderation/audit/", {"format": "csv"}, HTTP_ACCEPT_ENCODING="gzip"
    )
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Encoding"] == "gzip"
    text = gzip.decompress(b"".join(response.streaming_content)).decode()
    assert text.splitlines()[0].startswith("created,actor,kind,")
