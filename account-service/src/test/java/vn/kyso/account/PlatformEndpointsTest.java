package vn.kyso.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PlatformEndpointsContract;
import vn.kyso.testsupport.PostgresTestResource;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "account"))
@WithTestResource(JwtKeysTestResource.class)
class PlatformEndpointsTest extends PlatformEndpointsContract {

    @Test
    void readinessCoversTheOperatorBootstrapThatRunsBesideStartUp() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> given().get(management + "health/ready")
                .statusCode() == 200);
        given().get(management + "health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'operator-bootstrap' }.status", equalTo("UP"));
    }
}
