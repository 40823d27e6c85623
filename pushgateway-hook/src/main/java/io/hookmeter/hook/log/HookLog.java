package io.hookmeter.hook.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The log file {@code hookmeter.log} in the Hookmeter home: one line per problem, with a UTC timestamp. When it
 * reaches {@link #MAX_BYTES} it is renamed to {@code hookmeter.log.1} (replacing the previous one), so the log never
 * takes more than about 2 MiB. When the file cannot be written, lines go to stderr (never stdout).
 */
public final class HookLog implements Consumer<String> {
    public static final String FILE = "hookmeter.log";
    public static final long MAX_BYTES = 1024 * 1024;

    private final Path file;
    private final PrintStream fallback;

    public HookLog(Path home, PrintStream fallback) {
        this.file = home.resolve(FILE);
        this.fallback = fallback;
    }

    public Path file() {
        return file;
    }

    @Override
    public void accept(String message) {
        String line = Instant.now() + " pid " + ProcessHandle.current().pid() + " " + message.replace('\n', ' ') + "\n";
        synchronized (HookLog.class) {
            try {
                Files.createDirectories(file.getParent());
                rotateIfFull();
                String whole = endsInACutLine() ? "\n" + line : line;
                Files.write(file, whole.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException e) {
                fallback.print("hookmeter: " + line);
                fallback.flush();
            }
        }
    }

    /**
     * A line cut short by a full disk ends without a newline; the next line must start on its own, not be glued to
     * it. Only read when a problem is logged, which is rare.
     */
    private boolean endsInACutLine() throws IOException {
        try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            in.position(size - 1).read(last);
            return last.get(0) != '\n';
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private void rotateIfFull() throws IOException {
        if (Files.exists(file) && Files.size(file) >= MAX_BYTES) {
            Files.move(file, file.resolveSibling(FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
