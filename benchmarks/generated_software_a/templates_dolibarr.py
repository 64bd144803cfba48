"""Dolibarr customer invoice PDF models.

Modelled on Dolibarr/dolibarr htdocs/core/modules/facture/doc/pdf_crabe.modules.php and pdf_sponge.modules.php
(_pagehead: sender name or logo top left, title + "Réf. :", "Date facturation :", "Date échéance :",
"Code client :" and linked objects right-aligned top right; grey "Émetteur" frame at 42 mm on the left and a
ruled "Adressé à" frame on the right; "Montants exprimés en Euros" above a ruled line table; payment terms and
bank account bottom left; totals box bottom right with "Total HT", "Total TVA 20%", "Total TTC" then "Payé"
and "Reste à payer"; pdf_pagefoot legal line centred at the bottom) and on the wording of
htdocs/langs/{fr_FR,fr_BE,fr_CH,de_DE}/bills.lang and main.lang.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_a.data import (
    Invoice,
    country_name,
    fmt_date,
    fmt_qty,
    make_invoice,
    money,
    q,
    rate_label,
    truth,
)
from benchmarks.generated_software_a.ids import group4
from benchmarks.generated_software_a.page import Col, Page, table

NAVY = (0, 0, 60 / 255)
GREY = (230 / 255, 230 / 255, 230 / 255)


@dataclass(frozen=True)
class Words:
    invoice: str
    credit: str
    deposit: str
    ref: str
    date: str
    due: str
    code: str
    ref_client: str
    order: str
    bill_from: str
    bill_to: str
    amounts_in: str
    designation: str
    vat: str
    pu: str
    qty: str
    unit: str
    total_ht: str
    total_vat: str
    total_ttc: str
    paid: str
    remain: str
    terms: str
    mode: str
    transfer: str
    tel: str
    vat_short: str
    date_style: str
    amount_style: str


FR = Words(
    invoice="Facture",
    credit="Facture avoir",
    deposit="Facture d'acompte",
    ref="Réf.",
    date="Date facturation",
    due="Date échéance",
    code="Code client",
    ref_client="Réf. client",
    order="Commande",
    bill_from="Émetteur",
    bill_to="Adressé à",
    amounts_in="Montants exprimés en {cur}",
    designation="Désignation",
    vat="TVA",
    pu="P.U. HT",
    qty="Qté",
    unit="Unité",
    total_ht="Total HT",
    total_vat="Total TVA",
    total_ttc="Total TTC",
    paid="Payé",
    remain="Reste à payer",
    terms="Conditions de règlement",
    mode="Mode de règlement",
    transfer="Règlement par virement sur le compte bancaire suivant :",
    tel="Tél.",
    vat_short="N° TVA",
    date_style="d/m/Y",
    amount_style="fr",
)
DE = Words(
    invoice="Rechnung",
    credit="Gutschrift",
    deposit="Anzahlungsrechnung",
    ref="Referenz",
    date="Rechnungsdatum",
    due="Fälligkeitsdatum",
    code="Kundennummer",
    ref_client="Kundenreferenz",
    order="Bestellung",
    bill_from="Rechnungssteller",
    bill_to="Rechnungsempfänger",
    amounts_in="Beträge in {cur}",
    designation="Bezeichnung",
    vat="USt.",
    pu="Stückpreis netto",
    qty="Menge",
    unit="Einheit",
    total_ht="Summe (netto)",
    total_vat="USt.",
    total_ttc="Summe (brutto)",
    paid="Bezahlt",
    remain="Offener Betrag",
    terms="Zahlungsbedingungen",
    mode="Zahlungsart",
    transfer="Zahlung per Überweisung auf folgendes Konto:",
    tel="Tel.",
    vat_short="USt-IdNr.",
    date_style="d.m.Y",
    amount_style="de",
)
CURRENCY_WORDS = {("fr", "EUR"): "Euros", ("fr", "CHF"): "Francs suisses", ("de", "EUR"): "Euro"}


def _number(rng: random.Random, inv_date_prefix: str, kind: str) -> str:
    prefix = {"invoice": "FA", "credit": "AV", "deposit": "AC"}[kind]
    return f"{prefix}{inv_date_prefix}-{rng.randint(1, 420):04d}"


def _vat_text(inv: Invoice, vat: str) -> str:
    if vat.startswith("CHE"):
        return f"CHE-{vat[3:6]}.{vat[6:9]}.{vat[9:12]} TVA"
    if vat.startswith("BE"):
        return f"BE {vat[2:6]}.{vat[6:9]}.{vat[9:]}"
    return vat


def _address(inv: Invoice, party_is_seller: bool, w: Words) -> list[str]:
    p = inv.seller if party_is_seller else inv.buyer
    lines = [p.street, f"{p.zip} {p.city}"]
    if not party_is_seller and p.country != inv.seller.country:
        lines.append(country_name(p.country, inv.lang))
    if party_is_seller:
        lines += [f"{w.tel} : {p.phone}", f"Email : {p.email}", f"Web : {p.web}"]
    elif p.vat_id:
        lines.append(f"{w.vat_short} : {_vat_text(inv, p.vat_id)}")
    return lines


def _head(page: Page, inv: Invoice, w: Words, title: str, sponge: bool) -> None:
    page.text(10, 10, inv.seller.name, 12, bold=True, color=NAVY)
    page.text(200, 10, title, 13, bold=True, align="R", color=NAVY)
    y = 16.0
    page.text(200, y, f"{w.ref} : {inv.number}", 9.5, bold=True, align="R", color=NAVY)
    extra: list[str] = []
    if inv.purchase_order:
        extra.append(f"{w.ref_client} : {inv.purchase_order}")
    if "source" in inv.extras:
        extra.append(inv.extras["source"])
    extra.append(f"{w.date} : {fmt_date(inv.issue, w.date_style)}")
    if "credit" not in inv.extras:
        extra.append(f"{w.due} : {fmt_date(inv.due, w.date_style)}")
    extra.append(f"{w.code} : {inv.customer_code}")
    if sponge:
        extra.append(f"{w.order} {inv.extras['order']} / {fmt_date(inv.issue, w.date_style)}")
    page.block(200, y + 5, extra, 8.5, leading=4, align="R", color=NAVY)


def _parties(page: Page, inv: Invoice, w: Words) -> None:
    page.text(10, 37, f"{w.bill_from}:", 7.5)
    page.rect(10, 42, 82, 40, fill=GREY, stroke=None)
    page.text(12, 45, inv.seller.name, 9.5, bold=True, color=NAVY)
    page.block(12, 50, _address(inv, True, w), 8.5, leading=4, color=NAVY)
    page.text(102, 37, f"{w.bill_to}:", 7.5)
    page.rect(100, 42, 100, 40, stroke=(0.3, 0.3, 0.3))
    page.text(102, 45, inv.buyer.name, 9.5, bold=True)
    page.block(102, 50, _address(inv, False, w), 8.5, leading=4)


def _bottom_left(page: Page, inv: Invoice, w: Words, y: float, days: int) -> None:
    page.text(10, y, f"{w.terms}: ", 8, bold=True)
    term = f"{days} jours" if inv.lang == "fr" else f"{days} Tage"
    if days == 0:
        term = "À réception" if inv.lang == "fr" else "Sofort"
    page.text(48, y, term, 8)
    page.text(10, y + 4.5, f"{w.mode}: ", 8, bold=True)
    page.text(40, y + 4.5, "Virement bancaire" if inv.lang == "fr" else "Überweisung", 8)
    assert inv.seller.iban
    assert inv.seller.bic
    page.text(10, y + 11, w.transfer, 8, bold=True)
    lines = [inv.extras["bank"]]
    if inv.seller.country == "FR":
        iban = inv.seller.iban
        lines.append(
            f"Code banque {iban[4:9]}  Code guichet {iban[9:14]}  Numéro de compte {iban[14:25]}  "
            f"Clé RIB {iban[25:27]}"
        )
    lines += [f"IBAN : {group4(inv.seller.iban)}", f"BIC/SWIFT : {inv.seller.bic}"]
    page.block(10, y + 15.5, lines, 7.5, leading=3.8)


def _totals(page: Page, inv: Invoice, w: Words, y: float, sign: int) -> float:
    cur = inv.currency
    style = w.amount_style

    def amt(v: Decimal) -> str:
        return money(sign * v, style, cur, "none")

    x1, x2 = 120.0, 200.0
    rows = [(w.total_ht, amt(inv.net))]
    for rate, (_, tax) in inv.vat_by_rate().items():
        rows.append((f"{w.total_vat} {rate_label(rate, style)}%", amt(tax)))
    for label, value in rows:
        page.text(x1 + 1, y, label, 8.5)
        page.text(x2 - 1, y, value, 8.5, align="R")
        y += 5
    page.rect(x1, y - 0.8, x2 - x1, 5, fill=(224 / 255, 224 / 255, 224 / 255), stroke=None)
    page.text(x1 + 1, y, w.total_ttc + (" à votre crédit" if sign < 0 else ""), 8.5, color=NAVY)
    page.text(x2 - 1, y, amt(inv.gross), 8.5, align="R", color=NAVY)
    y += 5
    if inv.paid:
        page.text(x1 + 1, y, w.paid, 8.5)
        page.text(x2 - 1, y, amt(inv.paid), 8.5, align="R")
        y += 5
        page.rect(x1, y - 0.8, x2 - x1, 5, fill=(224 / 255, 224 / 255, 224 / 255), stroke=None)
        page.text(x1 + 1, y, w.remain, 8.5, color=NAVY)
        page.text(x2 - 1, y, amt(inv.balance), 8.5, align="R", color=NAVY)
        y += 5
    return y


def _foot(page: Page, inv: Invoice, total_pages: str) -> None:
    s = inv.seller
    if s.country == "FR":
        capital = f"{s.capital:,}".replace(",", " ")
        first = f"{s.legal_form} au capital de {capital} € - SIRET : {s.siret} - NAF-APE : {s.naf}"
        second = f"RCS {s.city} {s.siren} - Numéro TVA : {s.vat_id}"
    elif s.country == "BE":
        assert s.vat_id
        first = f"{s.legal_form} - Numéro d'entreprise : {s.vat_id[2:6]}.{s.vat_id[6:9]}.{s.vat_id[9:]}"
        second = f"RPM {s.city} - N° TVA : {_vat_text(inv, s.vat_id)}"
    elif s.country == "CH":
        assert s.vat_id
        first = f"{s.legal_form} - Registre du commerce du canton - IDE : {_vat_text(inv, s.vat_id)}"
        second = f"{s.name} - {s.street} - {s.zip} {s.city}"
    else:
        first = (
            f"{s.name} - Amtsgericht {s.city} HRB {inv.extras['hrb']} - Geschäftsführer: {inv.extras['gf']}"
        )
        second = f"USt-IdNr.: {s.vat_id}"
    page.hline(10, 200, 280, color=(0.6, 0.6, 0.6), width=0.3)
    page.text(105, 281.5, first, 6.5, align="C", color=NAVY)
    page.text(105, 284.5, second, 6.5, align="C", color=NAVY)
    page.text(200, 288, total_pages, 6.5, align="R", color=NAVY)


def _draw(
    rng: random.Random, out: Path, inv: Invoice, w: Words, *, sponge: bool, kind: str
) -> dict[str, str]:
    """Render once to count the pages, then again with "n/N" in every footer (TCPDF's page alias)."""
    pages = _render(out, inv, w, sponge=sponge, kind=kind, total=0)
    _render(out, inv, w, sponge=sponge, kind=kind, total=pages)
    return _fields(inv, kind)


def _render(out: Path, inv: Invoice, w: Words, *, sponge: bool, kind: str, total: int) -> int:
    page = Page(out, title=inv.number)
    title = {"invoice": w.invoice, "credit": w.credit, "deposit": w.deposit}[kind]
    sign = -1 if kind == "credit" else 1
    cur_word = CURRENCY_WORDS.get((inv.lang, inv.currency), inv.currency)

    top = [90.0]

    def head_again(p: Page) -> float:
        _head(p, inv, w, title, sponge)
        top[0] = 45.0
        return 45.0

    def close_page(p: Page, y: float) -> None:
        """Each page gets its own table frame down to the same bottom, and the legal footer."""
        p.rect(10, top[0], 190, 236 - top[0], stroke=(0.5, 0.5, 0.5))
        p.hline(10, 200, top[0] + 6)
        _foot(p, inv, f"{p.page_no}/{total}")

    _head(page, inv, w, title, sponge)
    _parties(page, inv, w)
    page.text(200, 86, w.amounts_in.format(cur=cur_word), 7, align="R")
    style = w.amount_style
    if sponge:
        cols = [
            Col("N°", 8),
            Col(w.designation, 84),
            Col(w.vat, 14, "R"),
            Col(w.pu, 22, "R"),
            Col(w.qty, 12, "R"),
            Col(w.unit, 14, "C"),
            Col(w.total_ht, 36, "R"),
        ]
        rows = [
            [
                str(i + 1),
                f"{ln.ref} - {ln.label}",
                f"{rate_label(ln.vat_rate, style)}%",
                money(sign * ln.unit_price, style, "", "none"),
                fmt_qty(ln.qty, style),
                ln.unit or "",
                money(sign * ln.total, style, "", "none"),
            ]
            for i, ln in enumerate(inv.lines)
        ]
    else:
        cols = [
            Col(w.designation, 98),
            Col(w.vat, 16, "R"),
            Col(w.pu, 26, "R"),
            Col(w.qty, 14, "R"),
            Col(w.total_ht, 36, "R"),
        ]
        rows = [
            [
                ln.label,
                f"{rate_label(ln.vat_rate, style)}%",
                money(sign * ln.unit_price, style, "", "none"),
                fmt_qty(ln.qty, style),
                money(sign * ln.total, style, "", "none"),
            ]
            for ln in inv.lines
        ]
    y_end = table(
        page,
        10,
        90,
        cols,
        rows,
        size=8,
        header_fill=None,
        grid=sponge,
        bottom=235,
        pad=3.0,
        on_new_page=head_again,
        on_page_end=close_page,
    )
    if y_end > 200:  # no room left for the totals: Dolibarr closes the page and starts another
        close_page(page, y_end)
        page.new_page()
        head_again(page)
        y_end = 50.0
    frame_bottom = max(y_end + 2, 150.0)
    page.rect(10, top[0], 190, frame_bottom - top[0], stroke=(0.5, 0.5, 0.5))
    page.hline(10, 200, top[0] + 6)
    y = frame_bottom + 5
    days = (inv.due - inv.issue).days
    if kind != "credit":
        _bottom_left(page, inv, w, y, days)
    _totals(page, inv, w, y, sign)
    _foot(page, inv, f"{page.page_no}/{total}")
    pages = page.page_no
    page.save()
    return pages


def _fields(inv: Invoice, kind: str) -> dict[str, str]:
    sign = -1 if kind == "credit" else 1
    keys = [
        "invoice_number",
        "issue_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "seller_vat_id",
        "seller_siren",
        "seller_siret",
        "buyer_name",
        "buyer_vat_id",
        "purchase_order",
    ]
    if kind != "credit":
        keys += ["due_date", "seller_iban", "seller_bic"]
    if inv.paid:
        keys.append("amount_due")
    if len(inv.vat_by_rate()) > 1:
        keys.remove("total_tax")  # one "Total TVA x%" line per rate, never their sum
    fields = truth(inv, *keys)
    if sign < 0:
        for k in ("total_excl_tax", "total_tax", "total_incl_tax"):
            if k in fields:
                fields[k] = f"{-Decimal(fields[k]):.2f}"
    return fields


def _invoice(
    rng: random.Random, country: str, lang: str, currency: str = "EUR", n: tuple[int, int] = (1, 8)
) -> Invoice:
    inv = make_invoice(rng, lang=lang, seller_country=country, currency=currency, number="", lines=n)
    inv.extras["bank"] = (
        rng.choice(["BNP Paribas", "Crédit Agricole", "Société Générale", "CIC", "LCL"])
        if country == "FR"
        else rng.choice(["Banque", "Sparkasse", "Hausbank"])
    )
    inv.extras["order"] = f"CO{inv.issue:%y%m}-{rng.randint(1, 999):04d}"
    inv.extras["hrb"] = str(rng.randint(10000, 99999))
    inv.extras["gf"] = rng.choice(["Jan Becker", "Petra Schulze", "Thomas Wagner"])
    if rng.random() < 0.45:
        inv.purchase_order = rng.choice(["BC-", "PO", "CMD ", "", "DA-"]) + f"{rng.randint(1000, 999999)}"
    return inv


def dolibarr_crabe(rng: random.Random, out: Path) -> dict[str, str]:
    kind = rng.choice(["invoice", "invoice", "invoice", "deposit"])
    inv = _invoice(rng, "FR", "fr", n=(1, 12))
    inv.number = _number(rng, f"{inv.issue:%y%m}", kind)
    if kind == "invoice" and rng.random() < 0.5:
        inv.paid = q(inv.gross * Decimal(rng.choice([30, 40, 50])) / 100)
    return _draw(rng, out, inv, FR, sponge=False, kind=kind)


def dolibarr_crabe_long(rng: random.Random, out: Path) -> dict[str, str]:
    """The same model with many lines: Dolibarr repeats the head on page 2 and prints totals there."""
    inv = _invoice(rng, "FR", "fr", n=(22, 25))
    inv.number = _number(rng, f"{inv.issue:%y%m}", "invoice")
    return _draw(rng, out, inv, FR, sponge=False, kind="invoice")


def dolibarr_sponge(rng: random.Random, out: Path) -> dict[str, str]:
    kind = rng.choice(["invoice", "invoice", "credit"])
    inv = _invoice(rng, "FR", "fr", n=(2, 10))
    inv.number = _number(rng, f"{inv.issue:%y%m}", kind)
    if kind == "credit":
        inv.extras["credit"] = "1"
        inv.extras["source"] = f"Facture corrigée : FA{inv.issue:%y%m}-{rng.randint(1, 400):04d}"
    elif rng.random() < 0.4:
        inv.paid = q(inv.gross * Decimal(rng.choice([20, 30, 50])) / 100)
    return _draw(rng, out, inv, FR, sponge=True, kind=kind)


def dolibarr_sponge_be(rng: random.Random, out: Path) -> dict[str, str]:
    inv = _invoice(rng, "BE", "fr", n=(1, 8))
    inv.number = _number(rng, f"{inv.issue:%y%m}", "invoice")
    inv.extras["bank"] = rng.choice(["BNP Paribas Fortis", "Belfius", "KBC Brussels"])
    return _draw(rng, out, inv, FR, sponge=True, kind="invoice")


def dolibarr_crabe_ch(rng: random.Random, out: Path) -> dict[str, str]:
    inv = _invoice(rng, "CH", "fr", currency="CHF", n=(1, 8))
    inv.number = _number(rng, f"{inv.issue:%y%m}", "invoice")
    inv.extras["bank"] = rng.choice(["UBS Switzerland AG", "Banque Cantonale de Genève", "PostFinance"])
    return _draw(rng, out, inv, FR, sponge=False, kind="invoice")


def dolibarr_sponge_de(rng: random.Random, out: Path) -> dict[str, str]:
    inv = _invoice(rng, "DE", "de", n=(1, 10))
    inv.number = _number(rng, f"{inv.issue:%y%m}", "invoice")
    inv.extras["bank"] = rng.choice(["Commerzbank", "Deutsche Bank", "Stadtsparkasse München"])
    if rng.random() < 0.4:
        inv.paid = q(inv.gross * Decimal(rng.choice([25, 50])) / 100)
    return _draw(rng, out, inv, DE, sponge=True, kind="invoice")
