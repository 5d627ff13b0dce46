package vn.kyso.signing.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import vn.kyso.commons.security.WebhookDestinations.HostResolver;

/** The resolver that webhook deliveries check and pin their destination with: the JVM's DNS. */
public class HostResolverProducer {

    @Produces
    @ApplicationScoped
    HostResolver system() {
        return HostResolver.SYSTEM;
    }
}
