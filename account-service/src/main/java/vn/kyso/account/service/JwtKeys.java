package vn.kyso.account.service;

import java.security.interfaces.RSAPublicKey;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.RsaJsonWebKey;

import vn.kyso.commons.crypto.Pem;

/** The token-signing key's public half as a JWKS, and its key id (RFC 7638 thumbprint) carried in every token. */
@ApplicationScoped
public class JwtKeys {

    private final String keyId;
    private final Map<String, Object> jwks;

    public JwtKeys(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String publicKeyLocation) {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) Pem.rsaPublicKey(publicKeyLocation));
        this.keyId = jwk.calculateBase64urlEncodedThumbprint("SHA-256");
        jwk.setKeyId(keyId);
        jwk.setUse("sig");
        jwk.setAlgorithm("RS256");
        this.jwks = Map.of("keys", java.util.List.of(jwk.toParams(RsaJsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
    }

    public String keyId() {
        return keyId;
    }

    public Map<String, Object> jwks() {
        return jwks;
    }
}
