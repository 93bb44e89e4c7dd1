"""detection solvers (being written)."""
