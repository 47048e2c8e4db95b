"""A signed-in person's own start page (``/me``)."""
