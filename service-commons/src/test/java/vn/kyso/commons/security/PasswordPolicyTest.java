package vn.kyso.commons.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"Abcdef1!", "Mật-khẩu-2026", "Xx9#xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void acceptsPasswordsThatMeetEveryRule(String password) {
        assertTrue(PasswordPolicy.violation(password, "001203004567").isEmpty(), password);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Ab1!        | must be 8 to 64 characters long",
        "abcdefg1!   | must contain an upper-case letter",
        "ABCDEFG1!   | must contain a lower-case letter",
        "Abcdefgh!   | must contain a digit",
        "Abcdefgh1   | must contain a special character",
        "Ab1!001203004567 | must not contain the identifier",
        "Abc\u0007def1! | must not contain control characters"})
    void refusesWithTheReason(String password, String reason) {
        assertEquals(reason, PasswordPolicy.violation(password, "001203004567").orElse("accepted"));
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 200})
    void refusesOverlongPasswords(int length) {
        String password = "Aa1!" + "x".repeat(length - 4);
        assertEquals("must be 8 to 64 characters long", PasswordPolicy.violation(password, null).orElse("accepted"));
    }
}
