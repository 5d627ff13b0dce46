package vn.kyso.ca.service;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import vn.kyso.ca.config.CaConfig;
import vn.kyso.ca.crypto.CrlMaker;
import vn.kyso.commons.work.Blocking;

/**
 * The root's CRL (an ARL, RFC 5280 §5): the revocation status of the certificates the root signs — the issuing CA's
 * — which long-term signatures embed to prove the chain unrevoked. Kyso has no operation revoking a CA, so it lists
 * none; it is re-signed when half its validity has passed, numbered by its issue time so replicas never go backwards.
 */
@ApplicationScoped
public class RootCrlService {

    private final CaKeys keys;
    private final CaConfig config;
    private final Clock clock;
    private volatile Issued current;

    private record Issued(byte[] der, Instant refreshAt) {
    }

    public RootCrlService(CaKeys keys, CaConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    public Uni<byte[]> current() {
        Issued issued = current;
        if (issued != null && clock.instant().isBefore(issued.refreshAt())) {
            return Uni.createFrom().item(issued.der());
        }
        return Blocking.onWorker(this::issue);
    }

    private synchronized byte[] issue() {
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.refreshAt())) {
            return current.der();
        }
        Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(config.crl().validity());
        byte[] der = CrlMaker.make(keys.root(), BigInteger.valueOf(thisUpdate.getEpochSecond()), thisUpdate,
                nextUpdate, List.of());
        current = new Issued(der, thisUpdate.plus(config.crl().validity().dividedBy(2)));
        return der;
    }
}
