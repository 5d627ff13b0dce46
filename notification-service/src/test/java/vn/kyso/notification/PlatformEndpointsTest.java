package vn.kyso.notification;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PlatformEndpointsContract;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;
import vn.kyso.testsupport.SmtpTestResource;
import vn.kyso.testsupport.VapidKeyTestResource;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(SmtpTestResource.class)
@WithTestResource(SealingKeysTestResource.class)
@WithTestResource(ServicesStub.class)
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(VapidKeyTestResource.class)
class PlatformEndpointsTest extends PlatformEndpointsContract {
}
