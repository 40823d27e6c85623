package io.hookmeter.hook.agent;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GroupLabelsTest {
    @Test
    void everySampleGetsTheGroupLabelsCommentsStayAsTheyAre() {
        Map<String, String> group = new LinkedHashMap<>();
        group.put("instance", "box \"1\"");
        group.put("job", "hookmeter");
        String in = "# HELP a_total A.\n# TYPE a_total counter\na_total 3.0\nb{tool=\"Bash\"} 1\nc{} 2\n";
        assertEquals("# HELP a_total A.\n# TYPE a_total counter\n"
                + "a_total{instance=\"box \\\"1\\\"\",job=\"hookmeter\"} 3.0\n"
                + "b{instance=\"box \\\"1\\\"\",job=\"hookmeter\",tool=\"Bash\"} 1\n"
                + "c{instance=\"box \\\"1\\\"\",job=\"hookmeter\"} 2\n", GroupLabels.add(in, group));
    }
}
