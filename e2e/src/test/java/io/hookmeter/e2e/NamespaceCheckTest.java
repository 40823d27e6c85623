package io.hookmeter.e2e;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The client only runs where {@code ip -o link show} lists nothing but an up loopback. */
class NamespaceCheckTest {
    private static final String LO_UP = "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode "
            + "DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n";

    @Test
    void onlyAnUpLoopbackPasses() {
        assertNull(InsideNamespace.refusal(LO_UP));
    }

    @Test
    void anyOtherInterfaceOrADownLoopbackIsRefused() {
        String host = LO_UP + "2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP\n"
                + "3: ifb0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN\n";
        assertEquals("interfaces [lo, eth0, ifb0] (only lo is allowed)", InsideNamespace.refusal(host));
        assertEquals("lo is not up", InsideNamespace.refusal(
                "1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n"));
        assertEquals("interfaces [] (only lo is allowed)", InsideNamespace.refusal(""));
    }
}
