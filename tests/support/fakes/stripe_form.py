"""Stripe's request encoding: `application/x-www-form-urlencoded` with nested keys, `a[b][c]=v` for
dictionaries and `a[0][b]=v` for lists, as stripe-python sends them."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")


def parse_form(body: str) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        match = _KEY.match(key)
        if match is None:
            raise ValueError(f"malformed parameter name {key!r}")
        path = [match.group(1), *re.findall(r"\[([^\[\]]*)\]", match.group(2))]
        _assign(root, path, value)
    parsed: dict[str, Any] = _listify(root)
    return parsed


def _assign(node: dict[str, Any], path: list[str], value: str) -> None:
    for index, part in enumerate(path[:-1]):
        # `a[]=x` (no index) appends: give it the next free position
        name = part if part else str(len(node))
        child = node.setdefault(name, {})
        if not isinstance(child, dict):
            raise ValueError(f"parameter {'.'.join(path[: index + 1])} is both a value and a hash")
        node = child
    last = path[-1] if path[-1] else str(len(node))
    node[last] = value


def _listify(node: Any) -> Any:
    """A hash whose keys are 0..n-1 was a list."""
    if not isinstance(node, dict):
        return node
    converted = {key: _listify(value) for key, value in node.items()}
    if converted and all(key.isdigit() for key in converted):
        indexes = sorted(int(key) for key in converted)
        if indexes == list(range(len(indexes))):
            return [converted[str(index)] for index in indexes]
    return converted
