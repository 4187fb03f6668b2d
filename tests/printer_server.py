"""A network receipt printer (port 9100 protocol) on 127.0.0.1 for tests: it
keeps what it receives and, when given a paper state, answers the paper
status query (DLE EOT 4) as a real printer does."""

import socket
import threading

PAPER_QUERY = b"\x10\x04\x04"  # DLE EOT 4, what python-escpos's paper_status() sends
# The reply byte: bits 1 and 4 are always set; bits 2-3 paper near its end, bits 5-6 paper out.
PAPER_REPLY = {"ok": b"\x12", "near_end": b"\x1e", "out": b"\x7e"}


class PrinterServer:
    """`paper`: "ok", "near_end" or "out" to answer the paper status; None
    for a printer that ignores it, as many cheap ones do."""

    def __init__(self, port: int = 0, paper: str | None = None) -> None:
        self.reply = PAPER_REPLY[paper] if paper else b""
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
            answered = 0
            while chunk := connection.recv(65536):
                self.received.extend(chunk)
                asked = bytes(self.received).count(PAPER_QUERY)
                if self.reply and asked > answered:
                    connection.sendall(self.reply * (asked - answered))
                    answered = asked

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
