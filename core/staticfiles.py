"""Static file URLs, looked up once per name.

The manifest storage works out a file's hashed URL on every {% static %}: a
manifest lookup, a URL join and quoting. The base layout has ten of them, so every
page paid for them again, although the manifest is read once at start and never
changes while the process runs.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class CachedManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        url = self._urls.get(name)
        if url is None:
            url = self._urls[name] = super().url(name)
        return url
