"""Fuzzing the three doors that take outside input: the answer parser, every solver's parameters, the bank loader.

The only allowed outcomes are a result or the project's user-facing error (grading.Unclear, which re-asks;
SolverInputError, exit 2 at the CLI; BankError / QuizError, one line naming the file). Anything else is a bug.
Example counts are fixed (not scaled under CI) and printed nowhere: they are the figures the README quotes.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import resource
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastjsonschema import JsonSchemaValueException
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import solvers
from quizcli.bank import catalog as banks
from quizcli.bank.catalog import BankError, iter_bank_files, load_bank, load_catalog
from quizcli.bank.instances import instantiate
from quizcli.bank.validate import validate
from quizcli.bank.yamlsafe import load as yaml_load
from quizcli.errors import QuizError
from quizcli.study import grading
from tests.conftest import english_prose, solver_words

ROOT = Path(__file__).resolve().parent.parent
STUDY_BANK = Path(__file__).parent / "banks" / "study" / "bank.yaml"

CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
PARSER_EXAMPLES = 500  # per parser function
GRADE_EXAMPLES = 1000  # answers graded, over the four graded kinds
SOLVER_EXAMPLES = 60  # parameter sets per solver, called directly
COMMAND_EXAMPLES = 12  # command lines per solver, through `quiz solve`
BANK_EXAMPLES = 300  # per bank-loader test
VALIDATE_EXAMPLES = 100

# Derandomized: the same inputs every run, so a failure is reproducible and the counts above mean something.
FAST = dict(
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# -- the answer parser ----------------------------------------------------------------------------------------

SPECIAL_ANSWERS = [
    "nan",
    "NaN",
    "-nan",
    "inf",
    "-inf",
    "+inf",
    "Infinity",
    "1e309",
    "-1e309",
    "1e-400",
    "4.9e-324",
    "-0",
    "1.7976931348623157e308",
    "0/0",
    "1/0",
    "0.0/0.0",
    "1e400/1e400",
    "1/1e-400",
    "１２",
    "３×３",
    "(3, 3)",
    "[3,3]",
    "3x3x3x3x3",
    "−5",
    "1,000",
    "1_000",
    "0x10",
    "1e",
    ".",
    "-",
    "/",
    "",
    "   ",
    "\x00",
    "\u202e12",
    "٣",
    "፩",
    "१२",
    "𝟗",
    "Ⅻ",
    "½",
    "²",
    "⑳",
    "⒈",
    "1" * 1001,
    "9" * 4301,
    "9" * 999,
    "1" + "0" * 400 + "/3",
    "3×" * 300 + "3",
    "a" * 27,
    "abc",
    "z",
    "1,3",
    "1 3",
    "AC",
    "、",
    "1、2",
    "q",
    "s",
    "?",
    "e",
    "u",
    "r 2",
]
SEPARATORS = st.sampled_from([",", ", ", " ", "x", "×", "*", "X", "、", ";", "/", "\t", "  ", ",,"])


def _numberish() -> st.SearchStrategy[str]:
    return st.one_of(
        st.floats().map(repr),
        st.floats().map(str),
        st.floats(allow_nan=False).map(lambda x: f"{x:e}"),
        st.integers().map(str),
        st.integers(min_value=-(10**1200), max_value=10**1200).map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.fractions().map(str),
        st.sampled_from(SPECIAL_ANSWERS),
    )


ANSWERS = st.one_of(
    st.text(),  # arbitrary Unicode, controls and surrogate-free planes included
    st.text(alphabet=st.characters(categories=["Nd", "No", "Nl", "Zs", "Cc", "Cf", "Sm", "Pd"])),
    _numberish(),
    st.tuples(
        st.lists(_numberish(), min_size=1, max_size=6),
        SEPARATORS,
        st.sampled_from(["{}", "[{}]", "({})", " {} ", "{}\n", "\u3000{}"]),
    ).map(lambda t: t[2].format(t[1].join(t[0]))),
    st.text(alphabet="0123456789０１２３４５６７８９abcdeABCDE,、 ×x*()[]-−./eE+", max_size=40),
)

STUDY_QUESTIONS = {q.id: q for q in load_bank(STUDY_BANK)}
INSTANCES = {
    "choice": instantiate(STUDY_QUESTIONS["study-choice"]),
    "numeric": instantiate(STUDY_QUESTIONS["study-numeric"], seed=3),
    "shape": instantiate(STUDY_QUESTIONS["study-shape"]),
    "code-choice": instantiate(STUDY_QUESTIONS["study-code"]),
}


def _only_unclear(read, text):
    try:
        return read(text)
    except grading.Unclear as unclear:
        assert unclear.key in {"empty", "too_long", "choice", "number", "finite", "shape", "count"}
        return None


@settings(max_examples=PARSER_EXAMPLES, **FAST)
@given(ANSWERS)
def test_parse_number_gives_a_finite_float_or_unclear(text):
    value = _only_unclear(grading.parse_number, text)
    assert value is None or (isinstance(value, float) and math.isfinite(value))


@settings(max_examples=PARSER_EXAMPLES, **FAST)
@given(ANSWERS)
def test_parse_numbers_gives_finite_floats_or_unclear(text):
    values = _only_unclear(grading.parse_numbers, text)
    assert values is None or (values and all(math.isfinite(v) for v in values))


@settings(max_examples=PARSER_EXAMPLES, **FAST)
@given(ANSWERS)
def test_parse_shape_gives_small_int_lists_or_unclear(text):
    shape = _only_unclear(grading.parse_shape, text)
    assert shape is None or (1 <= len(shape) <= 4 and all(isinstance(n, int) and n >= 0 for n in shape))


@settings(max_examples=PARSER_EXAMPLES, **FAST)
@given(ANSWERS, st.integers(min_value=1, max_value=26))
def test_choice_indices_stay_in_range_or_unclear(text, count):
    chosen = _only_unclear(lambda t: grading.choice_indices(t, count), text)
    assert chosen is None or all(0 <= i < count for i in chosen)


@settings(max_examples=GRADE_EXAMPLES, **FAST)
@given(kind=st.sampled_from(sorted(INSTANCES)), text=ANSWERS, shuffle=st.randoms(use_true_random=False))
def test_grade_gives_a_verdict_or_unclear(kind, text, shuffle):
    instance = INSTANCES[kind]
    order = None
    if "options" in instance.question.spec:
        order = list(range(len(instance.question.spec["options"])))
        shuffle.shuffle(order)
    verdict = _only_unclear(lambda t: grading.grade(instance, t, order), text)
    assert verdict is None or (isinstance(verdict.correct, bool) and isinstance(verdict.given, str))


# -- solver parameters ----------------------------------------------------------------------------------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-4, max_value=12),
    st.integers(),
    st.integers(min_value=10**4, max_value=10**12),
    st.sampled_from([2**31, 2**63, 10**9, -(2**63)]),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(),
    st.floats(min_value=-10, max_value=10),
    st.text(max_size=8),
    st.sampled_from(["true", "false", "relu", "sigmoid", "tanh", "he", "xavier", "1", "[1]"]),
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=24,
)
SMALL_FLOATS = st.floats(min_value=-5, max_value=5) | st.sampled_from([0.0, 1e308, -1e308, 1e-320, math.nan, math.inf])


def _arrays() -> st.SearchStrategy[Any]:
    """Nested numeric lists, rectangular or not, of rank 0-4, with odd sizes and odd values."""

    def nest(rank, sizes, draw_value):
        if rank == 0:
            return draw_value
        return st.lists(nest(rank - 1, sizes, draw_value), min_size=sizes[0], max_size=sizes[1])

    rectangular = st.tuples(st.integers(0, 4), st.lists(st.integers(0, 5), min_size=4, max_size=4)).flatmap(
        lambda t: _rectangular(t[0], t[1][: t[0]])
    )
    ragged = st.integers(1, 3).flatmap(lambda rank: nest(rank, (0, 4), SMALL_FLOATS))
    return rectangular | ragged


def _rectangular(rank: int, shape: list[int]) -> st.SearchStrategy[Any]:
    def build(values: list[float]) -> Any:
        flat = iter(values)

        def fill(dims: list[int]) -> Any:
            return next(flat) if not dims else [fill(dims[1:]) for _ in range(dims[0])]

        return fill(shape)

    return st.lists(SMALL_FLOATS | st.integers(-3, 3), min_size=math.prod(shape), max_size=math.prod(shape)).map(build)


VALUES = JSON | _arrays()
BOUNDARY = st.sampled_from(
    [
        0,
        -1,
        1,
        2,
        3,
        2**31,
        10**6,
        10**9,
        10**18,
        2**64,
        1e308,
        -1e308,
        5e-324,
        math.nan,
        math.inf,
        -math.inf,
        [],
        [[]],
        [[[]]],
        "",
        None,
        True,
        [0],
        [10**9],
        [10**9, 10**9],
        [1e308],
    ]
)


def _bank_examples() -> dict[str, list[dict[str, Any]]]:
    """Valid parameter sets per solver, taken from the shipped banks and the study bank ($name resolved)."""
    examples: dict[str, list[dict[str, Any]]] = {}
    for path in list(iter_bank_files([ROOT / "content"])) + [STUDY_BANK]:
        try:
            document = yaml_load(path.read_text(encoding="utf-8"))
        except Exception:
            continue  # someone else's half-written bank: not this test's business
        for question in document.get("questions", []) if isinstance(document, dict) else []:
            if not isinstance(question, dict) or not isinstance(question.get("params"), dict):
                continue
            names = question.get("inputs", {})
            params = {
                k: names.get(v[1:], v) if isinstance(v, str) and v.startswith("$") else v
                for k, v in question["params"].items()
            }
            examples.setdefault(question.get("solver"), []).append(json.loads(json.dumps(params)))
    return examples


EXAMPLES = _bank_examples()


@st.composite
def solver_calls(draw, name: str) -> dict[str, Any]:
    spec = solvers.SOLVERS[name]
    names = [p.name for p in spec.params]
    base = draw(st.sampled_from(EXAMPLES[name])) if EXAMPLES.get(name) else {}
    how = draw(st.sampled_from(["one", "boundary", "some", "all", "extra"]) if names else st.just("extra"))
    raw = dict(base)
    if how == "one":
        raw[draw(st.sampled_from(names))] = draw(VALUES)
    elif how == "boundary":
        raw[draw(st.sampled_from(names))] = draw(BOUNDARY)
    elif how == "some":
        for param in draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names))):
            if draw(st.booleans()):
                raw[param] = draw(VALUES)
            else:
                raw.pop(param, None)
    elif how == "all":
        raw = {param: draw(VALUES) for param in names}
    else:
        raw[draw(st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=8))] = draw(VALUES)
    return raw


@pytest.fixture
def bounded_memory():
    """A solver that tries to allocate gigabytes fails fast with MemoryError instead of swapping the machine."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/status") as status:
        used = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    resource.setrlimit(resource.RLIMIT_AS, (used + 2 * 1024**3, hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


# A solver that loops on a big number hangs its test until pytest-timeout (pyproject.toml) fails it.
@pytest.mark.parametrize("name", sorted(solvers.SOLVERS))
def test_solver_parameters_give_a_result_or_solver_input_error(name, bounded_memory):

    names = solver_words(solvers.SOLVERS[name])

    @settings(max_examples=SOLVER_EXAMPLES, **FAST)
    @given(solver_calls(name))
    def check(raw):
        try:
            result = solvers.SOLVERS[name](**raw)
        except solvers.SolverInputError as error:
            assert str(error) and not CJK.search(error.expected)
            assert english_prose(error.expected_ja, names) == [], error.expected_ja
            return
        json.dumps(solvers.jsonable(result.answer))  # what `quiz solve --json` prints must be printable

    check()


@pytest.mark.parametrize("name", sorted(solvers.SOLVERS))
def test_solve_command_exits_0_or_2(name, run_quiz, bounded_memory):
    """The same through `quiz solve NAME --opt VALUE` (text from the command line, full-width forms and all)."""
    spec = solvers.SOLVERS[name]
    options = st.dictionaries(
        st.sampled_from([p.option for p in spec.params]) if spec.params else st.just("--x"),
        VALUES.map(json.dumps) | st.text(max_size=12),
        max_size=len(spec.params) + 1,
    )

    @settings(max_examples=COMMAND_EXAMPLES, **FAST)
    @given(options)
    def check(chosen):
        assume(all(not value.startswith("-") or value[1:2].isdigit() for value in chosen.values()))
        args = list(itertools.chain.from_iterable(chosen.items()))
        result = run_quiz("solve", name, *args, "--json")
        assert result.exit_code in (0, 2), result.stderr
        if result.exit_code == 2:
            assert result.stderr.startswith("Error: ") and "internal error" not in result.stderr

    check()


# -- the bank loader ------------------------------------------------------------------------------------------

YAML_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(
        [
            "~",
            "yes",
            "no",
            "on",
            "0o17",
            "0x1F",
            "1_000",
            ".inf",
            "-.inf",
            ".nan",
            "2001-02-03",
            "2001-02-30",
            "2001-12-14t21:59:43.10-05:00",
            "12:30:45",
            "!!binary aGVsbG8=",
            "<<",
            "=",
            "!!python/object/apply:os.system [echo]",
            "*alias",
            "&anchor x",
            "1e99999",
        ]
    ),
    st.integers(4290, 5000).map(lambda digits: "9" * digits),  # Python refuses int("9" * 4301)
)
YAML_DATA = st.recursive(
    YAML_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6) | st.integers(), inner, max_size=4),
    max_leaves=30,
)
YAML_NOISE = list(":-[]{}&*!|>'\"#%@`,?\t\n \\") + [
    "\n  ",
    ": ",
    "- ",
    "!!",
    "---",
    "...",
    "\ufeff",
    "\x85",
    "\u2028",
    "\x00",
    "\udc80".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "é",
    "漢",
]


