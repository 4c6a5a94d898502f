package org.dicomsec.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dicomsec.ul.net.ConnectionReport;

/**
 * The outcome of one step of {@code dicomsec demo}: whether it behaved as
 * PS3.15 A.1 says, the SOP Instance Status each node holds afterwards, what
 * the connection negotiated (for the network steps) and, when it failed, what
 * was wrong. {@link #line()} is the one readable line the demo prints.
 *
 * @param number   1..7
 * @param name     a word: create, authorize, transfer, copy, unsecured, tamper, duplicate
 * @param ok       every check of the step passed
 * @param rule     the rule of PS3.15 A.1.1 shown ("a", "d.3" ...)
 * @param statuses node -> what it holds (OR, AO, AC, NS, "-" for nothing), in display order
 * @param link     the connection of the step as both ends saw it, when it used the network
 * @param detail   what happened, in a few words
 * @param problems why the step failed (empty when ok)
 * @param millis   how long the step took
 */
record DemoStep(int number, String name, boolean ok, String rule, Map<String, String> statuses,
                Optional<ConnectionReport> link, String detail, List<String> problems, long millis) {

    DemoStep {
        statuses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
        problems = List.copyOf(problems);
    }

    /** The step's line: mark, number, name, statuses, connection, detail, rule; problems when failed. */
    String line() {
        StringBuilder b = new StringBuilder();
        b.append(ok ? "[ok]   " : "[FAIL] ").append(number).append(' ');
        b.append(String.format(java.util.Locale.ROOT, "%-10s", name));
        StringBuilder s = new StringBuilder();
        statuses.forEach((node, status) -> s.append(s.length() == 0 ? "" : " ").append(node).append('=')
                .append(status));
        b.append(String.format(java.util.Locale.ROOT, "%-30s", s)).append(' ');
        link.ifPresent(l -> b.append(l.text()).append(" | "));
        b.append(detail).append(" (rule ").append(rule).append(')');
        if (!ok) {
            b.append(" -- FAILED: ").append(String.join("; ", problems));
        }
        return b.toString();
    }
}
