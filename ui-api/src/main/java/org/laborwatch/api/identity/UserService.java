package org.laborwatch.api.identity;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.laborwatch.api.audit.AuditRecord;
import org.laborwatch.api.audit.AuditTrail;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.laborwatch.api.problem.BadRequest;
import org.laborwatch.api.problem.NotFound;

/** Creating, listing, enabling and disabling users, and checking a password at sign-in. */
@Singleton
public class UserService {
    private final UserRepository users;
    private final Passwords passwords;
    private final Clock clock;
    private final AuditTrail audit;

    UserService(UserRepository users, Passwords passwords, Clock clock, AuditTrail audit) {
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
        this.audit = audit;
    }

    /** The user when the password is theirs and they are not disabled. */
    Optional<User> authenticate(String username, String password) throws IOException {
        Optional<UserRepository.Versioned> found = users.find(username);
        if (found.isEmpty()) {
            passwords.matchNothing(password);
            return Optional.empty();
        }
        User user = found.get().user();
        boolean matches = passwords.matches(password, user.passwordHash());
        return matches && !user.disabled() ? Optional.of(user) : Optional.empty();
    }

    public UserView create(NewUser request, String createdBy) throws IOException {
        if (request.role().needsAgency() != (request.agency() != null)) {
            throw new BadRequest(request.role().needsAgency()
                    ? "role " + request.role() + " needs an agency (UNION, HRSS, COURT, PROCURATORATE, JUSTICE)"
                    : "role " + request.role() + " belongs to no agency: leave agency out");
        }
        User user = new User(request.username(), request.role(), request.agency(), passwords.hash(request.password()),
                false, Instant.now(clock), createdBy);
        if (!users.create(user)) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "user " + request.username() + " exists already");
        }
        record(createdBy, "USER_CREATED", null, user);
        return UserView.of(user);
    }

    /** Creates the user, or sets its role, agency and password when it exists: for the demo and the first admin. */
    public void ensure(String username, Role role, org.laborwatch.rules.risk.Agency agency, String password)
            throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<UserRepository.Versioned> found = users.find(username);
            if (found.isEmpty()) {
                if (users.create(new User(username, role, agency, passwords.hash(password), false,
                        Instant.now(clock), "laborwatch"))) {
                    return;
                }
                continue;
            }
            User old = found.get().user();
            User wanted = new User(username, role, agency, passwords.matches(password, old.passwordHash())
                    ? old.passwordHash() : passwords.hash(password), false, old.createdAt(), old.createdBy());
            if (wanted.equals(old) || users.replace(found.get(), wanted)) {
                return;
            }
        }
        throw new IOException("user " + username + " kept changing while it was being set up");
    }

    public List<UserView> all() throws IOException {
        return users.all().stream().map(UserView::of).toList();
    }

    public UserView setDisabled(String username, boolean disabled, String by) throws IOException {
        if (disabled && username.equals(by)) {
            throw new BadRequest("an admin cannot disable themselves; ask another admin");
        }
        UserRepository.Versioned found = users.find(username).orElseThrow(() -> new NotFound("no user " + username));
        User changed = found.user().disabled(disabled);
        if (!users.replace(found, changed)) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "user " + username + " changed meanwhile; try again");
        }
        if (changed.disabled() != found.user().disabled()) {
            record(by, disabled ? "USER_DISABLED" : "USER_ENABLED", found.user(), changed);
        }
        return UserView.of(changed);
    }

    /** An admin's change to a user, for the audit trail (never the password hash). */
    private void record(String by, String action, User before, User after) {
        Instant at = Instant.now(clock);
        audit.record(new AuditRecord("user/" + after.username() + "@" + at.toEpochMilli() + "-" + action, at, by,
                Role.ADMIN, null, action, "user/" + after.username(), null, before == null ? null : facts(before),
                facts(after)));
    }

    private static Map<String, Object> facts(User user) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", user.role().name());
        m.put("agency", user.agency() == null ? null : user.agency().name());
        m.put("disabled", user.disabled());
        return m;
    }

    /** Whether a signed-in user has been disabled since their token was issued. */
    boolean isDisabled(String username) throws IOException {
        return users.find(username).map(v -> v.user().disabled()).orElse(true);
    }
}
