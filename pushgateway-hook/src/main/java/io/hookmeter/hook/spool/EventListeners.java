package io.hookmeter.hook.spool;

import io.hookmeter.hook.activity.ActivityListener;
import io.hookmeter.hook.claude.EventListener;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.tokens.TokenListener;

import java.util.List;

/** The components that see every event inside the same state update (see {@link EventListener}). */
public final class EventListeners {
    private EventListeners() {
    }

    /** Add yours here. */
    public static List<EventListener> of(HookConfig config) {
        return List.of(new TokenListener(config), new ActivityListener());
    }
}
