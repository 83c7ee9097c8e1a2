"""One exception tree. `FactoidError` carries a message fit to show a user on one line."""


def printable(text: str) -> str:
    """`text` with surrogates spelled out: a file name that is not UTF-8 (os gives its bytes
    as \\udcXX) shows as \\xXX, so it can be printed and stored."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return "".join(f"\\x{ord(ch) - 0xdc00:02x}" if "\udc80" <= ch <= "\udcff"
                   else f"\\u{ord(ch):04x}" if "\ud800" <= ch <= "\udfff" else ch for ch in text)


class FactoidError(Exception):
    """Base of every error factoid raises on purpose."""


class SourceError(FactoidError):
    """A source file cannot be read: missing, binary, undecodable, malformed."""

    def __init__(self, path, problem: str):
        self.path, self.problem = printable(str(path)), problem
        super().__init__(f"{self.path}: {problem}")


class StoreError(FactoidError):
    """The database cannot be opened or is not a factoid database."""


class NotFound(FactoidError):
    """A person, factoid or document asked for does not exist."""
