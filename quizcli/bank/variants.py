"""Draw fresh numbers for a drill from its ``variants`` block, reproducibly from a seed."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any

MAX_ATTEMPTS = 200


class NoValidDraw(Exception):
    """No draw satisfied the constraints within the attempt budget."""


def draw(
    variants: Mapping[str, Any], question_id: str, seed: int, accept: Callable[[dict[str, Any], dict[str, Any]], bool]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(params, inputs) drawn for ``seed``: the first draw from this seed's stream that ``accept`` takes."""
    rng = random.Random(f"{question_id}:{seed}")
    for _ in range(MAX_ATTEMPTS):
        params = {name: _value(gen, rng) for name, gen in variants.get("params", {}).items()}
        inputs = {name: _value(gen, rng) for name, gen in variants.get("inputs", {}).items()}
        if accept(params, inputs):
            return params, inputs
    raise NoValidDraw(f"no draw met the constraints in {MAX_ATTEMPTS} attempts")


def _value(generator: Mapping[str, Any], rng: random.Random) -> Any:
    if "int" in generator:
        low, high = generator["int"]
        return rng.randint(int(low), int(high))
    if "float" in generator:
        return _number(rng.uniform(*generator["float"]), generator.get("decimals"))
    if "choice" in generator:
        return rng.choice(generator["choice"])
    if "bools" in generator:
        return [rng.random() < 0.5 for _ in range(generator["bools"])]
    if "boxes" in generator:
        boxes = [_box(rng, *generator["boxes"]) for _ in range(generator.get("count", 1))]
        return boxes if "count" in generator else boxes[0]
    return _array(rng, generator["shape"], generator["array"], generator.get("decimals"))


def _number(value: float, decimals: int | None) -> float | int:
    if decimals is None:
        return value
    rounded = round(value, decimals)
    return int(rounded) if decimals == 0 else rounded


def _array(rng: random.Random, shape: list[int], interval: list[float], decimals: int | None) -> Any:
    if len(shape) == 1:
        return [_number(rng.uniform(*interval), decimals) for _ in range(shape[0])]
    return [_array(rng, shape[1:], interval, decimals) for _ in range(shape[0])]


def _box(rng: random.Random, low: float, high: float) -> list[int]:
    """An integer box [x1, y1, x2, y2] inside [low, high] with positive width and height."""
    x1, x2 = sorted(rng.sample(range(int(low), int(high) + 1), 2))
    y1, y2 = sorted(rng.sample(range(int(low), int(high) + 1), 2))
    return [x1, y1, x2, y2]
