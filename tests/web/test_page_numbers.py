"""Page numbers in the lists' links are typed by anyone: a huge one was an OFFSET past 2**63 (a 500), a
superscript digit a ValueError (a 500). Now a 400 page with the reason, or the first page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("path", ["/documents", "/events"])
def test_a_page_number_beyond_the_last_possible_is_a_400_page(logged_in: TestClient, path: str) -> None:
    for page in (10**20, 2**63, 100_001):
        response = logged_in.get(path, params={"page": page})
        assert response.status_code == 400, response.text
        assert 'data-testid="error-detail"' in response.text
    assert logged_in.get(path, params={"page": 100_000}).status_code == 200


@pytest.mark.parametrize("page", ["²", "1" * 5000, "10000000000000000000000", "-3", "0"])
def test_an_unreadable_invoice_list_page_is_the_first_page(logged_in: TestClient, page: str) -> None:
    response = logged_in.get("/invoices", params={"page": page})
    assert response.status_code == 200, response.text
