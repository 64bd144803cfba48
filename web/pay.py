"""The public pay page of an invoice: no login, French by default, works on a phone, no CDN."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import DbSession, Store, get_runtime
from api.documents import service as documents
from api.instalments import service as instalments
from api.invoices.policy import AMOUNT_FIELDS, DATE_FIELDS, EDITABLE_FIELDS
from api.mandates import service as mandates
from api.models import Invoice
from api.payment_links import service as payment_links
from api.payment_links.readable_invoice import ReadableInvoice, render_readable_invoice
from api.security_headers import bytes_download, stored_file
from web.common import T, money, render
from web.i18n import Translator
from web.pay_instalments import start_instalments
from web.pay_mandate import add_mandate_routes, start_mandate

PDF = "application/pdf"


def add_pay_routes(app: FastAPI) -> None:
    @app.get("/pay/{token}", response_class=HTMLResponse)
    def pay_page(request: Request, token: str, t: T, db: DbSession) -> Response:
        page = payment_links.pay_page(db, token)
        prenotice_days = get_runtime(request).settings.sepa_prenotice_days
        mandate = mandates.pay_page_view(db, page, prenotice_days=prenotice_days)
        plan = instalments.pay_page_view(db, page)
        offers = {o.method: o for o in page.offers if o.available}
        if not page.instalment_counts:
            offers.pop("instalments", None)
        if mandate is not None:
            offers.pop("mandate", None)  # signed already, or waiting for the bank
        if mandate is not None and mandate.status == "active" and mandate.debit_date is not None:
            offers = {}  # this invoice is debited on the mandate: nothing else to choose
        if plan is not None and plan.status in ("active", "completed"):
            offers = {}  # paid on its schedule
        elif plan is not None:
            offers.pop("mandate", None)  # chosen: waiting for the mandate or the schedule
        xml_original = page.invoice.document_id is not None and documents.is_xml(
            documents.document_for_invoice(db, page.invoice)
        )
        return render(request, t, "pay.html", page=page, offers=offers, mandate=mandate, plan=plan,
                      xml_original=xml_original)  # fmt: skip

    @app.post("/pay/{token}/start")
    def start(
        request: Request,
        token: str,
        db: DbSession,
        method: Annotated[str, Form()] = "",
        email: Annotated[str, Form()] = "",
        count: Annotated[str, Form()] = "",
    ) -> Response:
        if method == "mandate":
            return start_mandate(request, token, db, email)
        if method == "instalments":
            return start_instalments(request, token, db, email, count)
        runtime = get_runtime(request)
        url = payment_links.start_checkout(
            db,
            token,
            method=method,
            secret_key=runtime.settings.secret_key,
            base_url=runtime.settings.base_url,
            timeout=runtime.settings.provider_timeout_seconds,
        )
        return RedirectResponse(url, status_code=303)

    @app.get("/pay/{token}/return", response_class=HTMLResponse)
    def returned(request: Request, token: str, t: T, db: DbSession) -> Response:
        # Coming back from the provider proves nothing: only its confirmation marks an invoice paid.
        page = payment_links.pay_page(db, token)
        return render(request, t, "pay_return.html", page=page)

    @app.get("/pay/{token}/invoice")
    def invoice_file(token: str, t: T, db: DbSession, store: Store) -> Response:
        """What the payer reads, inline and sandboxed: an XML invoice as a PDF rendered from its fields,
        a PDF as a copy stripped of scripts, an image as it is. Anything else is a download."""
        page = payment_links.pay_page(db, token)
        document = documents.document_for_invoice(db, page.invoice)
        if documents.is_xml(document):
            view = _readable(page.invoice, page.organisation.name, t)
            stem = document.filename.rsplit(".", 1)[0] or "facture"
            return bytes_download(render_readable_invoice(view), PDF, f"{stem}.pdf", inline=True)
        viewable = documents.viewable_pdf(store, document)
        if viewable is not None:
            return stored_file(viewable, PDF, document.filename)
        path = documents.document_path(store, document)
        return stored_file(path, document.media_type, document.filename, inline=document.media_type != PDF)

    @app.get("/pay/{token}/invoice/original")
    def invoice_original(token: str, db: DbSession, store: Store) -> Response:
        """The file as the seller uploaded it (the XML of an electronic invoice), always a download."""
        page = payment_links.pay_page(db, token)
        document = documents.document_for_invoice(db, page.invoice)
        path = documents.document_path(store, document)
        return stored_file(path, document.media_type, document.filename, inline=False)

    add_mandate_routes(app)


def _readable(invoice: Invoice, issuer: str, t: Translator) -> ReadableInvoice:
    """Every field we hold of the invoice, labelled in the payer's language, dates and amounts formatted."""
    rows: list[tuple[str, str]] = []
    for name in EDITABLE_FIELDS:
        if name in ("document_type", "currency"):  # the title says it; every amount carries its currency
            continue
        column = getattr(invoice, name, None) if name in (*AMOUNT_FIELDS, *DATE_FIELDS) else None
        if name in AMOUNT_FIELDS and column is not None:
            value = money(column, invoice.currency, t.language)
        elif name in DATE_FIELDS and column is not None:
            value = column.strftime("%d/%m/%Y")
        else:
            found = (invoice.fields or {}).get(name) or {}
            value = str(found.get("value") or "").strip()
        if value:
            rows.append((t(f"field.{name}"), value))
    return ReadableInvoice(
        title=t("security.readable.title", number=invoice.number or ""),
        issuer=issuer,
        rows=rows,
        note=t("security.readable.note"),
        created=invoice.updated_at,
    )
