"""The security baseline every response inherits: its headers and the CSP (the login sessions and
their timeouts are the accounts' :mod:`samverkan.accounts.sessions`).

The Content-Security-Policy allows no inline script or style and no eval; htmx is configured to
match in ``base.html`` (no eval, no inline indicator styles, same-origin requests only, no history
cache in localStorage).
"""
from flask import current_app
from flask_login import current_user

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def init_app(app):
    app.after_request(set_security_headers)


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if not current_app.debug:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if response.mimetype == "text/html":
        # pages and htmx fragments may share a URL: caches must keep them apart
        response.vary.add("HX-Request")
        response.vary.add("HX-History-Restore-Request")
        if current_user.is_authenticated:
            headers.setdefault("Cache-Control", "private, no-store")
    return response
