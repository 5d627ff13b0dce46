package vn.kyso.signing.service;

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
    void aUrlIsJudgedByEveryAddressItsHostHas() {
        assertEquals("not a public address: 127.0.0.1", WebhookDestinations.refusal(URI.create("https://127.0.0.1/hook")));
        assertEquals("not a public address: 169.254.169.254",
                WebhookDestinations.refusal(URI.create("http://169.254.169.254/latest/meta-data")));
        assertTrue(WebhookDestinations.refusal(URI.create("https://localhost:8443/hook")).startsWith("not a public"));
        assertNull(WebhookDestinations.refusal(URI.create("https://203.113.131.1/hook")));
        assertEquals("unknown host", WebhookDestinations.refusal(URI.create("https://no-such-host.invalid/hook")));
    }
}
