"""Schemathesis against the app's own OpenAPI: every operation, a fixed seed, bounded examples. Any 5xx,
an undocumented status code, or a body that breaks the documented schema fails the test."""

from __future__ import annotations

import os
import shutil
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from api.db import unit_of_work
from api.runtime import Runtime
from tests.conftest import empty_postgres, make_settings
from tests.factories import Tenant, create_tenant
from tests.support.capture import Capture
from tests.support.files import invoice_pdf_bytes

pytestmark = pytest.mark.fuzz

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MAX_EXAMPLES = 30


@dataclass(frozen=True)
class FuzzTarget:
    app: FastAPI
    tenant: Tenant
    ids: dict[str, str]  # path parameter → a resource that exists: invoice_id, client_id, document_id


@pytest.fixture(scope="module")
def fuzz_target(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FuzzTarget]:
    """One app for the whole module, with a tenant, a captured document, its invoice and client. SQLite by
    default (speed); ENCAISSE_FUZZ_POSTGRES=1 runs the same fuzzing against PostgreSQL."""
    root = tmp_path_factory.mktemp("fuzz")
    if os.environ.get("ENCAISSE_FUZZ_POSTGRES"):
        database_url: str = request.getfixturevalue("postgres_url")
    else:
        shutil.copy(request.getfixturevalue("sqlite_template"), root / "encaisse.db")
        database_url = f"sqlite:///{root / 'encaisse.db'}"
    app_settings = make_settings(root / "data", database_url)
    runtime = Runtime.build(app_settings)
    app = create_app(app_settings, runtime=runtime)
    with unit_of_work(runtime.session_factory) as session:
        tenant = create_tenant(session, name="Boulangerie Fuzz")
    with TestClient(app) as client:
        capture = Capture(client, runtime)
        document = capture(tenant, "facture.pdf", invoice_pdf_bytes(number="FZ-1"))
        invoice = capture.invoice(tenant, document)
        ids = {"document_id": document["id"], "invoice_id": invoice["id"], "client_id": invoice["client_id"]}
        yield FuzzTarget(app=app, tenant=tenant, ids=ids)
    runtime.close()
    if database_url.startswith("postgresql"):
        empty_postgres(database_url)


def _openapi_document() -> dict[str, Any]:
    """The app's OpenAPI, read at collection (one pytest item per operation) from a throwaway app: the
    routes do not depend on the database. (schemathesis' lazy `from_fixture` loader does not run on
    pytest 9.)"""
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        app_settings = make_settings(root / "data", f"sqlite:///{root / 'openapi.db'}")
        runtime = Runtime.build(app_settings)
        try:
            with TestClient(create_app(app_settings, runtime=runtime)) as client:
                document: dict[str, Any] = client.get("/openapi.json").json()
        finally:
            runtime.close()
    return document


schema = schemathesis.openapi.from_dict(_openapi_document())


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_fuzz_every_operation(case: schemathesis.Case, fuzz_target: FuzzTarget) -> None:
    _existing_resources(case, fuzz_target.ids)
    case.call_and_validate(app=fuzz_target.app, headers=fuzz_target.tenant.headers, checks=CHECKS)


def _existing_resources(case: schemathesis.Case, ids: dict[str, str]) -> None:
    """About half of the valid paths name the seeded invoice, client or document rather than a random id
    (a 404), so the bodies and queries reach the services; chosen from the generated value, deterministic."""
    if case.meta is None or case.meta.is_negative_at(ParameterLocation.PATH) or not case.path_parameters:
        return
    for name, value in list(case.path_parameters.items()):
        if name in ids and zlib.crc32(str(value).encode()) % 2 == 0:
            case.path_parameters[name] = ids[name]
