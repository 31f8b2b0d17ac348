#!/usr/bin/env bash
# servers.sh — the real FTP servers ftpane's interop tests run against.
#
#   servers.sh start    install (Debian packages, unpacked side by side since
#                       they conflict as installed packages), configure, start
#   servers.sh stop     stop them by their saved PIDs
#   servers.sh status   which are answering
#
# vsftpd 127.0.0.1:2221, pure-ftpd :2222, proftpd :2223, pyftpdlib :2224,
# GNU inetutils ftpd :2225; user ftptest/ftptest (home /srv/ftptest, chrooted
# but by inetutils), explicit TLS (not inetutils) with a self-signed certificate
# at $FTPSRV_STATE/tls/cert.pem (default /tmp/ftpane-interop). Run as root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
case ${1:-} in
  start)  exec bash "$here/start.sh" ;;
  stop)   exec bash "$here/stop.sh" ;;
  status)
    for p in 2221 2222 2223 2224 2225; do
      if timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$p" 2>/dev/null; then echo "$p up"; else echo "$p down"; fi
    done ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
