package io.hookmeter.hook;

import java.io.PrintStream;

/** Entry point of the {@code hookmeter} command: dispatches to a subcommand. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        int code = switch (command) {
            case "version", "--version" -> {
                System.out.println("hookmeter " + version());
                yield 0;
            }
            case "help", "--help", "-h" -> {
                usage(System.out);
                yield 0;
            }
            default -> {
                System.err.println("hookmeter: unknown command '" + command + "'");
                usage(System.err);
                yield 2;
            }
        };
        System.exit(code);
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static void usage(PrintStream out) {
        out.println("usage: hookmeter <command> [options]");
        out.println("  version     print the version");
    }
}
