"""The invoice list page through the TestClient on SQLite and PostgreSQL: filters, bad filter input said next
to its field, sortable headers, pages that keep the filters, the CSV export, and its speed at 10,000
invoices."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi.testclient import TestClient

from api.runtime import Runtime
from tests.api.invoices.test_listing import add_invoices
from tests.factories import Tenant
from tests.support.clock import SUITE_TODAY
from tests.support.web import parse, text_of, texts_of

TODAY = SUITE_TODAY


def listed(client: TestClient, url: str) -> list[str]:
    page = parse(client.get(url))
    return texts_of(page, "//table[contains(@class,'inv-list')]/tbody/tr/td[1]")


def test_filters_combine_and_the_count_says_how_many(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant, monkeypatch: Any
) -> None:
    monkeypatch.setattr("tests.api.invoices.test_listing.TODAY", TODAY)
    clients = add_invoices(
        runtime,
        tenant,
        [
            {"number": "F-1", "client": "Garage Dupont", "due_in": -45, "total_incl_tax": 150000},
            {"number": "F-2", "client": "Garage Dupont", "due_in": -45, "total_incl_tax": 5000},
            {"number": "F-3", "client": "Café du Port", "due_in": -45, "total_incl_tax": 150000},
            {"number": "F-4", "client": "Garage Dupont", "due_in": 10, "total_incl_tax": 150000},
        ],
    )
    garage = clients["Garage Dupont"]

    url = f"/invoices?status=overdue&client={garage}&aging=31_60&amount_min=1+000,00&q=f-"
    response = logged_in.get(url)

    page = parse(response)
    assert response.status_code == 200
    assert listed(logged_in, url) == ["F-1"]
    assert text_of(page, "//*[@data-testid='result-count']") == "1 résultat(s)"
    assert text_of(page, "//tbody/tr[1]/td[2]") == "Garage Dupont"
    assert page.xpath("//tbody/tr[1]/td[2]/a/@href") == [f"/clients/{garage}"]
    assert text_of(page, "//tbody/tr[1]//*[@data-testid='view-status']") == "En retard"
    assert text_of(page, "//tbody/tr[1]/td[@data-testid='days-overdue']") == "45"
    assert page.xpath("//select[@name='client']/option[@selected]/@value") == [str(garage)]
    assert page.xpath("//input[@name='amount_min']/@value") == ["1 000,00"]  # kept as typed
    assert page.xpath("//a[@data-testid='export-csv']/@href") == [
        f"/invoices.csv?status=overdue&client={garage}&aging=31_60&amount_min=1+000%2C00&q=f-"
    ]


def test_bad_filter_input_is_explained_next_to_its_field_and_the_rest_still_applies(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant
) -> None:
    add_invoices(
        runtime, tenant, [{"number": "F-1", "total_incl_tax": 500}, {"number": "F-2", "total_incl_tax": 99}]
    )

    response = logged_in.get("/invoices?amount_min=abc&amount_max=2,00&client=xyz&q=" + "x" * 101)

    assert response.status_code == 400
    page = parse(response)
    assert text_of(page, "//p[@id='e-flt-amount_min']") == "Indiquez un montant, par exemple 1 234,56."
    assert page.xpath("//input[@id='flt-amount_min']/@aria-invalid") == ["true"]
    assert page.xpath("//input[@id='flt-amount_min']/@aria-describedby") == ["e-flt-amount_min"]
    assert text_of(page, "//p[@id='e-flt-client']") == "Choisissez un client de la liste."
    assert text_of(page, "//p[@id='e-flt-q']") == "100 caractères au plus."
    assert page.xpath("//p[@id='e-flt-amount_max']") == []
    assert texts_of(page, "//tbody/tr/td[1]") == ["F-2"]  # the valid maximum still filters


def test_a_minimum_above_the_maximum_and_english_messages(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant
) -> None:
    logged_in.get("/lang/en")

    page = parse(logged_in.get("/invoices?amount_min=30&amount_max=20"))

    assert text_of(page, "//p[@id='e-flt-amount_max']") == "The maximum must be at least the minimum."


def test_headers_sort_both_ways_and_pages_keep_filters_and_sort(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant
) -> None:
    add_invoices(
        runtime,
        tenant,
        [{"number": f"N-{n:03}", "client": "Garage Dupont"} for n in range(55)]
        + [{"number": "OTHER", "client": "Autre"}],
    )

    first = parse(logged_in.get("/invoices?q=garage&sort=number&order=desc"))

    header = first.xpath("//th[a[@data-sort='number']]")[0]
    assert header.get("aria-sort") == "descending"
    assert header.xpath("a/@href") == ["?q=garage&sort=number&order=asc"]  # a second click reverses
    assert first.xpath("//th[a[@data-sort='amount']]/@aria-sort") == ["none"]
    assert texts_of(first, "//tbody/tr/td[1]")[:2] == ["N-054", "N-053"]
    assert len(first.xpath("//tbody/tr")) == 50
    assert text_of(first, "//*[@data-testid='result-count']") == "55 résultat(s)"
    (following,) = first.xpath("//nav[@class='pager']/a[@rel='next']/@href")
    assert following.startswith("?q=garage&sort=number&order=desc&page=2&after=")  # and the cursor
    second = parse(logged_in.get("/invoices" + following))
    assert texts_of(second, "//tbody/tr/td[1]") == [f"N-{n:03}" for n in range(4, -1, -1)]
    assert second.xpath("//nav[@class='pager']/a[@rel='next']") == []
    assert second.xpath("//nav[@class='pager']/a[@rel='prev']/@href") == [
        "?q=garage&sort=number&order=desc&page=1"
    ]


def test_the_csv_export_has_every_matching_row_for_french_excel(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant
) -> None:
    add_invoices(
        runtime,
        tenant,
        [{"number": f"N-{n:03}", "client": "Garage Dupont", "total_incl_tax": 123456} for n in range(60)]
        + [{"number": "OTHER", "client": "Autre"}],
    )

    response = logged_in.get("/invoices.csv?q=garage&sort=number&page=2")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="factures.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][:4] == ["Numéro", "Client", "Client sur la facture", "Date d'émission"]
    assert len(lines) == 61  # the header and every match, not one page
    first = dict(zip(lines[0], lines[1], strict=True))
    assert (first["Numéro"], first["Total TTC"], first["Statut"]) == ("N-000", "1234,56", "À encaisser")


def test_the_csv_export_refuses_bad_filters_and_the_api_has_it_too(
    logged_in: TestClient, client: TestClient, runtime: Runtime, tenant: Tenant, other_tenant: Tenant
) -> None:
    add_invoices(runtime, tenant, [{"number": "MINE", "total_incl_tax": 150}])
    add_invoices(runtime, other_tenant, [{"number": "THEIRS"}])

    refused = logged_in.get("/invoices.csv?amount_min=abc")
    api = client.get("/api/v1/invoices/export.csv", headers=tenant.headers)
    api_refused = client.get("/api/v1/invoices/export.csv?aging=old", headers=tenant.headers)

    assert refused.status_code == 400
    assert "Indiquez un montant" in refused.text
    assert api.status_code == 200
    lines = list(csv.reader(io.StringIO(api.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][:3] == ["number", "client", "buyer_name"]
    assert [(line[0], line[8]) for line in lines[1:]] == [("MINE", "1.50")]
    assert api_refused.status_code == 400
    assert api_refused.json()["detail"].startswith("aging: not one of not_due")
