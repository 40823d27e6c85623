package io.hookmeter.stack.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ports and volumes of a resolved compose service, in either notation: docker-compose 1.x prints short strings
 * ({@code 127.0.0.1:9090:9090/tcp}, {@code ./src:/dst:ro}), Compose v2 prints long-syntax maps.
 */
final class ComposeEntries {
    record Port(String hostIp, String published, String target) {
    }

    /**
     * A bind mount has an absolute host source; a named volume has a volume name as its source. {@code propagation}
     * and {@code selinux} are empty when not set (Docker's defaults: rprivate, no relabelling).
     */
    record Mount(String source, String target, boolean readOnly, String propagation, String selinux) {
        private static final Set<String> PROPAGATIONS = Set.of("shared", "rshared", "slave", "rslave", "private",
                "rprivate");

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
                Map<?, ?> bind = map.get("bind") instanceof Map<?, ?> options ? options : Map.of();
                mounts.add(new Mount(String.valueOf(map.get("source")), String.valueOf(map.get("target")),
                        Boolean.TRUE.equals(map.get("read_only")), string(bind.get("propagation")),
                        string(bind.get("selinux"))));
            } else {
                // SOURCE:TARGET[:MODE,MODE...], the modes being ro/rw, a propagation and z/Z in any order.
                String[] parts = String.valueOf(entry).split(":");
                List<String> modes = parts.length > 2 ? List.of(parts[2].split(",")) : List.of();
                mounts.add(new Mount(parts[0], parts[1], modes.contains("ro"),
                        modes.stream().filter(Mount.PROPAGATIONS::contains).findFirst().orElse(""),
                        modes.stream().filter(m -> m.equals("z") || m.equals("Z")).findFirst().orElse("")));
            }
        }
        return mounts;
    }

    /**
     * The {@code extra_hosts} of a service as NAME:ADDRESS strings: a list in a single file, a map once
     * docker-compose 1.x has merged an override into it.
     */
    static Set<String> extraHosts(Map<String, Object> service) {
        Object hosts = service.get("extra_hosts");
        Set<String> entries = new TreeSet<>();
        if (hosts instanceof Map<?, ?> map) {
            map.forEach((name, address) -> entries.add(name + ":" + address));
        } else {
            list(hosts).forEach(entry -> entries.add(String.valueOf(entry)));
        }
        return entries;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        return (List<String>) list(value);
    }

    private static String string(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }
}
