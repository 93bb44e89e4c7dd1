"""metrics solvers (being written)."""
