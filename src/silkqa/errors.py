"""Errors a user can act on. Each message is one line and says what to do next."""


class SilkqaError(Exception):
    """Bad input or state that the user can fix (CLI exit status 2)."""


class IndexMissing(SilkqaError):
    pass


class IndexMismatch(SilkqaError):
    pass


class IndexBusy(SilkqaError):
    pass


class UsageError(SilkqaError):
    pass


class StoreUnavailable(SilkqaError):
    """The index's store (a Milvus server) cannot be reached or failed to answer."""
