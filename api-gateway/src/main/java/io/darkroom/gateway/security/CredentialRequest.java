package io.darkroom.gateway.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A secret a request presented: the session cookie's value or an API token. */
public final class CredentialRequest extends BaseAuthenticationRequest {

    private final Caller.Method method;
    private final String secret;

    public CredentialRequest(Caller.Method method, String secret) {
        this.method = method;
        this.secret = secret;
    }

    public Caller.Method method() {
        return method;
    }

    public String secret() {
        return secret;
    }
}
