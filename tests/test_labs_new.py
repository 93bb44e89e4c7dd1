"""quiz lab kmeans, optimizers and q-learning: they run the drills' solvers, show what the course says they show
over many seeds (not one seeded trajectory), and their screens and JSON work in both languages at any width.

Runs are cached per configuration; the tests that share them run in one xdist worker (the "new-lab-runs" group).
"""

import io
import json
import statistics
from functools import cache

import numpy as np
import pytest
from click.testing import CliRunner
from rich.cells import cell_len
from rich.console import Console

import solvers
from quizcli.cli import QuizGroup
from quizcli.commands.lab import lab
from quizcli.errors import BadInput
from quizcli.labs import kmeans as km
from quizcli.labs import optimizers as op
from quizcli.labs import q_learning as ql
from quizcli.labs import render
from quizcli.labs import runner as labs
from quizcli.labs.settings import CONFIGS, OptimizersConfig, checked, settings

SEEDS = range(10)
SHARES_RUNS = pytest.mark.xdist_group("new-lab-runs")
NEW_LABS = ("kmeans", "optimizers", "q-learning")


@cache
def kmeans_run(seed: int = 0, **args) -> km.Run:
    return km.train(km.make_config(seed=seed, **args))


@cache
def optimizer_run(**args) -> op.Run:
    return op.train(op.make_config(**args))


@cache
def cliff_run(seed: int = 0) -> ql.Run:
    return ql.train(ql.make_config(seed=seed))


# -------------------------------------------------------------------------------------------------- kmeans
@pytest.mark.parametrize("init", km.INITS)
@pytest.mark.parametrize("k", [2, 3, 5])
def test_kmeans_inertia_never_increases(init, k):
    for seed in SEEDS:
        inertia = kmeans_run(seed, init=init, k=k).inertia
        assert all(later <= earlier * (1 + 1e-12) for earlier, later in zip(inertia, inertia[1:])), (seed, inertia)


@pytest.mark.parametrize("init", km.INITS)
def test_kmeans_steps_are_the_solvers_and_stop_when_no_point_moves(init):
    step = solvers.SOLVERS["kmeans-step"]
    for seed in SEEDS:
        run = kmeans_run(seed, init=init)
        assert run.converged and run.steps[-1].reassigned == 0 and len(run.steps) < run.config.iters
        assert all(s.reassigned > 0 for s in run.steps[:-1])
        following = [s.centroids for s in run.steps[1:]] + [run.centroids]
        for s, after in zip(run.steps, following):
            result = step(x=run.points, centroids=s.centroids)
            np.testing.assert_array_equal(result.answer["labels"], s.labels)
            np.testing.assert_array_equal(result.answer["centroids"], after)
            assert result.extras["inertia"] == s.inertia
        # converged: each centroid is the mean of its points
        for cluster in range(run.config.k):
            np.testing.assert_allclose(run.centroids[cluster], run.points[run.labels == cluster].mean(axis=0))


def test_kmeans_starts_from_distinct_data_points_and_the_data_ignores_k_and_init():
    for seed in SEEDS:
        runs = [kmeans_run(seed, init=init, k=k) for init in km.INITS for k in (2, 3, 5)]
        for run in runs:
            np.testing.assert_array_equal(run.points, runs[0].points)
            start = run.steps[0].centroids
            assert len({tuple(c) for c in start}) == run.config.k
            assert all((run.points == c).all(axis=1).any() for c in start)


@SHARES_RUNS
def test_kmeans_plus_plus_needs_fewer_steps_and_merges_blobs_no_more_often():
    seeds = range(30)
    runs = {init: [kmeans_run(seed, init=init) for seed in seeds] for init in km.INITS}
    steps = {init: statistics.median(len(r.steps) for r in rs) for init, rs in runs.items()}
    merged = {init: sum(r.merges_blobs() for r in rs) for init, rs in runs.items()}
    # Here: median 5 steps from random points, 3 from kmeans++; 4 and 2 runs of 30 end with two blobs merged.
    assert steps["kmeans++"] < steps["random"], steps
    assert merged["kmeans++"] <= merged["random"], merged
    # A merged run is a local minimum, far above the runs that separate the blobs.
    separated = [r.inertia[-1] for rs in runs.values() for r in rs if not r.merges_blobs()]
    stuck = [r.inertia[-1] for rs in runs.values() for r in rs if r.merges_blobs()]
    assert stuck and min(stuck) > 2 * max(separated)


