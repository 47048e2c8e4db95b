"""Search: one Swedish-aware, ranked search over initiatives, actors, networks and meetings, on
SQLite (FTS5 with Snowball stems) and PostgreSQL (the ``swedish`` configuration) alike; the index
follows every change, and the initiative list's text filter uses it too."""
import re
from urllib.parse import quote

import collab
import pytest
from conftest import ACCOUNTS, login
from sqlalchemy import func, select, true, update

from samverkan import create_app
from samverkan.actors import services as actor_services
from samverkan.events import ForumChanged, InitiativeChanged, MeetingChanged, emit
from samverkan.extensions import db
from samverkan.initiatives import services
from samverkan.initiatives.models import Initiative
from samverkan.meetings.models import Meeting
from samverkan.search.documents import write
from samverkan.search.index import backend
from samverkan.search.models import SearchDocument
from samverkan.search.text import query_terms

HTMX = {"HX-Request": "true"}


def titles(page):
    """The titles of the hits on a results page, in their order."""
    return [re.sub(r"<[^>]+>", "", title).strip()
            for title in re.findall(r'<li class="search-hit">\s*<h3>(.*?)</h3>', page.text, re.S)]


def found(client, query):
    answer = client.get(f"/search?{query}")
    assert answer.status_code == 200, answer.text
    return titles(answer)


def signed_in(app, key):
    client = app.test_client()
    assert login(client, ACCOUNTS[key][0]).status_code == 302
    return client


def initiative(slug, title, owner=None, **values):
    owner = owner or collab.make_actor(slug, name=f"Aktör {slug} {collab.region(slug).id}")
    return collab.make_initiative(slug, title=title, owner=owner, **values)


@pytest.fixture
def owners(synced_app):
    """An owner actor in each test region whose name finds nothing of the tests' words."""
    with synced_app.app_context():
        actors = {slug: collab.make_actor(slug, name=f"Huvudman {n}") for n, slug in
                  enumerate(("vastmanland", "vasternorrland"))}
        db.session.commit()
        return {slug: actor.id for slug, actor in actors.items()}


def owner(owners, slug):
    return db.session.get(collab.Actor, owners[slug])


def test_validering_finds_the_compound_and_the_verb(synced_app, client, owners):
    """The issue's example: a stem found as a prefix, and the noun finding the verb."""
    with synced_app.app_context():
        initiative("vasternorrland", "Valideringscentrum i Sundsvall", owner(owners, "vasternorrland"))
        initiative("vastmanland", "Undersköterskor i Köping", owner(owners, "vastmanland"),
                   summary="Vi hjälper vårdbiträden att validera sin kompetens.")
        initiative("vastmanland", "Bageri i Sala", owner(owners, "vastmanland"), summary="Bröd och bullar.")
        db.session.commit()
    assert set(found(client, "q=validering")) == {"Valideringscentrum i Sundsvall", "Undersköterskor i Köping"}
    assert set(found(client, "q=Valideras")) == {"Valideringscentrum i Sundsvall", "Undersköterskor i Köping"}
    assert found(client, "q=valideringscentrumet") == ["Valideringscentrum i Sundsvall"]
    # every word must match
    assert found(client, "q=validering+sundsvall") == ["Valideringscentrum i Sundsvall"]
    # the initiative list's text filter searches the same way
    listed = client.get("/initiatives/?q=validering").text
    assert "Valideringscentrum i Sundsvall" in listed and "Undersköterskor i Köping" in listed
    assert "Bageri i Sala" not in listed


def test_a_query_is_stemmed_like_the_text():
    assert query_terms("Validering") == [("valider", True, "validering")]
    assert query_terms("utbildningar i Västerås") == [("utbild", True, "utbildning"),
                                                      ("västerås", True, "västerås")]
    assert query_terms("och i att") == []  # stop words only
    assert query_terms("ab") == [("ab", False, "ab")]  # too short for a prefix


