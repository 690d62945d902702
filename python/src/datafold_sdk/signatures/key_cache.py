"""Caches of parsed ``cryptography`` key objects.

Loading an Ed25519 private key computes its public key, a scalar multiplication that costs about
as much as the signature itself; loading a public key decodes a point. Caching the parsed objects
keeps ``sign`` and ``verify`` within a few percent of raw ``cryptography`` (python/bench). The
caches are bounded, and ``forget_key`` / ``clear_key_cache`` drop entries (``clear_key_material``
calls them).

Example:
    >>> key = private_key_object(bytes(32))
    >>> private_key_object(bytes(32)) is key
    True
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

_T = TypeVar("_T")
_MAX_ENTRIES = 256


class _Lru(Generic[_T]):
    def __init__(self) -> None:
        self._items: OrderedDict[bytes, _T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: bytes) -> _T | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: bytes, value: _T) -> None:
        with self._lock:
            self._items[key] = value
            if len(self._items) > _MAX_ENTRIES:
                self._items.popitem(last=False)

    def discard(self, key: bytes) -> None:
        with self._lock:
            self._items.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_private: _Lru[Ed25519PrivateKey] = _Lru()
_public: _Lru[Ed25519PublicKey] = _Lru()


def private_key_object(seed: bytes) -> Ed25519PrivateKey:
    """The parsed private key of a 32-byte seed, from the cache when possible."""
    key = _private.get(seed)
    if key is None:
        key = Ed25519PrivateKey.from_private_bytes(seed)
        _private.put(seed, key)
    return key


def public_key_object(public_key: bytes) -> Ed25519PublicKey:
    """The parsed public key of 32 bytes, from the cache when possible."""
    key = _public.get(public_key)
    if key is None:
        key = Ed25519PublicKey.from_public_bytes(public_key)
        _public.put(public_key, key)
    return key


def forget_key(key: bytes) -> None:
    """Drops a seed or public key from the caches."""
    _private.discard(key)
    _public.discard(key)


def clear_key_cache() -> None:
    """Empties both caches."""
    _private.clear()
    _public.clear()
