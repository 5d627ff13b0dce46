package vn.kyso.ca.service;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import vn.kyso.ca.config.CaConfig;
import vn.kyso.ca.crypto.OcspResponder;
import vn.kyso.ca.crypto.TimeStamper;
import vn.kyso.ca.issuance.Serials;
import vn.kyso.ca.model.CertificateStatus;
import vn.kyso.ca.repository.IssuedCertificateRepository;
import vn.kyso.commons.work.Blocking;

/** The relying parties' side: OCSP answers from the live certificate table, and RFC 3161 time stamps. */
@ApplicationScoped
public class PkiService {

    private final IssuedCertificateRepository certificates;
    private final CaKeys keys;
    private final CaConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PkiService(IssuedCertificateRepository certificates, CaKeys keys, CaConfig config, Clock clock) {
        this.certificates = certificates;
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    public Uni<OcspResponder.Answer> ocsp(byte[] request) {
        var serials = OcspResponder.serialsAskedOf(request).orElse(List.of());
        if (serials.size() > 20) {
            return Uni.createFrom().item(OcspResponder.respond(new byte[0], keys.issuing(), Map.of(), clock.instant(),
                    clock.instant()));
        }
        Uni<Map<BigInteger, OcspResponder.Known>> known = serials.isEmpty() ? Uni.createFrom().item(Map.of())
                : Panache.withSession(() -> certificates.bySerials(serials.stream().map(Serials::hex).toList()))
                        .map(found -> {
                            Map<BigInteger, OcspResponder.Known> map = new HashMap<>();
                            found.forEach(c -> map.put(Serials.parse(c.serialNumber), new OcspResponder.Known(
                                    c.status != CertificateStatus.GOOD, c.revokedAt,
                                    OcspResponder.reasonCode(c.revocationReason).orElse(0))));
                            return map;
                        });
        return known.chain(map -> Blocking.onWorker(() -> {
            Instant now = clock.instant();
            return OcspResponder.respond(request, keys.issuing(), map, now, now.plus(config.ocsp().validity()));
        }));
    }

    public Uni<TimeStamper.Reply> timestamp(byte[] request) {
        return Blocking.onWorker(() -> TimeStamper.stamp(request, keys.tsa(),
                List.of(keys.tsa().certificate(), keys.issuing().certificate(), keys.root().certificate()),
                config.tsaPolicy(), Serials.next(random), clock.instant()));
    }
}
