package org.laborwatch.api.identity;

import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the token signature its secret: {@code LW_JWT_SECRET}, or the file {@code LW_JWT_SECRET_FILE} names (a
 * Docker or Kubernetes secret), or the property {@code laborwatch.jwt.secret}. In production ({@code LW_ENV=prod} or
 * the Micronaut environment {@code prod}) the service refuses to start without one; elsewhere it makes a random one,
 * and its tokens end with the process.
 */
@Singleton
final class JwtSecret implements BeanCreatedEventListener<SecretSignatureConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(JwtSecret.class);
    /** HS256 needs 256 bits. */
    static final int MIN_BYTES = 32;

    private final Environment environment;

    JwtSecret(Environment environment) {
        this.environment = environment;
    }

    @Override
    public SecretSignatureConfiguration onCreated(BeanCreatedEvent<SecretSignatureConfiguration> event) {
        SecretSignatureConfiguration signature = event.getBean();
        signature.setSecret(resolve());
        return signature;
    }

    String resolve() {
        String secret = configured();
        if (secret != null) {
            if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
                throw new ConfigurationException("the JWT secret must be at least " + MIN_BYTES
                        + " bytes long (e.g. openssl rand -base64 48)");
            }
            return secret;
        }
        if (isProduction()) {
            throw new ConfigurationException("no JWT secret in production: set LW_JWT_SECRET or LW_JWT_SECRET_FILE "
                    + "(docs/operations.md); refusing to start");
        }
        LOG.warn("No JWT secret configured (LW_JWT_SECRET): using a random one; tokens end when the service stops");
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    private String configured() {
        // application.yml maps LW_JWT_SECRET and LW_JWT_SECRET_FILE onto these.
        String value = environment.getProperty("laborwatch.jwt.secret", String.class)
                .filter(s -> !s.isBlank()).orElse(null);
        if (value != null) {
            return value.strip();
        }
        String file = environment.getProperty("laborwatch.jwt.secret-file", String.class)
                .filter(s -> !s.isBlank()).orElse(null);
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the JWT secret file " + file + ": " + e.getMessage());
        }
    }

    private boolean isProduction() {
        return environment.getActiveNames().contains("prod")
                || "prod".equalsIgnoreCase(environment.getProperty("laborwatch.environment", String.class)
                .orElse(""));
    }
}
