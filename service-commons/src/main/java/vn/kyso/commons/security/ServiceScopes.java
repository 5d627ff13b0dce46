package vn.kyso.commons.security;

/**
 * The audiences and scopes of Kyso's access tokens: people's tokens are for every service ({@link #PEOPLE}); a
 * service token is for the services its client calls and carries, as groups, only the scopes its job needs.
 */
public final class ServiceScopes {

    /** The audience of subscriber and operator tokens: every Kyso API. */
    public static final String PEOPLE = "kyso";

    /** account-service: set a subscriber's first password while the account is not yet activated. */
    public static final String ACCOUNT_PASSWORD_ACTIVATION = "accounts.password.activation";

    /** account-service: check a subscriber's password without opening a session (SmartCA TH v2 signing). */
    public static final String ACCOUNT_PASSWORD_CHECK = "accounts.password.check";

    /** activation-service: read a subscriber's signed acceptance record (to mail it). */
    public static final String ACTIVATION_ACCEPTANCE_READ = "activations.acceptance.read";

    /** signing-service: ask a subscriber to sign on Kyso's own behalf and read what Kyso asked for. */
    public static final String SIGNING_REQUEST = "transactions.request";

    private ServiceScopes() {
    }

    /** The audience naming one service, e.g. {@code kyso-account-service}. */
    public static String audience(String service) {
        return "kyso-" + service;
    }
}
