"""Pieces of text that real invoices repeat: French legal mentions, addresses, payment sentences."""

from __future__ import annotations

import random
from decimal import Decimal

from benchmarks.generated_fpdf.fmt import siren_spaced, siret_spaced
from benchmarks.generated_fpdf.model import Party

LATE_FR = (
    "En cas de retard de paiement, une pénalité égale à 3 fois le taux d'intérêt légal sera exigible "
    "(art. L441-10 du Code de commerce), ainsi qu'une indemnité forfaitaire pour frais de "
    "recouvrement de 40 €. "
    "Pas d'escompte pour paiement anticipé."
)
LATE_FR_BCE = (
    "Pénalités de retard : taux BCE majoré de 10 points. Indemnité forfaitaire de recouvrement : 40,00 €. "
    "Escompte pour règlement anticipé : néant."
)


def address(p: Party, with_country: bool = False) -> list[str]:
    rows = [p.street, f"{p.postcode} {p.city}"]
    if with_country:
        rows.append({"FR": "France", "DE": "Deutschland", "GB": "United Kingdom"}.get(p.country, p.country))
    return rows


def legal_fr(p: Party, form: str, rng: random.Random, *, siret: bool = True, vat: bool = True) -> str:
    """'SARL au capital de 7 500 € - RCS Lyon 512 345 678 - SIRET ... - N° TVA ...' in one of the "
    "usual shapes."""
    parts = [f"{form} au capital de {p.capital} €"]
    if rng.random() < 0.5:
        parts.append(f"RCS {p.rcs_city} {siren_spaced(p.siren)}")
    else:
        parts.append(f"RCS {p.rcs_city} B {p.siren}")
    if siret:
        parts.append(f"SIRET {siret_spaced(p.siret) if rng.random() < 0.5 else p.siret}")
    parts.append(f"APE {rng.randint(10, 96)}{rng.randint(10, 99)}{rng.choice('ABCZ')}")
    if vat:
        parts.append(f"TVA intracom. {p.vat}")
    return " - ".join(parts)


def rate_label(rate: Decimal) -> str:
    return f"{rate.normalize():f}".replace(".", ",")
