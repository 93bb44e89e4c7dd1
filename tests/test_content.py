"""The shipped question bank: complete, bilingual, every contract solver drilled, every seed item present."""

import json
import re
from pathlib import Path

import pytest

from quizcli.bank.catalog import load_catalog
from quizcli.bank.validate import check_question

ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog()
SEED_IDS = [
    "conv-output-size-review",
    "rnn-three-weights",
    "recursive-nn-concatenate",
    "chain-rule-dzdx",
    "rnn-y1-formula",
    "bptt-delta-t",
    "sigmoid-derivative-max",
    "gradient-clipping",
    "lstm-forget-gate-sentence",
    "lstm-cell-update",
    "lstm-impl-next-state",
    "lstm-cec-problems",
    "gru-update",
    "lstm-vs-gru",
    "birnn-concat",
    "seq2seq-choice",
    "seq2seq-embedding",
    "hred-vhred",
    "vae-blank",
    "rnn-vs-word2vec-attention",
    "rnn-try-hyperparams",
    "rnn-try-weight-init",
    "rnn-try-activation",
    "sin-try-iters-100",
    "sin-try-maxlen-5",
]
CONTRACT_SOLVERS = [
    "conv-output",
    "pool-output",
    "transposed-conv-output",
    "conv2d",
    "receptive-field",
    "activation",
    "softmax",
    "sigmoid-derivative-max",
    "chain-rule",
    "gradient-clipping",
    "rnn-cell",
    "rnn-bptt",
    "lstm-cell",
    "lstm-cell-update",
    "gru-cell",
    "gru-update",
    "birnn-concat",
    "attention",
    "iou",
    "nms",
    "ssd-box-count",
    "ssd-decode",
    "precision-recall",
    "average-precision",
    "map",
    "mobilenet-cost",
    "densenet-channels",
    "perplexity",
    "init-std",
]


def test_at_least_150_questions_with_both_languages(run_quiz):
    listing = json.loads(run_quiz("list", "--json").stdout)
    assert len(listing) >= 150
    assert all(entry["langs"] == ["ja", "en"] for entry in listing)
    for question in CATALOG.questions.values():
        for field in ("prompt", "explanation"):
            assert question.spec[field]["ja"].strip() and question.spec[field]["en"].strip()


def test_every_seed_item_is_in_the_bank(run_quiz):
    ids = {entry["id"] for entry in json.loads(run_quiz("list", "--json").stdout)}
    assert [qid for qid in SEED_IDS if qid not in ids] == []


def test_every_contract_solver_is_used_by_a_question(run_quiz):
    used = {entry["solver"] for entry in json.loads(run_quiz("list", "--json").stdout)}
    assert [name for name in CONTRACT_SOLVERS if name not in used] == []


def test_code_fill_in_items_have_four_options():
    for qid in (
        "recursive-nn-concatenate",
        "bptt-delta-t",
        "gradient-clipping",
        "lstm-cell-update",
        "gru-update",
        "birnn-concat",
        "seq2seq-embedding",
    ):
        question = CATALOG.questions[qid]
        assert question.kind == "code-choice" and len(question.spec["options"]) == 4, qid


DRILLS = sorted(q.id for q in CATALOG.questions.values() if "variants" in q.spec)


@pytest.mark.parametrize("qid", DRILLS)
def test_every_variants_block_yields_50_distinct_valid_draws(qid):
    assert check_question(CATALOG.questions[qid]) == []


def test_japanese_prompts_are_written_in_japanese():
    kana = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    for question in CATALOG.questions.values():
        assert kana.search(question.spec["prompt"]["ja"]), question.id
        assert question.spec["prompt"]["en"] != question.spec["prompt"]["ja"], question.id


def test_the_nms_drill_mostly_suppresses_a_box():
    """NMS is interesting only when boxes overlap: most draws of the drill must suppress at least one box, or it
    turns into "sort by score"."""
    from quizcli.bank.instances import instantiate

    question = CATALOG.questions["nms-kept-drill"]
    draws = [instantiate(question, seed) for seed in range(60)]
    suppressing = [d for d in draws if len(d.answer) < len(d.params["boxes"])]
    assert len(suppressing) >= 0.8 * len(draws)
