package org.laborwatch.engine.cli;

import java.nio.file.Path;

/** The checkout the launcher runs from ({@code -Dlaborwatch.home}), so outputs land beside the project. */
final class Checkout {
    private Checkout() {
    }

    static Path home() {
        return Path.of(System.getProperty("laborwatch.home", "."));
    }

    /** {@code out/<name>} in the checkout: where a command writes when not told where. */
    static Path out(String name) {
        return home().resolve("out").resolve(name);
    }
}
