"""Accounts: password rules and storage, login and logout, sessions and their timeouts, password
reset and change, rate limits, the ``samverkan users`` command, and granting roles in the browser.

Every test that uses the app runs on SQLite and on PostgreSQL (the ``app`` fixture below, built
like conftest's but with e-mail kept in memory).
"""
import hashlib
import re
import time
from datetime import timedelta

import collab
import pytest
from sqlalchemy import select

from conftest import ACCOUNTS, PASSWORD, csrf_token, in_language, login, make_app, request_in
from samverkan.accounts import services
from samverkan.accounts.models import Person, RoleGrant
from samverkan.accounts.passwords import MAX_LENGTH, MIN_LENGTH, common_passwords, password_problem
from samverkan.extensions import db

LEAD = ACCOUNTS["project-lead"][0]
REGION_ADMIN = ACCOUNTS["region-admin"][0]
PLATFORM_ADMIN = ACCOUNTS["platform-admin"][0]
UNKNOWN = "ingen.alls@regionvastmanland.se"
NEW_PASSWORD = "sommarstuga vid sjön i juli"
#: conftest's accounts use the reserved .test domain, which the forms' e-mail check refuses (as
#: email-validator does); the forms that check addresses (reset request, granting a role) get these
ANNA = "anna.berg@regionvastmanland.se"
NEW_EMAIL = "ny@regionvastmanland.se"

#: the generic answer to a failed login, per language
LOGIN_FAILED = {"sv": "E-postadressen eller lösenordet är fel.", "en": "The e-mail address or the password is wrong."}
RESET_SENT = {
    "sv": "Om adressen har ett konto är en länk för att välja nytt lösenord på väg.",
    "en": "If the address has an account, a link to choose a new password is on its way.",
}
TOO_SHORT = {"sv": "Använd minst 12 tecken.", "en": "Use at least 12 characters."}
TOO_LONG = {"sv": "Använd högst 128 tecken.", "en": "Use at most 128 characters."}
TOO_COMMON = {"sv": "Lösenordet är för vanligt. Välj ett annat.", "en": "This password is too common. Choose another."}
TOO_MANY = {"sv": "För många försök", "en": "Too many attempts"}
LINK_BROKEN = "Länken fungerar inte"
#: a refused login as :func:`answer` reads it: a 400 whose one error is the generic message
WRONG_LOGIN = (400, {"password": LOGIN_FAILED["sv"]})


@pytest.fixture
def app_config():
    """E-mail kept in ``app.extensions["samverkan.outbox"]``; a test adds settings with
    ``@pytest.mark.parametrize("app_config", …)``."""
    return {"MAIL_BACKEND": "memory"}


@pytest.fixture
def anna(synced_app):
    """An account with a deliverable-looking address, with :data:`PASSWORD` and no role."""
    with synced_app.app_context():
        services.create_person(ANNA, "Anna Berg", PASSWORD)
        db.session.commit()
    return ANNA


@pytest.fixture(scope="module")
def plain_app(tmp_path_factory):
    """An app for what needs no database: translated messages of the password rules."""
    return make_app(f"sqlite:///{tmp_path_factory.mktemp('plain') / 'samverkan.sqlite'}")


# -- helpers -----------------------------------------------------------------------------------


def person_row(app, email):
    """(password_hash, session_version, role grants) of the account, or None."""
    with app.app_context():
        person = services.find_person(email)
        if person is None:
            return None
        grants = sorted((g.role, g.region.slug if g.region else None) for g in person.grants)
        return person.password_hash, person.session_version, grants


def logout(client):
    return client.post("/logout", data={"csrf_token": csrf_token(client)})


def is_logged_in(client):
    """Whether /account answers the page (200) rather than sending to the login page."""
    response = client.get("/account")
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/login")
        return False
    assert response.status_code == 200, response.status_code
    return True


def change_password(client, current, new, confirm=None, lang=None):
    return (in_language(client, lang) if lang else client).post("/account/password", data={
        "current": current, "password": new, "confirm": new if confirm is None else confirm,
        "csrf_token": csrf_token(client, "/account/password"),
    })


def request_reset(client, email, lang=None):
    return (in_language(client, lang) if lang else client).post("/password-reset",
                                                                data={"email": email, "csrf_token": csrf_token(client, "/password-reset")})


def outbox(app):
    return app.extensions.setdefault("samverkan.outbox", [])


def reset_path(app, email):
    """Ask for a reset link for ``email`` and return its path, read from the e-mail sent."""
    before = len(outbox(app))
    assert request_reset(app.test_client(), email).status_code == 302
    assert len(outbox(app)) == before + 1
    message = outbox(app)[-1]
    assert message["to"] == email
    return re.search(r"http://localhost(/password-reset/\S+)", message["body"]).group(1)


def set_new_password(client, path, password):
    return client.post(path, data={"password": password, "confirm": password, "csrf_token": csrf_token(client, path)})


CSRF_VALUE = re.compile(r'(csrf[-_]token"[^>]*?(?:value|content)=")[^"]+"')


