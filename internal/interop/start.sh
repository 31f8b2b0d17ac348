#!/usr/bin/env bash
# start.sh — install (if missing), configure and start three real FTP servers
# on loopback only, for ftpane's interop tests and benchmarks.
# Usually run through servers.sh (start|stop|status).
#
#   vsftpd    127.0.0.1:2221  pasv 30000-30099  explicit FTPS (AUTH TLS) optional
#   pure-ftpd 127.0.0.1:2222  pasv 30100-30199  explicit FTPS (AUTH TLS) optional
#   proftpd   127.0.0.1:2223  pasv 30200-30299  explicit FTPS (AUTH TLS) optional
#   pyftpdlib 127.0.0.1:2224  pasv 30300-30399  explicit FTPS (AUTH TLS) optional
#   inetutils 127.0.0.1:2225  pasv: any port    no TLS; not chrooted: the user's
#             home is /srv/ftptest in the real "/"; lists through /bin/ls
#   vsftpd6   [::1]:2226      pasv 30400-30499  vsftpd again, on IPv6 loopback (EPSV/EPRT);
#             not started when the machine has no ::1
#
# (Not 2121: that is `ftpane serve`'s default port.)
#
# User ftptest / ftptest, home /srv/ftptest (chrooted: "/" == /srv/ftptest).
# Anonymous (user "anonymous" or "ftp", any password), read-only, root /srv/ftp.
#
# Idempotent: re-running re-writes the configs and starts only servers that are
# not already running (PID files in $STATE/pid). Stop with stop.sh.
#
# WHY the servers are not "apt-get install"ed: vsftpd, pure-ftpd and proftpd-core
# all "Conflicts: ftp-server" in Debian, so dpkg can hold only one of them.
# Instead we `apt-get download` the three .debs, unpack them with `dpkg-deb -x`
# into $PREFIX/<name> (no maintainer scripts run, so nothing auto-starts on
# port 21 either), and apt-get install only their shared-library dependencies.
#
# Env overrides: FTPSRV_STATE (configs/logs/pids/certs), FTPSRV_PREFIX (binaries),
# FTPSRV_ONLY="vsftpd proftpd" (subset to start).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

STATE=${FTPSRV_STATE:-/tmp/ftpane-interop}
PREFIX=${FTPSRV_PREFIX:-/opt/ftpsrv}
ONLY=${FTPSRV_ONLY:-"vsftpd pure-ftpd proftpd pyftpdlib inetutils vsftpd6"}
FTP_USER=ftptest
FTP_PASS=ftptest
FTP_HOME=/srv/ftptest
ANON_ROOT=/srv/ftp
ADDR=127.0.0.1
VSFTPD_SSL_REUSE=${FTPSRV_VSFTPD_SSL_REUSE:-YES}
# Debian 12 hashes passwords with yescrypt (~60-70 ms CPU per PASS here, and
# proftpd verifies twice); SHA512-crypt makes login ~10 ms so benchmarks of
# connection setup measure the client, not the server's KDF.
PW_HASH=${FTPSRV_PW_HASH:-SHA512}

VSFTPD_PORT=2221;  VSFTPD_PASV_MIN=30000;  VSFTPD_PASV_MAX=30099
PUREFTPD_PORT=2222; PUREFTPD_PASV_MIN=30100; PUREFTPD_PASV_MAX=30199
PROFTPD_PORT=2223; PROFTPD_PASV_MIN=30200; PROFTPD_PASV_MAX=30299
PYFTPD_PORT=2224;  PYFTPD_PASV_MIN=30300;  PYFTPD_PASV_MAX=30399
INETUTILS_PORT=2225
VSFTPD6_PORT=2226; VSFTPD6_PASV_MIN=30400; VSFTPD6_PASV_MAX=30499

VSFTPD_BIN=$PREFIX/vsftpd/usr/sbin/vsftpd
PUREFTPD_BIN=$PREFIX/pure-ftpd/usr/sbin/pure-ftpd
PROFTPD_BIN=$PREFIX/proftpd/usr/sbin/proftpd
PROFTPD_MODDIR=$PREFIX/proftpd/usr/lib/proftpd
INETUTILS_BIN=$PREFIX/inetutils/usr/sbin/ftpd
PYTHON=/usr/bin/python3

