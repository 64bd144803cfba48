"""The OpenAPI documents the error body we send ({"error", "detail"}), not FastAPI's HTTPValidationError."""

from __future__ import annotations

import jsonschema_rs
from fastapi.testclient import TestClient

from tests.factories import Tenant


def error_schema(document: dict[str, object]) -> dict[str, object]:
    """ErrorBody with its references resolvable: the document's components alongside."""
    return {"$ref": "#/components/schemas/ErrorBody", "components": document["components"]}


def test_every_error_answer_is_documented_as_the_body_we_send(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert "ValidationError" not in schemas
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for code, response in operation["responses"].items():
                if int(code) >= 400:
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (method, path, code)
            if path.startswith("/api/"):
                assert "401" in operation["responses"], (method, path)


def test_a_real_422_and_a_real_400_match_the_documented_schema(client: TestClient, tenant: Tenant) -> None:
    validator = jsonschema_rs.validator_for(error_schema(client.get("/openapi.json").json()))

    invalid = client.get("/api/v1/invoices", headers=tenant.headers, params={"limit": "many"})
    unreadable = client.put("/api/v1/settings/payments", content=b"\xff\xfe{",
                            headers={**tenant.headers, "Content-Type": "application/json"})  # fmt: skip
    unknown = client.get("/api/v1/invoices/00000000-0000-0000-0000-000000000000", headers=tenant.headers)

    assert invalid.status_code == 422
    assert invalid.json()["error"] == "validation_error"
    assert unreadable.status_code == 400
    assert unreadable.json()["error"] == "bad_request"
    assert unknown.status_code == 404
    for response in (invalid, unreadable, unknown):
        validator.validate(response.json())
