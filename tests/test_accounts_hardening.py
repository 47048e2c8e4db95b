"""Issue 6's hardening of accounts: equal work on every login and reset path, login limits per
account and address, a grant form that does not tell who has an account, deactivation, the last
platform admin, confirmation pages, SMTP, and the audit log in words."""
import re
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import collab
import pytest
from sqlalchemy import func, select

from conftest import ACCOUNTS, PASSWORD, csrf_token, in_language, login, make_app
from samverkan.accounts import services
from samverkan.accounts.models import Person, RoleGrant
from samverkan.times import utcnow
from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.mail import MailConfigError
from test_authorization import member_grant_id, signed_in_client

MEMBER = ACCOUNTS["member"][0]
LEAD = ACCOUNTS["project-lead"][0]
REGION_ADMIN = ACCOUNTS["region-admin"][0]
PLATFORM_ADMIN = ACCOUNTS["platform-admin"][0]
OTHER_MEMBER = ACCOUNTS["other-member"][0]
ANNA = "anna.berg@regionvastmanland.se"
LOGIN_FAILED = "E-postadressen eller lösenordet är fel."
QUICK = "scrypt:1024:8:1"


@pytest.fixture
def app_config():
    return {"MAIL_BACKEND": "memory", "PASSWORD_HASH_METHOD": QUICK}


def outbox(app):
    return app.extensions.setdefault("samverkan.outbox", [])


def post_form(client, url, **data):
    return client.post(url, data={**data, "csrf_token": csrf_token(client)})


def person(app, email):
    with app.app_context():
        found = services.find_person(email)
        return None if found is None else {"id": found.id, "active": found.active, "name": found.name,
                                           "grants": sorted((g.role, g.region_id) for g in found.grants)}


# -- equal work --------------------------------------------------------------------------------


@pytest.fixture
def hash_checks(monkeypatch):
    """Counts the password hash checks of the login service."""
    import samverkan.accounts.services as module

    checked = []
    real = module.check_password_hash

    def counting(stored, password):
        checked.append(stored.split("$")[0])
        return real(stored, password)

    monkeypatch.setattr(module, "check_password_hash", counting)
    return checked


def test_every_login_path_checks_one_hash_of_the_same_method(synced_app, accounts, hash_checks):
    with synced_app.app_context():
        services.create_person("utan.losenord@regionvastmanland.se", "Utan Lösenord")
        services.find_person(LEAD).active = False
        db.session.commit()
    cases = {
        "unknown": ("ingen@regionvastmanland.se", "ett fel lösenord här"),
        "no password yet": ("utan.losenord@regionvastmanland.se", "ett fel lösenord här"),
        "deactivated": (LEAD, PASSWORD),
        "wrong password": (MEMBER, "ett fel lösenord här"),
    }
    pages = {}
    for case, (email, password) in cases.items():
        before = len(hash_checks)
        response = login(synced_app.test_client(), email, password)
        assert response.status_code == 400, case
        assert LOGIN_FAILED in response.text
        assert len(hash_checks) == before + 1, case
        pages[case] = re.sub(r'value="[^"]*"', "", response.text).replace(email, "E")
    assert len(set(hash_checks)) == 1  # one method and cost for real and dummy hashes alike
    assert hash_checks[0] == QUICK
    assert len({re.sub(r'content="[^"]*"', "", page) for page in pages.values()}) == 1
    assert login(synced_app.test_client(), MEMBER).status_code == 302
    assert len(hash_checks) == len(cases) + 1


