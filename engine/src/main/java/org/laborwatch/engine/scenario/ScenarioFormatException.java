package org.laborwatch.engine.scenario;

/** A scenario file that cannot be read, with where in it and what to write instead. */
public class ScenarioFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScenarioFormatException(String message) {
        super(message);
    }
}
