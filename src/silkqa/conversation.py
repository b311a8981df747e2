"""Conversations that survive a reload: questions, answers and claim checks kept on the server.

Why the server and not the browser's storage: Streamlit has no first-class access to
localStorage (it would need a custom component and a round trip before the first render), a
conversation with its quoted passages easily outgrows the few megabytes a browser allows,
and a link that reopens the conversation must work in another tab or on another device. So
each conversation is one JSON file named by a random id that the app keeps in the page's URL
(`?c=…`); the id is the only key, checked against a strict pattern so it can never name a
path outside the folder. Files go to $SILKQA_SESSIONS, else `conversations/` inside the
index folder (git-ignored, beside the data the answers came from). Writes are atomic.

Answers and checks are frozen dataclasses; they are stored field by field and rebuilt from
their type hints, so a field added later (with a default) does not break old files, and a
file that cannot be read is treated as an empty conversation rather than an error.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import secrets
import types
import typing
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from .answering import Answer
from .claims import ClaimCheck

VERSION = 1
_ID = re.compile(r"[A-Za-z0-9_-]{12,64}")


def valid_id(conversation_id: object) -> bool:
    return isinstance(conversation_id, str) and _ID.fullmatch(conversation_id) is not None


def new_id() -> str:
    return secrets.token_urlsafe(12)  # 16 characters of [A-Za-z0-9_-]


def conversations_dir(index_dir: str | os.PathLike) -> Path:
    """Where conversations are kept: $SILKQA_SESSIONS, else index/conversations."""
    return Path(os.environ.get("SILKQA_SESSIONS") or Path(index_dir) / "conversations")


@dataclass(frozen=True)
class Conversation:
    id: str
    answers: tuple[Answer, ...] = ()
    checks: tuple[ClaimCheck, ...] = ()  # in the order they were made (the app shows newest first)
    updated: str | None = field(default=None, compare=False)


# --------------------------------------------------------------------------- codec


def encode(obj: object) -> object:
    """A dataclass tree as JSON-ready values (tuples become lists)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: encode(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.init}
    if isinstance(obj, list | tuple):
        return [encode(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): encode(v) for k, v in obj.items()}
    return obj


def decode(tp: object, value: object) -> object:
    """Rebuild a value of type `tp` from what `encode` wrote."""
    if value is None:
        return None
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        data = value if isinstance(value, dict) else {}
        kwargs = {
            f.name: decode(hints[f.name], data[f.name])
            for f in dataclasses.fields(tp)
            if f.init and f.name in data and not f.name.startswith("_")
        }
        return tp(**kwargs)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], v) for v in value)
        return tuple(decode(a, v) for a, v in zip(args, value, strict=False))
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        return decode(options[0], value) if len(options) == 1 else value
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def to_json(conversation: Conversation) -> dict:
    return {
        "version": VERSION,
        "id": conversation.id,
        "updated": datetime.now(UTC).isoformat(timespec="seconds"),
        # the ranked hits behind an answer are not shown again; they would triple the file
        "answers": [encode(replace(a, hits=())) for a in conversation.answers],
        "checks": [encode(c) for c in conversation.checks],
    }


def from_json(data: dict) -> Conversation:
    """A conversation from its file; a turn that cannot be rebuilt is left out, not fatal."""

    def rebuilt(cls, items):
        out = []
        for item in items or []:
            try:
                out.append(decode(cls, item))
            except (TypeError, ValueError, KeyError):
                continue
        return tuple(out)

    return Conversation(
        id=str(data.get("id", "")),
        answers=rebuilt(Answer, data.get("answers")),
        checks=rebuilt(ClaimCheck, data.get("checks")),
        updated=data.get("updated"),
    )


# --------------------------------------------------------------------------- store


class ConversationStore:
    """One JSON file per conversation in a folder."""

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)

    def path(self, conversation_id: str) -> Path:
        if not valid_id(conversation_id):
            raise ValueError("not a conversation id")
        return self.folder / f"{conversation_id}.json"

    def load(self, conversation_id: str) -> Conversation:
        """The stored conversation, or an empty one under that id (new, cleared or unreadable)."""
        try:
            data = json.loads(self.path(conversation_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Conversation(conversation_id)
        if not isinstance(data, dict):
            return Conversation(conversation_id)
        return replace(from_json(data), id=conversation_id)

    def save(self, conversation: Conversation) -> None:
        target = self.path(conversation.id)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
        tmp.write_text(json.dumps(to_json(conversation), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
