"""The "mise en demeure de payer": a formal notice letter rendered as PDF and as plain text.

The wording is composed once into a `_Letter` and rendered twice, so the PDF sent by registered mail and
the email body that carries it can never say different things.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Literal

from babel.dates import format_date
from fpdf import FPDF
from fpdf.fonts import FontFace

from api.money import format_money
from api.pdf_fonts import FONT as _FONT
from api.pdf_fonts import FONT_DIR, add_fonts

Language = Literal["fr", "en"]


# D441-5 fixes the indemnity in euros, whatever the invoice currency.
_LEGAL_INDEMNITY_EUR = 4000
# The simplified small-claims procedure (CPCE L125-1) is capped at 5 000 € (principal and interest).
_SMALL_CLAIMS_CAP_EUR = 500000
_SEPA_REMITTANCE_MAX = 140


@dataclass(frozen=True)
class Party:
    name: str
    address: str | None = None  # several lines separated by "\n"
    siren: str | None = None
    email: str | None = None
    # The creditor's legal mentions (Code de commerce R123-237), from its settings when they are set.
    legal_form: str | None = None
    share_capital: str | None = None  # in euros, as a decimal: "10000" or "10000.50"
    rcs_city: str | None = None
    vat_id: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class NoticeLine:
    number: str
    issue_date: date | None
    due_date: date
    amount_due: int  # unpaid amount incl. VAT, minor units
    penalty: int
    indemnity: int


@dataclass(frozen=True)
class FormalNotice:
    language: Language
    creditor: Party
    debtor: Party
    consumer: bool
    lines: Sequence[NoticeLine]
    currency: str
    # Already formatted, e.g. "12,15 %"; unused for consumers. None for a business: no rate is known for
    # the delay, so the letter states that penalties run without putting a figure on them.
    penalty_rate: str | None
    issued_on: date
    deadline: date
    pay_url: str | None = None
    iban: str | None = None
    place: str | None = None
    previous_reminders: int = 0  # reminders actually sent before: the opening never claims more

    def __post_init__(self) -> None:
        # A tuple keeps the notice immutable and hashable even when the caller hands over a list.
        object.__setattr__(self, "lines", tuple(self.lines))
        if not self.lines:
            raise ValueError("a formal notice needs at least one invoice")
        if self.deadline <= self.issued_on:
            raise ValueError("the payment deadline must fall after the notice date")
        if self.consumer and any(line.penalty or line.indemnity for line in self.lines):
            # Consumers owe neither the 40 € indemnity (soliciting it is an offence) nor L441-10
            # penalties: legal interest only starts with this very notice.
            raise ValueError("a consumer notice cannot claim penalties or the recovery indemnity")
        if not self.penalty_rate and any(line.penalty for line in self.lines):
            raise ValueError("a notice claiming penalties must state the late-payment penalty rate")


# ---------------------------------------------------------------- composition (one source of wording)


@dataclass(frozen=True)
class _Para:
    text: str
    link: str | None = None
    follows: bool = False  # continues the previous paragraph (a list item): no blank line between them


@dataclass(frozen=True)
class _Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class _Letter:
    language: Language
    creditor: tuple[str, ...]
    debtor: tuple[str, ...]
    dateline: str
    delivery: str
    subject: str
    opening: tuple[_Para, ...]
    table: _Table
    totals: tuple[tuple[str, str], ...]
    closing: tuple[_Para, ...]
    signature: str


@dataclass(frozen=True)
class _Sums:
    principal: int
    penalties: int
    indemnities: int

    @property
    def total(self) -> int:
        return self.principal + self.penalties + self.indemnities


def _sums(notice: FormalNotice) -> _Sums:
    return _Sums(
        principal=sum(line.amount_due for line in notice.lines),
        penalties=sum(line.penalty for line in notice.lines),
        indemnities=sum(line.indemnity for line in notice.lines),
    )


def _en(notice: FormalNotice) -> bool:
    return notice.language == "en"


def _day(notice: FormalNotice, day: date | None) -> str:
    if day is None:
        return "—"
    if _en(notice):
        return format_date(day, "d MMMM y", locale="en_GB")
    return day.strftime("%d/%m/%Y")


def _money(notice: FormalNotice, minor: int) -> str:
    return format_money(minor, notice.currency, notice.language)


def _party(notice: FormalNotice, party: Party) -> tuple[str, ...]:
    lines = [party.name]
    if party.address:
        lines += [part.strip() for part in party.address.splitlines() if part.strip()]
    lines += legal_mentions(party, notice.language)
    if party.phone:
        lines.append(f"Phone: {party.phone}" if _en(notice) else f"Tél. : {party.phone}")
    if party.email:
        lines.append(party.email)
    return tuple(lines)


def _grouped_siren(siren: str) -> str:
    return f"{siren[:3]} {siren[3:6]} {siren[6:]}" if len(siren) == 9 and siren.isdigit() else siren


def legal_mentions(party: Party, language: str) -> list[str]:
    """Legal form and share capital, registration, VAT number: what a French company prints on its letters."""
    en = language == "en"
    lines = []
    capital = None
    if party.share_capital:
        amount = Decimal(party.share_capital)
        capital = format_money(round(amount * 100), "EUR", language)
        if amount == amount.to_integral_value():  # whole euros read better without cents
            capital = re.sub(r"[.,]00(?!\d)", "", capital)
    if party.legal_form and capital:
        lines.append(f"{party.legal_form} with a share capital of {capital}" if en
                     else f"{party.legal_form} au capital de {capital}")  # fmt: skip
    elif party.legal_form:
        lines.append(party.legal_form)
    elif capital:
        lines.append(f"Share capital: {capital}" if en else f"Capital social : {capital}")
    if party.siren and party.rcs_city:
        lines.append(f"RCS {party.rcs_city} {_grouped_siren(party.siren)}")
    elif party.siren:
        lines.append(f"SIREN: {party.siren}" if en else f"SIREN : {party.siren}")
    if party.vat_id:
        lines.append(f"VAT number: {party.vat_id}" if en else f"N° TVA intracommunautaire : {party.vat_id}")
    return lines


def footer_lines(party: Party, language: str) -> list[str]:
    """The sender's identity under a reminder email: name, address on one line, legal mentions, contact."""
    first = party.name
    if party.address:
        first += " — " + ", ".join(part.strip() for part in party.address.splitlines() if part.strip())
    contact = [value for value in (party.phone, party.email) if value]
    return [first, *legal_mentions(party, language), *([" · ".join(contact)] if contact else [])]


