package vn.kyso.activation;

import jakarta.inject.Singleton;

import vn.kyso.testsupport.OffsetClock;

/** The service's clock in tests: real time plus an offset a test can move forward to expire codes. */
@Singleton
public class TestClock extends OffsetClock {
}
