package vn.kyso.commons.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an integrator's webhook may be sent: public addresses only, so a registered URL cannot make Kyso call into its
 * own cluster, the nodes, a private network, loopback or link-local addresses (cloud metadata), in any spelling the
 * JDK resolves ({@code 2852039166}, {@code [::ffff:169.254.169.254]}, …). Local development and tests may allow
 * loopback only ({@code KYSO_WEBHOOKS_ALLOW_LOOPBACK=true}); every other private range stays refused. The cluster's
 * egress policy for signing-service applies the same ranges (deploy/k8s/base/signing-service/egress.yaml).
 */
public final class WebhookDestinations {

    /** Hosts that are IP literals in some spelling: judged at registration without a DNS query. */
    private static final Pattern LITERAL = Pattern.compile("^\\[.*]$|^[0-9.]+$");

    private WebhookDestinations() {
    }

    /** Looks a host name up; the system's DNS in production, a fixed table in tests. */
    @FunctionalInterface
    public interface HostResolver {

        /** The host's addresses (blocking). */
        List<InetAddress> resolve(String host) throws UnknownHostException;

        /** The JVM's resolver. */
        HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
    }

    /**
     * Where one delivery goes: the address that was checked (and is the only one to connect to, so a name that
     * resolves differently a moment later cannot redirect the request), or why the URL may not be called.
     */
    public record Destination(InetAddress address, String refusal) {

        /** Whether the URL may be called at {@link #address}. */
        public boolean allowed() {
            return refusal == null;
        }
    }

    /**
     * Resolves the URL's host once and judges every address it has: the check made right before a delivery, whose
     * answer names the address to connect to. Blocking.
     */
    public static Destination resolve(URI url, boolean allowLoopback, HostResolver resolver) {
        String host = url.getHost();
        if (host == null) {
            return new Destination(null, "no host");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return new Destination(null, "unknown host");
        }
        if (addresses.isEmpty()) {
            return new Destination(null, "unknown host");
        }
        for (InetAddress address : addresses) {
            if (!allowed(address, allowLoopback)) {
                return new Destination(null, "not a public address: " + address.getHostAddress());
            }
        }
        return new Destination(addresses.get(0), null);
    }

    /** Why the URL's host may not be called, or null when every address it resolves to may be (system DNS). */
    public static String refusal(URI url, boolean allowLoopback) {
        return resolve(url, allowLoopback, HostResolver.SYSTEM).refusal();
    }

    /**
     * The same judgement without a DNS query, for registration: IP literals in any spelling the JDK reads, and names
     * that always mean this machine; other names are judged by {@link #refusal} when a webhook is sent.
     */
    public static String literalRefusal(URI url, boolean allowLoopback) {
        String host = url.getHost();
        if (host == null) {
            return "no host";
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return allowLoopback ? null : "not a public address: " + host;
        }
        if (!LITERAL.matcher(name).matches()) {
            return null;
        }
        return refusal(url, allowLoopback);
    }

    private static boolean allowed(InetAddress address, boolean allowLoopback) {
        return isPublic(address) || allowLoopback && address.isLoopbackAddress();
    }

    /** False for the ranges no webhook may reach. */
    public static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 0/8 "this network", 100.64/10 carrier-grade NAT (also cloud internals), 240/4 reserved.
            return first != 0 && !(first == 100 && second >= 64 && second <= 127) && first < 240;
        }
        if (a instanceof Inet6Address) {
            // fc00::/7 unique local; an IPv4-mapped address is judged as the IPv4 address it carries.
            if ((b[0] & 0xfe) == 0xfc) {
                return false;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
