"""The help screens' words, in Japanese and English: every command's help, every option's and argument's, and the
words click itself prints on a help screen or in a usage error. Both catalogues have the same keys (a test checks,
and that the example command lines of a help are the same in both).

Commands and options name their text by key (``help="start.topic"``); :mod:`quizcli.commands.base` looks it up in
the command line's language when it formats the screen. A text may name values (``{entries:,}``) that the command
supplies. A paragraph that starts with a ``\\b`` line is kept as written (click's convention): the examples.
Example lines are shell lines, so a note beside one is a ``#`` comment and the line can be pasted as it is.
"""

from __future__ import annotations

HELP: dict[str, dict[str, str]] = {
    "ja": {
        # click's own words (quizcli.commands.base catches them where click hands them over)
        "click.usage": "使い方:",
        "click.options": "オプション",
        "click.commands": "コマンド",
        "click.arguments": "引数",
        "click.default": "既定: {default}",
        "click.required": "必須",
        "click.range_min": "{min} 以上",
        "click.range_min_open": "{min} より大きい",
        "click.range_max": "{max} 以下",
        "click.range_max_open": "{max} 未満",
        "click.range_both": "{min}〜{max}",
        # options shared by several commands
        "option.help": "このヘルプを表示して終了する",
        "option.version": "バージョンを表示して終了する",
        "option.no_color": "色を付けずに表示する（NO_COLOR=1 と同じ）",
        "option.content": "このディレクトリの問題集も読み込む（複数指定可。QUIZ_CONTENT_PATH でも指定できる）",
        "option.lang": "問題とメッセージの言語（既定: QUIZ_LANG、なければロケール）",
        "option.json": "JSON オブジェクト 1 つで出力する",
        "option.topic": "このトピックの問題だけ（例: lstm。一覧は quiz list）",
        "option.tag": "このタグの付いた問題だけ（複数指定可）",
        # quiz
        "quiz": "E資格の問題とドリルで学習する。答えは実際の NumPy コードで計算する。\n\n"
        "\b\n"
        "例:\n"
        "  quiz start                  # 学習: 復習の期限が来た問題、次に新しい問題\n"
        "  quiz solve conv-output --input 5 --kernel 3 --stride 2 --padding 1\n"
        "  quiz list --topic lstm      # 問題集の中身\n"
        "  quiz syllabus               # E資格シラバスの分野と自分の成績\n"
        "  quiz validate my-bank.yaml  # 自作の問題集を検査する\n\n"
        "\b\n"
        "シェル補完（bash。zsh と fish も zsh_source / fish_source で同様）:\n"
        "  _QUIZ_COMPLETE=bash_source quiz > ~/.quiz-complete.bash\n"
        "  . ~/.quiz-complete.bash     # ~/.bashrc に書いておく",
        # quiz start
        "start": "学習セッションを始める。キーボードだけで操作する。\n\n"
        "答えは 1 行に 1 つ: 選択肢の番号か記号（複数なら 1,3）、数値、3x3 のようなサイズ。プロンプトでは ? ヒント、"
        "s スキップ、e 直前の答えの解説、c それを計算したコード、u 取り消し、r N 評価の変更、q 終了。"
        "答えはその場で保存されるので、Ctrl-C で止めても失われない。"
        "模擬試験（--mode exam）は結果が出るまで何も表示しない: s スキップ、g N で N 問目へ、l 未回答の一覧、"
        "q 提出。出題された問題は、答えなくてもすべて採点に入る。\n\n"
        "\b\n"
        "例:\n"
        "  quiz start\n"
        "  quiz start --topic lstm --limit 10\n"
        "  quiz start --mode drill --tag cnn\n"
        "  quiz start --mode exam --limit 20 --lang ja",
        "start.topic": "このトピックの問題だけ（例: lstm。一覧は quiz list、大文字小文字は区別しない）",
        "start.tag": "このタグの付いた問題だけ（大文字小文字は区別しない。複数指定可）",
        "start.mode": "review: 期限の来た復習、次に新しい問題。drill: 毎回新しい数値のドリル。"
        "exam: 時間制限つきの模擬試験",
        "start.limit": "出題数（既定 20、模擬試験は 100）",
        "start.seed": "出題順と数値を決めるシード（乱数の種。同じシードなら同じセッションになる）。省くと毎回変わる",
        "start.pass_mark": "模擬試験のみ: 合格とする正答率（%）。結果に表示する（本試験は合格ラインを公表していない）",
        # quiz list
        "list": "問題集のトピックと問題数を一覧表示する。\n\n\b\n例:\n  quiz list\n  quiz list --topic cnn --json",
        "list.json": "1 問につき 1 つの JSON オブジェクトで出力する",
        # quiz stats
        "stats": "学習の記録を表示する。シラバスの分野ごとの正答率、日別の回答数、復習予定、記憶保持率、"
        "連続学習日数。\n\n"
        "\b\n例:\n  quiz stats\n  quiz stats --json",
        # quiz syllabus
        "syllabus": "E資格シラバスの分野ごとに、問題集と自分の成績を表示する。\n\n"
        "分野ごとに試験での比重、問題集の問題・ドリル・ソルバーの数、自分の回答数・正答率・復習待ちを並べる。"
        "問題のない分野は目立たせる。\n\n"
        "\b\n例:\n  quiz syllabus\n  quiz syllabus --json",
        # quiz explain
        "explain": "問題またはソルバーの呼び出しを解説する。参照実装を実行し、途中の値をすべて示す。\n\n"
        "TARGET は問題 id（quiz list --json で確認）か、ソルバー名とそのパラメータ。\n\n"
        "\b\n"
        "例:\n"
        "  quiz explain conv-output-size-review\n"
        "  quiz explain lstm-cell-update --json\n"
        "  quiz explain gradient-clipping --grad '[3, 4]' --threshold 1\n"
        "  quiz explain cnn-conv-output-floor-drill --seed 7",
        "explain.target": "問題 id またはソルバー名",
        "explain.seed": "このシードで出題したドリルを解説する",
        "explain.json": "解説を JSON オブジェクト 1 つで出力する",
        "explain.params_file": "ソルバーのパラメータ（JSON か YAML のファイル）",
        # quiz validate
        "validate": "問題集を検査する。\n\n"
        "検査するのは、スキーマ、id の重複、ソルバー、コードの選択肢、ドリル 50 回分の出題、"
        "当て推量で正解できないための規則（ファイルごとの正解の長さの統計）。"
        "この版の quiz で前回検査してから変わっていないファイルは、キャッシュの結果を使う"
        "（--no-cache で検査し直す）。\n\n"
        "PATH を省くと、quiz が読み込む問題集（組み込み、QUIZ_CONTENT_PATH、--content）をすべて検査する。"
        "PATH の問題の id は、それらの問題集と重複してはならない。\n\n"
        "\b\n"
        "例:\n"
        "  quiz validate\n"
        "  quiz validate content/day3/lstm.yaml my-pack/\n"
        "  quiz validate --content my-pack/ --jobs 1",
        "validate.paths": "検査する問題集のファイルまたはディレクトリ",
        "validate.jobs": "並べて検査するファイル数（1 ファイルに 1 プロセス）",
        "validate.jobs_default": "CPU の数",
        "validate.no_cache": "前回から変わっていないファイルも、すべて検査し直す",
        # quiz lab
        "lab": "講座の実装演習（[try]）を実験として実行する。誤りは直してあり、結果は再現できる。\n\n"
        "\b\n"
        "例:\n"
        "  quiz lab rnn-binary-addition  # 講座資料の基本設定\n"
        "  quiz lab rnn-binary-addition --init xavier --lr 0.3\n"
        "  quiz lab predict-sin --maxlen 5 --iters 500\n"
        "  quiz lab kmeans --seed 5 --init kmeans++\n"
        "  quiz lab optimizers --function valley\n"
        "  quiz lab q-learning --epsilon 0.05",
        "lab.json": "JSON オブジェクト 1 つで出力する（進捗バーは標準エラーに出る）",
        "lab.rnn-binary-addition.short": "単純 RNN による 2 進数の足し算（ノートブック 3_1_simple_RNN）",
        "lab.rnn-binary-addition": "ノートブック 3_1_simple_RNN の単純 RNN に 8 ビットの足し算を学習させる"
        "（バグは修正済み）。\n\n"
        "学習中の損失と正解率を表示し、続いて損失の曲線、足し算の例、まとめを示す。まとめには、直近 500 系列が"
        "初めてすべて正解した時点（converged_at）、最終的な損失と正解率、勾配ノルムの最大値が入るので、"
        "勾配爆発が見える。既定値は講座資料の基本設定。\n\n"
        "\b\n"
        "例:\n"
        "  quiz lab rnn-binary-addition\n"
        "  quiz lab rnn-binary-addition --hidden 18 --init-std 2 --lr 0.3 --seed 2\n"
        "  quiz lab rnn-binary-addition --init he --lr 0.3 --seed 1\n"
        "  quiz lab rnn-binary-addition --activation relu --init xavier --hidden 18 --lr 0.3\n"
        "  quiz lab rnn-binary-addition --iters 3000 --json > run.json",
        "lab.rnn-binary-addition.hidden": "中間層のユニット数（[try] では 18）",
        "lab.rnn-binary-addition.lr": "単純な SGD の学習率",
        "lab.rnn-binary-addition.init": "重みの初期化。std = init-std·randn、xavier = randn/√n_in、he = randn/√n_in·√2",
        "lab.rnn-binary-addition.init_std": "std 初期化の σ（既定 {init_std:g}、[try] では 2）。--init std のときだけ",
        "lab.rnn-binary-addition.activation": "中間層の活性化関数（出力層は sigmoid のまま）",
        "lab.rnn-binary-addition.iters": "学習する系列の数（1 系列ごとに SGD で 1 回更新）",
        "lab.rnn-binary-addition.seed": "シード（乱数の種）。同じシードなら同じ種類の CPU で同じ数値になる"
        "（CPU が違うと exp と tanh の丸めが変わり、学習で差が広がることがある）",
        "lab.rnn-binary-addition.bias": "バイアス b と c を加える（講座資料にはなく、そのため tanh と ReLU では"
        "損失に下限が残る）",
        "lab.predict-sin.short": "サイン波の予測と生成（ノートブック 3_3_predict_sin）",
        "lab.predict-sin": "直前の maxlen 個の値からサイン波の次の値を予測する"
        "（ノートブック 3_3_predict_sin、バグは修正済み）。\n\n"
        "1 ステップ予測のテスト損失を示したあと、予測を入力に戻して 200 ステップ生成し、真のサイン波と"
        "重ねて描く。生成の RMSE と、2 つの数値が大きく違いうる理由も示す。\n\n"
        "\b\n"
        "例:\n"
        "  quiz lab predict-sin\n"
        "  quiz lab predict-sin --maxlen 5 --iters 500\n"
        "  quiz lab predict-sin --cell gru --iters 50\n"
        "  quiz lab predict-sin --json",
        "lab.predict-sin.maxlen": "ウィンドウの長さ: 次の値を予測するために読む過去の値の数",
        "lab.predict-sin.iters": "訓練ウィンドウを何周するか（ノートブックの iters_num）。1 ウィンドウごとに 1 回更新",
        "lab.predict-sin.hidden": "中間層のユニット数",
        "lab.predict-sin.cell": "rnn: ノートブックの tanh RNN。lstm、gru: lstm-cell と gru-cell のソルバー",
        "lab.predict-sin.seed": "シード（乱数の種）。同じシードなら同じ種類の CPU で同じ数値になる"
        "（CPU が違うと exp と tanh の丸めが変わり、学習で差が広がることがある）",
        "lab.kmeans.short": "3 つのガウス分布の塊で k-means を 1 ステップずつ",
        "lab.kmeans": "乱数で作った 2 次元の 180 点（3 つのガウス分布の塊）を k-means でクラスタに分ける。"
        "Lloyd 法を 1 ステップずつ進める。\n\n"
        "各ステップは kmeans-step ソルバーの呼び出し: 各点を最も近い重心に割り当て、各重心をその点の平均に動かす。"
        "所属の変わる点がなくなるまで続ける。最終的なクラスタと各重心の軌跡、ステップごとのクラスタ内平方和"
        "（増えることはない）、ステップの表を示す。--init random では、種によっては局所最小で止まる"
        "（1 つの塊が割れ、2 つの塊がまとまる）。kmeans++ は最初の重心を散らして置く。\n\n"
        "\b\n"
        "例:\n"
        "  quiz lab kmeans\n"
        "  quiz lab kmeans --seed 5                  # 局所最小\n"
        "  quiz lab kmeans --seed 5 --init kmeans++\n"
        "  quiz lab kmeans --k 5 --json > kmeans.json",
        "lab.kmeans.k": "クラスタ数（データの塊は 3 つ）",
        "lab.kmeans.init": "最初の重心。random = 異なる k 個のデータ点（Forgy）、kmeans++ = 次の重心を、"
        "選んだ重心のうち最も近いものまでの距離の二乗に比例する確率で選ぶ",
        "lab.kmeans.seed": "データとはじめの重心を決めるシード",
        "lab.kmeans.iters": "Lloyd 法のステップ数の上限。所属の変わる点がなくなれば、そこで止まる",
        "lab.optimizers.short": "SGD、Momentum、Nesterov、AdaGrad、RMSProp、Adam を 2 次元の関数で比べる",
        "lab.optimizers": "6 つの最適化手法を 2 次元の関数の上で競わせる。各ステップは optimizer-step ソルバー"
        "（torch.optim の更新式）。\n\n"
        "関数の等高線に各手法の経路を描き、学習率、最終点、最終的な f、ステップ数の表を示す。"
        "bowl は講座の図の f = x²/20 + y²（(−7, 2) から、各手法は講座の学習率）、valley は Rosenbrock 関数に"
        "似た曲がった谷。--lr で 6 つすべてを同じ学習率にする。\n\n"
        "\b\n"
        "例:\n"
        "  quiz lab optimizers\n"
        "  quiz lab optimizers --function valley\n"
        "  quiz lab optimizers --lr 0.1 --steps 100\n"
        "  quiz lab optimizers --json > paths.json",
        "lab.optimizers.function": "bowl: f = x²/20 + y²、(−7, 2) から（講座の図）。valley: "
        "f = (1 − x)² + 10(y − x²)²、Rosenbrock 関数に似た曲がった谷、(−1.5, 2) から",
        "lab.optimizers.steps": "各手法のステップ数",
        "lab.optimizers.lr": "6 つすべてに使う 1 つの学習率。省くと手法ごとの値: bowl では {rates_bowl}、"
        "valley では {rates_valley}",
        "lab.q-learning.short": "崖歩きの格子で Q 学習と SARSA（Sutton & Barto 6.6）",
        "lab.q-learning": "崖歩きを Q 学習と SARSA で学ぶ。ε-greedy で、1 ステップごとに q-update ソルバーを"
        "1 回呼ぶ。\n\n"
        "両方の学習曲線（各エピソードの報酬和を平滑化したもの）、4 × 12 の格子上で各手法が学んだ貪欲方策の経路、"
        "まとめを示す。Q 学習の経路は崖の縁を通り（最短）、SARSA の経路は崖から離れる。それでも探索中の"
        "エピソードあたりの報酬は SARSA のほうが多い。\n\n"
        "\b\n"
        "例:\n"
        "  quiz lab q-learning\n"
        "  quiz lab q-learning --epsilon 0.01 --episodes 1000\n"
        "  quiz lab q-learning --seed 3 --lang ja\n"
        "  quiz lab q-learning --json > cliff.json",
        "lab.q-learning.episodes": "各手法が学習するエピソード数",
        "lab.q-learning.epsilon": "ε-greedy の ε: ランダムに行動する割合",
        "lab.q-learning.alpha": "更新のステップサイズ α",
        "lab.q-learning.gamma": "割引率 γ（崖歩きはエピソード型のタスクなので、1 なら割り引かない）",
        "lab.q-learning.seed": "探索のシード",
        # quiz export
        "export": "問題集を Anki のデッキか JSON に書き出す。JSON には全問題と計算した答えが入る。\n\n"
        "\b\n"
        "例:\n"
        "  quiz export anki eshikaku.apkg\n"
        "  quiz export anki lstm.apkg --topic lstm --lang ja\n"
        "  quiz export json bank.json\n"
        "  quiz export json - --tag cnn",
        "export.anki": "Anki のデッキ（.apkg）を書き出す。1 問につき 1 ノート、数式は MathJax。\n\n"
        "数値・サイズ・コードの問題は問題集そのものの数値を使い（quiz explain ID で表示されるもの。ドリルで"
        "引き直した数値ではない）、裏面に答えとソルバーの途中の値を載せる。新しく書き出したデッキを読み込むと、"
        "Anki にあるノートが重複せずに更新される。\n\n"
        "\b\n"
        "例:\n"
        "  quiz export anki eshikaku.apkg\n"
        "  quiz export anki lstm.apkg --topic lstm --lang ja\n"
        "  quiz export anki cnn.apkg --tag cnn --tag cnn-arch",
        "export.anki.file": "書き出す .apkg ファイル",
        "export.json": "全問題の定義を、計算した答えとともに 1 つの JSON 文書として書き出す"
        "（FILE が - なら標準出力）。\n\n"
        "ソルバーの問題には、問題集の数値で解決したパラメータと答えも付く。\n\n"
        "\b\n"
        "例:\n"
        "  quiz export json bank.json\n"
        "  quiz export json - --topic lstm | jq '.questions[].answer'",
        "export.json.file": "書き出す JSON ファイル（- なら標準出力）",
        # quiz new-question
        "new-question": "新しい問題の雛形を出力する。そのままで quiz validate を通る完全な問題集ファイル"
        "（format_version 1）になっている。\n\n"
        "ソルバーの問題には、そのソルバーが受け付ける例のパラメータ（それぞれコメントで説明）と、答えが構造を持つ"
        "ソルバーなら取り出す値の指定が付く。TODO の文は日英両方とも書き換えること。\n\n"
        "\b\n"
        "例:\n"
        "  quiz new-question --kind choice\n"
        "  quiz new-question --kind shape --solver pool-output --id pool-output-drill\n"
        "  quiz new-question --kind numeric --solver lstm-cell -o my-bank/lstm-cell.yaml\n"
        "  quiz new-question --kind code-choice --solver softmax",
        "new-question.kind": "choice、numeric、shape、code-choice、text のどれか",
        "new-question.solver": "答えを計算するソルバー（numeric、shape、code-choice）。一覧は quiz solve --help",
        "new-question.id": "問題の id。ケバブケース（既定: my-SOLVER-KIND）",
        "new-question.output": "標準出力ではなく、このファイルに書く",
        "new-question.force": "--output のファイルがあっても上書きする",
        # quiz doctor
        "doctor": "quiz の動作環境を点検する。何も変更しない。\n\n"
        "インストール、データディレクトリ、データベース、問題集を調べる。"
        "quiz が動いているバージョン、学習の記録の保存先、データベースのスキーマの版・回答記録の数・整合性"
        "（読み取り専用で開く）、各コンテンツディレクトリとその問題集を表示する。問題があれば、1 件 1 行で"
        "示して終了コード 1 で終わる。\n\n"
        "\b\n"
        "例:\n"
        "  quiz doctor\n"
        "  quiz doctor --full\n"
        "  quiz doctor --json",
        "doctor.full": "問題集を完全に検査する（スキーマだけでなく、ソルバー、選択肢、ドリルの出題も）",
        "doctor.json": "点検の結果を JSON オブジェクト 1 つで出力する",
        # quiz solve
        "solve": "参照実装のソルバーで答えを計算し、途中の値を示す。\n\n"
        "WORD はソルバーの名前か、ソルバーを指す日本語・英語の言葉（sigmoid、conv、畳み込み、lstm、iou など）。"
        "1 つのソルバーを指す言葉ならそれを実行し、複数を指す言葉なら例を付けて一覧にする。パラメータを省くと、"
        "講座の例題を計算する。配列のパラメータは JSON（--grad '[3, 4]'）、サイズは 5x5 とも書ける。真偽値の"
        "パラメータはフラグ（--derivative）。--params-file FILE で、JSON か YAML のオブジェクトからまとめて読む。\n\n"
        "\b\n"
        "例:\n"
        "  quiz solve sigmoid\n"
        "  quiz solve iou\n"
        "  quiz solve conv-output --input 5x5 --kernel 3 --stride 2 --padding 1\n"
        "  quiz solve activation --name sigmoid --x 0 --derivative\n"
        "  quiz solve gradient-clipping --grad '[3, 4]' --threshold 1 --json",
        "solve.params_file": "パラメータを書いた JSON か YAML のオブジェクト。オプションで指定した値が優先する",
        "solve.lang": "数式とラベルの言語",
        "solve.steps": "summary: 要素が {entries:,} 個を超える途中の配列は、形と最小、最大、平均だけを示す。"
        "答えは省略しない",
        "solve.examples": "例（パラメータを省くと講座の例題を計算する）:",
        "solve.choices": "「{word}」に当たるソルバーは複数あります: {names}。名前で 1 つ選んでください。",
        "solve.choices_json": "一覧を JSON で出力する",
        "solve.default": "既定: {default}",
        "solve.required": "必須",
    },
    "en": {
        "click.usage": "Usage:",
        "click.options": "Options",
        "click.commands": "Commands",
        "click.arguments": "Arguments",
        "click.default": "default: {default}",
        "click.required": "required",
        "click.range_min": "x>={min}",
        "click.range_min_open": "x>{min}",
        "click.range_max": "x<={max}",
        "click.range_max_open": "x<{max}",
        "click.range_both": "{min}<=x<={max}",
        "option.help": "Show this message and exit.",
        "option.version": "Show the version and exit.",
        "option.no_color": "Plain text without colours (NO_COLOR=1 does the same).",
        "option.content": "Also load the banks in this directory (repeatable; QUIZ_CONTENT_PATH works too).",
        "option.lang": "Language of questions and messages (default: QUIZ_LANG, else the locale).",
        "option.json": "Print one JSON object.",
        "option.topic": "Only this topic, e.g. lstm (see quiz list).",
        "option.tag": "Only questions with this tag; repeatable.",
        "quiz": "Study for the E資格 with quizzes and drills whose answers are computed by real NumPy code.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz start                  # study: due reviews first, then new questions\n"
        "  quiz solve conv-output --input 5 --kernel 3 --stride 2 --padding 1\n"
        "  quiz list --topic lstm      # what the banks hold\n"
        "  quiz syllabus               # what the E資格 syllabus covers, how you do\n"
        "  quiz validate my-bank.yaml  # check a bank you wrote\n\n"
        "\b\n"
        "Shell completion (bash; zsh and fish likewise with zsh_source / fish_source):\n"
        "  _QUIZ_COMPLETE=bash_source quiz > ~/.quiz-complete.bash\n"
        "  . ~/.quiz-complete.bash     # in your ~/.bashrc",
        "start": "Start a study session, driven by the keyboard alone.\n\n"
        "One line per answer: an option number or letter (1,3 for several), a number, or a size such as 3x3. "
        "At the prompt: ? hint, s skip, e explain the last answer, c show the code that computed it, u undo it, "
        "r N change its rating, q quit. Every answer is saved at once; Ctrl-C stops without losing any. "
        "A mock exam (--mode exam) shows nothing until its report: s skip, g N go to question N, l list the "
        "unanswered, q submit; every question drawn counts, answered or not.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz start\n"
        "  quiz start --topic lstm --limit 10\n"
        "  quiz start --mode drill --tag cnn\n"
        "  quiz start --mode exam --limit 20 --lang ja",
        "start.topic": "Only this topic, e.g. lstm (see quiz list; any case).",
        "start.tag": "Only questions with this tag (any case); repeatable.",
        "start.mode": "review: due cards then new ones; drill: fresh numbers; exam: a timed mock exam.",
        "start.limit": "How many questions (default 20; exam 100).",
        "start.seed": "Seed for the order and the drawn numbers (reproducible sessions); without it they vary.",
        "start.pass_mark": "Exam only: the percentage that passes, shown in the report (the real exam publishes none).",
        "list": "List the banks' topics and question counts.\n\n"
        "\b\nExamples:\n  quiz list\n  quiz list --topic cnn --json",
        "list.json": "One JSON object per question.",
        "stats": "Show accuracy by syllabus section, answers per day, what is due, retention and streak.\n\n"
        "\b\nExamples:\n  quiz stats\n  quiz stats --json",
        "syllabus": "Show every section of the E資格 syllabus with its exam weight, the bank's questions, drills and "
        "solvers there, and your answers, accuracy and due cards; sections with no question stand out.\n\n"
        "\b\nExamples:\n  quiz syllabus\n  quiz syllabus --json",
        "explain": "Explain a question or a solver call by running the reference code and showing every step.\n\n"
        "TARGET is a question id (see quiz list --json) or a solver name followed by its parameters.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz explain conv-output-size-review\n"
        "  quiz explain lstm-cell-update --json\n"
        "  quiz explain gradient-clipping --grad '[3, 4]' --threshold 1\n"
        "  quiz explain cnn-conv-output-floor-drill --seed 7",
        "explain.target": "A question id or a solver name.",
        "explain.seed": "Explain the drill variant drawn with this seed.",
        "explain.json": "Print the explanation as one JSON object.",
        "explain.params_file": "Solver parameters (JSON/YAML).",
        "validate": "Check banks: schema, unique ids, solvers, code options, 50 drill draws, and the rules that keep a "
        "guesser from passing (per file, the key-length statistics). A file unchanged since this version of quiz "
        "last checked it is not checked again: its problems come from the cache (--no-cache checks it anyway).\n\n"
        "With no PATH, checks every bank quiz loads (built-in, QUIZ_CONTENT_PATH and --content). The ids in PATH "
        "must also be new to those banks.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz validate\n"
        "  quiz validate content/day3/lstm.yaml my-pack/\n"
        "  quiz validate --content my-pack/ --jobs 1",
        "validate.paths": "Bank files or directories to check.",
        "validate.jobs": "Bank files checked side by side, one process each.",
        "validate.jobs_default": "every CPU",
        "validate.no_cache": "Check every file again, even those unchanged since they were last checked by this "
        "version of quiz.",
        "lab": "Run the course's implementation exercises ([try]) as corrected, reproducible experiments.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz lab rnn-binary-addition  # the notes' baseline\n"
        "  quiz lab rnn-binary-addition --init xavier --lr 0.3\n"
        "  quiz lab predict-sin --maxlen 5 --iters 500\n"
        "  quiz lab kmeans --seed 5 --init kmeans++\n"
        "  quiz lab optimizers --function valley\n"
        "  quiz lab q-learning --epsilon 0.05",
        "lab.json": "Print one JSON object (the progress bar, if any, goes to stderr).",
        "lab.rnn-binary-addition.short": "Binary addition with a simple RNN (notebook 3_1_simple_RNN).",
        "lab.rnn-binary-addition": "Train the simple RNN of notebook 3_1_simple_RNN to add 8-bit numbers, bugs "
        "fixed.\n\n"
        "Shows the running loss and accuracy, then the loss curve, sample sums and a summary: when the last 500 "
        "sequences were first all right (converged_at), the final loss and accuracy, and the largest gradient norm, "
        "so that exploding gradients show. The defaults are the notes' baseline.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz lab rnn-binary-addition\n"
        "  quiz lab rnn-binary-addition --hidden 18 --init-std 2 --lr 0.3 --seed 2\n"
        "  quiz lab rnn-binary-addition --init he --lr 0.3 --seed 1\n"
        "  quiz lab rnn-binary-addition --activation relu --init xavier --hidden 18 --lr 0.3\n"
        "  quiz lab rnn-binary-addition --iters 3000 --json > run.json",
        "lab.rnn-binary-addition.hidden": "Hidden units (the [try] uses 18).",
        "lab.rnn-binary-addition.lr": "Learning rate of plain SGD.",
        "lab.rnn-binary-addition.init": "Weights: std = init-std·randn; xavier = randn/√n_in; he = randn/√n_in·√2.",
        "lab.rnn-binary-addition.init_std": "σ of the std initialisation (default {init_std:g}; the [try] uses 2). "
        "Only with --init std.",
        "lab.rnn-binary-addition.activation": "Hidden-layer activation (the output stays a sigmoid).",
        "lab.rnn-binary-addition.iters": "Training sequences, one SGD update each.",
        "lab.rnn-binary-addition.seed": "Random seed: the same seed gives the same numbers on the same kind of CPU "
        "(another may round exp and tanh differently, which training amplifies).",
        "lab.rnn-binary-addition.bias": "Add biases b and c (the notes have none, which leaves a loss floor for tanh "
        "and ReLU).",
        "lab.predict-sin.short": "Predict and generate a sine wave (notebook 3_3_predict_sin).",
        "lab.predict-sin": "Predict a sine's next value from the previous maxlen (notebook 3_3_predict_sin, bugs "
        "fixed).\n\n"
        "Reports the one-step test loss, then generates 200 steps by feeding predictions back in, plots them against "
        "the true sine and reports the generation RMSE, with why the two can differ so much.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz lab predict-sin\n"
        "  quiz lab predict-sin --maxlen 5 --iters 500\n"
        "  quiz lab predict-sin --cell gru --iters 50\n"
        "  quiz lab predict-sin --json",
        "lab.predict-sin.maxlen": "Window length: how many past values the model reads to predict the next.",
        "lab.predict-sin.iters": "Passes over the training windows (the notebook's iters_num), one update per window.",
        "lab.predict-sin.hidden": "Hidden units.",
        "lab.predict-sin.cell": "rnn: the notebook's tanh RNN; lstm, gru: the lstm-cell and gru-cell solvers.",
        "lab.predict-sin.seed": "Random seed: the same seed gives the same numbers on the same kind of CPU (another "
        "may round exp and tanh differently, which training amplifies).",
        "lab.kmeans.short": "k-means step by step on three Gaussian blobs.",
        "lab.kmeans": "Cluster 180 seeded 2-D points (three Gaussian blobs) with k-means, one Lloyd step at a "
        "time.\n\n"
        "Each step is the kmeans-step solver: assign every point to its nearest centroid, move each centroid to the "
        "mean of its points, until no point changes cluster. Shows the final clusters with the path of each "
        "centroid, the inertia per step (it never increases) and the steps in a table. With --init random, some "
        "seeds end in a local minimum (one blob split, two merged); kmeans++ spreads the starting centroids.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz lab kmeans\n"
        "  quiz lab kmeans --seed 5                  # a local minimum\n"
        "  quiz lab kmeans --seed 5 --init kmeans++\n"
        "  quiz lab kmeans --k 5 --json > kmeans.json",
        "lab.kmeans.k": "Number of clusters (the data has 3 blobs).",
        "lab.kmeans.init": "Initial centroids: random = k distinct data points (Forgy); kmeans++ = each next one "
        "drawn with probability ∝ squared distance to the nearest already chosen.",
        "lab.kmeans.seed": "Random seed of the data set and the initial centroids.",
        "lab.kmeans.iters": "Most Lloyd steps; the run stops earlier once no point changes cluster.",
        "lab.optimizers.short": "SGD, Momentum, Nesterov, AdaGrad, RMSProp and Adam on a 2-D function.",
        "lab.optimizers": "Race six optimizers on a 2-D function, step by step with the optimizer-step solver "
        "(torch.optim's rules).\n\n"
        "Draws each optimizer's path over the function's contour lines, then a table of its learning rate, final "
        "point, final f and steps. bowl is the course's figure, f = x²/20 + y² from (−7, 2), each optimizer at the "
        "course's rate; valley is a Rosenbrock-like curved valley. --lr sets one rate for all six.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz lab optimizers\n"
        "  quiz lab optimizers --function valley\n"
        "  quiz lab optimizers --lr 0.1 --steps 100\n"
        "  quiz lab optimizers --json > paths.json",
        "lab.optimizers.function": "bowl: f = x²/20 + y² from (−7, 2), the course's figure; valley: "
        "f = (1 − x)² + 10(y − x²)², a Rosenbrock-like curved valley, from (−1.5, 2).",
        "lab.optimizers.steps": "Steps of each optimizer.",
        "lab.optimizers.lr": "One learning rate for all six. Unless given, each its own: on the bowl {rates_bowl}; "
        "on the valley {rates_valley}.",
        "lab.q-learning.short": "Q-learning and SARSA on the cliff-walking grid (Sutton & Barto 6.6).",
        "lab.q-learning": "Learn cliff walking with Q-learning and SARSA, ε-greedy, one q-update solver call per "
        "step.\n\n"
        "Shows both learning curves (the reward of each episode, smoothed), each method's learned greedy path on the "
        "4 × 12 grid and a summary: Q-learning's path runs along the cliff's edge (the shortest), SARSA's keeps away "
        "from it, yet SARSA earns more per episode while exploring.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz lab q-learning\n"
        "  quiz lab q-learning --epsilon 0.01 --episodes 1000\n"
        "  quiz lab q-learning --seed 3 --lang ja\n"
        "  quiz lab q-learning --json > cliff.json",
        "lab.q-learning.episodes": "Episodes each method learns from.",
        "lab.q-learning.epsilon": "ε of the ε-greedy behaviour: the share of random actions.",
        "lab.q-learning.alpha": "Step size α of the update.",
        "lab.q-learning.gamma": "Discount γ (the cliff task is episodic: 1 discounts nothing).",
        "lab.q-learning.seed": "Random seed of the exploration.",
        "export": "Export the banks: an Anki deck, or every question with its computed answer as JSON.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz export anki eshikaku.apkg\n"
        "  quiz export anki lstm.apkg --topic lstm --lang ja\n"
        "  quiz export json bank.json\n"
        "  quiz export json - --tag cnn",
        "export.anki": "Write an Anki deck (.apkg): one note per question, formulas in MathJax.\n\n"
        "Numeric, shape and code questions use the bank's own numbers (what quiz explain ID shows, not a drawn drill "
        "variant), with the answer and the solver's worked steps on the back. Importing a newer export updates the "
        "notes already in Anki instead of duplicating them.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz export anki eshikaku.apkg\n"
        "  quiz export anki lstm.apkg --topic lstm --lang ja\n"
        "  quiz export anki cnn.apkg --tag cnn --tag cnn-arch",
        "export.anki.file": "The .apkg file to write.",
        "export.json": "Write every question's spec with its computed answer as one JSON document (FILE - is "
        "stdout).\n\n"
        "Solver questions also carry their resolved params and answer, for the bank's own numbers.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz export json bank.json\n"
        "  quiz export json - --topic lstm | jq '.questions[].answer'",
        "export.json.file": "The JSON file to write (- for stdout).",
        "new-question": "Start a question: a complete bank file (format_version 1) that quiz validate accepts as it "
        "is.\n\n"
        "Solver questions come with example parameters the solver accepts, each described in a comment, and a pick "
        "when the solver's answer is a structure. Replace the TODO text in both languages.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz new-question --kind choice\n"
        "  quiz new-question --kind shape --solver pool-output --id pool-output-drill\n"
        "  quiz new-question --kind numeric --solver lstm-cell -o my-bank/lstm-cell.yaml\n"
        "  quiz new-question --kind code-choice --solver softmax",
        "new-question.kind": "choice, numeric, shape, code-choice or text.",
        "new-question.solver": "The solver that computes the answer (numeric, shape, code-choice); see quiz solve "
        "--help.",
        "new-question.id": "The question's kebab-case id (default: my-SOLVER-KIND).",
        "new-question.output": "Write to this file instead of stdout.",
        "new-question.force": "Overwrite the --output file if it exists.",
        "doctor": "Check the installation, the data directory, the database and the banks; change nothing.\n\n"
        "Shows the versions quiz runs on, where progress is stored, the database's schema version, review count and "
        "integrity check (opened read-only), and each content directory with its banks. Exits 1 with one line per "
        "problem when something is wrong.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz doctor\n"
        "  quiz doctor --full\n"
        "  quiz doctor --json",
        "doctor.full": "Validate the banks fully (solvers, options, drill draws), not just the schema.",
        "doctor.json": "Print the report as one JSON object.",
        "solve": "Compute an answer with a reference solver and show its steps.\n\n"
        "WORD is a solver's name or a word for it, in Japanese or English (sigmoid, conv, 畳み込み, lstm, iou …): a "
        "word that names one solver runs it, one that names several lists them with an example each. With no "
        "parameters a solver runs the course's own example. Array parameters take JSON (--grad '[3, 4]'), sizes "
        "also 5x5, true/false parameters are flags (--derivative), and --params-file FILE reads them all from a "
        "JSON or YAML object.\n\n"
        "\b\n"
        "Examples:\n"
        "  quiz solve sigmoid\n"
        "  quiz solve iou\n"
        "  quiz solve conv-output --input 5x5 --kernel 3 --stride 2 --padding 1\n"
        "  quiz solve activation --name sigmoid --x 0 --derivative\n"
        "  quiz solve gradient-clipping --grad '[3, 4]' --threshold 1 --json",
        "solve.params_file": "JSON or YAML object of parameters; options given here override it.",
        "solve.lang": "Language of the formula and labels.",
        "solve.steps": "summary: a step array of more than {entries:,} entries as its shape, min, max and mean; the "
        "answer stays whole.",
        "solve.examples": "Examples (with no parameters it runs the course's example):",
        "solve.choices": "{word!r} names several solvers: {names}. Run one by its name.",
        "solve.choices_json": "Print the list as JSON.",
        "solve.default": "default: {default}",
        "solve.required": "required",
    },
}

