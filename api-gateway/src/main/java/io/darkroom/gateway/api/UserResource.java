package io.darkroom.gateway.api;

import io.darkroom.gateway.domain.Ids;
import io.darkroom.gateway.domain.InvalidRequestException;
import io.darkroom.gateway.domain.RefusedException;
import io.darkroom.gateway.persistence.AccountRepository;
import io.darkroom.gateway.persistence.AuditLog;
import io.darkroom.gateway.persistence.SessionRepository;
import io.darkroom.gateway.security.Account;
import io.darkroom.gateway.security.Caller;
import io.darkroom.gateway.security.ClientAddress;
import io.darkroom.gateway.security.Credentials;
import io.darkroom.gateway.security.PasswordHasher;
import io.darkroom.gateway.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Accounts, for admins: create, change role, disable, reset a password, delete. Every change is audited. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class UserResource {

    public record UserResponse(long id, String username, String role, boolean disabled, boolean locked,
            Instant createdAt) {

        static UserResponse from(Account account, Instant now) {
            return new UserResponse(account.id(), account.username(), account.role().roleName(), account.disabled(),
                    account.lockedAt(now), account.createdAt());
        }
    }

    public record NewUser(String username, String password, String role) {
    }

    /** Fields left out stay as they are; a new password also unlocks the account and signs it out everywhere. */
    public record UserChange(String role, Boolean disabled, String password) {
    }

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final ClientAddress clientAddress;
    private final SecurityIdentity identity;
    private final Clock clock;

    public UserResource(AccountRepository accounts, SessionRepository sessions, PasswordHasher hasher, AuditLog audit,
            ClientAddress clientAddress, SecurityIdentity identity, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.hasher = hasher;
        this.audit = audit;
        this.clientAddress = clientAddress;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Every account")
    public Uni<List<UserResponse>> list() {
        Instant now = clock.instant();
        return accounts.list().map(all -> all.stream().map(a -> UserResponse.from(a, now)).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account with a role: admin, user or viewer")
    public Uni<Response> create(NewUser request, @Context HttpServerRequest http) {
        if (request == null) {
            throw new InvalidRequestException("Send {\"username\", \"password\", \"role\"}.");
        }
        String username = Credentials.username(request.username());
        String password = Credentials.newPassword(request.password());
        Role role = role(request.role());
        Instant now = clock.instant();
        return hasher.hash(password)
                .chain(hash -> accounts.create(username, hash, role, now))
                .chain(id -> id.isEmpty()
                        ? Uni.createFrom().failure(new RefusedException(409, "The username \"" + username
                                + "\" is taken."))
                        : accounts.findById(id.get()))
                .chain(account -> audited("USER_CREATED", username + " as " + role.roleName(), http)
                        .replaceWith(Response.status(Response.Status.CREATED)
                                .entity(UserResponse.from(account.orElseThrow(), now)).build()));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an account's role, disable or enable it, or set a new password")
    public Uni<UserResponse> change(@PathParam("id") String id, UserChange change, @Context HttpServerRequest http) {
        long accountId = Ids.parse(id, "An account id");
        if (change == null || change.role() == null && change.disabled() == null && change.password() == null) {
            throw new InvalidRequestException("Send one or more of {\"role\", \"disabled\", \"password\"}.");
        }
        Role newRole = change.role() == null ? null : role(change.role());
        String password = change.password() == null ? null : Credentials.newPassword(change.password());
        Caller caller = Caller.of(identity);
        if (accountId == caller.accountId() && (newRole != null && newRole != Role.ADMIN
                || Boolean.TRUE.equals(change.disabled()))) {
            throw new RefusedException(409, "You cannot demote or disable your own account; ask another admin.");
        }
        return existing(accountId).chain(account -> {
            Role role = newRole == null ? account.role() : newRole;
            boolean disabled = change.disabled() == null ? account.disabled() : change.disabled();
            Uni<Void> updated = accounts.update(accountId, role, disabled).replaceWithVoid();
            if (password != null) {
                updated = updated.chain(() -> hasher.hash(password))
                        .chain(hash -> accounts.setPassword(accountId, hash)).replaceWithVoid();
            }
            if (disabled || password != null || role != account.role()) {
                // a demoted, disabled or reset account signs in again with what it now is
                updated = updated.chain(() -> sessions.deleteForAccount(accountId));
            }
            String what = account.username() + ": role " + role.roleName() + (disabled ? ", disabled" : "")
                    + (password != null ? ", password reset" : "");
            return updated.chain(() -> audited("USER_CHANGED", what, http)).chain(() -> existing(accountId))
                    .map(changed -> UserResponse.from(changed, clock.instant()));
        });
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an account with its sessions, tokens and share links")
    public Uni<Response> delete(@PathParam("id") String id, @Context HttpServerRequest http) {
        long accountId = Ids.parse(id, "An account id");
        if (accountId == Caller.of(identity).accountId()) {
            throw new RefusedException(409, "You cannot delete your own account; ask another admin.");
        }
        return existing(accountId).chain(account -> accounts.delete(accountId)
                .chain(() -> audited("USER_DELETED", account.username(), http)))
                .replaceWith(() -> Response.noContent().build());
    }

    private Uni<Account> existing(long id) {
        return accounts.findById(id).map(found -> found.orElseThrow(
                () -> new RefusedException(404, "There is no account " + id + ".")));
    }

    private Uni<Void> audited(String action, String target, HttpServerRequest http) {
        return audit.record(identity.getPrincipal().getName(), action, target, clientAddress.of(http));
    }

    private static Role role(String value) {
        return Role.parse(value).orElseThrow(() -> new InvalidRequestException(
                "A role is one of admin, user, viewer."));
    }
}
