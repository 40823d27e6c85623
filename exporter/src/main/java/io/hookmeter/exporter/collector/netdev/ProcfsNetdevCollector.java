package io.hookmeter.exporter.collector.netdev;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.procfs.HostPaths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * {@code node_network_{receive,transmit}_*_total{device}} from /proc/net/dev (the host's, also from a container:
 * see {@link #netDev()}), and {@code node_network_up} from
 * each interface's operstate in /sys/class/net (for every interface, like node_exporter's netclass collector).
 */
public record ProcfsNetdevCollector(HostPaths paths, Pattern exclude) implements Collector {
    private static final String[] RECEIVE = {"bytes", "packets", "errs", "drop", "fifo", "frame", "compressed",
        "multicast"};
    private static final String[] TRANSMIT = {"bytes", "packets", "errs", "drop", "fifo", "colls", "carrier",
        "compressed"};

    @Override
    public void collect(MetricSink out) throws Exception {
        MetricSink.Family up = NetdevFamilies.up(out);
        HostPaths.eachLine(netDev(), line -> {
            int colon = line.indexOf(':');
            if (colon < 0 || line.indexOf('|') >= 0) {
                return;
            }
            String device = line.substring(0, colon).trim();
            String[] f = HostPaths.fields(line.substring(colon + 1));
            if (!exclude.matcher(device).find()) {
                add(out, "receive", RECEIVE, f, 0, device);
                add(out, "transmit", TRANSMIT, f, RECEIVE.length, device);
            }
            String operstate = HostPaths.readFirstLine(paths.sys("class/net/" + device + "/operstate"));
            if (operstate != null) {
                up.add(operstate.equals("up") ? 1 : 0, device);
            }
        });
    }

    /**
     * {@code /proc/net/dev} answers for the network namespace of the process reading it: in a container, the
     * container's own interface. With the host's procfs mounted ({@code --path.procfs} other than /proc) and the
     * host's PID namespace shared, {@code <procfs>/1/net/dev} is the host's init process's view: the host's
     * interfaces, matching the host's /sys/class/net.
     */
    private Path netDev() {
        if (!paths.procfs().equals(HostPaths.DEFAULT.procfs())) {
            Path init = paths.proc("1/net/dev");
            if (Files.isReadable(init)) {
                return init;
            }
        }
        return paths.proc("net/dev");
    }

    private static void add(MetricSink out, String direction, String[] stats, String[] f, int offset,
                            String device) {
        for (int i = 0; i < stats.length && offset + i < f.length; i++) {
            NetdevFamilies.add(out, direction + "_" + stats[i], Double.parseDouble(f[offset + i]), device);
        }
    }
}
