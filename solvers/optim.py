"""optim solvers (being written)."""
