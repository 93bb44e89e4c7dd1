"""quiz lab: the corrected notebooks learn what the notes say, their gradients are right, and the CLI is scriptable.

SGD amplifies last-bit rounding differences, so a seeded run's exact numbers are no claim: what is pinned holds
across several seeds. Training runs are cached per configuration and the tests that share them run in one xdist
worker (the "lab-runs" group), so each run is paid for once.
"""

import io
import json
import math
import os
import statistics
import subprocess
import sys
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from quizcli.bank.catalog import iter_bank_files
from quizcli.cli import QuizGroup
from quizcli.commands.lab import lab
from quizcli.errors import BadInput
from quizcli.labs import binary_addition as ba
from quizcli.labs import predict_sin as ps
from quizcli.labs import render
from quizcli.labs import runner as labs

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (0, 1, 2)
SHARES_RUNS = pytest.mark.xdist_group("lab-runs")
STD = {"init": "std", "lr": 0.1, "hidden": 16}  # the notes' baseline
XAVIER = {"init": "xavier", "lr": 0.3, "hidden": 16}  # the notes' Xavier cell
HE = {"init": "he", "lr": 0.3, "hidden": 18}  # the notes' He cell
RELU = {"init": "xavier", "lr": 0.3, "hidden": 18, "activation": "relu"}  # the notes' ReLU cell


@cache
def binary_run(until_converged: bool = False, **args) -> ba.Run:
    return ba.train(ba.make_config(**args), until_converged=until_converged)


@cache
def iterations_to_converge(seed: int, **args) -> int | None:
    if args == STD and seed == 0:  # the full default run has the same prefix; reuse it
        return binary_run(seed=0).summary.converged_at
    return binary_run(True, seed=seed, **args).summary.converged_at


# ------------------------------------------------------------------------------------- binary addition
def test_defaults_are_the_notes_baseline():
    config = ba.Config()
    assert (config.hidden, config.init, config.init_std, config.lr, config.iters) == (16, "std", 1.0, 0.1, 10_000)
    assert (config.activation, config.bias) == ("sigmoid", False)
    assert ba.make_config() == config


@SHARES_RUNS
def test_default_configuration_reaches_full_accuracy():
    summary = binary_run(seed=0).summary
    assert summary.converged_at is not None  # 6417 here
    assert summary.final_accuracy == 1.0
    assert summary.final_loss < 0.02
    assert summary.diverged_at is None
    assert all(s.correct for s in binary_run(seed=0).samples)


@SHARES_RUNS
def test_xavier_and_he_at_lr_0_3_converge_sooner_than_std_at_lr_0_1():
    runs = {
        name: [iterations_to_converge(seed, **args) for seed in SEEDS]
        for name, args in (("std", STD), ("xavier", XAVIER), ("he", HE))
    }
    # Here: std [6417, 5295, 6323], xavier [4255, 4199, 4997], he [3679, 3138, 2854]; only the claims are pinned.
    assert all(i is not None for iterations in runs.values() for i in iterations), runs
    medians = {name: statistics.median(iterations) for name, iterations in runs.items()}
    assert medians["xavier"] < medians["std"], runs
    assert medians["he"] < medians["std"], runs


@SHARES_RUNS
def test_relu_at_lr_0_3_fails_with_exploding_gradient_norms():
    relu = [binary_run(seed=seed, **RELU).summary for seed in SEEDS]
    sigmoid_norms = [
        (binary_run(seed=0) if (seed, args) == (0, STD) else binary_run(True, seed=seed, **args)).summary.max_grad_norm
        for seed in SEEDS
        for args in (STD, XAVIER, HE)
    ]
    assert all(s.converged_at is None and s.final_accuracy < 0.5 for s in relu), relu
    # Here the ReLU runs peak at 48.6, 88.9 and 29.9, the converging sigmoid runs at 10.8 at most: the screen's
    # threshold for "exploding gradients" lies between the two.
    assert statistics.median(s.max_grad_norm for s in relu) > render.EXPLODING_NORM > max(sigmoid_norms)


def test_overflow_is_an_outcome_not_a_warning():
    # Huge ReLU activations overflow the output sigmoid's e^(−v); pytest turns any escaping warning into an error.
    run = ba.train(ba.make_config(activation="relu", init_std=1000, lr=100, iters=200))
    assert run.summary.converged_at is None
    json.dumps(run.to_dict(), allow_nan=False)


