package io.hookmeter.hook.recording;

import io.hookmeter.hook.cli.Args;
import io.hookmeter.hook.cli.Command;
import io.hookmeter.hook.cli.Context;
import io.hookmeter.hook.cli.UsageException;
import io.hookmeter.hook.config.HookConfig;
import io.hookmeter.hook.spool.SpoolName;
import io.hookmeter.hook.state.CorruptStateException;
import io.hookmeter.hook.state.StateStore;
import io.hookmeter.hook.toolcall.ToolCall;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code hookmeter import-csv FILE}: imports the legacy start/end CSV (see {@link CsvImport}) through the spool; a
 * file with the same content is counted once ({@link CsvImports}).
 */
public final class ImportCsvCommand implements Command {
    private static final int PROBLEMS_SHOWN = 5;

    @Override
    public int run(List<String> args, Context context) throws UsageException {
        PrintStream out = context.out();
        PrintStream err = context.err();
        Path file = Path.of(Args.parse(args).positional(1, 1).get(0));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            err.println("hookmeter import-csv: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        try {
            HookConfig config = HookConfig.load(context.env());
            if (CsvImports.alreadyImported(new StateStore(config.home(), err::println).readOnly(), bytes)) {
                out.println(file + " was already imported; nothing changed.");
                return 0;
            }
        } catch (IOException | CorruptStateException e) {
            // The applier decides for sure; an unreadable state here only costs this message.
        }
        if (!Recording.handOver(context, SpoolName.CSV, bytes)) {
            return 1;
        }
        CsvImport.Result result = CsvImports.parse(bytes);
        for (int i = 0; i < Math.min(PROBLEMS_SHOWN, result.problems().size()); i++) {
            err.println("hookmeter import-csv: skipped " + result.problems().get(i));
        }
        long tools = result.calls().stream().map(ToolCall::tool).distinct().count();
        out.println("Imported " + result.calls().size() + " calls of " + tools + " tools from " + file + " ("
                + result.problems().size() + " rows skipped, " + result.unpairedStarts() + " starts and "
                + result.unpairedEnds() + " ends without a partner).");
        return 0;
    }
}
