"""Issue 14.6 (a): a reminder template cannot exhaust the machine. `{{ "x" * 100000000 }}` used to render a
100 MB answer; every way of growing (one operation, many, the output, the time) is now bounded, refused with a
4xx naming the limit, and nothing is saved. Real sends use the same renderer (`templates.render`)."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from api.dunning import sandbox, templates
from tests.factories import Tenant
from tests.support.web import csrf_of, log_in, parse

HUGE = '{{ "x" * 100000000 }}'

COSTLY = {
    "repeat": HUGE,
    "filter width": '{{ "x"|center(100000000) }}',
    "method width": '{{ "x".ljust(100000000) }}',
    "percent width": '{{ "%100000000s" % "x" }}',
    "format filter width": '{{ "%100000000s"|format("x") }}',
    "str.format width": '{{ "{:>100000000}".format(1) }}',
    "replace blow-up": '{{ ("x" * 100000)|replace("x", "yy") }}',
    "power": "{{ 9 ** (9 ** 9) }}",
    "doubling namespace": '{% set ns = namespace(s="0123456789") %}{% for i in range(40) %}'
    "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    "concatenation": '{% set s = "x" * 100000 %}{{ s ~ s ~ s ~ s }}',
    "macro buffer": '{% set s = "x" * 1000 %}{% macro m() %}{% for i in range(100000) %}{{ s }}{% endfor %}'
    "{% endmacro %}{{ m() }}",
    "output": '{% for i in range(100000) %}{{ "x" * 1000 }}{% endfor %}',
    "many small values": '{{ range(99999)|map("string")|map("center", 1000)|list|length }}',
    "recursion": "{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}",
}


def _refused(body: str) -> templates.TemplateTooCostly:
    with pytest.raises(templates.TemplateTooCostly) as refused:
        templates.render("Rappel", body, templates.sample_context())
    return refused.value


@pytest.mark.parametrize("body", COSTLY.values(), ids=COSTLY.keys())
def test_a_costly_template_is_refused_quickly_naming_the_limit(body: str) -> None:
    started = time.monotonic()

    refused = _refused(body)

    assert time.monotonic() - started < sandbox.TIME_LIMIT + 0.5
    assert refused.part == "body"
    assert refused.kind in ("output", "value", "work", "depth")
    if refused.kind != "depth":
        assert f"{refused.limit}" in str(refused)


def test_a_loop_that_outputs_nothing_is_stopped_by_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.3)
    started = time.monotonic()

    refused = _refused("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")

    assert (refused.kind, refused.limit) == ("time", 0.3)
    assert time.monotonic() - started < 2


def test_subject_and_body_share_the_output_limit() -> None:
    half = '{% for i in range(60) %}{{ "x" * 1000 }}{% endfor %}'
    assert len(templates.render("S", half, {}).text) > 60_000  # each alone is fine

    with pytest.raises(templates.TemplateTooCostly) as refused:
        templates.render(half, half, {})

    assert (refused.value.kind, refused.value.part) == ("output", "body")


def test_ordinary_templates_and_the_built_in_ones_still_render() -> None:
    context = templates.sample_context()
    body = (
        "{{ client_name }} : {{ days_late * 2 }} jours, {{ '%.2f'|format(1.5) }}, {{ 'ab' * 3 }}\n"
        "{% set ns = namespace(n=0) %}{% for o in other_invoices %}{% set ns.n = ns.n + 1 %}{% endfor %}"
        "{{ ns.n }} {{ (client_name ~ ' ' ~ invoice_number)|upper }} {{ 2 ** 10 }} {{ 10 // 3 }}\n"
    )
    assert templates.render("Rappel", body, context).text == (
        "Boulangerie Martin : 30 jours, 1.50, ababab\n1 BOULANGERIE MARTIN F-2026-0042 1024 3\n"
    )
    for key in templates.KEYS:
        for language in templates.LANGUAGES:
            subject, text = templates.built_in(key, language)
            assert templates.render(subject, text, templates.sample_context(language)).text


def test_the_preview_endpoint_refuses_with_a_4xx_naming_the_limit(client: TestClient, tenant: Tenant) -> None:
    response = client.post("/api/v1/dunning/templates/preview", headers=tenant.headers,
                           json={"subject": "Rappel", "body": HUGE})  # fmt: skip

    assert response.status_code == 422
    assert response.json()["error"] == "template_too_costly"
    assert response.json()["detail"] == "body: a value would exceed 100000 characters"
    assert len(response.content) < 1000


def test_saving_through_the_api_is_refused_and_nothing_is_saved(client: TestClient, tenant: Tenant) -> None:
    response = client.put("/api/v1/dunning/templates/friendly/fr", headers=tenant.headers,
                          json={"subject": "Rappel", "body": HUGE})  # fmt: skip

    assert response.status_code == 422
    assert response.json()["error"] == "template_too_costly"
    listed = client.get("/api/v1/dunning/templates", headers=tenant.headers).json()
    [friendly] = [t for t in listed if (t["key"], t["language"]) == ("friendly", "fr")]
    assert friendly["customised"] is False


@pytest.mark.parametrize("action", ["save", "preview"])
def test_the_settings_page_refuses_in_french_naming_the_limit(
    client: TestClient, tenant: Tenant, action: str
) -> None:
    log_in(client, tenant)
    token = csrf_of(client.get("/settings/dunning").text)

    form = {"csrf_token": token, "subject": "Rappel", "body": HUGE, "action": action}
    response = client.post("/settings/dunning/templates/friendly/fr", data=form, follow_redirects=False)

    assert response.status_code == 400
    assert len(response.content) < 1_000_000
    [error] = parse(response).xpath("//*[@data-testid='template-error']")
    assert error.text_content().strip() == (
        "Modèle refusé — texte : une valeur calculée dépasserait 100\u202f000 caractères "
        "(limite de taille d'une valeur)"
    )
    listed = client.get("/api/v1/dunning/templates", headers=tenant.headers).json()
    [friendly] = [t for t in listed if (t["key"], t["language"]) == ("friendly", "fr")]
    assert friendly["customised"] is False
