package io.hookmeter.stack.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ports and volumes of a resolved compose service, in either notation: docker-compose 1.x prints short strings
 * ({@code 127.0.0.1:9090:9090/tcp}, {@code ./src:/dst:ro}), Compose v2 prints long-syntax maps.
 */
final class ComposeEntries {
    record Port(String hostIp, String published, String target) {
    }

    /** A bind mount has an absolute host source; a named volume has a volume name as its source. */
    record Mount(String source, String target, boolean readOnly) {
        boolean isBind() {
            return source.startsWith("/") || source.startsWith(".");
        }
    }

    private ComposeEntries() {
    }

    static List<Port> ports(Map<String, Object> service) {
        List<Port> ports = new ArrayList<>();
        for (Object entry : list(service.get("ports"))) {
            if (entry instanceof Map<?, ?> map) {
                ports.add(new Port(String.valueOf(map.get("host_ip")), String.valueOf(map.get("published")),
                        String.valueOf(map.get("target"))));
            } else {
                String spec = String.valueOf(entry).replaceFirst("/(tcp|udp)$", "");
                String[] parts = spec.split(":");
                // HOST_IP:PUBLISHED:TARGET; anything shorter publishes on every interface.
                ports.add(parts.length == 3 ? new Port(parts[0], parts[1], parts[2])
                        : new Port("", parts.length == 2 ? parts[0] : "", parts[parts.length - 1]));
            }
        }
        return ports;
    }

    static List<Mount> mounts(Map<String, Object> service) {
        List<Mount> mounts = new ArrayList<>();
        for (Object entry : list(service.get("volumes"))) {
            if (entry instanceof Map<?, ?> map) {
                mounts.add(new Mount(String.valueOf(map.get("source")), String.valueOf(map.get("target")),
                        Boolean.TRUE.equals(map.get("read_only"))));
            } else {
                String[] parts = String.valueOf(entry).split(":");
                String mode = parts.length > 2 ? parts[2] : "";
                mounts.add(new Mount(parts[0], parts[1], List.of(mode.split(",")).contains("ro")));
            }
        }
        return mounts;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        return (List<String>) list(value);
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }
}