def test_case_and_swedish_letters(synced_app, client):
    with synced_app.app_context():
        collab.make_actor("vastmanland", name="Västerås stad", municipality="Västerås")
        collab.make_network("vasternorrland", name="Vägledningsrådet",
                            purpose="Studie- och yrkesvägledning i Örnsköldsvik.")
        collab.make_actor("vastmanland", name="Vasa skola")  # "vasa" must not match "västerås"
        db.session.commit()
    assert found(client, "q=VÄSTERÅS") == ["Västerås stad"]
    assert found(client, "q=v%C3%A4ster%C3%A5s") == ["Västerås stad"]
    # typed without å, ä, ö (its stem "vaster" also begins "Västernorrland": ranked below)
    without = found(client, "q=vasteras")
    assert without[0] == "Västerås stad" and "Vasa skola" not in without
    assert found(client, "q=%C3%B6rnsk%C3%B6ldsvik") == ["Vägledningsrådet"]
    assert found(client, "q=ornskoldsvik") == ["Vägledningsrådet"]
    assert found(client, "q=v%C3%A4gledning") == ["Vägledningsrådet"]


def test_a_title_hit_ranks_above_a_hit_in_the_text(synced_app, client, owners):
    with synced_app.app_context():
        # created first: with equal ranks it would come first
        initiative("vastmanland", "Ett projekt om vård", owner(owners, "vastmanland"),
                   summary="Lärlingsutbildning för undersköterskor.",
                   description="Mer om **lärlingsutbildning** och lärlingsutbildningens upplägg.")
        initiative("vastmanland", "Lärlingsutbildning i Köping", owner(owners, "vastmanland"),
                   summary="Ett samarbete med industrin.")
        db.session.commit()
    assert found(client, "q=l%C3%A4rlingsutbildning") == ["Lärlingsutbildning i Köping", "Ett projekt om vård"]


def test_kinds_and_regions_filter(synced_app, client, owners):
    with synced_app.app_context():
        initiative("vastmanland", "Yrkesvux för alla", owner(owners, "vastmanland"))
        actor = collab.make_actor("vasternorrland", name="Yrkesvux Mitt", description="En utbildningsanordnare.")
        network = collab.make_network("vastmanland", "vasternorrland", name="Nätverket för yrkesvux")
        forum = collab.make_forum(network, name="Vuxenutbildningsforum")
        meeting = collab.make_meeting(forum, title="Höstmöte")
        collab.make_agenda_item(meeting, title="Yrkesvux: läget i länen")
        collab.make_actor("vastmanland", name="Bageriet")
        db.session.commit()
        assert actor.id and meeting.id
    everything = client.get("/search?q=yrkesvux")
    assert set(titles(everything)) == {"Yrkesvux för alla", "Yrkesvux Mitt", "Nätverket för yrkesvux", "Höstmöte"}
    assert "4 träffar" in everything.text
    assert found(client, "q=yrkesvux&kind=actor") == ["Yrkesvux Mitt"]
    assert found(client, "q=yrkesvux&kind=meeting") == ["Höstmöte"]
    assert set(found(client, "q=yrkesvux&region=vasternorrland")) == {"Yrkesvux Mitt", "Nätverket för yrkesvux",
                                                                      "Höstmöte"}
    assert found(client, "q=yrkesvux&region=vastmanland&kind=initiative") == ["Yrkesvux för alla"]
    assert found(client, "q=yrkesvux&region=skane") == []
    for bad, label in (("kind=spaceship", "Vad"), ("region=atlantis", "Region")):
        answer = client.get(f"/search?q=yrkesvux&{bad}")
        assert answer.status_code == 400
        assert f"{label}: " in answer.text  # the field, and why


def test_a_draft_is_found_only_by_those_who_may_see_it(synced_app, accounts, owners):
    with synced_app.app_context():
        initiative("vastmanland", "Hemligt valideringsprojekt", owner(owners, "vastmanland"), draft=True)
        initiative("vastmanland", "Öppet valideringsprojekt", owner(owners, "vastmanland"))
        db.session.commit()
    anonymous = synced_app.test_client().get("/search?q=valideringsprojekt")
    assert titles(anonymous) == ["Öppet valideringsprojekt"]
    assert "1 träff " in anonymous.text  # the draft is not counted either
    for key, sees in (("national-analyst", True), ("region-admin", True), ("other-region-admin", False),
                      ("member", False)):
        hits = titles(signed_in(synced_app, key).get("/search?q=valideringsprojekt"))
        assert ("Hemligt valideringsprojekt" in hits) is sees, key
        assert "Öppet valideringsprojekt" in hits


