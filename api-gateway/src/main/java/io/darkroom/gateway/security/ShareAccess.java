package io.darkroom.gateway.security;

import io.darkroom.gateway.domain.RefusedException;
import io.darkroom.gateway.persistence.ShareLinkRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Opens a share link for its holder: the token must name a link that is neither expired nor revoked, and a
 * password-protected one must come with a grant from {@code unlock}. Unknown, expired and revoked links all answer
 * the same 404, and count against the address's attempts like a wrong password.
 */
@ApplicationScoped
public class ShareAccess {

    static final String GONE = "This share link does not exist, has expired or was revoked.";

    private final ShareLinkRepository links;
    private final AttemptThrottle throttle;
    private final Clock clock;

    public ShareAccess(ShareLinkRepository links, AttemptThrottle throttle, Clock clock) {
        this.links = links;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** The open link behind a token, whatever its password. */
    public Uni<ShareLink> open(String token, String clientIp) {
        if (!throttle.allows(clientIp)) {
            return Uni.createFrom().failure(new RefusedException(429,
                    "Too many wrong share links or passwords from your address; wait a few minutes."));
        }
        if (!SecretTokens.plausible(token)) {
            throttle.failed(clientIp);
            return Uni.createFrom().failure(new RefusedException(404, GONE));
        }
        return links.findByToken(SecretTokens.digest(token)).map(found -> {
            if (found.isEmpty() || !found.get().openAt(clock.instant())) {
                throttle.failed(clientIp);
                throw new RefusedException(404, GONE);
            }
            return found.get();
        });
    }

    /** The open link, once its password (if any) has been given in this browser. */
    public Uni<ShareLink> openUnlocked(String token, String grant, String clientIp) {
        return open(token, clientIp).chain(link -> {
            if (!link.needsPassword()) {
                return Uni.createFrom().item(link);
            }
            if (!SecretTokens.plausible(grant)) {
                return Uni.createFrom().failure(passwordRequired());
            }
            return links.hasGrant(SecretTokens.digest(grant), link.id(), clock.instant())
                    .map(granted -> {
                        if (!granted) {
                            throw passwordRequired();
                        }
                        return link;
                    });
        });
    }

    /** A wrong password counts against the address like an unknown link. */
    public void wrongPassword(String clientIp) {
        throttle.failed(clientIp);
    }

    private static RefusedException passwordRequired() {
        return new RefusedException(401, "This share link is protected by a password: POST it to"
                + " /api/v1/shared/{token}/unlock first.");
    }
}
