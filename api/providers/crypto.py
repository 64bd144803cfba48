"""Encryption of provider secrets at rest (Fernet), with a key derived from the service's secret key."""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


class SecretUnreadable(Exception):
    pass


def _fernet(secret_key: str) -> Fernet:
    # A distinct derived key, so the session signing secret is never used directly as an encryption key.
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"encaisse", info=b"provider-credentials"
    ).derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def encrypt(secret_key: str, plaintext: str) -> bytes:
    return _fernet(secret_key).encrypt(plaintext.encode())


def decrypt(secret_key: str, token: bytes) -> str:
    try:
        return _fernet(secret_key).decrypt(token).decode()
    except InvalidToken as exc:
        raise SecretUnreadable(
            "the stored credentials cannot be decrypted with the current secret key"
        ) from exc
