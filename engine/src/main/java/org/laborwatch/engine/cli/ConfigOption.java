package org.laborwatch.engine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.laborwatch.engine.config.EngineConfig;
import picocli.CommandLine.Option;

/** {@code --config FILE}: the engine's settings, for the commands that run it. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE", description = "the engine's settings (default: the file "
            + "LW_CONFIG names, else the checkout's config/laborwatch.properties; settings it leaves out keep the "
            + "bundled values)")
    Path file;

    /**
     * {@code --config FILE}, else {@code LW_CONFIG}, else the checkout's {@code config/laborwatch.properties}: the
     * file docker/ and the job on a cluster read too. Settings it leaves out keep the bundled values.
     */
    EngineConfig load() throws IOException {
        Path chosen = file;
        String fromEnvironment = System.getenv("LW_CONFIG");
        if (chosen == null && fromEnvironment != null && !fromEnvironment.isBlank()) {
            chosen = Path.of(fromEnvironment);
        }
        Path inCheckout = Checkout.home().resolve(EngineConfig.IN_CHECKOUT);
        if (chosen == null && Files.isRegularFile(inCheckout)) {
            chosen = inCheckout;
        }
        try {
            return EngineConfig.load(chosen);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
