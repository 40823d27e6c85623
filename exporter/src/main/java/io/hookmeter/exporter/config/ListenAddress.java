package io.hookmeter.exporter.config;

/** {@code HOST:PORT}, {@code :PORT} (every interface) or {@code [IPv6]:PORT}, as node_exporter takes it. */
public record ListenAddress(String host, int port) {
    public static ListenAddress parse(String key, String text) throws ConfigException {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException(key, "expected HOST:PORT or :PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(key, "invalid port in '" + text + "'");
        }
        return new ListenAddress(host.isEmpty() ? null : host, port);
    }

    @Override
    public String toString() {
        return (host == null ? "" : host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
