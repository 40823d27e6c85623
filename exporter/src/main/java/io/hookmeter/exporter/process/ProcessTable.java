package io.hookmeter.exporter.process;

import java.util.List;

/** Lists the host's processes once and returns those that belong to a group. */
public interface ProcessTable {
    List<ProcessSample> list(ProcessGroups groups) throws Exception;
}
