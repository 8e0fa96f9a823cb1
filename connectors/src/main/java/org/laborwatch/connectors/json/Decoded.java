package org.laborwatch.connectors.json;

import org.laborwatch.rules.fact.Signal;

/** The outcome of decoding one record: a signal, or the dead letter that says why not. */
public sealed interface Decoded {

    record Accepted(Signal signal) implements Decoded {
    }

    record Rejected(DeadLetter deadLetter) implements Decoded {
    }
}
