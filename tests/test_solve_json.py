"""`quiz solve --json` writes large documents with orjson, with the content json.dumps gave them through
solvers.jsonable (the same keys in the same order, floats to the bit, ±inf and NaN as strings), and
`--steps summary` sums up large step arrays while the answer stays whole."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import solvers
from quizcli.show.solve import SPACED_BYTES, SUMMARY_ENTRIES, as_json, encode, summarised, with_defaults
from solvers import jsonable

MAP_EXAMPLE = solvers.SOLVERS["map"].lookup.example


def before(document: object) -> bytes:
    """What `quiz solve --json` printed before orjson: json.dumps over solvers.jsonable."""
    return json.dumps(jsonable(document), ensure_ascii=False).encode()


def content(text: bytes) -> str:
    """The document's content in one canonical text: key order kept, each float as its repr (so -0.0 and the last
    bit count), no NaN or infinity (they are strings)."""
    return json.dumps(json.loads(text, parse_constant=pytest.fail), ensure_ascii=False)


def document_of(name: str, params: dict, result: solvers.Result) -> dict:
    document = {"solver": name, "params": with_defaults(params, result), "answer": result.answer}
    document.update(result.extras)
    document["steps"] = result.steps
    return document


def test_every_solvers_example_has_the_same_content_through_orjson():
    for name, spec in solvers.SOLVERS.items():
        params = spec.resolve(dict(spec.lookup.example))
        document = document_of(name, params, spec.function(**params))
        assert content(encode(document, spaced_bytes=0)) == content(before(document)), name


def test_a_short_document_keeps_json_dumps_spacing():
    spec = solvers.SOLVERS["conv-output"]
    params = spec.resolve({"input": [5, 5], "kernel": 3, "stride": 2, "padding": 1})
    result = spec.function(**params)
    assert as_json("conv-output", params, result) == before(document_of("conv-output", params, result))
    assert b'"answer": [3, 3]' in as_json("conv-output", params, result)


def documents(finite: bool) -> st.SearchStrategy:
    """Nested lists, tuples and dicts of what solvers return; ``finite``: no NaN, infinity or None, which orjson
    writes as null, so that the whole document is written by orjson itself."""
    floats = st.floats(allow_nan=not finite, allow_infinity=not finite)
    elements = {"allow_nan": not finite, "allow_infinity": not finite}
    text = st.text('abé漢 \\"\n', max_size=5) if finite else st.text(max_size=5)  # finite: no "null", no ","
    leaves = st.one_of(
        st.booleans(),
        st.integers(min_value=-(2**63), max_value=2**64 - 1),
        floats,
        text,
        floats.map(np.float64),
        st.floats(width=32, **elements).map(np.float32),
        st.integers(min_value=-(2**31), max_value=2**31 - 1).map(np.int32),
        st.booleans().map(np.bool_),
        hnp.arrays(
            st.sampled_from([np.float64, np.float32, np.float16, np.int8, np.int64, np.uint64, np.bool_]),
            hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
            elements=elements,
        ),
        hnp.arrays(np.float64, (4, 6), elements=elements).map(lambda a: a[::2, ::-3]),  # not contiguous
        hnp.arrays(np.float64, (3, 2), elements=elements).map(np.asfortranarray),
    )
    if not finite:  # None, and integers beyond 64 bits, which orjson refuses: the old way
        leaves = st.one_of(leaves, st.none(), st.integers(min_value=-(2**70), max_value=2**70))
    keys = text if finite else st.one_of(text, st.integers(0, 9))  # integer keys: str(key), as jsonable
    return st.recursive(
        leaves,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.lists(children, max_size=4).map(tuple),
            st.dictionaries(keys, children, max_size=4),
        ),
        max_leaves=12,
    )


@settings(max_examples=300, deadline=None)
@given(documents(finite=False))
def test_any_document_has_the_content_jsonable_gave_it(document):
    assert content(encode({"steps": document}, spaced_bytes=0)) == content(before({"steps": document}))


@settings(max_examples=300, deadline=None)
@given(documents(finite=True))
def test_a_finite_document_written_by_orjson_itself_has_the_same_content(document):
    written = encode({"steps": document}, spaced_bytes=0)
    assert b"null" not in written and b", " not in written  # compact: orjson's own
    assert content(written) == content(before({"steps": document}))


def test_non_finite_numbers_become_strings_in_a_large_document():
    values = np.linspace(0, 1, 20_000)
    values[[3, 7, 11]] = [np.inf, -np.inf, np.nan]
    document = {"x": values, "y": float("-inf"), "z": np.float32("nan"), "w": None}
    text = encode(document)
    assert len(text) > SPACED_BYTES and b", " not in text  # written by orjson, after jsonable
    loaded = json.loads(text)
    assert loaded["x"][3:12:4] == ["inf", "-inf", "nan"] and loaded["y"] == "-inf" and loaded["z"] == "nan"
    assert loaded["w"] is None and loaded["x"][1] == values[1]


def map_params(tmp_path: Path, images: int = 120) -> Path:
    """A mAP problem large enough that its --json document is written by orjson."""
    rng = np.random.default_rng(20)
    ground_truths, detections = [], []
    for image in range(images):
        for _ in range(5):
            corner = rng.uniform(0, 500, 2).round(2)
            box = [*corner.tolist(), *(corner + rng.uniform(5, 80, 2)).round(2).tolist()]
            category = int(rng.integers(1, 4))
            ground_truths.append({"image_id": image, "category_id": category, "bbox": box})
            for _ in range(3):
                jitter = (np.asarray(box) + rng.normal(0, 3, 4)).round(2)
                jitter[2:] = np.maximum(jitter[2:], jitter[:2])
                detections.append(
                    {"image_id": image, "category_id": category, "bbox": jitter.tolist(), "score": float(rng.random())}
                )
    path = tmp_path / "map.json"
    params = {"ground_truths": ground_truths, "detections": detections, "protocol": "coco", "iou_thresholds": "coco"}
    path.write_text(json.dumps(params))
    return path


def test_solve_map_json_is_compact_and_means_what_it_meant(run_quiz, tmp_path):
    params_file = map_params(tmp_path)
    result = run_quiz("solve", "map", "--params-file", str(params_file), "--json")
    assert result.exit_code == 0 and result.stderr == ""
    spec = solvers.SOLVERS["map"]
    params = spec.resolve(json.loads(params_file.read_text()))
    expected = before(document_of("map", params, spec.function(**params)))
    assert len(result.stdout_bytes) > SPACED_BYTES and b'"answer":{"map":' in result.stdout_bytes
    assert result.stdout_bytes.endswith(b"}\n")
    assert content(result.stdout_bytes) == content(expected)


def test_steps_summary_sums_up_large_arrays_and_keeps_the_answer(run_quiz, tmp_path):
    params_file = map_params(tmp_path)
    full = json.loads(run_quiz("solve", "map", "--params-file", str(params_file), "--json").stdout)
    short = json.loads(
        run_quiz("solve", "map", "--params-file", str(params_file), "--json", "--steps", "summary").stdout
    )
    assert short["answer"] == full["answer"] and short["params"] == full["params"]
    assert list(short) == list(full) and list(short["steps"]) == list(full["steps"])
    summed = 0
    for name, per_class in full["steps"].items():
        if not isinstance(per_class, dict):
            assert short["steps"][name] == per_class
            continue
        for category, value in per_class.items():
            array = np.asarray(value)
            if array.size > SUMMARY_ENTRIES:
                summed += 1
                summary = short["steps"][name][category]
                assert summary == {
                    "shape": list(array.shape),
                    "min": array.min().item(),
                    "max": array.max().item(),
                    "mean": pytest.approx(np.mean(array), rel=1e-12),  # summed in another order: the last bit
                }
            else:
                assert short["steps"][name][category] == value
    assert summed >= 9  # tp, precision and recall of each of the 3 categories, 10 thresholds × ~600 detections
    text = run_quiz("solve", "map", "--params-file", str(params_file), "--steps", "summary").stdout
    assert "shape: [10, " in text and "mean: " in text


def test_steps_summary_of_the_course_example_changes_nothing(run_quiz):
    """A small problem has no step array worth summing up."""
    full = run_quiz("solve", "map", "--json").stdout
    assert run_quiz("solve", "map", "--json", "--steps", "summary").stdout == full
    assert json.loads(full)["answer"] == solvers.SOLVERS["map"](**MAP_EXAMPLE).answer


def test_summarised_replaces_only_large_numeric_arrays():
    big = np.arange(SUMMARY_ENTRIES + 1, dtype=np.int64).reshape(1, -1)
    steps = {
        "big": big,
        "small": np.arange(SUMMARY_ENTRIES),
        "listed": [0.5] * (SUMMARY_ENTRIES + 1),
        "short list": [1, 2.5],
        "words": ["a"] * (SUMMARY_ENTRIES + 1),
        "ragged": [[1, 2], np.ones(SUMMARY_ENTRIES + 1)],
        "flags": np.ones(SUMMARY_ENTRIES + 1, dtype=bool),
        "scalar": 3.0,
    }
    short = summarised(steps)
    assert short["big"] == {"shape": [1, SUMMARY_ENTRIES + 1], "min": 0, "max": SUMMARY_ENTRIES, "mean": 500.0}
    assert short["small"] is steps["small"] and short["short list"] is steps["short list"]
    assert short["listed"] == {"shape": [SUMMARY_ENTRIES + 1], "min": 0.5, "max": 0.5, "mean": 0.5}
    assert short["words"] == steps["words"] and short["scalar"] == 3.0
    assert short["ragged"][0] == [1, 2] and short["ragged"][1]["shape"] == [SUMMARY_ENTRIES + 1]
    assert short["flags"] == {"shape": [SUMMARY_ENTRIES + 1], "min": True, "max": True, "mean": 1.0}
    nan = summarised({"x": np.full(SUMMARY_ENTRIES + 1, np.nan)})
    assert json.loads(encode(nan, spaced_bytes=0))["x"]["mean"] == "nan" and math.isnan(nan["x"]["mean"])


def test_a_solver_whose_own_parameter_is_steps_keeps_it(run_quiz):
    """rnn-delta-back counts time steps with --steps: it gets no --steps full|summary."""
    help_text = run_quiz("solve", "rnn-delta-back", "--help").stdout
    assert "full|summary" not in help_text and "--steps" in help_text
    assert "full|summary" in run_quiz("solve", "map", "--help").stdout
    assert run_quiz("solve", "rnn-delta-back", "--json").exit_code == 0
