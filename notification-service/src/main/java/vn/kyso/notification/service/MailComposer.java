package vn.kyso.notification.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import vn.kyso.events.SealedSecret;
import vn.kyso.notification.model.MailDelivery;

/** Renders a queued delivery into a multipart (text + HTML) email from its Qute templates. */
@ApplicationScoped
public class MailComposer {

    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    // Expiry times are shown in Vietnam's time zone, which is where subscribers read them.
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy '(GMT+7)'")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private final Template welcomeHtml;
    private final Template welcomeText;
    private final Template activationHtml;
    private final Template activationText;
    private final ObjectMapper json;
    private final SecretOpener opener;

    public MailComposer(@Location("mail/welcome.html") Template welcomeHtml,
            @Location("mail/welcome.txt") Template welcomeText,
            @Location("mail/activation-code.html") Template activationHtml,
            @Location("mail/activation-code.txt") Template activationText,
            ObjectMapper json, SecretOpener opener) {
        this.welcomeHtml = welcomeHtml;
        this.welcomeText = welcomeText;
        this.activationHtml = activationHtml;
        this.activationText = activationText;
        this.json = json;
        this.opener = opener;
    }

    public String params(Map<String, ?> params) {
        try {
            return json.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("mail parameters cannot be serialised", e);
        }
    }

    public Mail compose(MailDelivery delivery) {
        MailTemplate template = MailTemplate.valueOf(delivery.template);
        Map<String, Object> params;
        try {
            params = json.readValue(delivery.params, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored mail parameters of " + delivery.id + " are unreadable", e);
        }
        if (template == MailTemplate.ACTIVATION_CODE) {
            // The one moment the code exists in clear here: in memory, for this rendering only.
            SealedSecret sealed = json.convertValue(params.remove("sealedCode"), SealedSecret.class);
            params.put("code", opener.activationCode(sealed, UUID.fromString((String) params.get("activationId"))));
            params.put("expiresAt", SHOWN.format(Instant.parse((String) params.get("expiresAt"))));
        }
        Template html = switch (template) {
            case WELCOME -> welcomeHtml;
            case ACTIVATION_CODE -> activationHtml;
        };
        Template text = switch (template) {
            case WELCOME -> welcomeText;
            case ACTIVATION_CODE -> activationText;
        };
        return Mail.withHtml(delivery.recipient, template.subject(), render(html, params))
                .setText(render(text, params));
    }

    private static String render(Template template, Map<String, Object> params) {
        TemplateInstance instance = template.instance();
        params.forEach(instance::data);
        return instance.render();
    }
}
