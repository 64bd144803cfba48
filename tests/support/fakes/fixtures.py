"""Response shapes from the providers' own published fixtures (../shared/providers/), so the fakes answer
objects with every field the real API has, not only the ones our adapters read today."""

from __future__ import annotations

import copy
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[3]
PROVIDERS = Path(os.environ.get("ENCAISSE_PROVIDER_FIXTURES", REPO_ROOT.parent / "shared" / "providers"))


@cache
def _stripe_resources() -> dict[str, Any]:
    resources: dict[str, Any] = json.loads((PROVIDERS / "stripe" / "fixtures3.json").read_text())["resources"]
    return resources


@cache
def _gocardless_fixture(resource: str) -> dict[str, Any]:
    fixture: dict[str, Any] = json.loads(
        (PROVIDERS / "gocardless" / "fixtures" / f"{resource}.json").read_text()
    )
    return fixture


def stripe_object(name: str, /, **fields: Any) -> dict[str, Any]:
    """A Stripe object of type `name` ("checkout.session") with `fields` replacing the sample values."""
    template: dict[str, Any] = copy.deepcopy(_stripe_resources()[name])
    template.update(fields)
    return template


def gocardless_resource(resource: str, action: str = "get", /, **fields: Any) -> dict[str, Any]:
    """A GoCardless resource ("payments") as the fixture for `action` shows it, with `fields` replacing
    the sample values."""
    body = _gocardless_fixture(resource)[action]["body"]
    template: dict[str, Any] = copy.deepcopy(body[resource])
    template.update(fields)
    return template
