"""The home page's set-up checklist through the TestClient, on SQLite and PostgreSQL: a new organisation's
six steps in French and English, each link reaching the form that does it, an item ticked by saving that
form, hidden and brought back per organisation (with the CSRF token), gone once everything is done."""

from __future__ import annotations

from datetime import date

import lxml.html
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.db import unit_of_work
from api.dunning import configuration
from api.organisations import service as organisations
from api.organisations.service import Principal
from api.providers import service as providers
from api.runtime import Runtime
from tests.api.reports import builders as b
from tests.factories import Tenant
from tests.support.web import csrf_of, log_in, parse, text_of, texts_of

CHECKLIST = "//section[@data-testid='setup-checklist']"
ITEMS = f"{CHECKLIST}//li[contains(@class, 'setup-item')]"
IDENTITY = {"legal_name": "Boulangerie Martin SAS", "siren": "732 829 320"}


def home(client: TestClient) -> lxml.html.HtmlElement:
    response = client.get("/")
    assert response.status_code == 200
    return parse(response)


def item_states(page: lxml.html.HtmlElement) -> dict[str, str]:
    return {li.get("data-testid").removeprefix("setup-"): li.get("data-state") for li in page.xpath(ITEMS)}


def press(client: TestClient, action: str, csrf: str | None = None) -> int:
    token = csrf if csrf is not None else csrf_of(client.get("/").text)
    response = client.post(f"/setup-checklist/{action}", data={"csrf_token": token}, follow_redirects=False)
    return response.status_code


def set_up_everything(runtime: Runtime, tenant: Tenant) -> None:
    who = Principal(organisation_id=tenant.organisation_id, label="test")
    with unit_of_work(runtime.session_factory) as session:
        organisations.update_identity(session, who, IDENTITY)
        providers.update_payment_settings(session, who, {"iban": "FR76 3000 6000 0112 3456 7890 189"})
        providers.set_credentials(session, who, runtime.settings.secret_key, provider="gocardless",
                                  secret="sandbox_token_0123", mode="test")  # fmt: skip
        configuration.update_policy(session, who, {})
        b.invoice(session, tenant, total=120_00, due=date(2026, 12, 31))
    runtime.settings.smtp_host = "smtp.example.org"


def test_a_new_organisation_sees_six_steps_to_do_with_why_and_where(logged_in: TestClient) -> None:
    page = home(logged_in)

    assert text_of(page, f"{CHECKLIST}//h2") == "Bien démarrer"
    assert text_of(page, "//*[@data-testid='setup-progress']") == "Étapes faites : 0 sur 6"
    assert texts_of(page, f"{ITEMS}//h3") == [
        "Identité de l'entreprise À faire",
        "Coordonnées bancaires À faire",
        "Envoi des e-mails À faire",
        "Paiement par carte ou prélèvement À faire",
        "Séquence de relances À faire",
        "Import des factures en cours À faire",
    ]
    assert texts_of(page, f"{ITEMS}//p[@class='setup-why']")[0].startswith(
        "Votre dénomination sociale et votre SIREN"
    )
    assert text_of(page, "//*[@data-testid='setup-email-detail']") == (
        "Pour l'instant, aucun e-mail ne part : ils sont seulement déposés dans le dossier local « outbox » "
        "du serveur."
    )
    assert page.xpath(f"{ITEMS}//a/@href") == [
        "/settings/organisation#identity", "/settings/payments#bank", "/settings/email", "/settings/payments",
        "/settings/dunning#policy", "/upload",
    ]  # fmt: skip
    assert texts_of(page, f"{ITEMS}//a") == [
        "Renseigner l'identité", "Saisir l'IBAN", "Configurer l'envoi", "Connecter un prestataire",
        "Vérifier les relances", "Importer des factures",
    ]  # fmt: skip
    # Above the figures: the first thing a new organisation reads.
    assert page.xpath(f"{CHECKLIST}/following::section[@data-testid='home-empty']")


