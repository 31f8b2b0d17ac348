#!/usr/bin/env bash
# bench/run.sh — ftpane against lftp, curl and tnftp on the same vsftpd, in
# one run, on 127.0.0.1. See BENCHMARKS.md. Run as root (it installs the
# peers and starts vsftpd through internal/interop/servers.sh).
#
#   bash bench/run.sh            all cases, 5 runs each (median reported)
#   RUNS=3 CASES="get list" bash bench/run.sh
#   BASE=0e17dc2 bash bench/run.sh   also times ftpane built from that
#                                    commit in get, put, mirror, mirror-up
#
# Cases: get (1 GiB download), put (1 GiB upload), pget (segmented
# download), mirror / mirror-up (10,000 files of 1-4 KiB in 100 folders),
# list (one folder of 100,000 entries), login (connect, log in, list, quit,
# 50 times), tui-copy (F5 of the 10,000 files in the real TUI in tmux, with
# ftpane's CPU in the 3 s after the last file), get-tls (1 GiB over
# explicit TLS). The tools of a case run in a different order every round
# (the first to run pays for a cold cache, the second for the first's
# dirty pages). Data is generated under /srv/ftptest/bench (never
# committed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
RUNS=${RUNS:-5}
CASES=${CASES:-"get put pget mirror mirror-up list login tui-copy get-tls"}
PORT=2221 HOST=127.0.0.1 USER=ftptest PASS=ftptest
DATA=/srv/ftptest/bench
OUT=${OUT:-$repo/bench/out}
export PATH=/usr/local/go/bin:$PATH

log() { printf '[bench] %s\n' "$*" >&2; }
# shellcheck source=bench/tui.sh
. "$here/tui.sh"

setup() {
  FTPSRV_ONLY=vsftpd bash "$repo/internal/interop/servers.sh" start >/dev/null
  # servers.sh installs lftp, curl and tnftp; /usr/bin/time measures.
  for p in lftp curl tnftp /usr/bin/time; do
    command -v $p >/dev/null || { apt-get update -qq && apt-get install -y -qq "$(basename $p)" >/dev/null; }
  done
  mkdir -p "$OUT" "$DATA"
  (cd "$repo" && go build -o "$OUT/ftpane" ./cmd/ftpane)
  [ -z "${BASE:-}" ] || build_base
  gen_data
  chown -R ftptest: "$DATA"
}

# build_base builds ftpane as it was at commit $BASE into $OUT/ftpane-base
# (a worktree of its own, removed afterwards), so that "no slower than
# that code" is measured in the same run, in the same rotation.
build_base() {
  local src="$OUT/base-src"
  rm -rf "$src"; git -C "$repo" worktree prune
  git -C "$repo" worktree add -q --detach "$src" "$BASE"
  (cd "$src" && go build -o "$OUT/ftpane-base" ./cmd/ftpane)
  git -C "$repo" worktree remove --force "$src"
  log "baseline: ftpane at $(git -C "$repo" rev-parse --short "$BASE")"
}

gen_data() {
  [ -s "$DATA/1g.bin" ] || { log "generating 1 GiB"; head -c $((1<<30)) /dev/urandom > "$DATA/1g.bin"; }
  [ -d "$DATA/tree" ] || { log "generating 10,000 small files"; gen_tree "$DATA/tree"; }
  [ -d "$DATA/big-dir" ] || { log "generating a 100,000-entry folder"; gen_bigdir "$DATA/big-dir"; }
  [ "$(stat -c %s "$OUT/up.bin" 2>/dev/null)" = $((1<<30)) ] || head -c $((1<<30)) "$DATA/1g.bin" > "$OUT/up.bin"
}

