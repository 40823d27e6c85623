package io.hookmeter.exporter.collector.processes;

import io.hookmeter.exporter.oshi.OshiHost;
import io.hookmeter.exporter.process.ProcessGroups;
import oshi.software.os.OSProcess;

import java.util.ArrayList;
import java.util.List;

/** The process table from OSHI (macOS, Windows, BSD): one {@code getProcesses()} call per scrape. */
public record OshiProcessTable(OshiHost host) implements ProcessTable {
    @Override
    public List<ProcessSample> list(ProcessGroups groups) {
        List<ProcessSample> samples = new ArrayList<>();
        for (OSProcess p : host.os().getProcesses()) {
            String group = groups.groupOf(p.getName(), p::getCommandLine);
            if (group == null) {
                continue;
            }
            samples.add(new ProcessSample(group, p.getProcessID() + "/" + p.getStartTime(),
                    p.getUserTime() / 1000.0, p.getKernelTime() / 1000.0, p.getResidentMemory(),
                    p.getVirtualSize(), p.getThreadCount(), p.getOpenFiles(), p.getBytesRead(), p.getBytesWritten(),
                    p.getStartTime() / 1000.0));
        }
        return samples;
    }
}
