package io.hookmeter.hook;

import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;

import java.util.List;

/** {@code hookmeter version}. */
final class VersionCommand implements Command {
    @Override
    public int run(List<String> args, Context context) {
        context.out().println("hookmeter " + Main.version());
        return 0;
    }
}
