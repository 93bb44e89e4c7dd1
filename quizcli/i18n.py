"""Every string the interface shows, in Japanese and English. Both catalogues have the same keys (a test checks)."""

from __future__ import annotations

import locale
import os

LANGS = ("ja", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "ja": {
        "prompt": "答え> ",
        "text_prompt": "あなたの答え> ",
        "self_rate": "自己評価 1=もう一度 2=難しい 3=できた 4=簡単> ",
        "commands": "?=ヒント s=スキップ e=解説 u=取り消し r N=評価変更 q=終了",
        "empty": "答えを入力してください（? でヒント、s でスキップ、q で終了）。",
        "too_long": "答えが長すぎます（{limit} 文字まで）。",
        "choice": "1〜{count} の番号か a〜 の記号で答えてください（複数なら 1,3）。",
        "number": "数値で答えてください（例: 0.25, -3, 1/4）。",
        "finite": "有限の数値で答えてください。",
        "shape": "サイズは 3x3、3×3、(3, 3) のように答えてください。",
        "rating_range": "評価は 1〜4 で入力してください。",
        "correct": "✓ 正解",
        "wrong": "✗ 不正解",
        "answer_is": "正解: {answer}",
        "rated": "評価: {rating}（r 1〜r 4 で変更）",
        "rerated": "評価を {rating} に変更しました。",
        "undone": "直前の回答を取り消しました。もう一度出題します。",
        "nothing_to_undo": "取り消せる回答はありません。",
        "nothing_to_explain": "まだ解説できる回答がありません。先に答えてください。",
        "no_hint": "この問題にヒントはありません。",
        "skipped": "スキップしました。",
        "model_answer": "模範解答",
        "keywords": "キーワード",
        "summary": "{answered} 問に回答、正解 {correct} 問（スキップ {skipped}）。記録は保存済みです。",
        "nothing_due": "今は出題できる問題がありません。",
        "broken_question": "この問題は読み込めないので飛ばします（quiz validate で確認してください）: {error}",
        "exam_header": "模擬試験 残り {remaining}",
        "exam_over": "時間切れです。",
        "exam_report": "模擬試験の結果",
        "area": "分野",
        "score": "正答",
        "time_used": "所要時間 {used} / 制限 {limit}",
        "finish": "Enter で終了（r N で評価変更、e で解説）> ",
        "edited": "前回から問題文が更新されています",
        "Again": "もう一度", "Hard": "難しい", "Good": "できた", "Easy": "簡単",
        "new": "新規", "due": "復習",
        "stats_title": "学習の記録",
        "reviews_total": "回答数の合計",
        "due_now": "今すぐ復習",
        "due_today": "今日中",
        "due_week": "今週中",
        "retention": "推定記憶保持率",
        "streak": "連続学習日数",
        "per_day": "日別の回答数（直近 14 日）",
        "accuracy": "正答率",
        "answered": "回答",
        "no_reviews": "まだ記録がありません。quiz start で始めましょう。",
        "list_title": "全 {count} 問",
        "topic": "トピック",
        "total": "合計",
        "kind_choice": "選択", "kind_numeric": "数値", "kind_shape": "サイズ", "kind_code-choice": "コード",
        "kind_text": "記述",
    },
    "en": {
        "prompt": "answer> ",
        "text_prompt": "your answer> ",
        "self_rate": "rate yourself 1=again 2=hard 3=good 4=easy> ",
        "commands": "?=hint s=skip e=explain u=undo r N=change rating q=quit",
        "empty": "Type an answer (? for a hint, s to skip, q to quit).",
        "too_long": "That answer is too long (at most {limit} characters).",
        "choice": "Answer with an option number 1–{count} or letter a–… (several: 1,3).",
        "number": "Answer with a number (e.g. 0.25, -3, 1/4).",
        "finite": "Answer with a finite number.",
        "shape": "Give a size like 3x3, 3×3 or (3, 3).",
        "rating_range": "A rating is 1 to 4.",
        "correct": "✓ correct",
        "wrong": "✗ wrong",
        "answer_is": "answer: {answer}",
        "rated": "rated {rating} (r 1 … r 4 to change)",
        "rerated": "Rating changed to {rating}.",
        "undone": "Last answer undone; here it is again.",
        "nothing_to_undo": "Nothing to undo.",
        "nothing_to_explain": "Nothing answered yet to explain; answer first.",
        "no_hint": "No hint for this question.",
        "skipped": "Skipped.",
        "model_answer": "model answer",
        "keywords": "keywords",
        "summary": "{answered} answered, {correct} correct ({skipped} skipped). Progress is saved.",
        "nothing_due": "Nothing to study right now.",
        "broken_question": "Skipping a question that cannot be built (quiz validate says more): {error}",
        "exam_header": "mock exam, {remaining} left",
        "exam_over": "Time is up.",
        "exam_report": "Mock exam results",
        "area": "area",
        "score": "correct",
        "time_used": "time used {used} of {limit}",
        "finish": "Enter to finish (r N to change the rating, e to explain)> ",
        "edited": "this question was edited since your last review",
        "Again": "again", "Hard": "hard", "Good": "good", "Easy": "easy",
        "new": "new", "due": "review",
        "stats_title": "Your progress",
        "reviews_total": "answers recorded",
        "due_now": "due now",
        "due_today": "due today",
        "due_week": "due this week",
        "retention": "estimated retention",
        "streak": "day streak",
        "per_day": "answers per day (last 14 days)",
        "accuracy": "accuracy",
        "answered": "answered",
        "no_reviews": "Nothing recorded yet: start with quiz start.",
        "list_title": "{count} questions",
        "topic": "topic",
        "total": "total",
        "kind_choice": "choice", "kind_numeric": "numeric", "kind_shape": "shape", "kind_code-choice": "code-choice",
        "kind_text": "text",
    },
}


def resolve_lang(explicit: str | None = None) -> str:
    """--lang, else QUIZ_LANG, else the locale (ja_* → Japanese), else English."""
    for candidate in (explicit, os.environ.get("QUIZ_LANG")):
        if candidate in LANGS:
            return candidate
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            return "ja" if value.lower().startswith("ja") else "en"
    code = locale.getlocale()[0] or ""
    return "ja" if code.lower().startswith("ja") else "en"


def t(lang: str, key: str, **values: object) -> str:
    return MESSAGES[lang][key].format(**values)
