"""A family of invoices from ONE seller template with different values, and scan-like copies of a PDF.

`make_family(seed, count)` -> [(pdf_bytes, truth_fields)]: the seed picks the seller and the template's
details (where blocks sit, label wording, date format); each invoice then varies number, dates, buyer,
item rows (so the totals move down the page) and amounts. Truth values are stored forms: ISO dates,
"1234.56" amounts, compact identifiers.

`scan_variant(pdf_bytes, seed)` renders page by page at 200 dpi with pypdfium2 and, with Pillow, turns the
page a little, blurs it and adds speckle, then rebuilds an image-only PDF (or a JPEG of page 1).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
from fpdf import FPDF
from PIL import Image, ImageFilter
from schwifty import IBAN
from stdnum import luhn

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")  # fmt: skip
_SELLERS = (
    ("Menuiserie Lefèvre", "12 rue des Artisans", "69003 Lyon"),
    ("Studio Graphique Azur", "4 avenue Jean Médecin", "06000 Nice"),
    ("Transports Rolland SARL", "ZI des Chênes, 8 allée B", "44800 Saint-Herblain"),
    ("Cabinet Arnaud Conseil", "27 boulevard Haussmann", "75009 Paris"),
    ("Boulangerie du Port", "1 quai Duguay-Trouin", "35400 Saint-Malo"),
)
_BUYERS = (
    ("Hôtel Les Mouettes", "3 promenade du Sillon", "35400 Saint-Malo"),
    ("SAS Bertin Logistique", "15 rue de la Gare", "59000 Lille"),
    ("Restaurant Chez Paulette", "8 place du Marché", "21000 Dijon"),
    ("Mairie de Vaux-le-Pénil", "Place de l'Hôtel de Ville", "77000 Vaux-le-Pénil"),
    ("Pharmacie Centrale Girard", "42 rue Nationale", "37000 Tours"),
    ("EURL Atelier Colin", "6 impasse des Tilleuls", "33000 Bordeaux"),
)
_ITEMS = ("Pose de parquet chêne", "Conception graphique", "Transport palette", "Audit de gestion",
          "Fourniture de pain", "Déplacement technicien", "Maintenance annuelle", "Formation équipe",
          "Impression flyers A5", "Location utilitaire")  # fmt: skip
_MADE = datetime(2026, 1, 1, tzinfo=UTC)
_TERMS = ("Paiement à 30 jours", "Paiement à réception", "Paiement à 45 jours fin de mois")


@dataclass(frozen=True)
class Template:
    """What stays the same across one seller's invoices."""

    seller: tuple[str, str, str]
    siren: str
    iban: str
    bic: str
    prefix: str
    header_right: bool  # number and dates block at the right (else under the seller, at the left)
    buyer_top: float  # where the buyer block starts (mm from the top)
    labels: tuple[str, str, str, str]  # number, issue date, due date, purchase order
    long_dates: bool
    totals_x: float  # left edge of the totals block (mm)
    terms: str


def make_family(seed: int, count: int) -> list[tuple[bytes, dict[str, str]]]:
    rng = random.Random(seed)
    template = _template(rng)
    return [_invoice(template, rng, n) for n in range(count)]


def _template(rng: random.Random) -> Template:
    siren = _siren(rng)
    bank = f"{rng.randrange(10000, 99999)}{rng.randrange(10000, 99999)}"
    iban = str(IBAN.generate("FR", bank_code=bank, account_code=f"{rng.randrange(10**10, 10**11)}"))
    return Template(
        seller=rng.choice(_SELLERS), siren=siren, iban=iban,
        bic=rng.choice(("AGRIFRPP", "BNPAFRPP", "CCBPFRPP")),
        prefix=rng.choice(("F", "FA", "FAC")), header_right=rng.random() < 0.5,
        buyer_top=rng.choice((52.0, 60.0, 68.0)),
        labels=rng.choice((
            ("Facture n°", "Date de facture", "Date d'échéance", "Bon de commande"),
            ("N° de facture", "Émise le", "À régler avant le", "Votre commande"),
            ("Facture", "Date", "Échéance", "Réf. commande"),
        )),
        long_dates=rng.random() < 0.5, totals_x=rng.choice((110.0, 120.0, 130.0)), terms=rng.choice(_TERMS),
    )  # fmt: skip


def _siren(rng: random.Random) -> str:
    base = f"{rng.randrange(10**7, 10**8)}"
    return base + luhn.calc_check_digit(base)


def _vat(siren: str) -> str:
    return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def _siret(siren: str, rng: random.Random) -> str:
    base = siren + f"{rng.randrange(1, 99):04d}"
    return base + luhn.calc_check_digit(base)


