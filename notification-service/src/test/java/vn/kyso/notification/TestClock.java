package vn.kyso.notification;

import jakarta.inject.Singleton;

import vn.kyso.testsupport.OffsetClock;

/** The service's clock in tests: real time plus an offset a test moves forward to bring expiries near. */
@Singleton
public class TestClock extends OffsetClock {
}
