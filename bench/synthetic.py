"""A synthetic bank of 5,000 questions and a history of 200,000 reviews, for the start-up and scale budgets.

The bank is 25 files of 200 questions (``write_bank(folder, files=100)`` makes 20,000) in the shipped banks'
proportions: 60 % multiple choice, 28 % drills with
drawn variants (numeric and shape, with array draws, picks and constraints), 6 % code-choice (half with drawn
inputs and setup code), 4 % free text, 2 % fixed numeric. The history fills a database made by
``quizcli.study.store.open_store``: a card for every question (FSRS state, a due date, the question's content hash)
and 200,000 reviews over 400 days, in sessions of 30.

Run ``uv run python bench/synthetic.py DIR [--files N] [--reviews N]`` to write DIR/bank and DIR/home.
"""

from __future__ import annotations

import json
import random
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

FILES = 25
PER_FILE = 200
REVIEWS = 200_000
DAYS = 400
TOPICS = ["cnn", "rnn", "lstm", "gru", "attention", "seq2seq", "transformer", "detection", "segmentation", "rl"]
# Each topic's syllabus section (content/syllabus.yaml), which every question must name.
SECTIONS = {
    "cnn": "cnn",
    "rnn": "rnn",
    "lstm": "rnn",
    "gru": "rnn",
    "attention": "transformer",
    "seq2seq": "nlp",
    "transformer": "transformer",
    "detection": "object-detection",
    "segmentation": "segmentation",
    "rl": "deep-rl",
}
LONG_JA = (
    "この問題では、順伝播で求めた中間値を使って逆伝播の勾配を計算する。式を一つずつ確かめ、"
    "形と数値の両方が合っているかを確認すること。"
)
LONG_EN = (
    "Work through the forward pass first, keep its intermediate values, and use them in the backward pass; "
    "check both the shape and the numbers at each step."
)


def _header(source: str, kind: str, difficulty: int) -> str:
    """The fields every synthetic question starts with; {id} and {topic} are filled per question."""
    return (
        f"  - id: {{id}}\n    topic: {{topic}}\n    section: {{section}}\n    tags: [{{topic}}]\n    source: {source}\n"
        f"    kind: {kind}\n"
        f"    difficulty: {difficulty}\n"
    )


CHOICE = (
    _header("確認テスト", "choice", 1)
    + """\
    prompt:
      ja: "問 {n}: 不要になった記憶を消す働きをもつゲートはどれか。{long_ja}"
      en: "Q{n}: which gate erases memory that is no longer needed? {long_en}"
    hint: {{ja: 名前の通りのゲート。, en: The gate is named for what it does.}}
    options:
      - text: {{ja: 忘却ゲート, en: forget gate}}
        correct: true
        why: {{ja: 過去のセルに掛かる。, en: It multiplies the previous cell.}}
      - text: {{ja: 入力ゲート, en: input gate}}
      - text: {{ja: 出力ゲート, en: output gate}}
      - text: {{ja: リセットゲート（GRU）, en: reset gate (GRU)}}
    explanation:
      ja: "忘却ゲートの出力が前の時刻のセルに掛かり、不要な記憶を減衰させる。{long_ja}"
      en: "The forget gate's output multiplies the previous cell state and fades what is no longer needed. {long_en}"
"""
)

TEXT = (
    _header("確認テスト", "text", 1)
    + """\
    prompt: {{ja: "問 {n}: RNN の 3 つ目の重みは？", en: "Q{n}: what is the third weight of an RNN?"}}
    model_answer: {{ja: 中間層から中間層への重み, en: the hidden-to-hidden weight}}
    keywords: {{ja: [中間層から中間層], en: [hidden-to-hidden]}}
    explanation: {{ja: "前の時刻の状態を渡す。{long_ja}", en: "It carries the previous state. {long_en}"}}
"""
)

CHAIN_RULE = (
    _header("drill", "numeric", 1)
    + """\
    solver: chain-rule
    params: {{x: 1, y: 2}}
    variants:
      params:
        x: {{int: [-20, 20]}}
        y: {{int: [-20, 20]}}
    prompt:
      ja: "z = t², t = x + y, x = {{{{x}}}}, y = {{{{y}}}} のとき dz/dx は？"
      en: "z = t², t = x + y, x = {{{{x}}}}, y = {{{{y}}}}: dz/dx?"
    explanation: {{ja: "2(x + y)。{long_ja}", en: "2(x + y). {long_en}"}}
"""
)

