package io.hookmeter.hook.state;

/** The Prometheus metric types the state file keeps. */
public enum MetricType {
    COUNTER("counter"),
    GAUGE("gauge"),
    HISTOGRAM("histogram");

    private final String text;

    MetricType(String text) {
        this.text = text;
    }

    /** The name used in the state file and in the {@code # TYPE} line of the text format. */
    public String text() {
        return text;
    }

    static MetricType fromText(String text) {
        for (MetricType type : values()) {
            if (type.text.equals(text)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown metric type '" + text + "'");
    }
}
