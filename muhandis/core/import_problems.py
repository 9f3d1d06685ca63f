"""What is wrong with an uploaded file, by row and column, for every import with a preview."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file: row 0 is the file itself, row 1 its header."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:
            return str(self.message)
        if not self.column:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportRefused(ValidationError):
    """The file cannot be imported; ``problems`` lists every reason by row and column."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__([str(p) for p in problems])
        self.problems = problems
