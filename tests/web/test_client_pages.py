"""The Clients pages (list with figures, search, pages; a client's page with its record, figures, mandate and
history) and the clients JSON API, on SQLite and PostgreSQL, against the known data set of
tests/api/clients/data.py."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from api.clock import paris_today
from api.db import unit_of_work
from api.models import Client, Invoice, Reminder
from api.runtime import Runtime
from tests.api.clients.data import Clients, known_clients
from tests.factories import Tenant
from tests.support.web import csrf_of, parse, text_of, texts_of

AMOUNT = "Montant invalide : un nombre positif avec au plus deux décimales, par exemple 12 500,00."
PHONE = "Numéro de téléphone invalide : vérifiez le nombre de chiffres " + (
    "(exemple : 01 23 45 67 89 ou +33 1 23 45 67 89)."
)
RECORD = ("name", "contact_name", "email", "phone", "address", "siren", "vat_id", "credit_limit")


@pytest.fixture
def known(runtime: Runtime, tenant: Tenant, other_tenant: Tenant) -> Clients:
    return known_clients(runtime, tenant, other_tenant)


def row_texts(page: object, client_id: uuid.UUID) -> dict[str, str]:
    cells = ("client-name", "owed", "overdue", "open-invoices", "average-days-late", "share-late", "segment",
             "mandate")  # fmt: skip
    return {c: text_of(page, f"//tr[@data-client='{client_id}']//*[@data-testid='{c}']") for c in cells}  # type: ignore[arg-type]


def stored(runtime: Runtime, client_id: uuid.UUID) -> tuple[object, ...]:
    with unit_of_work(runtime.session_factory) as session:
        c = session.get(Client, client_id)
        assert c is not None
        return (c.name, c.contact_name, c.email, c.phone, c.address, c.siren, c.vat_id, c.credit_limit,
                c.segment_override)  # fmt: skip


# ------------------------------------------------------------------ the list


def test_the_list_shows_each_clients_figures(logged_in: TestClient, known: Clients) -> None:
    response = logged_in.get("/clients")

    assert response.status_code == 200
    page = parse(response)
    assert text_of(page, "//*[@data-testid='total']") == "(4)"
    assert texts_of(page, "//*[@data-testid='client-name']") == [
        "Alpha Conseil", "Bêta Industries", "Delta Bois", "Gamma Textile"
    ]  # fmt: skip
    assert row_texts(page, known.alpha) == {
        "client-name": "Alpha Conseil", "owed": "600,00 €", "overdue": "300,00 €", "open-invoices": "2",
        "average-days-late": "5 jours", "share-late": "50 %", "segment": "À surveiller", "mandate": "Non",
    }  # fmt: skip
    assert row_texts(page, known.beta) == {
        "client-name": "Bêta Industries", "owed": "2 000,00 € Encours dépassé", "overdue": "2 000,00 €",
        "open-invoices": "1", "average-days-late": "45 jours", "share-late": "100 %",
        "segment": "Mauvais payeur", "mandate": "Oui",
    }  # fmt: skip
    assert row_texts(page, known.gamma) == {
        "client-name": "Gamma Textile", "owed": "0,00 €", "overdue": "0,00 €", "open-invoices": "0",
        "average-days-late": "—", "share-late": "—", "segment": "À surveiller", "mandate": "Non",
    }  # fmt: skip
    assert "Alpha Autre" not in response.text
    assert page.xpath("//nav//a[@href='/clients']/@aria-current") == ["page"]


def test_the_list_in_english(logged_in: TestClient, known: Clients) -> None:
    logged_in.cookies.set("encaisse_lang", "en")

    page = parse(logged_in.get("/clients?sort=-owed"))

    assert row_texts(page, known.alpha)["owed"] == "€600.00"
    assert row_texts(page, known.beta)["segment"] == "Bad payer"
    assert text_of(page, "//th[2]") == "Amount owed"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=beta", ["Bêta Industries"]),
        ("q=732+829+320", ["Alpha Conseil"]),
        ("q=compta%40alpha", ["Alpha Conseil"]),
        ("segment=to_watch", ["Alpha Conseil", "Gamma Textile"]),
        ("sort=-overdue", ["Bêta Industries", "Alpha Conseil", "Delta Bois", "Gamma Textile"]),
        ("sort=-days_late&segment=reliable", ["Delta Bois"]),
        (
            "segment=nonsense&sort=nonsense",
            ["Alpha Conseil", "Bêta Industries", "Delta Bois", "Gamma Textile"],
        ),
    ],
)
def test_search_filter_and_sort(
    logged_in: TestClient, known: Clients, query: str, expected: list[str]
) -> None:
    page = parse(logged_in.get(f"/clients?{query}"))

    assert texts_of(page, "//*[@data-testid='client-name']") == expected


def test_nothing_found(logged_in: TestClient, known: Clients) -> None:
    page = parse(logged_in.get("/clients?q=zzz"))

    assert text_of(page, "//*[@data-testid='empty']") == "Aucun client ne correspond à cette recherche."


def test_pages_of_fifty_keep_the_search(logged_in: TestClient, runtime: Runtime, tenant: Tenant) -> None:
    with unit_of_work(runtime.session_factory) as session:
        for n in range(1, 52):
            session.add(Client(organisation_id=tenant.organisation_id, name=f"Client {n:03d}",
                               name_key=f"client {n:03d}"))  # fmt: skip
        session.add(Client(organisation_id=tenant.organisation_id, name="Autre", name_key="autre"))

    first = parse(logged_in.get("/clients?q=client"))
    second = parse(logged_in.get("/clients?q=client&page=2"))

    assert len(texts_of(first, "//*[@data-testid='client-name']")) == 50
    assert texts_of(first, "//*[@data-testid='client-name']")[-1] == "Client 050"
    assert first.xpath("//nav[@class='pager']/a/@href") == ["?page=2&q=client&sort=name"]
    assert texts_of(second, "//*[@data-testid='client-name']") == ["Client 051"]
    assert second.xpath("//nav[@class='pager']/a/@href") == ["?page=1&q=client&sort=name"]
    assert text_of(second, "//*[@data-testid='total']") == "(51)"


def test_the_list_needs_a_login(client: TestClient) -> None:
    response = client.get("/clients", follow_redirects=False)

    assert (response.status_code, response.headers["location"]) == (303, "/login?next=/clients")


# ------------------------------------------------------------------ a client's page


def test_the_client_page(logged_in: TestClient, runtime: Runtime, tenant: Tenant, known: Clients) -> None:
    with unit_of_work(runtime.session_factory) as session:
        invoice = session.query(Invoice).filter_by(client_id=known.alpha, number="A-2").one()
        session.add(
            Reminder(
                organisation_id=tenant.organisation_id,
                invoice_id=invoice.id,
                client_id=known.alpha,
                step_key="j5",
                channel="email",
                status="sent",
                scheduled_on=paris_today(),
                sent_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
            )
        )

    page = parse(logged_in.get(f"/clients/{known.alpha}"))

    assert text_of(page, "//h1") == "Alpha Conseil"
    facts = {t: text_of(page, f"//*[@data-testid='{t}']") for t in
             ("owed", "credit-limit", "overdue", "open-invoices", "invoices-counted", "average-days-late",
              "share-late", "segment", "no-mandate")}  # fmt: skip
    assert facts == {
        "owed": "600,00 €", "credit-limit": "5 000,00 €", "overdue": "300,00 €", "open-invoices": "2",
        "invoices-counted": "4", "average-days-late": "5 jours", "share-late": "50 % (2/4)",
        "segment": "À surveiller", "no-mandate": "Aucun mandat actif.",
    }  # fmt: skip
    assert page.xpath("//*[@data-testid='over-limit']") == []
    assert page.xpath("//table[@data-testid='open-list']//a/@href") == [
        f"/invoices/{known.alpha_open}/review", f"/invoices/{invoice.id}/review"
    ]  # fmt: skip
    assert page.xpath("//*[@data-testid='all-invoices']/@href") == [f"/invoices?client={known.alpha}"]
    assert [row[:1] + row[3:4] for row in _rows(page, "paid-list")] == [
        ["A-5", "0"],
        ["A-1", "10"],
        ["A-4", "0"],
    ]
    assert texts_of(page, "//*[@data-testid='reminders']/li") == [
        "02/03/2026 10:30 J+5 · E-mail · Envoyée · A-2"
    ]
    values = {name: page.xpath(f"//*[@name='{name}']/@value") for name in RECORD if name != "address"}
    assert values == {
        "name": ["Alpha Conseil"],
        "contact_name": [""],
        "email": ["compta@alpha.example"],
        "phone": [""],
        "siren": ["732829320"],
        "vat_id": [""],
        "credit_limit": ["5000,00"],
    }


def _rows(page: object, testid: str) -> list[list[str]]:
    return [
        [" ".join(td.text_content().split()) for td in tr.xpath("td")]
        for tr in page.xpath(f"//table[@data-testid='{testid}']/tbody/tr")  # type: ignore[attr-defined]
    ]


def test_a_client_over_its_limit_with_a_mandate(logged_in: TestClient, known: Clients) -> None:
    page = parse(logged_in.get(f"/clients/{known.beta}"))

    assert text_of(page, "//*[@data-testid='over-limit']") == "L'encours autorisé est dépassé de 500,00 €."
    assert texts_of(page, "//dl[@data-testid='mandate']/dd") == [
        "RUM-BRQ1", "Actif (gocardless)", paris_today().strftime("%d/%m/%Y")
    ]  # fmt: skip


def test_another_organisations_client_is_not_found(
    logged_in: TestClient, runtime: Runtime, other_tenant: Tenant, known: Clients
) -> None:
    stranger = known_clients.__globals__["make_client"](runtime, other_tenant, "Étranger SA")
    before = stored(runtime, stranger)
    csrf = csrf_of(logged_in.get("/clients").text)

    assert logged_in.get(f"/clients/{stranger}").status_code == 404
    assert logged_in.get(f"/clients/{uuid.uuid4()}").status_code == 404
    edit = logged_in.post(f"/clients/{stranger}", data={"csrf_token": csrf, "name": "Pris"})
    segment = logged_in.post(
        f"/clients/{stranger}/segment", data={"csrf_token": csrf, "segment": "bad_payer"}
    )

    assert (edit.status_code, segment.status_code) == (404, 404)
    assert stored(runtime, stranger) == before


# ------------------------------------------------------------------ editing


def form_of(logged_in: TestClient, client_id: uuid.UUID, **changes: str) -> dict[str, str]:
    page = logged_in.get(f"/clients/{client_id}")
    html = parse(page)
    values = {
        name: "".join(html.xpath(f"//*[@name='{name}']/@value")) for name in RECORD if name != "address"
    }
    values["address"] = html.xpath("//textarea[@name='address']")[0].text_content()
    return {"csrf_token": csrf_of(page.text), **values, **changes}


def test_a_valid_edit_is_saved(logged_in: TestClient, runtime: Runtime, known: Clients) -> None:
    form = form_of(
        logged_in,
        known.gamma,
        name="Gamma Textile SAS",
        contact_name="Mme Roux",
        email="paie@gamma.example",
        phone="01 23 45 67 89",
        address="1 rue des Lilas\r\n75001 Paris",
        siren="732 829 320",
        vat_id="FR 44 732829320",
        credit_limit="12 500,00",
    )

    response = logged_in.post(f"/clients/{known.gamma}", data=form, follow_redirects=False)

    assert (response.status_code, response.headers["location"]) == (
        303,
        f"/clients/{known.gamma}?saved=record",
    )
    assert stored(runtime, known.gamma) == (
        "Gamma Textile SAS",
        "Mme Roux",
        "paie@gamma.example",
        "01 23 45 67 89",
        "1 rue des Lilas\r\n75001 Paris",
        "732829320",
        "FR44732829320",
        12_500_00,
        "to_watch",
    )
    page = parse(logged_in.get(response.headers["location"]))
    assert text_of(page, "//*[@data-testid='saved']") == "Fiche client enregistrée."
    assert page.xpath("//input[@name='credit_limit']/@value") == ["12500,00"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "  ", "Ce champ est obligatoire."),
        ("name", "x" * 301, "Trop long : 300 caractères au plus."),
        ("contact_name", "x" * 201, "Trop long : 200 caractères au plus."),
        ("address", "x" * 1001, "Trop long : 1000 caractères au plus."),
        ("email", "compta-at-alpha", "Adresse e-mail invalide (exemple : compta@entreprise.fr)."),
        ("email", "a" * 310 + "@example.com", "Trop long : 320 caractères au plus."),
        ("phone", "12 34", PHONE),
        ("phone", "06 12 34 56 7", PHONE),  # a digit short of a French mobile number
        ("siren", "732 829 321", "SIREN invalide : 9 chiffres dont la clé de contrôle est juste."),
        ("siren", "abc", "SIREN invalide : 9 chiffres dont la clé de contrôle est juste."),
        ("vat_id", "FR00732829320", "Numéro de TVA invalide (exemple : FR44732829320)."),
        ("credit_limit", "douze", AMOUNT),
        ("credit_limit", "-100", AMOUNT),
        ("credit_limit", "12 500,005", AMOUNT),
        ("credit_limit", "1" * 21, "Trop long : 20 caractères au plus."),
    ],
)  # fmt: skip
def test_a_wrong_value_is_explained_next_to_its_field(
    logged_in: TestClient, runtime: Runtime, known: Clients, field: str, value: str, message: str
) -> None:
    before = stored(runtime, known.alpha)
    form = form_of(logged_in, known.alpha, **{"contact_name": "Nouveau contact", field: value})

    response = logged_in.post(f"/clients/{known.alpha}", data=form)

    assert response.status_code == 400
    page = parse(response)
    assert texts_of(page, "//*[@data-error-for]") == [message]
    assert page.xpath(f"//*[@name='{field}']/@aria-invalid") == ["true"]
    assert (
        page.xpath(f"//*[@data-error-for='{field}']/@id")[0]
        in page.xpath(f"//*[@name='{field}']/@aria-describedby")[0]
    )
    assert (
        text_of(page, "//*[@data-testid='form-error']")
        == "Rien n'a été enregistré : corrigez les champs signalés."
    )
    if field != "address":  # what was typed comes back as typed
        assert page.xpath(f"//input[@name='{field}']/@value") == [value]
    assert stored(runtime, known.alpha) == before


def test_every_wrong_field_is_explained_at_once(
    logged_in: TestClient, runtime: Runtime, known: Clients
) -> None:
    before = stored(runtime, known.alpha)
    form = form_of(logged_in, known.alpha, email="nope", credit_limit="beaucoup", siren="123")

    response = logged_in.post(f"/clients/{known.alpha}", data=form)

    assert response.status_code == 400
    assert parse(response).xpath("//*[@data-error-for]/@data-error-for") == ["email", "siren", "credit_limit"]
    assert stored(runtime, known.alpha) == before


def test_an_english_message(logged_in: TestClient, known: Clients) -> None:
    logged_in.cookies.set("encaisse_lang", "en")
    form = form_of(logged_in, known.alpha, phone="phone me")

    page = parse(logged_in.post(f"/clients/{known.alpha}", data=form))

    assert text_of(page, "//*[@data-error-for='phone']") == (
        "Invalid phone number: check the number of digits (example: 01 23 45 67 89 or +33 1 23 45 67 89)."
    )


def test_an_empty_credit_limit_removes_it(logged_in: TestClient, runtime: Runtime, known: Clients) -> None:
    form = form_of(logged_in, known.alpha, credit_limit="")

    assert logged_in.post(f"/clients/{known.alpha}", data=form, follow_redirects=False).status_code == 303
    assert stored(runtime, known.alpha)[7] is None


def test_without_the_csrf_token_nothing_changes(
    logged_in: TestClient, runtime: Runtime, known: Clients
) -> None:
    before = stored(runtime, known.alpha)
    form = form_of(logged_in, known.alpha, name="Pirate", csrf_token="forged")

    assert logged_in.post(f"/clients/{known.alpha}", data=form).status_code == 401
    assert stored(runtime, known.alpha) == before


def test_the_segment_set_by_hand(logged_in: TestClient, runtime: Runtime, known: Clients) -> None:
    csrf = csrf_of(logged_in.get(f"/clients/{known.alpha}").text)

    response = logged_in.post(
        f"/clients/{known.alpha}/segment",
        data={"csrf_token": csrf, "segment": "bad_payer"},
        follow_redirects=False,
    )
    refused = logged_in.post(f"/clients/{known.alpha}/segment", data={"csrf_token": csrf, "segment": "vip"})

    assert response.headers["location"] == f"/clients/{known.alpha}?saved=segment#behaviour"
    assert refused.status_code == 400
    assert stored(runtime, known.alpha)[8] == "bad_payer"
    page = parse(logged_in.get(f"/clients/{known.alpha}"))
    assert (
        text_of(page, "//*[@data-testid='segment']")
        == "Mauvais payeur (choisi à la main ; calculé : À surveiller)"
    )
    assert page.xpath("//select[@name='segment']/option[@selected]/@value") == ["bad_payer"]


# ------------------------------------------------------------------ JSON API


def test_the_api_lists_and_shows_clients(client: TestClient, tenant: Tenant, known: Clients) -> None:
    listed = client.get("/api/v1/clients", params={"sort": "-owed", "limit": 2}, headers=tenant.headers)
    one = client.get(f"/api/v1/clients/{known.beta}", headers=tenant.headers)

    assert listed.status_code == 200
    body = listed.json()
    assert (body["total"], [c["name"] for c in body["items"]]) == (4, ["Bêta Industries", "Alpha Conseil"])
    assert body["items"][1]["behaviour"] == {"invoices": 4, "paid_late": 2, "share_late": 0.5,
                                            "average_days_late": 5.0, "computed_segment": "to_watch",
                                            "segment": "to_watch", "override": None}  # fmt: skip
    assert one.status_code == 200
    beta = one.json()
    assert (
        beta["owed"],
        beta["overdue"],
        beta["credit_limit"],
        beta["over_limit"],
        beta["active_mandate"],
    ) == (2_000_00, 2_000_00, 1_500_00, True, True)
    assert (beta["mandate"]["reference"], beta["mandate"]["status"]) == ("BRQ1", "active")


def test_the_api_edits_a_client(client: TestClient, runtime: Runtime, tenant: Tenant, known: Clients) -> None:
    before = stored(runtime, known.alpha)
    refused = client.patch(f"/api/v1/clients/{known.alpha}", json={"phone": "1", "siren": "123456789"},
                           headers=tenant.headers)  # fmt: skip
    assert refused.status_code == 422
    assert refused.json()["fields"] == {"phone": "phone", "siren": "siren"}
    assert stored(runtime, known.alpha) == before

    saved = client.patch(
        f"/api/v1/clients/{known.alpha}",
        json={"phone": "+33 6 12 34 56 78", "credit_limit": None},
        headers=tenant.headers,
    )

    assert saved.status_code == 200
    assert (saved.json()["phone"], saved.json()["credit_limit"]) == ("+33 6 12 34 56 78", None)
    assert stored(runtime, known.alpha)[3] == "+33 6 12 34 56 78"


def test_the_api_hides_other_organisations_clients(
    client: TestClient, other_tenant: Tenant, runtime: Runtime, known: Clients
) -> None:
    before = stored(runtime, known.alpha)

    assert client.get(f"/api/v1/clients/{known.alpha}", headers=other_tenant.headers).status_code == 404
    assert client.patch(f"/api/v1/clients/{known.alpha}", json={"name": "Pris"},
                        headers=other_tenant.headers).status_code == 404  # fmt: skip
    assert client.get("/api/v1/clients", headers=other_tenant.headers).json()["total"] == 1
    assert stored(runtime, known.alpha) == before
