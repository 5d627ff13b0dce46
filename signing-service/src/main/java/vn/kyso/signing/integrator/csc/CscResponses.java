package vn.kyso.signing.integrator.csc;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import vn.kyso.commons.delivery.Delivery;
import vn.kyso.commons.delivery.DeliveryChannel;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.integrator.service.WebhookPost;

/**
 * An asynchronous CSC answer posted to the caller's {@code response_uri} (channel {@value #CHANNEL}): the answer with
 * its {@code responseID}, Ed25519-signed as every Kyso webhook, retried with back-off; polling still works.
 */
@ApplicationScoped
public class CscResponses implements DeliveryChannel {

    public static final String CHANNEL = "csc-response";

    private final SigningConfig config;
    private final WebhookPost post;

    public CscResponses(SigningConfig config, WebhookPost post) {
        this.config = config;
        this.post = post;
    }

    @Override
    public String name() {
        return CHANNEL;
    }

    @Override
    public Policy policy() {
        SigningConfig.Webhook w = config.webhook();
        return new Policy(w.maxAttempts(), w.initialBackoff(), w.maxBackoff(), w.lease(), w.senders());
    }

    @Override
    public Uni<Void> send(Delivery d) {
        return post.send(d);
    }
}
