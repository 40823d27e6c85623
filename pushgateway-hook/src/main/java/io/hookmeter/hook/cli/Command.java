package io.hookmeter.hook.cli;

import java.util.List;

/**
 * One {@code hookmeter} command. It is listed in {@code io.hookmeter.hook.CommandTable} (name, usage, summary),
 * which {@code Main} dispatches from and prints the usage of; it reads its arguments with {@link Args} and talks to
 * the world only through its {@link Context}.
 */
@FunctionalInterface
public interface Command {
    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @return the exit status
     * @throws UsageException a bad command line: reported with the command's usage, exit status 2
     */
    int run(List<String> args, Context context) throws UsageException;
}
