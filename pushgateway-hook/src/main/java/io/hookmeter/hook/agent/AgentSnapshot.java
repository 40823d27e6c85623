package io.hookmeter.hook.agent;

/**
 * What the agent's HTTP endpoints answer from, replaced as a whole after every transaction: requests never wait
 * for the state lock, the disk or the Pushgateway.
 *
 * @param exposition     the pushed group in the text format, with its grouping labels
 * @param tokenSection   the token ledger's raw JSON (today's cost for the status line), or null
 * @param lastBatchMillis when the last batch was committed (0: none yet)
 * @param lastBatchSize  events in it
 * @param spoolDepth     events waiting after it
 * @param lastPushMillis when the last push succeeded (0: never)
 * @param lastPushError  the last push failure, or empty
 */
record AgentSnapshot(String exposition, String tokenSection, long lastBatchMillis, int lastBatchSize, int spoolDepth,
                     long lastPushMillis, String lastPushError) {
    static final AgentSnapshot EMPTY = new AgentSnapshot("", null, 0, 0, 0, 0, "");
}
