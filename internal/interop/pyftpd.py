#!/usr/bin/python3
"""pyftpdlib on loopback for ftpane's interop tests (started by start.sh).

One port speaks plain FTP and explicit TLS (AUTH TLS, optional), with MLSD,
MFMT, SITE CHMOD, UTF8 and STOU as pyftpdlib offers them. The certificate
is read as root; then the process drops to the test user, so the files it
writes belong to that user as with the other servers.
"""
import argparse
import os
import pwd

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import TLS_FTPHandler
from pyftpdlib.servers import FTPServer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--addr", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pasv", required=True, help="MIN-MAX")
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--home", required=True)
    ap.add_argument("--anon-root", required=True)
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    a = ap.parse_args()

    auth = DummyAuthorizer()
    # e l r a d f m w: the usual rights; M: SITE CHMOD; T: MFMT.
    auth.add_user(a.user, a.password, a.home, perm="elradfmwMT")
    auth.add_anonymous(a.anon_root)

    h = TLS_FTPHandler
    h.authorizer = auth
    lo, hi = (int(p) for p in a.pasv.split("-"))
    h.passive_ports = range(lo, hi + 1)
    h.tls_control_required = False
    h.tls_data_required = False
    h.certfile, h.keyfile = a.cert, a.key
    h.ssl_context = h.get_ssl_context()  # now, while the key is readable
    h.banner = "pyftpdlib loopback test server ready."

    server = FTPServer((a.addr, a.port), h)
    server.max_cons = 256
    pw = pwd.getpwnam(a.user)
    os.setgroups([])
    os.setgid(pw.pw_gid)
    os.setuid(pw.pw_uid)
    server.serve_forever()


if __name__ == "__main__":
    main()
