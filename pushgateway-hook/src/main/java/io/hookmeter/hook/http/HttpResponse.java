package io.hookmeter.hook.http;

import java.nio.charset.StandardCharsets;

/**
 * One answer: a status, and a body with its type (none for {@code 204}).
 *
 * @param status      the status code
 * @param contentType the body's type, null with no body
 * @param body        the body, null for none
 * @param allow       the {@code Allow} header of a {@code 405}, else null
 */
public record HttpResponse(int status, String contentType, byte[] body, String allow) {
    public static final HttpResponse NO_CONTENT = new HttpResponse(204, null, null, null);

    public static HttpResponse text(int status, String type, String body) {
        return new HttpResponse(status, type, body.getBytes(StandardCharsets.UTF_8), null);
    }

    public static HttpResponse methodNotAllowed(String allowed) {
        return new HttpResponse(405, "text/plain", ("use " + allowed + "\n").getBytes(StandardCharsets.UTF_8),
                allowed);
    }

    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 413 -> "Payload Too Large";
            case 417 -> "Expectation Failed";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }
}
