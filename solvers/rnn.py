"""rnn solvers (being written)."""