@pytest.mark.parametrize("activation", ba.ACTIVATIONS)
@pytest.mark.parametrize("bias", [False, True])
def test_bptt_gradients_match_finite_differences(activation, bias):
    rng = np.random.default_rng(7)
    config = ba.make_config(hidden=6, init="xavier", activation=activation, bias=bias)
    params = ba.init_params(config, rng)
    if bias:
        params["b"] += 0.3 * rng.standard_normal(params["b"].shape)
        params["c"] += 0.3
    x, d = ba.encode(np.array([[45, 83]]))
    _, loss, grads = ba.gradients(params, x[0], d[0], activation)
    assert loss == pytest.approx(ba.loss(params, x[0], d[0], activation))
    for name, grad in grads.items():
        numeric = _numeric_gradient(lambda: ba.loss(params, x[0], d[0], activation), params[name])
        np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8, err_msg=name)


def test_one_training_step_applies_the_checked_gradients():
    config = ba.make_config(iters=1, seed=3)
    rng = np.random.default_rng(config.seed)
    params = ba.init_params(config, rng)
    x, d = ba.encode(rng.integers(0, ba.HALF, size=(1, 2)))
    _, loss, grads = ba.gradients(params, x[0], d[0], config.activation)
    run = ba.train(config)
    norm = math.sqrt(sum(float((g * g).sum()) for g in grads.values()))
    assert run.history[0].loss == pytest.approx(loss)
    assert run.summary.max_grad_norm == pytest.approx(norm)


def test_encoding_is_lsb_first():
    x, d = ba.encode(np.array([[61, 26]]))
    assert "".join(str(int(b)) for b in d[0][::-1]) == "01010111"  # 87, as printed in the notes
    assert x.shape == (1, 8, 2)


def test_same_seed_same_numbers_and_another_seed_differs():
    first, again, other = (ba.train(ba.make_config(iters=300, seed=s)) for s in (5, 5, 6))
    assert first.to_dict() == again.to_dict()
    assert first.to_dict() != other.to_dict()


# Short runs of two sensitive labs (ReLU, and a GRU with its many products): when the labs used `@`, these four
# kernels gave four different ReLU runs.
SENSITIVE_RUNS = """
import json
from quizcli.labs import binary_addition, predict_sin
relu = binary_addition.make_config(activation="relu", init="xavier", hidden=18, lr=0.3, iters=300)
gru = predict_sin.make_config(cell="gru", iters=2)
print(json.dumps([binary_addition.train(relu).to_dict(), predict_sin.train(gru).to_dict()]))
"""
# OpenBLAS kernels any x86-64 CPU can run (from SSE3 to AVX2); another BLAS, or another CPU, ignores the name.
OPENBLAS_KERNELS = ("Prescott", "Nehalem", "Sandybridge", "Haswell")


def test_the_numbers_do_not_depend_on_the_blas_kernel():
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", SENSITIVE_RUNS],
            env={**os.environ, "OPENBLAS_CORETYPE": kernel},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for kernel in OPENBLAS_KERNELS
    ]
    outputs = [run.communicate() for run in runs]
    assert [run.returncode for run in runs] == [0] * len(runs), [stderr for _, stderr in outputs]
    documents = {kernel: json.loads(stdout) for kernel, (stdout, _) in zip(OPENBLAS_KERNELS, outputs)}
    assert all(document == documents["Prescott"] for document in documents.values())


