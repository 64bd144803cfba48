"""A Jinja sandbox that also bounds what a template may cost: no value, no output and no rendering time beyond
the limits below, whatever the template says (`{{ "x" * 100000000 }}`, nested loops, a macro that doubles a
string...). A template that reaches a limit is refused with `TemplateLimit`, naming the limit.

How each way of growing is bounded:
- one operation: `*`, `**`, `+`, `%` are intercepted (so never folded at compile time either) and refused
  when their result would be too large; numbers given to a filter or a method (a width, a count) are capped,
  and so are the widths written in a format string; `replace` is estimated before it runs;
- many operations: every string a filter, a method, an operator, a `~` or a buffered block produces counts
  against a budget of work; namespace attributes (the only state a loop can carry) are bounded;
- output: the template is rendered as a stream and stopped at the output limit;
- time: a trace function on the rendering thread checks the deadline at every line of the template's code and
  every call, so a loop that outputs nothing still stops.
"""

from __future__ import annotations

import contextvars
import functools
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from types import FrameType
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace

OUTPUT_LIMIT = 100_000  # characters, subject and body together
VALUE_LIMIT = 100_000  # characters (or items) of any single value, and the largest number given to a filter
WORK_LIMIT = 2_000_000  # characters produced by all operations of one rendering
TIME_LIMIT = 2.0  # seconds of rendering
_INT_BITS = 4_096  # integers: about 1,200 digits

_NUMBER = re.compile(r"\d+")


class TemplateLimit(Exception):
    """`kind` is output, value, work, time or depth; `limit` is the number the message names."""

    def __init__(self, kind: str, limit: float) -> None:
        super().__init__(_MESSAGES[kind].format(limit=limit))
        self.kind, self.limit = kind, limit


_MESSAGES = {
    "output": "the rendered message would exceed {limit} characters",
    "value": "a value would exceed {limit} characters",
    "work": "rendering would produce more than {limit} characters in all",
    "time": "rendering took more than {limit} seconds",
    "depth": "the template is nested or recursive too deeply",
}


class Budget:
    """What one rendering (subject and body) may still spend."""

    def __init__(self, *, time_limit: float | None = None) -> None:
        self.output = 0
        self.work = 0
        self.time_limit = TIME_LIMIT if time_limit is None else time_limit
        self.deadline = time.monotonic() + self.time_limit

    def spend(self, characters: int) -> None:
        self.work += characters
        if self.work > WORK_LIMIT:
            raise TemplateLimit("work", WORK_LIMIT)
        self.check_time()

    def emit(self, characters: int) -> None:
        self.output += characters
        if self.output > OUTPUT_LIMIT:
            raise TemplateLimit("output", OUTPUT_LIMIT)

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit("time", self.time_limit)


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("template_budget", default=None)


def _spend(value: Any) -> Any:
    """Count a produced value against the current rendering's budget (no budget: only the size cap)."""
    size = _size(value)
    if size is not None and size > VALUE_LIMIT:
        raise TemplateLimit("value", VALUE_LIMIT)
    budget = _BUDGET.get()
    if budget is not None:
        budget.spend(size or 1)
    return value


def _size(value: Any) -> int | None:
    if isinstance(value, str | bytes | list | tuple | dict | set | frozenset):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _INT_BITS:
        raise TemplateLimit("value", VALUE_LIMIT)
    return None


