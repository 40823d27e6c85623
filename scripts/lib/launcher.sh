# Shared by the POSIX launchers (pushgateway-hook/bin/hookmeter, exporter/bin/hookmeter-exporter); sourced, not run.
# It finds Java 17+ through HOOKMETER_JAVA_HOME, JAVA_HOME or PATH, checks the jar is built, and never writes to
# stdout: Claude Code reads the hook's stdout. Problems are one line on stderr, then exit $HM_FAIL_EXIT.
#
# Callers set: HM_NAME (for messages), HM_FAIL_EXIT (exit code on a launcher problem), optionally HM_FAIL_LINE
# (one line for stdout on a launcher problem: the status line must always print one).
# Sets: HM_JAVA (the java command), HM_JAVA_HOME (its home, when known), HM_JAVA_MAJOR (feature version),
#       HM_JAVA_BUILD (the full runtime version from the release file, e.g. 25.0.3+9-LTS, when known).

hm_fail() {
    printf '%s: %s\n' "$HM_NAME" "$1" >&2
    # A caller with something to do before giving up (the agent's start keeps the spool's bound) sets HM_ON_FAIL.
    [ -z "${HM_ON_FAIL:-}" ] || $HM_ON_FAIL
    # A caller that must always print one line (the status line) sets HM_FAIL_LINE.
    [ -z "${HM_FAIL_LINE:-}" ] || printf '%s\n' "$HM_FAIL_LINE"
    exit "$HM_FAIL_EXIT"
}

# hm_require_jar JAR BUILD_COMMAND
hm_require_jar() {
    [ -f "$1" ] || hm_fail "$1 is not built; build it with: $2"
}

# Reads a JDK's release file (JAVA_VERSION="17.0.15" or "1.8.0_402") into HM_JAVA_MAJOR and HM_JAVA_BUILD, with
# shell built-ins only: no JVM start and no extra process, because the hook launcher runs on every tool call.
hm_read_release() {
    hm_version=
    HM_JAVA_BUILD=
    while IFS= read -r hm_line || [ -n "$hm_line" ]; do
        case $hm_line in
            JAVA_VERSION=*) hm_version=${hm_line#JAVA_VERSION=} ;;
            JAVA_RUNTIME_VERSION=*) HM_JAVA_BUILD=${hm_line#JAVA_RUNTIME_VERSION=} ;;
        esac
    done < "$1"
    hm_version=${hm_version#\"}
    HM_JAVA_BUILD=${HM_JAVA_BUILD#\"}
    HM_JAVA_BUILD=${HM_JAVA_BUILD%\"}
    case $hm_version in 1.*) hm_version=${hm_version#1.} ;; esac
    HM_JAVA_MAJOR=${hm_version%%[!0-9]*}
}

# The major version from a JDK's release file, printed.
hm_release_major() {
    hm_read_release "$1" 2>/dev/null
    printf '%s\n' "$HM_JAVA_MAJOR"
}

hm_find_java() {
    HM_JAVA_HOME=${HOOKMETER_JAVA_HOME:-${JAVA_HOME:-}}
    if [ -n "$HM_JAVA_HOME" ]; then
        HM_JAVA=$HM_JAVA_HOME/bin/java
        [ -x "$HM_JAVA" ] || hm_fail "no executable java at $HM_JAVA (check JAVA_HOME or HOOKMETER_JAVA_HOME)"
    else
        HM_JAVA=$(command -v java 2>/dev/null) || hm_fail "java not found: install a JDK 17 or newer, or set JAVA_HOME"
        real=$(readlink -f "$HM_JAVA" 2>/dev/null) && HM_JAVA_HOME=$(dirname "$(dirname "$real")")
    fi
    HM_JAVA_MAJOR=
    HM_JAVA_BUILD=
    if [ -n "$HM_JAVA_HOME" ] && [ -f "$HM_JAVA_HOME/release" ]; then
        hm_read_release "$HM_JAVA_HOME/release" 2>/dev/null
    fi
    if [ -z "$HM_JAVA_MAJOR" ]; then
        # No release file (unusual layouts, macOS stubs): ask the JVM itself, once.
        HM_JAVA_MAJOR=$("$HM_JAVA" -version 2>&1 | sed -n '1s/.*version "\([0-9][0-9.]*\).*/\1/p' \
            | awk -F. '{ print ($1 == 1) ? $2 : $1 }')
    fi
    case $HM_JAVA_MAJOR in
        ''|*[!0-9]*) hm_fail "cannot tell the version of $HM_JAVA; Java 17 or newer is required" ;;
    esac
    [ "$HM_JAVA_MAJOR" -ge 17 ] || hm_fail "Java $HM_JAVA_MAJOR at $HM_JAVA is too old; Java 17 or newer is required (set JAVA_HOME)"
}
