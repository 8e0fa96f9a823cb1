package org.laborwatch.api.identity;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.laborwatch.rules.risk.Agency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users that exist from the start. The first admin: {@code admin} with the password of
 * {@code LW_ADMIN_PASSWORD} or the file {@code LW_ADMIN_PASSWORD_FILE}. The demo's: one handler and one lead per
 * agency ({@code court-handler}, {@code court-lead}, …), {@code analyst}, {@code rule-author} and {@code admin}, all with
 * {@code laborwatch.demo.password}. The service starts without Elasticsearch, so this keeps trying in the background
 * until Elasticsearch answers.
 */
@Singleton
final class StartupUsers {
    private static final Logger LOG = LoggerFactory.getLogger(StartupUsers.class);
    private final UserService users;
    private final String demoPassword;
    private final String adminPassword;
    private final String adminPasswordFile;
    private volatile boolean ready;

    StartupUsers(UserService users, @Value("${laborwatch.demo.password:}") String demoPassword,
                 @Value("${laborwatch.admin.password:}") String adminPassword,
                 @Value("${laborwatch.admin.password-file:}") String adminPasswordFile) {
        this.users = users;
        this.demoPassword = demoPassword;
        this.adminPassword = adminPassword;
        this.adminPasswordFile = adminPasswordFile;
    }

    record Wanted(String username, Role role, Agency agency, String password) {
    }

    /** The demo's users, in the order the demo prints them. */
    static List<Wanted> demo(String password) {
        List<Wanted> wanted = new ArrayList<>();
        for (Agency agency : Agency.values()) {
            String name = agency.name().toLowerCase(java.util.Locale.ROOT);
            wanted.add(new Wanted(name + "-handler", Role.AGENCY_HANDLER, agency, password));
            wanted.add(new Wanted(name + "-lead", Role.AGENCY_LEAD, agency, password));
        }
        wanted.add(new Wanted("analyst", Role.ANALYST, null, password));
        wanted.add(new Wanted("rule-author", Role.RULE_AUTHOR, null, password));
        wanted.add(new Wanted("admin", Role.ADMIN, null, password));
        return wanted;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        List<Wanted> wanted = wanted();
        if (wanted.isEmpty()) {
            ready = true;
            return;
        }
        Thread setUp = new Thread(() -> ensureAll(wanted), "startup-users");
        setUp.setDaemon(true);
        setUp.start();
    }

    /** Whether the users it was started with exist by now. */
    boolean ready() {
        return ready;
    }

    private List<Wanted> wanted() {
        List<Wanted> wanted = new ArrayList<>();
        if (!demoPassword.isBlank()) {
            wanted.addAll(demo(demoPassword));
        }
        String admin = adminPassword();
        if (admin != null) {
            wanted.removeIf(w -> w.username().equals("admin"));
            wanted.add(new Wanted("admin", Role.ADMIN, null, admin));
        }
        for (Wanted w : wanted) {
            if (w.password().length() < Passwords.MIN_LENGTH) {
                throw new IllegalArgumentException("the password for " + w.username() + " must have at least "
                        + Passwords.MIN_LENGTH + " characters");
            }
        }
        return wanted;
    }

    private String adminPassword() {
        if (!adminPassword.isBlank()) {
            return adminPassword;
        }
        if (adminPasswordFile.isBlank()) {
            return null;
        }
        try {
            return Files.readString(Path.of(adminPasswordFile), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read LW_ADMIN_PASSWORD_FILE " + adminPasswordFile, e);
        }
    }

    private void ensureAll(List<Wanted> wanted) {
        for (long delay = 1000; ; delay = Math.min(delay * 2, 30_000)) {
            try {
                for (Wanted w : wanted) {
                    users.ensure(w.username(), w.role(), w.agency(), w.password());
                }
                LOG.info("Users ready: {}", wanted.stream().map(Wanted::username).toList());
                ready = true;
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot set up the users yet ({}); retrying in {} s", e.toString(), delay / 1000);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
