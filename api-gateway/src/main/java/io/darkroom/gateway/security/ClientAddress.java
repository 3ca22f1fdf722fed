package io.darkroom.gateway.security;

import io.darkroom.gateway.SecurityConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The caller's real address, for the audit log and the login throttle. CF-Connecting-IP and X-Forwarded-For are
 * believed only when the connection comes from a trusted proxy (our nginx): from anyone else they are forgeries.
 * Behind the proxy, X-Forwarded-For is read from the right: the first address that is not itself a trusted proxy is
 * the client, whatever a client wrote further left.
 */
@ApplicationScoped
public class ClientAddress {

    private final List<Cidr> trusted;

    public ClientAddress(SecurityConfig config) {
        this.trusted = config.trustedProxies().stream().map(Cidr::parse).toList();
    }

    public String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        String peer = remote == null ? null : remote.hostAddress();
        return resolve(peer, request.getHeader("CF-Connecting-IP"), request.getHeader("X-Forwarded-For"));
    }

    String resolve(String peer, String cfConnectingIp, String forwardedFor) {
        if (peer == null || !isTrusted(peer)) {
            return peer;
        }
        if (cfConnectingIp != null && literal(cfConnectingIp.strip()) != null) {
            return cfConnectingIp.strip();
        }
        if (forwardedFor != null) {
            String[] hops = forwardedFor.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].strip();
                if (literal(hop) == null) {
                    break;
                }
                if (!isTrusted(hop)) {
                    return hop;
                }
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        InetAddress parsed = literal(address);
        return parsed != null && trusted.stream().anyMatch(cidr -> cidr.contains(parsed));
    }

    /** The address if the text is an IP literal, else null (never a DNS lookup). */
    static InetAddress literal(String text) {
        if (text.isEmpty() || text.length() > 45 || !text.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.strip().split("/");
            InetAddress address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("Not an IP address in darkroom.gateway.security.trusted-proxies: " + text);
            }
            int bits = address.getAddress().length * 8;
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : bits;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("Bad prefix length in darkroom.gateway.security.trusted-proxies: " + text);
            }
            return new Cidr(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int bits = bytes.length * 8;
            BigInteger mask = prefix == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
            return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }
}
