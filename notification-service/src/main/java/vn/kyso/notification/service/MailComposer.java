package vn.kyso.notification.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import vn.kyso.notification.model.MailDelivery;

/** Renders a queued delivery into a multipart (text + HTML) email from its Qute templates. */
@ApplicationScoped
public class MailComposer {

    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    private final Template welcomeHtml;
    private final Template welcomeText;
    private final ObjectMapper json;

    public MailComposer(@Location("mail/welcome.html") Template welcomeHtml,
            @Location("mail/welcome.txt") Template welcomeText, ObjectMapper json) {
        this.welcomeHtml = welcomeHtml;
        this.welcomeText = welcomeText;
        this.json = json;
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
        Template html = switch (template) {
            case WELCOME -> welcomeHtml;
        };
        Template text = switch (template) {
            case WELCOME -> welcomeText;
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
