# bench/tui.sh — the tui-copy case of bench/run.sh (sourced by it): the
# real binary in tmux, F5 of the 10,000-file tree from the remote pane to
# the local folder, timed from the key to the last file on disk; then the
# CPU ftpane uses in the 3 s after (utime+stime from /proc/PID/stat).

TUI_SOCK=ftpane-bench

# tui_screen prints the TUI's screen.
tui_screen() { tmux -L "$TUI_SOCK" capture-pane -p -t bench; }

# tui_wait TEXT waits (30 s at most) until the screen shows TEXT.
tui_wait() {
  local i
  for i in $(seq 600); do tui_screen | grep -qF "$1" && return 0; sleep 0.05; done
  log "tui-copy: the screen never showed '$1'"; tui_screen >&2; return 1
}

# tree_done DIR: 0 once DIR holds as many files in each folder as the
# source tree. Folders found complete are not listed again, so polling
# costs little CPU next to the copy it measures.
declare -A TUI_DONE
tree_done() {
  local d name
  for d in "$DATA"/tree/*/; do
    name=$(basename "$d")
    [ -n "${TUI_DONE[$name]:-}" ] && continue
    [ -d "$1/$name" ] || return 1
    [ "$(ls -f "$1/$name" | grep -vc -e '\.part$' -e '^\.\.\?$')" -ge "${TUI_WANT[$name]}" ] || return 1
    TUI_DONE[$name]=1
  done
}

declare -A TUI_WANT
TUI_COUNTED= TUI_FILES=0
tui_count_source() {
  local d
  for d in "$DATA"/tree/*/; do TUI_WANT[$(basename "$d")]=$(ls -f "$d" | grep -vc '^\.\.\?$'); done
  TUI_FILES=0
  for d in "${!TUI_WANT[@]}"; do TUI_FILES=$((TUI_FILES + TUI_WANT[$d])); done
  TUI_COUNTED=1
}

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# tui_copy: one timed run, from the Enter that starts the copy to the
# status line's "transfers finished" (then every file is checked on
# disk); appends to $OUT/raw and $OUT/cpu-after.
tui_copy() {
  local cfg=$OUT/tui-cfg state=$OUT/tui-state pid t0 t1 c1 c2 rss hz
  [ -n "$TUI_COUNTED" ] || tui_count_source
  TUI_DONE=([none]=1)
  rm -rf "$state" && mkdir -p "$cfg/ftpane" "$state"
  printf '[transfer]\nworkers = 8\n' > "$cfg/ftpane/config.toml" # as lftp -P 8 and mirror
  tmux -L "$TUI_SOCK" kill-server 2>/dev/null || true
  (cd "$OUT/dl" && tmux -L "$TUI_SOCK" new-session -d -s bench -x 160 -y 45 \
    "env XDG_CONFIG_HOME=$cfg XDG_STATE_HOME=$state XDG_DATA_HOME=$state $OUT/ftpane ftp://$USER:$PASS@$HOST:$PORT/bench")
  trap 'tmux -L "$TUI_SOCK" kill-server 2>/dev/null || true' EXIT
  tui_wait "connected to" && tui_wait "tree/" || { echo "tui-copy:ftpane fail fail" >> "$OUT/raw"; return 0; }
  pid=$(tmux -L "$TUI_SOCK" list-panes -t bench -F '#{pane_pid}')
  tmux -L "$TUI_SOCK" send-keys -t bench / t r e e Enter F5
  tui_wait "To folder" || { echo "tui-copy:ftpane fail fail" >> "$OUT/raw"; return 0; }
  sync
  t0=$(date +%s.%N)
  tmux -L "$TUI_SOCK" send-keys -t bench Enter
  # The end is read from the screen: the status line says so once the
  # last file is renamed into place. Polling the folders being written
  # (ls of each, ten times a second) cost ftpane 1.5 s of 9 (the writers
  # wait for the folder's lock, and the forks take CPU), a cost the peers,
  # timed to their exit, never paid. The tree is checked on disk after.
  until tui_screen | grep -qF "transfers finished: $TUI_FILES of $TUI_FILES files"; do sleep 0.1; done
  t1=$(date +%s.%N); c1=$(ticks "$pid")
  tree_done "$OUT/dl/tree" || { log "tui-copy: finished, but files are missing"; echo "tui-copy:ftpane fail fail" >> "$OUT/raw"; return 0; }
  sleep 3
  c2=$(ticks "$pid"); hz=$(getconf CLK_TCK)
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  echo "tui-copy:ftpane $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') $rss" >> "$OUT/raw"
  awk -v a="$c1" -v b="$c2" -v hz="$hz" 'BEGIN{printf "tui-copy %.1f\n", (b-a)/hz/3*100}' >> "$OUT/cpu-after"
  tmux -L "$TUI_SOCK" send-keys -t bench q
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  tmux -L "$TUI_SOCK" kill-server 2>/dev/null || true
  trap - EXIT
}

# cpu_report: the CPU ftpane used in the 3 s after its last file, per run.
cpu_report() {
  echo
  echo "| case | ftpane CPU in the 3 s after the last file, % of one core (each run) |"
  echo "|---|---|"
  awk '{a[$1] = a[$1] " " $2} END {for (c in a) print "| " c " |" a[c] " |"}' "$OUT/cpu-after"
}
