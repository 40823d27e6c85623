package io.hookmeter.stack.dashboards;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces Grafana's template variables in a query the way Grafana does before sending it to Prometheus:
 * {@code $name}, {@code ${name}}, {@code ${name:format}} and {@code [[name]]}.
 */
final class GrafanaMacros {
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\{(\\w+)(?::[^}]*)?}|\\[\\[(\\w+)(?::[^]]*)?]]|\\$(\\w+)");

    private GrafanaMacros() {
    }

    /** Substitutes every variable; an unknown one is an error, because Grafana would send it verbatim. */
    static String substitute(String text, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = name(m);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("unknown variable $" + name + " in " + text);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Picked values of a multi-value variable as Grafana's Prometheus data source writes them into a query: each
     * value's regex characters escaped (for a PromQL string, so with two backslashes), several as {@code (a|b)}.
     */
    static String regex(List<String> picked) {
        List<String> escaped = picked.stream().map(v -> v.replace("\\", "\\\\\\\\")
                .replaceAll("[$^*{}\\[\\]'+?.()|]", "\\\\\\\\$0")).toList();
        return escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
    }

    /** The names of the variables a text uses. */
    static Set<String> used(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(name(m));
        }
        return names;
    }

    private static String name(Matcher m) {
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }
}
