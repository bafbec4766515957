"""Problems found in the data, reported all at once.

Validation never stops at the first mistake: every check appends a `Problem`
to a `ProblemLog`, and the caller decides whether to fail. Each problem names
the file, the line, the field and what was expected, so that a maintainer or a
translator can fix it without reading Python.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One actionable error: `file:line: field: message`."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        location = f"{self.file}:{self.line}" if self.line else self.file
        if self.field:
            return f"{location}: {self.field}: {self.message}"
        return f"{location}: {self.message}"


@dataclass
class ProblemLog:
    """Collects problems in the order they were found."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int, field_path: str, message: str) -> None:
        self.problems.append(Problem(file, line, field_path, message))

    def extend(self, other: ProblemLog) -> None:
        self.problems.extend(other.problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    def lines(self) -> list[str]:
        """Problems sorted by file and line, one line each, for terminals and logs."""
        return [str(problem) for problem in sorted(self.problems)]


class DataError(Exception):
    """Raised by front ends (CLI, hooks) when the data has problems.

    Carries the whole log so that every problem is shown, not only the first.
    """

    def __init__(self, log: ProblemLog) -> None:
        self.log = log
        count = len(log)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the data")