SOFTMAX = (
    _header("drill", "numeric", 1)
    + """\
    solver: softmax
    params:
      x: [1.0, 2.0, 3.0, 0.5]
    pick: softmax.0
    tolerance: {{abs: 0.0005}}
    variants:
      params:
        x: {{array: [-2, 3], shape: [4], decimals: 1}}
    prompt:
      ja: "スコア $e$ = {{{{x}}}} の softmax のうち 1 番目の値を小数第 3 位まで答えよ。"
      en: "Give the first entry of the softmax of the scores $e$ = {{{{x}}}} to 3 decimals."
    explanation: {{ja: "指数をとって和で割る。{long_ja}", en: "Exponentiate and divide by the sum. {long_en}"}}
"""
)

CONV2D = (
    _header("drill", "numeric", 2)
    + """\
    solver: conv2d
    params:
      input: [[[1, 2, 0], [3, -1, 2], [0, 1, 1]]]
      weight: [[[[1, 0], [-1, 2]]]]
    pick: output.0.1.0
    variants:
      params:
        input: {{array: [-3, 3], shape: [1, 3, 3], decimals: 0}}
        weight: {{array: [-2, 2], shape: [1, 1, 2, 2], decimals: 0}}
    prompt:
      ja: "3×3 入力 {{{{input.0}}}} を 2×2 フィルタ {{{{weight.0.0}}}} で畳み込む。出力の 2 行 1 列目は？"
      en: "The 3×3 input {{{{input.0}}}} is convolved with the 2×2 filter {{{{weight.0.0}}}}. Output row 2, column 1?"
    explanation: {{ja: "要素ごとの積の和。{long_ja}", en: "The sum of element-wise products. {long_en}"}}
"""
)

CONV_OUTPUT = (
    _header("drill", "shape", 1)
    + """\
    solver: conv-output
    params: {{input: [31, 23], kernel: 3, stride: 2, padding: 1}}
    variants:
      params:
        input: {{array: [4, 64], shape: [2], decimals: 0}}
        kernel: {{choice: [1, 2, 3, 5, 7]}}
        stride: {{int: [1, 3]}}
        padding: {{int: [0, 3]}}
      constraints:
        - "(input[0] + 2 * padding - kernel) % stride == 0"
        - "(input[1] + 2 * padding - kernel) % stride == 0"
        - "input[0] + 2 * padding >= kernel and input[1] + 2 * padding >= kernel"
    prompt:
      ja: >-
        {{{{input.0}}}}×{{{{input.1}}}} の入力、{{{{kernel}}}}×{{{{kernel}}}} フィルタ、
        ストライド {{{{stride}}}}、パディング {{{{padding}}}} の出力サイズは？
      en: >-
        {{{{input.0}}}}×{{{{input.1}}}} input, {{{{kernel}}}}×{{{{kernel}}}} filter,
        stride {{{{stride}}}}, padding {{{{padding}}}}: output size?
    explanation: {{ja: "O = (H + 2P − F)/S + 1。{long_ja}", en: "O = (H + 2P − F)/S + 1. {long_en}"}}
"""
)

FIXED_SHAPE = (
    _header("確認テスト", "shape", 1)
    + """\
    solver: conv-output
    params: {{input: [5, 5], kernel: 3, stride: 2, padding: 1}}
    prompt:
      ja: 5×5、3×3、ストライド 2、パディング 1 の出力サイズは？
      en: "5×5 input, 3×3 filter, stride 2, padding 1: output size?"
    explanation: {{ja: "(5 + 2 − 3)/2 + 1 = 3。{long_ja}", en: "(5 + 2 − 3)/2 + 1 = 3. {long_en}"}}
"""
)

CODE = (
    _header("演習チャレンジ", "code-choice", 2)
    + """\
    solver: gradient-clipping
    inputs: {{grad: [3.0, 4.0], threshold: 2.0}}
    setup: {{gradient: grad, norm: np.linalg.norm(grad), rate: threshold / norm}}
    params: {{grad: $grad, threshold: $threshold}}
{variants}    options:
      - code: gradient * rate
        correct: true
      - code: gradient / norm
      - code: gradient - rate
    prompt:
      ja: "rate < 1 のとき返す値は？（勾配 {{{{grad}}}}、閾値 {{{{threshold}}}}）"
      en: "What is returned when rate < 1? (gradient {{{{grad}}}}, threshold {{{{threshold}}}})"
    explanation: {{ja: "勾配に rate を掛ける。{long_ja}", en: "Multiply the gradient by rate. {long_en}"}}
"""
)
CODE_VARIANTS = """\
    variants:
      inputs:
        grad: {array: [-6, 6], shape: [2], decimals: 1}
        threshold: {float: [0.5, 3.0], decimals: 1}
      constraints:
        - "np.linalg.norm(grad) > threshold + 0.5"
        - "threshold != 1"
"""