log() { printf '[interop] %s\n' "$*" >&2; }
[ "$(id -u)" = 0 ] || { echo "must run as root" >&2; exit 1; }

# ---------------------------------------------------------------- install ----
install_if_missing() {
  # Runtime libraries of the three servers (from their Depends lines) + clients.
  local libs="libwrap0 libsodium23 libhiredis0.14 libmemcached11 libmemcachedutil2
    libidn2-0 libpcre2-posix3 libpcre2-8-0 libcap2 libacl1 libcrypt1 libpam0g
    libpam-modules libpam-runtime libssl3 zlib1g libncursesw6 libtinfo6 netbase
    openssl ca-certificates"
  # clients: curl checks `ftpane serve`; tnftp is the classic-ftp reference;
  # tmux drives the TUI end to end; lftp is the benchmark peer; zsh and fish
  # check the completion scripts (bash is there already); man-db renders
  # `ftpane man`; python3's ftplib is one more client of `ftpane serve`.
  local clients="lftp curl tnftp tmux zsh fish man-db python3"
  # pyftpdlib runs as a script (no ftp-server conflict); tcpserver runs
  # inetutils' ftpd, which has no port option of its own, on 2225.
  local others="python3-pyftpdlib python3-openssl ucspi-tcp"
  local need=()
  for p in $libs $clients $others; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
  done
  local need_srv=0
  [ -x "$VSFTPD_BIN" ] && [ -x "$PUREFTPD_BIN" ] && [ -x "$PROFTPD_BIN" ] \
    && [ -f "$PROFTPD_MODDIR/mod_tls.so" ] && [ -x "$INETUTILS_BIN" ] || need_srv=1
  if [ ${#need[@]} -gt 0 ] || [ $need_srv = 1 ]; then
    local t0=$SECONDS
    log "apt-get update"
    apt-get update -qq
    if [ ${#need[@]} -gt 0 ]; then
      log "apt-get install ${need[*]}"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        --no-upgrade "${need[@]}" >/dev/null
    fi
    if [ $need_srv = 1 ]; then
      local dl; dl=$(mktemp -d); chmod 755 "$dl"
      # let apt's sandbox user write there (else a harmless "unsandboxed" warning)
      getent passwd _apt >/dev/null && chown _apt "$dl"
      ( cd "$dl" && apt-get download -qq vsftpd pure-ftpd pure-ftpd-common \
          proftpd-core proftpd-mod-crypto inetutils-ftpd )
      rm -rf "$PREFIX/vsftpd" "$PREFIX/pure-ftpd" "$PREFIX/proftpd" "$PREFIX/inetutils"
      mkdir -p "$PREFIX"/{vsftpd,pure-ftpd,proftpd,inetutils,debs}
      dpkg-deb -x "$dl"/vsftpd_*.deb           "$PREFIX/vsftpd"
      dpkg-deb -x "$dl"/pure-ftpd_*.deb        "$PREFIX/pure-ftpd"
      dpkg-deb -x "$dl"/pure-ftpd-common_*.deb "$PREFIX/pure-ftpd"
      dpkg-deb -x "$dl"/proftpd-core_*.deb     "$PREFIX/proftpd"
      dpkg-deb -x "$dl"/proftpd-mod-crypto_*.deb "$PREFIX/proftpd"
      dpkg-deb -x "$dl"/inetutils-ftpd_*.deb   "$PREFIX/inetutils"
      mv "$dl"/*.deb "$PREFIX/debs/"; rmdir "$dl"
      for b in "$VSFTPD_BIN" "$PUREFTPD_BIN" "$PROFTPD_BIN" "$PROFTPD_MODDIR/mod_tls.so" "$INETUTILS_BIN"; do
        if ldd "$b" | grep -q 'not found'; then log "missing libs for $b:"; ldd "$b" | grep 'not found'; exit 1; fi
      done
    fi
    log "install step took $((SECONDS - t0)) s"
  fi
}

# ------------------------------------------------------------ users, dirs ----
setup_users_dirs() {
  getent group nogroup >/dev/null || groupadd -r nogroup
  # "ftp": anonymous user for all three servers (pure-ftpd enables anonymous
  # login iff a system user "ftp" exists; its home is the anonymous root).
  if ! getent passwd ftp >/dev/null; then
    useradd --system --home-dir "$ANON_ROOT" --no-create-home --shell /usr/sbin/nologin ftp
  fi
  if ! getent passwd "$FTP_USER" >/dev/null; then
    useradd --no-create-home --home-dir "$FTP_HOME" --shell /bin/bash "$FTP_USER"   # no /etc/skel dotfiles
  fi
  echo "$FTP_USER:$FTP_PASS" | chpasswd -c "$PW_HASH"
  mkdir -p "$FTP_HOME/upload" "$ANON_ROOT/pub"
  chown "$FTP_USER:" "$FTP_HOME" "$FTP_HOME/upload"
  # anonymous root must NOT be writable by the ftp user (vsftpd refuses it)
  chown root:root "$ANON_ROOT" "$ANON_ROOT/pub"; chmod 755 "$ANON_ROOT" "$ANON_ROOT/pub"
  [ -f "$ANON_ROOT/pub/README.txt" ] || echo "anonymous read-only area" > "$ANON_ROOT/pub/README.txt"
  [ -f "$FTP_HOME/hello.txt" ] || { echo "hello from $FTP_HOME" > "$FTP_HOME/hello.txt"; chown "$FTP_USER:" "$FTP_HOME/hello.txt"; }
  mkdir -p /var/run/vsftpd/empty /var/run/pure-ftpd    # vsftpd secure_chroot_dir
  mkdir -p "$STATE"/{conf,log,pid,tls}
  # PAM service files shipped in the .debs (only vsftpd strictly needs PAM here)
  for s in vsftpd:vsftpd proftpd:proftpd pure-ftpd:pure-ftpd; do
    local pkg=${s%%:*} svc=${s##*:}
    [ -f "/etc/pam.d/$svc" ] || cp "$PREFIX/$pkg/etc/pam.d/$svc" "/etc/pam.d/$svc"
  done
}

# ------------------------------------------------------------------ TLS ------
setup_tls() {
  local d=$STATE/tls
  if [ ! -s "$d/cert.pem" ] || [ ! -s "$d/key.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 \
      -keyout "$d/key.pem" -out "$d/cert.pem" -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" 2>/dev/null
  fi
  cat "$d/key.pem" "$d/cert.pem" > "$d/combined.pem"   # pure-ftpd wants key+cert
  chmod 600 "$d"/key.pem "$d"/combined.pem
}

# -------------------------------------------------------------- configs ------
write_configs() {
  cat > "$STATE/conf/vsftpd.conf" <<EOF
# vsftpd 3.0.3 — loopback test server
listen=YES
listen_ipv6=NO
listen_address=$ADDR
listen_port=$VSFTPD_PORT
background=NO
# REQUIRED here: with the default seccomp_sandbox=YES, login works but every
# data-connection command (LIST/RETR/STOR) and AUTH TLS kills the session
# (client sees a dropped control connection / "wrong version number"):
# the session dies of SIGSYS on newfstatat(fd,"",AT_EMPTY_PATH), which is how
# glibc 2.36 implements fstat() and which vsftpd 3.0.3's filter doesn't allow.
seccomp_sandbox=NO
# isolate/isolate_network (CLONE_NEWPID/CLONE_NEWNET per session) DO work on
# this VM as root; turned off only so the config also runs in unprivileged
# containers and to skip netns creation per login.
isolate=NO
isolate_network=NO
anonymous_enable=YES
anon_root=$ANON_ROOT
no_anon_password=YES
anon_upload_enable=NO
anon_mkdir_write_enable=NO
anon_other_write_enable=NO
ftp_username=ftp
local_enable=YES
write_enable=YES
local_umask=022
chroot_local_user=YES
allow_writeable_chroot=YES
pam_service_name=vsftpd
secure_chroot_dir=/var/run/vsftpd/empty
nopriv_user=nobody
pasv_enable=YES
pasv_address=$ADDR
pasv_min_port=$VSFTPD_PASV_MIN
pasv_max_port=$VSFTPD_PASV_MAX
port_enable=YES
connect_from_port_20=NO
dirmessage_enable=NO
use_localtime=NO
max_clients=100
max_per_ip=50
idle_session_timeout=600
data_connection_timeout=300
xferlog_enable=YES
xferlog_std_format=NO
log_ftp_protocol=NO
vsftpd_log_file=$STATE/log/vsftpd.log
syslog_enable=NO
# explicit FTPS (AUTH TLS), optional for local users
ssl_enable=YES
allow_anon_ssl=NO
force_local_logins_ssl=NO
force_local_data_ssl=NO
# 3.0.3 has no ssl_tlsv1_1/ssl_tlsv1_2 knobs ("unrecognised variable");
# ssl_tlsv1=YES means "TLS 1.x allowed" (OpenSSL 3 then negotiates 1.2/1.3)
ssl_tlsv1=YES
ssl_sslv2=NO
ssl_sslv3=NO
# (Debian's build already defaults to ECDHE-RSA-AES256-GCM-SHA384; HIGH is wider)
ssl_ciphers=HIGH
# vsftpd default YES: the data-connection TLS session must resume the control
# connection's session, else "522 SSL connection failed: session reuse required".
# curl and lftp comply. Kept at the real-world default so a new client is tested
# against it; FTPSRV_VSFTPD_SSL_REUSE=NO relaxes it.
require_ssl_reuse=$VSFTPD_SSL_REUSE
rsa_cert_file=$STATE/tls/cert.pem
rsa_private_key_file=$STATE/tls/key.pem
EOF

  # the same vsftpd on IPv6 loopback only (listen and listen_ipv6 exclude
  # each other in one process)
  sed -e 's/^listen=YES/listen=NO/' -e 's/^listen_ipv6=NO/listen_ipv6=YES/' \
      -e "s/^listen_address=.*/listen_address6=::1/" -e "s/^listen_port=.*/listen_port=$VSFTPD6_PORT/" \
      -e '/^pasv_address=/d' -e "s/^pasv_min_port=.*/pasv_min_port=$VSFTPD6_PASV_MIN/" \
      -e "s/^pasv_max_port=.*/pasv_max_port=$VSFTPD6_PASV_MAX/" -e "s#/vsftpd\\.log\$#/vsftpd6.log#" \
      "$STATE/conf/vsftpd.conf" > "$STATE/conf/vsftpd6.conf"

  # pure-ftpd takes its configuration on the command line (the Debian wrapper
  # just translates /etc/pure-ftpd/conf/* into flags); we record them here.
  # --limitrecursion: the default 10000:5 silently truncates any LIST/NLST/MLSD
  #   to 10,000 entries ("226 Output truncated to 10000 matches").
  # No --daemonize: it stays in the foreground so $! is the listener PID.
  cat > "$STATE/conf/pure-ftpd.args" <<EOF
--bind $ADDR,$PUREFTPD_PORT
--passiveportrange $PUREFTPD_PASV_MIN:$PUREFTPD_PASV_MAX
--forcepassiveip $ADDR
--login unix
--chrooteveryone
--anonymouscantupload
--dontresolve
--maxclientsnumber 100
--maxclientsperip 50
--limitrecursion 2000000:16
--minuid 100
--syslogfacility none
--altlog clf:$STATE/log/pure-ftpd-xfer.log
--pidfile $STATE/pid/pure-ftpd.selfpid
--tls 1
--certfile $STATE/tls/combined.pem
--umask 133:022
EOF

  # proftpd note: after any SIGCHLD/SIGALRM the master sleeps 0.2 s per EINTR
  # (compile-time PR_TUNABLE_EINTR_RETRY_INTERVAL), so a new connection that
  # arrives right after another session ended waits up to ~0.4 s for its 220.
  cat > "$STATE/conf/proftpd.conf" <<EOF
# ProFTPD 1.3.8 — loopback test server
ModulePath          $PROFTPD_MODDIR
<IfModule !mod_tls.c>
  LoadModule mod_tls.c
</IfModule>
ServerName          "proftpd loopback test"
ServerType          standalone
DefaultServer       on
UseIPv6             off
DefaultAddress      $ADDR
SocketBindTight     on
Port                $PROFTPD_PORT
PassivePorts        $PROFTPD_PASV_MIN $PROFTPD_PASV_MAX
MasqueradeAddress   $ADDR
User                nobody
Group               nogroup
Umask               022 022
MaxInstances        100
MaxClientsPerHost   50
DefaultRoot         ~
RequireValidShell   off
AllowOverwrite      on
# REST before STOR/APPE (resumed uploads) is refused by default
AllowStoreRestart   on
UseReverseDNS       off
UseSendfile         on
TimeoutIdle         600
PidFile             $STATE/pid/proftpd.selfpid
ScoreboardFile      $STATE/pid/proftpd.scoreboard
SystemLog           $STATE/log/proftpd.log
TransferLog         $STATE/log/proftpd-xfer.log
WtmpLog             off
AuthOrder           mod_auth_pam.c* mod_auth_unix.c
# mod_delay (static) adds random delays to USER/PASS: skews login timings
<IfModule mod_delay.c>
  DelayEngine off
</IfModule>
# LIST/NLST of huge directories: no cap on entries (the defaults already
# return all 100,000 entries here; explicit so nobody lowers it by accident).
# proftpd stats ~3.6x per entry, so a 100k-entry LIST takes ~3 s server-side.
ListOptions         "" maxfiles 10000000 maxdirs 1000000 maxdepth 64
<IfModule mod_tls.c>
  TLSEngine                 on
  TLSLog                    $STATE/log/proftpd-tls.log
  TLSProtocol               TLSv1.2 TLSv1.3
  TLSRSACertificateFile     $STATE/tls/cert.pem
  TLSRSACertificateKeyFile  $STATE/tls/key.pem
  TLSVerifyClient           off
  # Without an explicit CA file mod_tls loads the whole system CA bundle in
  # every session child: ~35 ms extra before the 220 banner on each connect.
  TLSCACertificateFile      $STATE/tls/cert.pem
  TLSRequired               off
  TLSOptions                NoSessionReuseRequired
</IfModule>
<Anonymous $ANON_ROOT>
  User              ftp
  Group             nogroup
  UserAlias         anonymous ftp
  RequireValidShell off
  MaxClients        20
  <Limit WRITE>
    DenyAll
  </Limit>
</Anonymous>
EOF
}

# ---------------------------------------------------------------- start ------
alive() { # pidfile -> true if that PID is alive and is one of our binaries
  [ -f "$1" ] || return 1
  local pid exe; pid=$(cat "$1")
  kill -0 "$pid" 2>/dev/null || return 1
  [ "$(awk '{print $3}' /proc/"$pid"/stat 2>/dev/null)" != Z ] || return 1
  exe=$(readlink /proc/"$pid"/exe 2>/dev/null)
  # servers run by a system program (python3, tcpserver) record its path
  [ -f "${1%.pid}.exe" ] && [ "$exe" = "$(cat "${1%.pid}.exe")" ] && return 0
  case $exe in "$PREFIX"/*) return 0 ;; *) return 1 ;; esac
}

wait_banner() { # port [host] -> prints banner line, returns 0 when the server answers
  local port=$1 host=${2:-$ADDR} i line
  for i in $(seq 1 50); do
    if line=$(timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port && IFS= read -r -t 2 l <&3 && printf '%s' \"\$l\"" 2>/dev/null); then
      printf '%s' "${line%$'\r'}"; return 0
    fi
    sleep 0.1
  done
  return 1
}

start_one() { # name port cmd...   (host: $START_HOST, else $ADDR)
  local name=$1 port=$2 host=${START_HOST:-$ADDR}; shift 2
  local pidf=$STATE/pid/$name.pid
  if alive "$pidf"; then
    log "$name already running (pid $(cat "$pidf"))"; return 0
  fi
  if ss -ltn "sport = :$port" | grep -q LISTEN; then
    log "port $port busy but not by our $name (pidfile $pidf) — not starting"; return 1
  fi
  # setsid: own session so the server outlives the launching shell's job;
  # the server stays in the foreground, so $! is the listener's PID.
  # vsftpd reports startup errors ("500 OOPS: ...") on fd 0 (inetd heritage),
  # so give it the log file as a read-write stdin; others get /dev/null.
  if [ "${name%6}" = vsftpd ]; then
    setsid "$@" >>"$STATE/log/$name.stderr" 2>&1 0<>"$STATE/log/$name.stdin-oops" &
  else
    setsid "$@" >>"$STATE/log/$name.stderr" 2>&1 </dev/null &
  fi
  echo $! > "$pidf"
  case $1 in "$PREFIX"/*) rm -f "${pidf%.pid}.exe" ;; *) readlink -f "$(command -v "$1")" > "${pidf%.pid}.exe" ;; esac
  local banner
  if banner=$(wait_banner "$port" "$host"); then
    log "$name up: pid $(cat "$pidf")  $host:$port  banner: $banner"
  else
    log "$name FAILED to answer on $port; stderr:"
    tail -20 "$STATE/log/$name.stderr" "$STATE/log/$name.stdin-oops" 2>/dev/null >&2; return 1
  fi
}

install_if_missing
setup_users_dirs
setup_tls
write_configs

rc=0
for s in $ONLY; do
  case $s in
    vsftpd)    start_one vsftpd    $VSFTPD_PORT   "$VSFTPD_BIN" "$STATE/conf/vsftpd.conf" || rc=1 ;;
    pure-ftpd) # shellcheck disable=SC2046
               start_one pure-ftpd $PUREFTPD_PORT "$PUREFTPD_BIN" $(cat "$STATE/conf/pure-ftpd.args") || rc=1 ;;
    proftpd)   start_one proftpd   $PROFTPD_PORT  "$PROFTPD_BIN" --nodaemon -c "$STATE/conf/proftpd.conf" || rc=1 ;;
    vsftpd6)   if [ -e /proc/net/if_inet6 ] && grep -q '^0\{31\}1 ' /proc/net/if_inet6; then
                 START_HOST=::1 start_one vsftpd6 $VSFTPD6_PORT "$VSFTPD_BIN" "$STATE/conf/vsftpd6.conf" || rc=1
               else log "no ::1 on this machine: vsftpd6 not started"; fi ;;
    pyftpdlib) start_one pyftpdlib $PYFTPD_PORT   "$PYTHON" "$here/pyftpd.py" --addr "$ADDR" \
                 --port $PYFTPD_PORT --pasv $PYFTPD_PASV_MIN-$PYFTPD_PASV_MAX --user "$FTP_USER" \
                 --password "$FTP_PASS" --home "$FTP_HOME" --anon-root "$ANON_ROOT" \
                 --cert "$STATE/tls/cert.pem" --key "$STATE/tls/key.pem" || rc=1 ;;
    # inetd style: tcpserver hands each connection to a fresh ftpd as its
    # stdin/stdout; -a default: passwords from /etc/shadow, no PAM.
    inetutils) start_one inetutils $INETUTILS_PORT /usr/bin/tcpserver -q -R -H -l 0 -c 100 \
                 "$ADDR" $INETUTILS_PORT "$INETUTILS_BIN" -a default || rc=1 ;;
    *) log "unknown server $s"; rc=1 ;;
  esac
done

cat <<EOF
server     port  pasv-range   user/pass          anonymous     FTPS
vsftpd     $VSFTPD_PORT  $VSFTPD_PASV_MIN-$VSFTPD_PASV_MAX  $FTP_USER/$FTP_PASS    read-only     explicit (AUTH TLS), optional
pure-ftpd  $PUREFTPD_PORT  $PUREFTPD_PASV_MIN-$PUREFTPD_PASV_MAX  $FTP_USER/$FTP_PASS    read-only     explicit (AUTH TLS), optional
proftpd    $PROFTPD_PORT  $PROFTPD_PASV_MIN-$PROFTPD_PASV_MAX  $FTP_USER/$FTP_PASS    read-only     explicit (AUTH TLS), optional
pyftpdlib  $PYFTPD_PORT  $PYFTPD_PASV_MIN-$PYFTPD_PASV_MAX  $FTP_USER/$FTP_PASS    read-only     explicit (AUTH TLS), optional
inetutils  $INETUTILS_PORT  (any)        $FTP_USER/$FTP_PASS    read-only     none (not chrooted: home $FTP_HOME)
vsftpd6    $VSFTPD6_PORT  $VSFTPD6_PASV_MIN-$VSFTPD6_PASV_MAX  $FTP_USER/$FTP_PASS    read-only     explicit (AUTH TLS), optional  [::1]
host $ADDR; user home $FTP_HOME (chrooted); anon root $ANON_ROOT; TLS cert $STATE/tls/cert.pem
PIDs in $STATE/pid/*.pid; logs in $STATE/log/
EOF
exit $rc
