"""gated solvers (being written)."""