def test_kmeans_iters_caps_the_steps():
    run = km.train(km.make_config(seed=5, iters=2))
    assert len(run.steps) == 2 and not run.converged
    assert "raise --iters" in " ".join(render.kmeans_notes(run, "en"))


def test_kmeans_same_seed_same_run():
    first, again, other = (km.train(km.make_config(seed=s)).to_dict() for s in (4, 4, 6))
    assert first == again and first != other


# ---------------------------------------------------------------------------------------------- optimizers
@pytest.mark.parametrize("function", op.FUNCTIONS)
def test_gradients_are_the_functions_derivatives(function):
    f = op.FUNCTIONS_BY_NAME[function]
    rng = np.random.default_rng(3)
    for point in rng.uniform(-3, 3, size=(20, 2)):
        numeric = [
            (f.value(point + step) - f.value(point - step)) / 2e-6
            for step in (np.array([1e-6, 0]), np.array([0, 1e-6]))
        ]
        np.testing.assert_allclose(f.gradient(point), numeric, rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(f.gradient(np.array(f.minimum)), [0.0, 0.0])
    assert f.value(np.array(f.minimum)) == 0.0
    for level in f.levels:
        assert np.allclose([f.value(p) for p in f.contour(level)], level)


@pytest.mark.parametrize("function", op.FUNCTIONS)
@pytest.mark.parametrize("lr", [None, 0.05])
def test_paths_are_the_optimizer_step_solvers(function, lr):
    run = optimizer_run(function=function, lr=lr)
    f = run.function
    for path in run.paths:
        grads = np.array([f.gradient(point) for point in path.points[:-1]])
        result = solvers.SOLVERS["optimizer-step"](name=path.optimizer, params=list(f.start), grads=grads, lr=path.lr)
        np.testing.assert_array_equal(result.extras["history"], path.points[1:])
        assert path.lr == (f.rates[path.optimizer] if lr is None else lr)


@pytest.mark.parametrize("lr", [0.1, 0.3, 0.6, 0.95])
def test_sgd_on_the_bowl_scales_each_coordinate_and_zigzags_in_y_above_half(lr):
    path = {p.optimizer: p for p in optimizer_run(lr=lr).paths}["sgd"]
    x, y = path.points[:, 0], path.points[:, 1]
    np.testing.assert_allclose(x[1:], (1 - lr / 10) * x[:-1], rtol=1e-12)
    np.testing.assert_allclose(y[1:], (1 - 2 * lr) * y[:-1], rtol=1e-12)
    flips = render.crossings(path, 1, 0.0)
    assert flips == (path.steps if lr > 0.5 else 0)
    assert render.crossings(path, 0, 0.0) == 0  # along x plain SGD never overshoots at these rates


@pytest.mark.parametrize("function", op.FUNCTIONS)
def test_every_optimizer_descends_at_its_own_rate(function):
    run = optimizer_run(function=function)
    start = run.function.value(np.array(run.function.start))
    for path in run.paths:
        assert path.diverged_at is None and path.steps == 30
        assert path.final_value < start, path.label


@pytest.mark.parametrize("lr", [0.05, 0.1, 0.2])
def test_momentum_overshoots_the_bowls_minimum_where_sgd_and_adagrad_do_not(lr):
    paths = {p.optimizer: p for p in optimizer_run(lr=lr, steps=60).paths}
    assert render.crossings(paths["momentum"], 0, 0.0) > 0
    assert render.crossings(paths["nesterov"], 0, 0.0) <= render.crossings(paths["momentum"], 0, 0.0)
    assert render.crossings(paths["sgd"], 0, 0.0) == render.crossings(paths["adagrad"], 0, 0.0) == 0


def test_adaptive_first_steps_ignore_the_gradients_scale():
    # AdaGrad's first step is η g/(|g| + ε) and Adam's η m̂/(√v̂ + ε): about η along each coordinate, although
    # the bowl's gradient at (−7, 2) is 0.7 along x and 4 along y.
    for lr in (0.1, 0.5, 1.5):
        paths = {p.optimizer: p for p in optimizer_run(lr=lr, steps=1).paths}
        for name in ("adagrad", "adam"):
            np.testing.assert_allclose(np.abs(paths[name].points[1] - paths[name].points[0]), [lr, lr], rtol=1e-6)


def test_a_rate_too_large_diverges_and_stays_valid_json():
    run = op.train(op.make_config(lr=50.0, steps=100))
    diverged = {p.optimizer for p in run.paths if p.diverged_at is not None}
    assert {"sgd", "momentum", "nesterov"} <= diverged
    for path in run.paths:
        # a step that overflows is not kept; one that lands beyond 10⁶ is, as the path's last point
        assert path.steps == 100 if path.diverged_at is None else path.steps in (path.diverged_at - 1, path.diverged_at)
        assert np.isfinite(path.points).all()
    json.dumps(run.to_dict(), allow_nan=False)
    assert "diverged" in " ".join(render.optimizer_notes(run, "en"))


def test_the_learning_rate_option_is_unset_unless_given():
    assert op.make_config().lr is None and checked(OptimizersConfig, {"lr": None}).lr is None
    assert op.make_config(lr=1).lr == 1.0
    with pytest.raises(BadInput, match=r"^--lr must be a number > 0"):
        op.make_config(lr=0)
    assert labs.command_line("optimizers", op.make_config(lr=0.2, function="valley")) == (
        "quiz lab optimizers --function valley --lr 0.2"
    )


# ---------------------------------------------------------------------------------------------- q-learning
def test_the_cliff_world():
    assert ql.move(ql.START, 1) == (ql.START, -100.0, False)  # right from the start: the cliff
    assert ql.move(ql.START, 3) == (ql.START, -1.0, False)  # left: the wall
    assert ql.move(ql.START, 0) == (ql.START - ql.COLS, -1.0, False)
    assert ql.move(ql.GOAL - ql.COLS, 2) == (ql.GOAL, -1.0, True)
    assert sum(ql.is_cliff(s) for s in range(ql.ROWS * ql.COLS)) == 10


def test_greedy_path_stops_at_a_loop():
    q = np.zeros((ql.ROWS * ql.COLS, 4))  # argmax: always up, so the path climbs and bumps the top wall
    path, reaches = ql.greedy_path(q)
    assert not reaches and [ql.cell(s) for s in path] == [(3, 0), (2, 0), (1, 0), (0, 0)]
    q[:, 1] = 1.0  # always right: into the cliff
    assert ql.greedy_path(q) == ([ql.START], False)


@SHARES_RUNS
def test_q_learning_walks_the_edge_and_sarsa_keeps_away_for_most_seeds():
    runs = [cliff_run(seed) for seed in range(5)]
    q_paths = [(r.learners["q-learning"].edge_cells, len(r.learners["q-learning"].path) - 1) for r in runs]
    sarsa_edges = [r.learners["sarsa"].edge_cells for r in runs]
    # Here: Q-learning's path is the 13-step one along the edge for seeds 0–9; SARSA's has no edge cell except
    # for seed 7 (one).
    assert sum(q == (10, 13) for q in q_paths) >= 4, q_paths
    assert sum(edge == 0 for edge in sarsa_edges) >= 4, sarsa_edges


@SHARES_RUNS
def test_sarsa_earns_more_per_episode_while_exploring():
    for seed in range(5):
        q, sarsa = cliff_run(seed).learners["q-learning"], cliff_run(seed).learners["sarsa"]
        # Here: about −40 to −57 for Q-learning against −22 to −36 for SARSA over seeds 0–9.
        assert sarsa.recent(sarsa.rewards) > q.recent(q.rewards), seed
        assert sarsa.falls[-100:].sum() < q.falls[-100:].sum(), seed


@SHARES_RUNS
def test_rewards_and_falls_add_up_and_the_curve_is_a_running_mean():
    learner = cliff_run(0).learners["sarsa"]
    assert (learner.rewards <= -13).all()  # no episode is shorter than the shortest path
    assert ((-learner.rewards - 100 * learner.falls) >= 0).all()
    smoothed = learner.smoothed
    assert smoothed[0] == learner.rewards[0]
    assert smoothed[-1] == pytest.approx(learner.rewards[-ql.WINDOW :].mean())


def test_q_learning_reproduces_and_each_method_has_its_own_stream():
    first, again = (ql.train(ql.make_config(episodes=30, seed=2)).to_dict() for _ in "ab")
    assert first == again
    alone = ql.learn("sarsa", ql.make_config(episodes=30, seed=2), np.random.default_rng(_stream(2, 1)))
    assert alone.rewards.tolist() == first["methods"]["sarsa"]["rewards"]


def _stream(seed: int, index: int) -> np.random.SeedSequence:
    return np.random.SeedSequence(seed).spawn(len(ql.METHODS))[index]


# ------------------------------------------------------------------------------------------ runner and CLI
def invoke(*args, **kwargs):
    return CliRunner().invoke(lab, list(args), catch_exceptions=False, **kwargs)


def test_the_new_labs_are_registered_with_meaningful_estimates():
    assert set(NEW_LABS) <= set(labs.LABS) and set(NEW_LABS) <= set(CONFIGS)
    for name in NEW_LABS:
        estimate = labs.estimate_seconds(name, labs.make_config(name))
        assert 0 < estimate < 5, name
    # Estimates are computed from fixed costs, not timed: these compare numbers, not clocks.
    long = labs.estimate_seconds("optimizers", labs.make_config("optimizers", {"steps": 200}))
    default = labs.estimate_seconds("optimizers", labs.make_config("optimizers"))
    assert long > 10 * default  # quadratic in steps
    many = labs.estimate_seconds("q-learning", labs.make_config("q-learning", {"episodes": 50_000}))
    assert many > labs.QUICK_SECONDS


def test_quick_runs_trim_the_labs_budget(monkeypatch):
    trained = []
    monkeypatch.setattr(ql, "train", lambda config, progress=None: trained.append(config) or "run")
    outcome = labs.run_for_question({"name": "q-learning", "args": {"episodes": 50_000, "seed": 3}}, quick=True)
    assert outcome.full_iters == 50_000
    assert trained[0].episodes < 50_000 and trained[0].seed == 3
    trimmed = labs.estimate_seconds("q-learning", trained[0])  # computed from fixed costs, not timed
    assert trimmed <= labs.QUICK_TARGET_SECONDS


@pytest.mark.parametrize(
    "args, keys",
    [
        (["kmeans", "--k", "4"], {"config", "history", "summary", "centroids", "labels", "points"}),
        (["optimizers", "--function", "valley"], {"config", "function", "optimizers"}),
        (["q-learning", "--episodes", "40"], {"config", "grid", "methods"}),
    ],
)
def test_json_is_pure_complete_and_the_same_in_both_languages(args, keys):
    english = invoke(*args, "--json", "--lang", "en").stdout
    assert invoke(*args, "--json", "--lang", "ja").stdout == english
    document = json.loads(english)
    assert set(document) == keys
    if args[0] == "kmeans":
        assert len(document["centroids"]) == 4 and len(document["labels"]) == len(document["points"]) == 180
        assert len(document["history"]) == document["summary"]["iterations"]
        assert all(isinstance(step["inertia"], float) for step in document["history"])
    elif args[0] == "optimizers":
        assert [o["optimizer"] for o in document["optimizers"]] == list(op.OPTIMIZERS)
        assert all(len(o["path"]) == 31 and o["steps"] == 30 for o in document["optimizers"])
        assert {"final", "final_f", "lr", "diverged_at"} <= set(document["optimizers"][0])
    else:
        assert set(document["methods"]) == {"q-learning", "sarsa"}
        assert len(document["methods"]["sarsa"]["rewards"]) == 40


# Short runs: the screens' layout does not depend on how long they learn.
SCREENS = {
    "kmeans": (
        ["--seed", "5"],
        {"en": ["Steps", "local minimum", "centroid 3"], "ja": ["ステップごとの経過", "局所最小"]},
    ),
    "optimizers": (
        [],
        {
            "en": ["SGD's zigzag", "Nesterov (n)", "Nearest the minimum"],
            "ja": ["SGD のジグザグ", "最小点に最も近づいた"],
        },
    ),
    "q-learning": (
        ["--episodes", "60"],
        {"en": ["greedy path", "Why the paths differ"], "ja": ["貪欲方策の経路", "Q 学習"]},
    ),
}


@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", NEW_LABS)
def test_screens_fit_the_width_in_both_languages(name, lang, width):
    args, expected = SCREENS[name]
    outcome = labs.run(name, _config(name, args), lang=lang)
    console = Console(record=True, width=width, file=io.StringIO())
    console.print(outcome)
    text = console.export_text()
    assert max(cell_len(line) for line in text.splitlines()) <= width
    unbroken = "".join(text.split())  # phrases may wrap at any width
    for phrase in expected[lang]:
        assert "".join(phrase.split()) in unbroken, phrase
    assert ("Summary" in text) == (lang == "en") and ("まとめ" in text) == (lang == "ja")


def _config(name, args):
    values = {key[2:].replace("-", "_"): int(value) for key, value in zip(args[::2], args[1::2])}
    return labs.make_config(name, values)


def test_japanese_charts_keep_their_frames_aligned():
    for name in NEW_LABS:
        args = SCREENS[name][0]
        charts = {lang: invoke(name, *args, "--lang", lang).stdout for lang in ("ja", "en")}
        framed = {
            lang: [cell_len(line) for line in text.splitlines() if line.rstrip().endswith(("│", "┤", "┐", "┘"))]
            for lang, text in charts.items()
        }
        assert framed["ja"] == framed["en"], name


@pytest.mark.parametrize(
    "args",
    [
        ["kmeans", "--k", "0"],
        ["kmeans", "--init", "kmeans||"],
        ["optimizers", "--function", "cubic"],
        ["optimizers", "--steps", "201"],
        ["optimizers", "--lr", "-1"],
        ["q-learning", "--epsilon", "1.5"],
        ["q-learning", "--gamma", "0"],
        ["q-learning", "--episodes", "0"],
    ],
)
def test_bad_options_exit_2_with_one_line(args):
    result = CliRunner().invoke(QuizGroup(commands={"lab": lab}), ["lab", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr


@pytest.mark.parametrize("name", NEW_LABS)
def test_help_has_examples_and_every_setting(name):
    text = invoke(name, "--help").stdout
    assert "Examples:" in text
    for option in settings(CONFIGS[name]):
        assert "--" + option.replace("_", "-") in text


def test_an_interrupted_lab_reports_its_own_total(capsys):
    from quizcli.commands.lab import _train_with_progress

    class Interrupted:  # stands in for quizcli.labs: reports progress once, then Ctrl-C
        @staticmethod
        def run(name, config, progress, lang):
            progress(700, 2 * config.episodes, {"reward": -20.0})
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _train_with_progress(Interrupted, "q-learning", ql.make_config(), Console(file=io.StringIO()), "en")
    assert capsys.readouterr().err == "stopped after 700 of 1,000 iterations\n"


@pytest.mark.parametrize("name", NEW_LABS)
def test_progress_reaches_its_total(name):
    calls = []
    labs.run(name, _config(name, SCREENS[name][0]), lambda done, total, metrics: calls.append((done, total)))
    done, total = calls[-1]
    assert all(t == total for _, t in calls)
    assert done == total or name == "kmeans"  # k-means stops as soon as no point moves
