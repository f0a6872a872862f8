"""Evaluations: models arrive with their issue."""
