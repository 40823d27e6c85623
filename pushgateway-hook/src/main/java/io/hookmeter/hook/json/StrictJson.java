package io.hookmeter.hook.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * The one Jackson factory of the hook: everything it reads or writes as JSON (the state file, spool files, hook
 * events, settings.json, transcripts, the status line's input, Alertmanager's answers, reports) goes through it.
 */
public final class StrictJson {
    /** Strict: duplicate keys are an error, so damaged or hostile input is never half-understood. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictJson() {
    }
}