def test_reset_makes_a_token_and_a_message_for_unknown_addresses_too(synced_app, accounts, monkeypatch):
    import samverkan.accounts.services as module
    import samverkan.mail as mail

    tokens, composed = [], []
    real_token, real_compose = module.new_reset_token, mail.compose
    monkeypatch.setattr(module, "new_reset_token", lambda: tokens.append(1) or real_token())
    monkeypatch.setattr(mail, "compose", lambda *a: composed.append(a[0]) or real_compose(*a))
    with synced_app.app_context():
        services.create_person(ANNA, "Anna Berg", PASSWORD)
        db.session.commit()
    for email in (ANNA, "ingen.alls@regionvastmanland.se"):
        response = post_form(synced_app.test_client(), "/password-reset", email=email)
        assert response.status_code == 302
    assert len(tokens) == 2 and composed == [ANNA, "ingen.alls@regionvastmanland.se"]
    assert [message["to"] for message in outbox(synced_app)] == [ANNA]  # sent for the account only
    with synced_app.app_context():
        logged = db.session.scalars(select(AuditEvent).filter_by(action="password-reset-requested")
                                    .order_by(AuditEvent.id)).all()
    assert [event.object_id is not None for event in logged] == [True, False]


# -- rate limits -------------------------------------------------------------------------------


#: the failure limit per account and address in these tests, and the flood limit per address
HAMMERED = {"MAIL_BACKEND": "memory", "PASSWORD_HASH_METHOD": QUICK,
            "LOGIN_RATE_LIMIT": "3 per minute", "LOGIN_ADDRESS_RATE_LIMIT": "100 per minute"}
LINK_SENT = "Titta i din e-post"
LINK_PATH = re.compile(r"http://localhost(/login/link/([\w-]+))")


def logged_in_id(client):
    with client.session_transaction() as session:
        return session.get("_user_id")


def hammer(app, email, times):
    """``times`` wrong passwords for ``email`` from the test client's address; their statuses."""
    return [login(app.test_client(), email, f"gissning nummer {n}").status_code for n in range(times)]


def login_links(app):
    from samverkan.accounts.models import LoginLink

    with app.app_context():
        return [(link.person.email, link.token_hash, link.used_at) for link in
                db.session.scalars(select(LoginLink).order_by(LoginLink.id))]


@pytest.mark.parametrize("app_config", [HAMMERED])
def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out(synced_app, accounts):
    """The probe's finding: five wrong passwords from an address answered 429 to the owner's right
    password from there for up to an hour. Now the right password still gets in, through a link
    mailed to the account's address; the guesser gains nothing and locks nobody out."""
    assert hammer(synced_app, MEMBER, 3) == [400, 400, 400]
    # past the limit a wrong password gets the page about the mailed link, and no mail goes out
    guess = login(synced_app.test_client(), MEMBER, "gissning nummer 4")
    assert guess.status_code == 200 and LINK_SENT in guess.text
    assert outbox(synced_app) == []
    # the owner, at the same address, with the right password: the same page, not logged in …
    owner = synced_app.test_client()
    answer = login(owner, MEMBER)
    assert answer.status_code == 200 and LINK_SENT in answer.text
    assert logged_in_id(owner) is None
    # … and a sign-in link in the owner's mailbox, stored only as its hash
    (message,) = outbox(synced_app)
    assert message["to"] == MEMBER and "15 minuter" in message["body"]
    path, token = LINK_PATH.search(message["body"]).groups()
    assert login_links(synced_app) == [(MEMBER, services.token_hash(token), None)]
    # opening the link (or a mail scanner following it) shows a button and uses nothing up
    page = owner.get(path)
    assert page.status_code == 200 and logged_in_id(owner) is None
    assert login_links(synced_app)[0][2] is None
    confirmed = owner.post(path, data={"csrf_token": csrf_token(owner, path)})
    assert confirmed.status_code == 302 and confirmed.headers["Location"] == "/me"
    assert logged_in_id(owner) is not None and owner.get("/account").status_code == 200
    with synced_app.app_context():
        event = db.session.scalars(select(AuditEvent).filter_by(action="login").order_by(AuditEvent.id.desc())).first()
        assert collab.actor_email(synced_app, event) == MEMBER and event.detail == "through an e-mailed sign-in link"
        assert event.path == "/login/link/<token>"  # the log never holds the link itself
    # used once
    again = synced_app.test_client()
    assert again.get(path).status_code == 400
    assert again.post(path, data={"csrf_token": csrf_token(again)}).status_code == 400
    # nobody else is touched: a colleague at the same address, and the owner elsewhere, log in as usual
    assert login(synced_app.test_client(), LEAD).status_code == 302
    elsewhere = synced_app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert login(elsewhere, MEMBER).status_code == 302


