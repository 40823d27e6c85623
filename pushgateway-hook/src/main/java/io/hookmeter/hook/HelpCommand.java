package io.hookmeter.hook;

import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;

import java.util.List;

/** {@code hookmeter help}: every command of the {@link CommandTable}. */
final class HelpCommand implements Command {
    @Override
    public int run(List<String> args, Context context) {
        CommandTable.printAll(context.out());
        return 0;
    }
}