def test_the_index_follows_edits_and_deletions(synced_app, client, owners):
    with synced_app.app_context():
        actor = collab.make_actor("vastmanland", name="Mälarhamnen AB")
        item = initiative("vastmanland", "Kranförare i hamnen", actor)
        forum = collab.make_forum(slug="vastmanland", name="Hamnforum")
        meeting = collab.make_meeting(forum, title="Årsmöte")
        db.session.commit()
        ids = item.id, actor.id, meeting.id
    assert found(client, "q=m%C3%A4larhamnen") == ["Mälarhamnen AB", "Kranförare i hamnen"]  # the owner's name

    with synced_app.app_context():
        item, actor, meeting = (db.session.get(Initiative, ids[0]), db.session.get(collab.Actor, ids[1]),
                                db.session.get(Meeting, ids[2]))
        services.update_initiative(item, {"title": "Truckförare i hamnen"}, by=None, version=item.version)
        actor_services.update_actor(actor, name="Västerås hamn AB", kind=actor.kind, municipality=actor.municipality,
                                    org_number=actor.org_number, website=actor.website,
                                    description=actor.description, regions=actor.regions)
        collab.make_agenda_item(meeting, title="Muddring av farleden")
        db.session.commit()
    assert found(client, "q=kranf%C3%B6rare") == []
    assert found(client, "q=truckf%C3%B6rare") == ["Truckförare i hamnen"]
    assert found(client, "q=m%C3%A4larhamnen") == []
    assert found(client, "q=hamn+v%C3%A4ster%C3%A5s") == ["Västerås hamn AB", "Truckförare i hamnen"]
    assert found(client, "q=muddring") == ["Årsmöte"]

    with synced_app.app_context():  # a meeting is found by its forum's name, and in its regions
        forum = db.session.get(Meeting, ids[2]).forum
        forum.name = "Färjeforum"
        forum.region = collab.region("vasternorrland")  # no service moves a forum: say it as one would
        emit(ForumChanged(forum_id=forum.id, change="updated"))
        db.session.commit()
    assert found(client, "q=f%C3%A4rjeforum&region=vasternorrland") == ["Årsmöte"]
    assert found(client, "q=hamnforum") == []

    with synced_app.app_context():  # a change the transaction takes back leaves the index as it was
        db.session.get(Initiative, ids[0]).title = "Lotsar i hamnen"
        db.session.flush()
        db.session.rollback()
    assert found(client, "q=lotsar") == []

    with synced_app.app_context():
        forum_id = db.session.get(Meeting, ids[2]).forum_id
        db.session.delete(db.session.get(Meeting, ids[2]))
        db.session.delete(db.session.get(Initiative, ids[0]))
        # nothing deletes these but a hand fix; it says so as a service would
        emit(MeetingChanged(meeting_id=ids[2], forum_id=forum_id, change="deleted"))
        emit(InitiativeChanged(initiative_id=ids[0], region_ids=(), change="deleted"))
        db.session.commit()
        left = db.session.scalars(select(SearchDocument.kind).where(
            SearchDocument.kind.in_(("initiative", "meeting")), SearchDocument.object_id.in_(ids))).all()
        assert left == []
    assert found(client, "q=truckf%C3%B6rare") == []
    assert found(client, "q=muddring") == []


def test_the_index_follows_an_import_and_a_plugin_sync(synced_app, client):
    """Both write many rows at once, a sync partly around the ORM: one event each is enough."""
    from test_transfer import GOOD_ROW, csv_file

    from samverkan.initiatives import importer
    from samverkan.networks.models import Network

    with synced_app.app_context():
        assert importer.import_file("x.csv", csv_file(GOOD_ROW)).ok
        db.session.commit()
        council = db.session.scalars(select(Network).where(Network.council_id.is_not(None))
                                     .order_by(Network.id)).first()
        council_id, words = council.id, council.name
        # the council's network renamed by SQL, its document gone stale: the sync puts the name back
        db.session.execute(update(Network).where(Network.id == council_id).values(name="Fel namn"))
        connection = db.session.connection()
        backend(connection).remove(connection, (SearchDocument.kind == "network")
                                   & (SearchDocument.object_id == council_id))
        db.session.commit()
    assert found(client, "q=validering+v%C3%A5rden") == ["Validering i vården"]
    assert words not in found(client, f"q={quote(words)}&kind=network")
    result = synced_app.test_cli_runner().invoke(args=["plugins", "sync"])
    assert result.exit_code == 0, result.output
    assert words in found(client, f"q={quote(words)}&kind=network")


