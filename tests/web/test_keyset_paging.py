"""The invoice list's pages through the TestClient, on SQLite and PostgreSQL: the next and previous links
carry a cursor and lead through every invoice once, "Page N sur M" says where one is, a typed page number
still works, a spoilt cursor is no error, and with many clients the client filter gives way to the search.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient

from api.runtime import Runtime
from tests.api.invoices.test_listing import add_invoices
from tests.factories import Tenant
from tests.support.web import parse, text_of, texts_of

NUMBERS = [f"P-{n:03}" for n in range(120)]  # created a minute apart: newest (P-119) first


def numbers(page: Any) -> list[str]:
    return texts_of(page, "//table[contains(@class,'inv-list')]/tbody/tr/td[1]")


def link(page: Any, rel: str) -> str | None:
    found = page.xpath(f"//nav[@class='pager']/a[@rel='{rel}']/@href")
    return found[0] if found else None


def test_the_links_lead_through_every_invoice_once_and_back(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant
) -> None:
    add_invoices(runtime, tenant, [{"number": n} for n in NUMBERS])

    pages, url = [], "/invoices"
    while url:
        page = parse(logged_in.get(url))
        pages.append(page)
        following = link(page, "next")
        url = "/invoices" + following if following else ""

    assert [n for page in pages for n in numbers(page)] == NUMBERS[::-1]
    assert [text_of(page, "//*[@data-testid='page-of']") for page in pages] == [
        "Page 1 sur 3", "Page 2 sur 3", "Page 3 sur 3",
    ]  # fmt: skip
    second_link = link(pages[0], "next")
    assert second_link is not None
    assert "after" in parse_qs(urlsplit(second_link).query)
    back = link(pages[2], "prev")  # from the last page: page 2 again, read backwards from its cursor
    assert back is not None
    assert parse_qs(urlsplit(back).query)["page"] == ["2"]
    assert numbers(parse(logged_in.get("/invoices" + back))) == numbers(pages[1])
    assert link(pages[1], "prev") == "?page=1"  # the first page needs no cursor


def test_a_typed_page_number_and_a_spoilt_cursor_give_that_page(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant
) -> None:
    add_invoices(runtime, tenant, [{"number": n} for n in NUMBERS])
    by_link = parse(logged_in.get("/invoices" + str(link(parse(logged_in.get("/invoices")), "next"))))

    typed = logged_in.get("/invoices?page=2")
    spoilt = logged_in.get("/invoices?page=2&after=not-a-cursor")
    other_sort = logged_in.get(
        "/invoices?page=2&sort=amount&after=" + str(link(by_link, "next")).split("after=")[1]
    )

    assert numbers(parse(typed)) == numbers(by_link) == NUMBERS[::-1][50:100]
    assert spoilt.status_code == 200
    assert numbers(parse(spoilt)) == numbers(by_link)
    assert other_sort.status_code == 200  # a cursor of another order is not used
    assert len(numbers(parse(other_sort))) == 50


def test_beyond_the_last_page_the_list_is_empty_and_leads_back_to_the_first(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant
) -> None:
    add_invoices(runtime, tenant, [{"number": n} for n in NUMBERS[:3]])

    page = parse(logged_in.get("/invoices?page=7"))

    assert numbers(page) == []
    assert link(page, "prev") == "?page=1"


def test_with_many_clients_the_filter_keeps_only_the_chosen_one_and_points_to_the_search(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant, monkeypatch: Any
) -> None:
    monkeypatch.setattr("web.invoice_list.CLIENT_CHOICES", 2)
    clients = add_invoices(runtime, tenant, [{"number": f"C-{n}", "client": f"Client {n}"} for n in range(3)])
    chosen = clients["Client 1"]

    everything = parse(logged_in.get("/invoices"))
    filtered = parse(logged_in.get(f"/invoices?client={chosen}"))

    assert everything.xpath("//select[@name='client']/option/@value") == [""]
    assert text_of(everything, "//*[@data-testid='many-clients']").startswith("Trop de clients")
    assert everything.xpath("//select[@name='client']/@aria-describedby") == ["h-flt-client"]
    assert filtered.xpath("//select[@name='client']/option[@selected]/@value") == [str(chosen)]
    assert texts_of(filtered, "//select[@name='client']/option") == ["Tous les clients", "Client 1"]
    assert numbers(filtered) == ["C-1"]


def test_with_few_clients_every_one_is_offered(
    logged_in: TestClient, runtime: Runtime, tenant: Tenant
) -> None:
    add_invoices(runtime, tenant, [{"number": f"C-{n}", "client": f"Client {n}"} for n in range(3)])

    page = parse(logged_in.get("/invoices"))

    assert texts_of(page, "//select[@name='client']/option")[1:] == ["Client 0", "Client 1", "Client 2"]
    assert page.xpath("//*[@data-testid='many-clients']") == []
