"""Static URLs come from the manifest, looked up once per name."""

import json

import pytest

from core.staticfiles import CachedManifestStaticFilesStorage


@pytest.fixture
def storage(tmp_path):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps(
            {
                "version": "1.1",
                "hash": "x",
                "paths": {"css/site.css": "css/site.4f2a.css"},
            }
        )
    )
    return CachedManifestStaticFilesStorage(location=tmp_path, base_url="/static/")


def test_a_url_is_the_hashed_name_from_the_manifest(storage):
    assert storage.url("css/site.css") == "/static/css/site.4f2a.css"
    assert storage.url("css/site.css") == "/static/css/site.4f2a.css"


def test_the_manifest_is_not_consulted_again_for_a_name_already_seen(storage):
    storage.url("css/site.css")
    storage.hashed_files.clear()
    assert storage.url("css/site.css") == "/static/css/site.4f2a.css"


def test_a_file_missing_from_the_manifest_is_still_refused_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("js/nowhere.js")
