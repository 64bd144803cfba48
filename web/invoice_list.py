"""The invoice list: filters (status, client, aging, amount, text), sorting by column, pages that keep the
filters, and the CSV export of everything that matches. Bad filter input is said next to its field."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from api import pagination
from api.deps import DbSession
from api.invoices import policy
from api.invoices import service as invoices
from api.security_headers import download_headers
from web.common import T, Viewer, render
from web.i18n import Translator

PER_PAGE = 50
CLIENT_CHOICES = 300  # the client filter lists them up to this many; beyond, the text search finds them


def typed_filters(request: Request) -> dict[str, str]:
    """The filters as typed, kept for the form and for the links (sorting, pages, export)."""
    return {name: request.query_params.get(name, "").strip() for name in policy.FILTER_PARAMS}


def query(typed: dict[str, str], errors: dict[str, str], **changes: str) -> str:
    """A query string with the valid filters and `changes` (a bad value is not carried on)."""
    kept = {name: value for name, value in typed.items() if value and name not in errors}
    kept.update(changes)
    return urlencode({name: value for name, value in kept.items() if value})


def sort_links(typed: dict[str, str], errors: dict[str, str]) -> dict[str, dict[str, str]]:
    """For each sortable column: the link that sorts by it (a second click reverses) and its aria-sort."""
    current = typed["sort"] if "sort" not in errors else ""
    descending = typed["order"] == "desc"
    links = {}
    for key in policy.SORTS:
        active = key == current
        order = ("asc" if descending else "desc") if active else "asc"
        aria = ("descending" if descending else "ascending") if active else "none"
        links[key] = {"href": "?" + query(typed, errors, sort=key, order=order, page=""), "aria": aria}
    return links


def add_list_routes(app: FastAPI) -> None:
    @app.get("/invoices", response_class=HTMLResponse)
    def invoice_list(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        typed = typed_filters(request)
        filters, errors = policy.parse_filters(typed)
        page = _page(request.query_params.get("page", "1"))
        seek = _seek(request) if page > 1 else None
        found = invoices.search_invoices(
            db, viewer, filters, limit=PER_PAGE, offset=(page - 1) * PER_PAGE, seek=seek
        )
        rows = [row.invoice for row in found.rows]
        clients = invoices.client_choices(db, viewer, limit=CLIENT_CHOICES + 1, including=filters.client_id)
        many_clients = len(clients) > CLIENT_CHOICES
        if many_clients:  # too many to choose from: the chosen one only; the search field finds the others
            clients = [(i, name) for i, name in clients if i == filters.client_id]
        return render(
            request, t, "invoices.html", status_code=400 if errors else 200, viewer=viewer, rows=found.rows,
            total=found.total, page=page, pages=pagination.page_count(found.total, PER_PAGE),
            pager=pager_links(typed, errors, page, found, found.total), typed=typed,
            errors={name: t("inv.error." + code) for name, code in errors.items()},
            statuses=policy.VIEW_STATUSES, buckets=policy.AGING_BUCKETS, clients=clients,
            many_clients=many_clients, sorts=sort_links(typed, errors),
            export_query=query(typed, errors, page=""), pay_urls=invoices.pay_urls(db, rows),
        )  # fmt: skip

    @app.get("/invoices.csv")
    def invoice_export(request: Request, t: T, db: DbSession, viewer: Viewer) -> Response:
        typed = typed_filters(request)
        filters, errors = policy.parse_filters(typed)
        if errors:
            message = "; ".join(f"{t('inv.filter.' + name)} : {t('inv.error.' + code)}"
                                for name, code in errors.items())  # fmt: skip
            return render(request, t, "error.html", status_code=400, message=message)
        separator = "," if t.language == "fr" else "."
        # Read now: the request's session ends with this function, before the body is sent.
        rows = list(invoices.export_rows(db, viewer, filters, decimal_separator=separator))
        header = [t("inv.csv." + column) for column in invoices.EXPORT_COLUMNS]
        return StreamingResponse(
            invoices.csv_chunks([header, *_with_status_words(rows, t)]),
            media_type="text/csv; charset=utf-8",
            headers=download_headers("factures.csv"),
        )


def pager_links(
    typed: dict[str, str], errors: dict[str, str], page: int, found: invoices.SearchPage, total: int
) -> dict[str, str]:
    """The previous and next pages' links: each carries its page number (shown as "page N of M") and a
    cursor, the sort values of the row next to it, so the page is read from there (keyset) however deep
    it is. The first page needs none."""
    links = {}
    if page > 1 and found.first is not None:
        cursor = pagination.encode_cursor(found.first) if page > 2 else ""
        links["prev"] = "?" + query(typed, errors, page=str(page - 1), before=cursor)
    elif page > 1:  # past the end (a typed page number): back to the first
        links["prev"] = "?" + query(typed, errors, page="1")
    if page * PER_PAGE < total and found.last is not None:
        cursor = pagination.encode_cursor(found.last)
        links["next"] = "?" + query(typed, errors, page=str(page + 1), after=cursor)
    return links


def _seek(request: Request) -> pagination.Seek | None:
    """The page's cursor: the row it starts after (`after`) or ends before (`before`); None without one
    (a typed or bookmarked page number) or with one that is not ours: the page is then counted."""
    for name, forward in (("after", True), ("before", False)):
        values = pagination.decode_cursor(request.query_params.get(name, ""))
        if values is not None:
            return pagination.Seek(values, forward)
    return None


def _page(raw: str) -> int:
    # ASCII digits only: "²".isdigit() is true and int() refuses it; a short text: int() refuses 5000 digits
    return int(raw) if len(raw) <= 6 and raw.isascii() and raw.isdigit() and int(raw) > 0 else 1


# The status columns hold codes; the export says them in its reader's language, as the pages do.
STATUS_WORDS = {
    "status": "inv.status.",
    "review_status": "invoice.status.",
    "collection_status": "payments.status.",
}


def _with_status_words(rows: list[list[str]], t: Translator) -> list[list[str]]:
    columns = {invoices.EXPORT_COLUMNS.index(name): prefix for name, prefix in STATUS_WORDS.items()}
    return [
        [t.code(columns[i], cell) if i in columns else cell for i, cell in enumerate(row)] for row in rows
    ]
