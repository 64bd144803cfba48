"""A tenant-chosen SMTP host is an outbound connection from our network: only public addresses on the mail
ports. The check runs when the settings are saved and again at each connection, on the addresses the name
resolves to then (a name that pointed outside at save time may point inside later); the connection goes to
the address checked, never to a second resolution of the name."""

from __future__ import annotations

import ipaddress
import re
import socket

from api.mail import errors
from api.mail.errors import MailFailure

MAIL_PORTS = frozenset({25, 465, 587, 2525})
_HOSTNAME = re.compile(
    r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"
)


def is_host_name(text: str) -> bool:
    """A DNS name or an IP address: no scheme, no port, no spaces."""
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return bool(_HOSTNAME.match(text))


def check_port(port: int, *, allow_private: bool) -> None:
    # A local mail catcher of a test or a demo listens anywhere (1025...): only with private hosts allowed.
    if port not in MAIL_PORTS and not allow_private:
        raise MailFailure(f"port {port} is not a mail submission port", reason=errors.PORT_FORBIDDEN,
                           params={"port": port})  # fmt: skip


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.partition("%")[0])  # an IPv6 link-local address may carry a scope
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None and not is_public(str(embedded)):
            return False
        if ip.is_site_local:
            return False
    if ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast or ip.is_reserved:
        return False
    return ip.is_global and not ip.is_unspecified


def resolve(host: str, port: int, *, allow_private: bool) -> list[str]:
    """The addresses to connect to, each one checked: the host is refused if any of them is not public
    (the operating system's resolver bounds the time a lookup takes)."""
    check_port(port, allow_private=allow_private)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise MailFailure(f"the mail host {host!r} is unknown", reason=errors.HOST_UNKNOWN,
                           params={"host": host}) from exc  # fmt: skip
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if not allow_private and not all(is_public(address) for address in addresses):
        raise MailFailure(f"the mail host {host!r} is not a public address", reason=errors.HOST_FORBIDDEN,
                           params={"host": host})  # fmt: skip
    return addresses
