"""The one pre-notification of an instalment schedule: every amount and date, the RUM, the creditor
(GoCardless: one notice covers the whole schedule)."""

from __future__ import annotations

from datetime import date

from api.collections.notice import Notice
from api.money import format_money


def schedule_notice(
    *,
    language: str,
    creditor: str,
    invoice_number: str,
    instalments: list[tuple[int, date]],
    currency: str,
    mandate_reference: str,
    pay_url: str | None,
) -> Notice:
    english = language == "en"

    def money(amount: int) -> str:
        return format_money(amount, currency, language)

    total, count = money(sum(amount for amount, _ in instalments)), len(instalments)
    rows = [
        f"  {number}. {when.strftime('%d/%m/%Y')} : {money(amount)}"
        for number, (amount, when) in enumerate(instalments, start=1)
    ]
    if english:
        subject = f"Direct debit of {total} in {count} instalments — invoice {invoice_number}"
        lines = [
            "Hello,",
            "",
            f"{creditor} will collect {total} by SEPA direct debit from your account in {count} monthly",
            f"instalments, for invoice {invoice_number}:",
            "",
            *[row.replace(" : ", ": ") for row in rows],
            "",
            f"Creditor: {creditor}",
            f"Mandate reference (RUM): {mandate_reference}",
        ]
        if pay_url:
            lines += ["", f"See the invoice and the schedule: {pay_url}"]
    else:
        subject = f"Prélèvement de {total} en {count} échéances — facture {invoice_number}"
        lines = [
            "Bonjour,",
            "",
            f"{creditor} prélèvera {total} sur votre compte par prélèvement SEPA en {count} échéances",
            f"mensuelles, pour la facture {invoice_number} :",
            "",
            *rows,
            "",
            f"Créancier : {creditor}",
            f"Référence unique de mandat (RUM) : {mandate_reference}",
        ]
        if pay_url:
            lines += ["", f"Voir la facture et l'échéancier : {pay_url}"]
    return Notice(subject=subject, text="\n".join(lines) + "\n")