@pytest.mark.parametrize("app_config", [HAMMERED])
def test_past_the_limit_the_answer_does_not_tell_whether_the_password_was_right(synced_app, accounts,
                                                                                 hash_checks, monkeypatch):
    """The same page, one password hash checked and one token made either way: whoever guesses on
    past the limit cannot tell a right guess from a wrong one by the answer or its time."""
    import samverkan.accounts.services as module

    tokens = []
    real_token = module.new_reset_token
    monkeypatch.setattr(module, "new_reset_token", lambda: tokens.append(1) or real_token())
    hammer(synced_app, MEMBER, 3)
    pages = {}
    for case, password in (("wrong", "ännu en gissning"), ("right", PASSWORD)):
        checked, made = len(hash_checks), len(tokens)
        response = login(synced_app.test_client(), MEMBER, password)
        assert response.status_code == 200, case
        assert len(hash_checks) == checked + 1 and len(tokens) == made + 1, case
        pages[case] = re.sub(r'(content|value)="[^"]*"', "", response.text)  # the CSRF tokens
    assert pages["wrong"] == pages["right"]
    assert [message["to"] for message in outbox(synced_app)] == [MEMBER]  # only the right one sent


@pytest.mark.parametrize("app_config", [HAMMERED])
def test_the_owners_own_logins_never_use_up_the_limit(synced_app, accounts):
    """Only failures count: a person who logs in often from one place never needs the link."""
    assert [login(synced_app.test_client(), MEMBER).status_code for _ in range(6)] == [302] * 6
    assert hammer(synced_app, MEMBER, 2) == [400, 400]  # still two failures from the limit of 3
    assert login(synced_app.test_client(), MEMBER).status_code == 302
    assert outbox(synced_app) == []


@pytest.mark.parametrize("app_config", [HAMMERED])
def test_a_sign_in_link_is_short_lived_and_a_new_password_ends_it(synced_app, accounts, monkeypatch):
    import samverkan.accounts.services as module

    hammer(synced_app, MEMBER, 3)
    login(synced_app.test_client(), MEMBER)
    login(synced_app.test_client(), MEMBER)
    first, second = (LINK_PATH.search(message["body"]).group(1) for message in outbox(synced_app))
    # a frozen clock, 15 minutes on: the link has expired
    now = utcnow()
    monkeypatch.setattr(module, "utcnow", lambda: now + timedelta(seconds=services.LOGIN_LINK_MAX_AGE))
    assert synced_app.test_client().get(first).status_code == 400
    monkeypatch.setattr(module, "utcnow", lambda: now + timedelta(seconds=services.LOGIN_LINK_MAX_AGE - 60))
    assert synced_app.test_client().get(first).status_code == 200
    # choosing a new password uses up every outstanding link
    with synced_app.app_context():
        services.set_new_password(services.find_person(MEMBER), "ett annat lösenord för kontot", "password-change")
        db.session.commit()
    for path in (first, second):
        assert synced_app.test_client().get(path).status_code == 400


@pytest.mark.parametrize("app_config", [{"MAIL_BACKEND": "memory", "PASSWORD_HASH_METHOD": QUICK,
                                         "LOGIN_RATE_LIMIT": "3 per minute",
                                         "LOGIN_ADDRESS_RATE_LIMIT": "8 per minute"}])
def test_the_hard_limit_of_an_address_still_answers_floods_with_429(synced_app, accounts):
    """The loose limit per address, whatever the account, is the limit against floods: past it
    every login from the address is refused (the account's own limit only asks for the link)."""
    statuses = hammer(synced_app, MEMBER, 10)
    assert statuses == [400, 400, 400] + [200] * 5 + [429, 429]
    assert login(synced_app.test_client(), LEAD).status_code == 429  # a colleague behind the address too
    elsewhere = synced_app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert login(elsewhere, MEMBER).status_code == 302


