package vn.kyso.signing;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.kyso.signing.crypto.TestTsa;
import vn.kyso.testsupport.JwtKeysTestResource;
import vn.kyso.testsupport.KafkaTestResource;
import vn.kyso.testsupport.PlatformEndpointsContract;
import vn.kyso.testsupport.PostgresTestResource;
import vn.kyso.testsupport.SealingKeysTestResource;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "signing"))
@WithTestResource(JwtKeysTestResource.class)
@WithTestResource(AccountLoginStub.class)
@WithTestResource(TestTsa.class)
@WithTestResource(SealingKeysTestResource.class)
class PlatformEndpointsTest extends PlatformEndpointsContract {
}
