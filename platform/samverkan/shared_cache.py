"""Figures one worker computed, shared with the other workers (and app servers) through Redis when
``SAMVERKAN_REDIS_URL`` is set.

Only what a key names exactly goes in: a key carries the data stamp's token it was computed under
(:func:`samverkan.initiatives.queries.data_token`), so an entry is never wrong, only no longer asked
for, and expires. Values are JSON, never pickles: whoever can write to Redis must not be able to
run code in the app. If Redis stops answering, each worker computes for itself for a while
(:data:`RETRY_AFTER`) rather than wait on it at every request.
"""
import json
import logging
import time

from flask import current_app

log = logging.getLogger("samverkan.shared_cache")

_EXTENSION = "samverkan.shared_cache"
#: seconds an entry lives (a token no one asks for any more is gone by then)
EXPIRY = 24 * 60 * 60
#: seconds Redis is left alone after it failed
RETRY_AFTER = 30
#: seconds to wait for Redis before computing without it
TIMEOUT = 0.5


class SharedCache:
    def __init__(self, url):
        import redis

        self.errors = redis.RedisError
        self.client = redis.Redis.from_url(url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT)
        self.down_until = 0.0

    def get(self, key):
        """The JSON value under ``key``, or None (absent, or Redis not answering)."""
        if time.monotonic() < self.down_until:
            return None
        try:
            raw = self.client.get(key)
        except self.errors:
            self._failed("read")
            return None
        return json.loads(raw) if raw is not None else None

    def set(self, key, value):
        if time.monotonic() < self.down_until:
            return
        try:
            self.client.set(key, json.dumps(value, separators=(",", ":")), ex=EXPIRY)
        except self.errors:
            self._failed("write")

    def _failed(self, what):
        log.warning("Redis did not answer a %s; computing in this worker for %d s", what, RETRY_AFTER,
                    exc_info=True)
        self.down_until = time.monotonic() + RETRY_AFTER


def init_app(app):
    url = app.config.get("REDIS_URL")
    if url:
        app.extensions[_EXTENSION] = SharedCache(url)


def shared_cache():
    """The app's :class:`SharedCache`, or None when no Redis is configured."""
    return current_app.extensions.get(_EXTENSION)