# -- the grant form ----------------------------------------------------------------------------


def test_the_grant_form_answers_alike_for_accounts_in_other_regions_and_new_addresses(synced_app, accounts):
    admin = signed_in_client(synced_app, "region-admin")
    other_name = person(synced_app, OTHER_MEMBER)["name"]
    flashes = []
    for email in (OTHER_MEMBER, "helt.ny@regionvastmanland.se"):
        refused = post_form(admin, "/regions/vastmanland/people", email=email, name="", role="member")
        assert refused.status_code == 400 and 'id="name-error"' in refused.text
        response = post_form(admin, "/regions/vastmanland/people", email=email, name="Typat Namn", role="member")
        assert response.status_code == 302
        page = admin.get(response.headers["Location"]).text
        flash = page.split('class="flashes"')[1].split("</div>")[0]
        flashes.append(flash.replace(email, "E"))
    assert flashes[0] == flashes[1]
    assert other_name not in flashes[0]
    assert person(synced_app, OTHER_MEMBER)["name"] == other_name  # an existing name is not replaced
    assert person(synced_app, "helt.ny@regionvastmanland.se")["name"] == "Typat Namn"


# -- deactivation ------------------------------------------------------------------------------


def test_deactivation_ends_live_sessions_and_refuses_login_and_reset(synced_app, accounts):
    with synced_app.app_context():
        services.create_person(ANNA, "Anna Berg", PASSWORD)
        db.session.commit()
    anna = synced_app.test_client()
    assert login(anna, ANNA, remember=True).status_code == 302
    remember = anna.get_cookie("remember_token").value
    reset = post_form(synced_app.test_client(), "/password-reset", email=ANNA)
    assert reset.status_code == 302
    link = re.search(r"http://localhost(/password-reset/\S+)", outbox(synced_app)[-1]["body"]).group(1)

    admin = signed_in_client(synced_app, "platform-admin")
    anna_id = person(synced_app, ANNA)["id"]
    confirm = admin.get(f"/admin/people/{anna_id}/deactivate")
    assert confirm.status_code == 200
    assert "Anna Berg" in confirm.text and "loggas ut direkt" in confirm.text
    assert person(synced_app, ANNA)["active"]  # asking changes nothing
    assert anna.get("/account").status_code == 200
    response = post_form(admin, f"/admin/people/{anna_id}/deactivate")
    assert response.status_code == 302
    assert not person(synced_app, ANNA)["active"]

    assert anna.get("/account").status_code == 302  # the live session is over
    restarted = synced_app.test_client()
    restarted.set_cookie("remember_token", remember)
    assert restarted.get("/account").status_code == 302
    refused = login(synced_app.test_client(), ANNA)
    assert refused.status_code == 400 and LOGIN_FAILED in refused.text
    before = synced_app.test_client().get(link)  # the link sent before
    assert before.status_code == 400 and "Länken fungerar inte" in before.text
    sent = len(outbox(synced_app))
    assert post_form(synced_app.test_client(), "/password-reset", email=ANNA).status_code == 302
    assert len(outbox(synced_app)) == sent  # no new link

    assert "Avaktiverat" in admin.get("/admin/people").text
    assert post_form(admin, f"/admin/people/{anna_id}/activate").status_code == 302
    assert login(synced_app.test_client(), ANNA).status_code == 302


