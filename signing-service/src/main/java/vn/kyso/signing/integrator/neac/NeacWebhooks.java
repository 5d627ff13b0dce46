package vn.kyso.signing.integrator.neac;

import java.time.Duration;
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
import vn.kyso.signing.transaction.service.LoadedTransaction;

/**
 * The NEAC webhook (contract §6): when an SP's transaction ends and its result was not in the {@code /sign}
 * answer, the status answer plus SmartCA-style flat copies goes to the URL registered for the SP, through the
 * delivery queue (channel {@value #CHANNEL}), signed as SP769's are. A synchronous {@code /sign} that is still holding
 * takes the result itself and withdraws the webhook before it falls due.
 */
@Singleton
public class NeacWebhooks extends WebhookChannel {

    public static final String CHANNEL = "neac-webhook";
    /** How long a synchronous SP's webhook waits for a holding {@code /sign} to withdraw it (it looks every 250 ms). */
    static final Duration SYNC_GRACE = Duration.ofSeconds(2);

    private final NeacService neac;

    public NeacWebhooks(DeliveryQueue queue, ServiceProviderRepository providers, NeacService neac, ObjectMapper json,
            SigningConfig config, WebhookPost post) {
        super(CHANNEL, NeacService.REQUESTER_TYPE, queue, providers, json, config, post);
        this.neac = neac;
    }

    @Override
    protected Map<String, Object> body(ServiceProvider sp, SigningTransaction tx, List<TransactionItem> items) {
        NeacService.Answer answer = neac.answer(new LoadedTransaction(tx, items), false);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) answer.data();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sp_id", sp.spId.toString());
        body.put("status_code", switch (String.valueOf(data.get("status"))) {
            case "SIGNED" -> 200;
            case "REJECTED" -> 409;
            case "EXPIRED" -> 410;
            default -> 500;
        });
        body.put("message", answer.message());
        body.put("transaction_id", tx.requestRef);
        body.put("signed_files", data.get("signed_files"));
        body.put("data", data);
        return body;
    }

    @Override
    protected Duration delay(ServiceProvider sp) {
        return neac.mode(sp) == SigningConfig.SignMode.SYNC ? SYNC_GRACE : Duration.ZERO;
    }

    @Override
    protected int maxAttempts() {
        return config.neac().webhookMaxAttempts();
    }
}