@pytest.mark.parametrize(
    "args, message",
    [
        ({"init": "xavier", "init_std": 2}, "--init-std applies only with --init std"),
        ({"hidden": 0}, "--hidden must be an integer from 1"),
        ({"lr": -1}, "--lr must be a number > 0"),
        ({"activation": "gelu"}, "--activation must be one of sigmoid, tanh, relu"),
        ({"learning_rate": 0.3}, "unknown argument(s) learning_rate"),
    ],
)
def test_bad_arguments_are_bad_input(args, message):
    with pytest.raises(BadInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        ba.make_config(**args)


# ----------------------------------------------------------------------------------------- predict-sin
def _solver_predictions(cell: str, params: dict, windows: np.ndarray) -> np.ndarray:
    """One-step predictions [B] for windows [B, T] through the rnn-cell, lstm-cell or gru-cell solver."""
    from solvers.gated import gru_cell, lstm_cell
    from solvers.rnn import rnn_cell

    h = c = np.zeros((windows.shape[0], params["W_out"].shape[0]))
    for t in range(windows.shape[1]):
        x = windows[:, t : t + 1]
        if cell == "rnn":
            h = rnn_cell(x, h, params["W_in"].T, params["W"].T, nonlinearity="tanh").answer
        elif cell == "lstm":
            state = lstm_cell(x, h, c, params["W_ih"], params["W_hh"]).answer
            h, c = state["h"], state["c"]
        else:
            h = gru_cell(x, h, params["W_ih"], params["W_hh"], convention="pytorch").answer
    return h @ params["W_out"][:, 0]


@pytest.mark.parametrize("cell", ps.CELLS)
def test_sin_cells_are_their_solvers_and_their_gradients_match_finite_differences(cell):
    rng = np.random.default_rng(11)
    model = ps.CELL_TYPES[cell]
    params = {name: value * 50 for name, value in model.init(4, rng).items()}  # std 0.5: away from linear
    windows, d = np.array([[0.3, -0.8, 0.5], [0.9, 0.1, -0.4]]), 0.2
    predicted = ps.predict(model, params, windows)
    np.testing.assert_allclose(predicted, _solver_predictions(cell, params, windows), rtol=1e-12, atol=1e-15)
    xs = windows[0]
    loss, grads = model.sample_gradients(params, xs, d)
    assert loss == pytest.approx(0.5 * (predicted[0] - d) ** 2, rel=1e-12)
    for name, grad in grads.items():
        numeric = _numeric_gradient(lambda: model.sample_gradients(params, xs, d)[0], params[name])
        np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-9, err_msg=name)


def test_sin_dataset_matches_the_notebook_split():
    x_train, d_train, x_test, d_test = ps.dataset(2, np.random.default_rng(0))
    assert (x_train.shape, x_test.shape) == ((398, 2), (100, 2))
    wave = np.sin(np.linspace(0, 10 * np.pi, 500))
    (start,) = np.flatnonzero((wave[:-2] == x_test[0, 0]) & (wave[1:-1] == x_test[0, 1]))
    assert d_test[0] == wave[start + 2]


@pytest.mark.parametrize("seed", SEEDS)
def test_small_one_step_loss_but_drifting_generation(seed):
    run = ps.train(ps.make_config(maxlen=2, iters=100, seed=seed))  # the sin-try-iters-100 question
    s = run.summary
    # Here (seeds 0–4): test loss 7.8e-6 … 2.0e-5, generation RMSE 0.24 … 1.2, 62 … 227 × the one-step RMSE.
    assert s.test_loss < 5e-5  # the notes print 5.7e-7 … 5.3e-5
    assert s.generation_rmse > 0.1
    assert s.generation_rmse > 20 * s.one_step_rmse
    assert s.error_at["200"] > 10 * s.error_at["1"]
    assert "does not mean good generation" in render.sin_note(run, "en")


# ------------------------------------------------------------------------------------------ explain hook
@cache
def _bank_lab_specs():
    specs = []
    for path in list(iter_bank_files([ROOT / "content"])):
        text = path.read_text(encoding="utf-8")
        if "lab:" not in text:
            continue
        bank = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        specs += [(q["id"], q["lab"]) for q in bank.get("questions", []) if isinstance(q, dict) and "lab" in q]
    return specs


def test_every_bank_lab_spec_is_accepted():
    specs = _bank_lab_specs()
    assert {spec["name"] for _, spec in specs} == set(labs.LABS)
    for question, spec in specs:
        config = labs.make_config(spec["name"], spec.get("args"))
        assert config.to_dict().items() >= spec.get("args", {}).items(), question


def test_quick_runs_trim_long_configurations(monkeypatch):
    trained = []
    monkeypatch.setattr(ps, "train", lambda config, progress=None: trained.append(config) or "run")
    outcome = labs.run_for_question({"name": "predict-sin", "args": {"maxlen": 5, "iters": 3000}}, quick=True)
    assert outcome.full_iters == 3000
    assert trained[0].iters < 3000 and trained[0].maxlen == 5
    # estimate_seconds is computed from fixed per-step costs, the same on every machine: no clock is read here.
    estimate = labs.estimate_seconds("predict-sin", trained[0])
    assert estimate <= labs.QUICK_TARGET_SECONDS
    for _, spec in _bank_lab_specs():
        if spec["name"] == "rnn-binary-addition":  # these run in full even in quick mode
            estimate = labs.estimate_seconds(spec["name"], labs.make_config(spec["name"], spec["args"]))
            assert estimate < 10


