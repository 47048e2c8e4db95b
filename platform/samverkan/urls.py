"""URL helpers shared by features (kept out of any feature's views)."""
from urllib.parse import urlsplit


def local_path(target):
    """``target`` if it is a path on this site; anything else (another host, ``//x``) is dropped."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target
