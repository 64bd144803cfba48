"""The pre-notification email of an automatic debit: amount, date, mandate reference (RUM), creditor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from api.money import format_money


@dataclass(frozen=True)
class Notice:
    subject: str
    text: str


def prenotification(
    *,
    language: str,
    creditor: str,
    invoice_number: str,
    amount: int,
    currency: str,
    charge_date: date,
    mandate_reference: str,
    pay_url: str | None,
) -> Notice:
    english = language == "en"
    money = format_money(amount, currency, language)
    when = charge_date.strftime("%d/%m/%Y")
    if english:
        subject = f"Direct debit of {money} on {when} — invoice {invoice_number}"
        lines = [
            "Hello,",
            "",
            f"{creditor} will collect {money} by SEPA direct debit from your account on {when},",
            f"for invoice {invoice_number}.",
            "",
            f"Creditor: {creditor}",
            f"Mandate reference (RUM): {mandate_reference}",
            f"Amount: {money}",
            f"Debit date: {when}",
        ]
        if pay_url:
            lines += ["", f"See the invoice or revoke the mandate: {pay_url}"]
    else:
        subject = f"Prélèvement de {money} le {when} — facture {invoice_number}"
        lines = [
            "Bonjour,",
            "",
            f"{creditor} prélèvera {money} sur votre compte par prélèvement SEPA le {when},",
            f"pour la facture {invoice_number}.",
            "",
            f"Créancier : {creditor}",
            f"Référence unique de mandat (RUM) : {mandate_reference}",
            f"Montant : {money}",
            f"Date du prélèvement : {when}",
        ]
        if pay_url:
            lines += ["", f"Voir la facture ou révoquer le mandat : {pay_url}"]
    return Notice(subject=subject, text="\n".join(lines) + "\n")
