package org.dicomsec.ul.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine description beside a throughput table. */
class MachineTest {

    @Test
    void theCpuModelIsTheFirstModelNameOfCpuinfo(@TempDir Path dir) throws Exception {
        Path info = Files.writeString(dir.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: GenuineIntel\n"
                + "model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nprocessor\t: 1\nmodel name\t: other\n");
        assertEquals("Intel(R) Xeon(R) CPU @ 2.20GHz", Machine.cpu(info));
    }

    @Test
    void withoutCpuinfoOrAModelNameTheArchitectureStandsIn(@TempDir Path dir) throws Exception {
        String fallback = System.getProperty("os.arch") + " (model unknown)";
        assertEquals(fallback, Machine.cpu(dir.resolve("absent")));
        assertEquals(fallback, Machine.cpu(Files.writeString(dir.resolve("arm"), "processor\t: 0\nBogoMIPS\t: 50\n")));
    }

    @Test
    void thisMachineAsJsonMembers() {
        Machine m = Machine.current();
        assertEquals(Runtime.getRuntime().availableProcessors(), m.logicalCpus());
        assertTrue(m.jdk().contains(System.getProperty("java.runtime.version")), m.jdk());
        assertEquals(List.of("jdk", "cpu", "logicalCpus", "os"), List.copyOf(m.toJson().keySet()));
        assertEquals(m.os(), m.toJson().get("os"));
    }
}
