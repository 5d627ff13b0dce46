package vn.kyso.commons.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Finishes every service's OpenAPI document the same way, so a generator or a linter meets no gaps: each operation
 * gets a tag, a description, a described response for every status, Kyso's problem+json error responses, and an
 * explicit security requirement — empty where the operation is public, the CSC OAuth 2.0 scheme on the CSC API.
 */
public class KysoOpenApiFilter implements OASFilter {

    /** The bearer scheme Quarkus adds for JWT-secured operations. */
    static final String BEARER = "SecurityScheme";
    static final String CSC_OAUTH2 = "cscOAuth2";
    /** The CSC methods a credential-scope token may call. */
    private static final List<String> CREDENTIAL_SCOPE_PATHS = List.of("/csc/v2/signatures/signHash",
            "/csc/v2/credentials/info");
    static final String PROBLEM = "Problem";
    static final String CSC_ERROR = "CscError";
    /** SP769 and NEAC answer errors in their own envelopes, documented on their resources. */
    private static final List<String> OWN_ERRORS = List.of("/sca/", "/neac/");
    private static final Map<String, String> TAG_DESCRIPTIONS = Map.ofEntries(
            Map.entry("CSC API v2", "Cloud Signature Consortium API v2.0.0.2 for integrators"),
            Map.entry("SP769", "SmartCA SP769 integrator API (credentials travel in the body)"),
            Map.entry("NEAC", "The national NEAC remote-signing profile (credentials travel in the body)"),
            Map.entry("PKI", "Public PKI endpoints: chain, CRL, OCSP, time-stamping"),
            Map.entry("internal", "Service-to-service calls, with a service token"));

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents().addSchema(PROBLEM, problemSchema());
        api.getComponents().addSchema(CSC_ERROR, cscErrorSchema());
        Map<String, String> tags = new TreeMap<>();
        boolean csc = false;
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                    csc |= finish(path.getKey(), op.getKey(), op.getValue(), tags);
                }
            }
        }
        if (csc) {
            api.getComponents().addSecurityScheme(CSC_OAUTH2, OASFactory.createSecurityScheme()
                    .type(SecurityScheme.Type.OAUTH2).description("CSC API access tokens (CSC §8): the integrator's"
                            + " own (client credentials) or a subscriber's (authorization code with PKCE, consented in"
                            + " the portal)")
                    .flows(OASFactory.createOAuthFlows().clientCredentials(OASFactory.createOAuthFlow()
                            .tokenUrl("/csc/v2/oauth2/token")
                            .scopes(Map.of("service", "Use the CSC API on the integrator's behalf")))
                            .authorizationCode(OASFactory.createOAuthFlow()
                                    .authorizationUrl("/csc/v2/oauth2/authorize")
                                    .tokenUrl("/csc/v2/oauth2/token").refreshUrl("/csc/v2/oauth2/token")
                                    .scopes(Map.of("service", "Use the CSC API for the consenting subscriber",
                                            "credential", "Sign the hashes the subscriber approved with PIN and"
                                                    + " passkey")))));
        }
        List<String> declared = new ArrayList<>();
        if (api.getTags() != null) {
            api.getTags().forEach(t -> declared.add(t.getName()));
        }
        tags.forEach((name, description) -> {
            if (!declared.contains(name)) {
                api.addTag(OASFactory.createTag().name(name).description(description));
            }
        });
        if (api.getInfo() != null && api.getInfo().getDescription() == null) {
            api.getInfo().setDescription("Kyso remote digital signing: " + api.getInfo().getTitle());
        }
    }

    /** @return whether the operation belongs to the CSC API */
    private static boolean finish(String path, PathItem.HttpMethod method, Operation op, Map<String, String> tags) {
        String tag = tag(path);
        if (op.getTags() == null || op.getTags().isEmpty()) {
            op.addTag(tag);
        }
        op.getTags().forEach(t -> tags.putIfAbsent(t, TAG_DESCRIPTIONS.getOrDefault(t, "Kyso " + t)));
        if (op.getDescription() == null) {
            op.setDescription(op.getSummary() != null ? op.getSummary()
                    : method.name() + " " + path + " (" + tag + ")");
        }
        boolean cscApi = path.startsWith("/csc/v2/") && !path.equals("/csc/v2/info")
                && !path.startsWith("/csc/v2/oauth2/");
        if (op.getSecurity() == null || op.getSecurity().isEmpty()) {
            if (cscApi) {
                List<SecurityRequirement> either = new ArrayList<>(List.of(OASFactory.createSecurityRequirement()
                        .addScheme(CSC_OAUTH2, List.of("service"))));
                if (CREDENTIAL_SCOPE_PATHS.contains(path)) {
                    // A credential-scope token (the subscriber approved these hashes) is the SAD here.
                    either.add(OASFactory.createSecurityRequirement().addScheme(CSC_OAUTH2, List.of("credential")));
                }
                op.setSecurity(either);
            } else if (op.getSecurity() == null) {
                // Public (or authenticated by something in the body, as SP769 and NEAC are): said explicitly.
                op.setSecurity(new ArrayList<SecurityRequirement>());
            }
        }
        boolean secured = !op.getSecurity().isEmpty();
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        Map<String, APIResponse> responses = op.getResponses().getAPIResponses() == null ? Map.of()
                : new LinkedHashMap<>(op.getResponses().getAPIResponses());
        boolean ownErrors = OWN_ERRORS.stream().anyMatch(path::startsWith);
        if (path.startsWith("/csc/")) {
            // Every CSC refusal is the specification's error object (§10.2), whatever the method.
            op.getResponses().addAPIResponse("400", cscError("Refused: invalid_request or another CSC error code"));
            if (cscApi || path.startsWith("/csc/v2/oauth2/")) {
                op.getResponses().addAPIResponse("401", cscError(cscApi ? "invalid_token: no valid access token"
                        : "invalid_client: unknown client or wrong secret"));
            }
        } else if (!ownErrors && responses.keySet().stream().noneMatch(code -> code.startsWith("4"))) {
            op.getResponses().addAPIResponse("400", problem("The request is invalid; nothing was changed"));
            if (secured) {
                op.getResponses().addAPIResponse("401", problem("No valid token"));
                op.getResponses().addAPIResponse("403", problem("The caller may not do this"));
            }
        }
        if (op.getResponses().getAPIResponses() != null) {
            op.getResponses().getAPIResponses().forEach((code, response) -> {
                if (response.getDescription() == null || response.getDescription().isBlank()) {
                    response.setDescription(reason(code));
                }
            });
        }
        return cscApi;
    }

    static String tag(String path) {
        if (path.startsWith("/csc/") || path.startsWith("/.well-known/oauth-authorization-server")) {
            return "CSC API v2";
        }
        if (path.startsWith("/sca/")) {
            return "SP769";
        }
        if (path.startsWith("/neac/")) {
            return "NEAC";
        }
        if (path.startsWith("/internal/")) {
            return "internal";
        }
        String[] segments = path.split("/");
        // /api/v1/<area>/...
        if (segments.length > 3 && "api".equals(segments[1])) {
            return segments[3];
        }
        return "PKI";
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType("application/problem+json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM))));
    }

    private static APIResponse cscError(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(CSC_ERROR))));
    }

    private static Schema cscErrorSchema() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("The CSC API error object (CSC v2.0.0.2 §10.2)")
                .addProperty("error", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("error_description", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details, with Kyso's error code")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("code", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("The service's error code, e.g. VALIDATION_FAILED"));
    }

    private static String reason(String code) {
        return switch (code) {
            case "200" -> "OK";
            case "201" -> "Created";
            case "202" -> "Accepted";
            case "204" -> "No content";
            case "302" -> "Found";
            case "400" -> "Bad request";
            case "401" -> "Unauthorized";
            case "403" -> "Forbidden";
            case "404" -> "Not found";
            case "409" -> "Conflict";
            case "429" -> "Too many requests";
            default -> "HTTP " + code.toUpperCase(Locale.ROOT);
        };
    }
}
