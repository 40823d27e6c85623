package io.hookmeter.hook.recording;

import io.hookmeter.hook.toolcall.ToolCall;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the legacy start/end CSV of simple shell hooks ({@code timestamp,cpu_percent,memory_rss,tool_name,event})
 * into tool calls: each end row is paired with the oldest open start row of the same tool. Timestamps may be Unix
 * seconds (with a fraction), Unix milliseconds, or ISO-8601 (UTC when no offset is given). cpu_percent and
 * memory_rss are read past: they have no place in the metric contract.
 */
final class CsvImport {
    /** What the import found. */
    record Result(List<ToolCall> calls, List<String> problems, int unpairedStarts, int unpairedEnds) {
    }

    private CsvImport() {
    }

    static Result parse(List<String> lines) {
        List<ToolCall> calls = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Deque<Double>> open = new HashMap<>();
        int unpairedEnds = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#") || (n == 0 && line.toLowerCase().startsWith("timestamp"))) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 5) {
                problems.add("line " + (n + 1) + ": expected 5 fields, found " + fields.length);
                continue;
            }
            Double seconds = timestamp(unquote(fields[0]));
            String tool = unquote(fields[3]);
            String event = unquote(fields[4]).toLowerCase();
            if (seconds == null) {
                problems.add("line " + (n + 1) + ": unreadable timestamp '" + fields[0] + "'");
                continue;
            }
            if (tool.isEmpty()) {
                problems.add("line " + (n + 1) + ": no tool name");
                continue;
            }
            switch (event) {
                case "start", "begin", "pre", "pretooluse" ->
                        open.computeIfAbsent(tool, t -> new ArrayDeque<>()).addLast(seconds);
                case "end", "stop", "finish", "post", "posttooluse" -> {
                    Deque<Double> starts = open.get(tool);
                    Double start = starts == null ? null : starts.pollFirst();
                    if (start == null) {
                        unpairedEnds++;
                    } else if (seconds < start) {
                        problems.add("line " + (n + 1) + ": ends before its start");
                    } else {
                        calls.add(new ToolCall(tool, ToolCall.SUCCESS, ToolCall.MAIN_AGENT, seconds - start, seconds,
                                null));
                    }
                }
                default -> problems.add("line " + (n + 1) + ": unknown event '" + fields[4] + "'");
            }
        }
        int unpairedStarts = open.values().stream().mapToInt(Deque::size).sum();
        return new Result(calls, problems, unpairedStarts, unpairedEnds);
    }

    private static String unquote(String field) {
        String text = field.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text;
    }

    /** Unix seconds of a timestamp, or null. */
    static Double timestamp(String text) {
        try {
            double number = Double.parseDouble(text);
            // Beyond year 5138 as seconds: it must be milliseconds.
            return number > 1e11 ? number / 1000.0 : number;
        } catch (NumberFormatException notNumeric) {
            // Try ISO-8601 below.
        }
        try {
            return Instant.parse(text).toEpochMilli() / 1000.0;
        } catch (DateTimeParseException e) {
            // Next form.
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli() / 1000.0;
        } catch (DateTimeParseException e) {
            // Next form.
        }
        try {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli() / 1000.0;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
