package io.hookmeter.hook.tokens;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Tokens and cost per day, week or month, read offline from every transcript under the given folders (Claude
 * Code's {@code ~/.claude/projects}): the history {@code hookmeter report --by} shows, independent of the state file
 * and of Prometheus. Each API response counts once (the same dedup as the hook: {@code message.id} + {@code
 * requestId}, non-sidechain copy first, then the larger usage) in the period of its line's {@code timestamp}, taken
 * in {@code zone}.
 */
public final class TranscriptHistory {
    /** How responses are grouped: by day, ISO week (from Monday) or calendar month. */
    public enum Period {
        DAY, WEEK, MONTH;

        /** The period's first day, as its label. */
        LocalDate start(LocalDate day) {
            return switch (this) {
                case DAY -> day;
                case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> day.withDayOfMonth(1);
            };
        }

        public String label(LocalDate start) {
            return this == MONTH ? start.toString().substring(0, 7) : start.toString();
        }
    }

    /**
     * The result: totals per period start (oldest first), the responses that had no readable timestamp (counted
     * nowhere else), the transcripts read and those that could not be read.
     */
    public record Result(Map<LocalDate, TokenDelta> periods, long undated, int files, List<String> unreadable) {
    }

    private final PriceTable prices;

    public TranscriptHistory(PriceTable prices) {
        this.prices = prices;
    }

    public Result read(List<Path> folders, ZoneId zone, Period period) {
        Map<String, AssistantUsage> kept = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        int files = 0;
        TranscriptLines lines = new TranscriptLines();
        for (Path transcript : transcripts(folders, unreadable)) {
            files++;
            try (BufferedReader reader = Files.newBufferedReader(transcript, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    AssistantUsage entry = lines.parse(line);
                    if (entry != null) {
                        kept.merge(entry.key(), entry, (old, candidate) ->
                                candidate.preferredOver(old.sidechain(), old.usage()) ? candidate : old);
                    }
                }
            } catch (IOException | RuntimeException e) {
                unreadable.add(transcript + ": " + e.getMessage());
            }
        }
        Map<LocalDate, TokenDelta> periods = new TreeMap<>();
        long undated = 0;
        for (AssistantUsage entry : kept.values()) {
            LocalDate day = day(entry.timestamp(), zone);
            if (day == null) {
                undated++;
                continue;
            }
            String model = PriceTable.normalize(entry.model());
            periods.computeIfAbsent(period.start(day), d -> new TokenDelta())
                    .add(model, entry.usage(), 1, prices.find(model));
        }
        return new Result(periods, undated, files, unreadable);
    }

    private static LocalDate day(String timestamp, ZoneId zone) {
        if (timestamp == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(timestamp).atZoneSameInstant(zone).toLocalDate();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Every {@code *.jsonl} under the folders (subagent transcripts included), in a stable order. */
    private static List<Path> transcripts(List<Path> folders, List<String> unreadable) {
        List<Path> found = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                unreadable.add(folder + ": no such folder");
                continue;
            }
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p))
                        .sorted().forEach(found::add);
            } catch (IOException | RuntimeException e) {
                unreadable.add(folder + ": " + e.getMessage());
            }
        }
        return found;
    }
}
