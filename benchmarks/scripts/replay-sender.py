#!/usr/bin/env python3
"""The least time any sender needs to send a study to a receiver that answers each request.

record: relays one connection from LISTEN_PORT to TARGET_PORT on loopback and writes the bytes the
        client sent to OUT, e.g. a `dicomsec store` of a study (which cuts its data sets into PDUs of
        the Maximum Length the receiver announces).
replay: sends those bytes again to PORT as an ideal sender would: from memory, with no file read,
        no encoding, no process start to speak of, waiting for the receiver's answer after the
        A-ASSOCIATE-RQ, after each message (a command and its data set: up to a data PDV with the
        last-fragment bit) and after the A-RELEASE-RQ, as `storescu` and `dicomsec store` (one
        request outstanding) do. Prints the seconds from the connection to the release's answer:
        the part of a send that the receiver, the loopback and the answers' round trips make, which
        no sender can take less than (a sender started as a process adds its own start and exit).

With --tls the replay sends the same bytes over TLS (Python's ssl, that is OpenSSL, with the own
key and certificate and the CA that signed the receiver's; no host name check) and prints the
handshake's time apart: the rest is the exchange an ideal TLS sender would need once connected.
A recording made over plain TCP serves, as the PDUs over TLS are the same bytes.

usage: benchmarks/scripts/replay-sender.py record LISTEN_PORT TARGET_PORT OUT
       benchmarks/scripts/replay-sender.py replay PORT FILE [RUNS] [--tls KEY CERT CA]
  e.g. storescp +B -od rx 11112 &   (TCP_NODELAY=1 in its environment)
       replay-sender.py record 11199 11112 ct.bin & ./dicomsec store localhost:11199 study/
       replay-sender.py replay 11112 ct.bin 3
The replay checks nothing of the answers but their PDU type: the receiver must accept the recorded
association (the same AE titles and contexts) and store what it is sent again.
"""
import socket
import ssl
import struct
import sys
import threading
import time

P_DATA_TF, ASSOCIATE_RQ, RELEASE_RQ = 4, 1, 5


def record(listen_port, target_port, out):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", listen_port))
    ls.listen(1)
    client, _ = ls.accept()
    server = socket.create_connection(("127.0.0.1", target_port))
    for s in (client, server):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sent = []

    def pump(src, dst, keep):
        while True:
            d = src.recv(1 << 20)
            if not d:
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                return
            if keep:
                sent.append(d)
            dst.sendall(d)

    back = threading.Thread(target=pump, args=(server, client, False))
    back.start()
    pump(client, server, True)
    back.join()
    with open(out, "wb") as f:
        f.write(b"".join(sent))


def exchanges(data):
    """The recorded stream cut after each PDU the sender then waited on."""
    chunks, i, start = [], 0, 0
    while i + 6 <= len(data):
        pdu_type, length = data[i], struct.unpack_from(">I", data, i + 2)[0]
        end = i + 6 + length
        waits = pdu_type in (ASSOCIATE_RQ, RELEASE_RQ)
        if pdu_type == P_DATA_TF:
            j = i + 6
            while j < end:
                item_length, control = struct.unpack_from(">I", data, j)[0], data[j + 5]
                if control & 2 and not control & 1:  # the last fragment of a data set
                    waits = True
                j += 4 + item_length
        if waits:
            chunks.append(data[start:end])
            start = end
        i = end
    if start != len(data):
        sys.exit("replay-sender: the recording ends inside a PDU (%d bytes left)" % (len(data) - start))
    return chunks


def read_pdu_type(s):
    head = b""
    while len(head) < 6:
        d = s.recv(6 - len(head))
        if not d:
            raise EOFError("the receiver closed the connection")
        head += d
    left = struct.unpack_from(">I", head, 2)[0]
    while left:
        d = s.recv(min(1 << 16, left))
        if not d:
            raise EOFError("the receiver closed the connection inside a PDU")
        left -= len(d)
    return head[0]


def tls_context(key, cert, ca):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = False
    ctx.load_cert_chain(cert, key)
    ctx.load_verify_locations(ca)
    return ctx


def replay(port, chunks, tls=None):
    """Seconds from the connection to the release's answer, and of them the TLS handshake's."""
    start = time.monotonic()
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    handshake = 0.0
    if tls is not None:
        s = tls.wrap_socket(s)  # the handshake happens here
        handshake = time.monotonic() - start
    for c in chunks:
        s.sendall(c)
        answer = read_pdu_type(s)
        if answer in (3, 7):  # A-ASSOCIATE-RJ, A-ABORT
            sys.exit("replay-sender: the receiver answered with PDU type %d" % answer)
    elapsed = time.monotonic() - start
    s.close()
    return elapsed, handshake


def main():
    a = sys.argv[1:]
    if len(a) == 4 and a[0] == "record":
        record(int(a[1]), int(a[2]), a[3])
    elif len(a) >= 3 and a[0] == "replay":
        tls = None
        if "--tls" in a:
            i = a.index("--tls")
            if len(a) != i + 4:
                sys.exit(__doc__)
            tls = tls_context(*a[i + 1:i + 4])
            a = a[:i]
        if len(a) not in (3, 4):
            sys.exit(__doc__)
        with open(a[2], "rb") as f:
            chunks = exchanges(f.read())
        for _ in range(int(a[3]) if len(a) == 4 else 1):
            elapsed, handshake = replay(int(a[1]), chunks, tls)
            print("%.3f s, %d exchanges%s" % (elapsed, len(chunks),
                  ", of them the TLS handshake %.3f s" % handshake if tls else ""), flush=True)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
