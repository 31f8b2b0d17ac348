#!/usr/bin/env bash
# stop.sh — stop the servers started by start.sh, by saved PID only.
# Also ends their per-session child processes (found by walking /proc/<pid>
# parent links from the saved PID — no name matching), then removes the PID files.
set -uo pipefail
STATE=${FTPSRV_STATE:-/tmp/ftpane-interop}
PREFIX=${FTPSRV_PREFIX:-/opt/ftpsrv}

running() { # pid alive and not a zombie (orphans are reaped by PID 1 only lazily here)
  kill -0 "$1" 2>/dev/null || return 1
  [ "$(awk '{print $3}' /proc/"$1"/stat 2>/dev/null)" != Z ]
}

descendants() { # pid -> all descendant pids (depth-first)
  local p=$1 c
  for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do
    echo "$c"; descendants "$c"
  done
}

for pidf in "$STATE"/pid/*.pid; do
  [ -e "$pidf" ] || continue
  name=$(basename "$pidf" .pid); pid=$(cat "$pidf")
  if ! running "$pid"; then
    echo "$name: pid $pid not running"; rm -f "$pidf"; continue
  fi
  # guard against a stale PID file whose PID was reused by something else
  # (servers run by a system program, python3 or tcpserver, recorded its path in NAME.exe)
  exe=$(readlink /proc/"$pid"/exe 2>/dev/null)
  case $exe in
    "$PREFIX"/*) ;;
    *) if [ ! -f "${pidf%.pid}.exe" ] || [ "$exe" != "$(cat "${pidf%.pid}.exe")" ]; then
         echo "$name: pid $pid is not one of our servers ($exe); leaving it"; rm -f "$pidf"; continue
       fi ;;
  esac
  kids=$(descendants "$pid" | tr '\n' ' ')
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 50); do running "$pid" || break; sleep 0.1; done
  running "$pid" && { echo "$name: pid $pid ignored TERM, sending KILL"; kill -KILL "$pid"; }
  for k in $kids; do running "$k" && kill -TERM "$k" 2>/dev/null; done
  sleep 0.2
  for k in $kids; do running "$k" && kill -KILL "$k" 2>/dev/null; done
  echo "$name: stopped pid $pid${kids:+ (children: $kids)}"
  rm -f "$pidf" "${pidf%.pid}.exe"
done
