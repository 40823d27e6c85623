#!/bin/sh
# The yardstick for bench-hook: a shell hook of the kind Hookmeter replaces, which appends one line of the legacy
# CSV (timestamp,cpu_percent,memory_rss,tool_name,event; the format `hookmeter import-csv` reads) per event. It
# reads the event, picks the tool name and event with sed, asks ps for the caller's CPU and memory, and appends.
# usage: seed-csv-hook.sh CSV_FILE < event.json
input=$(cat)
tool=$(printf '%s' "$input" | sed -n 's/.*"tool_name"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
event=$(printf '%s' "$input" | sed -n 's/.*"hook_event_name"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
usage=$(ps -o %cpu=,rss= -p "$PPID" 2>/dev/null | awk '{ print $1 "," $2 * 1024 }')
printf '%s,%s,%s,%s\n' "$(date +%s)" "${usage:-0,0}" "$tool" "$event" >> "$1"
