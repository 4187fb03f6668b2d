"""A network receipt printer (port 9100 protocol) on 127.0.0.1 for tests: it
keeps what it receives."""

import socket
import threading


class PrinterServer:
    def __init__(self, port: int = 0) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.received = bytearray()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            connection, _ = self.sock.accept()
        except OSError:
            return
        with connection:
            while chunk := connection.recv(65536):
                self.received.extend(chunk)

    def close(self) -> None:
        self.thread.join(5)
        self.sock.close()


def free_port() -> int:
    """A port nothing listens on (a printer that is switched off)."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port
