package io.hookmeter.stack.dashboards;

import io.hookmeter.stack.dashboards.PromQl.Selector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The selector reader behind the lint rules finds what a PromQL parser would. */
class PromQlTest {

    @Test
    void findsSelectorsWithMatchersRangesAndTheirFunction() {
        List<Selector> found = PromQl.selectors("histogram_quantile(0.95, sum by (tool, le) "
                + "(rate(hookmeter_tool_duration_seconds_bucket{job=~\"$job\", tool=~\"a,b\"}[$__rate_interval])))");
        assertEquals(1, found.size());
        Selector s = found.get(0);
        assertEquals("hookmeter_tool_duration_seconds_bucket", s.name());
        assertEquals("$__rate_interval", s.range());
        assertEquals("rate", s.enclosingCall());
        assertEquals("a,b", s.matchers().get("tool").value());
        assertEquals("=~", s.matchers().get("job").op());
        assertTrue(s.isCounter());
        assertEquals("hookmeter_tool_duration_seconds_bucket{job=~\"$job\", tool=~\"a,b\"}", s.text());
    }

    @Test
    void labelListsKeywordsAndAggregationsAreNotSelectors() {
        List<Selector> found = PromQl.selectors("sum by (instance, mode) (rate(a_total{x=\"1\"}[1m])) / on (instance) "
                + "group_left sum without (cpu) (b) > bool 0 or c offset 5m unless topk(3, d)");
        assertEquals(List.of("a_total", "b", "c", "d"), found.stream().map(Selector::name).toList());
        assertEquals("sum", found.get(1).enclosingCall());
        assertEquals("topk", found.get(3).enclosingCall());
        assertNull(found.get(2).enclosingCall());
    }

    @Test
    void aCounterOutsideRateIsSeenAsSuch() {
        Selector s = PromQl.selectors("sum(hookmeter_prompts_total) - time()").get(0);
        assertTrue(s.isCounter());
        assertNull(s.range());
        assertEquals("sum", s.enclosingCall());
        assertFalse(PromQl.selectors("tool:hookmeter_tool_calls:increase1h").get(0).isCounter());
    }

    @Test
    void bareMatchersUseTheNameMatcher() {
        Selector s = PromQl.selectors("{__name__=~\"up|push_time_seconds\", job=~\"$job\"}").get(0);
        assertEquals("up|push_time_seconds", s.name());
        assertEquals(2, s.matchers().size());
    }

    @Test
    void grafanaVariablesAndNumbersAreNotSelectors() {
        assertEquals(List.of("x"), PromQl.selectors("x * 86400 / $__range_s + ${y} + 1e3")
                .stream().map(Selector::name).toList());
    }

    @Test
    void subqueriesAndUnbalancedExpressionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PromQl.selectors("max_over_time(rate(x[1m])[1h:])"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.selectors("sum(x))"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.selectors("x{a=\"1}"));
    }
}
