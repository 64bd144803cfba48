"""What the self-made templates share: one invoice's random content and the ways people print it."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from benchmarks.generated_software_b import data, ids
from benchmarks.generated_software_b.data import Line, Party, Totals, Truth, fmt_amount, fmt_date

__all__ = ["Line", "Party", "Totals", "Truth", "data", "ids", "fmt_amount", "fmt_date"]

TRADES_FR = {
    "freelance": [
        "Création site vitrine",
        "Rédaction d'articles de blog",
        "Séance photo produit",
        "Montage vidéo (demi-journée)",
        "Accompagnement réseaux sociaux",
        "Conception logo et charte",
        "Coaching individuel (1 h)",
        "Traduction FR > EN",
        "Saisie comptable mensuelle",
        "Mise à jour WordPress",
    ],
    "batiment": [
        "Dépose ancien carrelage",
        "Fourniture et pose faïence murale",
        "Ragréage sol",
        "Plomberie : remplacement colonne",
        "Peinture plafonds 2 couches",
        "Pose de plaques de plâtre BA13",
        "Tableau électrique complet",
        "Évacuation des gravats",
        "Menuiserie : porte intérieure",
        "Isolation combles 30 cm",
    ],
    "ferme": [
        "Pommes Reinette (caisse 10 kg)",
        "Jus de pomme 1 L",
        "Fromage de chèvre frais",
        "Œufs plein air (plateau 30)",
        "Miel toutes fleurs 500 g",
        "Pommes de terre (sac 25 kg)",
        "Confiture de fraises",
        "Poulet fermier",
    ],
}


def money(value: Decimal, style: str = "fr", symbol: str = "", before: bool = False) -> str:
    """'1 234,56 €', '€1,234.56', '1234,56 EUR', '1 234,56 euros' as people type them."""
    text = fmt_amount(value, style)
    if not symbol:
        return text
    if before:
        return f"{symbol}{text}" if len(symbol) == 1 else f"{symbol} {text}"
    return f"{text} {symbol}"


def fr_long(d: date, with_le: bool = False) -> str:
    """'le 12 mars 2026' / '1er avril 2026'."""
    text = fmt_date(d, "long", "fr")
    return f"le {text}" if with_le else text


def rate_pct(rate: Decimal) -> str:
    return data.rate_text(rate)


def items_for(rng: random.Random, trade: str, n: int, rate: Decimal = Decimal(20)) -> list[Line]:
    """Lines from a French trade's vocabulary, all at one VAT rate (what a self-made sheet usually has)."""
    out = []
    for _ in range(n):
        price = Decimal(10 ** rng.uniform(1.0, 3.0)).quantize(Decimal(1) if rng.random() < 0.5 else data.CENT)
        qty = Decimal(rng.choice([1, 1, 1, 2, 3, 4, 5, 8, 10]))
        out.append(
            Line(
                "",
                rng.choice(TRADES_FR[trade]),
                qty,
                rng.choice(["u", "h", "j", "forfait", "m²"]),
                price,
                rate,
            )
        )
    return out


def person_name(rng: random.Random) -> str:
    first = rng.choice(
        ["Camille", "Lucas", "Manon", "Nicolas", "Élodie", "Antoine", "Pauline", "Mathieu", "Inès"]
    )
    last = rng.choice(
        ["Rousseau", "Fontaine", "Chevalier", "Perrin", "Lemaire", "Gauthier", "Roux", "Dufour"]
    )
    return f"{first} {last}"


def sole_trader(rng: random.Random, *, bank: bool = True) -> Party:
    """An individual entrepreneur: person name, SIRET, usually no VAT number."""
    p = data.party(rng, "FR", bank=bank)
    p.name = person_name(rng)
    p.vat = ""
    p.rcs = ""
    return p


def fr_company(rng: random.Random, *, bank: bool = True) -> Party:
    return data.party(rng, "FR", bank=bank)


def fr_buyer(rng: random.Random, *, person: bool = False) -> Party:
    if person:
        p = data.party(rng, "FR", person=True)
        p.name = rng.choice(["M.", "Mme", "M. et Mme"]) + " " + person_name(rng)
        return p
    return data.party(rng, "FR")


def fr_phone(rng: random.Random) -> str:
    return "0" + str(rng.randint(1, 7)) + " " + " ".join(ids.digits(rng, 2) for _ in range(4))


@dataclass
class Doc:
    """The numbers most templates need, drawn once."""

    issued: date
    due: date
    items: list[Line]
    t: Totals
    extra: dict[str, str] = field(default_factory=dict)


def doc(rng: random.Random, items: list[Line]) -> Doc:
    issued = data.issue_date(rng)
    return Doc(issued, data.due_date(rng, issued), items, data.totals(items))
