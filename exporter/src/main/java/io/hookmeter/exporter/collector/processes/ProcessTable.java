package io.hookmeter.exporter.collector.processes;

import io.hookmeter.exporter.process.ProcessGroups;

import java.util.List;

/** Lists the host's processes once and returns those that belong to a group. */
public interface ProcessTable {
    List<ProcessSample> list(ProcessGroups groups) throws Exception;
}
