"""Line items printed on text-layer pages: the table under a header such as "Désignation  Qté  Prix unitaire
Montant" (French, English, German).

The header is looked for in the page's words first (cheap, from pdfium); only a page that has one is
handed to pdfplumber's table finder (~85 ms a page), whose cells give the rows and columns of ruled
tables. When pdfplumber finds no table under that header (unruled layouts, rows of several lines), the
columns are taken from the header words' positions and each word goes to the column it sits under.

Values are decimal strings like every amount of the library; cells that hold no number are left None.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import total_labels
from .amounts import format_amount, parse_amount
from .layout import PageText, Phrase, page_phrases
from .model import LineItem

Role = str  # "description" | "quantity" | "unit_price" | "total" | "vat_rate" | "other"
NUMERIC_ROLES = ("quantity", "unit_price", "total", "vat_rate")

# Header cell text -> column role; the first pattern that matches wins, so the specific ones come first
# ("Prix unitaire HT" is a unit price, "Prix HT" a line total, "Montant TVA" neither).
_ROLES: tuple[tuple[Role, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern, re.IGNORECASE))
    for role, pattern in (
        (
            "other",
            r"^(?:montant\s+(?:de\s+(?:la\s+)?)?t\.?v\.?a|tax\s+amount|vat\s+amount|steuerbetrag|"
            r"(?:u\.?st|mwst)\.?-?\s*betrag|"
            r"rem(?:ise)?\.?|disc(?:ount)?\.?|rabatt|pos\.?|r[ée]f)\b|^(?:unit[ée]s?|units?|einheit)$",
        ),
        (
            "unit_price",
            r"\b(?:prix\s+unit(?:aire)?|p\.?\s?u\.?(?:\s+h\.?t\.?)?$|unit\s+price|price\s+per\s+unit|"
            r"einzelpreis|nettopreis|st[üu]ckpreis|tarif\s+unitaire|rate$|^preis$|^price$)",
        ),
        ("quantity", r"^(?:quantit[ée]|qt[ée]s?\.?|qte|quantity|qty\.?|menge|anzahl|nombre|nb)\b"),
        (
            "vat_rate",
            r"^(?:taux\s+(?:de\s+)?t\.?v\.?a\.?|t\.?v\.?a\.?\s*(?:\(?%\)?)?$|t\.?v\.?a\.?\s+%|"
            r"vat\s*(?:rate|%)?$|tax\s*(?:rate|%)$|mwst\.?\s*%?|ust\.?\s*%?$|steuersatz)",
        ),
        (
            "total",
            r"^(?:montant|total|prix\s+(?:total\s+)?h\.?t\.?|price\s+w/o|amount|line\s+total|"
            r"nettobetrag|betrag|gesamt(?:preis|betrag)?|summe)\b|betrag\b",
        ),
        (
            "description",
            r"^(?:d[ée]signation|description|libell[ée]|article|produit|prestation|d[ée]tail|"
            r"items?|products?|produkt|services?|beschreibung|bezeichnung|artikel(?:bezeichnung)?|"
            r"leistung)\b",
        ),
    )
)
# A row that reads like one of these closes the table: the totals follow the lines.
_SUBTOTAL = re.compile(r"^(?:sous-total|sub-?total|zwischensumme|positionssumme|report|[üu]bertrag)\b", re.I)
_CLOSING = (*total_labels.TOTAL_EXCL_TAX, *total_labels.TOTAL_INCL_TAX, *total_labels.AMOUNT_DUE, _SUBTOTAL)
# A cell's leading number: grouped by threes ("1 028,80", "1.235,40") or plain ("9,9000", "20Unit(s)").
_LEADING_NUMBER = re.compile(
    r"^[\s:|]*([-−–]?\s?(?:\d{1,3}(?:[ \u00a0\u202f'’.,]\d{3})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)?))"
)
# The gap (in line heights) after which the rows of a table are over.
_MAX_ROW_GAP = 5.0
_MAX_RATE = Decimal(100)
_SINGLE_RATE = re.compile(r"\d{1,3}(?:[.,]\d{1,3})?\s*%?")
_FIGURE = re.compile(r"[-−–+]?[\d.,'’\u00a0\u202f]*\d[\d.,]*\s*(?:%|€|\$|£)?")


def header_role(text: str) -> Role | None:
    cleaned = " ".join(text.split())
    for role, pattern in _ROLES:
        if pattern.search(cleaned):
            return role
    return None


def has_item_header(page: PageText) -> bool:
    """A line holding a description column and a money or quantity column: worth a table search."""
    return any(_header_columns(line) is not None for line in page_phrases(page))


def _header_columns(line: list[Phrase]) -> list[tuple[Role, float, float]] | None:
    roles = [header_role(phrase.text) for phrase in line]
    found = {r for r in roles if r is not None}
    if "description" in found and found & {"quantity", "unit_price", "total"} and len(found - {"other"}) >= 2:
        return [(role or "other", phrase.x0, phrase.x1) for role, phrase in zip(roles, line, strict=True)]
    return None


# ---------------------------------------------------------------------------------------------------
# Cells -> items, whichever way the cells were found


@dataclass
class _Row:
    cells: dict[Role, list[str]] = field(default_factory=dict)

    def add(self, role: Role, text: str) -> None:
        if text.strip():
            self.cells.setdefault(role, []).append(" ".join(text.split()))

    def text(self, role: Role) -> str:
        return " ".join(self.cells.get(role, []))

    def numeric_roles(self) -> set[Role]:
        return {role for role in NUMERIC_ROLES if _number(self.text(role), role) is not None}


def _number(text: str, role: Role) -> Decimal | None:
    """The number a cell starts with: "20 Unit(s)" -> 20, "4,55 € 10%" -> 4.55, "19 %" -> 19 (rates only)."""
    match = _LEADING_NUMBER.match(text)
    if match is None:
        return None
    rest = text[match.end() :].lstrip()
    if role != "vat_rate" and rest.startswith("%"):
        return None
    return parse_amount(match.group(1))


def _closes_table(row: _Row) -> bool:
    text = " ".join(" ".join(values) for values in row.cells.values())
    return any(label.search(text) for label in _CLOSING)


def _item(row: _Row, page: int) -> LineItem | None:
    description = row.text("description").strip(" :-")
    values = {role: _number(row.text(role), role) for role in NUMERIC_ROLES}
    if not description or not any(c.isalpha() for c in description):
        return None
    if values["total"] is None and (values["quantity"] is None or values["unit_price"] is None):
        return None
    rate = values["vat_rate"]
    if rate is not None and (not 0 <= rate <= _MAX_RATE or not _SINGLE_RATE.fullmatch(row.text("vat_rate"))):
        return None  # figures from another table (charges, a VAT summary) read into the rate column

    def text(role: Role) -> str | None:
        value = values[role]
        return None if value is None else format_amount(value)

    return LineItem(description=description, quantity=text("quantity"), unit_price=text("unit_price"),
                    total=text("total"), vat_rate=text("vat_rate"), page=page)  # fmt: skip


def _items(rows: Iterator[_Row], page: int) -> list[LineItem]:
    items: list[LineItem] = []
    for row in rows:
        if _closes_table(row):
            break
        item = _item(row, page)
        if item is not None:
            items.append(item)
    return items


# ---------------------------------------------------------------------------------------------------
# pdfplumber: ruled tables


@contextmanager
def plumber_pdf(data: bytes) -> Iterator[Any]:
    import pdfplumber  # imported on first use: it is only needed for pages with a line-item table

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        yield pdf


def items_from_tables(plumber_page: Any, page: int) -> list[LineItem]:
    for table in plumber_page.find_tables():
        items = _items_from_table(table, page)
        if items:
            return items
    return []


def _items_from_table(table: Any, page: int) -> list[LineItem]:
    texts: list[list[str | None]] = table.extract()
    rows = table.rows
    for index, (row, cells_text) in enumerate(zip(rows, texts, strict=False)):
        columns = _table_header(row.cells, cells_text)
        if columns is not None:
            body = zip(rows[index + 1 :], texts[index + 1 :], strict=False)
            return _items((_table_row(r.cells, t, columns) for r, t in body), page)
    return []


Box = tuple[float, float, float, float]


def _table_header(
    cells: Sequence[Box | None], texts: Sequence[str | None]
) -> list[tuple[Role, float, float]] | None:
    columns: list[tuple[Role, float, float]] = []
    for cell, text in zip(cells, texts, strict=False):
        if cell is None or not text or not text.strip():
            continue
        columns.append((header_role(text) or "other", cell[0], cell[2]))
    roles = {role for role, _, _ in columns}
    if "description" in roles and roles & {"quantity", "unit_price", "total"}:
        return columns
    return None


def _table_row(
    cells: Sequence[Box | None], texts: Sequence[str | None], columns: list[tuple[Role, float, float]]
) -> _Row:
    row = _Row()
    for cell, text in zip(cells, texts, strict=False):
        if cell is None or not text:
            continue
        overlaps = [(min(cell[2], x1) - max(cell[0], x0), role) for role, x0, x1 in columns]
        overlap, role = max(overlaps)
        if overlap > 0:
            row.add(role, text)
    return row


# ---------------------------------------------------------------------------------------------------
# Word positions: tables without rules


def items_from_words(page: PageText) -> list[LineItem]:
    lines = page_phrases(page)
    for index, line in enumerate(lines):
        columns = _header_columns(line)
        if columns is None:
            continue
        columns = _with_stacked_headers(columns, lines, index)
        items = _items(_word_rows(lines[index + 1 :], columns, line), page.number)
        if items:
            return items
    return []


def _with_stacked_headers(
    columns: list[tuple[Role, float, float]], lines: list[list[Phrase]], index: int
) -> list[tuple[Role, float, float]]:
    """Header cells written on two lines ("Prix / unitaire") sit just above or below the header line."""
    header = lines[index]
    height = max(p.y1 - p.y0 for p in header)
    top, bottom = min(p.y0 for p in header), max(p.y1 for p in header)
    stacked: list[Phrase] = []
    for near in (*lines[max(0, index - 3) : index], *lines[index + 1 : index + 4]):
        if near and (
            top - max(p.y1 for p in near) < height * 0.8 and min(p.y0 for p in near) - bottom < height * 0.8
        ):
            stacked += [p for p in near if not any(p.x0 <= x1 and p.x1 >= x0 for _, x0, x1 in columns)]
    groups: list[list[Phrase]] = []
    for phrase in sorted(stacked, key=lambda p: p.y0):
        group = next((g for g in groups if any(p.x0 <= phrase.x1 and p.x1 >= phrase.x0 for p in g)), None)
        if group is None:
            groups.append([phrase])
        else:
            group.append(phrase)
    for group in groups:
        text = " ".join(p.text for p in group)
        columns.append((header_role(text) or "other", min(p.x0 for p in group), max(p.x1 for p in group)))
    return sorted(columns, key=lambda c: c[1])


def _section_title(line: list[Phrase], columns: list[tuple[Role, float, float]]) -> bool:
    """ "Zahlungsbedingungen:", "Payment terms:" left of the description column: the page's next section."""
    text = line[0].text
    description_x0 = min((x0 for role, x0, _ in columns if role == "description"), default=0.0)
    return (len(line) == 1 and text.endswith(":") and not any(c.isdigit() for c in text)
            and line[0].x0 < description_x0 - (line[0].y1 - line[0].y0))  # fmt: skip


