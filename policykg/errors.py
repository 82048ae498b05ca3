"""Errors a user can cause and fix; the CLI prints them as one line, no traceback."""


class PolicyKGError(Exception):
    """Base class for every error caused by input or configuration, not by a bug."""


class LoaderError(PolicyKGError):
    """A source document could not be read: missing, empty, binary, undecodable."""


class ValidationError(PolicyKGError):
    """The graph does not conform to the SHACL shapes."""


class QueryError(PolicyKGError):
    """A query is unknown, malformed, or got bad parameters."""
