package vn.kyso.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void keepsTheRecordsHeadersAndSaysWhereItCameFromAndWhy() {
        Headers original = new RecordHeaders();
        original.add("ce_id", "e-1".getBytes(StandardCharsets.UTF_8));
        original.add("ce_type", "vn.kyso.account.AccountCreated".getBytes(StandardCharsets.UTF_8));

        Headers dead = DeadLetters.headers(original, "kyso.account.events", 2, 41,
                new IllegalStateException("record has no ce_id", new IllegalArgumentException("bad json")));

        assertEquals("e-1", value(dead, "ce_id"));
        assertEquals("vn.kyso.account.AccountCreated", value(dead, "ce_type"));
        assertEquals("record has no ce_id", value(dead, DeadLetters.REASON));
        assertEquals("bad json", value(dead, DeadLetters.CAUSE));
        assertEquals(IllegalStateException.class.getName(), value(dead, DeadLetters.EXCEPTION_CLASS));
        assertEquals("kyso.account.events", value(dead, DeadLetters.TOPIC));
        assertEquals("2", value(dead, DeadLetters.PARTITION));
        assertEquals("41", value(dead, DeadLetters.OFFSET));
        assertEquals(2, original.toArray().length, "the consumed record's headers are not changed");
    }

    @Test
    void aRecordDeadLetteredAgainCarriesOnlyTheLatestReasonAndOrigin() {
        Headers first = DeadLetters.headers(new RecordHeaders(), "kyso.account.events", 0, 7,
                new IllegalStateException("first", new IllegalArgumentException("its cause")));
        Headers second = DeadLetters.headers(first, "kyso.dlq.account-service", 1, 3, new IllegalStateException());

        assertEquals(1, count(second, DeadLetters.REASON));
        assertEquals("IllegalStateException", value(second, DeadLetters.REASON), "no message: the exception's name");
        assertEquals("kyso.dlq.account-service", value(second, DeadLetters.TOPIC));
        assertEquals("3", value(second, DeadLetters.OFFSET));
        assertNull(second.lastHeader(DeadLetters.CAUSE), "no cause now, so no earlier cause either");
    }

    private static String value(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static int count(Headers headers, String name) {
        int n = 0;
        for (var ignored : headers.headers(name)) {
            n++;
        }
        return n;
    }
}
