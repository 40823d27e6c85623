package io.hookmeter.exporter.collector.netdev;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.oshi.OshiHost;
import oshi.hardware.NetworkIF;

import java.util.regex.Pattern;

/** {@code node_network_{receive,transmit}_{bytes,packets,errs,drop}_total} and {@code node_network_up} from OSHI. */
public record OshiNetdevCollector(OshiHost host, Pattern exclude) implements Collector {
    @Override
    public void collect(MetricSink out) {
        MetricSink.Family up = NetdevFamilies.up(out);
        for (NetworkIF net : host.hardware().getNetworkIFs(true)) {
            String device = net.getName();
            up.add(net.getIfOperStatus() == NetworkIF.IfOperStatus.UP ? 1 : 0, device);
            if (exclude.matcher(device).find()) {
                continue;
            }
            NetdevFamilies.add(out, "receive_bytes", net.getBytesRecv(), device);
            NetdevFamilies.add(out, "receive_packets", net.getPacketsRecv(), device);
            NetdevFamilies.add(out, "receive_errs", net.getInErrors(), device);
            NetdevFamilies.add(out, "receive_drop", net.getInDrops(), device);
            NetdevFamilies.add(out, "transmit_bytes", net.getBytesSent(), device);
            NetdevFamilies.add(out, "transmit_packets", net.getPacketsSent(), device);
            NetdevFamilies.add(out, "transmit_errs", net.getOutErrors(), device);
            NetdevFamilies.add(out, "transmit_colls", net.getCollisions(), device);
        }
    }
}