def test_run_for_question_renders_a_result():
    from rich.console import Console

    outcome = labs.run_for_question({"name": "rnn-binary-addition", "args": {"iters": 600, "seed": 1}}, quick=True)
    assert outcome.full_iters is None and outcome.to_dict()["summary"]["converged_at"] is None
    console = Console(record=True, width=100, file=io.StringIO())
    console.print(outcome)
    text = console.export_text()
    assert "Sample additions" in text and "largest gradient norm" in text and "sequences trained" in text


def test_a_quick_run_says_so_and_shows_the_full_command():
    from rich.console import Console

    outcome = labs.Outcome("predict-sin", ps.train(ps.make_config(maxlen=5, iters=1)), full_iters=3000)
    console = Console(record=True, width=200, file=io.StringIO())
    console.print(outcome)
    text = console.export_text()
    assert "Quick run: 1 of 3,000 iterations" in text
    assert "quiz lab predict-sin --maxlen 5 --iters 3000" in text


def test_run_for_question_rejects_unknown_labs_and_args():
    with pytest.raises(BadInput, match="unknown lab"):
        labs.run_for_question({"name": "predict-cos", "args": {}}, quick=True)
    with pytest.raises(BadInput, match="unknown argument"):
        labs.run_for_question({"name": "predict-sin", "args": {"window": 3}}, quick=True)


def test_command_line_reproduces_a_config():
    config = ba.make_config(hidden=18, lr=0.3, init_std=2.0, bias=True)
    assert labs.command_line("rnn-binary-addition", config) == (
        "quiz lab rnn-binary-addition --hidden 18 --lr 0.3 --init-std 2 --bias"
    )


# ------------------------------------------------------------------------------------------------- CLI
def invoke(*args):
    return CliRunner().invoke(lab, list(args), catch_exceptions=False)


def test_binary_addition_json_is_pure_and_complete():
    result = invoke("rnn-binary-addition", "--iters", "600", "--seed", "2", "--json")
    document = json.loads(result.stdout)
    assert set(document) == {"config", "history", "summary"}
    assert document["config"] == ba.make_config(iters=600, seed=2).to_dict()
    assert len(document["history"]) == 100
    assert set(document["history"][0]) == {"iter", "loss", "accuracy", "grad_norm"}
    assert document["history"][-1]["iter"] == 600
    assert {"converged_at", "final_loss", "final_accuracy", "max_grad_norm"} <= set(document["summary"])


def test_predict_sin_json():
    result = invoke("predict-sin", "--iters", "2", "--cell", "gru", "--json")
    document = json.loads(result.stdout)
    assert set(document) == {"config", "summary"}
    assert document["config"]["cell"] == "gru"
    assert {"test_loss", "generation_rmse", "one_step_rmse"} <= set(document["summary"])


def test_same_seed_same_json():
    first, again = (invoke("rnn-binary-addition", "--iters", "400", "--seed", "9", "--json").stdout for _ in "ab")
    assert first == again


def test_screen_output_has_plot_samples_and_summary():
    # Converged at 1,177–1,522 over seeds 0–4 here: the bias-free floor note needs a converged run.
    result = invoke("rnn-binary-addition", "--iters", "3000", "--activation", "tanh", "--init", "xavier")
    assert result.exit_code == 0
    for text in ("loss per sequence", "Sample additions", "converged", "final accuracy", "Bias-free floor"):
        assert text in result.stdout
    sin = invoke("predict-sin", "--iters", "1")
    assert "generation RMSE" in sin.stdout and "true sin" in sin.stdout and "Why" in sin.stdout


@pytest.mark.parametrize(
    "max_grad_norm, diverged_at, note",
    [
        (39.6, None, "exploding gradients"),
        (5.0, 812, "exploding gradients"),  # an overflow, whatever the largest finite norm
        (5.0, None, "Not converged within 10,000 sequences"),
    ],
)
def test_a_failed_run_is_told_apart_by_its_gradient_norm(max_grad_norm, diverged_at, note):
    summary = ba.Summary(
        converged_at=None,
        final_loss=1.9,
        final_accuracy=0.0,
        max_grad_norm=max_grad_norm,
        diverged_at=diverged_at,
        iters_run=10_000,
    )
    notes = render.binary_notes(ba.Run(ba.make_config(**RELU), [], summary, []), "en")
    assert len(notes) == 1 and note in notes[0], notes


