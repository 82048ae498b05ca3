"""Errors a user can cause and fix; the CLI prints them as one line, no traceback."""


class PolicyKGError(Exception):
    """Base class for every error caused by input or configuration, not by a bug."""


class LoaderError(PolicyKGError):
    """A source document could not be read: missing, empty, binary, undecodable."""


class ValidationError(PolicyKGError):
    """The graph does not conform to the SHACL shapes."""


class QueryError(PolicyKGError):
    """A query is unknown, malformed, or got bad parameters."""


class DocumentError(PolicyKGError):
    """One document of a build could not be loaded or extracted; ``str()`` names the file in one line."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)  # both in args: the error travels back from worker processes
        self.path, self.reason = path, reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
