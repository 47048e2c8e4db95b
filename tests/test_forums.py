"""Forum models and forums: who sees a model, a model's recurring agenda, starting a forum from
another region's model and finding it where the model says it is used."""
import re

import collab
from conftest import ACCOUNTS, csrf_token, login
from sqlalchemy import select

from samverkan.extensions import db
from samverkan.forums.models import Forum, ForumModel


def signed_in(app, key):
    client = app.test_client()
    assert login(client, ACCOUNTS[key][0]).status_code == 302
    return client


def post(client, url, data):
    return client.post(url, data={**data, "csrf_token": csrf_token(client)})


def test_create_and_edit_a_model_with_its_agenda(client, accounts):
    admin = signed_in(client.application, "region-admin")
    assert admin.get("/regions/vastmanland/forum-models/new").status_code == 200
    response = post(admin, "/regions/vastmanland/forum-models/new", {
        "name": "Dialogforum", "purpose": "Dialog mellan arbetsgivare och utbildning", "cadence": "Fyra gånger om året",
        "meetings_per_year": "4", "agenda": "Läget i branschen\n\n  Utbildningsutbudet \nNästa steg", "published": "y"})
    assert response.status_code == 302
    with client.application.app_context():
        model = db.session.execute(select(ForumModel).filter_by(name="Dialogforum")).scalar_one()
        assert [(i.position, i.title) for i in model.agenda_items] == [
            (0, "Läget i branschen"), (1, "Utbildningsutbudet"), (2, "Nästa steg")]
        model_id, first_item = model.id, model.agenda_items[0].id
    assert response.headers["Location"] == f"/forum-models/{model_id}"
    assert "Utbildningsutbudet" in admin.get(f"/forum-models/{model_id}/edit").text
    refused = post(admin, f"/forum-models/{model_id}/edit", {"name": "Dialogforum", "agenda": "Nytt först\nNästa steg",
                                                             "meetings_per_year": "0"})
    assert refused.status_code == 400
    assert collab.form_errors(refused) == {"meetings_per_year": "Numret måste vara mellan 1 och 365."}
    assert post(admin, f"/forum-models/{model_id}/edit", {"name": "Dialogforum",
                                                          "agenda": "Nytt först\nNästa steg"}).status_code == 302
    with client.application.app_context():
        model = db.session.get(ForumModel, model_id)
        assert [i.title for i in model.agenda_items] == ["Nytt först", "Nästa steg"]
        assert model.agenda_items[0].id == first_item and not model.published
    assert signed_in(client.application, "other-region-admin").get(f"/forum-models/{model_id}/edit").status_code == 403
    assert collab.refusals(client.application)[-1] == "region.manage"


def test_an_unpublished_model_is_seen_only_by_its_regions_managers(client, accounts):
    with client.application.app_context():
        model = collab.make_forum_model("vastmanland", name="Hemlig modell", published=False)
        collab.make_forum_model("vastmanland", name="Öppen modell")
        db.session.commit()
        model_id = model.id
    for key in ("anonymous", "member", "other-region-admin", "no-role"):
        visitor = client.application.test_client() if key == "anonymous" else signed_in(client.application, key)
        assert visitor.get(f"/forum-models/{model_id}").status_code == 404, key
        index = visitor.get("/forum-models/").text
        assert "Hemlig modell" not in index and "Öppen modell" in index
    for key in ("region-admin", "platform-admin"):
        manager = signed_in(client.application, key)
        assert manager.get(f"/forum-models/{model_id}").status_code == 200, key
        assert "Hemlig modell" in manager.get("/forum-models/").text


def test_a_forum_from_another_regions_model_is_where_the_model_is_used(client, accounts):
    app = client.application
    with app.app_context():
        model = collab.make_forum_model("vasternorrland", name="Gotlandsmodellen",
                                        purpose="Arbetsgivare och skola möts fyra gånger om året.")
        hidden = collab.make_forum_model("vasternorrland", name="Ej publicerad", published=False)
        db.session.commit()
        model_id, hidden_id = model.id, hidden.id
    admin = signed_in(app, "region-admin")
    page = admin.get(f"/forum-models/{model_id}").text
    assert f'href="/regions/vastmanland/forums/new?model={model_id}"' in page
    form = admin.get(f"/regions/vastmanland/forums/new?model={model_id}").text
    assert re.search(rf'<option selected value="{model_id}">Gotlandsmodellen</option>', form)
    assert "Arbetsgivare och skola möts fyra gånger om året." in form
    assert "Ej publicerad" not in form
    hidden_chosen = post(admin, "/regions/vastmanland/forums/new", {"name": "X", "model": hidden_id})
    assert hidden_chosen.status_code == 400
    assert collab.form_errors(hidden_chosen) == {"model": "Inte ett giltigt val"}  # not offered
    response = post(admin, "/regions/vastmanland/forums/new", {"name": "Västmanlands dialogforum", "model": model_id})
    assert response.status_code == 302
    with app.app_context():
        forum = db.session.execute(select(Forum).filter_by(name="Västmanlands dialogforum")).scalar_one()
        assert (forum.model_id, forum.region.slug, forum.network_id) == (model_id, "vastmanland", None)
    assert response.headers["Location"] == f"/forums/{forum.id}"
    used = client.get(f"/forum-models/{model_id}").text
    section = re.search(r'<section aria-labelledby="used-heading">.*?</section>', used, re.S).group(0)
    assert f'href="/forums/{forum.id}"' in section and "Västmanland" in section
    index = client.get("/forum-models/").text
    row = re.search(r"<tr>\s*<th scope=\"row\"><a href=\"/forum-models/\d+\">Gotlandsmodellen.*?</tr>", index, re.S).group(0)
    assert re.search(r'<td class="num">1</td>', row)


def test_editing_a_forum_of_a_network(client, accounts):
    app = client.application
    with app.app_context():
        forum = collab.make_forum(collab.make_network("vastmanland", "vasternorrland"), name="Gammalt namn")
        db.session.commit()
        forum_id = forum.id
    for key in ("region-admin", "other-region-admin"):
        admin = signed_in(app, key)
        assert admin.get(f"/forums/{forum_id}/edit").status_code == 200
        response = post(admin, f"/forums/{forum_id}/edit", {"name": f"Namn av {key}", "model": "0"})
        assert response.headers["Location"] == f"/forums/{forum_id}"
    assert post(signed_in(app, "member"), f"/forums/{forum_id}/edit", {"name": "Nej", "model": "0"}).status_code == 403
    assert collab.refusals(app)[-1] == "forum.manage"
    with app.app_context():
        assert db.session.get(Forum, forum_id).name == "Namn av other-region-admin"


def test_model_texts_are_escaped(client, accounts):
    with client.application.app_context():
        model = collab.make_forum_model("vastmanland", name="<script>alert(1)</script>", cadence="<b>ofta</b>")
        db.session.commit()
        model_id = model.id
    for url in ("/forum-models/", f"/forum-models/{model_id}"):
        text = client.get(url).text
        assert "<script>alert(1)" not in text and "<b>ofta" not in text
        assert "&lt;script&gt;" in text