def test_each_link_opens_the_form_that_does_the_step(logged_in: TestClient) -> None:
    links = parse(logged_in.get("/")).xpath(f"{ITEMS}//a/@href")

    for link in links:
        path, _, anchor = link.partition("#")
        response = logged_in.get(path)
        assert response.status_code == 200, link
        page = parse(response)
        assert page.xpath("//form[@method='post']"), link
        if anchor:
            assert page.xpath(f"//*[@id='{anchor}']"), link


def test_saving_the_identity_form_ticks_its_item(logged_in: TestClient) -> None:
    csrf = csrf_of(logged_in.get("/settings/organisation").text)
    saved = logged_in.post(
        "/settings/organisation", data={"csrf_token": csrf, **IDENTITY}, follow_redirects=False
    )
    assert saved.status_code == 303

    page = home(logged_in)

    assert item_states(page) == {"identity": "done", "bank": "todo", "email": "todo", "providers": "todo",
                                 "dunning": "todo", "invoices": "todo"}  # fmt: skip
    assert text_of(page, "//*[@data-testid='setup-identity-state']") == "Fait"
    assert text_of(page, "//*[@data-testid='setup-progress']") == "Étapes faites : 1 sur 6"


def test_hidden_then_brought_back(logged_in: TestClient) -> None:
    assert press(logged_in, "hide") == 303

    hidden = home(logged_in)
    assert hidden.xpath(CHECKLIST) == []
    assert (
        text_of(hidden, "//*[@data-testid='setup-resume']")
        == "Reprendre la configuration (6 étapes restantes)"
    )

    assert press(logged_in, "resume") == 303

    back = home(logged_in)
    assert len(back.xpath(ITEMS)) == 6
    assert back.xpath("//*[@data-testid='setup-resume']") == []


def test_without_the_csrf_token_nothing_is_hidden(logged_in: TestClient) -> None:
    assert press(logged_in, "hide", csrf="forged") in (401, 403)

    assert len(home(logged_in).xpath(ITEMS)) == 6


def test_hiding_is_for_the_organisation_only(
    app: FastAPI, logged_in: TestClient, other_tenant: Tenant
) -> None:
    press(logged_in, "hide")

    with TestClient(app) as other:
        log_in(other, other_tenant)
        assert len(home(other).xpath(ITEMS)) == 6
    assert home(logged_in).xpath(CHECKLIST) == []


def test_gone_once_everything_is_done_with_nothing_to_resume(
    runtime: Runtime, tenant: Tenant, logged_in: TestClient
) -> None:
    set_up_everything(runtime, tenant)
    press(logged_in, "hide")

    page = home(logged_in)

    assert page.xpath(CHECKLIST) == []
    assert page.xpath("//*[@data-testid='setup-resume']") == []
    assert text_of(page, "//h1") == "Tableau de bord"  # the rest of the page is there


def test_one_step_left_is_said_in_the_singular(
    runtime: Runtime, tenant: Tenant, logged_in: TestClient
) -> None:
    set_up_everything(runtime, tenant)
    runtime.settings.smtp_host = None  # mail back to the outbox folder only
    press(logged_in, "hide")

    page = home(logged_in)

    assert (
        text_of(page, "//*[@data-testid='setup-resume']") == "Reprendre la configuration (1 étape restante)"
    )


def test_in_english_on_request(logged_in: TestClient) -> None:
    logged_in.cookies.set("encaisse_lang", "en")

    page = home(logged_in)

    assert text_of(page, f"{CHECKLIST}//h2") == "Getting started"
    assert text_of(page, "//*[@data-testid='setup-progress']") == "0 of 6 steps done"
    assert texts_of(page, f"{ITEMS}//a")[0] == "Fill in the identity"
    assert text_of(page, "//*[@data-testid='setup-hide']") == "Hide the list"
