package io.hookmeter.exporter.process;

import io.hookmeter.exporter.oshi.OshiHost;
import oshi.software.os.OSProcess;

import java.util.ArrayList;
import java.util.List;

/** The process table from OSHI (macOS, Windows, BSD): one {@code getProcesses()} call per scrape. */
public final class OshiProcessTable implements ProcessTable {
    private final OshiHost host;

    public OshiProcessTable(OshiHost host) {
        this.host = host;
    }

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
