package io.hookmeter.stack.dashboards;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the selectors of a PromQL expression, with their label matchers, range and the function call directly
 * around them: enough for the dashboard lint rules. Whether the expression is valid PromQL is left to the real
 * parsers (promtool in the lint test, Prometheus in the live test); this only has to read valid expressions.
 */
final class PromQl {
    /** Words that are followed by a parenthesised list of label names, not by an expression. */
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan");

    /** A label matcher such as {@code job=~"$job"}. */
    record Matcher(String label, String op, String value) {
    }

    /**
     * A vector selector: {@code name{matchers}[range]}. {@code range} is null for an instant vector;
     * {@code enclosingCall} is the function whose argument list directly contains the selector, or null;
     * {@code text} is the selector as written, without its range.
     */
    record Selector(String name, Map<String, Matcher> matchers, String range, String enclosingCall, String text) {
        boolean isCounter() {
            return !name.contains(":") && (name.endsWith("_total") || name.endsWith("_bucket")
                    || name.endsWith("_count") || name.endsWith("_sum"));
        }
    }

    private final String expr;
    private int pos;

    private PromQl(String expr) {
        this.expr = expr;
    }

    static List<Selector> selectors(String expr) {
        return new PromQl(expr).scan();
    }

    private enum Frame { CALL, GROUP, LABELS }

    private record Open(Frame frame, String name) {
    }

    private List<Selector> scan() {
        List<Selector> found = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        String previousWord = null;
        String aggregation = null;
        boolean afterOffset = false;
        while (true) {
            skipSpace();
            if (pos >= expr.length()) {
                return found;
            }
            char c = expr.charAt(pos);
            if (c == '"' || c == '\'' || c == '`') {
                readString();
                previousWord = null;
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < expr.length()
                    && Character.isDigit(expr.charAt(pos + 1)))) {
                readWhile(ch -> Character.isLetterOrDigit(ch) || ch == '.');
                previousWord = null;
                afterOffset = false;
            } else if (c == '$') {
                readVariable();
                previousWord = null;
                afterOffset = false;
            } else if (isWordStart(c)) {
                int wordStart = pos;
                String word = readWhile(PromQl::isWordPart);
                skipSpace();
                boolean call = peek() == '(';
                String lower = word.toLowerCase();
                if (afterOffset) {
                    afterOffset = false;
                    previousWord = null;
                    continue;
                } else if (KEYWORDS.contains(lower)) {
                    afterOffset = lower.equals("offset");
                    previousWord = LABEL_LIST_KEYWORDS.contains(lower) ? word : null;
                    continue;
                } else if (!call && startsAggregationModifier()) {
                    aggregation = word;
                    continue;
                } else if (!call && !(open.peek() != null && open.peek().frame() == Frame.LABELS)) {
                    found.add(selector(word, open, wordStart));
                    previousWord = null;
                    continue;
                }
                previousWord = word;
            } else if (c == '{') {
                found.add(selector("", open, pos));
                previousWord = null;
            } else if (c == '(') {
                pos++;
                if (previousWord == null) {
                    open.push(new Open(Frame.GROUP, null));
                } else if (LABEL_LIST_KEYWORDS.contains(previousWord.toLowerCase())) {
                    // Remember the aggregation of "sum by (x) (...)": its argument list opens after the labels.
                    open.push(new Open(Frame.LABELS, aggregation));
                    aggregation = null;
                } else {
                    open.push(new Open(Frame.CALL, previousWord));
                }
                previousWord = null;
            } else if (c == ')') {
                pos++;
                if (open.isEmpty()) {
                    throw new IllegalArgumentException("unbalanced ')' in " + expr);
                }
                Open closed = open.pop();
                previousWord = closed.frame() == Frame.LABELS ? closed.name() : null;
            } else if (c == '[') {
                // A range after ')' is a subquery: the lint rules do not allow them.
                throw new IllegalArgumentException("subquery or misplaced range at " + pos + " in " + expr);
            } else {
                pos++;
                previousWord = null;
            }
        }
    }

    private Selector selector(String name, Deque<Open> open, int start) {
        Map<String, Matcher> matchers = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '{') {
            pos++;
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    break;
                }
                if (peek() == ',') {
                    pos++;
                    continue;
                }
                String label = readWhile(PromQl::isWordPart);
                skipSpace();
                String op = readWhile(ch -> ch == '=' || ch == '!' || ch == '~');
                skipSpace();
                if (label.isEmpty() || op.isEmpty() || peek() != '"' && peek() != '\'' && peek() != '`') {
                    throw new IllegalArgumentException("bad label matcher at " + pos + " in " + expr);
                }
                matchers.put(label, new Matcher(label, op, readString()));
            }
        }
        if (name.isEmpty() && matchers.containsKey("__name__")) {
            name = matchers.get("__name__").value();
        }
        String text = expr.substring(start, pos);
        skipSpace();
        String range = null;
        if (peek() == '[') {
            int end = expr.indexOf(']', pos);
            if (end < 0) {
                throw new IllegalArgumentException("unclosed range in " + expr);
            }
            range = expr.substring(pos + 1, end).trim();
            pos = end + 1;
        }
        Open top = open.peek();
        String call = top != null && top.frame() == Frame.CALL ? top.name() : null;
        return new Selector(name, matchers, range, call, text);
    }

    /** Whether "by" or "without" follows: the word before was an aggregation such as sum. */
    private boolean startsAggregationModifier() {
        int save = pos;
        String next = readWhile(PromQl::isWordPart).toLowerCase();
        pos = save;
        return next.equals("by") || next.equals("without");
    }

    private String readString() {
        char quote = expr.charAt(pos++);
        StringBuilder value = new StringBuilder();
        while (pos < expr.length() && expr.charAt(pos) != quote) {
            char ch = expr.charAt(pos++);
            if (ch == '\\' && quote != '`' && pos < expr.length()) {
                ch = expr.charAt(pos++);
            }
            value.append(ch);
        }
        if (pos >= expr.length()) {
            throw new IllegalArgumentException("unclosed string in " + expr);
        }
        pos++;
        return value.toString();
    }

    private void readVariable() {
        pos++;
        if (peek() == '{') {
            int end = expr.indexOf('}', pos);
            pos = end < 0 ? expr.length() : end + 1;
        } else {
            readWhile(PromQl::isWordPart);
        }
    }

    private String readWhile(java.util.function.IntPredicate accept) {
        int start = pos;
        while (pos < expr.length() && accept.test(expr.charAt(pos))) {
            pos++;
        }
        return expr.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < expr.length() && Character.isWhitespace(expr.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < expr.length() ? expr.charAt(pos) : '\0';
    }

    private static boolean isWordStart(int c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean isWordPart(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }
}
