"""Demo data of forum for `make run`."""

from collections.abc import Callable


def load(write: Callable[[str], object]) -> None:
    """Nothing yet."""
