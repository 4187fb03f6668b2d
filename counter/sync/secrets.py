"""The central password kept in the platform's keyring (Windows Credential
Manager, macOS Keychain, Secret Service) instead of the settings file."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from counter.errors import InvalidInput

SERVICE = "counter-central"


def _account(url: str) -> str:
    parsed = make_url(url)
    return f"{parsed.username}@{parsed.host}:{parsed.port or 5432}/{parsed.database}"


def with_keyring_password(url: str) -> str:
    """`url` with the keyring's password when it names a user but no password
    (a URL with a password, or without a keyring, is left as it is)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or not parsed.username or parsed.password:
        return url
    import keyring
    from keyring.errors import KeyringError

    try:
        password = keyring.get_password(SERVICE, _account(url))
    except KeyringError:
        return url  # no keyring here: libpq's own ~/.pgpass or PGPASSWORD may still serve
    return parsed.set(password=password).render_as_string(hide_password=False) if password else url


def store_password(url: str, password: str) -> str:
    """Keep `password` for the user and server of `url` in the keyring; returns the account name."""
    import keyring
    from keyring.errors import KeyringError

    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or not parsed.username:
        raise InvalidInput("central.url harus PostgreSQL dengan nama pengguna, mis. postgresql://counter_desk@db/counter.")
    if not password:
        raise InvalidInput("Kata sandi pusat kosong.")
    try:
        keyring.set_password(SERVICE, _account(url), password)
    except KeyringError as error:
        raise InvalidInput(f"Keyring tidak tersedia di komputer ini ({error}); simpan kata sandi di berkas "
                           "pengaturan (hanya bisa dibaca pemiliknya) atau di ~/.pgpass.") from None
    return _account(url)
