"""One exception tree. `FactoidError` carries a message fit to show a user on one line."""


class FactoidError(Exception):
    """Base of every error factoid raises on purpose."""


class SourceError(FactoidError):
    """A source file cannot be read: missing, binary, undecodable, malformed."""

    def __init__(self, path, problem: str):
        self.path, self.problem = str(path), problem
        super().__init__(f"{path}: {problem}")


class StoreError(FactoidError):
    """The database cannot be opened or is not a factoid database."""


class NotFound(FactoidError):
    """A person, factoid or document asked for does not exist."""