def _column_of(x_middle: float, columns: list[tuple[Role, float, float]]) -> Role:
    for (role, _, x1), (_, next_x0, _) in zip(columns, columns[1:], strict=False):
        if x_middle < (x1 + next_x0) / 2:
            return role
    return columns[-1][0]


def _word_rows(
    lines: list[list[Phrase]], columns: list[tuple[Role, float, float]], header: list[Phrase]
) -> Iterator[_Row]:
    """Rows of the table: a line with figures in two columns starts one; lines under it that add what it
    lacks (a total printed lower down) belong to it, and so does a description wrapped onto the next line."""
    height = max(p.y1 - p.y0 for p in header)
    header_bottom = max(p.y1 for p in header)
    previous_bottom = header_bottom
    current: _Row | None = None
    text_bottom = header_bottom  # bottom of the last line that gave the current row its description
    row_bottom = header_bottom
    for line in lines:
        top, bottom = min(p.y0 for p in line), max(p.y1 for p in line)
        if top - previous_bottom > height * _MAX_ROW_GAP:
            break
        if top <= header_bottom:  # the lower half of a two-line header
            continue
        if _section_title(line, columns) and top - previous_bottom > height * 1.2:
            break
        previous_bottom = bottom
        row = _Row()
        for phrase in line:
            role: Role | None = None
            for word in phrase.words:
                # A description running past its column keeps its words; figures go where they stand.
                if role != "description" or _FIGURE.fullmatch(word.text):
                    role = _column_of((word.x0 + word.x1) / 2, columns)
                row.add(role, word.text)
        if _closes_table(row):
            break
        numeric = row.numeric_roles()
        if current is None or _starts_row(row, numeric, current, top - row_bottom > height * 1.5):
            if current is not None:
                yield current
            current, text_bottom = row, bottom
        else:
            for role in numeric - current.numeric_roles():
                current.add(role, row.text(role))
            if row.text("description") and top - text_bottom < height * 0.8:
                current.add("description", row.text("description"))
                text_bottom = bottom
        row_bottom = bottom
    if current is not None:
        yield current


def _starts_row(row: _Row, numeric: set[Role], current: _Row, detached: bool) -> bool:
    """Figures in two columns start a row; so do figures the current row already has, or figures not
    right under it (a total printed one line lower belongs to the row above, one further down does not)."""
    return len(numeric) >= 2 or bool(numeric and (detached or numeric & current.numeric_roles()))