def test_reindex_rebuilds_the_whole_index(synced_app, owners):
    with synced_app.app_context():
        initiative("vastmanland", "Vård- och omsorgscollege", owner(owners, "vastmanland"))
        collab.make_network("vasternorrland", name="Omsorgsnätverket")
        db.session.commit()
        before = db.session.scalar(select(func.count()).select_from(SearchDocument))
        connection = db.session.connection()
        backend(connection).remove(connection, true())  # as if the data came in around the ORM
        db.session.commit()
    client = synced_app.test_client()
    assert found(client, "q=omsorg") == []
    result = synced_app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "initiative: 1 indexed" in result.output
    assert set(found(client, "q=omsorg")) == {"Vård- och omsorgscollege", "Omsorgsnätverket"}
    with synced_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SearchDocument)) == before


def test_the_demo_data_is_searchable(demo_app, client):
    """``samverkan demo load`` writes through the ORM: the hooks index it as it goes."""
    from samverkan.meetings.models import AgendaItem

    with demo_app.app_context():
        with_item = db.session.scalar(select(func.count(func.distinct(AgendaItem.meeting_id)))
                                      .where(AgendaItem.title == "Lägesbild"))
    assert "Mittuniversitetet" in found(client, "q=mittuniversitetet")
    assert found(client, "q=valideringscentrum&kind=actor") == ["Valideringscentrum Mellansverige"]
    meetings = client.get("/search?q=l%C3%A4gesbild&kind=meeting")  # an agenda item of the demo's meetings
    assert with_item > 1 and f"{with_item} träffar" in meetings.text


def test_live_results_are_a_fragment_for_htmx(synced_app, client, owners):
    with synced_app.app_context():
        initiative("vastmanland", "Kompetenslyft <i>inom</i> industrin", owner(owners, "vastmanland"))
        db.session.commit()
    page = client.get("/search?q=kompetenslyft")
    assert "<html" in page.text and 'role="search"' in page.text
    assert 'id="search-results" aria-live="polite"' in page.text
    assert 'data-hx-get="/search"' in page.text and "keyup changed delay:300ms" in page.text
    fragment = client.get("/search?q=kompetenslyft", headers=HTMX)
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and 'role="search"' not in fragment.text
    assert "Kompetenslyft &lt;i&gt;inom&lt;/i&gt; industrin" in fragment.text  # escaped
    assert fragment.headers["X-Robots-Tag"] == "noindex"
    # the back button after live results: htmx restores the pushed address and needs the page
    restored = client.get("/search?q=kompetenslyft", headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in restored.text and 'role="search"' in restored.text


def test_every_page_has_a_search_box_in_its_header(client):
    page = client.get("/regions/")
    form = re.search(r'<form class="site-search" role="search"[^>]*>.*?</form>', page.text, re.S).group(0)
    assert 'action="/search"' in form and 'method="get"' in form
    assert '<label for="site-search-q"' in form and 'id="site-search-q" name="q"' in form


def test_an_empty_query_asks_for_words_and_a_long_one_is_a_400_with_a_reason(client):
    empty = client.get("/search")
    assert empty.status_code == 200 and "Skriv ett eller flera ord" in empty.text
    assert client.get("/search?q=+++").status_code == 200
    stop_words = client.get("/search?q=och")
    assert stop_words.status_code == 200 and "inget ord att söka på" in stop_words.text
    long = client.get("/search?q=" + "a" * 201)
    assert long.status_code == 400
    assert "högst 200 tecken" in long.text
    fragment = client.get("/search?q=" + "a" * 201, headers=HTMX)
    assert fragment.status_code == 400 and "högst 200 tecken" in fragment.text
    assert client.get("/search?q=" + "a" * 200).status_code == 200


@pytest.mark.parametrize("query", [
    '"', '""', '"validering', "valid*", "*", "-validering", "validering -bageri", "validering OR bageri",
    "NEAR(validering bageri)", "validering NOT bageri", "(validering", "validering)", "title:validering",
    "{title body}:x", "^validering", "validering AND", "'", "\\", "%", "_", "a:*", "x & y | !z", "<->",
    "validering:*", "😀", "ab" * 100,
])
def test_query_syntax_is_only_words(synced_app, client, owners, query):
    with synced_app.app_context():
        initiative("vastmanland", "Validering av yrkeskunskap", owner(owners, "vastmanland"))
        db.session.commit()
    answer = client.get(f"/search?q={quote(query)}")
    assert answer.status_code == 200
    assert client.get(f"/initiatives/?q={quote(query)}").status_code == 200
    if [term.stem for term in query_terms(query)] == ["valider"]:  # the syntax around it was ignored
        assert titles(answer) == ["Validering av yrkeskunskap"]


def test_results_come_a_page_at_a_time(synced_app, client, owners):
    with synced_app.app_context():
        for n in range(23):
            initiative("vastmanland", f"Sommarjobb {n}", owner(owners, "vastmanland"))
        db.session.commit()
    first = client.get("/search?q=sommarjobb")
    assert len(titles(first)) == 20 and "23 träffar" in first.text
    assert 'href="/search?page=2&amp;q=sommarjobb" rel="next"' in first.text
    assert len(titles(client.get("/search?q=sommarjobb&page=2"))) == 3


def test_the_migrated_database_searches(database_url):
    """Migration 0011 makes the full-text side that the models' DDL makes for the tests."""
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "test", "TESTING": True})
    runner = app.test_cli_runner()
    try:
        for command in (["db", "upgrade"], ["plugins", "sync"]):
            result = runner.invoke(args=command)
            assert result.exit_code == 0, result.output
        with app.app_context():
            initiative("vasternorrland", "Valideringscentrum i Sundsvall")
            db.session.commit()
        assert found(app.test_client(), "q=validering") == ["Valideringscentrum i Sundsvall"]
        with app.app_context():  # and a document written anew replaces its full-text side
            write(db.session(), "initiative", db.session.scalars(select(Initiative.id)).all())
            db.session.commit()
        assert found(app.test_client(), "q=validering") == ["Valideringscentrum i Sundsvall"]
    finally:
        with app.app_context():
            db.engine.dispose()