def _dateline(notice: FormalNotice) -> str:
    when = _day(notice, notice.issued_on)
    if _en(notice):
        return f"{notice.place}, {when}" if notice.place else when
    return f"À {notice.place}, le {when}" if notice.place else f"Le {when}"


def _opening(notice: FormalNotice) -> tuple[_Para, ...]:
    """ "Despite our previous reminders" only when reminders were sent, in the number they were."""
    single = len(notice.lines) == 1
    sent = notice.previous_reminders
    if _en(notice):
        what = "the following invoice remains" if single else "the following invoices remain"
        if sent == 0:
            return (_Para("Dear Sir or Madam,"), _Para(f"To date, {what} unpaid:"))
        despite = "Despite our previous reminder" if sent == 1 else "Despite our previous reminders"
        return (_Para("Dear Sir or Madam,"), _Para(f"{despite}, {what} unpaid to date:"))
    what = "la facture ci-dessous reste impayée" if single else "les factures ci-dessous restent impayées"
    if sent == 0:
        return (_Para("Madame, Monsieur,"), _Para(f"À ce jour, {what} :"))
    despite = "Malgré notre précédente relance" if sent == 1 else "Malgré nos précédentes relances"
    return (_Para("Madame, Monsieur,"), _Para(f"{despite}, {what} à ce jour :"))