gen_tree() {
  local d=$1 i j
  for i in $(seq -w 0 99); do
    mkdir -p "$d/d$i"
    for j in $(seq -w 0 99); do head -c $((1024 + (10#$i * 100 + 10#$j) * 37 % 3072)) /dev/urandom > "$d/d$i/f$j"; done
  done
}

gen_bigdir() {
  mkdir -p "$1"
  (cd "$1" && seq -f 'entry-%06g.dat' 0 99999 | xargs touch)
}

# measure LABEL CMD...: one run, appends "label seconds maxrss_kib" to $OUT/raw
measure() {
  local label=$1; shift
  local t; t=$(mktemp)
  # Every run starts with the disk quiet: the gigabyte the previous run
  # wrote must not be flushed on this one's time.
  sync
  # bash -c: the tools may be shell functions (exported below).
  if ! /usr/bin/time -f '%e %M' -o "$t" bash -c '"$@"' _ "$@" >"$OUT/last.log" 2>&1; then
    log "$label failed: $(tail -3 "$OUT/last.log" | tr '\n' ' ')"
    echo "$label fail fail" >> "$OUT/raw"; rm -f "$t"; return 0
  fi
  echo "$label $(tail -1 "$t")" >> "$OUT/raw"; rm -f "$t"
}

ftpane_batch() { # script text
  printf '%s\n' "$1" > "$OUT/script.txt"
  "${FTPANE_BIN:-$OUT/ftpane}" -n -b "$OUT/script.txt" "$HOST" "$PORT"
}
# ftpane_base runs the same script with the baseline binary (BASE=rev).
ftpane_base() { FTPANE_BIN="$OUT/ftpane-base" ftpane_batch "$1"; }
login="user $USER $PASS"
lftp_run() { lftp -u "$USER,$PASS" -e "set ftp:ssl-allow no; set xfer:clobber yes; $1; bye" "$HOST:$PORT"; }
tnftp_run() { printf 'user %s %s\nbinary\n%s\nbye\n' "$USER" "$PASS" "$1" | tnftp -n "$HOST" "$PORT"; }
export -f ftpane_batch ftpane_base lftp_run tnftp_run
export HOST PORT USER PASS OUT
# With BASE set, the baseline binary joins the cases it can run.
with_base() { if [ -n "${BASE:-}" ]; then echo "$1 base"; else echo "$1"; fi; }
# The trees a run leaves are moved aside, not deleted, until the end:
# ext4 without a journal (as on the machine of BENCHMARKS.md) skips, for
# every new file, each inode freed in the last minute (five while its
# table block is unwritten), so 10,000 files deleted just before a run
# made every file that run created cost several times more, for whichever
# tool came next. The gigabyte files are one inode each: deleted.
trash() { [ ! -e "$1" ] || { mkdir -p "$2" && mv "$1" "$2/$(date +%s%N)"; }; }
clean_local() { trash "$OUT/dl/tree" "$OUT/trash"; rm -rf "$OUT/dl" && mkdir -p "$OUT/dl"; }
clean_remote_up() {
  trash "$DATA/up/tree" "$DATA/trash"
  rm -rf "$DATA/up" && mkdir -p "$DATA/up" && chown ftptest: "$DATA/up"
}
# (at the end only: a bench started within minutes of it pays for it.)
empty_trash() { rm -rf "$OUT/trash" "$DATA/trash"; }

# Each case is a list of tools, TOOLS_<case>, and a function <case>_<tool>
# per tool; round r runs them starting with the r-th, so no tool always
# runs first.
run_case() { # case round
  local c=$1 r=$2 list n i
  eval "list=(\$TOOLS_${c//-/_})"
  n=${#list[@]}
  for i in $(seq 0 $((n - 1))); do "${c}_${list[$(( (r - 1 + i) % n ))]}"; done
}

TOOLS_get=$(with_base "ftpane lftp curl tnftp")
get_ftpane() { clean_local; measure "get:ftpane" ftpane_batch "$login
lcd $OUT/dl
get bench/1g.bin 1g.bin"; }
get_lftp() { clean_local; measure "get:lftp" lftp_run "get bench/1g.bin -o $OUT/dl/1g.bin"; }
get_curl() { clean_local; measure "get:curl" curl -s -o "$OUT/dl/1g.bin" "ftp://$USER:$PASS@$HOST:$PORT/bench/1g.bin"; }
get_base() { clean_local; measure "get:ftpane-base" ftpane_base "$login
lcd $OUT/dl
get bench/1g.bin 1g.bin"; }
get_tnftp() { clean_local; measure "get:tnftp" tnftp_run "get bench/1g.bin $OUT/dl/1g.bin"; }

TOOLS_pget="ftpane lftp"
pget_ftpane() { clean_local; measure "pget:ftpane" ftpane_batch "$login
lcd $OUT/dl
get bench/1g.bin 1g.bin"; }
pget_lftp() { clean_local; measure "pget:lftp-pget-n4" lftp_run "pget -n 4 bench/1g.bin -o $OUT/dl/1g.bin"; }

TOOLS_put=$(with_base "ftpane lftp curl tnftp")
put_ftpane() { clean_remote_up; measure "put:ftpane" ftpane_batch "$login
put $OUT/up.bin bench/up/up.bin"; }
put_lftp() { clean_remote_up; measure "put:lftp" lftp_run "put $OUT/up.bin -o bench/up/up.bin"; }
put_curl() { clean_remote_up; measure "put:curl" curl -s -T "$OUT/up.bin" "ftp://$USER:$PASS@$HOST:$PORT/bench/up/up.bin"; }
put_base() { clean_remote_up; measure "put:ftpane-base" ftpane_base "$login
put $OUT/up.bin bench/up/up.bin"; }
put_tnftp() { clean_remote_up; measure "put:tnftp" tnftp_run "put $OUT/up.bin bench/up/up.bin"; }

TOOLS_mirror=$(with_base "ftpane lftp")
mirror_ftpane() { clean_local; measure "mirror:ftpane" ftpane_batch "$login
mirror bench/tree $OUT/dl/tree"; }
mirror_base() { clean_local; measure "mirror:ftpane-base" ftpane_base "$login
mirror bench/tree $OUT/dl/tree"; }
mirror_lftp() { clean_local; measure "mirror:lftp-P8" lftp_run "mirror -P 8 bench/tree $OUT/dl/tree"; }

TOOLS_mirror_up=$(with_base "ftpane lftp")
mirror-up_ftpane() { clean_remote_up; measure "mirror-up:ftpane" ftpane_batch "$login
mirror -R $DATA/tree bench/up/tree"; }
mirror-up_base() { clean_remote_up; measure "mirror-up:ftpane-base" ftpane_base "$login
mirror -R $DATA/tree bench/up/tree"; }
mirror-up_lftp() { clean_remote_up; measure "mirror-up:lftp-P8" lftp_run "mirror -R -P 8 $DATA/tree bench/up/tree"; }

TOOLS_list="ftpane lftp"
list_ftpane() { measure "list:ftpane" ftpane_batch "$login
ls bench/big-dir $OUT/list.txt"; }
list_lftp() { measure "list:lftp-cls" bash -c "lftp_run 'cls -1 bench/big-dir' > $OUT/list-lftp.txt"; }

TOOLS_login="ftpane lftp"
login_ftpane() {
  measure "login:ftpane" bash -c "for i in \$(seq 50); do printf 'user $USER $PASS\nls\nbye\n' > $OUT/l.txt; $OUT/ftpane -n -b $OUT/l.txt $HOST $PORT >/dev/null || exit 1; done"
}
login_lftp() {
  measure "login:lftp" bash -c "for i in \$(seq 50); do lftp -u $USER,$PASS -e 'set ftp:ssl-allow no; cls; bye' $HOST:$PORT >/dev/null || exit 1; done"
}

# tui-copy: the same tree as mirror, copied by F5 in the TUI; its peers
# are lftp and ftpane's own batch mirror, all with 8 connections.
TOOLS_tui_copy="ftpane lftp mirror"
tui-copy_ftpane() { clean_local; tui_copy; }
tui-copy_lftp() { clean_local; measure "tui-copy:lftp-P8" lftp_run "mirror -P 8 bench/tree $OUT/dl/tree"; }
tui-copy_mirror() { clean_local; measure "tui-copy:ftpane-mirror" ftpane_batch "$login
mirror bench/tree $OUT/dl/tree"; }

# get-tls: 1 GiB over explicit TLS (AUTH TLS, PROT P) on the same vsftpd.
TOOLS_get_tls="ftpane lftp curl"
get-tls_ftpane() {
  clean_local; printf '%s\nlcd %s\nget bench/1g.bin 1g.bin\n' "$login" "$OUT/dl" > "$OUT/script-tls.txt"
  measure "get-tls:ftpane" "$OUT/ftpane" -n --tls --insecure -b "$OUT/script-tls.txt" "$HOST" "$PORT"
}
get-tls_lftp() {
  clean_local; measure "get-tls:lftp" lftp -u "$USER,$PASS" -e "set ftp:ssl-force yes; set ftp:ssl-protect-data yes; set ssl:verify-certificate no; get bench/1g.bin -o $OUT/dl/1g.bin; bye" "$HOST:$PORT"
}
get-tls_curl() { clean_local; measure "get-tls:curl" curl -s --ssl-reqd -k -o "$OUT/dl/1g.bin" "ftp://$USER:$PASS@$HOST:$PORT/bench/1g.bin"; }

report() {
  echo "| case | tool | median s | runs | peak RSS MiB | ratio ftpane/peer |"
  echo "|---|---|---|---|---|---|"
  awk '{print $1}' "$OUT/raw" | sort -u | while read -r label; do
    local c=${label%%:*} tool=${label#*:} med rss fmed ratio
    med=$(awk -v l="$label" '$1==l && $2!="fail" {print $2}' "$OUT/raw" | sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "fail"}')
    rss=$(awk -v l="$label" '$1==l && $3!="fail" {if ($3>m) m=$3} END {printf "%.0f", m/1024}' "$OUT/raw")
    fmed=$(awk -v l="$c:ftpane" '$1==l && $2!="fail" {print $2}' "$OUT/raw" | sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]}')
    ratio=-; if [ "$tool" != ftpane ] && [ -n "$fmed" ] && [ "$med" != fail ]; then ratio=$(awk -v a="$fmed" -v b="$med" 'BEGIN{printf "%.2f", a/b}'); fi
    echo "| $c | $tool | $med | $(grep -c "^$label " "$OUT/raw") | $rss | $ratio |"
  done
}

main() {
  local start=$SECONDS
  setup
  : > "$OUT/raw"; : > "$OUT/cpu-after"
  for r in $(seq "$RUNS"); do
    for c in $CASES; do log "round $r: $c"; run_case "$c" "$r"; done
  done
  empty_trash
  report | tee "$OUT/table.md"
  [ ! -s "$OUT/cpu-after" ] || cpu_report | tee -a "$OUT/table.md"
  log "done in $((SECONDS - start)) s; raw timings in $OUT/raw"
}
main "$@"
