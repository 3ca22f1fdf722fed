package io.darkroom.gateway.security;

import io.darkroom.gateway.SecurityConfig;
import io.darkroom.gateway.persistence.AccountRepository;
import io.darkroom.gateway.persistence.AuditLog;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * At the first start (no account at all) creates the admin: with {@code DARKROOM_ADMIN_PASSWORD} when it is set,
 * else with a random password printed once in the log. Two gateways starting together create one admin: the insert
 * is idempotent on the name, and only the one that inserted prints.
 */
@ApplicationScoped
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    void onStart(@Observes StartupEvent event, AccountRepository accounts, PasswordHasher hasher, AuditLog audit,
            SecurityConfig config, Clock clock) {
        if (accounts.count().await().indefinitely() > 0) {
            return;
        }
        String username = Credentials.username(config.adminUsername());
        boolean generated = config.initialAdminPassword().isEmpty();
        String password = config.initialAdminPassword().orElseGet(SecretTokens::generate);
        if (!generated) {
            Credentials.newPassword(password);
        }
        boolean created = accounts.createIfAbsent(username, PasswordHasher.hashNow(password), Role.ADMIN,
                clock.instant()).await().indefinitely();
        if (!created) {
            return;
        }
        audit.record(null, "USER_CREATED", username + " (first admin)", null).await().indefinitely();
        if (generated) {
            LOG.warnf("%n%n    First start: created the admin account \"%s\" with the password%n%n        %s%n%n"
                    + "    It is shown only this once. Sign in and change it, or set DARKROOM_ADMIN_PASSWORD before"
                    + " the first start.%n", username, password);
        } else {
            LOG.infof("First start: created the admin account \"%s\" with the password from DARKROOM_ADMIN_PASSWORD",
                    username);
        }
    }
}
