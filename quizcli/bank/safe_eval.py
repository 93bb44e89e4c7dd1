"""Evaluate a bank's code snippets without running a program.

A snippet is parsed, never passed to ``eval``: this module walks the syntax tree itself and knows only
arithmetic, comparisons, indexing and slicing, tuples and lists, the question's named inputs (and records of
named values, read as attributes), and calls to a fixed list of NumPy functions and array methods and ``len``.
Sizes and exponents are bounded before anything is computed, so no snippet can allocate without limit or take
long.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import numpy as np

MAX_SOURCE = 500
MAX_NODES = 200
MAX_ELEMENTS = 1_000_000
MAX_EXPONENT = 64
MAX_INT = 10**30
RTOL, ATOL = 1e-9, 1e-12  # two results are the same value to float64 rounding

NUMPY_FUNCTIONS = (
    "abs add all any argmax argmin ceil clip concatenate cosh divide dot exp floor hstack log matmul max maximum "
    "mean min minimum multiply outer reshape round sign sinh sqrt square stack subtract sum tanh transpose vstack "
    "where zeros_like ones_like"
).split()
LINALG_FUNCTIONS = ("norm",)
ARRAY_METHODS = ("argmax", "copy", "dot", "flatten", "max", "mean", "min", "reshape", "sum", "transpose")
ARRAY_ATTRIBUTES = ("T", "ndim", "shape", "size")
KEYWORDS = ("axis", "keepdims", "ord")

_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
    ast.MatMult: operator.matmul,
}
_UNARY: dict[type, Callable[[Any], Any]] = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Not: operator.not_}
_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


class UnsafeExpression(Exception):
    """The snippet uses something outside the allowed subset, or exceeds a limit."""


class SnippetError(Exception):
    """The snippet is allowed but fails on these inputs (a shape mismatch, say): a legitimate wrong answer."""


class _Namespace:
    def __init__(self, name: str, members: Mapping[str, Any]) -> None:
        self.name, self.members = name, members


class _Record(_Namespace):
    """Named values read as attributes (``steps.m_hat``): a solver's steps, a structured answer. Data only."""


def record(name: str, members: Mapping[str, Any]) -> Any:
    """``members`` as a snippet sees them under ``name``: ``name.member``, nested mappings as records too,
    numeric lists as arrays. Anything callable is left out, so a record cannot smuggle in a function."""
    values = {}
    for key, value in members.items():
        if isinstance(value, Mapping):
            values[str(key)] = record(f"{name}.{key}", value)
        elif not callable(value) or isinstance(value, np.ndarray):
            values[str(key)] = _as_value(value)
    return _Record(name, values)


def _length(value: Any) -> int:
    """``len``: the number of items of a list, a tuple or an array's first axis."""
    if isinstance(value, (list, tuple)) or (isinstance(value, np.ndarray) and value.ndim > 0):
        return len(value)
    raise SnippetError(f"len() of {type(value).__name__}")


BUILTINS: dict[str, Callable[..., Any]] = {"len": _length}  # callable without ``np.``; a bank's name hides one


_NUMPY = _Namespace(
    "np",
    {
        **{name: getattr(np, name) for name in NUMPY_FUNCTIONS},
        "linalg": _Namespace("np.linalg", {name: getattr(np.linalg, name) for name in LINALG_FUNCTIONS}),
    },
)


Code = Callable[[Mapping[str, Any]], Any]  # a checked snippet, compiled: its value for a scope of names


@lru_cache(maxsize=4096)
def compiled(source: str) -> Code:
    """Parse ``source``, refuse anything outside the subset and turn the tree into nested closures; nothing is
    evaluated here. The checks that depend on values (names, sizes, exponents) run in the closures.

    Cached: a drill's constraints and options are compiled once, not once per draw."""
    if len(source) > MAX_SOURCE:
        raise UnsafeExpression(f"longer than {MAX_SOURCE} characters")
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        raise UnsafeExpression(f"not a valid expression ({type(error).__name__})") from None
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise UnsafeExpression(f"more than {MAX_NODES} syntax nodes")
    for node in nodes:
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            raise UnsafeExpression(f"attribute {node.attr!r} is not allowed")
        if not isinstance(node, _ALLOWED_NODES):
            raise UnsafeExpression(f"{type(node).__name__} is not allowed")
    return _compile(tree.body)


