"""Nothing fails silently: a job that failed for good is on the home page's "À faire" list and on its
invoice's page, in French, with its reason and a retry button; a time-barred invoice is flagged on both."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import lxml.html
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.clock import utc_now
from api.db import unit_of_work
from api.jobs.backends import InProcessBackend
from api.models import Invoice, Job
from api.runtime import Runtime
from api.settings import Settings
from api.worker import import_task_modules
from tests.api.reports import builders as b
from tests.factories import Tenant
from tests.support.tasks import runs
from tests.support.web import csrf_of, log_in, parse, text_of, texts_of
from web.i18n import LANGUAGE_COOKIE

import_task_modules(["tests.support.tasks"])

PYTHON_MESSAGE = "invalid literal for int() with base 10: 'abc'"


def failed(session: Session, tenant: Tenant, name: str, payload: dict[str, Any], *, error: str) -> uuid.UUID:
    moment = utc_now() - timedelta(hours=2)
    row = Job(organisation_id=tenant.organisation_id, name=name, payload=payload, status="failed", attempts=5,
              max_attempts=5, run_after=moment, finished_at=moment, last_error=error)  # fmt: skip
    session.add(row)
    session.flush()
    return row.id


def chase_failed(
    runtime: Runtime, tenant: Tenant, *, error: str, due: date = date(2026, 11, 2)
) -> tuple[Invoice, uuid.UUID]:
    with unit_of_work(runtime.session_factory) as session:
        invoice = b.invoice(
            session, tenant, total=480_00, due=due, number="FA-2026-0042", buyer="Garage Lenoir"
        )
        payload = {"tenant": str(tenant.organisation_id), "invoice": str(invoice.id)}
        job_id = failed(session, tenant, "dunning.chase_invoice", payload, error=error)
        session.expunge(invoice)
    return invoice, job_id


def status_of(runtime: Runtime, job_id: uuid.UUID) -> tuple[str, int]:
    with unit_of_work(runtime.session_factory) as session:
        row = session.get(Job, job_id)
        assert row is not None
        return row.status, row.attempts


def home(client: TestClient, path: str = "/") -> tuple[lxml.html.HtmlElement, str]:
    response = client.get(path)
    assert response.status_code == 200
    return parse(response), response.text


class TestHome:
    def test_a_failed_job_is_listed_in_french_with_its_reason_and_invoice(
        self, runtime: Runtime, tenant: Tenant, logged_in: TestClient
    ) -> None:
        invoice, job_id = chase_failed(runtime, tenant, error="api.notifications.service.EmailNotSent: 421")

        page, _ = home(logged_in)

        assert text_of(page, "//*[@data-testid='attention-failed_jobs-count']") == "1"
        [line] = page.xpath("//*[@data-testid='attention-failed_jobs']//*[@data-testid='failed-job']")
        assert line.get("data-job") == str(job_id)
        assert text_of(line, ".//strong") == "Préparation d'une relance"
        assert text_of(line, ".//*[@data-testid='failed-job-reason']") == (
            "Le serveur d'e-mail a refusé le message ou n'a pas répondu."
        )
        assert line.xpath(".//a/@href") == [f"/invoices/{invoice.id}/review#failed-jobs"]
        assert texts_of(line, ".//button") == ["Réessayer"]

    def test_an_unknown_error_says_a_generic_sentence_never_the_python_message(
        self, runtime: Runtime, tenant: Tenant, logged_in: TestClient
    ) -> None:
        chase_failed(runtime, tenant, error=f"ValueError: {PYTHON_MESSAGE}")

        page, html = home(logged_in)

        assert text_of(page, "//*[@data-testid='failed-job-reason']") == (
            "Une erreur inattendue s'est produite. Vous pouvez réessayer ; "
            "si l'échec se répète, contactez le support."
        )
        assert "ValueError" not in html
        assert "invalid literal" not in html

    def test_nothing_failed_means_no_failed_group(self, tenant: Tenant, logged_in: TestClient) -> None:
        page, _ = home(logged_in)

        assert page.xpath("//*[@data-testid='attention-failed_jobs']") == []
        assert (
            text_of(page, "//*[@data-testid='attention-list']//p[@class='empty']")
            == "Rien ne vous attend aujourd'hui."
        )

    def test_another_organisations_failure_is_not_shown(
        self, runtime: Runtime, tenant: Tenant, other_tenant: Tenant, logged_in: TestClient
    ) -> None:
        chase_failed(runtime, other_tenant, error="TimeoutError: slow")

        page, _ = home(logged_in)

        assert page.xpath("//*[@data-testid='failed-job']") == []

    def test_a_time_barred_invoice_is_listed_with_the_day_it_became_so(
        self, runtime: Runtime, tenant: Tenant, logged_in: TestClient
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            old = b.invoice(session, tenant, total=75_00, due=date(2020, 6, 30), issued=date(2020, 5, 31),
                            number="FA-2020-0007", buyer="Garage Lenoir")  # fmt: skip
            b.invoice(session, tenant, total=75_00, due=date(2024, 6, 30), issued=date(2024, 5, 31))
            old_id = old.id

        page, _ = home(logged_in)

        assert text_of(page, "//*[@data-testid='attention-time_barred-count']") == "1"
        [line] = page.xpath("//*[@data-testid='time-barred-invoice']")
        assert line.xpath(".//a/@href") == [f"/invoices/{old_id}/review#time-barred"]
        assert "FA-2020-0007" in text_of(line, ".")
        assert "prescrite depuis le 01/07/2025" in text_of(line, ".")


class TestRetry:
    def test_the_button_requeues_the_job_it_runs_and_the_page_says_so(
        self, runtime: Runtime, settings: Settings, tenant: Tenant, logged_in: TestClient
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            job_id = failed(session, tenant, "tests.touch", {"key": "from-home"}, error="TimeoutError: slow")
        _, html = home(logged_in)

        response = logged_in.post(
            f"/jobs/{job_id}/retry", data={"csrf_token": csrf_of(html)}, follow_redirects=False
        )
        assert isinstance(runtime.backend, InProcessBackend)
        assert runtime.backend.wait_idle()

        assert response.status_code == 303
        assert response.headers["location"] == "/?job=queued#attention-title"
        assert status_of(runtime, job_id) == ("done", 1)
        assert runs(settings.data_dir, "from-home") == 1
        page, _ = home(logged_in, response.headers["location"])
        assert text_of(page, "//*[@data-testid='job-flash']") == (
            "La tâche a été remise dans la file : elle va être tentée de nouveau."
        )
        assert page.xpath("//*[@data-testid='failed-job']") == []

    def test_without_the_csrf_token_nothing_is_requeued(
        self, runtime: Runtime, tenant: Tenant, logged_in: TestClient
    ) -> None:
        _, job_id = chase_failed(runtime, tenant, error="TimeoutError: slow")

        response = logged_in.post(
            f"/jobs/{job_id}/retry", data={"csrf_token": "forged"}, follow_redirects=False
        )

        assert response.status_code in (401, 403)
        assert status_of(runtime, job_id) == ("failed", 5)

    def test_another_organisations_job_cannot_be_retried(
        self, runtime: Runtime, tenant: Tenant, other_tenant: Tenant, logged_in: TestClient
    ) -> None:
        _, job_id = chase_failed(runtime, other_tenant, error="TimeoutError: slow")
        _, html = home(logged_in)

        response = logged_in.post(
            f"/jobs/{job_id}/retry", data={"csrf_token": csrf_of(html)}, follow_redirects=False
        )

        assert response.status_code == 404
        assert status_of(runtime, job_id) == ("failed", 5)


class TestInvoicePage:
    def test_the_invoice_shows_its_failure_and_the_retry_comes_back_to_it(
        self, runtime: Runtime, tenant: Tenant, logged_in: TestClient
    ) -> None:
        invoice, job_id = chase_failed(
            runtime, tenant, error="api.penalties.policy.RateUnknown: no rate for 2017"
        )
        response = logged_in.get(f"/invoices/{invoice.id}/review")
        page = parse(response)

        [line] = page.xpath("//*[@data-testid='invoice-failed-jobs']//*[@data-testid='failed-job']")
        assert text_of(line, ".//*[@data-testid='failed-job-reason']") == (
            "Le taux des pénalités de retard applicable à cette facture n'est pas connu."
        )
        assert line.xpath(".//input[@name='invoice']/@value") == [str(invoice.id)]

        retried = logged_in.post(
            f"/jobs/{job_id}/retry", data={"csrf_token": csrf_of(response.text), "invoice": str(invoice.id)},
            follow_redirects=False,
        )  # fmt: skip

        assert retried.headers["location"] == f"/invoices/{invoice.id}/review?job=queued#failed-jobs"

    def test_a_time_barred_invoice_says_so_and_why_reminders_stopped(
        self, runtime: Runtime, tenant: Tenant, logged_in: TestClient
    ) -> None:
        with unit_of_work(runtime.session_factory) as session:
            old = b.invoice(session, tenant, total=75_00, due=date(2021, 3, 15), issued=date(2021, 2, 15))
            recent = b.invoice(session, tenant, total=75_00, due=date(2026, 3, 15), issued=date(2026, 2, 15))
            ids = old.id, recent.id

        barred = parse(logged_in.get(f"/invoices/{ids[0]}/review"))
        live = parse(logged_in.get(f"/invoices/{ids[1]}/review"))

        notice = text_of(barred, "//*[@data-testid='time-barred']")
        assert "Facture prescrite" in notice
        assert "depuis le 16/03/2026" in notice
        assert "L110-4" in notice
        assert "la facture est prescrite" in text_of(barred, "//*[@data-testid='reminders-stopped']")
        assert live.xpath("//*[@data-testid='time-barred']") == []


def test_the_page_is_english_for_an_english_reader(
    runtime: Runtime, tenant: Tenant, client: TestClient
) -> None:
    chase_failed(runtime, tenant, error="TimeoutError: slow")
    client.cookies.set(LANGUAGE_COOKIE, "en")
    log_in(client, tenant)

    page, _ = home(client)

    assert text_of(page, "//*[@data-testid='failed-job-reason']") == "The operation took too long."