def _table(notice: FormalNotice) -> _Table:
    if _en(notice):
        header = ("Invoice", "Date", "Due date", "Amount due", "Penalties", "Indemnity")
    else:
        header = ("Facture", "Date", "Échéance", "Montant dû", "Pénalités", "Indemnité")
    rows = tuple(
        (
            line.number,
            _day(notice, line.issue_date),
            _day(notice, line.due_date),
            _money(notice, line.amount_due),
            _money(notice, line.penalty),
            _money(notice, line.indemnity),
        )
        for line in notice.lines
    )
    # Consumers owe no penalty nor indemnity, so their columns would only hold zeros.
    width = 4 if notice.consumer else 6
    return _Table(header=header[:width], rows=tuple(row[:width] for row in rows))


def _totals(notice: FormalNotice) -> tuple[tuple[str, str], ...]:
    sums = _sums(notice)
    total_label = "Total claimed" if _en(notice) else "Total réclamé"
    if notice.consumer:
        return ((total_label, _money(notice, sums.total)),)
    if _en(notice):
        labels = ("Principal (incl. VAT)", "Late-payment penalties", "Fixed recovery indemnities")
    else:
        labels = ("Principal TTC", "Pénalités de retard", "Indemnités forfaitaires de recouvrement")
    amounts = (sums.principal, sums.penalties, sums.indemnities)
    rows = tuple((label, _money(notice, amount)) for label, amount in zip(labels, amounts, strict=True))
    return (*rows, (total_label, _money(notice, sums.total)))


def _legal_basis(notice: FormalNotice) -> _Para:
    if notice.consumer:
        if _en(notice):
            return _Para(
                "Under articles 1231-6 and 1344-1 of the French Civil Code, this sum bears interest "
                "at the legal rate from the date of this formal notice."
            )
        return _Para(
            "Conformément aux articles 1231-6 et 1344-1 du Code civil, cette somme porte intérêts "
            "au taux légal à compter de la présente mise en demeure."
        )
    if not notice.penalty_rate:
        return _unquantified_penalties(notice)
    indemnity = format_money(_LEGAL_INDEMNITY_EUR, "EUR", notice.language)
    rate, as_of = notice.penalty_rate, _day(notice, notice.issued_on)
    if _en(notice):
        return _Para(
            "Under article L441-10 of the French Commercial Code (Code de commerce), late-payment "
            f"penalties accrue automatically at the rate of {rate} from the day after each due date; "
            f"they are computed above up to {as_of} and keep accruing until full payment. The fixed "
            f"indemnity for recovery costs of {indemnity} per invoice is also due (article D441-5 of the "
            "Code de commerce)."
        )
    return _Para(
        "En application de l'article L441-10 du Code de commerce, des pénalités de retard courent de "
        f"plein droit au taux de {rate} à compter du lendemain de la date d'échéance de chaque facture ; "
        f"elles sont calculées ci-dessus jusqu'au {as_of} et continuent de courir jusqu'au complet "
        f"paiement. S'y ajoute l'indemnité forfaitaire pour frais de recouvrement de {indemnity} par "
        "facture (article D441-5 du Code de commerce)."
    )


def _unquantified_penalties(notice: FormalNotice) -> _Para:
    """No rate is known for the delay: the right to penalties is stated, no figure is put on it, and the
    indemnity only when the lines claim it."""
    indemnity = format_money(_LEGAL_INDEMNITY_EUR, "EUR", notice.language)
    claimed = _sums(notice).indemnities > 0
    if _en(notice):
        text = (
            "Under article L441-10 of the French Commercial Code (Code de commerce), late-payment "
            "penalties accrue automatically from the day after each due date until full payment; they are "
            "not quantified in this letter."
        )
        if claimed:
            text += (
                f" The fixed indemnity for recovery costs of {indemnity} per invoice is also due (article "
                "D441-5 of the Code de commerce)."
            )
        return _Para(text)
    text = (
        "En application de l'article L441-10 du Code de commerce, des pénalités de retard courent de "
        "plein droit à compter du lendemain de la date d'échéance de chaque facture et jusqu'au complet "
        "paiement ; elles ne sont pas chiffrées dans la présente lettre."
    )
    if claimed:
        text += (
            f" S'y ajoute l'indemnité forfaitaire pour frais de recouvrement de {indemnity} par facture "
            "(article D441-5 du Code de commerce)."
        )
    return _Para(text)


