"""The public pay page of an invoice: no login, French by default, works on a phone, no CDN."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from api.deps import DbSession, Store, get_runtime
from api.documents import service as documents
from api.instalments import service as instalments
from api.mandates import service as mandates
from api.payment_links import service as payment_links
from web.common import T, render
from web.pay_instalments import start_instalments
from web.pay_mandate import add_mandate_routes, start_mandate


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
        return render(request, t, "pay.html", page=page, offers=offers, mandate=mandate, plan=plan)

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

    @app.get("/pay/{token}/invoice", response_class=FileResponse)
    def invoice_file(token: str, db: DbSession, store: Store) -> FileResponse:
        page = payment_links.pay_page(db, token)
        document = documents.document_for_invoice(db, page.invoice)
        return FileResponse(
            documents.document_path(store, document),
            media_type=document.media_type,
            filename=document.filename,
            content_disposition_type="inline",
        )

    add_mandate_routes(app)
