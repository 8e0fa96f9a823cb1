package org.laborwatch.engine.cli;

/**
 * Where the stack is: {@code LW_KAFKA_BOOTSTRAP} and {@code LW_ES_URL}, else the local stack's addresses
 * ({@code ./laborwatch stack up}).
 */
record StackAddress(String kafka, String elasticsearch) {
    static final String DEFAULT_KAFKA = "127.0.0.1:9092";
    static final String DEFAULT_ES = "http://127.0.0.1:9200";
    /** What to do when the stack does not answer. */
    static final String HOW_TO_START = "start the stack with: ./laborwatch stack up";

    static StackAddress fromEnvironment() {
        return new StackAddress(env("LW_KAFKA_BOOTSTRAP", DEFAULT_KAFKA), env("LW_ES_URL", DEFAULT_ES));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