# (template, how many of each 200-question file, extra fields)
MIX = [
    (CHOICE, 120, {}),
    (TEXT, 8, {}),
    (CHAIN_RULE, 14, {}),
    (SOFTMAX, 14, {}),
    (CONV2D, 14, {}),
    (CONV_OUTPUT, 14, {}),
    (CODE, 6, {"variants": CODE_VARIANTS}),
    (CODE, 6, {"variants": ""}),
    (FIXED_SHAPE, 4, {}),
]
assert sum(count for _, count, _ in MIX) == PER_FILE


def write_bank(folder: Path, files: int = FILES) -> int:
    """``files`` bank files of PER_FILE questions each under ``folder``; the number of questions written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for number in range(files):
        topic = TOPICS[number % len(TOPICS)]
        parts = [
            "format_version: 1\n",
            f"description: Synthetic bank {number} for the scale budgets.\n",
            "questions:\n",
        ]
        for kind, (template, count, extra) in enumerate(MIX):
            for index in range(count):
                written += 1
                parts.append(
                    template.format(
                        id=f"syn{number:02d}-{kind}-{index:03d}",
                        topic=topic,
                        section=SECTIONS[topic],
                        n=written,
                        long_ja=LONG_JA,
                        long_en=LONG_EN,
                        **extra,
                    )
                )
        (folder / f"synthetic-{number:02d}.yaml").write_text("".join(parts), encoding="utf-8")
    return written


def write_history(home: Path, bank: Path, reviews: int = REVIEWS, seed: int = 9) -> None:
    """A database made by quiz itself, then filled directly: a card per question and ``reviews`` reviews."""
    import os

    os.environ["QUIZ_HOME"] = str(home)  # the bank cache of load_catalog goes there too
    from quizcli.bank.catalog import load_catalog
    from quizcli.clock import iso
    from quizcli.study.session import area_of, content_hash
    from quizcli.study.store import open_store

    questions = list(load_catalog([bank]).questions.values())
    open_store(home).close()
    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    with closing(sqlite3.connect(home / "quiz.db")) as db, db:
        db.executemany(
            "INSERT INTO cards (question_id, card, due, content_hash) VALUES (?, ?, ?, ?)",
            [_card(q, i, now, rng, content_hash(q), iso) for i, q in enumerate(questions)],
        )
        sessions = []
        for start in range(0, reviews, 30):
            started = now - timedelta(days=DAYS * (1 - start / reviews), minutes=rng.randrange(600))
            sessions.append(
                (
                    len(sessions) + 1,
                    iso(started),
                    iso(started + timedelta(minutes=20)),
                    "review",
                    min(30, reviews - start),
                )
            )
        db.executemany(
            "INSERT INTO sessions (id, started_at, ended_at, mode, planned) VALUES (?, ?, ?, ?, ?)", sessions
        )
        db.executemany(
            "INSERT INTO reviews (session_id, question_id, reviewed_at, rating, correct, answer, duration_ms, seed,"
            " area, mode, card_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_review(i, rng.choice(questions), sessions[i // 30], rng, area_of, iso) for i in range(reviews)),
        )
    with closing(sqlite3.connect(home / "quiz.db")) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _card(question, index, now, rng, digest, iso):
    stability = rng.uniform(0.5, 120)
    due = now + timedelta(days=rng.uniform(-20, 60))  # about a quarter due now
    card = {
        "card_id": index + 1,
        "state": 2,
        "step": None,
        "stability": stability,
        "difficulty": rng.uniform(1, 10),
        "due": due.isoformat(),
        "last_review": (due - timedelta(days=stability)).isoformat(),
    }
    return question.id, json.dumps(card), iso(due), digest


def _review(index, question, session, rng, area_of, iso):
    session_id, started = session[0], datetime.strptime(session[1], "%Y-%m-%dT%H:%M:%S.%fZ")
    at = started.replace(tzinfo=timezone.utc) + timedelta(seconds=40 * (index % 30))
    rating = rng.choice([1, 3, 3, 3, 4])
    correct = None if question.kind == "text" else int(rating > 1)
    return (
        session_id,
        question.id,
        iso(at),
        rating,
        correct,
        "1",
        rng.randrange(2_000, 60_000),
        rng.randrange(2**31) if "variants" in question.spec else None,
        area_of(question),
        "review",
        None,
    )


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--files", type=int, default=FILES, help=f"bank files of {PER_FILE} questions")
    parser.add_argument("--reviews", type=int, default=REVIEWS)
    args = parser.parse_args()
    count = write_bank(args.target / "bank", args.files)
    write_history(args.target / "home", args.target / "bank", reviews=args.reviews)
    print(
        f"{count} questions in {args.files} files under {args.target / 'bank'}; "
        f"{args.reviews:,} reviews in {args.target / 'home'}"
    )


if __name__ == "__main__":
    main()
