"""Every string the interface shows, in Japanese and English. Both catalogues have the same keys (a test checks).

The bank-authoring tool's messages (:data:`AUTHOR_MESSAGES`) are English only.
"""

from __future__ import annotations

import locale
import os

LANGS = ("ja", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "ja": {
        "prompt": "答え> ",
        "text_prompt": "あなたの答え> ",
        "self_rate": "自己評価 1=もう一度 2=難しい 3=できた 4=簡単（q=終了）> ",
        "commands": "?=ヒント s=スキップ e=解説 c=コード u=取り消し r N=評価変更 q=終了",
        "empty": "答えを入力してください（? でヒント、s でスキップ、q で終了）。",
        "too_long": "答えが長すぎます（{limit} 文字まで）。",
        "choice": "1〜{count} の番号か a〜{last} の記号で答えてください（複数なら 1,3）。",
        "number": "数値で答えてください（例: 0.25, -3, 1/4）。",
        "finite": "有限の数値で答えてください。",
        "shape": "サイズは 3x3、3×3、(3, 3) のように答えてください。",
        "rating_range": "評価は 1〜4 で入力してください。",
        "correct": "✓ 正解",
        "wrong": "✗ 不正解",
        "answer_label": "正解:",
        "rated": "評価: {rating}（r 1〜r 4 で変更）",
        "rerated": "評価を「{rating}」に変更しました。",
        "undone": "直前の回答を取り消しました。もう一度出題します。",
        "nothing_to_undo": "取り消せる回答はありません。",
        "nothing_to_rerate": "評価を変更できる回答はまだありません。",
        "no_code": "直前の問題には、計算したコードがありません。",
        "code_behind_key": "c で計算したコード（{solver}）を表示",
        "seed": "シード {seed}",
        "nothing_to_explain": "まだ回答がありません。先に答えてください。",
        "no_hint": "この問題にヒントはありません。",
        "skipped": "スキップしました。",
        "model_answer": "模範解答",
        "keywords": "キーワード",
        "summary": "{answered} 問に回答、正解 {correct} 問（スキップ {skipped}）。記録は保存済みです。",
        "nothing_due": "今は出題できる問題がありません。",
        "unknown_topic": "トピック「{name}」の問題はありません{close}。トピック: {known}",
        "unknown_tag": "タグ「{name}」の付いた問題はありません{close}。タグ: {known}",
        "did_you_mean": "（もしかして {close}？）",
        "no_match": "{selection} に当てはまる問題はありません",
        "no_drills": "{selection} にはドリルがありません（概念問題が {count} 問あります）",
        "selection_topic": "トピック {topic}",
        "selection_tag": "タグ {tag}",
        "separator": "、",
        "broken_question": "この問題は読み込めないので飛ばします（quiz validate で確認してください）: {error}",
        "exam_header": "模擬試験 残り {remaining}",
        "exam_over": "時間切れです。",
        "exam_report": "模擬試験の結果",
        "score": "正答",
        "time_used": "所要時間 {used} / 制限 {limit}",
        "exam_commands": "s=スキップ g N=N 問目へ l=一覧 q=提出（採点と解説は提出後）",
        "exam_prompt": "{number}/{total} 残り {remaining} 答え> ",
        "exam_refused": "模擬試験中はヒント・解説・取り消し・評価変更は使えません（結果は提出後）。",
        "exam_empty": "答えを入力してください（s でスキップ、l で一覧、q で提出）。",
        "exam_go_to_range": "問題番号は 1〜{total} です（例: g 3）。",
        "exam_your_answer": "今の回答: {answer}（答え直すと置き換わります）",
        "exam_list_title": "見直し: 回答済 {answered}/{total}（● 回答済 ○ 未回答）残り {remaining}",
        "exam_unanswered": "未回答: {numbers}（g N で N 問目へ）",
        "exam_review_left": "未回答 {count} 問。Enter=未回答の問題へ g N=N 問目へ q=提出> ",
        "exam_review_done": "すべて回答しました。Enter=提出 g N=N 問目へ> ",
        "exam_review_keys": "Enter、g N、l、q のどれかを入力してください。",
        "error": "エラー: {message}",
        "interrupted": "中断しました",
        "exam_interrupted": "模擬試験を中断しました。回答 {answered} 問は保存済み、採点と復習予定はなし。",
        "exam_score": "得点 {right}/{total}（{percent:.0f}%）",
        "exam_pass_line": "合格ライン {mark}%: {verdict}",
        "exam_passed": "合格",
        "exam_failed": "不合格",
        "exam_to_review": "見直す問題 {count} 問（quiz explain で解説）:",
        "exam_status_wrong": "不正解",
        "exam_status_skipped": "未回答",
        "exam_status_timed_out": "時間切れ",
        "exam_status_unseen": "未到達",
        "exams_title": "模擬試験の履歴",
        "exam_date": "日時",
        "exam_time": "時間",
        "exam_state": "結果",
        "exam_state_submitted": "提出",
        "exam_state_interrupted": "中断",
        "exam_state_open": "未完了",
        "finish": "Enter で終了（r N で評価変更、e で解説）> ",
        "edited": "前回から問題文が更新されています",
        "Again": "もう一度",
        "Hard": "難しい",
        "Good": "できた",
        "Easy": "簡単",
        "new": "新規",
        "due": "復習",
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
        # quiz lab: the progress line, the chart, the tables and what to read from them
        "lab_stopped": "{total:,} 回中 {done:,} 回で中断しました",
        "lab_progress_loss": "損失 {value:.4f}",
        "lab_progress_accuracy": "正解率 {value:.0%}",
        "lab_progress_grad_norm": "‖∇‖ {value:.3g}",
        "lab_progress_train_loss": "訓練損失 {value:.3g}",
        "lab_quick_run": "短縮実行: 約 {seconds:.0f} 秒で終わるよう、{full_iters:,} 回中 {iters:,} 回だけ学習しました。"
        "全体の実行: {command}",
        "lab_summary": "まとめ",
        "lab_iteration": "{iteration:,} 回目",
        "lab_binary_heading": "rnn-binary-addition: 中間層 {hidden}、lr {lr:g}、初期化 {init}、{activation}、{bias}、"
        "{sequences:,} 系列、seed {seed}",
        "lab_with_bias": "バイアスあり",
        "lab_no_bias": "バイアスなし",
        "lab_loss": "損失",
        "lab_loss_title": "系列ごとの損失（直近 500 系列の平均、対数目盛）",
        "lab_sequences_trained": "学習した系列数",
        "lab_samples_title": "足し算の例（学習後）",
        "lab_predicted": "予測",
        "lab_true": "正解",
        "lab_not_converged_within": "{iters:,} 回以内には収束せず",
        "lab_converged": "収束（直近 500 系列がすべて正解）",
        "lab_final_loss": "最終損失（直近 500 系列の平均）",
        "lab_final_accuracy": "最終正解率（直近 500 系列）",
        "lab_max_grad_norm": "勾配ノルムの最大値",
        "lab_overflowed_at": "オーバーフロー（inf/NaN）",
        "lab_note_exploding": (
            "収束しませんでした。勾配ノルムが {norm} に達しています（収束する sigmoid の実行では 10 前後）。"
            "勾配爆発です。ReLU には上限がないため、再帰の重みが活性と勾配にステップごとに掛かり続けて"
            "更新が発散し、ネットワークは死んだユニットや飽和したユニットを抱えたまま動けなくなります。"
            "--lr を小さくする（ReLU なら 0.05 でたいてい学習します）か、勾配クリッピングで抑えられます。"
        ),
        "lab_note_not_converged": (
            "{sequences:,} 系列では収束しませんでした。学習できるか、どれだけ速く学習するかは、設定だけでなく seed "
            "にも左右されます（初期重みが大きいと sigmoid が飽和して σ′ ≈ 0 となり、抜け出せない乱数もあります）。"
            "--iters を増やすか、別の --seed を試してください。"
        ),
        "lab_note_bias_floor": (
            "バイアスなしの下限: 最下位ビットが両方 0 のとき、最初のステップは x = (0, 0)、z = 0 なので u = 0 となり、"
            "重みによらず y = σ(0) = 0.5 です。{activation}（f(0) = 0）では損失に 0.03〜0.05 ほどの下限が残りますが、"
            "np.round(0.5) = 0 は正しいビットなので、正解率は 100 % に達し得ます。--bias で下限はなくなります。"
        ),
        "lab_sin_heading": "predict-sin: 中間層 {hidden} の {cell}、maxlen {maxlen}、訓練ウィンドウを {passes}、"
        "seed {seed}",
        "lab_pass": "{iters:,} 周",
        "lab_passes": "{iters:,} 周",
        "lab_true_sin": "真の sin",
        "lab_generated": "生成",
        "lab_generation_title": "予測を入力に戻す生成: 最初の真値 {maxlen} 個から {steps} ステップ",
        "lab_test_loss": "1 ステップ予測のテスト損失、½(y − d)² の平均",
        "lab_one_step_rmse": "1 ステップ予測の RMSE（入力は真値）",
        "lab_generation_rmse": "生成の RMSE（{steps} ステップ）",
        "lab_error_after_step": "{steps} ステップ後の |誤差|",
        "lab_error_after_steps": "{steps} ステップ後の |誤差|",
        "lab_diverged": "学習が発散しました。予測値が有限ではありません。",
        "lab_untrained": "1 ステップ予測そのものがまだ粗いです（RMSE が 0.05 超）。--iters で長く学習させてください。",
        "lab_sin_note": (
            "2 つの数値が違う理由: テスト損失は真値のウィンドウから出した予測を 1 つずつ採点するので、1 ステップ分しか"
            "測りません（RMSE {one_step}）。生成では予測を毎回入力に戻すため、小さな誤差が次のウィンドウをずらします。"
            "モデルは真値のウィンドウでしか学習していないので、誤差は積み重なります。この実行では生成の RMSE が"
            " 1 ステップ予測の RMSE の {ratio:,.0f} 倍です。1 ステップの損失が小さくても、"
            "生成がうまくいくとは限りません。生成した曲線そのもので判断してください。"
        ),
        # quiz lab kmeans, optimizers, q-learning
        "lab_progress_inertia": "J {value:,.1f}",
        "lab_progress_reward": "報酬 {value:,.0f}",
        "lab_kmeans_heading": "kmeans: k = {k}、初期化 {init}、{blobs} つのガウス分布の塊から {points} 点、seed {seed}",
        "lab_inertia": "J",
        "lab_inertia_title": "各ステップのクラスタ内平方和 J = Σ‖x − μ‖²",
        "lab_lloyd_step": "Lloyd 法のステップ",
        "lab_kmeans_title": "{steps} ステップ後のクラスタ（数字: 重心、点線: 重心の軌跡）",
        "lab_kmeans_xlabel": "o x + …: クラスタ 1, 2, 3 … の点",
        "lab_kmeans_steps_title": "ステップごとの経過",
        "lab_step": "ステップ",
        "lab_reassigned": "所属が変わった点",
        "lab_kmeans_stopped": "終了",
        "lab_kmeans_converged": "{steps} ステップ目（所属の変わる点がなくなった）",
        "lab_final_inertia": "最終的な J",
        "lab_centroid": "重心 {cluster}（{marker}）",
        "lab_centroid_value": "{point}、{members} 点",
        "lab_note_kmeans_monotone": (
            "J が増えない理由: 各ステップではまず各点を最も近い重心に割り当て直し（J は下がるか変わらない）、"
            "次に各重心をその点の平均に移します（その割り当てのもとで J を最小にする位置）。"
            "どちらも J を上げないので、所属の変わる点がなくなったところで止まります。そこは局所最小であって、"
            "最良の解とは限りません。"
        ),
        "lab_note_kmeans_local": (
            "この実行は塊を分けられない局所最小で止まりました。1 つのクラスタが 2 つの塊の大半を抱え、別の塊が 2 つに"
            "割れています（J = {inertia}。塊を正しく分けた実行では 500 前後）。Lloyd 法は --init {init} が置いた"
            "初期重心から坂を下るだけです。{advice}"
        ),
        "lab_kmeans_try_plusplus": "重心を散らして置く --init kmeans++ か、別の --seed を試してください。",
        "lab_kmeans_try_seed": "k-means++ でもこうなることはあります。別の --seed を試してください。",
        "lab_note_kmeans_k": (
            "k = {k} ですが、データの塊は {blobs} つです。クラスタを増やせば点により近く当てはめられるので、J だけでは"
            " k を選べません。エルボー法は、k を増やしても J があまり下がらなくなる所を探します。"
        ),
        "lab_note_kmeans_iters": (
            "割り当てが落ち着く前に --iters の上限 {iters} ステップで止まりました。--iters を増やしてください。"
        ),
        "lab_optimizers_heading": "optimizers: {formula}、{start} から {steps} ステップ、{rates}",
        "lab_own_rates": "学習率は手法ごとの既定値",
        "lab_one_rate": "学習率はすべて {lr:g}",
        "lab_paths_title": "f の等高線と各手法の {steps} ステップの経路（* が最小点）",
        "lab_paths_xlabel": "横軸 x、縦軸 y",
        "lab_optimizer": "手法（記号）",
        "lab_lr": "学習率",
        "lab_final_point": "最終点 (x, y)",
        "lab_final_f": "最終的な f",
        "lab_steps": "ステップ数",
        "lab_diverged_at": "{step} で発散",
        "lab_path_ended": "{steps} ステップ後に {point}",
        "lab_path_diverged": "{step} ステップ目で発散、最後の点 {point}",
        "lab_note_zigzag": (
            "SGD のジグザグ: y の符号が {steps} ステップ中 {flips} 回入れ替わりました。f は x 方向より y 方向が 20 倍"
            "急なので、x を進めるだけの学習率（η = {lr:g}）では y 方向に行き過ぎます。1 ステップごとに y は"
            " 1 − 2η = {factor:g} 倍になります。"
        ),
        "lab_note_valley": (
            "谷底は曲線 y = x² です。谷を横切る向きには f が急で、谷に沿う向きにはほとんど平らなので、勾配はほぼ谷を"
            "横切る向きを指します。壁の間で跳ね返らないほど小さな学習率では、谷に沿ってゆっくりとしか進めません。"
            "モメンタムは谷に沿って速度をため、適応的な手法は座標ごとに歩幅を調整します。"
        ),
        "lab_note_overshoot": (
            "{names} は x 方向で最小点を通り過ぎてから戻りました。ため込んだ速度（モメンタム、Adam では勾配の"
            "移動平均 m）があるので、坂の向きが変わってもしばらく同じ向きに進み続けます。"
        ),
        "lab_note_adaptive": (
            "AdaGrad と RMSProp は、座標ごとにそれまでの勾配の二乗から作った大きさで歩幅を割るので、急な向きも緩やかな"
            "向きも同じくらいの速さで動きます。AdaGrad の二乗和は増える一方なので歩幅は縮み続け、RMSProp の移動平均は"
            "古い勾配を忘れていきます。Adam はこの割り算にモメンタムを組み合わせた手法です。"
        ),
        "lab_note_optimizers_diverged": (
            "{names} は発散しました。歩幅が際限なく大きくなっています。この関数の曲率に対して学習率が大きすぎます。"
            "経路はオーバーフローした（または |x|, |y| > 10⁶ になった）ステップで止めています。"
        ),
        "lab_note_nearest": "最小点に最も近づいたのは {name} で、最終点は最小点から {distance} の距離です。",
        "lab_method_q_learning": "Q 学習",
        "lab_method_sarsa": "SARSA",
        "lab_cliff_heading": "q-learning: {rows} × {cols} マスの崖歩き、ε-greedy（ε {epsilon:g}）、α {alpha:g}、"
        "γ {gamma:g}、{episodes:,} エピソード、seed {seed}",
        "lab_curves_title": "エピソードごとの報酬和（直近 {window} エピソードの平均）",
        "lab_episode": "エピソード",
        "lab_grid_title": "貪欲方策の経路、{steps} ステップ",
        "lab_grid_title_stuck": "貪欲方策の経路、{steps} ステップで行き詰まり",
        "lab_grid_legend": (
            "^ > v <: スタート（左下）からゴール G までの経路上で Q が最大の行動。C: 崖（報酬 −100 でスタートに戻る）。"
        ),
        "lab_mean_reward": "エピソードあたりの平均報酬（直近 {episodes} エピソード）",
        "lab_cliff_falls": "崖に落ちた回数（直近 {episodes} エピソード）",
        "lab_path_steps": "貪欲方策でゴールまでのステップ数",
        "lab_edge_cells": "経路のうち崖の隣のマス（10 マス中）",
        "lab_no_goal": "到達せず",
        "lab_note_cliff_paths": (
            "経路が違う理由: Q 学習は TD ターゲットに max Q(s′, ·)、つまり次から貪欲に動いた場合の価値を使うので、"
            "最短の経路、崖の縁に沿う道を学びます。SARSA は ε-greedy の行動方策が実際に選んだ次の行動の Q(s′, a′) を"
            "使います。その方策はときどきランダムに動いて崖に落ちるので、崖の隣のマスは SARSA にとって価値が低く、"
            "崖から離れた道を学びます。この実行では、崖の隣のマスは Q 学習の経路に {q_edge} マス、SARSA の経路に"
            " {sarsa_edge} マスあります。"
        ),
        "lab_note_cliff_rewards": (
            "学習中はどちらも探索を続けます。直近 {episodes} エピソードで崖に落ちた回数は Q 学習 {q_falls} 回、SARSA"
            " {sarsa_falls} 回、エピソードあたりの平均報酬は Q 学習 {q_mean}、SARSA {sarsa_mean} でした。Q 学習の推定は"
            "探索によるランダムな一歩を勘定に入れないので、崖の縁を歩いていると、その一歩がそのまま転落になります。"
            "SARSA の推定はその一歩も織り込んでいます。"
        ),
        "lab_note_no_goal": (
            "{method} の貪欲方策の経路はゴールに届いていません（同じマスに戻るか、崖に入ります）。α が一定なので"
            "推定値はまだ揺れています。--episodes を増やすか --alpha を小さくすると落ち着きます。"
        ),
        # quiz doctor: section and row names of the report (--json keeps the English ones), values, problems
        "doctor_versions": "バージョン",
        "doctor_data": "データ",
        "doctor_content": "コンテンツ",
        "doctor_directory": "ディレクトリ",
        "doctor_database": "データベース",
        "doctor_integrity": "整合性",
        "doctor_integrity_ok": "正常",
        "doctor_schema": "スキーマ",
        "doctor_reviews": "回答記録",
        "doctor_banks": "問題集",
        "doctor_not_installed": "未インストール（チェックアウトから実行中）",
        "doctor_missing": "見つかりません",
        "doctor_writable": "書き込み可",
        "doctor_read_only": "読み取り専用",
        "doctor_not_created": "まだありません（quiz start で作成されます）",
        "doctor_from_env": "（QUIZ_HOME）",
        "doctor_no_db": "まだありません（quiz start で作成されます）",
        "doctor_schema_current": "{version}（最新）",
        "doctor_schema_older": "{version}（次の quiz start で {current} に更新されます）",
        "doctor_reviews_count": "{reviews}（カード {cards}）",
        "doctor_banks_count": "問題集 {banks} 個、{questions} 問",
        "doctor_banks_ok_fast": "正常（スキーマと id を確認。quiz doctor --full ではすべてのソルバーとドリルも"
        "実行します）",
        "doctor_banks_ok_full": "正常（完全な確認: スキーマ、id、ソルバー、選択肢、ドリルの出題）",
        "doctor_banks_bad": "問題 {count} 件（quiz validate で行番号付きで表示されます）",
        "doctor_missing_package": "パッケージ {name} がインストールされていません（quiz には {requirement} が"
        "必要です）。quiz を再インストールしてください。",
        "doctor_old_package": "パッケージ {name} {version} は quiz が必要とする版（{requirement}）より古いです。",
        "doctor_not_a_directory": "データディレクトリ {path} はディレクトリではありません。",
        "doctor_not_writable": "データディレクトリ {path} に書き込めません。書き込めるようにするか、QUIZ_HOME を"
        "設定してください。",
        "doctor_cannot_create": "データディレクトリ {path} を作成できません（{parent} に書き込めません）。QUIZ_HOME を"
        "設定してください。",
        "doctor_unreadable_db": "{path} は読み込める quiz のデータベースではありません（{error}）。"
        "何も変更していません。別の場所へ移す（または QUIZ_HOME で別のディレクトリを"
        "指定する）と、quiz は新しいデータベースを作ります。",
        "doctor_not_quiz_db": "{path} は SQLite ファイルですが quiz のデータベースではありません（reviews テーブルが"
        "ありません）。別の場所へ移してください。",
        "doctor_newer_schema": "{path} のスキーマ {version} は、この quiz が読める版（{current}）より新しいです。"
        "quiz を更新してください。",
        "doctor_integrity_failed": "{path} は PRAGMA integrity_check に失敗しました: {detail}。バックアップを取ってから"
        "別の場所へ移してください。",
        "doctor_missing_content": "コンテンツディレクトリ {path} がありません（QUIZ_CONTENT_DIR / QUIZ_CONTENT_PATH を"
        "確認してください）。",
        "doctor_duplicate_id": "{where}: {qid}: この id はすでに {first} で使われています。",
        "doctor_healthy": "正常: 問題は見つかりませんでした",
        "doctor_problem": "問題: {problem}",
        "doctor_summary": "問題が {count} 件見つかりました",
        # the progress database and the data directory (errors.Translatable: worded by the CLI)
        "store_dir_unwritable": "データディレクトリ {path} に書き込めません（{reason}）。書き込めるディレクトリに"
        "するか、QUIZ_HOME で別のディレクトリを指定してください。",
        "store_read_only": "{path} に書き込めません（{reason}）。このファイルとそのディレクトリを書き込めるように"
        "するか、QUIZ_HOME で別のディレクトリを指定してください。",
        "store_disk_full": "{path} に書き込めません（{reason}）。ディスクの空きを増やすか、QUIZ_HOME で別のディスクの"
        "ディレクトリを指定して、もう一度実行してください。",
        "store_damaged": "{path} は読み込める quiz のデータベースではありません（{reason}）。quiz は変更していません。"
        "別の場所へ移す（または QUIZ_HOME で別のディレクトリを指定する）と、quiz は新しいデータベースを作ります。",
        "store_foreign": "{path} は quiz のものではなく、別のプログラムの SQLite データベースです。quiz は変更して"
        "いません。別の場所へ移す（または QUIZ_HOME で別のディレクトリを指定する）と、quiz は新しいデータベースを"
        "作ります。",
        "store_empty": "{path} は空（0 バイト）で、記録されていた学習の記録は失われています。quiz は変更していません。"
        "バックアップがあれば戻してください。なければ別の場所へ移す（または QUIZ_HOME で別のディレクトリを指定する）"
        "と、quiz は新しいデータベースを作ります。",
        "store_newer": "{path} は新しい版の quiz が書いたものです（スキーマ {version}）。quiz を更新してください。",
        "store_unusable": "{path} を使えません（{reason}）。もう一度実行し、続くようなら quiz doctor で確認して"
        "ください。",
        # quiz export
        "export_no_match": "条件{filters} に合う問題がありません。トピックは quiz list で確認できます。",
        "export_cannot_write": "{path} に書き込めません: {reason}",
        "export_anki_done": "{path} に {count} 件のノートを書き出しました（Anki で読み込んでください。"
        "書き出し直すと同じノートが更新されます）。",
        "export_json_done": "{path} に {count} 問を書き出しました。",
        # quiz export anki: the words printed on the cards themselves
        "anki_answer": "答え",
        "anki_steps": "途中の値",
        "anki_explanation": "解説",
        "anki_several": "（すべて選べ）",
        "anki_model_answer": "模範解答",
        "anki_keywords": "キーワード",
        "anki_value": "この入力での値",
        "anki_solver": "参照実装",
        # quiz solve WORD and quiz explain TARGET: words that name several solvers, or none
        "solve_course_example": "パラメータの指定がないので、講座の例題を計算しました",
        "solve_preset_example": "パラメータの指定がないので、講座の例題を {preset} で計算しました",
        "solve_several": "「{word}」に当たるソルバーが {count} 個あります。名前で 1 つ選んでください:",
        "solve_pick_one": "「{word}」に当たるソルバーは複数あります（{names}）。"
        "パラメータは名前で選んだ 1 つに付けてください",
        "solve_unknown": "「{word}」に当たるソルバーはありません{hint}",
        "solve_did_you_mean": "。もしかして: {close}",
        "solve_list_hint": "。一覧は quiz solve --help",
        "solver_refused": "{solver}: {param}: {expected}が必要です",
        "solver_refused_value": "{solver}: {param}: {expected}が必要です（実際は {got}）",
        "solver_refused_outcome": "{solver}: {param}: {expected}が必要です（{got}）",
        "params_file_unreadable": "--params-file: {path} を読めません: {reason}",
        "params_file_bad": "--params-file: {path}: {reason}",
        "params_file_not_data": "--params-file: {path} は JSON でも YAML でもありません（{reason}）",
        "params_file_not_object": "--params-file: {path} には、パラメータ名から値への対応（オブジェクト）が必要です",
        "content_not_a_directory": "--content: {path} はディレクトリではありません",
        "explain_seed_not_drill": "--seed はドリルの問題にだけ使えます（ソルバーの呼び出しには使えません）",
        "explain_unexpected_argument": "余分な引数 {word!r} があります。"
        "ソルバーのパラメータは --名前 値 の形で指定します",
        "explain_needs_value": "{option} には値が必要です",
        "pass_mark_not_exam": "--pass-mark は --mode exam のときだけ使えます",
        "lab_not_bool": "{option} には true か false を指定してください（実際は {value!r}）",
        "lab_not_choice": "{option} には {choices} のどれかを指定してください（実際は {value!r}）",
        "lab_not_positive": "{option} には 0 より大きく {upper:g} 以下の数を指定してください（実際は {value!r}）",
        "lab_integer_at_least": "{option} には {low} 以上の整数を指定してください（実際は {value!r}）",
        "lab_integer_between": "{option} には {low}〜{high} の整数を指定してください（実際は {value!r}）",
        "lab_init_std_alone": "--init-std は --init std のときだけ使えます"
        "（--init {init} では標準偏差が H から決まります）",
        "explain_unknown": "「{word}」という問題 id もソルバーもありません{hint}",
        "explain_list_hint": "。問題 id は quiz list --json、ソルバーは quiz solve --help で確認できます",
        "explain_answer": "答え",
        "explain_formula": "公式",
        "explain_code": "実行したコード",
        "explain_inputs": "入力",
        "explain_steps": "途中の値",
        "explain_options": "各選択肢をこの入力で実行した結果",
        "explain_picture": "図",
        "explain_why": "解説",
        "picture_maximum": "最大",
        "picture_padded": "パディング {padding} の後は {size}",
        "picture_input_padding": "■ 入力  · パディング",
        "picture_window_starts": "◆ {window} の窓が始まる位置",
        "picture_positions": "{stride} マスおき: {positions} 通り",
        "picture_intersection": "重なり",
        "picture_precision_at_rank": "各順位での適合率",
        "picture_envelope": "補間した包絡線（AP = {ap}）",
        "picture_recall": "再現率",
        "picture_norm_before": "クリップ前の ‖g‖",
        "picture_threshold": "しきい値 θ",
        "picture_norm_after": "クリップ後の ‖g‖",
        "picture_query_key": "クエリ \\ キー",
        "picture_feature_map": "特徴マップ",
        "picture_boxes_per_location": "位置あたりのボックス",
        "picture_boxes": "ボックス",
        "picture_chance": "ランダムな推測",
        "picture_fpr": "偽陽性率",
        "picture_tpr": "真陽性率",
        "picture_variance_share": "の寄与率",
        "picture_cumulative": "の累積寄与率",
        "picture_cluster": "クラスタ {k}",
        "picture_old_centroids": "更新前の重心",
        "picture_new_centroids": "更新後の重心",
        "picture_path": "経路",
        "picture_start": "出発点",
        "picture_state_action": "状態 \\ 行動",
        "picture_predicted_positive": "予測: 正",
        "picture_predicted_negative": "予測: 負",
        "picture_actual_positive": "実際: 正",
        "picture_actual_negative": "実際: 負",
        "column_input": "入力",
        "column_value": "値",
        "column_shape": "形",
        "column_step": "名前",
        "column_option": "選択肢",
        "column_result": "結果",
        "scalar": "スカラー",
        "option_matches": "✓ 参照実装と一致",
        "option_differs": "✗ 不一致",
        "option_raises": "✗ 例外",
        "source_確認テスト": "確認テスト",
        "source_演習チャレンジ": "演習チャレンジ",
        "source_コード演習": "コード演習",
        "source_実装演習": "実装演習",
        "source_drill": "ドリル",
        "source_concept": "概念",
        "section": "分野",
        "syllabus_title": "E資格シラバスとこの問題集",
        "syllabus_weight": "比重",
        "syllabus_questions": "問題",
        "syllabus_drills": "ドリル",
        "syllabus_due": "復習待ち",
        "syllabus_summary": "{covered}/{sections} 分野に問題があります（試験比重の {weight:.0f}%）。",
    },
    "en": {
        "prompt": "answer> ",
        "text_prompt": "your answer> ",
        "self_rate": "rate yourself 1=again 2=hard 3=good 4=easy (q=quit)> ",
        "commands": "?=hint s=skip e=explain c=code u=undo r N=change rating q=quit",
        "empty": "Type an answer (? for a hint, s to skip, q to quit).",
        "too_long": "That answer is too long (at most {limit} characters).",
        "choice": "Answer with an option number 1–{count} or letter a–{last} (several: 1,3).",
        "number": "Answer with a number (e.g. 0.25, -3, 1/4).",
        "finite": "Answer with a finite number.",
        "shape": "Give a size like 3x3, 3×3 or (3, 3).",
        "rating_range": "A rating is 1 to 4.",
        "correct": "✓ correct",
        "wrong": "✗ wrong",
        "answer_label": "answer:",
        "rated": "rated {rating} (r 1 … r 4 to change)",
        "rerated": "Rating changed to {rating}.",
        "undone": "Last answer undone; here it is again.",
        "nothing_to_undo": "Nothing to undo.",
        "nothing_to_rerate": "No answer yet to re-rate.",
        "no_code": "The last question has no code behind it.",
        "code_behind_key": "c shows the code that computed it ({solver})",
        "seed": "seed {seed}",
        "nothing_to_explain": "Nothing answered yet; answer first.",
        "no_hint": "No hint for this question.",
        "skipped": "Skipped.",
        "model_answer": "model answer",
        "keywords": "keywords",
        "summary": "{answered} answered, {correct} correct ({skipped} skipped). Progress is saved.",
        "nothing_due": "Nothing to study right now.",
        "unknown_topic": "no questions on topic '{name}'{close}; topics: {known}",
        "unknown_tag": "no question has the tag {name}{close}; tags: {known}",
        "did_you_mean": " (did you mean {close}?)",
        "no_match": "no question matches {selection}",
        "no_drills": "{selection} has no drills (it has {count} concept questions)",
        "selection_topic": "topic {topic}",
        "selection_tag": "tag {tag}",
        "separator": ", ",
        "broken_question": "Skipping a question that cannot be built (quiz validate says more): {error}",
        "exam_header": "mock exam, {remaining} left",
        "exam_over": "Time is up.",
        "exam_report": "Mock exam results",
        "score": "correct",
        "time_used": "time used {used} of {limit}",
        "exam_commands": "s=skip g N=go to N l=list q=submit (scores and explanations come after)",
        "exam_prompt": "{number}/{total} {remaining} left answer> ",
        "exam_refused": "Not in an exam: hints, explanations, undo and ratings come after submitting.",
        "exam_empty": "Type an answer (s to skip, l to list, q to submit).",
        "exam_go_to_range": "Questions are numbered 1–{total} (e.g. g 3).",
        "exam_your_answer": "your answer so far: {answer} (a new one replaces it)",
        "exam_list_title": "Review: {answered}/{total} answered (● answered ○ not yet), {remaining} left",
        "exam_unanswered": "unanswered: {numbers} (g N goes to question N)",
        "exam_review_left": "{count} unanswered. Enter=go to them g N=question N q=submit> ",
        "exam_review_done": "All answered. Enter=submit g N=question N> ",
        "exam_review_keys": "Type Enter, g N, l or q.",
        "error": "Error: {message}",
        "interrupted": "interrupted",
        "exam_interrupted": "Mock exam interrupted. Answers kept: {answered}; none scored or scheduled.",
        "exam_score": "score {right}/{total} ({percent:.0f} %)",
        "exam_pass_line": "pass mark {mark} %: {verdict}",
        "exam_passed": "passed",
        "exam_failed": "failed",
        "exam_to_review": "To review ({count}; quiz explain shows why):",
        "exam_status_wrong": "wrong",
        "exam_status_skipped": "unanswered",
        "exam_status_timed_out": "time ran out",
        "exam_status_unseen": "not reached",
        "exams_title": "Mock exams",
        "exam_date": "date",
        "exam_time": "time",
        "exam_state": "result",
        "exam_state_submitted": "submitted",
        "exam_state_interrupted": "interrupted",
        "exam_state_open": "unfinished",
        "finish": "Enter to finish (r N to change the rating, e to explain)> ",
        "edited": "this question was edited since your last review",
        "Again": "again",
        "Hard": "hard",
        "Good": "good",
        "Easy": "easy",
        "new": "new",
        "due": "review",
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
        # quiz lab: the progress line, the chart, the tables and what to read from them
        "lab_stopped": "stopped after {done:,} of {total:,} iterations",
        "lab_progress_loss": "loss {value:.4f}",
        "lab_progress_accuracy": "acc {value:.0%}",
        "lab_progress_grad_norm": "‖∇‖ {value:.3g}",
        "lab_progress_train_loss": "train loss {value:.3g}",
        "lab_quick_run": "Quick run: {iters:,} of {full_iters:,} iterations, so that it takes about {seconds:.0f} s. "
        "The full run: {command}",
        "lab_summary": "Summary",
        "lab_iteration": "iteration {iteration:,}",
        "lab_binary_heading": "rnn-binary-addition: hidden {hidden}, lr {lr:g}, init {init}, {activation}, {bias}, "
        "{sequences:,} sequences, seed {seed}",
        "lab_with_bias": "with bias",
        "lab_no_bias": "no bias",
        "lab_loss": "loss",
        "lab_loss_title": "loss per sequence, mean of the last 500 (log scale)",
        "lab_sequences_trained": "sequences trained",
        "lab_samples_title": "Sample additions (after training)",
        "lab_predicted": "predicted",
        "lab_true": "true",
        "lab_not_converged_within": "not within {iters:,} iterations",
        "lab_converged": "converged (last 500 sequences all right)",
        "lab_final_loss": "final loss (mean of last 500)",
        "lab_final_accuracy": "final accuracy (last 500)",
        "lab_max_grad_norm": "largest gradient norm",
        "lab_overflowed_at": "overflowed (inf/NaN) at",
        "lab_note_exploding": (
            "No convergence. The gradient norm reached {norm} (converging sigmoid runs stay around 10): exploding "
            "gradients. ReLU is unbounded, so the recurrent weight multiplies activations and gradients step after "
            "step, the updates blow up, and the network ends up stuck with dead or saturated units. A smaller --lr "
            "(0.05 usually learns with ReLU) or gradient clipping tames it."
        ),
        "lab_note_not_converged": (
            "Not converged within {sequences:,} sequences. How fast, and whether, this net learns depends on the seed "
            "as well as the settings (with large initial weights a sigmoid saturates, σ′ ≈ 0, and some draws never "
            "recover). Try more --iters or another --seed."
        ),
        "lab_note_bias_floor": (
            "Bias-free floor: when both low bits are 0 the first step sees x = (0, 0) and z = 0, so u = 0 and "
            "y = σ(0) = 0.5 whatever the weights; with {activation} (f(0) = 0) the loss keeps a floor of about "
            "0.03–0.05, yet np.round(0.5) = 0 is the right bit, so accuracy can still reach 100 %. --bias removes the "
            "floor."
        ),
        "lab_sin_heading": "predict-sin: {cell} with {hidden} hidden units, maxlen {maxlen}, {passes} over the "
        "training windows, seed {seed}",
        "lab_pass": "{iters:,} pass",
        "lab_passes": "{iters:,} passes",
        "lab_true_sin": "true sin",
        "lab_generated": "generated",
        "lab_generation_title": "free-running generation, {steps} steps from the first {maxlen} true values",
        "lab_test_loss": "one-step test loss, mean ½(y − d)²",
        "lab_one_step_rmse": "one-step RMSE (true inputs)",
        "lab_generation_rmse": "generation RMSE ({steps} steps)",
        "lab_error_after_step": "|error| after {steps} step",
        "lab_error_after_steps": "|error| after {steps} steps",
        "lab_diverged": "Training diverged: the predictions are not finite.",
        "lab_untrained": "The one-step predictions themselves are still rough (RMSE above 0.05): train longer with "
        "--iters. ",
        "lab_sin_note": (
            "Why the two numbers differ: the test loss scores each prediction from a window of true values, so it "
            "measures one step (RMSE {one_step}). Generation feeds every prediction back in as input: each small "
            "error shifts the next window, the model was only ever trained on true windows, and the errors compound. "
            "Here the generation RMSE is {ratio:,.0f}× the one-step RMSE. A small one-step loss does not mean good "
            "generation; judge the generated curve itself."
        ),
        # quiz lab kmeans, optimizers, q-learning
        "lab_progress_inertia": "J {value:,.1f}",
        "lab_progress_reward": "reward {value:,.0f}",
        "lab_kmeans_heading": "kmeans: k = {k}, init {init}, {points} points from {blobs} Gaussian blobs, seed {seed}",
        "lab_inertia": "J",
        "lab_inertia_title": "inertia J = Σ‖x − μ‖² at each step",
        "lab_lloyd_step": "Lloyd step",
        "lab_kmeans_title": "clusters after {steps} steps (digits: centroids; dotted: their paths)",
        "lab_kmeans_xlabel": "o x + …: the points of clusters 1, 2, 3 …",
        "lab_kmeans_steps_title": "Steps",
        "lab_step": "step",
        "lab_reassigned": "points reassigned",
        "lab_kmeans_stopped": "stopped",
        "lab_kmeans_converged": "at step {steps}: no point changed cluster",
        "lab_final_inertia": "final inertia J",
        "lab_centroid": "centroid {cluster} ({marker})",
        "lab_centroid_value": "{point}, {members} points",
        "lab_note_kmeans_monotone": (
            "Why J never rises: each step first reassigns every point to its nearest centroid (J falls or stays), "
            "then moves each centroid to the mean of its points (where J is least for that assignment). Neither can "
            "raise J, and the run stops once no point changes cluster: a local minimum, not necessarily the best."
        ),
        "lab_note_kmeans_local": (
            "This run ended in a local minimum that does not separate the blobs: one cluster holds most of two blobs "
            "while another blob is split in two (J = {inertia}; runs that separate them end near 500). Lloyd's steps "
            "only go downhill from where --init {init} put the centroids. {advice}"
        ),
        "lab_kmeans_try_plusplus": "Try --init kmeans++, which spreads them, or another --seed.",
        "lab_kmeans_try_seed": "k-means++ makes this rarer, not impossible: try another --seed.",
        "lab_note_kmeans_k": (
            "k = {k}, but the data has {blobs} blobs. More clusters can always fit the points more closely, so J alone "
            "cannot choose k: the elbow method looks for the k after which J stops falling fast."
        ),
        "lab_note_kmeans_iters": (
            "Stopped by --iters after {iters} steps, before the assignment settled: raise --iters."
        ),
        "lab_optimizers_heading": "optimizers: {formula} from {start}, {steps} steps, {rates}",
        "lab_own_rates": "each optimizer at its own learning rate",
        "lab_one_rate": "learning rate {lr:g} for all",
        "lab_paths_title": "{steps} steps of each optimizer over the contour lines of f (* the minimum)",
        "lab_paths_xlabel": "x across, y up",
        "lab_optimizer": "optimizer (mark)",
        "lab_lr": "lr",
        "lab_final_point": "final (x, y)",
        "lab_final_f": "final f",
        "lab_steps": "steps",
        "lab_diverged_at": "diverged at {step}",
        "lab_path_ended": "at {point} after {steps} steps",
        "lab_path_diverged": "diverged at step {step}, last at {point}",
        "lab_note_zigzag": (
            "SGD's zigzag: y changed sign at {flips} of its {steps} steps. f is 20 times steeper in y than in x, so a "
            "rate that moves x along (η = {lr:g}) overshoots in y: each step multiplies y by 1 − 2η = {factor:g}."
        ),
        "lab_note_valley": (
            "The valley's floor is the curve y = x². Across it f is steep, along it nearly flat, so the gradient "
            "points mostly across the floor: a rate small enough not to bounce between the walls moves slowly along "
            "it. Momentum builds up speed along the floor; the adaptive methods rescale each coordinate."
        ),
        "lab_note_overshoot": (
            "{names} went past the minimum in x and turned back: the velocity they carry (momentum, or Adam's running "
            "mean of gradients m) keeps them moving for a while after the slope has turned."
        ),
        "lab_note_adaptive": (
            "AdaGrad and RMSProp divide each coordinate's step by a scale made from its own past squared gradients, so "
            "steep and shallow directions move at similar speeds. AdaGrad's sum only grows, so its steps keep "
            "shrinking; RMSProp's moving average forgets old gradients. Adam combines this scaling with momentum."
        ),
        "lab_note_optimizers_diverged": (
            "{names} diverged: the steps grew without bound, the learning rate is too large for this function's "
            "curvature. The path stops at the step that overflowed (or left |x|, |y| ≤ 10⁶)."
        ),
        "lab_note_nearest": "Nearest the minimum at the end: {name}, {distance} away from it.",
        "lab_method_q_learning": "Q-learning",
        "lab_method_sarsa": "SARSA",
        "lab_cliff_heading": "q-learning: cliff walking on a {rows} × {cols} grid, ε-greedy with ε {epsilon:g}, "
        "α {alpha:g}, γ {gamma:g}, {episodes:,} episodes, seed {seed}",
        "lab_curves_title": "reward per episode (mean of the last {window} episodes)",
        "lab_episode": "episode",
        "lab_grid_title": "greedy path, {steps} steps",
        "lab_grid_title_stuck": "greedy path, stuck after {steps} steps",
        "lab_grid_legend": (
            "^ > v <: the action with the largest Q along the path from the start (bottom left) to G, the goal. "
            "C: the cliff (−100, back to the start)."
        ),
        "lab_mean_reward": "mean reward per episode, last {episodes} episodes",
        "lab_cliff_falls": "falls into the cliff, last {episodes} episodes",
        "lab_path_steps": "greedy path: steps to the goal",
        "lab_edge_cells": "its cells beside the cliff (of 10)",
        "lab_no_goal": "does not reach it",
        "lab_note_cliff_paths": (
            "Why the paths differ: Q-learning's TD target uses max Q(s′, ·), the value of acting greedily from then "
            "on, so it learns the shortest path, along the cliff's edge. SARSA's uses Q(s′, a′) for the action its "
            "ε-greedy behaviour actually takes next; that behaviour now and then steps at random, off the edge, so "
            "cells beside the cliff are worth less to SARSA and it learns a path away from it. Here Q-learning's path "
            "has {q_edge} cells beside the cliff, SARSA's {sarsa_edge}."
        ),
        "lab_note_cliff_rewards": (
            "Both keep exploring while they learn. In the last {episodes} episodes Q-learning fell into the cliff "
            "{q_falls} times and SARSA {sarsa_falls}; they earned {q_mean} and {sarsa_mean} per episode on average. "
            "Q-learning's estimates leave out the random steps of exploring, so walking the edge, such a step is a "
            "fall; SARSA's estimates count them in."
        ),
        "lab_note_no_goal": (
            "{method}'s greedy path does not reach the goal (it comes back to a cell or steps into the cliff): with a "
            "constant α its estimates still fluctuate. More --episodes or a smaller --alpha settles them."
        ),
        # quiz doctor: section and row names of the report (--json keeps these), values, problems
        "doctor_versions": "versions",
        "doctor_data": "data",
        "doctor_content": "content",
        "doctor_directory": "directory",
        "doctor_database": "database",
        "doctor_integrity_ok": "ok",
        "doctor_integrity": "integrity",
        "doctor_schema": "schema",
        "doctor_reviews": "reviews",
        "doctor_banks": "banks",
        "doctor_not_installed": "not installed (running from a checkout)",
        "doctor_missing": "missing",
        "doctor_writable": "writable",
        "doctor_read_only": "read-only",
        "doctor_not_created": "not created yet (quiz start creates it)",
        "doctor_from_env": " (QUIZ_HOME)",
        "doctor_no_db": "none yet (quiz start creates it)",
        "doctor_schema_current": "{version} (current)",
        "doctor_schema_older": "{version} (upgraded to {current} on the next quiz start)",
        "doctor_reviews_count": "{reviews} (cards {cards})",
        "doctor_banks_count": "{banks} bank(s), {questions} question(s)",
        "doctor_banks_ok_fast": "valid (schema and ids; quiz doctor --full also runs every solver and drill)",
        "doctor_banks_ok_full": "valid (full check: schema, ids, solvers, options, drill draws)",
        "doctor_banks_bad": "{count} problem(s) (quiz validate shows them with their lines)",
        "doctor_missing_package": "package {name} is not installed (quiz needs {requirement}); reinstall quiz",
        "doctor_old_package": "package {name} {version} is older than quiz needs ({requirement})",
        "doctor_not_a_directory": "the data directory {path} is not a directory",
        "doctor_not_writable": "the data directory {path} is not writable; make it writable or set QUIZ_HOME",
        "doctor_cannot_create": "the data directory {path} cannot be created ({parent} is not writable); set QUIZ_HOME",
        "doctor_unreadable_db": "{path} is not a readable quiz database ({error}); nothing was changed: move it aside "
        "(or set QUIZ_HOME to another directory) and quiz will start a new one",
        "doctor_not_quiz_db": "{path} is an SQLite file but not a quiz database (no reviews table); move it aside",
        "doctor_newer_schema": "{path} has schema {version}, newer than this quiz reads ({current}); upgrade quiz",
        "doctor_integrity_failed": "{path} failed PRAGMA integrity_check: {detail}; back it up and move it aside",
        "doctor_missing_content": "content directory {path} does not exist (check QUIZ_CONTENT_DIR / "
        "QUIZ_CONTENT_PATH)",
        "doctor_duplicate_id": "{where}: {qid}: id is already used at {first}",
        "doctor_healthy": "ok: no problems found",
        "doctor_problem": "problem: {problem}",
        "doctor_summary": "{count} problem(s) found",
        # the progress database and the data directory (errors.Translatable: worded by the CLI)
        "store_dir_unwritable": "cannot write to the data directory {path} ({reason}); make it a writable directory "
        "or set QUIZ_HOME to another directory",
        "store_read_only": "cannot write to {path} ({reason}); make it and its directory writable or set QUIZ_HOME "
        "to another directory",
        "store_disk_full": "cannot write to {path} ({reason}); free some disk space, or set QUIZ_HOME to a directory "
        "on another disk, and try again",
        "store_damaged": "{path} is not a readable quiz database ({reason}); quiz did not change it. Move it aside "
        "(or set QUIZ_HOME to another directory) and quiz will start a new one",
        "store_foreign": "{path} is not quiz's: it is another program's SQLite database; quiz did not change it. "
        "Move it aside (or set QUIZ_HOME to another directory) and quiz will start a new one",
        "store_empty": "{path} is empty (0 bytes), so the progress it held is gone; quiz did not change it. Restore "
        "it from a backup if you have one; otherwise move it aside (or set QUIZ_HOME to another directory) and quiz "
        "will start a new one",
        "store_newer": "{path} was written by a newer quiz (schema {version}); upgrade quiz",
        "store_unusable": "cannot use {path} ({reason}); try again, and if it persists, run quiz doctor",
        # quiz export
        "export_no_match": "no questions match{filters}; quiz list shows the topics",
        "export_cannot_write": "cannot write {path}: {reason}",
        "export_anki_done": "wrote {count} notes to {path} (import it in Anki; a re-export updates the same notes)",
        "export_json_done": "wrote {count} questions to {path}",
        # quiz export anki: the words printed on the cards themselves
        "anki_answer": "Answer",
        "anki_steps": "Worked steps",
        "anki_explanation": "Explanation",
        "anki_several": "(choose all that apply)",
        "anki_model_answer": "Model answer",
        "anki_keywords": "Keywords",
        "anki_value": "value on these inputs",
        "anki_solver": "reference solver",
        # quiz solve WORD and quiz explain TARGET: words that name several solvers, or none
        "solve_course_example": "no parameters given: this is the course's example",
        "solve_preset_example": "no parameters given: this is the course's example with {preset}",
        "solve_several": "{count} solvers match {word!r}; run one by its name:",
        "solve_pick_one": "{word!r} names several solvers ({names}); give parameters to one of them by its name",
        "solve_unknown": "unknown solver {word!r}{hint}",
        "solve_did_you_mean": "; did you mean {close}?",
        "solve_list_hint": "; quiz solve --help lists them",
        "solver_refused": "{solver}: {param}: expected {expected}",
        "solver_refused_value": "{solver}: {param}: expected {expected}, got {got}",
        "solver_refused_outcome": "{solver}: {param}: expected {expected}, got {got}",
        "params_file_unreadable": "--params-file: cannot read {path}: {reason}",
        "params_file_bad": "--params-file: {path}: {reason}",
        "params_file_not_data": "--params-file: {path}: neither JSON nor YAML ({reason})",
        "params_file_not_object": "--params-file: {path}: expected an object of parameter names to values",
        "content_not_a_directory": "--content: {path} is not a directory",
        "explain_seed_not_drill": "--seed applies to drill questions, not to solver calls",
        "explain_unexpected_argument": "unexpected argument {word!r}; solver parameters are given as --name value",
        "explain_needs_value": "{option} needs a value",
        "pass_mark_not_exam": "--pass-mark applies to --mode exam only",
        "lab_not_bool": "{option} must be true or false, got {value!r}",
        "lab_not_choice": "{option} must be one of {choices}, got {value!r}",
        "lab_not_positive": "{option} must be a number > 0 and ≤ {upper:g}, got {value!r}",
        "lab_integer_at_least": "{option} must be an integer ≥ {low}, got {value!r}",
        "lab_integer_between": "{option} must be an integer from {low} to {high}, got {value!r}",
        "lab_init_std_alone": "--init-std applies only with --init std (got --init {init}, whose std comes from H)",
        "explain_unknown": "unknown solver or question {word!r}{hint}",
        "explain_list_hint": "; quiz list --json lists the question ids, quiz solve --help the solvers",
        "explain_answer": "answer",
        "explain_formula": "formula",
        "explain_code": "code that ran",
        "explain_inputs": "inputs",
        "explain_steps": "steps",
        "explain_options": "every option, run on these inputs",
        "explain_picture": "picture",
        "explain_why": "why",
        "picture_maximum": "maximum",
        "picture_padded": "{size} after padding {padding}",
        "picture_input_padding": "■ input  · padding",
        "picture_window_starts": "◆ where a {window} window starts",
        "picture_positions": "every {stride} cells: {positions} positions",
        "picture_intersection": "intersection",
        "picture_precision_at_rank": "precision at each rank",
        "picture_envelope": "interpolated envelope (AP = {ap})",
        "picture_recall": "recall",
        "picture_norm_before": "‖g‖ before",
        "picture_threshold": "threshold θ",
        "picture_norm_after": "‖g‖ after",
        "picture_query_key": "query \\ key",
        "picture_feature_map": "feature map",
        "picture_boxes_per_location": "boxes/location",
        "picture_boxes": "boxes",
        "picture_chance": "chance",
        "picture_fpr": "false positive rate",
        "picture_tpr": "true positive rate",
        "picture_variance_share": "share",
        "picture_cumulative": "cumulative",
        "picture_cluster": "cluster {k}",
        "picture_old_centroids": "centroids before",
        "picture_new_centroids": "centroids after",
        "picture_path": "path",
        "picture_start": "starting point",
        "picture_state_action": "state \\ action",
        "picture_predicted_positive": "predicted positive",
        "picture_predicted_negative": "predicted negative",
        "picture_actual_positive": "actually positive",
        "picture_actual_negative": "actually negative",
        "column_input": "input",
        "column_value": "value",
        "column_shape": "shape",
        "column_step": "step",
        "column_option": "option",
        "column_result": "result",
        "scalar": "scalar",
        "option_matches": "✓ matches the reference",
        "option_differs": "✗ differs",
        "option_raises": "✗ raises",
        "source_確認テスト": "確認テスト (check test)",
        "source_演習チャレンジ": "演習チャレンジ (exercise challenge)",
        "source_コード演習": "コード演習 (code exercise)",
        "source_実装演習": "実装演習 (implementation exercise)",
        "source_drill": "drill",
        "source_concept": "concept",
        "section": "section",
        "syllabus_title": "The E資格 syllabus and this bank",
        "syllabus_weight": "weight",
        "syllabus_questions": "questions",
        "syllabus_drills": "drills",
        "syllabus_due": "due",
        "syllabus_summary": "{covered} of {sections} sections have questions ({weight:.0f}% of the exam's weight).",
    },
}

