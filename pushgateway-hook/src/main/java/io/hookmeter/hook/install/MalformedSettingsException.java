package io.hookmeter.hook.install;

/** The settings file is not something we can safely merge into; it is left untouched. */
final class MalformedSettingsException extends Exception {
    MalformedSettingsException(String message) {
        super(message);
    }
}
