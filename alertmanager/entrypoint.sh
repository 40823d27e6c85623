#!/bin/sh
# Alertmanager's entrypoint in docker-compose.yml, run by the image's busybox sh as its user (nobody, uid 65534)
# before /bin/alertmanager. Alertmanager does not expand environment variables in its configuration, so it runs a
# private copy of the mounted alertmanager/ folder in which the notification secrets of .env are the files under
# secrets/ that alertmanager.yml reads (a non-empty variable wins over a file of the same name).
#
#   entrypoint.sh COMMAND [ARG...]     makes the copy, then execs COMMAND (compose: /bin/alertmanager and its flags)
#
# HOOKMETER_ALERTMANAGER_SOURCE: the mounted folder (default /etc/alertmanager, where alertmanager.yml's absolute
# secret paths point). HOOKMETER_ALERTMANAGER_COPY: the copy (default /alertmanager/config, on the data volume).
#
# The copy is made at every start: a config change needs a restart (`docker compose restart alertmanager`); a
# reload would re-read the old copy. One command per line, each checked: under `set -e` a failure inside an `&&`
# list does not stop the script, and a file that cannot be copied must stop Alertmanager, not disable a receiver.
set -eu

die() {
    echo "hookmeter: $*" >&2
    exit 1
}

[ "$#" -gt 0 ] || { echo "usage: entrypoint.sh COMMAND [ARG...]" >&2; exit 2; }

source=${HOOKMETER_ALERTMANAGER_SOURCE:-/etc/alertmanager}
copy=${HOOKMETER_ALERTMANAGER_COPY:-/alertmanager/config}

# Everything written from here on is private to Alertmanager's user: the copied secret files and those from the
# environment get mode 600. Alertmanager, exec'd below, keeps this umask; it writes only to its own data folder.
umask 077

parent=$(dirname "$copy")
[ -w "$parent" ] || die "Alertmanager's user (uid $(id -u)) cannot write to $parent, where its copy of the config goes"
rm -rf "$copy" || die "cannot remove the previous copy $copy"
cp -R "$source" "$copy" || die "cannot copy $source (the repository's alertmanager/ folder) to $copy:" \
    "Alertmanager's user (uid $(id -u)) must be able to read every file in it; a secret file in" \
    "alertmanager/secrets/ needs mode 644, or owner 65534 (alertmanager/secrets/README.md)"
[ -f "$copy/alertmanager.yml" ] || die "$source has no alertmanager.yml"
# alertmanager.yml names its secret files under /etc/alertmanager/ (absolute: see docs/alerting.md): the copy.
sed -i "s#/etc/alertmanager/#$copy/#g" "$copy/alertmanager.yml" || die "cannot rewrite $copy/alertmanager.yml"
mkdir -p "$copy/secrets" || die "cannot create $copy/secrets"

secret() {
    [ -n "$2" ] || return 0
    printf '%s' "$2" >"$copy/secrets/$1" || die "cannot write $copy/secrets/$1"
}
secret slack_webhook_url "${ALERTMANAGER_SLACK_WEBHOOK_URL:-}"
secret smtp_password "${ALERTMANAGER_SMTP_PASSWORD:-}"
secret ntfy_token "${ALERTMANAGER_NTFY_TOKEN:-}"

exec "$@"
