package io.hookmeter.exporter.oshi;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import oshi.hardware.NetworkIF;

import java.util.regex.Pattern;

/** {@code node_network_{receive,transmit}_{bytes,packets,errs,drop}_total} and {@code node_network_up} from OSHI. */
public final class OshiNetworkCollector implements Collector {
    private final OshiHost host;
    private final Pattern exclude;

    public OshiNetworkCollector(OshiHost host, Pattern exclude) {
        this.host = host;
        this.exclude = exclude;
    }

    @Override
    public String name() {
        return "netdev";
    }

    @Override
    public void collect(MetricSink out) {
        MetricSink.Family up = out.gauge("node_network_up", "Value is 1 if operstate is 'up', 0 otherwise.",
                "device");
        for (NetworkIF net : host.hardware().getNetworkIFs(true)) {
            String device = net.getName();
            up.add(net.getIfOperStatus() == NetworkIF.IfOperStatus.UP ? 1 : 0, device);
            if (exclude.matcher(device).find()) {
                continue;
            }
            counter(out, "receive_bytes", net.getBytesRecv(), device);
            counter(out, "receive_packets", net.getPacketsRecv(), device);
            counter(out, "receive_errs", net.getInErrors(), device);
            counter(out, "receive_drop", net.getInDrops(), device);
            counter(out, "transmit_bytes", net.getBytesSent(), device);
            counter(out, "transmit_packets", net.getPacketsSent(), device);
            counter(out, "transmit_errs", net.getOutErrors(), device);
            counter(out, "transmit_colls", net.getCollisions(), device);
        }
    }

    private static void counter(MetricSink out, String stat, double value, String device) {
        out.counter("node_network_" + stat + "_total", "Network device statistic " + stat + ".", "device")
                .add(value, device);
    }
}
