"""attention solvers (being written)."""
