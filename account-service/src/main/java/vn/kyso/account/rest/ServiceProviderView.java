package vn.kyso.account.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import vn.kyso.account.model.ServiceProvider;

/** An SP as operators see it; never its secret. */
public record ServiceProviderView(UUID spId, String name, String webhookUrl, List<String> redirectUris, String status,
        Instant createdAt, Instant secretRotatedAt, Instant disabledAt) {

    static ServiceProviderView of(ServiceProvider sp) {
        return new ServiceProviderView(sp.id, sp.name, sp.webhookUrl, sp.redirectUriList(), sp.status, sp.createdAt,
                sp.secretRotatedAt, sp.disabledAt);
    }
}
