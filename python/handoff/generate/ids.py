"""Identifiers and string columns built as byte matrices, never as Python strings one by one.

Ten million events need ten million ids; formatting them in a Python loop would dominate the run. Ids are built as
fixed-width uint8 matrices with numpy and handed to Arrow as one buffer (zero copy). Salesforce ids carry the real
key prefixes and the real 3-character case-safe suffix, so they look and behave like connector ids.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_BASE62 = np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", dtype=np.uint8)
_SUFFIX = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", dtype=np.uint8)
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)

SF_PREFIX = {
    "account": "001",
    "contact": "003",
    "lead": "00Q",
    "opportunity": "006",
    "task": "00T",
    "event": "00U",
    "user": "005",
    "user_role": "00E",
    "campaign": "701",
    "campaign_member": "00v",
}
# Chunk c allocates sequence numbers in [c * CHUNK_ID_SPACE, (c + 1) * CHUNK_ID_SPACE): unique without coordination.
CHUNK_ID_SPACE = 1 << 22


def fixed_width_strings(matrix: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """An Arrow string array from an (n, width) uint8 matrix, zero copy; `mask` True means null."""
    matrix = np.ascontiguousarray(matrix, dtype=np.uint8)
    n, width = matrix.shape
    offsets = np.arange(0, width * (n + 1), width, dtype=np.int32)
    arr = pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(matrix))
    if mask is not None and mask.any():
        arr = pc.if_else(pa.array(mask), pa.scalar(None, pa.string()), arr)
    return arr


def salesforce_id_bytes(kind: str, seq: np.ndarray) -> np.ndarray:
    """(n, 18) uint8 Salesforce ids for sequence numbers `seq`: key prefix, pod, base62 body, case-safe suffix."""
    seq = np.asarray(seq, dtype=np.int64)
    n = seq.shape[0]
    out = np.empty((n, 18), dtype=np.uint8)
    out[:, 0:3] = np.frombuffer(SF_PREFIX[kind].encode(), dtype=np.uint8)
    out[:, 3:5] = np.frombuffer(b"5g", dtype=np.uint8)
    out[:, 5] = ord("0")
    rest = seq.copy()
    for pos in range(14, 5, -1):
        out[:, pos] = _BASE62[rest % 62]
        rest //= 62
    upper = (out[:, :15] >= ord("A")) & (out[:, :15] <= ord("Z"))
    weights = np.array([1, 2, 4, 8, 16], dtype=np.int64)
    for block in range(3):
        bits = (upper[:, block * 5 : block * 5 + 5] * weights).sum(axis=1)
        out[:, 15 + block] = _SUFFIX[bits]
    return out


def salesforce_ids(kind: str, seq: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """Salesforce ids as an Arrow string array."""
    return fixed_width_strings(salesforce_id_bytes(kind, seq), mask)


def salesforce_id_list(kind: str, seq: np.ndarray) -> np.ndarray:
    """Salesforce ids as a numpy object array of str (for the small CRM tables built row by row)."""
    raw = salesforce_id_bytes(kind, seq)
    return np.array([bytes(row).decode() for row in raw], dtype=object)


def uuid_bytes(rng: np.random.Generator, n: int) -> np.ndarray:
    """(n, 36) uint8 random version-4-looking UUIDs: the shape HubSpot event ids and Segment ids take."""
    raw = rng.integers(0, 256, size=(n, 16), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    hexed = np.empty((n, 32), dtype=np.uint8)
    hexed[:, 0::2] = _HEX[raw >> 4]
    hexed[:, 1::2] = _HEX[raw & 15]
    out = np.full((n, 36), ord("-"), dtype=np.uint8)
    out[:, 0:8] = hexed[:, 0:8]
    out[:, 9:13] = hexed[:, 8:12]
    out[:, 14:18] = hexed[:, 12:16]
    out[:, 19:23] = hexed[:, 16:20]
    out[:, 24:36] = hexed[:, 20:32]
    return out


def uuid_list(rng: np.random.Generator, n: int) -> np.ndarray:
    """UUID strings as a numpy object array (for small dictionaries such as device ids)."""
    return np.array([bytes(row).decode() for row in uuid_bytes(rng, n)], dtype=object)


@functools.lru_cache(maxsize=64)
def _dictionary(values: tuple[str | None, ...]) -> pa.Array:
    return pa.array(values, type=pa.string())


def take_strings(values: Sequence[str | None] | np.ndarray, index: np.ndarray) -> pa.Array:
    """values[index] as an Arrow string array; index < 0 means null. Dictionary-encoded, so cheap."""
    index = np.asarray(index)
    if isinstance(values, tuple):
        dictionary = _dictionary(values)
    else:
        dictionary = pa.array(np.asarray(values, dtype=object), type=pa.string())
    idx = pa.array(index.astype(np.int32), mask=index < 0)
    return pa.DictionaryArray.from_arrays(idx, dictionary).cast(pa.string())


def stable_unit(seed: int, key: str, salt: str) -> float:
    """A uniform [0, 1) number fixed by (seed, key, salt), the same in every process (unlike `hash()`).

    Used where a property must be recomputable without the population, e.g. which mail scanner guards a domain,
    so `append_day` can reproduce it from the raw file alone.
    """
    digest = hashlib.blake2b(f"{seed}|{salt}|{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


_B62_STR = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_SUFFIX_STR = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
_UPPER_BITS = str.maketrans(
    {**{c: "1" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}, **{c: "0" for c in "0123456789abcdefghijklmnopqrstuvwxyz"}}
)


@functools.lru_cache(maxsize=1 << 18)
def salesforce_id(kind: str, seq: int) -> str:
    """One Salesforce id (same value as `salesforce_id_bytes` gives), for row-by-row CRM code."""
    body = []
    rest = int(seq)
    for _ in range(9):
        rest, digit = divmod(rest, 62)
        body.append(_B62_STR[digit])
    core = SF_PREFIX[kind] + "5g0" + "".join(reversed(body))
    bits = core.translate(_UPPER_BITS)
    return core + "".join(_SUFFIX_STR[int(bits[k : k + 5][::-1], 2)] for k in (0, 5, 10))
