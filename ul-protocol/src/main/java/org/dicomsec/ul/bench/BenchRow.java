package org.dicomsec.ul.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One measured row of a throughput estimate ({@code dicomsec bench}): a crypto
 * primitive, a transport or a C-STORE exchange, and its rate.
 *
 * @param group          "crypto" or "transfer"
 * @param name           what was measured ("AES-128-GCM", "TLS bcp195-nd")
 * @param implementation who did it ("JCA (SunJCE)", "BC lightweight", "TLSv1.3 TLS_AES_256_GCM_SHA384")
 * @param bytes          bytes processed in the measured interval (after the warm-up)
 * @param seconds        length of the measured interval: CPU seconds of the measuring thread for a
 *                       crypto row ({@code cpuTime}), wall-clock seconds for a transfer row
 * @param cpuTime        whether {@code seconds} are CPU seconds (as {@code openssl speed} counts)
 * @param instances      C-STORE instances in the interval (0: not a study row)
 * @param low            the slowest of the measured rounds, MB/s (NaN: one round only)
 * @param high           the fastest of the measured rounds, MB/s (NaN: one round only)
 * @param openSsl        {@code openssl speed} of the same cipher on 16 KiB blocks, MB/s (NaN: none)
 */
public record BenchRow(String group, String name, String implementation, long bytes, double seconds, boolean cpuTime,
                long instances, double low, double high, double openSsl) {

    /** A row measured once, by the wall clock. */
    public static BenchRow wall(String group, String name, String implementation, long bytes, double seconds) {
        return new BenchRow(group, name, implementation, bytes, seconds, false, 0, Double.NaN, Double.NaN, Double.NaN);
    }

    public BenchRow withInstances(long n) {
        return new BenchRow(group, name, implementation, bytes, seconds, cpuTime, n, low, high, openSsl);
    }

    public BenchRow withOpenSsl(double megabytesPerSecond) {
        return new BenchRow(group, name, implementation, bytes, seconds, cpuTime, instances, low, high,
                megabytesPerSecond);
    }

    /** Throughput in MB/s (10^6 bytes per second). */
    public double megabytesPerSecond() {
        return seconds <= 0 ? 0 : bytes / seconds / 1e6;
    }

    /** C-STOREs answered per second (study rows), else 0. */
    public double instancesPerSecond() {
        return seconds <= 0 ? 0 : instances / seconds;
    }

    /** The table's last column: the openssl reference, the instance rate or the spread of the rounds. */
    public String note() {
        StringBuilder sb = new StringBuilder();
        if (Double.isFinite(low) && Double.isFinite(high)) {
            sb.append(String.format(Locale.ROOT, "%.0f-%.0f", low, high));
        }
        if (Double.isFinite(openSsl)) {
            sb.append(sb.isEmpty() ? "" : "  ").append(String.format(Locale.ROOT, "openssl %.1f", openSsl));
        }
        if (instances > 0) {
            sb.append(sb.isEmpty() ? "" : "  ").append(String.format(Locale.ROOT, "%.0f instances/s",
                    instancesPerSecond()));
        }
        return sb.toString();
    }

    /** The row as a JSON object's members (for {@code org.dicomsec.data.json.JsonWriter}). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", group);
        m.put("name", name);
        m.put("implementation", implementation);
        m.put("megabytesPerSecond", megabytesPerSecond());
        m.put("bytes", bytes);
        m.put("seconds", seconds);
        m.put("clock", cpuTime ? "thread-cpu" : "wall");
        if (Double.isFinite(low) && Double.isFinite(high)) {
            m.put("lowMegabytesPerSecond", low);
            m.put("highMegabytesPerSecond", high);
        }
        if (Double.isFinite(openSsl)) {
            m.put("openSslMegabytesPerSecond", openSsl);
        }
        if (instances > 0) {
            m.put("instances", instances);
            m.put("instancesPerSecond", instancesPerSecond());
        }
        return m;
    }
}