def without_csrf(text):
    """The page with every CSRF token blanked (the token is signed with the time, so it differs)."""
    blanked, count = CSRF_VALUE.subn(r'\1"', text)
    assert count >= 2  # the meta tag and the form's hidden field at least
    return blanked


def answer(response):
    """A refused form's status and field errors, e.g. :data:`WRONG_LOGIN`."""
    return response.status_code, collab.form_errors(response)


def seconds_ago(client, **ages):
    """Move session timestamps (``seen_at=…``, ``login_at=…``) that many seconds into the past."""
    now = int(time.time())
    with client.session_transaction() as sess:
        for key, age in ages.items():
            sess[key] = now - age


# -- passwords ---------------------------------------------------------------------------------


@pytest.mark.parametrize("password", [
    "minhundheter",                  # 12 characters, all lower case: no composition rules
    "Ö" + "a1" * 5 + "!",            # 12 with mixed classes, just as fine
    "rätt häst batteri häftklammer",
    "".join(chr(0x61 + i % 26) for i in range(MAX_LENGTH)),  # exactly 128
])
def test_password_rules_accept(password):
    assert MIN_LENGTH <= len(password) <= MAX_LENGTH
    assert password_problem(password) is None


@pytest.mark.parametrize("password, message", [
    ("minhundhete", TOO_SHORT),                     # 11
    ("", TOO_SHORT),
    ("b" + "".join(chr(0x61 + i % 26) for i in range(MAX_LENGTH)), TOO_LONG),  # 129
    ("password1234", TOO_COMMON),
    ("Password1234", TOO_COMMON),                   # compared without case
    ("qwerty123456", TOO_COMMON),
    ("1q2w3e4r5t6y", TOO_COMMON),
    ("leavemealone", TOO_COMMON),
    ("aaaaaaaaaaaaaaaa", TOO_COMMON),               # one character repeated
])
def test_password_rules_refuse(plain_app, password, message):
    with request_in(plain_app, "en"):
        assert str(password_problem(password)) == message["en"]


def test_the_examples_of_common_passwords_are_in_the_list():
    """The list is Django's; these ≥12-character entries are what the tests above rely on."""
    listed = common_passwords()
    assert len(listed) > 19000
    assert {"password1234", "qwerty123456", "1q2w3e4r5t6y", "leavemealone"} <= listed
    assert "minhundheter" not in listed


def test_password_may_not_be_the_email_address(plain_app):
    with plain_app.test_request_context():
        assert password_problem("lead@regionvastmanland.se", "lead@regionvastmanland.se") is not None
        assert password_problem("leadvastmanla", "leadvastmanla@x.se") is not None
        assert password_problem("leadvastmanla", "someone@x.se") is None


def test_passwords_are_stored_as_scrypt_hashes_and_never_in_plain_text(synced_app, accounts, client):
    # a failed login is logged: without the password typed
    assert answer(login(client, LEAD, "wrong but typed " + PASSWORD)) == WRONG_LOGIN
    assert login(client, LEAD).status_code == 302
    assert change_password(client, PASSWORD, NEW_PASSWORD).status_code == 302
    for email in (LEAD, REGION_ADMIN):
        password_hash = person_row(synced_app, email)[0]
        assert password_hash.startswith("scrypt:")
        assert PASSWORD not in password_hash and NEW_PASSWORD not in password_hash
    # nowhere in the database, in no table (the audit log included)
    with synced_app.app_context():
        dump = []
        for table in db.metadata.sorted_tables:
            dump.extend(str(row) for row in db.session.execute(select(table)))
    dump = "\n".join(dump)
    assert LEAD in dump  # the dump does hold the accounts' rows
    assert PASSWORD not in dump and NEW_PASSWORD not in dump


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("new, message", [
    ("minhundhete", TOO_SHORT),
    ("c" + "".join(chr(0x61 + i % 26) for i in range(MAX_LENGTH)), TOO_LONG),
    ("password1234", TOO_COMMON),
])
def test_a_refused_password_is_a_form_error_in_the_visitors_language(synced_app, accounts, client, lang, new, message):
    assert login(client, LEAD).status_code == 302
    response = change_password(client, PASSWORD, new, lang=None if lang == "sv" else lang)  # Swedish by default
    assert response.status_code == 400
    assert f'<html lang="{lang}">' in response.text
    assert message[lang] in response.text
    assert 'aria-invalid="true"' in response.text
    assert new not in response.text  # a password is never sent back
    client2 = synced_app.test_client()
    assert login(client2, LEAD).status_code == 302  # the old password still works


def test_a_twelve_character_lower_case_phrase_is_accepted_as_new_password(synced_app, accounts, client):
    assert login(client, LEAD).status_code == 302
    assert change_password(client, PASSWORD, "minhundheter").status_code == 302
    assert login(synced_app.test_client(), LEAD, "minhundheter").status_code == 302


