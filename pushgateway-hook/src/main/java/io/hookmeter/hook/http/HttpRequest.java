package io.hookmeter.hook.http;

/**
 * One request as a handler sees it.
 *
 * @param method the method, as sent ({@code GET}, {@code POST}, ...)
 * @param path   the path, without the query
 * @param query  the decoded query, or null
 * @param body   the body (empty when there was none), or null when it was longer than the server's limit (it was
 *               read and discarded, so the answer still reaches the client)
 */
public record HttpRequest(String method, String path, String query, byte[] body) {
    public boolean tooLarge() {
        return body == null;
    }
}
