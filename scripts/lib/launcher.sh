# Shared by the POSIX launchers (pushgateway-hook/bin/hookmeter, exporter/bin/hookmeter-exporter); sourced, not run.
# It finds Java 17+ through HOOKMETER_JAVA_HOME, JAVA_HOME or PATH, checks the jar is built, and never writes to
# stdout: Claude Code reads the hook's stdout. Problems are one line on stderr, then exit $HM_FAIL_EXIT.
#
# Callers set: HM_NAME (for messages), HM_FAIL_EXIT (exit code on a launcher problem).
# Sets: HM_JAVA (the java command), HM_JAVA_HOME (its home, when known), HM_JAVA_MAJOR (feature version).

hm_fail() {
    printf '%s: %s\n' "$HM_NAME" "$1" >&2
    exit "$HM_FAIL_EXIT"
}

# hm_require_jar JAR BUILD_COMMAND
hm_require_jar() {
    [ -f "$1" ] || hm_fail "$1 is not built; build it with: $2"
}

# The major version from a JDK's release file (JAVA_VERSION="17.0.15" or "1.8.0_402"): no JVM start needed.
hm_release_major() {
    sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\).*/\1/p' "$1" 2>/dev/null | awk -F. '{ print ($1 == 1) ? $2 : $1 }'
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
    if [ -n "$HM_JAVA_HOME" ] && [ -f "$HM_JAVA_HOME/release" ]; then
        HM_JAVA_MAJOR=$(hm_release_major "$HM_JAVA_HOME/release")
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