def test_the_confirmation_must_match(synced_app, accounts, client):
    assert login(client, LEAD).status_code == 302
    response = change_password(client, PASSWORD, NEW_PASSWORD, confirm=NEW_PASSWORD + "x")
    assert response.status_code == 400
    assert collab.form_errors(response) == {"confirm": "Lösenorden stämmer inte överens."}
    assert answer(login(synced_app.test_client(), LEAD, NEW_PASSWORD)) == WRONG_LOGIN


# -- login -------------------------------------------------------------------------------------


def test_login_succeeds_with_the_right_password(synced_app, accounts, client):
    assert not is_logged_in(client)
    response = login(client, LEAD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/me"  # the person's own start page
    assert is_logged_in(client)
    assert LEAD in client.get("/account").text


def test_login_email_is_not_case_sensitive(synced_app, accounts, client):
    assert login(client, "  Lead@RegionVastmanland.SE ").status_code == 302


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_failed_login_is_400_with_one_generic_message(synced_app, accounts, client, lang):
    response = in_language(client, lang).post("/login", data={
        "email": LEAD, "password": "not the password at all", "csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 400
    assert LOGIN_FAILED[lang] in response.text
    assert "not the password at all" not in response.text
    assert not is_logged_in(client)


def test_failed_login_does_not_tell_whether_the_account_exists(synced_app, accounts, client):
    """Wrong password for an account, and the same e-mail once it has no account: same page."""
    form = {"email": LEAD, "password": "not the password at all"}
    wrong_password = client.post("/login", data={**form, "csrf_token": csrf_token(client, "/login")})
    with synced_app.app_context():  # the address stops having an account
        services.find_person(LEAD).email = "renamed@regionvastmanland.se"
        db.session.commit()
    assert person_row(synced_app, LEAD) is None
    unknown = client.post("/login", data={**form, "csrf_token": csrf_token(client, "/login")})
    assert wrong_password.status_code == unknown.status_code == 400
    assert LOGIN_FAILED["sv"] in unknown.text
    assert without_csrf(wrong_password.text) == without_csrf(unknown.text)
    # and an address that never had one
    never = client.post("/login", data={**form, "email": UNKNOWN, "csrf_token": csrf_token(client, "/login")})
    assert without_csrf(never.text).replace(UNKNOWN, LEAD) == without_csrf(wrong_password.text)


def test_login_redirects_only_to_local_next(synced_app, accounts, client):
    data = {"email": LEAD, "password": PASSWORD, "csrf_token": csrf_token(client, "/login")}
    assert client.post("/login?next=/regions/", data=data).headers["Location"] == "/regions/"
    assert logout(client).status_code == 302
    data["csrf_token"] = csrf_token(client, "/login")
    assert client.post("/login?next=https://evil.example/", data=data).headers["Location"] == "/me"


def test_login_without_csrf_token_is_refused(synced_app, accounts, client):
    response = client.post("/login", data={"email": LEAD, "password": PASSWORD})
    assert response.status_code == 400
    assert collab.heading(response) == collab.FORM_EXPIRED
    assert collab.refusals(synced_app)[-1] == "CSRF: The CSRF token is missing."
    assert not is_logged_in(client)


def test_a_deactivated_account_cannot_log_in_and_its_sessions_end(synced_app, accounts, client):
    assert login(client, LEAD).status_code == 302
    with synced_app.app_context():
        services.find_person(LEAD).active = False
        db.session.commit()
    assert not is_logged_in(client)
    response = login(client, LEAD)
    assert response.status_code == 400
    assert LOGIN_FAILED["sv"] in response.text


# -- the session -------------------------------------------------------------------------------


def test_login_starts_a_new_session_keeping_only_the_language(synced_app, accounts, client):
    client.get("/login")
    with client.session_transaction() as sess:
        sess["planted"] = "by someone else"
        sess["lang"] = "en"
        csrf_before = sess.get("csrf_token")
    assert csrf_before
    assert login(client, LEAD).status_code == 302
    with client.session_transaction() as sess:
        assert "planted" not in sess
        assert sess.get("csrf_token") != csrf_before
        assert sess["lang"] == "en"
        assert sess["_user_id"].startswith(f"{person_id(synced_app, LEAD)}.")
    assert '<html lang="en">' in client.get("/account").text


def person_id(app, email):
    with app.app_context():
        return services.find_person(email).id


def test_logout_ends_the_session_even_for_a_copy_of_its_cookie(synced_app, accounts, client):
    assert login(client, LEAD).status_code == 302
    captured = client.get_cookie("session").value
    copy = synced_app.test_client()
    copy.set_cookie("session", captured)
    assert is_logged_in(copy)  # the cookie alone is the session

    response = logout(client)
    assert response.status_code == 302
    assert "Du är utloggad." in client.get(response.headers["Location"]).text
    assert not is_logged_in(client)

    client.set_cookie("session", captured)
    assert not is_logged_in(client)
    replay = synced_app.test_client()
    replay.set_cookie("session", captured)
    assert not is_logged_in(replay)
    assert not is_logged_in(copy)  # every device


def test_logout_needs_a_post_with_csrf_token(synced_app, accounts, client):
    assert login(client, LEAD).status_code == 302
    assert client.get("/logout").status_code == 405
    refused = client.post("/logout")
    assert refused.status_code == 400
    assert collab.heading(refused) == collab.FORM_EXPIRED
    assert collab.refusals(synced_app)[-1] == "CSRF: The CSRF token is missing."
    assert is_logged_in(client)


def test_the_remember_cookie_logs_in_alone_until_logout(synced_app, accounts, client):
    assert login(client, LEAD, remember=True).status_code == 302
    remember = client.get_cookie("remember_token")
    assert remember is not None
    captured = remember.value

    restarted = synced_app.test_client()  # a browser restart: the session cookie is gone
    restarted.set_cookie("remember_token", captured)
    assert is_logged_in(restarted)
    assert is_logged_in(restarted)

    assert logout(client).status_code == 302
    assert client.get_cookie("remember_token") is None
    client.set_cookie("remember_token", captured)
    assert not is_logged_in(client)
    replay = synced_app.test_client()
    replay.set_cookie("remember_token", captured)
    assert not is_logged_in(replay)
    assert not is_logged_in(restarted)


def test_without_remember_me_there_is_no_remember_cookie(synced_app, accounts, client):
    assert login(client, LEAD).status_code == 302
    assert client.get_cookie("remember_token") is None


def test_idle_session_is_logged_out(synced_app, accounts, client):
    idle = synced_app.config["SESSION_IDLE_TIMEOUT"]
    assert login(client, LEAD).status_code == 302
    with client.session_transaction() as sess:
        sess["lang"] = "en"
    seconds_ago(client, seen_at=idle - 60)
    assert is_logged_in(client)  # and that request counts as activity:
    with client.session_transaction() as sess:
        assert sess["seen_at"] >= int(time.time()) - 5
    seconds_ago(client, seen_at=idle + 5)
    assert not is_logged_in(client)
    assert not is_logged_in(client)
    with client.session_transaction() as sess:
        assert "_user_id" not in sess and "login_at" not in sess
        assert sess["lang"] == "en"


def test_a_session_ends_after_its_absolute_lifetime_however_active(synced_app, accounts, client):
    lifetime = synced_app.config["SESSION_ABSOLUTE_LIFETIME"]
    assert login(client, LEAD).status_code == 302
    seconds_ago(client, login_at=lifetime - 60, seen_at=0)
    assert is_logged_in(client)
    seconds_ago(client, login_at=lifetime + 5, seen_at=0)
    assert not is_logged_in(client)


def test_a_remembered_session_has_no_idle_timeout_but_ends_with_the_remember_duration(synced_app, accounts, client):
    config = synced_app.config
    duration = int(config["REMEMBER_COOKIE_DURATION"].total_seconds())
    assert duration > config["SESSION_ABSOLUTE_LIFETIME"]
    assert login(client, LEAD, remember=True).status_code == 302
    seconds_ago(client, login_at=config["SESSION_ABSOLUTE_LIFETIME"] + 60,
                seen_at=config["SESSION_IDLE_TIMEOUT"] * 10)
    assert is_logged_in(client)
    seconds_ago(client, login_at=duration - 60, seen_at=duration - 60)
    assert is_logged_in(client)
    seconds_ago(client, login_at=duration + 5)
    assert not is_logged_in(client)
    # the remember cookie goes with it: it must not log the session straight back in
    assert client.get_cookie("remember_token") is None
    assert not is_logged_in(client)


# -- password change ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang, text", [("sv", "Det nuvarande lösenordet är fel."), ("en", "The current password is wrong.")])
def test_password_change_with_a_wrong_current_password_is_refused(synced_app, accounts, client, lang, text):
    assert login(client, LEAD).status_code == 302
    before = person_row(synced_app, LEAD)
    response = change_password(client, "not the current one", NEW_PASSWORD, lang=lang)
    assert response.status_code == 400
    assert text in response.text
    assert person_row(synced_app, LEAD) == before
    assert is_logged_in(client)


def test_password_change_ends_other_sessions_but_not_this_one(synced_app, accounts, client):
    other = synced_app.test_client()
    assert login(client, LEAD).status_code == 302
    assert login(other, LEAD, remember=True).status_code == 302
    assert is_logged_in(other)
    remember = other.get_cookie("remember_token").value

    response = change_password(client, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    assert "Ditt lösenord är bytt." in client.get("/account").text
    assert is_logged_in(client)
    assert not is_logged_in(other)
    restarted = synced_app.test_client()
    restarted.set_cookie("remember_token", remember)
    assert not is_logged_in(restarted)

    assert person_row(synced_app, LEAD)[0].startswith("scrypt:")
    assert answer(login(synced_app.test_client(), LEAD, PASSWORD)) == WRONG_LOGIN
    assert login(synced_app.test_client(), LEAD, NEW_PASSWORD).status_code == 302


def test_password_change_needs_a_login(synced_app, accounts, client):
    response = client.get("/account/password")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


# -- password reset ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_reset_request_answers_the_same_for_known_and_unknown_addresses(synced_app, anna, lang):
    answers = []
    for email in (ANNA, UNKNOWN):
        visitor = synced_app.test_client()
        response = request_reset(visitor, email, lang=lang)
        assert response.status_code == 302
        page = in_language(visitor, lang).get(response.headers["Location"])
        assert RESET_SENT[lang] in page.text
        answers.append((response.headers["Location"], without_csrf(page.text)))
    assert answers[0] == answers[1]
    assert answers[0][0] == "/login"
    assert [message["to"] for message in outbox(synced_app)] == [ANNA]


def test_reset_request_with_a_malformed_address_is_a_form_error(synced_app, client):
    response = request_reset(client, "not an address")
    assert answer(response) == (400, {"email": "Felaktig epost-adress."})
    assert outbox(synced_app) == []


def test_reset_link_sets_a_new_password_once(synced_app, anna, client):
    path = reset_path(synced_app, ANNA)
    page = client.get(path)
    assert page.status_code == 200
    response = set_new_password(client, path, NEW_PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert "Ditt nya lösenord är sparat." in client.get("/login").text
    assert person_row(synced_app, ANNA)[0].startswith("scrypt:")

    again = client.get(path)
    assert again.status_code == 400
    assert LINK_BROKEN in again.text
    second = synced_app.test_client()
    refused = second.post(path, data={"password": "ett helt annat lösenord", "confirm": "ett helt annat lösenord",
                                      "csrf_token": csrf_token(second)})
    assert refused.status_code == 400
    assert LINK_BROKEN in refused.text

    assert answer(login(synced_app.test_client(), ANNA, PASSWORD)) == WRONG_LOGIN
    assert answer(login(synced_app.test_client(), ANNA, "ett helt annat lösenord")) == WRONG_LOGIN
    assert login(synced_app.test_client(), ANNA, NEW_PASSWORD).status_code == 302


def test_reset_link_applies_the_password_rules(synced_app, anna, client):
    path = reset_path(synced_app, ANNA)
    response = set_new_password(client, path, "password1234")
    assert response.status_code == 400
    assert TOO_COMMON["sv"] in response.text
    assert client.get(path).status_code == 200  # a refused attempt does not use the link up


def test_reset_ends_existing_sessions(synced_app, anna, client):
    device = synced_app.test_client()
    assert login(device, ANNA, remember=True).status_code == 302
    remember = device.get_cookie("remember_token").value
    assert is_logged_in(device)
    assert set_new_password(client, reset_path(synced_app, ANNA), NEW_PASSWORD).status_code == 302
    assert not is_logged_in(device)
    restarted = synced_app.test_client()
    restarted.set_cookie("remember_token", remember)
    assert not is_logged_in(restarted)


def test_a_password_change_uses_up_every_earlier_reset_link(synced_app, anna, client):
    first, second = reset_path(synced_app, ANNA), reset_path(synced_app, ANNA)
    assert first != second
    assert client.get(first).status_code == client.get(second).status_code == 200
    assert login(client, ANNA).status_code == 302
    assert change_password(client, PASSWORD, NEW_PASSWORD).status_code == 302
    for path in (first, second):
        response = synced_app.test_client().get(path)
        assert response.status_code == 400
        assert LINK_BROKEN in response.text


def test_a_used_reset_link_uses_up_the_others_too(synced_app, anna, client):
    first, second = reset_path(synced_app, ANNA), reset_path(synced_app, ANNA)
    assert set_new_password(client, second, NEW_PASSWORD).status_code == 302
    for path in (first, second):
        response = client.get(path)
        assert response.status_code == 400
        assert LINK_BROKEN in response.text


def test_an_expired_reset_link_is_refused(synced_app, anna, client):
    from samverkan.accounts.models import PasswordResetToken
    from samverkan.times import utcnow

    path = reset_path(synced_app, ANNA)
    with synced_app.app_context():
        row = db.session.execute(select(PasswordResetToken)).scalar_one()
        assert abs((row.expires_at - row.created_at).total_seconds() - services.RESET_MAX_AGE) < 1
        row.expires_at = utcnow() + timedelta(seconds=30)  # still valid a little longer
        db.session.commit()
    assert client.get(path).status_code == 200
    with synced_app.app_context():
        db.session.execute(select(PasswordResetToken)).scalar_one().expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    expired = client.get(path)
    assert expired.status_code == 400
    assert LINK_BROKEN in expired.text
    refused = set_new_password(client, path, NEW_PASSWORD)
    assert refused.status_code == 400
    assert LINK_BROKEN in refused.text
    assert answer(login(synced_app.test_client(), ANNA, NEW_PASSWORD)) == WRONG_LOGIN


def test_a_reset_link_is_opaque_stored_hashed_and_cannot_be_guessed_from_a_neighbour(synced_app, anna, client):
    from samverkan.accounts.models import PasswordResetToken

    path = reset_path(synced_app, ANNA)
    token = path.rsplit("/", 1)[1]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)  # 32 random bytes, nothing readable in it
    with synced_app.app_context():
        person = services.find_person(ANNA)
        row = db.session.execute(select(PasswordResetToken)).scalar_one()
        assert row.person_id == person.id
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in row.token_hash and person.password_hash[-16:] not in token
    flipped = ("A" if token[0] != "A" else "B") + token[1:]
    for bad in (flipped, token[:-1], token + "x", "nonsense", "x" * 500):
        response = client.get(f"/password-reset/{bad}")
        assert response.status_code == 400, bad
        assert LINK_BROKEN in response.text
    assert client.get(path).status_code == 200  # the real one still works


def test_a_person_without_a_password_sets_one_through_a_reset_link(synced_app, client):
    with synced_app.app_context():
        services.create_person(NEW_EMAIL, "Ny Person")
        db.session.commit()
    assert person_row(synced_app, NEW_EMAIL)[0] is None
    assert answer(login(client, NEW_EMAIL, NEW_PASSWORD)) == WRONG_LOGIN  # no password matches none
    path = reset_path(synced_app, NEW_EMAIL)
    assert set_new_password(client, path, NEW_PASSWORD).status_code == 302
    assert login(client, NEW_EMAIL, NEW_PASSWORD).status_code == 302


# -- rate limits -------------------------------------------------------------------------------


@pytest.mark.parametrize("app_config", [{"MAIL_BACKEND": "memory", "LOGIN_ADDRESS_RATE_LIMIT": "3 per minute"}])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_flood_of_logins_from_an_address_gets_429_in_the_visitors_language(synced_app, accounts, client, lang):
    """The hard limit per address (a hammered account alone only asks for a mailed link: see
    test_accounts_hardening.py)."""
    in_language(client, lang)
    statuses = []
    for attempt in range(5):
        response = client.post("/login", data={
            "email": LEAD, "password": f"wrong guess {attempt}", "csrf_token": csrf_token(client, "/login")})
        statuses.append(response.status_code)
    assert statuses == [400, 400, 400, 429, 429]
    assert TOO_MANY[lang] in response.text
    assert f'<html lang="{lang}">' in response.text
    assert 0 < int(response.headers["Retry-After"]) <= 60
    # the right password does not get through either, while the flood limit lasts
    limited = login(in_language(client, "sv"), LEAD)
    assert limited.status_code == 429
    assert collab.heading(limited) == collab.TOO_MANY
    assert not is_logged_in(client)
    assert client.get("/login").status_code == 200  # only posting is limited


@pytest.mark.parametrize("app_config", [{"MAIL_BACKEND": "memory", "RESET_RATE_LIMIT": "3 per minute"}])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_too_many_reset_requests_get_429_in_the_visitors_language(synced_app, anna, client, lang):
    statuses = [request_reset(client, email, lang=lang).status_code for email in (ANNA, UNKNOWN, ANNA, ANNA, UNKNOWN)]
    assert statuses == [302, 302, 302, 429, 429]
    response = request_reset(client, ANNA, lang=lang)
    assert response.status_code == 429
    assert TOO_MANY[lang] in response.text
    assert f'<html lang="{lang}">' in response.text
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert len(outbox(synced_app)) == 2


# -- the command line --------------------------------------------------------------------------


def cli(app, *args, input=None):
    return app.test_cli_runner().invoke(args=["users", *args], input=input)


def test_cli_creates_a_user_with_a_regional_role(synced_app):
    result = cli(synced_app, "create", "--email", "Ny@Regionvastmanland.se", "--name", "Ny Person",
                 "--role", "project-lead", "--region", "vastmanland", "--password", NEW_PASSWORD)
    assert result.exit_code == 0, result.output
    assert NEW_EMAIL in result.output
    password_hash, _version, grants = person_row(synced_app, NEW_EMAIL)
    assert password_hash.startswith("scrypt:") and NEW_PASSWORD not in password_hash
    assert grants == [("project-lead", "vastmanland")]
    assert login(synced_app.test_client(), NEW_EMAIL, NEW_PASSWORD).status_code == 302


def test_cli_creates_a_user_with_a_platform_role_and_no_region(synced_app):
    result = cli(synced_app, "create", "--email", "analys@myndighet.se", "--name", "Analytiker",
                 "--role", "national-analyst", "--password", NEW_PASSWORD)
    assert result.exit_code == 0, result.output
    assert person_row(synced_app, "analys@myndighet.se")[2] == [("national-analyst", None)]


def test_cli_prompts_for_the_password_twice(synced_app):
    result = cli(synced_app, "create", "--email", NEW_EMAIL, "--name", "Ny",
                 input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "Password" in result.output
    assert NEW_PASSWORD not in result.output  # hidden input
    assert login(synced_app.test_client(), NEW_EMAIL, NEW_PASSWORD).status_code == 302


def test_cli_prompt_refuses_a_mismatched_repeat(synced_app):
    result = cli(synced_app, "create", "--email", NEW_EMAIL, "--name", "Ny",
                 input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}x\n")
    assert result.exit_code != 0
    assert person_row(synced_app, NEW_EMAIL) is None


@pytest.mark.parametrize("password, message", [
    ("kort lösen", TOO_SHORT["en"]),
    ("password1234", TOO_COMMON["en"]),
    (NEW_EMAIL, "e-mail address"),
])
@pytest.mark.parametrize("prompted", [False, True])
def test_cli_refuses_a_bad_password_and_creates_nothing(synced_app, password, message, prompted):
    args = ["create", "--email", NEW_EMAIL, "--name", "Ny", "--role", "member", "--region", "vastmanland"]
    if prompted:
        result = cli(synced_app, *args, input=f"{password}\n{password}\n")
    else:
        result = cli(synced_app, *args, "--password", password)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "--password" in result.output
    assert message in result.output
    assert person_row(synced_app, NEW_EMAIL) is None


def test_cli_refuses_an_unknown_region_naming_the_option(synced_app):
    result = cli(synced_app, "create", "--email", NEW_EMAIL, "--name", "Ny", "--role", "member",
                 "--region", "atlantis", "--password", NEW_PASSWORD)
    assert result.exit_code == 2
    assert "--region" in result.output and "atlantis" in result.output
    assert person_row(synced_app, NEW_EMAIL) is None


def test_cli_refuses_a_regional_role_without_region(synced_app):
    result = cli(synced_app, "create", "--email", NEW_EMAIL, "--name", "Ny", "--role", "region-admin",
                 "--password", NEW_PASSWORD)
    assert result.exit_code == 2
    assert "needs a region" in result.output
    assert person_row(synced_app, NEW_EMAIL) is None


def test_cli_refuses_a_region_for_a_platform_role(synced_app):
    result = cli(synced_app, "create", "--email", NEW_EMAIL, "--name", "Ny", "--role", "platform-admin",
                 "--region", "vastmanland", "--password", NEW_PASSWORD)
    assert result.exit_code == 2
    assert "has no region" in result.output
    assert person_row(synced_app, NEW_EMAIL) is None


def test_cli_refuses_an_unknown_role(synced_app):
    result = cli(synced_app, "create", "--email", NEW_EMAIL, "--name", "Ny", "--role", "king",
                 "--password", NEW_PASSWORD)
    assert result.exit_code == 2
    assert "--role" in result.output
    assert person_row(synced_app, NEW_EMAIL) is None


def test_cli_refuses_a_duplicate_email(synced_app, accounts):
    before = person_row(synced_app, LEAD)
    result = cli(synced_app, "create", "--email", LEAD.upper(), "--name", "Again", "--password", NEW_PASSWORD)
    assert result.exit_code == 2
    assert "already has an account" in result.output
    assert person_row(synced_app, LEAD) == before
    with synced_app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Person)) == len(ACCOUNTS)


def test_cli_grant_revoke_and_list(synced_app, accounts):
    email = ACCOUNTS["no-role"][0]
    result = cli(synced_app, "grant", "--email", email, "--role", "member", "--region", "vasternorrland")
    assert result.exit_code == 0, result.output
    assert person_row(synced_app, email)[2] == [("member", "vasternorrland")]
    again = cli(synced_app, "grant", "--email", email, "--role", "member", "--region", "vasternorrland")
    assert again.exit_code == 0  # granting twice changes nothing
    assert person_row(synced_app, email)[2] == [("member", "vasternorrland")]
    result = cli(synced_app, "grant", "--email", email, "--role", "national-analyst")
    assert result.exit_code == 0, result.output

    listing = cli(synced_app, "list")
    assert listing.exit_code == 0
    lines = {line.split("\t")[0]: line.split("\t") for line in listing.output.splitlines()}
    assert set(lines) == {e for e, _r, _s in ACCOUNTS.values()}
    assert lines[email][1] == "nobody"
    assert set(lines[email][2].split(", ")) == {"member@vasternorrland", "national-analyst"}
    assert lines[PLATFORM_ADMIN][2] == "platform-admin"
    assert lines[LEAD][2] == "project-lead@vastmanland"
    assert PASSWORD not in listing.output and "scrypt" not in listing.output

    result = cli(synced_app, "revoke", "--email", email, "--role", "member", "--region", "vasternorrland")
    assert result.exit_code == 0, result.output
    assert person_row(synced_app, email)[2] == [("national-analyst", None)]
    missing = cli(synced_app, "revoke", "--email", email, "--role", "member", "--region", "vasternorrland")
    assert missing.exit_code == 2
    assert "does not have the role" in missing.output
    wrong_region = cli(synced_app, "revoke", "--email", LEAD, "--role", "project-lead", "--region", "vasternorrland")
    assert wrong_region.exit_code == 2
    assert person_row(synced_app, LEAD)[2] == [("project-lead", "vastmanland")]


def test_cli_grant_to_an_unknown_email_names_the_option(synced_app):
    result = cli(synced_app, "grant", "--email", UNKNOWN, "--role", "national-analyst")
    assert result.exit_code == 2
    assert "--email" in result.output and UNKNOWN in result.output
    assert person_row(synced_app, UNKNOWN) is None


def test_cli_list_of_an_empty_database_is_empty(synced_app):
    result = cli(synced_app, "list")
    assert result.exit_code == 0
    assert result.output == ""


# -- granting roles in the browser -------------------------------------------------------------


def grant(client, url, **data):
    return client.post(url, data={"name": "", **data, "csrf_token": csrf_token(client, url)})


def test_region_admin_grants_project_lead_to_a_new_email(synced_app, accounts, client):
    assert login(client, REGION_ADMIN).status_code == 302
    response = grant(client, "/regions/vastmanland/people", email="Ny.Ledare@Regionvastmanland.se",
                     name="Ny Ledare", role="project-lead")
    assert response.status_code == 302
    assert response.headers["Location"] == "/regions/vastmanland/people"
    page = client.get("/regions/vastmanland/people")
    assert "Ny Ledare" in page.text
    password_hash, _version, grants = person_row(synced_app, "ny.ledare@regionvastmanland.se")
    assert password_hash is None  # they choose one through a reset link
    assert grants == [("project-lead", "vastmanland")]
    with synced_app.app_context():
        grant_row = db.session.execute(select(RoleGrant).join(Person, RoleGrant.person_id == Person.id)
                                       .where(Person.email == "ny.ledare@regionvastmanland.se")).scalar_one()
        assert grant_row.granted_by_id == services.find_person(REGION_ADMIN).id
    assert answer(login(synced_app.test_client(), "ny.ledare@regionvastmanland.se", PASSWORD)) == WRONG_LOGIN


def test_the_grant_form_always_needs_a_name(synced_app, accounts, anna, client):
    """Asked for known and unknown addresses alike: the form does not tell which has an account."""
    assert login(client, REGION_ADMIN).status_code == 302
    before = person_row(synced_app, ANNA)
    for email in (NEW_EMAIL, ANNA):
        response = grant(client, "/regions/vastmanland/people", email=email, role="member")
        assert response.status_code == 400
        assert 'id="name-error"' in response.text
    assert person_row(synced_app, NEW_EMAIL) is None
    assert person_row(synced_app, ANNA) == before


def test_region_admin_is_not_offered_platform_roles_and_cannot_post_them(synced_app, accounts, anna, client):
    assert login(client, PLATFORM_ADMIN).status_code == 302
    assert 'value="platform-admin"' in client.get("/admin/people").text  # where it is offered
    logout(client)

    assert login(client, REGION_ADMIN).status_code == 302
    page = client.get("/regions/vastmanland/people")
    assert page.status_code == 200
    assert 'value="project-lead"' in page.text
    assert 'value="platform-admin"' not in page.text and 'value="national-analyst"' not in page.text

    with synced_app.app_context():
        grants_before = db.session.scalar(select(db.func.count()).select_from(RoleGrant))
        people_before = db.session.scalar(select(db.func.count()).select_from(Person))
    for email, name in ((ANNA, "Anna"), (NEW_EMAIL, "Ny")):
        for role in ("platform-admin", "national-analyst"):
            response = grant(client, "/regions/vastmanland/people", email=email, name=name, role=role)
            assert response.status_code == 400, (email, role)
            assert 'id="role-error"' in response.text  # the role is what is wrong, nothing else
            assert 'id="email-error"' not in response.text and 'id="name-error"' not in response.text
    # the same form with a role it offers goes through (so the refusals above are the role's)
    assert grant(client, "/regions/vastmanland/people", email=ANNA, name="Anna", role="member").status_code == 302
    assert person_row(synced_app, ANNA)[2] == [("member", "vastmanland")]
    with synced_app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(RoleGrant)) == grants_before + 1
        assert db.session.scalar(select(db.func.count()).select_from(Person)) == people_before
    assert person_row(synced_app, NEW_EMAIL) is None
    assert person_row(synced_app, REGION_ADMIN)[2] == [("region-admin", "vastmanland")]
    assert client.get("/admin/people").status_code == 403
    assert collab.refusals(synced_app)[-1] == "platform.grant-roles (nothing to decide on)"


def test_region_admin_cannot_grant_in_another_region(synced_app, accounts, client):
    assert login(client, REGION_ADMIN).status_code == 302
    response = grant(client, "/regions/vasternorrland/people", email=NEW_EMAIL, name="Ny",
                     role="project-lead")
    assert response.status_code == 403
    assert collab.refusals(synced_app)[-1] == "region.grant-roles"
    assert person_row(synced_app, NEW_EMAIL) is None


def test_cli_refuses_an_invalid_email_and_creates_nothing(synced_app):
    result = cli(synced_app, "create", "--email", "inte en adress", "--name", "Ny", "--password", NEW_PASSWORD)
    assert result.exit_code == 2, result.output
    assert "'inte en adress' is not a valid e-mail address" in result.output
    assert person_row(synced_app, "inte en adress") is None