def evaluate(source: str, names: Mapping[str, Any]) -> Any:
    """The value of ``source`` with ``names`` bound (and ``np``); raises UnsafeExpression or SnippetError."""
    code, scope = compiled(source), as_values(names)
    with np.errstate(all="ignore"):
        try:
            return code(scope)
        except (UnsafeExpression, SnippetError):
            raise
        except (
            ValueError,
            TypeError,
            IndexError,
            KeyError,
            ZeroDivisionError,
            OverflowError,
            np.linalg.LinAlgError,
        ) as error:
            raise SnippetError(f"{type(error).__name__}: {error}") from None


def as_values(names: Mapping[str, Any]) -> dict[str, Any]:
    """``names`` as snippets see them. Arrays pass through unchanged, so names converted once can be given to
    many ``evaluate`` calls (a drill's constraints, a question's options) without converting them again."""
    return {name: _as_value(value) for name, value in names.items()}


def _as_value(value: Any) -> Any:
    """Numeric lists become float arrays; anything else (records, text) stays as it is."""
    if isinstance(value, (list, tuple)):
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return value
        _check_size(array.size)
        return array
    return value


_ALLOWED_NODES = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Compare,
    ast.BoolOp,
    ast.Call,
    ast.keyword,
    ast.Attribute,
    ast.Subscript,
    ast.Slice,
    ast.Tuple,
    ast.List,
    ast.Name,
    ast.Constant,
    ast.Load,
    *_BINARY,
    *_UNARY,
    *_COMPARE,
    ast.And,
    ast.Or,
)


def _check_size(size: int) -> None:
    if size > MAX_ELEMENTS:
        raise UnsafeExpression(f"would make an array of {size:,} elements (limit {MAX_ELEMENTS:,})")


def _size(value: Any) -> int:
    return value.size if isinstance(value, np.ndarray) else 1


def _compile(node: ast.AST) -> Code:
    return _COMPILERS[type(node)](node)


def _constant(node: ast.Constant) -> Code:
    value = node.value
    if isinstance(value, (bool, int, float)) or value is None:
        return lambda scope: value

    def refuse(scope: Mapping[str, Any]) -> Any:  # when reached, as names are: the first problem is the one told
        raise UnsafeExpression(f"constant {value!r} is not allowed")

    return refuse


def _name(node: ast.Name) -> Code:
    name = node.id
    if name == "np":
        return lambda scope: _NUMPY

    def look_up(scope: Mapping[str, Any]) -> Any:
        if name in scope:
            return scope[name]
        if name in BUILTINS:
            return BUILTINS[name]
        raise UnsafeExpression(f"unknown name {name!r}")

    return look_up


def _attribute(node: ast.Attribute) -> Code:
    owner_code, attribute = _compile(node.value), node.attr

    def get(scope: Mapping[str, Any]) -> Any:
        owner = owner_code(scope)
        if isinstance(owner, _Record) and attribute not in owner.members:
            raise UnsafeExpression(f"{owner.name} has no {attribute!r}; it has {', '.join(owner.members) or 'nothing'}")
        if isinstance(owner, _Namespace):
            if attribute not in owner.members:
                raise UnsafeExpression(f"{owner.name}.{attribute} is not allowed")
            return owner.members[attribute]
        if isinstance(owner, (np.ndarray, np.generic)):
            if attribute in ARRAY_ATTRIBUTES or attribute in ARRAY_METHODS:
                return getattr(owner, attribute)
        raise UnsafeExpression(f"attribute {attribute!r} is not allowed here")

    return get


def _call(node: ast.Call) -> Code:
    function_code = _compile(node.func)
    arg_codes = [_compile(arg) for arg in node.args]
    names: list[str] = []
    for keyword in node.keywords:
        if keyword.arg is None or keyword.arg not in KEYWORDS:  # None: a **mapping argument
            raise UnsafeExpression(f"keyword {keyword.arg!r} is not allowed")
        names.append(keyword.arg)
    keyword_codes = [(name, _compile(keyword.value)) for name, keyword in zip(names, node.keywords)]

    def call(scope: Mapping[str, Any]) -> Any:
        function = function_code(scope)
        if isinstance(function, _Namespace) or not callable(function):
            raise UnsafeExpression("only NumPy functions and array methods can be called")
        args = [code(scope) for code in arg_codes]
        kwargs = {name: code(scope) for name, code in keyword_codes}
        if getattr(function, "__name__", "") in ("outer", "dot", "matmul"):
            _check_size(math.prod(_size(a) for a in args[:2]))
        result = function(*args, **kwargs)
        _check_size(_size(result))
        return result

    return call