@st.composite
def mutated_study_bank(draw) -> bytes:
    """The study bank with characters inserted, deleted or replaced: almost YAML, almost a valid bank."""
    text = STUDY_BANK.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 12))
        insert = draw(st.sampled_from(YAML_NOISE) | st.text(max_size=4) | YAML_SCALARS.map(str))
        text = text[:at] + insert + text[at + cut :]
    return text.encode("utf-8", "surrogatepass")


def _plain(path: Path) -> Any:
    return json.loads(json.dumps(yaml_load(path.read_text(encoding="utf-8"))))


# Every shipped question as a bank of its own: small enough to read when a check fails.
SHIPPED_QUESTIONS = [
    {"format_version": 1, "questions": [question]}
    for path in list(iter_bank_files([ROOT / "content"]))
    for question in _plain(path)["questions"]
]


def _schema_names(schema: Any) -> set[str]:
    if isinstance(schema, dict):
        return set(schema.get("properties", {})) | {n for value in schema.values() for n in _schema_names(value)}
    return {n for value in schema for n in _schema_names(value)} if isinstance(schema, list) else set()


FIELD_NAMES = sorted(_schema_names(banks._schema()))


@st.composite
def edited(draw, document: Any) -> Any:
    """``document`` with one to three edits at any depth: a value replaced, a field or item removed, a field
    (known to the schema somewhere, or not) added."""
    document = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(1, 3))):
        node: Any = document
        path = []
        while isinstance(node, (dict, list)) and node and (not path or draw(st.integers(0, 3))):
            key = draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
            path.append(key)
            parent, node = node, node[key]
        if not path:
            return draw(YAML_DATA)
        edit = draw(st.sampled_from(["replace", "remove", "add"]))
        if edit == "replace":
            parent[path[-1]] = draw(YAML_DATA)
        elif edit == "remove":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(FIELD_NAMES) | st.text(max_size=6))] = draw(YAML_DATA)
        else:
            parent.append(draw(YAML_DATA))
    return document


