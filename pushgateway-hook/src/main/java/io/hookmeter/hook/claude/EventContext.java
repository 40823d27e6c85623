package io.hookmeter.hook.claude;

import io.hookmeter.hook.config.HookConfig;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What a component gets besides the event: the configuration, the log, when this hook process started (Unix ms,
 * for pairing and timestamps) and how many milliseconds are left before the hard deadline (do less when it is low:
 * the watchdog ends the process at 0 and unsaved work is lost).
 */
public record EventContext(HookConfig config, Consumer<String> log, long startMillis, LongSupplier remainingMillis) {
}