def test_screen_output_follows_the_language():
    japanese = invoke("rnn-binary-addition", "--iters", "200", "--lang", "ja")
    for text in (
        "系列ごとの損失",
        "学習した系列数",
        "足し算の例（学習後）",
        "まとめ",
        "勾配ノルムの最大値",
        "系列では収束しませんでした",
    ):
        assert text in japanese.stdout
    assert "Sample additions" not in japanese.stdout
    english = invoke("rnn-binary-addition", "--iters", "200", "--lang", "en")
    assert "Sample additions (after training)" in english.stdout and "Not converged within 200" in english.stdout
    sin = CliRunner().invoke(lab, ["predict-sin", "--iters", "1"], env={"QUIZ_LANG": "ja"}, catch_exceptions=False)
    for text in ("真の sin", "生成の RMSE（200 ステップ）", "2 つの数値が違う理由"):
        assert text in sin.stdout


def test_japanese_chart_keeps_its_frame_aligned():
    from rich.cells import cell_len

    charts = {lang: invoke("predict-sin", "--iters", "1", "--lang", lang).stdout for lang in ("ja", "en")}
    framed = {
        lang: [cell_len(line) for line in text.splitlines() if "┤" in line or "│" in line]
        for lang, text in charts.items()
    }
    assert "予測を入力に戻す生成" in charts["ja"]
    assert framed["ja"] == framed["en"] and len(set(framed["ja"])) == 1


def test_json_is_the_same_in_every_language():
    args = ("predict-sin", "--iters", "2", "--json")
    assert invoke(*args, "--lang", "ja").stdout == invoke(*args, "--lang", "en").stdout


def test_a_japanese_quick_run_says_so():
    from rich.console import Console

    outcome = labs.Outcome("predict-sin", ps.train(ps.make_config(maxlen=5, iters=1)), full_iters=3000, lang="ja")
    console = Console(record=True, width=200, file=io.StringIO())
    console.print(outcome)
    text = console.export_text()
    assert "短縮実行: 約 6 秒で終わるよう、3,000 回中 1 回だけ学習しました。" in text
    assert "quiz lab predict-sin --maxlen 5 --iters 3000" in text


@pytest.mark.parametrize(
    "lang, expected",
    [("ja", "10,000 回中 1,200 回で中断しました\n"), ("en", "stopped after 1,200 of 10,000 iterations\n")],
)
def test_an_interrupted_run_says_how_far_it_got(capsys, lang, expected):
    from rich.console import Console

    from quizcli.commands.lab import _metrics_text, _train_with_progress

    class Interrupted:  # stands in for quizcli.labs: reports progress once, then Ctrl-C
        @staticmethod
        def run(name, config, progress, lang):
            progress(1_200, config.iters, {"loss": 0.5})
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _train_with_progress(Interrupted, "rnn-binary-addition", ba.make_config(), Console(file=io.StringIO()), lang)
    assert capsys.readouterr().err == expected
    metrics = {"loss": 0.5, "accuracy": 0.25, "grad_norm": 3.0, "train_loss": 0.01}
    assert _metrics_text(metrics, "ja") == "損失 0.5000  正解率 25%  ‖∇‖ 3  訓練損失 0.01"
    assert _metrics_text(metrics, "en") == "loss 0.5000  acc 25%  ‖∇‖ 3  train loss 0.01"


@pytest.mark.parametrize(
    "args",
    [
        ["rnn-binary-addition", "--init", "he", "--init-std", "2"],
        ["rnn-binary-addition", "--iters", "0"],
        ["predict-sin", "--maxlen", "0"],
        ["predict-sin", "--cell", "transformer"],
    ],
)
def test_bad_options_exit_2_with_one_line(args):
    root = QuizGroup(commands={"lab": lab})
    result = CliRunner().invoke(root, ["lab", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr


@pytest.mark.parametrize("command", [[], ["rnn-binary-addition"], ["predict-sin"]])
def test_help_has_examples(command):
    assert "Examples:" in invoke(*command, "--help").stdout


def _numeric_gradient(loss, array, eps=1e-6):
    """Central differences of loss() with respect to every entry of ``array`` (changed in place, restored)."""
    numeric = np.zeros_like(array)
    for index in np.ndindex(array.shape):
        kept = array[index]
        array[index] = kept + eps
        up = loss()
        array[index] = kept - eps
        down = loss()
        array[index] = kept
        numeric[index] = (up - down) / (2 * eps)
    return numeric


def test_the_bank_schema_knows_every_labs_arguments():
    """quizcli/bank/lab_args.json is generated from the labs' settings, so that validate checks a lab spec."""
    from quizcli.labs.schema import LAB_ARGS_FILE, lab_args

    shipped = json.loads(LAB_ARGS_FILE.read_text(encoding="utf-8"))
    assert shipped == lab_args(), "regenerate it: uv run python -m quizcli.labs.schema"
