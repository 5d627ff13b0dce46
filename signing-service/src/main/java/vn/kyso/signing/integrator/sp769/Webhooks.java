package vn.kyso.signing.integrator.sp769;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.kyso.commons.delivery.DeliveryQueue;
import vn.kyso.signing.config.SigningConfig;
import vn.kyso.signing.integrator.model.ServiceProvider;
import vn.kyso.signing.integrator.repository.ServiceProviderRepository;
import vn.kyso.signing.integrator.service.WebhookChannel;
import vn.kyso.signing.integrator.service.WebhookPost;
import vn.kyso.signing.transaction.model.SigningTransaction;
import vn.kyso.signing.transaction.model.TransactionItem;
import vn.kyso.signing.transaction.model.TransactionStatus;

/**
 * The SP769 webhook: when an SP's transaction ends, its outcome goes to the SP's registered URL through the delivery
 * queue (channel {@value #CHANNEL}), Ed25519-signed with the delivery's id as its idempotency key, retried with
 * back-off until the SP answers 2xx or the attempts run out (polling the status still works).
 */
@Singleton
public class Webhooks extends WebhookChannel {

    public static final String CHANNEL = "sp769-webhook";

    public Webhooks(DeliveryQueue queue, ServiceProviderRepository providers, ObjectMapper json, SigningConfig config,
            WebhookPost post) {
        super(CHANNEL, Sp769Service.REQUESTER_TYPE, queue, providers, json, config, post);
    }

    @Override
    protected Map<String, Object> body(ServiceProvider sp, SigningTransaction tx, List<TransactionItem> items) {
        boolean signed = tx.status == TransactionStatus.SIGNED;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sp_id", sp.spId.toString());
        body.put("status_code", 200);
        body.put("message", signed ? "SUCCESS" : tx.status.name());
        body.put("transaction_id", tx.requestRef);
        body.put("tran_code", tx.id.toString());
        body.put("status", tx.status.name());
        body.put("signed_files", signed ? Sp769Service.signatures(items) : null);
        return body;
    }
}
