"""One generated invoice: parties, lines, VAT per rate, totals, decoy references, and its truth."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from benchmarks.generated_html.identity import PEOPLE, Party, digits, make_party

CENT = Decimal("0.01")
COUNTRY_OF = {"fr": "FR", "de": "DE", "es": "ES", "it": "IT", "nl": "NL", "en": "GB"}

ITEMS = {
    "saas": [
        ("Pro plan (monthly)", "seat"),
        ("Business plan — annual", "seat"),
        ("Additional storage 100 GB", "unit"),
        ("API calls overage", "1k"),
        ("Premium support", "month"),
        ("Team workspace", "seat"),
    ],
    "services": [
        ("Développement site vitrine", "j"),
        ("Réunion de cadrage", "h"),
        ("Maintenance mensuelle", "forfait"),
        ("Rédaction de contenus", "page"),
        ("Audit SEO", "forfait"),
        ("Formation équipe", "j"),
        ("Conception graphique logo", "forfait"),
        ("Intégration maquettes", "j"),
    ],
    "goods": [
        ("Câble HDMI 2 m", "pce"),
        ("Cartouche d'encre noire XL", "pce"),
        ("Ramette papier A4 80 g", "carton"),
        ("Chaise de bureau ergonomique", "pce"),
        ("Clavier sans fil AZERTY", "pce"),
        ("Lampe LED de bureau", "pce"),
        ("Disque SSD 1 To", "pce"),
        ("Sac à dos 20 L", "pce"),
        ("Thé vert bio 100 g", "pce"),
    ],
    "building": [
        ("Fourniture et pose chauffe-eau 200 L", "u"),
        ("Main d'œuvre plomberie", "h"),
        ("Déplacement", "forfait"),
        ("Carrelage grès cérame 60x60", "m²"),
        ("Peinture murs et plafonds", "m²"),
    ],
    "energy": [
        ("Abonnement électricité 9 kVA", "mois"),
        ("Consommation heures pleines", "kWh"),
        ("Consommation heures creuses", "kWh"),
        ("Contribution tarifaire d'acheminement", "mois"),
        ("Accise sur l'électricité", "kWh"),
    ],
    "telecom": [
        ("Forfait Pro 100 Go", "mois"),
        ("Option international", "mois"),
        ("Communications hors forfait", "u"),
        ("Location Livebox", "mois"),
        ("Ligne fixe", "mois"),
    ],
    "telekom": [
        ("MagentaMobil Business M", "Monat"),
        ("Festnetz Anschluss", "Monat"),
        ("Roaming EU", "MB"),
        ("Router-Miete", "Monat"),
    ],
    "waren": [
        ("Schrauben M8 (100 Stk.)", "Pck"),
        ("Werkbank Buche", "Stk"),
        ("Akkuschrauber 18 V", "Stk"),
        ("Montagearbeiten", "Std"),
        ("Anfahrtspauschale", "psch"),
    ],
    "es": [
        ("Mantenimiento mensual", "ud"),
        ("Horas de consultoría", "h"),
        ("Papel A4 (caja)", "ud"),
        ("Instalación eléctrica", "ud"),
    ],
    "it": [
        ("Consulenza tecnica", "ore"),
        ("Toner stampante", "pz"),
        ("Canone manutenzione", "mese"),
        ("Trasporto", "forf"),
    ],
    "nl": [
        ("Installatiewerkzaamheden", "uur"),
        ("Cv-ketel onderhoud", "st"),
        ("Voorrijkosten", "st"),
        ("Materiaal", "st"),
    ],
    "shop_en": [
        ("Organic cotton T-shirt", "pc"),
        ("Ceramic mug", "pc"),
        ("Notebook A5 dotted", "pc"),
        ("Gift wrapping", "pc"),
        ("Standard delivery", "pc"),
    ],
    "hotel": [
        ("Chambre double / Double room", "nuit"),
        ("Petit-déjeuner / Breakfast", "u"),
        ("Parking", "nuit"),
        ("Minibar", "u"),
        ("Restaurant", "u"),
    ],
    "legal": [
        ("Consultation et analyse du dossier", "h"),
        ("Rédaction de conclusions", "h"),
        ("Audience devant le tribunal", "forfait"),
        ("Correspondances", "forfait"),
    ],
    "fees": [
        ("Commission sur ventes / Transaction fees", "u"),
        ("Frais de mise en vente / Listing fees", "u"),
        ("Frais de traitement des paiements / Payment processing", "u"),
        ("Publicité / Ads", "u"),
    ],
    "food": [
        ("Croissants au beurre", "pce"),
        ("Pain de campagne 1 kg", "pce"),
        ("Café grains 1 kg", "sac"),
        ("Jus d'orange 1 L", "bt"),
        ("Plateau repas", "u"),
    ],
}


@dataclass
class Line:
    desc: str
    ref: str
    qty: Decimal
    unit: str
    unit_price: Decimal
    rate: Decimal
    discount: Decimal = Decimal(0)

    @property
    def amount(self) -> Decimal:
        gross = self.qty * self.unit_price * (1 - self.discount / 100)
        return gross.quantize(CENT, ROUND_HALF_UP)

    @property
    def tax(self) -> Decimal:
        return (self.amount * self.rate / 100).quantize(CENT, ROUND_HALF_UP)


@dataclass
class Invoice:
    lang: str
    currency: str
    number: str
    issue: dt.date
    due: dt.date
    seller: Party
    buyer: Party
    lines: list[Line]
    po: str = ""
    deposit: Decimal = Decimal(0)
    refs: dict[str, str] = field(default_factory=dict)  # decoys: customer no., order no., contract...
    dates: dict[str, dt.date] = field(default_factory=dict)  # decoy dates: order, delivery, period...

    @property
    def vat(self) -> list[tuple[Decimal, Decimal, Decimal]]:
        """(rate, base, tax) per rate, tax computed on the base as French software does."""
        rates = sorted({line.rate for line in self.lines})
        out = []
        for rate in rates:
            base = sum((line.amount for line in self.lines if line.rate == rate), Decimal(0))
            out.append((rate, base, (base * rate / 100).quantize(CENT, ROUND_HALF_UP)))
        return out

    @property
    def excl(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def tax(self) -> Decimal:
        return sum((t for _, _, t in self.vat), Decimal(0))

    @property
    def incl(self) -> Decimal:
        return self.excl + self.tax

    @property
    def amount_due(self) -> Decimal:
        return self.incl - self.deposit


@dataclass(frozen=True)
class Recipe:
    """What a template's invoices look like: the data side of a template."""

    langs: tuple[str, ...]
    items: str
    numbering: Callable[[random.Random, int], str]
    lines: tuple[int, int] = (1, 6)
    rates: tuple[str, ...] = ("20",)
    currency: str = "EUR"
    seller_country: str = ""
    buyer_country: str = ""
    buyer_company: float = 0.8
    deposit: float = 0.0
    po: float = 0.0
    due_days: tuple[int, ...] = (30,)
    price_range: tuple[int, int] = (8, 900)
    discount: float = 0.0
    seller_person: bool = False  # sole traders invoice under their own name


