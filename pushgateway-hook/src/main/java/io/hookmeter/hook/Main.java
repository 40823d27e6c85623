package io.hookmeter.hook;

import io.hookmeter.hook.cli.Context;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the {@code hookmeter} command: runs the command of the {@link CommandTable} named by the first
 * argument. Each command lives in its own class and is only loaded when used, which keeps start-up short.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String name = args.length == 0 ? "help" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        CommandTable command = CommandTable.find(name);
        if (command == null) {
            System.err.println("hookmeter: unknown command '" + name + "'");
            CommandTable.printAll(System.err);
            System.exit(2);
        }
        if (command == CommandTable.HOOK) {
            // Claude Code reads a hook's stdout: nothing may ever reach it, not even from a library.
            PrintStream stderr = System.err;
            System.setOut(stderr);
            Runtime.getRuntime().halt(command.run(rest, new Context(System.in, stderr, stderr, System.getenv())));
        }
        int code = command.run(rest, new Context(System.in, System.out, System.err, System.getenv()));
        System.out.flush();
        System.exit(code);
    }

    public static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
