package io.hookmeter.hook.install;

import java.util.List;

/** A program kept running by the user's service manager: where its file goes and how it is (un)loaded. */
interface UserService {
    /** The systemd user unit's file name. */
    String systemdUnit();

    java.nio.file.Path file(AgentService.Kind kind);

    /** The commands that load (install) or unload (uninstall) the service; run best effort, printed otherwise. */
    default List<String> activation(AgentService.Kind kind, boolean install) {
        if (kind == AgentService.Kind.SYSTEMD) {
            return install ? List.of("systemctl --user daemon-reload", "systemctl --user enable --now " + systemdUnit())
                    : List.of("systemctl --user disable --now " + systemdUnit(), "systemctl --user daemon-reload");
        }
        String plist = file(kind).toString();
        return install ? List.of("launchctl load -w " + plist) : List.of("launchctl unload -w " + plist);
    }
}
