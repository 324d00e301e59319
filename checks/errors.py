"""The one exception type for bad input: it names the file, the place and what is wrong."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input from the user (file, rule pack, termbase, config); shown without traceback."""

    def __init__(self, path: Path | str | None, message: str, line: int | None = None, column: int | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.message = message
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[InputError], tuple[str | None, str, int | None, int | None]]:
        # Exceptions pickle as cls(*args); args holds only the formatted text, so without this an
        # InputError raised in a --jobs worker process could not be rebuilt and broke the pool.
        return (InputError, (self.path, self.message, self.line, self.column))

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"
