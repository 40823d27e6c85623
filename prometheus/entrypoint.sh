#!/bin/sh
# Prometheus's entrypoint in docker-compose.yml, run by the image's busybox sh as its user (nobody, uid 65534)
# before /bin/prometheus. Prometheus cannot read the environment in its configuration, so it runs a copy of the
# mounted prometheus.yml in which the node job's instance, HOOKMETER_HOST in the shipped file, is HOOKMETER_INSTANCE:
# this machine's name, the instance hookmeter pushes under (by default the host name), so that a machine's tool
# series and host series join on instance (docs/deployment.md, "One machine, one instance"). A container cannot
# know the host's name by itself: unset, the node job keeps its address (exporter:9101) as instance. A non-empty
# HOOKMETER_RUNBOOKS_URL replaces the runbooks_url external label, the base of the alerts' runbook links
# (docs/alerting.md, "Runbook links").
#
#   entrypoint.sh COMMAND [ARG...]     writes the copy, then execs COMMAND (compose: /bin/prometheus and its flags)
#
# HOOKMETER_PROMETHEUS_SOURCE: the mounted folder (default /etc/prometheus). HOOKMETER_PROMETHEUS_CONFIG: the copy
# (default /prometheus/prometheus.yml, on the data volume; compose passes --config.file with it). The rule files
# stay in the mounted folder (the copy names them by absolute path), so a reload reads edited rules; an edit of
# prometheus.yml itself needs a restart (`docker compose restart prometheus`).
set -eu

die() {
    echo "hookmeter: $*" >&2
    exit 1
}

[ "$#" -gt 0 ] || { echo "usage: entrypoint.sh COMMAND [ARG...]" >&2; exit 2; }

source=${HOOKMETER_PROMETHEUS_SOURCE:-/etc/prometheus}
config=${HOOKMETER_PROMETHEUS_CONFIG:-/prometheus/prometheus.yml}
host=${HOOKMETER_INSTANCE:-}
if [ -z "$host" ]; then
    host=exporter:9101
    echo "hookmeter: HOOKMETER_INSTANCE is not set: the node job's instance stays $host (no join with hookmeter)" >&2
fi
case $host in
    *'#'* | *'\'* | *'&'* | *"'"* | *'"'* | *'
'*) die "HOOKMETER_INSTANCE '$host' cannot be written into prometheus.yml (no # \\ & quotes or newlines)" ;;
esac
runbooks=${HOOKMETER_RUNBOOKS_URL:-}
case $runbooks in
    '' | http://?* | https://?*) ;;
    *) die "HOOKMETER_RUNBOOKS_URL '$runbooks' is not an http:// or https:// address" ;;
esac
case $runbooks in
    *' '* | *'	'* | *'#'* | *'\'* | *'&'* | *','* | *"'"* | *'"'* | *'
'*) die "HOOKMETER_RUNBOOKS_URL '$runbooks' cannot be written into prometheus.yml (no spaces # \\ & , quotes or newlines)" ;;
esac
[ -f "$source/prometheus.yml" ] || die "$source has no prometheus.yml"
sed -e "s#HOOKMETER_HOST#$host#g" -e "s#^  - rules/#  - $source/rules/#" \
    -e "${runbooks:+s#^\(    runbooks_url:\).*#\1 $runbooks#}" "$source/prometheus.yml" >"$config.tmp" ||
    die "Prometheus's user (uid $(id -u)) cannot write $config.tmp"
mv "$config.tmp" "$config" || die "cannot replace $config"
exec "$@"