def test_the_last_platform_admin_cannot_be_deactivated_or_lose_the_role(synced_app, accounts):
    admin = signed_in_client(synced_app, "platform-admin")
    me = person(synced_app, PLATFORM_ADMIN)["id"]
    with synced_app.app_context():
        grant_id = db.session.scalar(select(RoleGrant.id).filter_by(person_id=me, role="platform-admin"))
    for url in (f"/admin/people/{me}/deactivate", f"/admin/people/grants/{grant_id}/revoke"):
        page = admin.get(url)
        assert page.status_code == 409
        assert "sista aktiva plattformsadministratören" in page.text
        assert 'type="submit"' not in page.text.split("<main")[1]
        refused = post_form(admin, url)
        assert refused.status_code == 409 and "sista aktiva plattformsadministratören" in refused.text
    assert person(synced_app, PLATFORM_ADMIN)["active"]
    assert person(synced_app, PLATFORM_ADMIN)["grants"] == [("platform-admin", None)]

    cli = synced_app.test_cli_runner()
    for args in (["deactivate", "--email", PLATFORM_ADMIN],
                 ["revoke", "--email", PLATFORM_ADMIN, "--role", "platform-admin"]):
        result = cli.invoke(args=["users", *args])
        assert result.exit_code == 2, result.output
        assert "last active platform administrator" in result.output
    assert person(synced_app, PLATFORM_ADMIN)["active"]

    # with a second platform admin, both go through
    assert cli.invoke(args=["users", "grant", "--email", LEAD, "--role", "platform-admin"]).exit_code == 0
    assert post_form(admin, f"/admin/people/grants/{grant_id}/revoke").status_code == 302
    assert person(synced_app, PLATFORM_ADMIN)["grants"] == []
    assert cli.invoke(args=["users", "deactivate", "--email", LEAD]).exit_code == 2  # now LEAD is the last


def test_cli_deactivates_and_activates(synced_app, accounts):
    member = synced_app.test_client()
    assert login(member, MEMBER).status_code == 302
    cli = synced_app.test_cli_runner()
    result = cli.invoke(args=["users", "deactivate", "--email", MEMBER])
    assert result.exit_code == 0 and "deactivated" in result.output
    assert member.get("/account").status_code == 302
    assert "\tdeactivated" in [line for line in cli.invoke(args=["users", "list"]).output.splitlines()
                                if line.startswith(MEMBER)][0]
    assert cli.invoke(args=["users", "deactivate", "--email", MEMBER]).exit_code == 2  # already
    assert cli.invoke(args=["users", "activate", "--email", MEMBER]).exit_code == 0
    assert login(synced_app.test_client(), MEMBER).status_code == 302


def test_a_region_admin_cannot_revoke_their_own_role_while_alone(synced_app, accounts):
    admin = signed_in_client(synced_app, "region-admin")
    me = person(synced_app, REGION_ADMIN)["id"]
    with synced_app.app_context():
        own = db.session.scalar(select(RoleGrant.id).filter_by(person_id=me, role="region-admin"))
    url = f"/regions/vastmanland/people/{own}/revoke"
    page = admin.get(url)
    assert page.status_code == 409 and "enda regionadministratören" in page.text
    refused = post_form(admin, url)
    assert refused.status_code == 409 and "enda regionadministratören" in refused.text
    assert person(synced_app, REGION_ADMIN)["grants"] != []
    # once a colleague is region admin too, the page warns and the revoke goes through
    assert post_form(admin, "/regions/vastmanland/people", email=LEAD, name="x", role="region-admin").status_code == 302
    page = admin.get(url)
    assert page.status_code == 200 and "Det här är din egen roll" in page.text
    assert post_form(admin, url).status_code == 302
    assert admin.get("/regions/vastmanland/people").status_code == 403
    assert collab.refusals(synced_app)[-1] == "region.grant-roles"  # the role just revoked


def test_revoking_asks_first_and_the_question_names_role_person_and_region(synced_app, accounts):
    admin = signed_in_client(synced_app, "region-admin")
    with synced_app.app_context():
        grant_id = member_grant_id("vastmanland")
    people = admin.get("/regions/vastmanland/people").text
    url = f"/regions/vastmanland/people/{grant_id}/revoke"
    assert f'href="{url}"' in people  # a link to the question, not a one-click button
    page = in_language(admin, "en").get(url)
    assert page.status_code == 200
    assert "Revoke the role Member of member (member@regionvastmanland.se) in Västmanland?" in page.text
    assert 'href="/regions/vastmanland/people">Cancel</a>' in page.text
    assert 'name="csrf_token"' in page.text
    assert person(synced_app, MEMBER)["grants"]  # the GET changed nothing
    refused = in_language(admin, "sv").post(url)  # without its token
    assert refused.status_code == 400 and collab.heading(refused) == collab.FORM_EXPIRED
    assert person(synced_app, MEMBER)["grants"]
    assert post_form(admin, url).status_code == 302
    assert person(synced_app, MEMBER)["grants"] == []


