"""Settings → organisation: the legal identity form, its errors next to each field, and the summaries of
bank details, discount and penalties that link to the pages editing them. Both database backends."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.models import Organisation
from tests.factories import Tenant
from tests.support.web import csrf_of, parse, text_of, texts_of

PAGE = "/settings/organisation"
VALID = {
    "legal_name": "Boulangerie Martin SAS", "legal_form": "SAS", "siren": "732 829 320",
    "vat_id": "FR 44 732 829 320", "share_capital": "10 000", "rcs_city": "Lyon",
    "address": "12 rue des Lilas\r\n69001 Lyon", "contact_email": "compta@martin.example",
    "phone": "04 78 00 00 00",
}  # fmt: skip
IDENTITY_COLUMNS = ("legal_name", "legal_form", "siren", "vat_id", "share_capital", "rcs_city", "address",
                    "contact_email", "phone")  # fmt: skip


def stored(db: Session, tenant: Tenant) -> dict[str, object]:
    db.expire_all()
    organisation = db.get(Organisation, tenant.organisation_id)
    assert organisation is not None
    values = {name: getattr(organisation, name) for name in IDENTITY_COLUMNS}
    db.commit()  # end the read: on SQLite it would hold the write lock
    return values


def post(client: TestClient, **typed: str) -> object:
    csrf = csrf_of(client.get(PAGE).text)
    return client.post(PAGE, data={"csrf_token": csrf, **VALID, **typed}, follow_redirects=False)


class TestPage:
    def test_settings_opens_on_the_organisation(self, logged_in: TestClient) -> None:
        response = logged_in.get("/settings", follow_redirects=False)

        assert (response.status_code, response.headers["location"]) == (303, PAGE)

    def test_the_navigation_lists_every_settings_page(self, logged_in: TestClient) -> None:
        page = parse(logged_in.get(PAGE))

        tabs = "//nav[contains(@class, 'settings-tabs')]/a"
        assert page.xpath(f"{tabs}/@href") == [
            PAGE, "/settings/payments", "/settings/dunning", "/settings/users", "/settings/api-keys",
            "/settings/layouts", "/settings/email",
        ]  # fmt: skip
        assert texts_of(page, tabs) == [
            "Organisation", "Paiements et prestataires", "Relances", "Utilisateurs", "Clés d'API",
            "Modèles appris", "E-mails",
        ]  # fmt: skip
        assert page.xpath(f"{tabs}[@aria-current='true']/@href") == [PAGE]
        assert page.xpath("//header//nav/a[@aria-current='page']/@href") == [PAGE]

    def test_bank_details_discount_and_penalties_link_to_their_forms(self, logged_in: TestClient) -> None:
        page = parse(logged_in.get(PAGE))

        assert text_of(page, "//section[@data-testid='bank']/p[1]").startswith("Aucun IBAN enregistré")
        assert page.xpath("//section[@data-testid='bank']//a/@href") == ["/settings/payments#bank"]
        assert page.xpath("//section[@data-testid='terms']//a/@href") == [
            "/settings/payments#payment-policy", "/settings/dunning#policy"
        ]  # fmt: skip
        terms = text_of(page, "//section[@data-testid='terms']")
        assert "taux légal (taux BCE + 10 points)" in terms
        assert "40 € par facture" in terms
        assert page.xpath("//*[@data-testid='identity-footer-empty']")

    def test_the_page_is_in_english_on_request(self, logged_in: TestClient) -> None:
        logged_in.cookies.set("encaisse_lang", "en")

        page = parse(logged_in.get(PAGE))

        assert text_of(page, "//form[@id='identity']/h2") == "Legal identity"
        assert text_of(page, "//label[@for='siren']") == "SIREN *"


class TestSaving:
    def test_a_valid_identity_is_saved_and_shown_in_the_footer_preview(
        self, logged_in: TestClient, tenant: Tenant, db: Session
    ) -> None:
        response = post(logged_in)

        assert (response.status_code, response.headers["location"]) == (303, f"{PAGE}?saved=1")  # type: ignore[attr-defined]
        assert stored(db, tenant) == {
            "legal_name": "Boulangerie Martin SAS", "legal_form": "SAS", "siren": "732829320",
            "vat_id": "FR44732829320", "share_capital": "10000", "rcs_city": "Lyon",
            "address": "12 rue des Lilas\n69001 Lyon", "contact_email": "compta@martin.example",
            "phone": "04 78 00 00 00",
        }  # fmt: skip
        page = parse(logged_in.get(f"{PAGE}?saved=1"))
        assert text_of(page, "//p[@role='status']") == "Identité enregistrée."
        assert page.xpath("//input[@name='siren']/@value") == ["732829320"]
        assert page.xpath("//input[@name='share_capital']/@value") == ["10000"]
        footer = page.xpath("//pre[@data-testid='identity-footer']")[0].text_content().splitlines()
        assert footer[0] == "Boulangerie Martin SAS — 12 rue des Lilas, 69001 Lyon"
        assert footer[2:] == [
            "RCS Lyon 732 829 320", "N° TVA intracommunautaire : FR44732829320",
            "04 78 00 00 00 · compta@martin.example",
        ]  # fmt: skip

    def test_optional_fields_can_be_emptied(self, logged_in: TestClient, tenant: Tenant, db: Session) -> None:
        post(logged_in)

        response = post(logged_in, vat_id="", phone="  ", address="")

        assert response.status_code == 303  # type: ignore[attr-defined]
        saved = stored(db, tenant)
        assert (saved["vat_id"], saved["phone"], saved["address"]) == (None, None, None)
        assert saved["siren"] == "732829320"

    @pytest.mark.parametrize(
        ("field", "typed", "message"),
        [
            ("legal_name", "", "Ce champ est obligatoire."),
            ("siren", "   ", "Ce champ est obligatoire."),
            ("legal_name", "x" * 201, "200 caractères au plus."),
            ("legal_form", "x" * 61, "60 caractères au plus."),
            ("siren", "7328293", "Un SIREN compte 9 chiffres."),
            ("siren", "732829321", "Ce SIREN n'existe pas : sa clé de contrôle est fausse. Vérifiez les chiffres."),  # noqa: E501
            ("vat_id", "DE123456789", "Un n° de TVA français s'écrit FR suivi de 11 caractères, par exemple FR40303265045."),  # noqa: E501
            ("vat_id", "FR45732829320", "Ce n° de TVA n'est pas valide : sa clé de contrôle est fausse."),
            ("vat_id", "FR40303265045", "Ce n° de TVA ne correspond pas au SIREN indiqué."),
            ("share_capital", "beaucoup", "Indiquez un montant en euros, par exemple 10 000 ou 7 500,50."),
            ("rcs_city", "69000", "Indiquez le nom de la ville, sans chiffres."),
            ("address", "x" * 501, "500 caractères au plus."),
            ("address", "1\n2\n3\n4\n5\n6\n7", "6 lignes au plus."),
            ("contact_email", "compta-at-martin", "Adresse e-mail non valide, par exemple contact@exemple.fr."),  # noqa: E501
            ("phone", "123", "Numéro non valide : vérifiez le nombre de chiffres, par exemple 01 23 45 67 89 ou +33 1 23 45 67 89."),  # noqa: E501
            ("phone", "01 23 45 67 8", "Numéro non valide : vérifiez le nombre de chiffres, par exemple 01 23 45 67 89 ou +33 1 23 45 67 89."),  # noqa: E501
        ],
    )  # fmt: skip
    def test_bad_input_is_explained_next_to_its_field_and_nothing_is_saved(
        self, logged_in: TestClient, tenant: Tenant, db: Session, field: str, typed: str, message: str
    ) -> None:
        response = post(logged_in, **{field: typed})

        assert response.status_code == 400  # type: ignore[attr-defined]
        page = parse(response)  # type: ignore[arg-type]
        assert text_of(page, f"//*[@id='e-{field}']") == message
        control = page.xpath(f"//*[@name='{field}']")[0]
        assert control.get("aria-invalid") == "true"
        assert f"e-{field}" in control.get("aria-describedby")
        assert page.xpath("//p[@class='field-error']/@id") == [f"e-{field}"]
        assert page.xpath("//input[@name='legal_name']/@value") == [
            typed if field == "legal_name" else VALID["legal_name"]
        ]  # as typed
        assert set(stored(db, tenant).values()) == {None}

    def test_the_error_is_in_english_for_an_english_reader(self, logged_in: TestClient) -> None:
        logged_in.cookies.set("encaisse_lang", "en")

        response = post(logged_in, siren="732829321", legal_name="")

        page = parse(response)  # type: ignore[arg-type]
        assert text_of(page, "//*[@id='e-siren']") == (
            "This SIREN does not exist: its check digit is wrong. Check the digits."
        )
        assert text_of(page, "//*[@id='e-legal_name']") == "This field is required."

    def test_a_post_without_its_csrf_token_is_refused(
        self, logged_in: TestClient, tenant: Tenant, db: Session
    ) -> None:
        response = logged_in.post(PAGE, data=VALID)

        assert response.status_code == 401
        assert set(stored(db, tenant).values()) == {None}

    def test_an_organisation_sees_only_its_own_identity(
        self, logged_in: TestClient, other_tenant: Tenant, db: Session
    ) -> None:
        post(logged_in)

        assert set(stored(db, other_tenant).values()) == {None}
