"""attention solver: scaled dot-product attention, as torch.nn.functional.scaled_dot_product_attention."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solvers import SolverInputError, get

CASES = json.loads((Path(__file__).parent / "golden" / "attention_sdpa.json").read_text(encoding="utf-8"))["cases"]
finite = st.floats(-5, 5, allow_nan=False, width=64)


def test_attention_from_the_notes():
    # §2.15: Q = [[1, 0]], K = I, V = [[1, 2], [3, 4]], d = 2 → weights [0.6698, 0.3302], output [1.6605, 2.6605].
    result = get("attention")(query=[[1, 0]], key=[[1, 0], [0, 1]], value=[[1, 2], [3, 4]])
    np.testing.assert_allclose(result.answer["weights"], [[0.6698, 0.3302]], atol=1e-4)
    np.testing.assert_allclose(result.answer["output"], [[1.6605, 2.6605]], atol=1e-4)
    assert result.steps["scaled"][0, 0] == pytest.approx(1 / math.sqrt(2))
    assert list(result.steps) == ["scores", "scale", "scaled", "weights", "output"]


@pytest.mark.parametrize(
    ("params", "expected"), [pytest.param(c["params"], c["answer"], id=str(i)) for i, c in enumerate(CASES)]
)
def test_attention_matches_torch(params, expected):
    answer = get("attention")(**params).answer
    np.testing.assert_allclose(answer["output"], expected["output"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(answer["weights"], expected["weights"], rtol=1e-9, atol=1e-12)


def test_golden_cases_cover_masks_batches_and_empty_rows():
    masks = [np.asarray(c["params"]["mask"]) for c in CASES if "mask" in c["params"]]
    assert any(m.ndim == 2 for m in masks) and any(m.ndim > 2 for m in masks)
    assert any((~m).all(axis=-1).any() for m in masks)
    assert any(np.ndim(c["params"]["query"]) > np.ndim(c["params"]["key"]) for c in CASES)


def slow_attention(q, k, v, mask):
    """Per query: scores over the allowed keys, softmax by hand, weighted sum of values."""
    d = len(q[0])
    weights, output = [], []
    for i, query in enumerate(q):
        scores = [sum(query[c] * key[c] for c in range(d)) / math.sqrt(d) for key in k]
        allowed = [j for j in range(len(k)) if mask is None or mask[i][j]]
        row = [0.0] * len(k)
        if allowed:
            top = max(scores[j] for j in allowed)
            total = sum(math.exp(scores[j] - top) for j in allowed)
            for j in allowed:
                row[j] = math.exp(scores[j] - top) / total
        weights.append(row)
        output.append([sum(row[j] * v[j][c] for j in range(len(k))) for c in range(len(v[0]))])
    return weights, output


def test_attention_with_a_mask_matches_loops():
    rng = np.random.default_rng(9)
    q, k, v = rng.standard_normal((4, 3)), rng.standard_normal((5, 3)), rng.standard_normal((5, 2))
    mask = rng.random((4, 5)) < 0.5
    mask[2] = False  # this query may attend to nothing: zero weights and output, as torch
    result = get("attention")(query=q.tolist(), key=k.tolist(), value=v.tolist(), mask=mask.tolist())
    weights, output = slow_attention(q, k, v, mask)
    np.testing.assert_allclose(result.answer["weights"], weights, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(result.answer["output"], output, rtol=1e-12, atol=1e-15)
    assert result.answer["output"][2].tolist() == [0.0, 0.0]
    assert all(value is None for value in result.steps["masked"][2])


def test_a_causal_mask_lets_the_first_query_see_only_the_first_key():
    causal = np.tril(np.ones((3, 3), dtype=bool))
    result = get("attention")(query=np.ones((3, 2)), key=np.eye(3, 2), value=[[1.0], [2.0], [3.0]], mask=causal)
    assert result.answer["weights"][0].tolist() == [1.0, 0.0, 0.0]
    assert result.answer["output"][0].tolist() == [1.0]


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    tq=st.integers(1, 4),
    tk=st.integers(1, 4),
    d=st.integers(1, 4),
    dv=st.integers(1, 3),
    batch=st.lists(st.integers(1, 3), max_size=2),
)
def test_attention_weight_rows_sum_to_one(data, tq, tk, d, dv, batch):
    draw = lambda shape: data.draw(hnp.arrays(np.float64, shape, elements=finite))  # noqa: E731
    mask = data.draw(hnp.arrays(np.bool_, (tq, tk)))
    value = draw((*batch, tk, dv))
    result = get("attention")(query=draw((*batch, tq, d)), key=draw((*batch, tk, d)), value=value, mask=mask)
    weights = result.answer["weights"]
    assert weights.shape == (*batch, tq, tk) and result.answer["output"].shape == (*batch, tq, dv)
    assert (weights >= 0).all() and (weights[..., ~mask] == 0).all()
    sums = weights.sum(axis=-1)
    attending = np.broadcast_to(mask.any(axis=-1), sums.shape)
    np.testing.assert_allclose(sums[attending], 1.0, rtol=1e-12)
    assert (sums[~attending] == 0).all()
    # A 2-D mask applies to every batch entry alike.
    np.testing.assert_allclose(result.answer["output"], weights @ value, rtol=1e-12, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), tq=st.integers(1, 3), tk=st.integers(1, 3), d=st.integers(1, 3), shift=finite)
def test_attention_ignores_a_shift_shared_by_every_key(data, tq, tk, d, shift):
    """Adding the same vector to every key adds q·s to a whole row of scores: softmax does not move."""
    draw = lambda shape: data.draw(hnp.arrays(np.float64, shape, elements=finite))  # noqa: E731
    q, k, v = draw((tq, d)), draw((tk, d)), draw((tk, 2))
    base = get("attention")(query=q, key=k, value=v).answer["weights"]
    moved = get("attention")(query=q, key=k + shift, value=v).answer["weights"]
    np.testing.assert_allclose(moved, base, rtol=1e-9, atol=1e-12)


def test_attention_is_stable_for_large_scores():
    result = get("attention")(query=[[1000.0]], key=[[1000.0], [-1000.0]], value=[[1.0], [2.0]])
    assert result.answer["weights"].tolist() == [[1.0, 0.0]]


def test_attention_without_keys_gives_zeros_like_torch():
    result = get("attention")(query=np.ones((2, 3)), key=np.zeros((0, 3)), value=np.zeros((0, 4)))
    assert result.answer["output"].tolist() == [[0.0] * 4] * 2
    assert result.answer["weights"].shape == (2, 0)


@pytest.mark.parametrize(
    ("change", "param"),
    [
        ({"query": [1.0, 0.0]}, "query"),  # 1-D: torch needs at least [Tq, d]
        ({"key": [[1.0, 0.0, 0.0]] * 3}, "key"),
        ({"value": [[1.0], [2.0]]}, "value"),
        ({"mask": [[True, False]]}, "mask"),
        ({"mask": [[2, 0, 1]]}, "mask"),
        ({"query": [[float("nan"), 0.0]]}, "query"),
        ({"scale": 0.5}, "scale"),
    ],
)
def test_attention_bad_input_names_the_parameter(change, param):
    params = {"query": [[1.0, 0.0]], "key": [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], "value": [[1.0], [2.0], [3.0]]}
    with pytest.raises(SolverInputError) as error:
        get("attention")(**{**params, **change})
    assert error.value.param == param


def test_attention_batch_dimensions_must_broadcast():
    with pytest.raises(SolverInputError) as error:
        get("attention")(query=np.ones((2, 1, 2)), key=np.ones((3, 3, 2)), value=np.ones((3, 3, 1)))
    assert error.value.param == "key"
    with pytest.raises(SolverInputError) as error:
        get("attention")(query=np.ones((2, 1, 2)), key=np.ones((2, 3, 2)), value=np.ones((3, 3, 1)))
    assert error.value.param == "value"
