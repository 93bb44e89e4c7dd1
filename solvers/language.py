"""language solvers (being written)."""
