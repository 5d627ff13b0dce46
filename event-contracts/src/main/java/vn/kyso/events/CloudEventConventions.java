package vn.kyso.events;

import java.net.URI;

/** How Kyso fills the CloudEvents 1.0 attributes it sends in Kafka binary mode (ce_* headers, JSON payload). */
public final class CloudEventConventions {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    /** Every ce_type is {@code vn.kyso.<aggregate>.<EventName>.v<version>}. */
    public static final String TYPE_PREFIX = "vn.kyso.";

    public static final String HEADER_ID = "ce_id";
    public static final String HEADER_TYPE = "ce_type";
    public static final String HEADER_SOURCE = "ce_source";
    public static final String HEADER_SUBJECT = "ce_subject";
    public static final String HEADER_TIME = "ce_time";
    public static final String HEADER_SPEC_VERSION = "ce_specversion";

    private CloudEventConventions() {
    }

    /** The ce_source of a service: a URI reference naming the producing service, e.g. {@code /kyso/account-service}. */
    public static URI source(String serviceName) {
        return URI.create("/kyso/" + serviceName);
    }

    public static String type(String aggregate, String eventName, int version) {
        return TYPE_PREFIX + aggregate + "." + eventName + ".v" + version;
    }
}
