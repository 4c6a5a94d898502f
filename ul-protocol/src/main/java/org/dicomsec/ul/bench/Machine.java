package org.dicomsec.ul.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine a throughput table was measured on, as it is printed beside the rows.
 *
 * @param jdk         vendor, runtime version and VM name
 * @param cpu         the CPU model ({@code /proc/cpuinfo} on Linux), else the architecture and "(model unknown)"
 * @param logicalCpus what the JVM may use
 * @param os          name and architecture
 */
public record Machine(String jdk, String cpu, int logicalCpus, String os) {

    /** This JVM and machine. */
    public static Machine current() {
        return new Machine(System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.name") + ")", cpu(Path.of("/proc/cpuinfo")),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    /** The first "model name" of a Linux {@code cpuinfo} file, else the architecture. */
    static String cpu(Path cpuinfo) {
        try {
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name") && line.indexOf(':') > 0) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back to the architecture
        }
        return System.getProperty("os.arch") + " (model unknown)";
    }

    /** The members {@code jdk}, {@code cpu}, {@code logicalCpus} and {@code os} of a JSON object. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jdk", jdk);
        m.put("cpu", cpu);
        m.put("logicalCpus", logicalCpus);
        m.put("os", os);
        return m;
    }
}
