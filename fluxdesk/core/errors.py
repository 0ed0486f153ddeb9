"""Typed, user-presentable errors.

Every failure FluxDesk can meet is one of these. Each carries a ``user_message`` an artist can
act on, a ``kind`` (a stable string stored in history and used by the CLI) and whether trying
again later may help. Nothing above ``core/api/client.py`` looks at HTTP status codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fluxdesk.core.messages import Message


class FluxError(Exception):
    kind: str = "error"
    retryable: bool = False

    def __init__(self, user_message: str, *, detail: str | None = None) -> None:
        super().__init__(user_message)
        self.user_message = user_message
        # Technical context for logs only; it never contains the API key.
        self.detail = detail

    def __str__(self) -> str:
        return self.user_message


# --- Problems found before anything is sent (no credits spent) ---------------------------------


def problems_text(problems: Sequence[tuple[str, str]]) -> str:
    """'width: must be at least 256; seed: …' as nested Messages, so each part translates."""
    parts = [Message("{field}: {reason}", field=f, reason=r) if f else r for f, r in problems]
    text = parts[0] if parts else ""
    for part in parts[1:]:
        text = Message("{first}; {then}", first=text, then=part)
    return text


class InputError(FluxError):
    """Bad input found locally, before any request was sent."""

    kind = "input"


class ValidationProblem(InputError):
    kind = "validation"

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            Message(
                "Invalid settings, nothing was sent: {problems}", problems=problems_text(problems)
            )
        )


class CorruptImage(InputError):
    kind = "corrupt_image"


class ImageTooLarge(InputError):
    kind = "image_too_large"


class ConfigError(InputError):
    kind = "config"


# --- Account problems ---------------------------------------------------------------------------


class AuthError(FluxError):
    kind = "auth"


class MissingKey(AuthError):
    kind = "missing_key"

    def __init__(self, user_message: str | None = None) -> None:
        super().__init__(
            user_message
            or Message(
                "No API key is set. Add your BFL key in Settings (it is kept in the system "
                "keychain) or set the BFL_API_KEY environment variable."
            )
        )


class CreditsError(FluxError):
    kind = "credits"


# --- Problems on the way or at the server ------------------------------------------------------


class RateLimited(FluxError):
    kind = "rate_limited"
    retryable = True

    def __init__(self, user_message: str, *, retry_after: float | None = None) -> None:
        super().__init__(user_message)
        self.retry_after = retry_after


class ServerRejected(FluxError):
    """The server refused the request body (HTTP 422/400). Nothing was charged."""

    kind = "server_validation"

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems = tuple(problems)
        text = problems_text(problems) or Message("no reason given")
        super().__init__(Message("The API rejected the request: {problems}", problems=text))


class ServerError(FluxError):
    kind = "server"
    retryable = True


class ProtocolError(ServerError):
    """The server answered something that does not follow the API's protocol."""

    kind = "protocol"


class NetworkError(FluxError):
    kind = "network"
    retryable = True


class SubmitUncertain(NetworkError):
    """The connection broke after the job was sent: it may exist (and be paid for) or not."""

    kind = "submit_uncertain"
    retryable = False


class Moderated(FluxError):
    kind = "moderated"

    def __init__(self, user_message: str, *, reasons: Sequence[str] = ()) -> None:
        super().__init__(user_message)
        self.reasons = tuple(reasons)


class GenerationFailed(FluxError):
    kind = "generation_failed"
    retryable = True


class TaskNotFound(FluxError):
    kind = "task_not_found"


class PollTimeout(FluxError):
    kind = "timeout"
    retryable = True


class DownloadError(FluxError):
    kind = "download"
    retryable = True


class ResultExpired(DownloadError):
    kind = "expired"
    retryable = False


class SecretStoreUnavailable(FluxError):
    kind = "no_keychain"

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(
            Message(
                "No system keychain is available to keep the API key safely. Set the BFL_API_KEY "
                "environment variable instead; FluxDesk never writes the key to a plain file."
            ),
            detail=detail,
        )


class OperationCancelled(FluxError):
    """The artist cancelled; not a failure, but it ends the operation the same way."""

    kind = "cancelled"

    def __init__(self) -> None:
        super().__init__(Message("Cancelled."))


class StorageError(FluxError):
    """The history or an output file could not be written (disk full, permissions)."""

    kind = "storage"


class UnexpectedError(FluxError):
    kind = "unexpected"

    @classmethod
    def wrap(cls, exc: BaseException) -> UnexpectedError:
        return cls(
            Message("Something unexpected went wrong; the details are in the log file."),
            detail=f"{type(exc).__name__}: {exc}",
        )


class OutputExists(InputError):
    """The output file is already there; ask the artist before passing ``overwrite=True``."""

    kind = "output_exists"

    def __init__(self, path: Path) -> None:
        super().__init__(
            Message(
                "'{name}' already exists in {folder}. Choose another name, or allow replacing it.",
                name=path.name,
                folder=str(path.parent),
            )
        )
        self.path = path


class JobInterrupted(GenerationFailed):
    """The server stopped the job part-way (interrupted, worker lost, cancelled elsewhere)."""

    kind = "interrupted"


class MissingOutput(GenerationFailed):
    """The server says the job finished but there is no image to fetch."""

    kind = "missing_output"
    retryable = False