def random_date(rng: random.Random) -> dt.date:
    return dt.date(2025, 3, 1) + dt.timedelta(days=rng.randint(0, 420))


def build(recipe: Recipe, rng: random.Random) -> Invoice:
    lang = rng.choice(recipe.langs)
    seller = make_party(
        rng, recipe.seller_country or COUNTRY_OF[lang], pool=PEOPLE if recipe.seller_person else None
    )
    buyer_country = recipe.buyer_country or COUNTRY_OF[lang]
    buyer = make_party(rng, buyer_country, company=rng.random() < recipe.buyer_company)
    while buyer.name == seller.name:
        buyer = make_party(rng, buyer_country, company=True)
    issue = random_date(rng)
    lines = []
    pool = ITEMS[recipe.items]
    for _ in range(rng.randint(*recipe.lines)):
        desc, unit = rng.choice(pool)
        price = Decimal(rng.randint(recipe.price_range[0] * 100, recipe.price_range[1] * 100)) / 100
        if unit == "kWh":  # energy is priced per kWh to four places
            price = Decimal(rng.randint(1500, 2800)) / 10000
        qty = (
            Decimal(rng.choice([1, 1, 1, 2, 3, 5, 10, 12]))
            if unit not in ("h", "j", "m²", "kWh")
            else Decimal(
                rng.choice(["0.5", "1", "2", "3.5", "7", "12"] if unit != "kWh" else ["312", "1280", "845"])
            )
        )
        lines.append(
            Line(
                desc,
                f"{rng.choice('ABCKPR')}{digits(rng, 5)}",
                qty,
                unit,
                price,
                Decimal(rng.choice(recipe.rates)),
                Decimal(rng.choice([5, 10, 15])) if rng.random() < recipe.discount else Decimal(0),
            )
        )
    inv = Invoice(
        lang=lang,
        currency=recipe.currency,
        number=recipe.numbering(rng, issue.year),
        issue=issue,
        due=issue + dt.timedelta(days=rng.choice(recipe.due_days)),
        seller=seller,
        buyer=buyer,
        lines=lines,
    )
    if rng.random() < recipe.po:
        inv.po = rng.choice(
            [f"PO-{digits(rng, 6)}", f"BC{issue.year}-{digits(rng, 4)}", f"4500{digits(rng, 6)}"]
        )
    if rng.random() < recipe.deposit:
        inv.deposit = (inv.incl * Decimal(rng.choice(["0.3", "0.4", "0.5"]))).quantize(CENT, ROUND_HALF_UP)
    add_decoys(inv, rng)
    return inv


def add_decoys(inv: Invoice, rng: random.Random) -> None:
    """References and dates every real invoice carries next to the ones that matter."""
    year = inv.issue.year
    inv.refs.update(
        customer=f"C{digits(rng, 6)}",
        order=f"{rng.choice(['CMD', '#', 'WEB-'])}{digits(rng, 5)}",
        delivery=f"BL{year}{digits(rng, 5)}",
        contract=f"{digits(rng, 2)}.{digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 1)}"
        f"-{year}-{rng.randint(1, 9)}",
        quote=f"DEV-{year}-{digits(rng, 3)}",
        previous=f"FA-{year - 1}-{digits(rng, 4)}",
        line=f"06 {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}",
        pdl=digits(rng, 14),
        folio=digits(rng, 6),
        account=digits(rng, 10),
    )
    start = inv.issue.replace(day=1) - dt.timedelta(days=1)
    inv.dates.update(
        order=inv.issue - dt.timedelta(days=rng.randint(1, 12)),
        delivery=inv.issue - dt.timedelta(days=rng.randint(0, 3)),
        period_start=start.replace(day=1),
        period_end=start,
        debit=inv.due + dt.timedelta(days=rng.randint(0, 5)),
        previous=inv.issue - dt.timedelta(days=rng.randint(25, 40)),
    )
    inv.refs["prev_amount"] = str((inv.incl * Decimal(rng.choice(["0.7", "0.9", "1.1"]))).quantize(CENT))


def q(value: Decimal) -> str:
    return str(value.quantize(CENT))
