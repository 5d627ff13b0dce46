package vn.kyso.ca.service;

import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import vn.kyso.ca.crypto.CaSigner;
import vn.kyso.ca.model.CaRole;
import vn.kyso.commons.problem.ProblemException;

/** The opened keys of the CA hierarchy, loaded once at start; readiness stays DOWN until they are. */
@ApplicationScoped
public class CaKeys {

    private volatile Map<CaRole, CaSigner> signers = Map.of();

    void install(Map<CaRole, CaSigner> opened) {
        this.signers = new EnumMap<>(opened);
    }

    public CaSigner issuing() {
        return get(CaRole.ISSUING);
    }

    public CaSigner tsa() {
        return get(CaRole.TSA);
    }

    public CaSigner root() {
        return get(CaRole.ROOT);
    }

    /** The issuing CA's certificate then the root's. */
    public List<X509Certificate> chain() {
        return List.of(issuing().certificate(), root().certificate());
    }

    private CaSigner get(CaRole role) {
        CaSigner signer = signers.get(role);
        if (signer == null) {
            throw new ProblemException(CaError.CA_NOT_READY, "The CA keys are not loaded yet");
        }
        return signer;
    }

    public boolean loaded() {
        return signers.size() == CaRole.values().length;
    }
}
