package io.hookmeter.hook.agent;

import java.util.Map;

/**
 * Adds the push group's labels ({@code job}, {@code instance}, {@code user}) to every sample of a text exposition,
 * so that a Prometheus scraping the agent directly (with {@code honor_labels: true}) sees the very series the
 * Pushgateway shows for the pushed group.
 */
final class GroupLabels {
    private GroupLabels() {
    }

    static String add(String exposition, Map<String, String> labels) {
        StringBuilder prefix = new StringBuilder();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (prefix.length() > 0) {
                prefix.append(',');
            }
            prefix.append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
        }
        StringBuilder out = new StringBuilder(exposition.length() + exposition.length() / 2);
        int start = 0;
        while (start < exposition.length()) {
            int end = exposition.indexOf('\n', start);
            end = end < 0 ? exposition.length() : end;
            String line = exposition.substring(start, end);
            if (line.isEmpty() || line.charAt(0) == '#') {
                out.append(line);
            } else {
                int brace = line.indexOf('{');
                int space = line.indexOf(' ');
                if (brace >= 0 && brace < space) {
                    boolean empty = line.charAt(brace + 1) == '}';
                    out.append(line, 0, brace + 1).append(prefix).append(empty ? "" : ",").append(line, brace + 1,
                            line.length());
                } else {
                    out.append(line, 0, space).append('{').append(prefix).append('}').append(line, space,
                            line.length());
                }
            }
            out.append('\n');
            start = end + 1;
        }
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
