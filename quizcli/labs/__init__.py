"""`quiz lab`: the course's implementation exercises ([try] cells) as corrected, runnable experiments.

Five labs, each a pure NumPy module with a ``Config``, a ``make_config(**args)`` that checks its arguments
and a seeded ``train(config, progress=None)``:

- ``rnn-binary-addition`` (:mod:`quizcli.labs.binary_addition`): notebook 3_1_simple_RNN;
- ``predict-sin`` (:mod:`quizcli.labs.predict_sin`): notebook 3_3_predict_sin, with rnn, lstm or gru cells;
- ``kmeans`` (:mod:`quizcli.labs.kmeans`): Lloyd's k-means step by step on seeded blobs (``kmeans-step`` solver);
- ``optimizers`` (:mod:`quizcli.labs.optimizers`): six optimizers' paths on a 2-D function, the course's
  comparison figure (``optimizer-step`` solver);
- ``q-learning`` (:mod:`quizcli.labs.q_learning`): Q-learning and SARSA on cliff walking (``q-update`` solver).

The first two modules' docstrings list what was corrected relative to the notes; the other three run the drills'
solvers step by step. Their settings (defaults, accepted values, help) are declared once, in
:mod:`quizcli.labs.settings`, which loads no NumPy: `quiz lab` makes its options from it.
:mod:`quizcli.labs.runner` runs a lab by name; it draws nothing itself: :class:`Outcome` renders through
:mod:`quizcli.labs.render` (rich and plotext, imported when first printed).

The bank links a [try] question to a lab with ``lab: {name, args}``, whose args are ``make_config``'s
keyword arguments; the explain screen calls :func:`quizcli.labs.runner.run_for_question`.

This package imports nothing, so that reading the settings does not load the labs.
"""
