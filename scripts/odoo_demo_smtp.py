"""A local SMTP catcher for the demo: every message Odoo sends lands in a directory,
one ``.eml`` file each, and never leaves the machine.

    python3 scripts/odoo_demo_smtp.py --port 2525 --directory /tmp/demo-mail

Standard library only (``smtpd`` is gone from Python 3.12): enough of RFC 5321 for a
client such as Odoo's (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), no
authentication, no TLS. Listens on 127.0.0.1 only. A message is written to disk before
the server answers 250, so a client that saw its send succeed can read the file.
"""

import argparse
import itertools
import os
import socketserver
import threading
import time
from pathlib import Path

MAX_MESSAGE = 30 * 1024 * 1024
_sequence = itertools.count(1)
_lock = threading.Lock()


class CatcherHandler(socketserver.StreamRequestHandler):
    timeout = 120

    def reply(self, line):
        self.wfile.write(line.encode("ascii") + b"\r\n")
        self.wfile.flush()

    def handle(self):
        self.reply("220 localhost demo mail catcher")
        sender, recipients = None, []
        while True:
            raw = self.rfile.readline(65536)
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb, _, argument = line.partition(" ")
            verb = verb.upper()
            if verb == "EHLO":
                self.wfile.write(b"250-localhost\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n")
                self.reply(f"250 SIZE {MAX_MESSAGE}")
            elif verb == "HELO":
                self.reply("250 localhost")
            elif verb == "MAIL":
                sender, recipients = argument.partition(":")[2].strip().split(" ")[0], []
                self.reply("250 OK")
            elif verb == "RCPT":
                if sender is None:
                    self.reply("503 MAIL first")
                    continue
                recipients.append(argument.partition(":")[2].strip().split(" ")[0])
                self.reply("250 OK")
            elif verb == "DATA":
                if not recipients:
                    self.reply("503 RCPT first")
                    continue
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = self.read_data()
                if data is None:
                    return
                self.store(sender, recipients, data)
                sender, recipients = None, []
                self.reply("250 OK: queued")
            elif verb == "RSET":
                sender, recipients = None, []
                self.reply("250 OK")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def read_data(self):
        lines, size = [], 0
        while True:
            raw = self.rfile.readline(MAX_MESSAGE)
            if not raw:
                return None
            if raw in (b".\r\n", b".\n"):
                return b"".join(lines)
            if raw.startswith(b".."):
                raw = raw[1:]  # dot-stuffing
            size += len(raw)
            if size > MAX_MESSAGE:
                return None
            lines.append(raw)

    def store(self, sender, recipients, data):
        directory = self.server.directory
        with _lock:
            name = f"{time.time_ns()}-{next(_sequence):06d}.eml"
        envelope = f"X-Catcher-From: {sender}\r\nX-Catcher-To: {', '.join(recipients)}\r\n"
        temporary = directory / f".{name}.tmp"
        temporary.write_bytes(envelope.encode("utf-8") + data)
        os.replace(temporary, directory / name)  # readers never see half a message


class Catcher(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port, directory):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        super().__init__(("127.0.0.1", port), CatcherHandler)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--directory", required=True)
    args = parser.parse_args()
    with Catcher(args.port, args.directory) as server:
        print(f"mail catcher on 127.0.0.1:{args.port}, writing to {args.directory}", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