def _demand(notice: FormalNotice) -> _Para:
    total, deadline = _money(notice, _sums(notice).total), _day(notice, notice.deadline)
    if _en(notice):
        return _Para(f"We hereby formally demand that you pay the sum of {total} no later than {deadline}.")
    return _Para(
        f"En conséquence, nous vous mettons en demeure de nous régler la somme de {total} "
        f"au plus tard le {deadline}."
    )


def _grouped_iban(iban: str) -> str:
    compact = "".join(iban.split()).upper()
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def _payment(notice: FormalNotice) -> tuple[_Para, ...]:
    en = _en(notice)
    if not notice.pay_url and not notice.iban:
        contact = f" ({notice.creditor.email})" if notice.creditor.email else ""
        if en:
            return (_Para(f"Please contact us{contact} to arrange payment."),)
        return (_Para(f"Merci de nous contacter{contact} pour convenir des modalités de règlement."),)
    paras = [_Para("You can pay:" if en else "Vous pouvez régler :")]
    if notice.pay_url:
        label = "• online, through this payment link:" if en else "• en ligne, via ce lien de paiement :"
        paras += [_Para(label, follows=True), _Para(notice.pay_url, link=notice.pay_url, follows=True)]
    if notice.iban:
        paras.append(_Para(_transfer(notice, notice.iban), follows=True))
    return tuple(paras)


def _transfer(notice: FormalNotice, iban: str) -> str:
    numbers = ", ".join(line.number for line in notice.lines)
    grouped = _grouped_iban(iban)
    # A SEPA transfer carries at most 140 characters of remittance information.
    if len(numbers) > _SEPA_REMITTANCE_MAX:
        if _en(notice):
            return f"• by bank transfer to IBAN {grouped}, quoting the numbers of the invoices paid."
        return f"• par virement sur l'IBAN {grouped}, en indiquant les numéros des factures réglées."
    if _en(notice):
        return f"• by bank transfer to IBAN {grouped}, quoting: {numbers}."
    return f"• par virement sur l'IBAN {grouped}, en indiquant la référence : {numbers}."


def _small_claims_eligible(notice: FormalNotice) -> bool:
    return notice.currency == "EUR" and _sums(notice).total <= _SMALL_CLAIMS_CAP_EUR


def _consequence(notice: FormalNotice) -> _Para:
    en = _en(notice)
    if not notice.consumer:
        if en:
            return _Para(
                "Failing payment by that date, we will, without further notice, apply to the president of "
                "the competent commercial court (tribunal de commerce) for an order for payment "
                "(injonction de payer)."
            )
        return _Para(
            "À défaut de règlement dans ce délai, nous saisirons sans autre avis le président du tribunal "
            "de commerce compétent d'une requête en injonction de payer."
        )
    if _small_claims_eligible(notice):
        if en:
            return _Para(
                "Failing payment by that date, we may entrust a commissaire de justice with the simplified "
                "procedure for the recovery of small claims, or apply to the competent civil court "
                "(tribunal judiciaire), in particular for an order for payment (injonction de payer)."
            )
        return _Para(
            "À défaut de règlement dans ce délai, nous pourrons engager la procédure simplifiée de "
            "recouvrement des petites créances par un commissaire de justice, ou saisir le tribunal "
            "judiciaire compétent, notamment d'une requête en injonction de payer."
        )
    if en:
        return _Para(
            "Failing payment by that date, we may apply to the competent civil court (tribunal judiciaire), "
            "in particular for an order for payment (injonction de payer)."
        )
    return _Para(
        "À défaut de règlement dans ce délai, nous pourrons saisir le tribunal judiciaire compétent, "
        "notamment d'une requête en injonction de payer."
    )


