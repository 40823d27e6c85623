#!/bin/sh
# Grafana's entrypoint in docker-compose.yml (before the image's own /run.sh) and in scripts/stack (before
# `grafana server`): the admin password is GF_SECURITY_ADMIN_PASSWORD (from GF_ADMIN_PASSWORD) when it is set;
# when it is empty, a random one generated on the first start and kept on Grafana's data volume, mode 600, so that
# `docker compose up -d` works without a .env and there is still no fixed default password.
#
#   entrypoint.sh COMMAND [ARG...]     sets the password, then execs COMMAND
#
# GF_PATHS_DATA: Grafana's data directory (the image sets /var/lib/grafana). HOOKMETER_PASSWORD_READ_COMMAND: how
# the log line tells the user to read the file (compose: `docker compose exec grafana cat ...`).
#
# GF_SECURITY_ADMIN_PASSWORD__FILE (a Docker secret, set in a compose override): the password is read from that file
# here, as the image's /run.sh would, and nothing is generated. The image's /run.sh exits when both the variable and
# its __FILE form are set, so this script never leaves both set: setting GF_ADMIN_PASSWORD as well is an error.
#
# Grafana applies the password only when it creates its database (grafana.db), that is on the first start.
set -eu

[ "$#" -gt 0 ] || { echo "usage: entrypoint.sh COMMAND [ARG...]" >&2; exit 2; }

data=${GF_PATHS_DATA:-/var/lib/grafana}
file=$data/admin-password

if [ -n "${GF_SECURITY_ADMIN_PASSWORD__FILE:-}" ]; then
    secret=$GF_SECURITY_ADMIN_PASSWORD__FILE
    if [ -n "${GF_SECURITY_ADMIN_PASSWORD:-}" ]; then
        echo "hookmeter: GF_ADMIN_PASSWORD and GF_SECURITY_ADMIN_PASSWORD__FILE are both set: keep one" >&2
        exit 1
    fi
    if [ ! -r "$secret" ]; then
        echo "hookmeter: GF_SECURITY_ADMIN_PASSWORD__FILE: cannot read $secret as uid $(id -u) (Grafana's user)" >&2
        exit 1
    fi
    GF_SECURITY_ADMIN_PASSWORD=$(cat "$secret")
    if [ -z "$GF_SECURITY_ADMIN_PASSWORD" ]; then
        echo "hookmeter: GF_SECURITY_ADMIN_PASSWORD__FILE: $secret is empty" >&2
        exit 1
    fi
    export GF_SECURITY_ADMIN_PASSWORD
    unset GF_SECURITY_ADMIN_PASSWORD__FILE
elif [ -z "${GF_SECURITY_ADMIN_PASSWORD:-}" ]; then
    if [ ! -s "$file" ] && [ -e "$data/grafana.db" ]; then
        # Created earlier with a password of the user's: a new one would not apply and would only mislead.
        echo "hookmeter: GF_ADMIN_PASSWORD is empty and Grafana's database exists: its admin password is unchanged"
    else
        if [ ! -s "$file" ]; then
            mkdir -p "$data"
            # 32 letters and digits (190 bits) from the kernel's CSPRNG; written whole, then renamed into place.
            password=$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32)
            [ "${#password}" -eq 32 ] || { echo "hookmeter: cannot generate a password from /dev/urandom" >&2; exit 1; }
            # umask in a subshell: Grafana, exec'd below, keeps the image's.
            (umask 077 && printf '%s' "$password" >"$file.tmp" && mv -f "$file.tmp" "$file")
        fi
        chmod 600 "$file"
        GF_SECURITY_ADMIN_PASSWORD=$(cat "$file")
        export GF_SECURITY_ADMIN_PASSWORD
        echo "hookmeter: GF_ADMIN_PASSWORD is empty: the Grafana admin password is in $file; read it with:" \
            "${HOOKMETER_PASSWORD_READ_COMMAND:-cat $file}"
    fi
fi

exec "$@"
