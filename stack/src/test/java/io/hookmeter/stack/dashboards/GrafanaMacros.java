package io.hookmeter.stack.dashboards;

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
