#!/usr/bin/env bash
# servers.sh — the real FTP servers ftpane's interop tests run against.
#
#   servers.sh start    install (Debian packages, unpacked side by side since
#                       they conflict as installed packages), configure, start
#   servers.sh stop     stop them by their saved PIDs
#   servers.sh status   which are answering
#
# vsftpd 127.0.0.1:2221, pure-ftpd :2222, proftpd :2223, pyftpdlib :2224,
# GNU inetutils ftpd :2225, vsftpd again on [::1]:2226; user ftptest/ftptest (home /srv/ftptest, chrooted
# but by inetutils), explicit TLS (not inetutils) with a self-signed certificate
# at $FTPSRV_STATE/tls/cert.pem (default /tmp/ftpane-interop). Run as root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
case ${1:-} in
  start)  exec bash "$here/start.sh" ;;
  stop)   exec bash "$here/stop.sh" ;;
  status)
    for hp in 127.0.0.1:2221 127.0.0.1:2222 127.0.0.1:2223 127.0.0.1:2224 127.0.0.1:2225 ::1:2226; do
      h=${hp%:*} p=${hp##*:}
      if timeout 2 bash -c "exec 3<>/dev/tcp/$h/$p" 2>/dev/null; then echo "$hp up"; else echo "$hp down"; fi
    done ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
