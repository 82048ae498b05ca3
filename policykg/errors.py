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
    """One document of a build could not be loaded or extracted; ``str()`` names the file in one line.

    ``reason`` follows the document's path, unless ``named`` says it names the file at fault
    itself (its metadata sidecar, say).
    """

    def __init__(self, path: str, reason: str, named: bool = False) -> None:
        super().__init__(path, reason, named)  # all in args: the error travels back from worker processes
        self.path, self.reason, self.named = path, reason, named

    def __str__(self) -> str:
        return self.reason if self.named else f"{self.path}: {self.reason}"


class FetchError(PolicyKGError):
    """A document could not be fetched: not found, withdrawn, timed out, no network, not JSON."""
