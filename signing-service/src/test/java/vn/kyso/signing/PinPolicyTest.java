package vn.kyso.signing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vn.kyso.signing.credential.service.PinPolicy;

class PinPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"123456", "654321", "111111", "000000", "234567", "987654", "12345", "1234567", "12a456",
        " 12345", "", "１２３４５６"})
    void refusesRunsRepeatsAndNonSixDigits(String pin) {
        assertTrue(PinPolicy.violation(pin).isPresent(), pin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"246813", "112233", "135790", "123457", "909090", "012340"})
    void acceptsOtherSixDigitPins(String pin) {
        assertTrue(PinPolicy.violation(pin).isEmpty(), pin);
    }
}
