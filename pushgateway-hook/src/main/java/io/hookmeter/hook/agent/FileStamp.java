package io.hookmeter.hook.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file's modification time and size as one string: it changes when another process rewrites the file. */
final class FileStamp {
    private FileStamp() {
    }

    static String of(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException e) {
            return "none";
        }
    }
}
