package vn.kyso.signing;

import jakarta.inject.Singleton;

import vn.kyso.testsupport.OffsetClock;

/** The service's clock in tests: real time plus an offset a test can move forward to expire transactions. */
@Singleton
public class TestClock extends OffsetClock {
}