def _binary(node: ast.BinOp) -> Code:
    left_code, right_code, operation = _compile(node.left), _compile(node.right), _BINARY[type(node.op)]
    power, matrix_product = isinstance(node.op, ast.Pow), isinstance(node.op, ast.MatMult)

    def run(scope: Mapping[str, Any]) -> Any:
        left, right = left_code(scope), right_code(scope)
        for operand in (left, right):
            if not isinstance(operand, (int, float, np.ndarray, np.generic)) or isinstance(operand, bool):
                raise SnippetError(f"arithmetic on {type(operand).__name__}")
        if power:
            _check_power(left, right)
        if isinstance(left, np.ndarray) or isinstance(right, np.ndarray):
            try:
                _check_size(math.prod(np.broadcast_shapes(np.shape(left), np.shape(right))))
            except ValueError:
                pass  # NumPy itself raises the mismatch below, as a SnippetError
            if matrix_product:
                _check_size(_size(left) * _size(right))
        result = operation(left, right)
        if isinstance(result, int) and abs(result) > MAX_INT:
            raise UnsafeExpression("integer result too large")
        return result

    return run


def _check_power(base: Any, exponent: Any) -> None:
    if np.any(np.abs(np.asarray(exponent, dtype=float)) > MAX_EXPONENT):
        raise UnsafeExpression(f"exponent larger than {MAX_EXPONENT}")
    if isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1 and exponent > 0:
        if exponent * math.log10(abs(base)) > 30:
            raise UnsafeExpression("integer result too large")


def _unary(node: ast.UnaryOp) -> Code:
    operand_code, operation = _compile(node.operand), _UNARY[type(node.op)]
    return lambda scope: operation(operand_code(scope))


def _compare(node: ast.Compare) -> Code:
    first_code = _compile(node.left)
    steps = [(_COMPARE[type(op)], _compile(comparator)) for op, comparator in zip(node.ops, node.comparators)]

    def run(scope: Mapping[str, Any]) -> Any:
        left = first_code(scope)
        result: Any = True
        for operation, right_code in steps:
            right = right_code(scope)
            result = result & operation(left, right)
            left = right
        return result

    return run


def _boolean(node: ast.BoolOp) -> Code:
    codes, combine = [_compile(value) for value in node.values], all if isinstance(node.op, ast.And) else any
    return lambda scope: combine(code(scope) for code in codes)


def _subscript(node: ast.Subscript) -> Code:
    value_code, index_code = _compile(node.value), _compile(node.slice)

    def index(scope: Mapping[str, Any]) -> Any:
        value = value_code(scope)
        if not isinstance(value, (np.ndarray, list, tuple)):
            raise SnippetError(f"cannot index {type(value).__name__}")
        result = value[index_code(scope)]
        _check_size(_size(result))
        return result

    return index


def _slice(node: ast.Slice) -> Code:
    part_codes = [None if part is None else _compile(part) for part in (node.lower, node.upper, node.step)]
    return lambda scope: slice(*(None if code is None else code(scope) for code in part_codes))


def _tuple(node: ast.Tuple) -> Code:
    codes = [_compile(element) for element in node.elts]
    return lambda scope: tuple(code(scope) for code in codes)


def _list(node: ast.List) -> Code:
    codes = [_compile(element) for element in node.elts]
    return lambda scope: [code(scope) for code in codes]


_COMPILERS: dict[type, Callable[[Any], Code]] = {
    ast.Constant: _constant,
    ast.Name: _name,
    ast.Attribute: _attribute,
    ast.Call: _call,
    ast.BinOp: _binary,
    ast.UnaryOp: _unary,
    ast.Compare: _compare,
    ast.BoolOp: _boolean,
    ast.Subscript: _subscript,
    ast.Slice: _slice,
    ast.Tuple: _tuple,
    ast.List: _list,
}


def same_value(a: Any, b: Any) -> bool:
    """Whether two results agree: the same shape and the same numbers (to float64 rounding)."""
    try:
        x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return False
    if x.shape != y.shape:
        return False
    with np.errstate(all="ignore"):
        # np.allclose(x, y, rtol=RTOL, atol=ATOL) (equal infinities agree, NaN agrees with nothing), without its
        # overhead: validate compares some 20,000 option values.
        return bool(((x == y) | (np.isfinite(y) & (np.abs(x - y) <= ATOL + RTOL * np.abs(y)))).all())
