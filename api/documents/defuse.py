"""A copy of an uploaded PDF that a browser may show inline: every script and automatic action removed.

Chromium's PDF viewer runs a PDF's JavaScript (`app.alert`...) even when the response is sandboxed by
`Content-Security-Policy: sandbox`, so what we show inline is never the uploaded file itself but this copy:
no /OpenAction or additional actions (/AA), no document-level /JavaScript, no /JS anywhere, no action that
runs script, launches a program or sends data (JavaScript, Launch, SubmitForm, ImportData, ResetForm,
Rendition, GoToE, GoToR, RichMediaExecute), no XFA form. Links (/URI, /GoTo) stay. A PDF that cannot be
read this way (encrypted, broken) gets no copy: the caller then offers the original as a download.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

log = logging.getLogger(__name__)

_RISKY_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/ResetForm",
        "/Rendition",
        "/GoToE",
        "/GoToR",
        "/RichMediaExecute",
        "/Sound",
        "/Movie",
        "/Hide",
        "/SetOCGState",
        "/Trans",
        "/GoTo3DView",
    }
)
_ALWAYS_DROPPED = ("/AA", "/JS", "/XFA", "/OpenAction")
_ACTION_KEYS = ("/A", "/Next")


def defused_copy(source: Path, target: Path) -> Path | None:
    """`target` (written once, then reused), or None when `source` cannot be defused."""
    if target.is_file():
        return target
    try:
        reader = PdfReader(source)
        if reader.is_encrypted:
            return None
        writer = PdfWriter(clone_from=reader)
        _defuse(writer.root_object)
        names = writer.root_object.get("/Names")
        if isinstance(names, DictionaryObject | IndirectObject):
            names_dict = names.get_object()
            if isinstance(names_dict, DictionaryObject):
                names_dict.pop(NameObject("/JavaScript"), None)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix="defuse-", suffix=".part")
        with os.fdopen(fd, "wb") as out:
            writer.write(out)
        os.replace(temporary, target)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError) as exc:
        log.warning("PDF %s could not be defused: %s", source.name, exc)
        return None
    return target


def _is_risky_action(value: Any) -> bool:
    action = value.get_object() if isinstance(value, IndirectObject) else value
    if isinstance(action, ArrayObject):  # /Next may be an array of actions
        return any(_is_risky_action(item) for item in action)
    return isinstance(action, DictionaryObject) and str(action.get("/S", "")) in _RISKY_ACTIONS


def _defuse(root: DictionaryObject) -> None:
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            for name in _ALWAYS_DROPPED:
                node.pop(NameObject(name), None)
            for name in _ACTION_KEYS:
                if name in node and _is_risky_action(node[name]):
                    del node[NameObject(name)]
            if str(node.get("/S", "")) in _RISKY_ACTIONS:
                node[NameObject("/S")] = NameObject("/GoTo")  # an inert action left where it was referenced
                for name in ("/F", "/Win", "/Mac", "/Unix", "/Fields", "/Next"):
                    node.pop(NameObject(name), None)
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
