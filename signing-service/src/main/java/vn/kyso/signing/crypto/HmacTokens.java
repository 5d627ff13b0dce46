package vn.kyso.signing.crypto;

import javax.crypto.SecretKey;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** Verifies the HS256 tokens signing-service issues itself (CSC access tokens, SADs) with one parser for all calls. */
public final class HmacTokens {

    /**
     * Built with its principal factory: a parser made without one looks the factory up through {@code ServiceLoader}
     * on every verification — a scan of the class path's jars that JFR found in 2.5 % of signing-service's CPU
     * under signHash load. The parser keeps no state between calls (each copies its settings before adding the key).
     */
    private static final JWTParser PARSER = new DefaultJWTParser(new DefaultJWTCallerPrincipalFactory());

    private HmacTokens() {
    }

    /** The token's claims once its signature under {@code key} and its expiry are checked. */
    public static JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return PARSER.verify(token, key);
    }
}
