package io.hookmeter.stack.team;

/**
 * The URL contract of the team store: forwarders and tests append the same Prometheus API paths to a root, which is
 * the single-node server itself or, in the cluster, a tenant's prefix on vminsert (writes) and vmselect (reads).
 */
public final class TeamStore {
    /** Where forwarders remote-write, below the root (deploy/team/forwarder appends it). */
    public static final String WRITE = "/api/v1/write";
    /** The JSON-lines import with timestamps that scripts/simulate-team uses, below the write root. */
    public static final String IMPORT = "/api/v1/import";
    /** Instant queries, below the read root. */
    public static final String QUERY = "/api/v1/query";
    /** The cluster's write root on vminsert, tenant 0. */
    public static final String CLUSTER_INSERT_PREFIX = "/insert/0/prometheus";
    /** The cluster's read root on vmselect, tenant 0. */
    public static final String CLUSTER_SELECT_PREFIX = "/select/0/prometheus";

    private TeamStore() {
    }
}
