package org.dicomsec.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The port a {@code dicomsec scp} process announces ("listening on port N") on its output. */
final class ListeningPort {
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

    private ListeningPort() {
    }

    /** Reads {@code out} up to the announcement and returns its port; -1 when the output ends first. */
    static int read(BufferedReader out) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }
}
