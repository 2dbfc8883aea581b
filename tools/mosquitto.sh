#!/usr/bin/env bash
# A loopback MQTT broker (Debian's mosquitto) for tests and demos, with its own config and persistence dir.
# Usage:
#   tools/mosquitto.sh run   PORT [DIR]   foreground: prints "mosquitto ready pid=PID port=PORT dir=DIR" once the
#                                         port accepts connections, then waits; SIGTERM/SIGINT stop the broker
#                                         gracefully (it saves its persistence db), SIGKILL of the group kills it.
#   tools/mosquitto.sh start PORT [DIR]   background: starts the broker, waits until the port accepts, prints its PID.
#   tools/mosquitto.sh stop  PID          SIGTERM to that broker, waits up to 10 s for it to exit.
# DIR (default: a new temp dir) holds mosquitto.conf, the log and the persistence db; starting again with the same
# DIR and PORT restores retained messages and persistent sessions (clean-session=false subscribers).
# The broker binds 127.0.0.1 only and allows anonymous clients (tests only; never expose it).
set -euo pipefail

usage() { echo "usage: tools/mosquitto.sh run|start PORT [DIR] | stop PID" >&2; exit 2; }
mode="${1:-}"; shift || true
[ -n "$mode" ] || usage

mosquitto_bin="$(command -v mosquitto || true)"
[ -n "$mosquitto_bin" ] || mosquitto_bin=/usr/sbin/mosquitto
if [ "$mode" != stop ] && [ ! -x "$mosquitto_bin" ]; then
  echo "mosquitto.sh: 'mosquitto' is missing; run tools/install-deps.sh (Debian package mosquitto)" >&2
  exit 1
fi

wait_port() { # PID PORT: 0 once 127.0.0.1:PORT accepts, 1 if PID died or 10 s passed
  local pid="$1" port="$2"
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 1
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

launch() { # PORT DIR: starts the broker in the background, sets broker_pid
  local port="$1" dir="$2"
  mkdir -p "$dir"
  # mosquitto drops privileges to user "mosquitto" when started as root; that user must be able to write DIR.
  if [ "$(id -u)" = 0 ] && id mosquitto >/dev/null 2>&1; then chown mosquitto "$dir"; fi
  cat > "$dir/mosquitto.conf" <<EOF
listener $port 127.0.0.1
allow_anonymous true
persistence true
persistence_location $dir/
autosave_interval 1
log_dest file $dir/mosquitto.log
log_type error
log_type warning
log_type notice
EOF
  "$mosquitto_bin" -c "$dir/mosquitto.conf" </dev/null >>"$dir/stdout.log" 2>&1 &
  broker_pid=$!
  if ! wait_port "$broker_pid" "$port"; then
    echo "mosquitto.sh: the broker did not accept connections on 127.0.0.1:$port within 10 s; log:" >&2
    cat "$dir/mosquitto.log" "$dir/stdout.log" >&2 2>/dev/null || true
    kill "$broker_pid" 2>/dev/null || true
    exit 1
  fi
}

case "$mode" in
  run|start)
    port="${1:-}"; [[ "$port" =~ ^[0-9]+$ ]] || usage
    dir="${2:-$(mktemp -d /tmp/mmf-mosquitto-XXXXXX)}"
    launch "$port" "$dir"
    if [ "$mode" = start ]; then
      echo "$broker_pid"
      exit 0
    fi
    trap 'kill -TERM "$broker_pid" 2>/dev/null || true; wait "$broker_pid" 2>/dev/null || true; exit 0' TERM INT
    echo "mosquitto ready pid=$broker_pid port=$port dir=$dir"
    wait "$broker_pid"
    ;;
  stop)
    pid="${1:-}"; [[ "$pid" =~ ^[0-9]+$ ]] || usage
    kill -TERM "$pid" 2>/dev/null || { echo "mosquitto.sh: no process $pid" >&2; exit 1; }
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || exit 0
      sleep 0.1
    done
    echo "mosquitto.sh: broker $pid did not exit within 10 s of SIGTERM" >&2
    exit 1
    ;;
  *) usage ;;
esac