def _money(value: Decimal) -> str:
    whole, cents = f"{value:.2f}".split(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return " ".join(groups) + "," + cents + " €"


def _date(day: date, long: bool) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if long else day.strftime("%d/%m/%Y")


def _invoice(t: Template, rng: random.Random, n: int) -> tuple[bytes, dict[str, str]]:
    issued = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 300))
    due = issued + timedelta(days=rng.choice((15, 30, 45)))
    number = f"{t.prefix}-{issued.year}-{rng.randrange(100, 9999):04d}"
    order = f"BC{rng.randrange(1000, 99999)}"
    buyer = rng.choice(_BUYERS)
    items = []
    for _ in range(rng.randrange(1, 9)):
        quantity = rng.randrange(1, 12)
        price = Decimal(rng.randrange(1500, 250000)) / 100
        items.append((rng.choice(_ITEMS), quantity, price, price * quantity))
    excl = sum((total for *_, total in items), Decimal(0))
    tax = (excl * Decimal("0.20")).quantize(Decimal("0.01"))
    incl = excl + tax
    pdf = FPDF(format="A4")
    pdf.set_creation_date(_MADE)  # the same bytes on every run: benchmarks cache what they read by content
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    siret = _siret(t.siren, random.Random(t.siren))
    _text(pdf, 15, 18, t.seller[0], 15, bold=True)
    for row, text in enumerate((t.seller[1], t.seller[2], f"SIRET {siret}", f"TVA {_vat(t.siren)}")):
        _text(pdf, 15, 26 + 5 * row, text, 9)
    _text(pdf, 140, 18, "FACTURE", 18, bold=True)
    x, y = (130.0, 30.0) if t.header_right else (15.0, 50.0)
    rows = ((t.labels[0], number), (t.labels[1], _date(issued, t.long_dates)),
            (t.labels[2], _date(due, t.long_dates)), (t.labels[3], order))  # fmt: skip
    for row, (label, value) in enumerate(rows):
        _text(pdf, x, y + 6 * row, label + " :", 9)
        _text(pdf, x + 34, y + 6 * row, value, 9)
    bx = 15.0 if t.header_right else 120.0
    _text(pdf, bx, t.buyer_top, "Facturé à", 9, bold=True)
    for row, text in enumerate(buyer):
        _text(pdf, bx, t.buyer_top + 6 + 5 * row, text, 10 if row == 0 else 9)
    top = 105.0
    for x_mm, head in ((15, "Désignation"), (105, "Qté"), (125, "Prix unitaire"), (165, "Montant HT")):
        _text(pdf, x_mm, top, head, 9, bold=True)
    for row, (label, quantity, price, total) in enumerate(items):
        yy = top + 7 + 6 * row
        _text(pdf, 15, yy, label, 9)
        _text(pdf, 105, yy, str(quantity), 9)
        _text(pdf, 125, yy, _money(price), 9)
        _text(pdf, 165, yy, _money(total), 9)
    yy = top + 14 + 6 * len(items)
    for row, (label, amount) in enumerate(
        (("Total HT", excl), ("TVA 20 %", tax), ("Total TTC", incl), ("Net à payer", incl))
    ):
        _text(pdf, t.totals_x, yy + 6 * row, label, 10, bold=row >= 2)
        _text(pdf, 170, yy + 6 * row, _money(amount), 10, bold=row >= 2)
    _text(pdf, 15, 250, t.terms, 9)
    _text(pdf, 15, 256, f"IBAN : {' '.join(t.iban[i : i + 4] for i in range(0, len(t.iban), 4))}", 9)
    _text(pdf, 15, 262, f"BIC : {t.bic}", 9)
    truth = {
        "invoice_number": number, "issue_date": issued.isoformat(), "due_date": due.isoformat(),
        "purchase_order": order, "total_excl_tax": f"{excl:.2f}", "total_tax": f"{tax:.2f}",
        "total_incl_tax": f"{incl:.2f}", "amount_due": f"{incl:.2f}", "seller_name": t.seller[0],
        "seller_vat_id": _vat(t.siren), "seller_siret": siret, "seller_iban": t.iban, "seller_bic": t.bic,
        "buyer_name": buyer[0], "payment_terms": t.terms,
    }  # fmt: skip
    return bytes(pdf.output()), truth


def _text(pdf: FPDF, x: float, y: float, text: str, size: float, *, bold: bool = False) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.text(x, y, text)


def scan_variant(pdf_bytes: bytes, seed: int, *, jpeg: bool = False, dpi: int = 200) -> bytes:
    """An image-only PDF of the pages (or a JPEG of page 1) as a scanner would give them."""
    rng = random.Random(seed)
    document = pdfium.PdfDocument(pdf_bytes)
    images = []
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=dpi / 72)
            images.append(_scanned(bitmap.to_pil().convert("L"), rng))
    finally:
        document.close()
    out = io.BytesIO()
    if jpeg:
        images[0].save(out, "JPEG", quality=80, dpi=(dpi, dpi))
    else:
        images[0].save(out, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return out.getvalue()


def _scanned(image: Image.Image, rng: random.Random) -> Image.Image:
    turned = image.rotate(
        rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255
    )
    shifted = Image.new("L", turned.size, 255)
    shifted.paste(turned, (rng.randrange(-12, 13), rng.randrange(-12, 13)))
    blurred = shifted.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.8)))
    noise = Image.effect_noise(blurred.size, 18).point(lambda v: 0 if v < 62 else 255)
    return Image.composite(blurred, noise, noise.point(lambda v: 255 if v else 0)).convert("L")