def _check_number(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > VALUE_LIMIT:
        raise TemplateLimit("value", VALUE_LIMIT)
    if isinstance(value, float) and abs(value) > VALUE_LIMIT:
        raise TemplateLimit("value", VALUE_LIMIT)


def _check_arguments(args: Iterable[Any], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        _check_number(value)
        if isinstance(value, tuple | list):  # "%*s" % (width, text)
            for item in value[:VALUE_LIMIT]:
                _check_number(item)


def _check_format(text: Any) -> None:
    """`"%100000000s"`, `"{:>100000000}"`: a width or precision written in the format itself."""
    if isinstance(text, str):
        for number in _NUMBER.findall(text):
            if len(number) > 6 or int(number) > VALUE_LIMIT:
                raise TemplateLimit("value", VALUE_LIMIT)


def _check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        times = (len(text) + 1) if not old else text.count(old)
        if isinstance(count, int) and count >= 0:
            times = min(times, count)
        if len(text) + times * max(len(new) - len(old), 0) > VALUE_LIMIT:
            raise TemplateLimit("value", VALUE_LIMIT)


def _estimate_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse before computing what would be too large."""
    if operator == "*":
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, str | list | tuple) and isinstance(times, int):
                if len(sequence) * max(times, 0) > VALUE_LIMIT:
                    raise TemplateLimit("value", VALUE_LIMIT)
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > _INT_BITS:
                raise TemplateLimit("value", VALUE_LIMIT)
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            if left.bit_length() * right > _INT_BITS:
                raise TemplateLimit("value", VALUE_LIMIT)
        elif isinstance(right, int | float) and abs(right) > VALUE_LIMIT:
            raise TemplateLimit("value", VALUE_LIMIT)
    elif operator == "+":
        if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
            if len(left) + len(right) > VALUE_LIMIT:
                raise TemplateLimit("value", VALUE_LIMIT)
    elif operator == "%" and isinstance(left, str):
        _check_format(left)
        _check_arguments((right,), {})


class BoundedNamespace(Namespace):
    """`namespace()`: the only state a loop can carry from one iteration to the next, so bounded."""

    def __setitem__(self, name: str, value: Any) -> None:
        _spend(value)
        Namespace.__setitem__(self, name, value)


def _guard_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        values = [a for a in args if not isinstance(a, Context | ImmutableSandboxedEnvironment)]
        if name == "replace" and len(values) >= 3:
            _check_replace(*values[:4])
        if name == "format" and values:
            _check_format(values[0])
        _check_arguments(values[1:], kwargs)
        return _spend(function(*args, **kwargs))

    return guarded


class _BoundedCodeGenerator(CodeGenerator):
    """`a ~ b ~ c` joins through the environment, which counts what it joins."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})
    code_generator_class = _BoundedCodeGenerator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}
        self.globals["namespace"] = BoundedNamespace
        self.concat = self.bounded_join  # type: ignore[method-assign]  # macros, call and filter blocks

    def bounded_join(self, parts: Iterable[Any]) -> str:
        texts = [str(part) for part in parts]
        total = 0
        for text in texts:
            total += len(text)
            if total > VALUE_LIMIT:
                raise TemplateLimit("value", VALUE_LIMIT)
        return str(_spend("".join(texts)))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _estimate_binop(operator, left, right)
        return _spend(super().call_binop(context, operator, left, right))

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        target = getattr(__obj, "__wrapped__", __obj)
        owner = getattr(target, "__self__", None)
        if isinstance(owner, str):
            method = getattr(target, "__name__", "")
            if method in ("format", "format_map"):
                _check_format(owner)
            elif method == "replace" and len(args) >= 2:
                _check_replace(owner, *args[:3])
        _check_arguments(args, kwargs)
        return _spend(super().call(__context, __obj, *args, **kwargs))


def stream(chunks: Iterator[str], budget: Budget) -> str:
    """The rendered text, stopped as soon as the output limit is passed."""
    parts = []
    for chunk in chunks:
        budget.emit(len(chunk))
        parts.append(chunk)
    return "".join(parts)


def guarded(budget: Budget, render: Callable[[], str]) -> str:
    """Run a rendering with this budget, its deadline checked at each line of template code and each call."""
    token = _BUDGET.set(budget)
    previous = sys.gettrace()

    def tracer(frame: FrameType, _event: str, _arg: Any) -> Any:
        budget.check_time()
        return tracer if frame.f_code.co_filename == "<template>" else None

    sys.settrace(tracer)
    try:
        return render()
    except RecursionError as exc:
        raise TemplateLimit("depth", 0) from exc
    finally:
        sys.settrace(previous)
        _BUDGET.reset(token)