# -- SMTP ---------------------------------------------------------------------------------------


def test_a_reset_link_is_delivered_over_smtp_from_the_configured_sender(database_url, smtp_server):
    from samverkan.sync import sync_all

    port, handler = smtp_server
    app = make_app(database_url, MAIL_URL=f"smtp://127.0.0.1:{port}?timeout=10",
                   MAIL_FROM="Samverkan <noreply@samverkan.se>", MAIL_BACKEND=None, PASSWORD_HASH_METHOD=QUICK)
    try:
        with app.app_context():
            sync_all(app.extensions["samverkan.plugins"])
            services.create_person(ANNA, "Anna Berg", PASSWORD)
            db.session.commit()
        assert post_form(app.test_client(), "/password-reset", email=ANNA).status_code == 302
        assert handler.received.is_set()
        [envelope] = handler.messages
        assert envelope.mail_from == "noreply@samverkan.se"
        assert envelope.rcpt_tos == [ANNA]
        content = envelope.content.decode()
        assert "From: Samverkan <noreply@samverkan.se>" in content
        link = re.search(r"http://localhost(/password-reset/[A-Za-z0-9_-]+)", content).group(1)
        assert app.test_client().get(link).status_code == 200
    finally:
        with app.app_context():
            db.engine.dispose()


@pytest.mark.parametrize("settings, message", [
    ({"MAIL_URL": "smtp://mail.example.se:587?starttls=1"}, "SAMVERKAN_MAIL_FROM"),
    ({"MAIL_URL": "http://mail.example.se", "MAIL_FROM": "a@b.se"}, "smtp:// or smtps://"),
    ({"MAIL_URL": "smtps://mail.example.se?starttls=1", "MAIL_FROM": "a@b.se"}, "already encrypted"),
    ({"MAIL_URL": "smtp://mail.example.se:port", "MAIL_FROM": "a@b.se"}, "SAMVERKAN_MAIL_URL"),
    ({"MAIL_URL": "smtp://mail.example.se?tls=yes", "MAIL_FROM": "a@b.se"}, "unknown options tls"),
    ({"MAIL_URL": "smtp://mail.example.se", "MAIL_FROM": "not an address"}, "not an e-mail address"),
    ({"MAIL_BACKEND": "carrier-pigeon"}, "SAMVERKAN_MAIL_BACKEND"),
])
def test_bad_mail_settings_stop_the_start(tmp_path, settings, message):
    from samverkan import create_app

    with pytest.raises(MailConfigError, match=re.escape(message)):
        create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}",
                    **settings})


def test_smtp_settings_from_the_url():
    from samverkan.mail import smtp_settings

    settings = smtp_settings("smtp://user%40x.se:p%C3%A5ss@mail.example.se:2525?starttls=1")
    assert (settings["MAIL_SERVER"], settings["MAIL_PORT"]) == ("mail.example.se", 2525)
    assert (settings["MAIL_USERNAME"], settings["MAIL_PASSWORD"]) == ("user@x.se", "påss")
    assert settings["MAIL_USE_TLS"] and not settings["MAIL_USE_SSL"]
    assert smtp_settings("smtps://mail.example.se")["MAIL_PORT"] == 465
    assert smtp_settings("smtps://mail.example.se")["MAIL_USE_SSL"]


# -- the audit log in words --------------------------------------------------------------------


