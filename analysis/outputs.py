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


def _same_bytes(a: Path, b: Path) -> bool:
    return (
        a.exists()
        and b.exists()
        and a.stat().st_size == b.stat().st_size
        and (sha256_file(a) == sha256_file(b))
    )


def commit_file(tmp: str | Path, path: str | Path) -> Path:
    """Move a finished temporary file onto ``path`` (same folder), unless the bytes are equal.

    Equal content leaves ``path`` and its timestamp untouched and removes ``tmp``.
    """
    tmp, path = Path(tmp), Path(path)
    if _same_bytes(tmp, path):
        tmp.unlink()
        return path
    os.chmod(tmp, 0o666 & ~_UMASK)
    os.replace(tmp, path)
    return path


class TableWriter:
    """Write a table in batches to temporary CSV/Parquet files; ``commit`` renames them.

    Memory is bounded by one batch. Until ``commit`` the previous outputs stay in place; on
    ``discard`` (or a failure) the temporary files are removed. The bytes depend only on the
    batches written, so the same batches give byte-identical files.
    """

    def __init__(self, stem: str | Path, formats: Iterable[str] = ("csv",)) -> None:
        self.stem = Path(stem)
        self.formats = tuple(formats)
        self.stem.parent.mkdir(parents=True, exist_ok=True)
        self._tmp: dict[str, Path] = {}
        for fmt in self.formats:
            fd, tmp = tempfile.mkstemp(
                dir=self.stem.parent, prefix=f".{self.stem.name}.{fmt}.", suffix=".tmp"
            )
            os.close(fd)
            self._tmp[fmt] = Path(tmp)
        self._csv = (
            open(self._tmp["csv"], "w", encoding="utf-8", newline="")
            if "csv" in (self._tmp)
            else None
        )
        self._parquet = None
        self._schema = None
        self.rows = 0
        self.batches = 0

    def write(self, frame: pd.DataFrame) -> None:
        """Append the rows of ``frame`` (same columns in every batch)."""
        if self._csv is not None:
            frame.to_csv(self._csv, index=False, header=self.batches == 0, lineterminator="\n")
        if "parquet" in self._tmp:
            self._write_parquet(frame)
        self.rows += len(frame)
        self.batches += 1

    def _write_parquet(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
        if self._schema is None:
            fields = [
                pa.field(f.name, pa.large_string()) if pa.types.is_null(f.type) else f
                for f in table.schema
            ]
            self._schema = pa.schema(fields)
            self._parquet = pq.ParquetWriter(
                self._tmp["parquet"], self._schema, compression="snappy", write_statistics=False
            )
        self._parquet.write_table(table.cast(self._schema))

    def _close(self) -> None:
        if self._csv is not None:
            self._csv.close()
            self._csv = None
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None

    def commit(self) -> list[Path]:
        """Close and move the temporary files onto ``stem.<format>``; return the paths."""
        if self.batches == 0:
            raise ValueError(f"{self.stem}: no batch written (write an empty frame)")
        self._close()
        return [commit_file(self._tmp[f], self.stem.with_suffix(f".{f}")) for f in self.formats]

    def discard(self) -> None:
        """Close and remove the temporary files; the previous outputs stay."""
        self._close()
        for tmp in self._tmp.values():
            if tmp.exists():
                tmp.unlink()
