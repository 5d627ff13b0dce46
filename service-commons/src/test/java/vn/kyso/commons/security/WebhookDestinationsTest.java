package vn.kyso.commons.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;

import org.junit.jupiter.api.Test;

class WebhookDestinationsTest {

    @Test
    void privateLoopbackLinkLocalAndReservedAddressesAreRefused() throws Exception {
        for (String address : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.1", "240.0.0.1", "::1",
            "fe80::1", "fd00::1", "fc00::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::"}) {
            assertFalse(WebhookDestinations.isPublic(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void publicAddressesAreAllowed() throws Exception {
        for (String address : new String[] {"203.113.131.1", "8.8.8.8", "100.63.255.255", "100.128.0.1",
            "172.15.255.255", "172.32.0.1", "2001:4860:4860::8888", "::ffff:203.113.131.1"}) {
            assertTrue(WebhookDestinations.isPublic(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void aUrlIsJudgedByEveryAddressItsHostHasInAnySpelling() {
        assertEquals("not a public address: 127.0.0.1", refusal("https://127.0.0.1/hook"));
        assertEquals("not a public address: 169.254.169.254", refusal("http://169.254.169.254/latest/meta-data"));
        assertEquals("not a public address: 169.254.169.254", refusal("https://2852039166/latest"), "one decimal");
        assertEquals("not a public address: 169.254.169.254", refusal("https://[::ffff:169.254.169.254]/"));
        assertTrue(refusal("https://[fd00::1]/hook").startsWith("not a public address: fd00"));
        assertEquals("not a public address: 224.0.0.1", refusal("https://224.0.0.1/hook"));
        assertTrue(refusal("https://localhost:8443/hook").startsWith("not a public"));
        assertNull(refusal("https://203.113.131.1/hook"));
        assertEquals("unknown host", refusal("https://no-such-host.invalid/hook"));
    }

    @Test
    void localDevelopmentMayAllowLoopbackAndNothingElse() {
        assertNull(WebhookDestinations.refusal(URI.create("http://127.0.0.1:9/hook"), true));
        assertNull(WebhookDestinations.literalRefusal(URI.create("http://localhost:9/hook"), true));
        assertEquals("not a public address: 10.0.0.1", WebhookDestinations.refusal(URI.create("http://10.0.0.1/"),
                true));
        assertEquals("not a public address: 169.254.169.254", WebhookDestinations.refusal(
                URI.create("http://169.254.169.254/"), true));
    }

    @Test
    void registrationJudgesLiteralsAndLocalNamesWithoutDns() {
        assertEquals("not a public address: 169.254.169.254",
                WebhookDestinations.literalRefusal(URI.create("https://2852039166/x"), false));
        assertEquals("not a public address: localhost",
                WebhookDestinations.literalRefusal(URI.create("https://localhost/x"), false));
        assertEquals("not a public address: api.localhost",
                WebhookDestinations.literalRefusal(URI.create("https://api.localhost/x"), false));
        assertNull(WebhookDestinations.literalRefusal(URI.create("https://hooks.example.vn/x"), false),
                "names are judged at delivery");
    }

    @Test
    void aNameIsJudgedByAllItsAddressesAndTheCheckedOneIsWhereTheRequestGoes() throws Exception {
        InetAddress first = InetAddress.getByName("203.113.131.1");
        InetAddress second = InetAddress.getByName("2001:4860:4860::8888");
        WebhookDestinations.Destination both = WebhookDestinations.resolve(URI.create("https://hooks.example.vn/x"),
                false, host -> java.util.List.of(first, second));
        assertTrue(both.allowed());
        assertEquals(first, both.address());
        // A name with one public and one private address (a split-horizon or rebinding answer) is refused whole.
        WebhookDestinations.Destination mixed = WebhookDestinations.resolve(URI.create("https://hooks.example.vn/x"),
                false, host -> java.util.List.of(first, InetAddress.getByName("10.0.0.5")));
        assertFalse(mixed.allowed());
        assertNull(mixed.address());
        assertEquals("not a public address: 10.0.0.5", mixed.refusal());
        assertEquals("unknown host", WebhookDestinations.resolve(URI.create("https://hooks.example.vn/x"), false,
                host -> java.util.List.of()).refusal());
    }

    private static String refusal(String url) {
        return WebhookDestinations.refusal(URI.create(url), false);
    }
}
