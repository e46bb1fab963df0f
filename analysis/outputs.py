"""Writing outputs safely: atomically (temp file + rename) and byte-reproducibly."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename.

    A reader never sees a half-written file, and a failure leaves the old file intact.
    Unchanged content is not rewritten, so timestamps stay put on a no-op rebuild.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        return path
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp creates 0600; give the usual permissions
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 text atomically (LF line ends)."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def frame_to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV bytes of a frame: UTF-8, LF, no index, stable float formatting."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def frame_to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    """Parquet bytes without pandas/pyarrow creation metadata that varies between runs."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata(None)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="snappy", write_statistics=False)
    return sink.getvalue()


def write_table(
    frame: pd.DataFrame, stem: str | Path, formats: Iterable[str] = ("csv",)
) -> list[Path]:
    """Write ``frame`` as ``stem.csv`` / ``stem.parquet`` atomically; return the paths."""
    stem = Path(stem)
    writers = {"csv": frame_to_csv_bytes, "parquet": frame_to_parquet_bytes}
    written = []
    for fmt in formats:
        written.append(atomic_write_bytes(stem.with_suffix(f".{fmt}"), writers[fmt](frame)))
    return written
