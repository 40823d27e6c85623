package io.hookmeter.hook.report;

/**
 * vmagent's remote-write figures from its {@code /metrics} (Prometheus text format), summed over its remote-write
 * URLs: requests the store took ({@code vmagent_remotewrite_requests_total{status_code="2XX"}}), refused (any
 * other status code), connection errors ({@code vmagent_remotewrite_errors_total}) and the bytes waiting to be sent
 * ({@code vmagent_remotewrite_pending_data_bytes}).
 */
record VmagentMetrics(long sent, long refused, long connectionErrors, long pendingBytes) {

    /** Reads the lines it needs and ignores the others; IllegalArgumentException on a malformed value. */
    static VmagentMetrics parse(String text) {
        long sent = 0;
        long refused = 0;
        long errors = 0;
        long pending = 0;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            int nameEnd = brace >= 0 && (space < 0 || brace < space) ? brace : space;
            if (nameEnd <= 0) {
                continue;
            }
            String name = line.substring(0, nameEnd);
            switch (name) {
                case "vmagent_remotewrite_requests_total" -> {
                    if (line.contains("status_code=\"2XX\"")) {
                        sent += value(line);
                    } else {
                        refused += value(line);
                    }
                }
                case "vmagent_remotewrite_errors_total" -> errors += value(line);
                case "vmagent_remotewrite_pending_data_bytes" -> pending += value(line);
                default -> { }
            }
        }
        return new VmagentMetrics(sent, refused, errors, pending);
    }

    /** The sample's value: the first field after the labels (vmagent writes no timestamps). */
    private static long value(String line) {
        int start = line.lastIndexOf('}') + 1;
        String[] fields = line.substring(start > 0 ? start : line.indexOf(' ')).strip().split(" ");
        try {
            return (long) Double.parseDouble(fields[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in " + line);
        }
    }
}