def _formal_close(notice: FormalNotice) -> tuple[_Para, ...]:
    # C. civ. 1344 requires a "sufficient summons": saying outright that this is a mise en demeure
    # removes any doubt about the letter's effect.
    if _en(notice):
        return (
            _Para(
                "This letter constitutes a formal notice (mise en demeure) within the meaning of "
                "article 1344 of the French Civil Code."
            ),
            _Para("Yours faithfully,"),
        )
    return (
        _Para("La présente lettre vaut mise en demeure au sens de l'article 1344 du Code civil."),
        _Para("Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées."),
    )


def _compose(notice: FormalNotice) -> _Letter:
    en = _en(notice)
    closing = (
        _legal_basis(notice),
        _demand(notice),
        *_payment(notice),
        _consequence(notice),
        *_formal_close(notice),
    )
    return _Letter(
        language=notice.language,
        creditor=_party(notice, notice.creditor),
        debtor=_party(notice, notice.debtor),
        dateline=_dateline(notice),
        delivery="Registered letter with acknowledgement of receipt"
        if en
        else "Lettre recommandée avec accusé de réception",
        subject="FORMAL NOTICE TO PAY" if en else "MISE EN DEMEURE DE PAYER",
        opening=_opening(notice),
        table=_table(notice),
        totals=_totals(notice),
        closing=closing,
        signature=f"For {notice.creditor.name}" if en else f"Pour {notice.creditor.name}",
    )


# ---------------------------------------------------------------- plain text


def _label(letter: _Letter, label: str, value: str) -> str:
    # French typography puts a space before the colon, English does not.
    return f"{label}: {value}" if letter.language == "en" else f"{label} : {value}"


def _text_rows(letter: _Letter) -> list[str]:
    header = letter.table.header
    return [
        f"- {row[0]} — " + ", ".join(_label(letter, h, v) for h, v in zip(header[1:], row[1:], strict=True))
        for row in letter.table.rows
    ]


def _text_paragraphs(paras: tuple[_Para, ...]) -> list[str]:
    blocks: list[str] = []
    for para in paras:
        if para.follows and blocks:
            blocks[-1] += "\n" + para.text
        else:
            blocks.append(para.text)
    return blocks


def notice_text(notice: FormalNotice) -> str:
    """The letter as plain text: the body of the email that carries the PDF."""
    letter = _compose(notice)
    subject_label = "Subject" if letter.language == "en" else "Objet"
    blocks = [
        "\n".join(letter.creditor),
        "\n".join(letter.debtor),
        f"{letter.dateline}\n{letter.delivery}",
        _label(letter, subject_label, letter.subject),
        *_text_paragraphs(letter.opening),
        "\n".join(_text_rows(letter)),
        "\n".join(_label(letter, label, value) for label, value in letter.totals),
        *_text_paragraphs(letter.closing),
        letter.signature,
    ]
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- PDF

_MARGIN = 20.0
_BOTTOM_MARGIN = 16.0  # leaves the footer its own strip below the text
_LINE = 5.0
_TEXT_COLOUR = (0, 0, 0)
_LINK_COLOUR = (0, 0, 160)
_RIGHT_COLUMN_X = 115.0


class _LetterPdf(FPDF):
    def footer(self) -> None:
        # Multi-page letters get numbered so a missing sheet in a registered envelope is noticed.
        self.set_y(-12)
        self.set_font(_FONT, "", 8)
        self.cell(0, 5, f"Page {self.page_no()}/{{nb}}", align="R")


def _new_pdf(letter: _Letter, font_dir: Path) -> _LetterPdf:
    pdf = _LetterPdf(orientation="portrait", unit="mm", format="A4")
    add_fonts(pdf, font_dir)
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(auto=True, margin=_BOTTOM_MARGIN)
    pdf.set_title(letter.subject)
    pdf.set_author(letter.creditor[0])
    pdf.add_page()
    return pdf


