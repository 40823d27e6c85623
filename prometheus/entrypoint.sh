#!/bin/sh
# The compose entrypoint of Prometheus (docker-compose.yml runs it with sh): writes the running copy of
# prometheus.yml with HOOKMETER_INSTANCE, this machine's name, as the node job's instance where the shipped file
# says HOOKMETER_HOST, then starts Prometheus on that copy. hookmeter pushes under the host name by default, so with
# HOOKMETER_INSTANCE set to it a machine's tool series and host series join on instance. A container cannot know
# the host's name by itself: unset, the node job keeps its address (exporter:9101) as instance. Rule files stay in
# /etc/prometheus/rules, so a reload still reads edited rules; an edit of prometheus.yml itself needs
# `docker compose restart prometheus`.
set -e
host=${HOOKMETER_INSTANCE:-}
if [ -z "$host" ]; then
    host=exporter:9101
    echo "prometheus/entrypoint.sh: HOOKMETER_INSTANCE is not set: the node job's instance stays $host" >&2
fi
case $host in *'#'* | *'\'* | *'&'* | *"'"* | *'"'*)
    echo "prometheus/entrypoint.sh: HOOKMETER_INSTANCE '$host' cannot be an instance label here" >&2
    exit 1 ;;
esac
sed -e "s#HOOKMETER_HOST#$host#g" -e 's#^  - rules/#  - /etc/prometheus/rules/#' \
    /etc/prometheus/prometheus.yml >/prometheus/prometheus.yml
exec /bin/prometheus "$@"
