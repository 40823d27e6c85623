package io.hookmeter.hook.http;

/** Where the server reports what went wrong without a client to tell (the agent's log). */
public interface HttpServerErrors {
    void handlerFailed(String path, Exception e);

    void connectionRefused(String why);
}
