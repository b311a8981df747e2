"""Talking to Milvus for the Milvus store: connection (Lite or server), one-line errors,
timeouts, collections, paged queries, the dense-search adapter and the rebuild lease.
stores/milvus.py builds the store's layout and generations on top of this."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from ..errors import IndexBusy, SilkqaError, StoreUnavailable, UsageError
from ..store import Progress
from ..vectors import IVF_NPROBE

PREFIX_SETTING = "SILKQA_MILVUS_PREFIX"
TIMEOUT_SETTING = "SILKQA_MILVUS_TIMEOUT"
TOKEN_SETTING = "SILKQA_MILVUS_TOKEN"
DB_SETTING = "SILKQA_MILVUS_DB"
LEASE_SETTING = "SILKQA_MILVUS_LOCK_SECONDS"
DEFAULT_TIMEOUT = 10.0
DEFAULT_LEASE = 900.0
PART_CHARS = 15_000  # a VARCHAR holds 65,535 bytes; UTF-8 takes at most 4 a character
BATCH = 512
KEYS_PER_QUERY = 200
DUMMY_DIM = 2  # Milvus wants a vector field in every collection, records too


def _quiet() -> None:
    # pymilvus logs each failed call with a traceback; the user gets one line from us instead
    for name in ("pymilvus", "milvus_lite", "grpc._server"):  # the last: Lite's in-process server
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _timeout() -> float:
    try:
        return max(0.1, float(os.environ.get(TIMEOUT_SETTING) or DEFAULT_TIMEOUT))
    except ValueError:
        raise UsageError(f"{TIMEOUT_SETTING} must be a number of seconds") from None


def _slug(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:12]


def _parts(text: str) -> list[str]:
    return [text[i : i + PART_CHARS] for i in range(0, len(text), PART_CHARS)] or [""]


def _in(field: str, keys: Sequence[str]) -> str:
    return f"{field} in {json.dumps(list(keys))}"


def _batches(items: Sequence, size: int) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _matrix(rows: list, dim: int) -> np.ndarray:
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), dim)


class MilvusVectors:
    """The dense half of search served by Milvus, shaped like a FAISS index (`ntotal`,
    `search`), so retrieval.search_vectors and everything above it stay as they are."""

    def __init__(self, store: MilvusConnection, collection: str, ntotal: int) -> None:
        self.store, self.collection, self.ntotal = store, collection, ntotal

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        self.store._loaded(self.collection)
        found = self.store._call(
            "search",
            self.collection,
            data=[np.asarray(q, dtype=np.float32).tolist() for q in queries],
            limit=k,
            anns_field="vector",
            search_params={"metric_type": "IP", "params": {"nprobe": IVF_NPROBE}},
            output_fields=["row"],
        )
        scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
        ids = np.full((len(queries), k), -1, dtype=np.int64)
        for q, hits in enumerate(found):
            for j, hit in enumerate(list(hits)[:k]):
                ids[q, j] = int(hit["entity"].get("row", hit.get("id")))
                scores[q, j] = float(hit["distance"])
        return scores, ids


class MilvusConnection:
    """One Milvus Lite database or Milvus server, and the few calls the store makes of it."""

    def __init__(self, uri: str) -> None:
        self.uri = uri
        self.prefix = os.environ.get(PREFIX_SETTING) or "silkqa"
        if not self.prefix.replace("_", "").isalnum() or self.prefix[0].isdigit():
            raise UsageError(
                f"{PREFIX_SETTING} may hold letters, digits and _ only (not starting with a digit)"
            )
        self.path: Path | None = None
        if uri.startswith("milvus:"):
            raw = uri[len("milvus:") :]
            if not raw.endswith(".db"):
                raise UsageError(
                    f"the Milvus Lite store '{uri}' must name a file ending in .db (milvus:PATH.db)"
                )
            self.path = Path(raw).expanduser().resolve()
        self.where = f"milvus:{self.path}" if self.path else uri
        self.timeout = _timeout()
        self._client = None
        self._ready: set[str] = set()
        self.meta, self.docs, self.alias = f"{self.prefix}_meta", f"{self.prefix}_docs", f"{self.prefix}_live"

    # ------------------------------------------------------------------ connection

    @property
    def client(self):
        if self._client is None:
            # gRPC's C core logs reconnects ("too_many_pings" after idle keepalives) on stderr;
            # failures reach the user as our one line instead. Read once, when grpc loads.
            os.environ.setdefault("GRPC_VERBOSITY", "NONE")
            from pymilvus import MilvusClient

            _quiet()  # after the import: importing pymilvus configures its loggers

            try:
                if self.path is not None:
                    self._refuse_if_open_elsewhere()
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    self._client = MilvusClient(str(self.path), timeout=self.timeout)
                else:
                    self._client = MilvusClient(
                        uri=self.uri,
                        token=os.environ.get(TOKEN_SETTING, ""),
                        db_name=os.environ.get(DB_SETTING, ""),
                        timeout=self.timeout,
                    )
            except SilkqaError:
                raise
            except Exception as exc:  # noqa: BLE001 - unreachable, refused, timed out, bad token: one line
                raise self._unavailable(exc) from None
        return self._client

    def _refuse_if_open_elsewhere(self) -> None:
        """Milvus Lite serves one process: say so, instead of pymilvus's connection error."""
        import fcntl

        from milvus_lite.server_manager import server_manager_instance

        lock = self.path / "LOCK"
        if str(self.path) in server_manager_instance._servers or not lock.exists():
            return
        fd = os.open(lock, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(fd, fcntl.LOCK_UN)
        except OSError:
            raise StoreUnavailable(
                f"the Milvus Lite store {self.path} is open in another process (a rebuild or the app); "
                "Milvus Lite serves one process at a time — wait, or use a Milvus server for several"
            ) from None
        finally:
            os.close(fd)

    def _unavailable(self, exc: Exception) -> StoreUnavailable:
        reason = " ".join(str(getattr(exc, "message", None) or exc).split())[:200] or type(exc).__name__
        return StoreUnavailable(
            f"cannot use the Milvus store {self.where} ({reason}); check that it is running and reachable "
            f"(timeout {self.timeout:g}s, set {TIMEOUT_SETTING})"
        )

    def _call(self, method: str, *args, **kwargs):
        """One Milvus call with the timeout, any failure turned into one clear line."""
        try:
            return getattr(self.client, method)(*args, timeout=self.timeout, **kwargs)
        except SilkqaError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise self._unavailable(exc) from None

    def _loaded(self, name: str) -> None:
        """Load a collection into memory once per connection (Milvus serves only loaded ones;
        a reopened Milvus Lite database starts with all of them released)."""
        if name not in self._ready:
            try:
                self._call("load_collection", name)
            except StoreUnavailable:
                if not self._drop_index_files(name):
                    raise
                self._call("load_collection", name)
            self._ready.add(name)

    def _drop_index_files(self, name: str) -> bool:
        """Milvus Lite writes a collection's index files (.idx, .sidx) in place, not through a
        temporary file, so a process killed while writing one leaves a file that no longer loads
        and the whole collection with it. They are caches of the collection's own rows: drop them
        (Lite builds them again on load) and say so. False when there is nothing to drop."""
        if self.path is None:
            return False
        partitions = self.path / "collections" / name / "partitions"
        files = [p for p in partitions.glob("*/indexes/*") if p.suffix in (".idx", ".sidx")]
        if not files:
            return False
        self.close()  # Lite holds the files it loaded; the next call reopens the database
        for path in files:
            path.unlink(missing_ok=True)
        logging.getLogger("silkqa").warning(
            "silkqa: %s's index files in %s did not load (a rebuild killed while writing them?); "
            "rebuilt them from its rows",
            name,
            self.where,
        )
        return True

    def close(self) -> None:
        """Disconnect; for Milvus Lite also stop its in-process server and release the database."""
        if self._client is not None:
            try:
                self._client.close()
            finally:
                self._client = None
                self._ready = set()
                if self.path is not None:
                    from milvus_lite.server_manager import server_manager_instance

                    server_manager_instance.release_server(str(self.path))

    # ------------------------------------------------------------------ collections

    def _create(self, name: str, fields: list[tuple], vectors: dict[str, tuple[int, str, dict]]) -> None:
        """Create a collection unless it exists: scalar `fields` (name, type, kwargs), and
        `vectors` {field: (dim, index type, index params)} indexed for inner product."""
        if self._call("has_collection", name):
            return
        from pymilvus import DataType, MilvusClient

        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        for field, kind, extra in fields:
            schema.add_field(field, getattr(DataType, kind), **extra)
        params = self.client.prepare_index_params()
        for field, (dim, index_type, extra) in vectors.items():
            schema.add_field(field, DataType.FLOAT_VECTOR, dim=dim)
            params.add_index(field, index_type=index_type, metric_type="IP", params=extra)
        self._call("create_collection", name, schema=schema, index_params=params)
        self._loaded(name)

    def _records(self, name: str, key_length: int) -> None:
        self._create(
            name,
            [
                ("id", "VARCHAR", {"max_length": key_length, "is_primary": True}),
                ("key", "VARCHAR", {"max_length": 128}),
                ("data", "VARCHAR", {"max_length": 65_535}),
            ],
            {"v": (DUMMY_DIM, "FLAT", {})},
        )

    def _sentences(self, name: str, dim: int) -> None:
        self._create(
            name,
            [
                ("id", "VARCHAR", {"max_length": 64, "is_primary": True}),
                ("vkey", "VARCHAR", {"max_length": 48}),
            ],
            {"vector": (dim, "FLAT", {})},
        )

    def _sentence_collections(self, manifest: dict) -> tuple[str, str | None]:
        model = manifest["model"]
        ml = manifest.get("multilingual")
        return (
            f"{self.prefix}_sent_{_slug(model['name'], model['dim'])}",
            f"{self.prefix}_mlsent_{_slug(ml['name'], ml['dim'])}" if ml else None,
        )

    def _query(self, name: str, filter: str, fields: list[str]) -> list[dict]:
        """Every row matching `filter` (paged with an iterator: a plain query stops at 16,384)."""
        self._loaded(name)
        try:
            iterator = self.client.query_iterator(
                name, batch_size=4096, filter=filter, output_fields=fields, timeout=self.timeout
            )
            rows: list[dict] = []
            while batch := iterator.next():
                rows.extend(batch)
            iterator.close()
            return rows
        except SilkqaError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise self._unavailable(exc) from None

    def _query_keys(self, name: str, field: str, keys: Iterable[str], fields: list[str]) -> list[dict]:
        keys = sorted(set(keys))
        rows: list[dict] = []
        for batch in _batches(keys, KEYS_PER_QUERY):
            rows.extend(self._query(name, _in(field, batch), fields))
        return rows

    def _upsert(self, name: str, rows: list[dict], progress: Progress | None = None, stage: str = "") -> None:
        for done, batch in enumerate(_batches(rows, BATCH), start=1):
            self._call("upsert", name, list(batch))
            if progress:
                progress(stage, min(done * BATCH, len(rows)), len(rows))


class _Lease:
    """One rebuild at a time on a Milvus server: a lease row in the meta collection, re-read
    after a pause so that of two rebuilds that wrote it at once only one goes on. A rebuild
    killed outright holds it until it expires ($SILKQA_MILVUS_LOCK_SECONDS, default 15 min)."""

    def __init__(self, store: MilvusConnection) -> None:
        self.store = store
        self.owner = f"{os.uname().nodename}:{os.getpid()}:{time.time_ns()}"

    def _holder(self) -> dict | None:
        rows = self.store._query(self.store.meta, 'id == "lock"', ["data"])
        try:
            return json.loads(rows[0]["data"]) if rows else None
        except ValueError:
            return None

    def __enter__(self) -> _Lease:
        store = self.store
        store._records(store.meta, 512)
        busy = IndexBusy(f"another rebuild of {store.where} is running; wait for it to finish and try again")
        holder = self._holder()
        if holder and holder.get("until", 0) > time.time() and holder.get("owner") != self.owner:
            raise busy
        lease = float(os.environ.get(LEASE_SETTING) or DEFAULT_LEASE)
        data = json.dumps({"owner": self.owner, "until": time.time() + lease})
        store._call(
            "upsert", store.meta, [{"id": "lock", "key": "lock", "data": data, "v": [0.0] * DUMMY_DIM}]
        )
        time.sleep(0.5)
        holder = self._holder()
        if not holder or holder.get("owner") != self.owner:
            raise busy
        return self

    def __exit__(self, *exc) -> None:
        holder = self._holder()
        if holder and holder.get("owner") == self.owner:
            self.store._call("delete", self.store.meta, filter='id == "lock"')