# quiz new-question writes for bank authors, who work from the English bank-format guide (content/README.md):
# its messages have no Japanese version and do not follow --lang.
AUTHOR_MESSAGES: dict[str, str] = {
    "unknown_kind": "unknown kind {kind!r}; choose one of {kinds}",
    "unknown_solver": "unknown solver {name!r}{hint}",
    "did_you_mean": "; did you mean {close}?",
    "list_solvers": "; quiz solve --help lists them",
    "solver_not_for_kind": "--solver applies to numeric, shape and code-choice questions, not {kind}",
    "no_code_template": "no code-choice template for solver {name!r}; templates exist for {names} "
    "(or start from --kind numeric --solver {name})",
    "not_a_size": "solver {name!r} computes no size (its answer is {answer}); use --kind numeric",
    "no_number": "solver {name!r} gives no number to ask for; choose another solver",
    "bad_id": "--id {id!r} is not a kebab-case id (lower-case letters, digits and single hyphens)",
    "no_example": "solver {name!r} refuses the scaffold's example parameters ({error}); "
    "add an entry for it to quizcli.bank.scaffold.EXAMPLES",
    "exists": "{path} already exists; use --force to overwrite it",
    "cannot_write": "cannot write {path}: {reason}",
    "written": "wrote {path}; edit the TODO lines, then run: quiz validate {path}",
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
