package vn.kyso.account.rest;

import java.util.UUID;

/** The SP's credentials for the SP769 API, shown once at registration or rotation. */
public record ServiceProviderCredentials(UUID spId, String spPassword, String name, String status) {

    @Override
    public String toString() {
        return "ServiceProviderCredentials[spId=" + spId + ", spPassword=***]";
    }
}
