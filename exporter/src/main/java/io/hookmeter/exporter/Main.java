package io.hookmeter.exporter;

/** Entry point of {@code hookmeter-exporter}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            if (arg.equals("--version")) {
                String version = Main.class.getPackage().getImplementationVersion();
                System.out.println("hookmeter-exporter " + (version == null ? "dev" : version));
                return;
            }
        }
        System.err.println("hookmeter-exporter: usage: hookmeter-exporter [--version]");
        System.exit(2);
    }
}
