package io.hookmeter.exporter;

import io.hookmeter.harness.ManagedProcess;
import io.hookmeter.harness.PrometheusApi;
import io.hookmeter.harness.RealServers;
import io.hookmeter.harness.Servers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

/** A real Prometheus scrapes the exporter as job "node"; node-mixin style queries (short ranges) return data. */
@ExtendWith(RealServers.class)
class PrometheusScrapeIT {
    private static PrometheusApi prometheus;

    @BeforeAll
    static void start(Servers servers) {
        ManagedProcess exporter = servers.exporter();
        ManagedProcess server = servers.prometheus("""
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: node
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(exporter.port()));
        prometheus = new PrometheusApi(server);
        prometheus.awaitNonEmpty("up{job=\"node\"} == 1", Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // instance:node_cpu_utilisation:rate5m (node-mixin), with a range that fits a short test
        "1 - avg without (cpu) (sum without (mode) (rate(node_cpu_seconds_total{job=\"node\", mode=~\"idle|iowait|steal\"}[5s])))",
        // instance:node_num_cpu:sum and instance:node_load1_per_cpu:ratio
        "node_load1{job=\"node\"} / count without (cpu) (count without (mode) (node_cpu_seconds_total{job=\"node\"}))",
        // instance:node_memory_utilisation:ratio
        "1 - (node_memory_MemAvailable_bytes{job=\"node\"} / node_memory_MemTotal_bytes{job=\"node\"})",
        // the filesystem space alerts
        "node_filesystem_avail_bytes{job=\"node\", fstype!=\"\"} / node_filesystem_size_bytes{job=\"node\", fstype!=\"\"}",
        // instance:node_network_receive_bytes_excluding_lo:rate5m and the disk I/O saturation
        "sum without (device) (rate(node_network_receive_bytes_total{job=\"node\", device!=\"lo\"}[5s]))",
        "rate(node_disk_io_time_weighted_seconds_total{job=\"node\"}[5s])",
        // dashboards' host picker and the process group panels
        "node_uname_info{job=\"node\"}",
        "namedprocess_namegroup_num_procs{job=\"node\", groupname=\"claude\"}",
        "node_scrape_collector_success{job=\"node\"} == 1"
    })
    void nodeMixinStyleQueriesReturnData(String query) {
        prometheus.awaitNonEmpty(query, Duration.ofSeconds(60));
    }
}
