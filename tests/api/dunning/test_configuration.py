"""Editing the set-up through the API: templates checked at save time (with the line of the error),
previews, sequences per segment, the policy, holds and the timeline."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

from api.clock import paris_today
from api.runtime import Runtime
from api.settings import Settings
from tests.api.dunning.conftest import chase, make_client, make_invoice, paris
from tests.factories import Tenant
from tests.support.smtp import Inbox

DUE = date(2026, 11, 16)


class TestTemplates:
    def test_a_template_with_a_syntax_error_is_refused_with_its_line(
        self, client: TestClient, tenant: Tenant
    ) -> None:
        body = "Bonjour {{ client_name }},\n\n{% if penalties %}\nPénalités : {{ penalties }}\n"

        response = client.put("/api/v1/dunning/templates/friendly/fr", headers=tenant.headers,
                              json={"subject": "Rappel", "body": body})  # fmt: skip

        assert response.status_code == 422
        assert response.json()["error"] == "invalid_template"
        assert response.json()["detail"].startswith("body, line 4:")
        templates = client.get("/api/v1/dunning/templates", headers=tenant.headers).json()
        friendly = [t for t in templates if (t["key"], t["language"]) == ("friendly", "fr")][0]
        assert friendly["customised"] is False  # nothing saved

    def test_an_unknown_variable_is_refused(self, client: TestClient, tenant: Tenant) -> None:
        response = client.put("/api/v1/dunning/templates/friendly/fr", headers=tenant.headers,
                              json={"subject": "Rappel {{ facture }}", "body": "Bonjour"})  # fmt: skip

        assert response.status_code == 422
        assert "'facture' is undefined" in response.json()["detail"]

    def test_a_sandboxed_template_cannot_reach_python(self, client: TestClient, tenant: Tenant) -> None:
        body = "{{ client_name.__class__.__mro__[1].__subclasses__() }}"

        response = client.put("/api/v1/dunning/templates/friendly/fr", headers=tenant.headers,
                              json={"subject": "x", "body": body})  # fmt: skip

        assert response.status_code == 422
        assert "unsafe" in response.json()["detail"]

    def test_a_saved_template_is_used_for_the_next_reminder(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, mail_settings: Settings, inbox: Inbox
    ) -> None:
        saved = client.put("/api/v1/dunning/templates/friendly/fr", headers=tenant.headers,
                           json={"subject": "Où en est {{ invoice_number }} ?",
                                 "body": "Reste dû : {{ amount_due }}\nPayer : {{ pay_url }}\n"})  # fmt: skip
        assert saved.status_code == 200
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        chase(runtime, mail_settings, tenant, invoice_id, paris(date(2026, 11, 17)))

        [message] = inbox.parsed()
        assert message["Subject"] == "Où en est F-2026-0042 ?"
        assert message.get_body(("plain",)).get_content().startswith("Reste dû : 1")  # type: ignore[union-attr]

    def test_the_preview_renders_sample_figures_in_both_parts(
        self, client: TestClient, tenant: Tenant
    ) -> None:
        response = client.post("/api/v1/dunning/templates/preview", headers=tenant.headers,
                               json={"subject": "Facture {{ invoice_number }}",
                                     "body": "<b>{{ client_name }}</b> {{ pay_url }}"})  # fmt: skip

        assert response.status_code == 200
        preview = response.json()
        assert preview["subject"] == "Facture F-2026-0042"
        assert "&lt;b&gt;Boulangerie Martin&lt;/b&gt;" in preview["html"]  # text is escaped in the HTML part
        assert '<a href="https://encaisse.example/pay/exemple">' in preview["html"]


class TestSequencesAndPolicy:
    def test_the_default_sequence_is_the_french_cadence(self, client: TestClient, tenant: Tenant) -> None:
        [default] = client.get("/api/v1/dunning/sequences", headers=tenant.headers).json()

        assert default["built_in"] is True
        assert [(s["key"], s["offset_days"], s["channel"]) for s in default["steps"]] == [
            ("courtesy", -3, "email"), ("due", 1, "email"), ("j5", 5, "email"), ("j15", 15, "email"),
            ("j30", 30, "email"), ("call", 35, "call"), ("formal_notice", 45, "letter"),
            ("handoff", 60, "handoff"),
        ]  # fmt: skip

    def test_a_segment_gets_its_own_sequence_and_bad_steps_are_refused(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, mail_settings: Settings, inbox: Inbox
    ) -> None:
        sms = [{"key": "x", "offset_days": 1, "channel": "sms"}]
        bad = client.put("/api/v1/dunning/sequences/bad_payer", headers=tenant.headers,
                         json={"name": "Fermes", "steps": sms})  # fmt: skip
        assert bad.status_code == 400
        assert "channel must be one of" in bad.json()["detail"]
        steps = [{"key": "early", "offset_days": 0, "channel": "letter", "template": "formal_notice",
                  "tone": "formal", "show_penalties": True}]  # fmt: skip
        saved = client.put("/api/v1/dunning/sequences/bad_payer", headers=tenant.headers,
                           json={"name": "Mauvais payeurs", "steps": steps})  # fmt: skip
        assert saved.status_code == 200
        client_id = make_client(runtime, tenant)
        set_segment = client.put(f"/api/v1/clients/{client_id}/segment", headers=tenant.headers,
                                 json={"segment": "bad_payer"})  # fmt: skip
        assert set_segment.json()["segment"] == "bad_payer"
        assert set_segment.json()["computed_segment"] == "reliable"
        invoice_id = make_invoice(runtime, tenant, client_id=client_id, due=DUE)

        chase(runtime, mail_settings, tenant, invoice_id, paris(date(2026, 11, 17)))

        [message] = inbox.parsed()
        assert message["Subject"].startswith("MISE EN DEMEURE DE PAYER")

    def test_the_policy_refuses_an_inverted_window_and_keeps_blackouts(
        self, client: TestClient, tenant: Tenant
    ) -> None:
        inverted = client.patch("/api/v1/dunning/policy", headers=tenant.headers,
                                json={"window_start_minute": 1000, "window_end_minute": 600})  # fmt: skip
        assert inverted.status_code == 400
        saved = client.patch("/api/v1/dunning/policy", headers=tenant.headers,
                             json={"blackouts": [{"start": "2026-08-01", "end": "2026-08-23"}],
                                   "contract_rate": "15"})  # fmt: skip
        assert saved.status_code == 200
        policy = client.get("/api/v1/dunning/policy", headers=tenant.headers).json()
        assert policy["blackouts"] == [{"start": "2026-08-01", "end": "2026-08-23"}]
        assert policy["contract_rate"] == "15.000"
        assert policy["window_start_minute"] == 540


class TestHoldsAndTimeline:
    def test_a_promise_without_a_date_or_a_dispute_without_reason_is_refused(
        self, client: TestClient, tenant: Tenant, runtime: Runtime
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=None, due=DUE)

        no_date = client.post(f"/api/v1/invoices/{invoice_id}/holds", headers=tenant.headers,
                              json={"kind": "promise"})  # fmt: skip
        no_reason = client.post(f"/api/v1/invoices/{invoice_id}/holds", headers=tenant.headers,
                                json={"kind": "dispute", "reason": "  "})  # fmt: skip

        assert (no_date.status_code, no_reason.status_code) == (400, 400)
        assert client.get(f"/api/v1/invoices/{invoice_id}/timeline", headers=tenant.headers).json() == []

    def test_the_timeline_shows_reminders_payments_and_holds_in_order(
        self, client: TestClient, tenant: Tenant, runtime: Runtime, mail_settings: Settings, inbox: Inbox
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)
        chase(runtime, mail_settings, tenant, invoice_id, paris(date(2026, 11, 17)))
        promised = (paris_today() + timedelta(days=10)).isoformat()
        hold = client.post(f"/api/v1/invoices/{invoice_id}/holds", headers=tenant.headers,
                           json={"kind": "promise", "until": promised})  # fmt: skip
        assert hold.status_code == 201
        ended = client.post(f"/api/v1/dunning/holds/{hold.json()['id']}/end", headers=tenant.headers)
        assert ended.status_code == 200
        paid = client.post(f"/api/v1/invoices/{invoice_id}/payments", headers=tenant.headers,
                           json={"amount": "1200", "date": "2026-11-18", "method": "transfer"})  # fmt: skip
        assert paid.status_code in (200, 201), paid.text

        events = client.get(f"/api/v1/invoices/{invoice_id}/timeline", headers=tenant.headers).json()

        kinds = [(e["kind"], e["detail"].get("step") or e["detail"].get("kind")) for e in events]
        assert ("reminder", "due") in kinds
        assert ("payment", "succeeded") in kinds
        assert kinds[-2:] == [("hold", "promise"), ("hold_ended", None)]
        sent = [e for e in events if e["kind"] == "reminder" and e["detail"]["step"] == "due"][0]
        assert sent["detail"]["message_id"] == inbox.parsed()[0]["Message-ID"]