# Click's usage errors in Japanese, by kind; in English the CLI prints click's own message. quizcli.commands.base
# picks the kind from the exception (its class, its parameter) and, for a value click refused, from click's message.
CLICK_ERRORS_JA: dict[str, str] = {
    "no_such_option": "{name} というオプションはありません。",
    "did_you_mean": "もしかして: {names}",
    "no_such_command": "{name} というコマンドはありません。",
    "missing_argument": "引数 {name} を指定してください。",
    "missing_option": "オプション {name} を指定してください。",
    "invalid_value": "{name} の値が正しくありません: {reason}",
    "not_a_choice": "{value} は選べません。{choices} のどれかを指定してください。",
    "not_in_range": "{value} は範囲外です（{range}）。",
    "not_integer": "{value} は整数ではありません。",
    "not_number": "{value} は数値ではありません。",
    "needs_value": "{name} には値が必要です。",
    "takes_no_value": "{name} は値をとりません。",
    "extra_arguments": "余分な引数があります: {args}",
    "no_path": "{path} がありません。",
    "path_is_directory": "{path} はディレクトリです。",
    "path_is_file": "{path} はファイルです。",
}


def help_text(lang: str, key: str, **values: object) -> str:
    """The help text ``key`` in ``lang``, its ``{names}`` filled from ``values``."""
    text = HELP[lang][key]
    return text.format(**values) if "{" in text else text
