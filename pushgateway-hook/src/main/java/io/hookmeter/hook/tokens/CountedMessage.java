package io.hookmeter.hook.tokens;

/** What has been counted for one API response (one message.id + requestId) so far. */
public record CountedMessage(String model, boolean sidechain, Usage usage) {
}
