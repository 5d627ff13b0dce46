package vn.kyso.signing.integrator.service;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;

/**
 * Reads an integrator's JSON body into the message record its contract names (the one the OpenAPI document shows), as
 * SmartCA-style clients send them: unknown fields ignored, scalars of another JSON type taken as their text, and a
 * value of the wrong shape (an object where text belongs, text where a list or an object belongs) read as absent — so
 * the adapter answers "missing" in its own dialect instead of a framework error.
 */
@ApplicationScoped
public class LenientMessages {

    private final ObjectMapper mapper;

    public LenientMessages(ObjectMapper json) {
        this.mapper = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .addHandler(new DeserializationProblemHandler() {
                    @Override
                    public Object handleUnexpectedToken(DeserializationContext context, JavaType target,
                            JsonToken token, JsonParser parser, String message) throws IOException {
                        parser.skipChildren();
                        return null;
                    }

                    @Override
                    public Object handleMissingInstantiator(DeserializationContext context, Class<?> type,
                            ValueInstantiator instantiator, JsonParser parser, String message) throws IOException {
                        parser.skipChildren();
                        return null;
                    }
                });
    }

    /** The body as the record; whatever the handler cannot make absent is the caller's bad request. */
    public <T> T read(JsonNode body, Class<T> type) throws JsonProcessingException {
        return mapper.treeToValue(body, type);
    }
}
