package io.hookmeter.exporter.collector.processes;

import io.hookmeter.exporter.collect.Collector;
import io.hookmeter.exporter.collect.MetricSink;
import io.hookmeter.exporter.process.ProcessGroup;
import io.hookmeter.exporter.process.ProcessGroups;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * process-exporter's {@code namedprocess_namegroup_*{groupname}} metrics, from one process listing per scrape.
 * Counters stay monotonic when processes exit: what an exited process had used is kept in the group's total,
 * as process-exporter does, so {@code rate()} does not see a reset every time a short-lived tool process ends.
 */
public final class ProcessGroupCollector implements Collector {
    private final ProcessGroups groups;
    private final ProcessTable table;
    private final Map<String, ProcessSample> lastSeen = new HashMap<>();
    private final Map<String, double[]> exited = new HashMap<>();

    public ProcessGroupCollector(ProcessGroups groups, ProcessTable table) {
        this.groups = groups;
        this.table = table;
    }

    @Override
    public synchronized void collect(MetricSink out) throws Exception {
        List<ProcessSample> samples = table.list(groups);
        Map<String, Totals> byGroup = new LinkedHashMap<>();
        for (ProcessGroup group : groups.groups()) {
            byGroup.put(group.name(), new Totals(exited.computeIfAbsent(group.name(), g -> new double[4])));
        }
        Map<String, ProcessSample> seen = new HashMap<>();
        for (ProcessSample sample : samples) {
            seen.put(sample.id(), sample);
            byGroup.get(sample.group()).add(sample);
        }
        for (Map.Entry<String, ProcessSample> gone : lastSeen.entrySet()) {
            if (!seen.containsKey(gone.getKey())) {
                ProcessSample last = gone.getValue();
                double[] total = exited.get(last.group());
                if (total != null) {
                    total[0] += last.userSeconds();
                    total[1] += last.systemSeconds();
                    total[2] += Math.max(0, last.readBytes());
                    total[3] += Math.max(0, last.writeBytes());
                }
            }
        }
        lastSeen.clear();
        lastSeen.putAll(seen);
        write(out, byGroup);
    }

    private static void write(MetricSink out, Map<String, Totals> byGroup) {
        MetricSink.Family procs = out.gauge("namedprocess_namegroup_num_procs",
                "number of processes in this group", "groupname");
        MetricSink.Family cpu = out.counter("namedprocess_namegroup_cpu_seconds_total",
                "Cpu user usage in seconds", "groupname", "mode");
        MetricSink.Family memory = out.gauge("namedprocess_namegroup_memory_bytes",
                "number of bytes of memory in use", "groupname", "memtype");
        MetricSink.Family threads = out.gauge("namedprocess_namegroup_num_threads",
                "Number of threads", "groupname");
        MetricSink.Family fds = out.gauge("namedprocess_namegroup_open_filedesc",
                "number of open file descriptors for this group", "groupname");
        MetricSink.Family read = out.counter("namedprocess_namegroup_read_bytes_total",
                "number of bytes read by this group", "groupname");
        MetricSink.Family written = out.counter("namedprocess_namegroup_write_bytes_total",
                "number of bytes written by this group", "groupname");
        MetricSink.Family oldest = out.gauge("namedprocess_namegroup_oldest_start_time_seconds",
                "start time in seconds since 1970/01/01 of oldest process in group", "groupname");
        for (Map.Entry<String, Totals> entry : byGroup.entrySet()) {
            String g = entry.getKey();
            Totals t = entry.getValue();
            procs.add(t.count, g);
            cpu.add(t.user, g, "user");
            cpu.add(t.system, g, "system");
            memory.add(t.resident, g, "resident");
            memory.add(t.virtual, g, "virtual");
            threads.add(t.threads, g);
            fds.add(t.fds, g);
            read.add(t.read, g);
            written.add(t.written, g);
            oldest.add(t.oldest == Double.MAX_VALUE ? 0 : t.oldest, g);
        }
    }

    /** One group's sums: exited processes' counters plus the live processes' values. */
    private static final class Totals {
        double count;
        double user;
        double system;
        double resident;
        double virtual;
        double threads;
        double fds;
        double read;
        double written;
        double oldest = Double.MAX_VALUE;

        Totals(double[] exited) {
            user = exited[0];
            system = exited[1];
            read = exited[2];
            written = exited[3];
        }

        void add(ProcessSample s) {
            count++;
            user += s.userSeconds();
            system += s.systemSeconds();
            resident += s.residentBytes();
            virtual += s.virtualBytes();
            threads += s.threads();
            fds += Math.max(0, s.openFds());
            read += Math.max(0, s.readBytes());
            written += Math.max(0, s.writeBytes());
            oldest = Math.min(oldest, s.startTimeSeconds());
        }
    }
}