@st.composite
def edited_study_bank(draw) -> bytes:
    """A valid bank, edited: exercises schema errors and their lines."""
    document = draw(edited(_plain(STUDY_BANK)))
    style = draw(st.sampled_from([None, True, False]))
    return yaml.safe_dump(document, allow_unicode=True, default_flow_style=style, sort_keys=False).encode()


RAW_BANKS = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    YAML_DATA.map(lambda d: yaml.safe_dump(d, allow_unicode=True).encode()),
    st.dictionaries(st.sampled_from(["format_version", "questions", "description", "x"]), YAML_DATA, max_size=3).map(
        lambda d: yaml.safe_dump(d).encode()
    ),
    st.lists(st.sampled_from(YAML_NOISE) | YAML_SCALARS.map(str) | st.text(max_size=5), max_size=60).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
    ),
    mutated_study_bank(),
    edited_study_bank(),
)

_counter = itertools.count()


def _write(folder: Path, data: bytes) -> Path:
    # A new name per example: the bank cache keys on path, size and mtime, and examples come faster than mtimes.
    path = folder / f"bank{next(_counter)}.yaml"
    path.write_bytes(data)
    return path


def test_reader_builds_what_pyyaml_builds():
    """Built straight from the parser's events, the data equals PyYAML's safe_load (no aliases, no tags)."""

    @settings(max_examples=BANK_EXAMPLES, **FAST)
    @given(YAML_DATA, st.sampled_from([None, True, False]))
    def check(data, style):
        text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=style)
        assert repr(yaml_load(text)) == repr(yaml.safe_load(text))

    check()