def _block(pdf: FPDF, lines: tuple[str, ...], x: float, y: float, width: float) -> float:
    pdf.set_xy(x, y)
    for index, line in enumerate(lines):
        pdf.set_font(_FONT, "B" if index == 0 else "", 10)
        pdf.set_x(x)
        pdf.multi_cell(width, _LINE, line, new_x="LMARGIN", new_y="NEXT")
    return pdf.get_y()


def _header(pdf: FPDF, letter: _Letter) -> None:
    creditor_end = _block(pdf, letter.creditor, _MARGIN, _MARGIN, 85)
    # The debtor sits lower right, where a window envelope shows the address.
    debtor_end = _block(pdf, letter.debtor, _RIGHT_COLUMN_X, _MARGIN + 25, pdf.w - _MARGIN - _RIGHT_COLUMN_X)
    pdf.set_xy(_RIGHT_COLUMN_X, max(creditor_end, debtor_end) + 6)
    pdf.set_font(_FONT, "", 10)
    pdf.multi_cell(0, _LINE, letter.dateline, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(_FONT, "B", 10)
    pdf.multi_cell(0, _LINE, letter.delivery, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(_FONT, "B", 12)
    label = "Subject: " if letter.language == "en" else "Objet : "
    pdf.multi_cell(0, 6, label + letter.subject, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _paragraphs(pdf: FPDF, paras: tuple[_Para, ...]) -> None:
    pdf.set_font(_FONT, "", 10)
    for para in paras:
        if not para.follows:
            pdf.ln(2)
        pdf.set_text_color(*(_LINK_COLOUR if para.link else _TEXT_COLOUR))
        pdf.multi_cell(0, _LINE, para.text, link=para.link or "", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*_TEXT_COLOUR)


def _invoice_table(pdf: FPDF, table: _Table) -> None:
    six = len(table.header) == 6
    widths = (34, 22, 22, 31, 31, 30) if six else (55, 35, 35, 45)
    align = ("LEFT", "CENTER", "CENTER", *("RIGHT",) * (len(widths) - 3))
    pdf.ln(2)
    pdf.set_font(_FONT, "", 9)
    with pdf.table(
        col_widths=widths,
        width=sum(widths),
        text_align=align,
        line_height=_LINE,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
    ) as grid:
        for cells in (table.header, *table.rows):
            row = grid.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(3)


def _totals_block(pdf: FPDF, totals: tuple[tuple[str, str], ...]) -> None:
    label_width = 120.0
    value_width = pdf.w - 2 * _MARGIN - label_width
    for index, (label, value) in enumerate(totals):
        last = index == len(totals) - 1
        pdf.set_font(_FONT, "B" if last else "", 10)
        pdf.cell(label_width, _LINE + 1, label, align="R")
        pdf.cell(value_width, _LINE + 1, value, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _signature(pdf: FPDF, signature: str) -> None:
    # Keep room for a handwritten signature under the name, on the same page.
    if pdf.get_y() + 25 > pdf.h - _BOTTOM_MARGIN:
        pdf.add_page()
    pdf.ln(6)
    pdf.set_x(_RIGHT_COLUMN_X)
    pdf.set_font(_FONT, "B", 10)
    pdf.multi_cell(0, _LINE, signature, new_x="LMARGIN", new_y="NEXT")


def render_formal_notice(notice: FormalNotice, *, font_dir: Path = FONT_DIR) -> bytes:
    """The letter as an A4 PDF, ready for registered mail or as an email attachment."""
    letter = _compose(notice)
    pdf = _new_pdf(letter, font_dir)
    # A fixed creation date makes the same notice render to the same bytes.
    pdf.set_creation_date(datetime.combine(notice.issued_on, time(), tzinfo=UTC))
    _header(pdf, letter)
    _paragraphs(pdf, letter.opening)
    _invoice_table(pdf, letter.table)
    _totals_block(pdf, letter.totals)
    _paragraphs(pdf, letter.closing)
    _signature(pdf, letter.signature)
    return bytes(pdf.output())
