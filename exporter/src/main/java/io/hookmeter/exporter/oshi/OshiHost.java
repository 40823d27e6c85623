package io.hookmeter.exporter.oshi;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;

/**
 * OSHI's handles, created once and shared by the OSHI collectors: creating them is the expensive part (native
 * lookups, reading static hardware data), so they live as long as the exporter.
 */
public final class OshiHost {
    private final SystemInfo system = new SystemInfo();
    private final HardwareAbstractionLayer hardware = system.getHardware();
    private final OperatingSystem os = system.getOperatingSystem();
    private volatile CentralProcessor processor;

    public HardwareAbstractionLayer hardware() {
        return hardware;
    }

    public OperatingSystem os() {
        return os;
    }

    public CentralProcessor processor() {
        CentralProcessor p = processor;
        if (p == null) {
            p = hardware.getProcessor();
            processor = p;
        }
        return p;
    }
}
