"""architectures solvers (being written)."""
