"""A ZIP archive written as it goes, for downloads that must start before they are done.

Python's :mod:`zipfile` writes to a stream it cannot seek in by putting each member's
sizes and checksum after its data (a data descriptor), so a member can be compressed and
handed out chunk by chunk while the rest is still being made: the first bytes leave at
once, and no proxy or worker timeout sees a silent connection. Members whose size is not
known in advance are written as ZIP64, so they may grow past 4 GiB.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator


class _Sink:
    """What the archive writes, kept until the next chunk is handed out."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes, /) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: :meth:`take` hands the bytes out."""

    def close(self) -> None:
        """Nothing to close: the archive only ever writes here."""

    def take(self) -> bytes:
        out = b"".join(self._parts)
        self._parts.clear()
        return out


def zip_stream(members: Iterable[tuple[str, Iterable[bytes]]]) -> Iterator[bytes]:
    """The archive of ``members`` (name, chunks), as bytes to send while it is written.

    Each member's chunks are taken only when the archive reaches it, so a later member
    (a codebook that counts the rows) may depend on what an earlier one produced.
    """
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, chunks in members:
            with archive.open(name, "w", force_zip64=True) as entry:
                yield sink.take()  # the member's header: the download has begun
                for chunk in chunks:
                    entry.write(chunk)
                    out = sink.take()
                    if out:
                        yield out
            yield sink.take()
    yield sink.take()  # the central directory


__all__ = ["zip_stream"]
