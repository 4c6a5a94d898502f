package org.dicomsec.bench.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A client socket whose output stream is a {@link RecordCounter}, so the
 * records BouncyCastle writes can be counted in the sending thread, with no
 * relay hop in the measured path.
 */
final class CountingSocket extends Socket {

    private RecordCounter counter;

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (counter == null) {
            counter = new RecordCounter(super.getOutputStream());
        }
        return counter;
    }

    RecordCounter counter() throws IOException {
        getOutputStream();
        return counter;
    }
}
