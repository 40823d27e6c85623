package io.hookmeter.hook.http;

import java.io.IOException;

/** Answers the requests for one path. */
@FunctionalInterface
public interface HttpHandler {
    HttpResponse handle(HttpRequest request) throws IOException;
}
