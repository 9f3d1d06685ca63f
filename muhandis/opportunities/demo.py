"""Demo data of opportunities for `make run`."""

from collections.abc import Callable


def load(write: Callable[[str], object]) -> None:
    """Nothing yet."""
