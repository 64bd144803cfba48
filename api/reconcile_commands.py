"""`encaisse reconcile` and `encaisse bank import`: the catch-up and the statement import from a shell."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from api.bank import service as bank
from api.bank.formats import CsvMapping
from api.bank.service import mapping_from
from api.clock import PARIS
from api.errors import BadRequest
from api.organisations import service as organisations
from api.organisations.service import Principal
from api.provider_events import processing, reconcile
from api.settings import Settings

SessionFor = Callable[[Settings], AbstractContextManager[Session]]  # cli.session_for

bank_app = typer.Typer(help="Bank statements (CAMT.053, OFX, CSV).", no_args_is_help=True)


def run_reconcile(settings: Settings, session_for: SessionFor, *, since: date, org: str | None) -> None:
    with session_for(settings) as session:
        organisation_id = organisations.get_organisation_by_name(session, org).id if org else None
        moment = datetime.combine(since, time(0), PARIS)
        results = reconcile.catch_up(
            session,
            since=moment,
            secret_key=settings.secret_key,
            organisation_id=organisation_id,
            timeout=settings.provider_timeout_seconds,
        )
    processed = _process_now(settings, session_for, [i for r in results for i in r.new])
    for result in results:
        outcome = (
            f"error: {result.error}" if result.error else f"{result.fetched} events, {len(result.new)} new"
        )
        typer.echo(f"{result.organisation_id} {result.provider}: {outcome}")
    typer.echo(f"processed: {processed}")
    if any(r.error for r in results):
        raise typer.Exit(1)


def _process_now(settings: Settings, session_for: SessionFor, row_ids: list[uuid.UUID]) -> dict[str, int]:
    """The command waits for nobody: it processes what it fetched itself (the jobs it also enqueued then
    find the events done)."""
    outcomes: dict[str, int] = {}
    for row_id in row_ids:
        with session_for(settings) as session:
            status = processing.process(session, row_id, secret_key=settings.secret_key) or "done"
        outcomes[status] = outcomes.get(status, 0) + 1
    return outcomes


def csv_mapping(spec: list[str] | None) -> CsvMapping | None:
    """--csv date=Date --csv credit=Crédit …: our field = the file's column header."""
    try:
        return mapping_from(spec)
    except BadRequest as exc:
        raise typer.BadParameter(exc.detail) from exc


def run_bank_import(
    settings: Settings, session_for: SessionFor, file: Path, *, org: str, mapping: CsvMapping | None
) -> None:
    if not file.is_file():
        raise typer.BadParameter(f"{file} is not a file")
    with session_for(settings) as session:
        organisation = organisations.get_organisation_by_name(session, org)
        principal = Principal(organisation_id=organisation.id, label="cli")
        result = bank.import_statement(
            session, principal, file.read_bytes(), filename=file.name, mapping=mapping
        )
        rejected = list(result.statement.rejected)
    if result.already_imported:
        typer.echo(f"{file.name}: already imported, nothing changed")
        return
    counts = ", ".join(
        f"{count} {word}"
        for count, word in (
            (result.matched_count, "matched"),
            (result.proposed_count, "proposed"),
            (result.unmatched_count, "unmatched"),
        )
    )
    typer.echo(f"{file.name}: {result.new_lines} new lines ({result.known_lines} already known), {counts}")
    for item in rejected:
        typer.echo(f"  line {item['line']} rejected: {item['reason']}", err=True)


CsvOption = Annotated[
    list[str] | None,
    typer.Option(
        "--csv",
        help="CSV column mapping, repeatable: date=Date, amount=Montant or credit=… debit=…,"
        " payer=…, reference=…, id=…, date_format=%d/%m/%Y, delimiter=;",
    ),
]
