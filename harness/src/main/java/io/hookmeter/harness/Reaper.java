package io.hookmeter.harness;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Last line of defence against leaked servers: kills whatever is still running when the test JVM exits. */
final class Reaper {
    private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ManagedProcess::kill), "harness-reaper"));
    }

    private Reaper() {
    }

    static void register(ManagedProcess process) {
        LIVE.add(process);
    }

    static void unregister(ManagedProcess process) {
        LIVE.remove(process);
    }
}
