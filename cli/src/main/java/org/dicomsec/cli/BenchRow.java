package org.dicomsec.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the {@code dicomsec bench} table.
 *
 * @param group          "crypto" or "transfer"
 * @param name           what was measured ("AES-128-GCM", "TLS bcp195-nd")
 * @param implementation who did it ("JCA (SunJCE)", "BC lightweight", "TLSv1.3 TLS_AES_256_GCM_SHA384")
 * @param bytes          bytes processed in the measured interval (after the warm-up)
 * @param seconds        length of the measured interval
 */
record BenchRow(String group, String name, String implementation, long bytes, double seconds) {

    /** Throughput in MB/s (10^6 bytes per second). */
    double megabytesPerSecond() {
        return seconds <= 0 ? 0 : bytes / seconds / 1e6;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", group);
        m.put("name", name);
        m.put("implementation", implementation);
        m.put("megabytesPerSecond", megabytesPerSecond());
        m.put("bytes", bytes);
        m.put("seconds", seconds);
        return m;
    }
}