def test_the_audit_log_reads_in_words_with_names_links_and_stockholm_time(synced_app, accounts):
    admin = signed_in_client(synced_app, "region-admin")
    assert post_form(admin, "/regions/vastmanland/people", email="ny.person@exempel.se", name="Ny Person",
                     role="member").status_code == 302
    with synced_app.app_context():
        from samverkan.plans.models import PlanNode
        node = db.session.execute(select(PlanNode).filter_by(code="M1")).scalar_one()
        node.title = "Ny titel för M1"
        db.session.commit()
        newest = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    platform = signed_in_client(synced_app, "platform-admin")
    page = platform.get("/admin/audit?command_line=y").text
    assert "Medlem i Västmanland för Ny Person (ny.person@exempel.se)" in page
    assert "V\\u00e4stmanland" not in page and "RoleGrant" not in page and "PlanNode" not in page
    assert 'Skapad' in page and "Planpunkt" in page
    assert '<a href="/regions/vastmanland/plan/M1">M1 Ny titel för M1</a>' in page
    assert "→ Ny titel för M1" in page  # before → after
    assert "Loggade in" in page
    stockholm = newest.occurred_at.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Stockholm"))
    assert stockholm.utcoffset() != timedelta(0)
    assert f'<time datetime="{newest.occurred_at:%Y-%m-%dT%H:%M:%S}Z">{stockholm:%Y-%m-%d %H:%M:%S}</time>' in page
    english = in_language(platform, "en").get("/admin/audit?command_line=y").text
    assert "Member in Västmanland for Ny Person (ny.person@exempel.se)" in english and "Logged in" in english


def test_the_audit_log_filters_and_hides_the_command_line_by_default(synced_app, accounts):
    login(synced_app.test_client(), "okand@exempel.se", "fel lösenord")
    platform = signed_in_client(synced_app, "platform-admin")
    with synced_app.app_context():
        sync_rows = db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.person_id.is_(None), AuditEvent.action == "create"))
    assert sync_rows > 100
    default = platform.get("/admin/audit").text
    assert "kommandoraden" not in default.split("<tbody>")[1]  # no sync rows
    unknown = "no account with that address"  # the address typed is not kept, only that none has it
    assert unknown in default  # an anonymous failed login is kept
    assert "kommandoraden" in platform.get("/admin/audit?command_line=y").text.split("<tbody>")[1]

    failed = platform.get("/admin/audit?action=login-failed").text.split("<tbody>")[1]
    assert unknown in failed and "Loggade in<" not in failed
    mine = platform.get(f"/admin/audit?who={ACCOUNTS['platform-admin'][0][:8]}").text.split("<tbody>")[1]
    assert ACCOUNTS["platform-admin"][0] in mine and unknown not in mine
    today = utcnow().date()
    assert unknown in platform.get(f"/admin/audit?since={today - timedelta(days=1)}").text
    assert unknown not in platform.get(f"/admin/audit?until={today - timedelta(days=2)}").text
    signed_in_client(synced_app, "region-admin").get("/regions/vasternorrland/people")  # refused there
    other = platform.get("/admin/audit?region=vasternorrland&action=refused").text.split("<tbody>")[1]
    assert "/regions/vasternorrland/people" in other
    assert "/regions/vasternorrland/people" not in platform.get("/admin/audit?region=vastmanland").text
    bad = platform.get("/admin/audit?since=igår")
    assert bad.status_code == 400
    assert collab.form_errors(bad) == {"since": "Inte ett giltigt datum"}
    with collab.error_pages(synced_app) as errors:
        assert platform.get("/admin/audit?who=a%00b").status_code == 400
    assert [error.description for error in errors] == ["control character in the address"]


def test_audit_pages_are_bounded_and_keep_the_filters(synced_app, accounts):
    platform = signed_in_client(synced_app, "platform-admin")
    first = platform.get("/admin/audit?command_line=y&action=create").text
    assert 'href="/admin/audit?page=2&amp;command_line=y&amp;action=create"' in first
    for page in ("0", "-5", "99999999999999999999", "abc", "10001"):
        response = platform.get(f"/admin/audit?page={page}&command_line=y")
        assert response.status_code == 200, page
    assert "Sida 1 av" in platform.get("/admin/audit?page=-5&command_line=y").text
