"""Why a job failed survives a restart as a Message (template and arguments kept beside the
English text), so the window can still translate it; the English text itself never changes,
and a damaged stored value only costs the translation, never the entry."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from fluxdesk.core.api.models import DownloadedImage
from fluxdesk.core.errors import FluxError, NetworkError, StorageError, ValidationProblem
from fluxdesk.core.history.store import HistoryStore
from fluxdesk.core.jobs import JobId, JobState
from fluxdesk.core.messages import Message, message_json, stored_message

MakeEntry = Callable[..., JobId]  # the `make_entry` fixture (conftest.py beside this file)


def reopened(store: HistoryStore) -> HistoryStore:
    return HistoryStore.open(store.db_path, store.images_dir)


def test_a_failure_with_arguments_comes_back_as_the_same_message(
    store: HistoryStore, make_entry: MakeEntry
) -> None:
    error = StorageError(
        Message(
            "'{name}' could not be written ({reason}) after {seconds:.0f} s.",
            name=Path("/pages/page 07.png").name,
            reason=OSError(28, "No space left on device"),  # not JSON: kept as its text
            seconds=12.4,
        )
    )
    job_id = make_entry("ink", state=JobState.failed, error=error)
    record = reopened(store).get_job(job_id)
    assert record is not None
    assert record.error_message == str(error.user_message)  # the English, byte for byte
    assert isinstance(record.error_message, Message)
    assert record.error_message.template == error.user_message.template  # type: ignore[attr-defined]
    assert record.error_message.args["seconds"] == 12.4


def test_nested_messages_keep_each_part(store: HistoryStore, make_entry: MakeEntry) -> None:
    error = ValidationProblem(
        [("width", Message("must be between {low} and {high}", low=256, high=1440))]
    )
    job_id = make_entry("ink", state=JobState.failed, error=error)
    record = reopened(store).get_job(job_id)
    assert record is not None and isinstance(record.error_message, Message)
    problems = record.error_message.args["problems"]
    assert isinstance(problems, Message) and problems.template == "{field}: {reason}"
    assert isinstance(problems.args["reason"], Message)


def test_plain_text_stays_plain(store: HistoryStore, make_entry: MakeEntry) -> None:
    job_id = make_entry("ink", state=JobState.failed, error=NetworkError("The connection dropped."))
    record = reopened(store).get_job(job_id)
    assert record is not None and record.error_message == "The connection dropped."
    assert not isinstance(record.error_message, Message)


def test_a_pause_note_is_kept_and_a_result_clears_it(
    store: HistoryStore, make_entry: MakeEntry
) -> None:
    job_id = make_entry("ink", state=JobState.running)
    store.note(job_id, "waiting", Message("Waiting {seconds} s for {host}.", seconds=30, host="x"))
    record = store.get_job(job_id)
    assert record is not None and isinstance(record.error_message, Message)
    store.save_result(job_id, _one_pixel(), seed=1)
    assert _stored(store, job_id) == (None, None)


@pytest.mark.parametrize(
    "damaged",
    [
        "{not json",
        "[]",
        '{"template": 3}',
        '{"template": "{a} and {b}", "args": {"a": "x"}}',  # an argument lost
        '{"template": "{a.real}", "args": {"a": "x"}}',
        '{"template": "Another text", "args": {}}',  # does not rebuild the English
        '{"template": "{a}", "args": []}',
        '{"template": "{a}", "args": {"a": {"template": null}}}',
        "[" * 5000,  # deeper than the decoder goes
    ],
)
def test_a_damaged_stored_message_falls_back_to_the_english(
    store: HistoryStore, make_entry: MakeEntry, damaged: str
) -> None:
    job_id = make_entry(
        "ink", state=JobState.failed, error=FluxError(Message("Lost {what}.", what="x"))
    )
    with store.read() as db:
        db.execute("UPDATE jobs SET error_message_json = ? WHERE id = ?", (damaged, job_id))
    record = reopened(store).get_job(job_id)
    assert record is not None and record.error_message == "Lost x."
    assert not isinstance(record.error_message, Message)


def test_the_json_round_trip_itself() -> None:
    message = Message("{n} of {total} ({part})", n=1, total=3, part=Message("the {x}", x="page"))
    rebuilt = stored_message(str(message), message_json(message))
    assert isinstance(rebuilt, Message) and rebuilt == message
    assert rebuilt.args["part"].template == "the {x}"
    assert message_json("plain") is None and message_json(None) is None
    assert stored_message(None, message_json(message)) is None


def _stored(store: HistoryStore, job_id: JobId) -> tuple[str | None, str | None]:
    with store.read() as db:
        row = db.execute(
            "SELECT error_message, error_message_json FROM jobs WHERE id = ?", (job_id,)
        ).fetchone()
    return row[0], row[1]


def _one_pixel() -> DownloadedImage:
    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, "PNG")
    return DownloadedImage(buffer.getvalue(), "png", 1, 1)
