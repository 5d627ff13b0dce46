package vn.kyso.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The launcher on a stack moved by {@code KYSO_PORT_OFFSET}: what it prints and its smoke check use the moved ports. */
class LauncherIT {

    /** Every port {@code ./kyso} listens on before the offset: services, Kafka, PostgreSQL, SMTP, the mail API. */
    static final List<Integer> DEFAULT_PORTS = List.of(8080, 8081, 8082, 8083, 8084, 8085, 9092, 15432, 3025, 8025, 8443);

    @Test
    void upPrintsEveryAddressWithTheMovedPortsAndTheSmokeCheckPassesThere() throws Exception {
        KysoStack stack = KysoStack.shared();
        Set<Integer> moved = new TreeSet<>();
        DEFAULT_PORTS.forEach(p -> moved.add(p + KysoStack.OFFSET));
        DEFAULT_PORTS.stream().filter(p -> p >= 8080 && p <= 8085)
                .forEach(p -> moved.add(p + KysoStack.OFFSET + KysoStack.MANAGEMENT_SHIFT));

        String printed = stack.output("up");
        Set<Integer> named = new TreeSet<>();
        Matcher m = Pattern.compile("(?:localhost|127\\.0\\.0\\.1):\\{?(\\d+)").matcher(printed);
        while (m.find()) {
            named.add(Integer.parseInt(m.group(1)));
        }
        Matcher braces = Pattern.compile("localhost:\\{([\\d,]+)}").matcher(printed);
        while (braces.find()) {
            for (String p : braces.group(1).split(",")) {
                named.add(Integer.parseInt(p));
            }
        }
        assertTrue(moved.containsAll(named), "ports printed by ./kyso up " + named + " outside the moved ones "
                + moved + ":\n" + printed);
        for (int port : List.of(8080, 8081, 8083, 8084, 8025)) {
            assertTrue(named.contains(port + KysoStack.OFFSET), "./kyso up names port " + (port + KysoStack.OFFSET)
                    + ":\n" + printed);
        }

        stack.smoke();
        String smoke = stack.output("smoke");
        assertTrue(smoke.contains("account ACTIVE"), smoke);
        assertTrue(smoke.contains("status SUCCESS"), smoke);
        assertEquals(-1, smoke.indexOf("kyso:"), "no launcher error: " + smoke);

        // The operator's dead-letter view reaches the moved broker too (the services refused nothing in the smoke run).
        stack.deadLetters();
        String deadLetters = stack.output("dlq");
        assertTrue(deadLetters.matches("(?s).*\\d+ dead letter\\(s\\) in.*"), deadLetters);
    }
}
