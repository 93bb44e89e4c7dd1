"""Evaluate a bank's code snippets without running a program.

A snippet is parsed, never passed to ``eval``: this module walks the syntax tree itself and knows only
arithmetic, comparisons, indexing and slicing, tuples and lists, the question's named inputs, and calls to a
fixed list of NumPy functions and array methods. Sizes and exponents are bounded before anything is computed,
so no snippet can allocate without limit or take long.
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

NUMPY_FUNCTIONS = (
    "abs add argmax clip concatenate cosh divide dot exp hstack log matmul max maximum mean min minimum "
    "multiply outer reshape round sign sinh sqrt square stack subtract sum tanh transpose vstack where "
    "zeros_like ones_like"
).split()
LINALG_FUNCTIONS = ("norm",)
ARRAY_METHODS = ("argmax", "copy", "dot", "flatten", "max", "mean", "min", "reshape", "sum", "transpose")
ARRAY_ATTRIBUTES = ("T", "ndim", "shape", "size")
KEYWORDS = ("axis", "keepdims", "ord")

_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow, ast.MatMult: operator.matmul,
}
_UNARY: dict[type, Callable[[Any], Any]] = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Not: operator.not_}
_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge,
}


class UnsafeExpression(Exception):
    """The snippet uses something outside the allowed subset, or exceeds a limit."""


class SnippetError(Exception):
    """The snippet is allowed but fails on these inputs (a shape mismatch, say): a legitimate wrong answer."""


class _Namespace:
    def __init__(self, name: str, members: Mapping[str, Any]) -> None:
        self.name, self.members = name, members


_NUMPY = _Namespace("np", {
    **{name: getattr(np, name) for name in NUMPY_FUNCTIONS},
    "linalg": _Namespace("np.linalg", {name: getattr(np.linalg, name) for name in LINALG_FUNCTIONS}),
})


@lru_cache(maxsize=4096)
def check(source: str) -> ast.Expression:
    """Parse ``source`` and refuse anything outside the subset; no evaluation happens here.

    Cached: a drill's constraints and options are checked once, not once per draw (the tree is never changed)."""
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
    return tree


def evaluate(source: str, names: Mapping[str, Any]) -> Any:
    """The value of ``source`` with ``names`` bound (and ``np``); raises UnsafeExpression or SnippetError."""
    tree = check(source)
    scope = {name: _as_value(value) for name, value in names.items()}
    with np.errstate(all="ignore"):
        try:
            return _Evaluator(scope).visit(tree.body)
        except (UnsafeExpression, SnippetError):
            raise
        except (ValueError, TypeError, IndexError, KeyError, ZeroDivisionError, OverflowError,
                np.linalg.LinAlgError) as error:
            raise SnippetError(f"{type(error).__name__}: {error}") from None


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
    ast.Expression, ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp, ast.Call, ast.keyword, ast.Attribute,
    ast.Subscript, ast.Slice, ast.Tuple, ast.List, ast.Name, ast.Constant, ast.Load,
    *_BINARY, *_UNARY, *_COMPARE, ast.And, ast.Or,
)


def _check_size(size: int) -> None:
    if size > MAX_ELEMENTS:
        raise UnsafeExpression(f"would make an array of {size:,} elements (limit {MAX_ELEMENTS:,})")


def _size(value: Any) -> int:
    return int(np.size(value)) if isinstance(value, (np.ndarray, np.generic)) else 1