def test_title_hits_come_first_and_a_tier_ranks_its_newest_window(synced_app, client, owners, monkeypatch):
    """Ranking is bounded: the newest WINDOW title hits, then the rest of the newest WINDOW
    matches, each ranked."""
    from samverkan.search import queries

    monkeypatch.setattr(queries, "WINDOW", 3)
    monkeypatch.setattr(queries, "PAGE_SIZE", 2)
    with synced_app.app_context():
        for n in range(4):
            initiative("vastmanland", f"Praktik {n}", owner(owners, "vastmanland"))
        for n in range(4):  # newer, and mentioning the word more often than any title hit does
            initiative("vastmanland", f"Yrkesintroduktion {n}", owner(owners, "vastmanland"),
                       summary="Praktik på arbetsplatsen, praktik i skolan och praktik hemma.")
        db.session.commit()
    pages = [titles(client.get(f"/search?q=praktik&page={page}")) for page in (1, 2, 3, 4)]
    assert "Minst 6 träffar" in client.get("/search?q=praktik").text
    shown = [title for page in pages for title in page]
    assert len(shown) == 6
    assert set(shown[:3]) == {"Praktik 1", "Praktik 2", "Praktik 3"}  # the newest three titles first
    assert set(shown[3:]) == {"Yrkesintroduktion 1", "Yrkesintroduktion 2", "Yrkesintroduktion 3"}
    assert pages[3] == []


def test_the_planner_settings_of_a_search_end_with_it(synced_app, owners):
    """PostgreSQL: the search steers the planner to the GIN indexes for its own two reads only."""
    from sqlalchemy import text
    from flask_login import AnonymousUserMixin

    from samverkan.search.queries import search

    with synced_app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("a PostgreSQL setting")
        initiative("vastmanland", "Yrkesvux i Sala", owner(owners, "vastmanland"))
        db.session.commit()
        assert [hit.obj.title for hit in search(AnonymousUserMixin(), "yrkesvux").items] == ["Yrkesvux i Sala"]
        assert db.session.execute(text("SHOW enable_indexscan")).scalar() == "on"
        assert db.session.execute(text("SHOW enable_seqscan")).scalar() == "on"
