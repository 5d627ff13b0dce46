package vn.kyso.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What every Kyso service must offer operators: readiness that covers its database and Kafka, Prometheus metrics,
 * OpenAPI + Swagger UI, the AsyncAPI event catalogue, and problem+json for anything unknown. A service's test extends this with its resources.
 */
public abstract class PlatformEndpointsContract {

    /** The management interface's root (ends with a slash): health and metrics live there, on a port of their own. */
    @TestHTTPResource(value = "", management = true)
    protected URL management;

    @Test
    void readinessIsUpAndCoversTheDatabaseAndKafka() {
        // Readiness may lag a moment behind start-up or a broker restart in an earlier test: wait for it, bounded.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().get(management + "health/ready")
                .statusCode() == 200);
        given().get(management + "health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")))
                .body("checks.name", hasItem(containsString("Kafka")));
        given().get(management + "health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get(management + "health/started").then().statusCode(200).body("status", equalTo("UP"));
        // Not on the API port: the callers of the API (and the ingress in front of it) never reach them.
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void metricsOpenApiAndSwaggerAreServed() {
        given().get(management + "metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void theEventCatalogueIsServed() {
        given().get("/asyncapi.yaml").then().statusCode(200)
                .body(containsString("asyncapi: 3.0.0"))
                .body(containsString("address: kyso.certificate.events"));
    }

    @Test
    void unknownResourcesAnswerProblemJson() {
        given().get("/api/v1/does-not-exist")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("code", equalTo("NOT_FOUND"));
    }
}