def test_bank_loader_gives_questions_or_a_bank_error(tmp_path):
    @settings(max_examples=BANK_EXAMPLES, **FAST)
    @given(RAW_BANKS)
    def check(data):
        path = _write(tmp_path, data)
        try:
            questions = load_bank(path)
        except BankError as error:
            assert str(error).startswith(str(path)), error
            assert "\n" not in str(error)
            return
        assert all(q.path == path for q in questions)

    check()


def test_fast_schema_check_agrees_with_jsonschema():
    """The compiled validator alone passes a bank, so it must pass exactly what jsonschema passes."""
    fast, reference = banks._fast_validator(), banks._validator()

    @settings(max_examples=BANK_EXAMPLES, **FAST)
    @given(st.sampled_from(SHIPPED_QUESTIONS).flatmap(edited))
    def check(document):
        try:
            fast(document)
            passed = True
        except JsonSchemaValueException:
            passed = False
        assert passed == reference.is_valid(document)

    for document in SHIPPED_QUESTIONS:
        fast(document)
    check()


def test_catalog_and_cache_give_a_catalog_or_a_quiz_error(tmp_path, isolated_home):
    """load_catalog also writes the JSON cache and reads it back: every loaded value must survive that."""

    @settings(max_examples=BANK_EXAMPLES, **FAST)
    @given(st.one_of(mutated_study_bank(), edited_study_bank()))
    def check(data):
        folder = tmp_path / f"dir{next(_counter)}"
        folder.mkdir()
        (isolated_home / "cache" / "banks.json").unlink(missing_ok=True)  # this bank's round trip only
        _write(folder, data)
        for _ in range(2):  # the second load comes from the cache
            try:
                load_catalog([folder])
            except QuizError as error:
                assert str(folder) in str(error)

    check()


def test_validate_gives_a_report(tmp_path):
    """`quiz validate` runs the schema-valid ones: solvers, code options, drill draws. It reports, never crashes."""

    @settings(max_examples=VALIDATE_EXAMPLES, **FAST)
    @given(st.one_of(mutated_study_bank(), edited_study_bank()))
    def check(data):
        path = _write(tmp_path, data)
        report = validate([path], draws=5)
        assert report.files == 1
        assert all(problem.startswith(str(path)) for problem in report.problems), report.problems

    check()