class _Evaluator:
    def __init__(self, scope: Mapping[str, Any]) -> None:
        self.scope = scope

    def visit(self, node: ast.AST) -> Any:
        return getattr(self, "visit_" + type(node).__name__)(node)

    def visit_Constant(self, node: ast.Constant) -> Any:
        if isinstance(node.value, (bool, int, float)) or node.value is None:
            return node.value
        raise UnsafeExpression(f"constant {node.value!r} is not allowed")

    def visit_Name(self, node: ast.Name) -> Any:
        if node.id == "np":
            return _NUMPY
        if node.id not in self.scope:
            raise UnsafeExpression(f"unknown name {node.id!r}")
        return self.scope[node.id]

    def visit_Attribute(self, node: ast.Attribute) -> Any:
        owner = self.visit(node.value)
        if isinstance(owner, _Namespace):
            if node.attr not in owner.members:
                raise UnsafeExpression(f"{owner.name}.{node.attr} is not allowed")
            return owner.members[node.attr]
        if isinstance(owner, (np.ndarray, np.generic)):
            if node.attr in ARRAY_ATTRIBUTES or node.attr in ARRAY_METHODS:
                return getattr(owner, node.attr)
        raise UnsafeExpression(f"attribute {node.attr!r} is not allowed here")

    def visit_Call(self, node: ast.Call) -> Any:
        function = self.visit(node.func)
        if isinstance(function, _Namespace) or not callable(function):
            raise UnsafeExpression("only NumPy functions and array methods can be called")
        args = [self.visit(arg) for arg in node.args]
        kwargs = {}
        for keyword in node.keywords:
            if keyword.arg not in KEYWORDS:
                raise UnsafeExpression(f"keyword {keyword.arg!r} is not allowed")
            kwargs[keyword.arg] = self.visit(keyword.value)
        name = getattr(function, "__name__", "")
        if name in ("outer", "dot", "matmul"):
            _check_size(math.prod(_size(a) for a in args[:2]))
        result = function(*args, **kwargs)
        _check_size(_size(result))
        return result

    def visit_BinOp(self, node: ast.BinOp) -> Any:
        left, right = self.visit(node.left), self.visit(node.right)
        for operand in (left, right):
            if not isinstance(operand, (int, float, np.ndarray, np.generic)) or isinstance(operand, bool):
                raise SnippetError(f"arithmetic on {type(operand).__name__}")
        if isinstance(node.op, ast.Pow):
            self._check_power(left, right)
        if isinstance(left, np.ndarray) or isinstance(right, np.ndarray):
            try:
                _check_size(math.prod(np.broadcast_shapes(np.shape(left), np.shape(right))))
            except ValueError:
                pass  # NumPy itself raises the mismatch below, as a SnippetError
            if isinstance(node.op, ast.MatMult):
                _check_size(_size(left) * _size(right))
        result = _BINARY[type(node.op)](left, right)
        if isinstance(result, int) and abs(result) > MAX_INT:
            raise UnsafeExpression("integer result too large")
        return result

    @staticmethod
    def _check_power(base: Any, exponent: Any) -> None:
        if np.any(np.abs(np.asarray(exponent, dtype=float)) > MAX_EXPONENT):
            raise UnsafeExpression(f"exponent larger than {MAX_EXPONENT}")
        if isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1 and exponent > 0:
            if exponent * math.log10(abs(base)) > 30:
                raise UnsafeExpression("integer result too large")

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Any:
        return _UNARY[type(node.op)](self.visit(node.operand))

    def visit_Compare(self, node: ast.Compare) -> Any:
        left = self.visit(node.left)
        result: Any = True
        for op, comparator in zip(node.ops, node.comparators):
            right = self.visit(comparator)
            result = result & _COMPARE[type(op)](left, right)
            left = right
        return result

    def visit_BoolOp(self, node: ast.BoolOp) -> Any:
        values = (self.visit(v) for v in node.values)
        return all(values) if isinstance(node.op, ast.And) else any(values)

    def visit_Subscript(self, node: ast.Subscript) -> Any:
        value = self.visit(node.value)
        if not isinstance(value, (np.ndarray, list, tuple)):
            raise SnippetError(f"cannot index {type(value).__name__}")
        result = value[self.visit(node.slice)]
        _check_size(_size(result))
        return result

    def visit_Slice(self, node: ast.Slice) -> slice:
        parts = [None if part is None else self.visit(part) for part in (node.lower, node.upper, node.step)]
        return slice(*parts)

    def visit_Tuple(self, node: ast.Tuple) -> tuple[Any, ...]:
        return tuple(self.visit(element) for element in node.elts)

    def visit_List(self, node: ast.List) -> list[Any]:
        return [self.visit(element) for element in node.elts]


def same_value(a: Any, b: Any) -> bool:
    """Whether two results agree: the same shape and the same numbers (to float64 rounding)."""
    try:
        x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return False
    with np.errstate(all="ignore"):
        return x.shape == y.shape and bool(np.allclose(x, y, rtol=1e-9, atol=1e-12))
