package io.hookmeter.hook.it;

import java.util.ArrayList;
import java.util.List;

/** Busy loops, one per core, in separate processes: a machine that is compiling while the agent works. */
final class BusyCores {
    private final List<Process> loops;

    private BusyCores(List<Process> loops) {
        this.loops = loops;
    }

    static BusyCores start(int cores) {
        List<Process> loops = new ArrayList<>();
        try {
            for (int i = 0; i < cores; i++) {
                loops.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
            }
        } catch (java.io.IOException e) {
            loops.forEach(Process::destroyForcibly);
            throw new java.io.UncheckedIOException(e);
        }
        return new BusyCores(loops);
    }

    void stop() {
        loops.forEach(Process::destroyForcibly);
    }
}
