"""The browser's CSV import: a file uploaded without its columns is previewed (columns recognised, first rows,
lines as read) and stored only once the person confirms, with the columns shown or changed; a credit is
assigned by hand to invoices found by number or client. TestClient, SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx2
from fastapi.testclient import TestClient

from api.runtime import Runtime
from tests.api.bank.support import invoice_state, open_invoice
from tests.factories import Tenant
from tests.support.web import csrf_of, parse, text_of, texts_of
from tests.web.test_bank_pages import api_lines, upload

BANKS = Path(__file__).parents[1] / "api" / "bank" / "samples" / "banks"


def confirm(client: TestClient, page: Any, action: str = "import", **roles: str) -> httpx2.Response:
    (form,) = page.xpath("//section[@data-testid='preview']//form")
    chosen = {select.get("name"): (select.xpath("./option[@selected]/@value") or [""])[0]
              for select in form.xpath(".//select")}  # fmt: skip
    chosen.update(roles)
    data = {"csrf_token": csrf_of(client.get("/bank").text), "action": action, **chosen}
    return client.post(form.get("action"), data=data)


def test_a_bank_export_is_previewed_and_stored_only_once_confirmed(
    logged_in: TestClient, tenant: Tenant
) -> None:
    response = upload(logged_in, (BANKS / "credit_agricole.csv").read_bytes(), "ca.csv")

    assert response.status_code == 200, response.text
    page = parse(response)
    headers = texts_of(page, "//table[@data-testid='preview-columns']//th/label")
    assert headers == ["Date", "Libellé", "Débit euros", "Crédit euros", "Colonne 5"]
    roles = page.xpath("//select[@data-testid='role']/option[@selected]/@value")
    assert roles == ["date", "reference", "debit", "credit"]  # the fifth column (empty) is left out
    assert texts_of(page, "//table[@data-testid='preview-lines']//*[@data-testid='amount']") == [
        "1 200,00 €", "-89,90 €", "1 234,56 €",
    ]  # fmt: skip
    assert api_lines(logged_in, tenant) == []  # nothing stored yet

    imported = parse(confirm(logged_in, page))

    assert text_of(imported, "//*[@data-testid='new-lines']") == "3"
    assert sorted(line["amount"] for line in api_lines(logged_in, tenant)) == [-8990, 120000, 123456]
    again = confirm(logged_in, page)  # the held file was imported: it is gone
    assert again.status_code == 400
    assert "n'est plus en attente" in text_of(parse(again), "//*[@data-testid='import-error']")


def test_the_person_changes_a_column_and_looks_again_before_importing(
    logged_in: TestClient, tenant: Tenant
) -> None:
    page = parse(upload(logged_in, (BANKS / "two_soldes.csv").read_bytes(), "soldes.csv"))
    assert page.xpath("//select[@name='role_4']/option[@selected]/@value") == ["balance"]

    # Say the other "Solde" is the amount: the preview now reads the running balance as the amounts.
    wrong = parse(confirm(logged_in, page, "refresh", role_3="balance", role_4="amount"))

    assert (
        texts_of(wrong, "//table[@data-testid='preview-lines']//*[@data-testid='amount']")[0] == "11 200,00 €"
    )
    assert api_lines(logged_in, tenant) == []
    assert (
        text_of(parse(confirm(logged_in, wrong, role_3="amount", role_4="")), "//*[@data-testid='new-lines']")
        == "3"
    )
    assert sorted(line["amount"] for line in api_lines(logged_in, tenant)) == [-8990, 120000, 123456]


def test_a_choice_without_amount_is_explained_and_nothing_stored(
    logged_in: TestClient, tenant: Tenant
) -> None:
    page = parse(upload(logged_in, (BANKS / "cic.csv").read_bytes(), "cic.csv"))

    response = confirm(logged_in, page, role_3="")

    assert response.status_code == 400
    assert "Indiquez la colonne du montant" in text_of(parse(response), "//*[@data-testid='import-error']")
    assert api_lines(logged_in, tenant) == []


def test_an_unmatched_credit_is_assigned_by_hand_to_invoices_found_by_client(
    logged_in: TestClient, tenant: Tenant, runtime: Runtime
) -> None:
    first = open_invoice(runtime, tenant, "F-2026-0401", 30000, buyer="Garage Dupont SA")
    second = open_invoice(runtime, tenant, "F-2026-0402", 50000, buyer="Garage Dupont SA")
    open_invoice(runtime, tenant, "F-2026-0403", 70000, buyer="Boulangerie Martin")
    data = "Date;Libellé;Montant\n14/12/2026;VIR SEPA GARAGE;900,00\n".encode()
    bank_page = parse(
        upload(logged_in, data, "r.csv", {"date": "Date", "amount": "Montant", "reference": "Libellé"})
    )
    (link,) = bank_page.xpath("//section[@data-testid='to-assign']//a[@data-action='assign']/@href")

    found = parse(logged_in.get(link, params={"q": "dupont"}))

    assert texts_of(found, "//*[@data-testid='invoice-number']") == ["F-2026-0401", "F-2026-0402"]
    csrf = csrf_of(logged_in.get("/bank").text)
    form = {"csrf_token": csrf, "q": "dupont", "invoice_id": [first, second]}
    refused = logged_in.post(link, data=form)
    assert refused.status_code == 400
    assert text_of(parse(refused), "//*[@data-testid='assign-error']") == (
        "Il resterait 100.00 EUR une fois les factures payées : ajoutez une facture, "
        "ou gardez le reste en trop-perçu."
    )
    assert invoice_state(logged_in, tenant, first) == ("open", 30000)

    done = logged_in.post(link, data={**form, "overpayment": "yes"}, follow_redirects=False)

    assert (done.status_code, done.headers["location"]) == (303, "/bank?done=assigned")
    assert invoice_state(logged_in, tenant, first) == ("paid", 0)
    assert invoice_state(logged_in, tenant, second) == ("paid", -10000)
    assert [line["status"] for line in api_lines(logged_in, tenant)] == ["matched"]
